// A second, independent signer for the signature tests: prints a request to
// the given inbox address signed with draft-cavage by node:crypto by hand
// (the signing string Mastodon builds), and one signed by Fedify's own
// signRequest() in each scheme, each with its public key, as JSON.
//   node sign.mjs https://127.0.0.1:8443/ap/inbox https://peer.example/users/peer
import { createHash, createSign, generateKeyPairSync } from "node:crypto";
import { signRequest } from "@fedify/fedify";

const [url, actor] = process.argv.slice(2);
const body = JSON.stringify({
  "@context": "https://www.w3.org/ns/activitystreams",
  id: `${actor}/activities/1`,
  type: "Follow",
  actor,
  object: url,
});
const keyId = `${actor}#main-key`;
const target = new URL(url);
const samples = [];

{
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const date = new Date().toUTCString();
  const digest = "SHA-256=" + createHash("sha256").update(body).digest("base64");
  const headers = { Host: target.host, Date: date, Digest: digest, "Content-Type": "application/activity+json" };
  const signingString = [
    `(request-target): post ${target.pathname}`,
    `host: ${headers.Host}`,
    `date: ${date}`,
    `digest: ${digest}`,
  ].join("\n");
  const signature = createSign("RSA-SHA256").update(signingString).sign(privateKey, "base64");
  headers.Signature = `keyId="${keyId}",algorithm="rsa-sha256",` +
    `headers="(request-target) host date digest",signature="${signature}"`;
  samples.push({
    signer: "node:crypto", headers, body,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }),
  });
}

for (const spec of ["draft-cavage-http-signatures-12", "rfc9421"]) {
  const { privateKey, publicKey } = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true, ["sign", "verify"],
  );
  const request = new Request(url, {
    method: "POST", body,
    headers: { "Content-Type": "application/activity+json", Accept: "application/activity+json" },
  });
  const signed = await signRequest(request, privateKey, new URL(keyId), { spec });
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", publicKey)).toString("base64");
  samples.push({
    signer: `Fedify ${spec}`,
    headers: Object.fromEntries(signed.headers.entries()), // host included
    body: await signed.text(),
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`,
  });
}
console.log(JSON.stringify(samples));
