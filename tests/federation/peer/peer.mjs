// A Fedify 2.x server on loopback for the federation tests (tests/federation/test_peer.py).
//
//   node peer.mjs --port 8444 [--tls-cert cert.pem --tls-key key.pem]
//
// One actor, @peer@127.0.0.1:<port>, served by Fedify (WebFinger, actor, inbox, shared inbox, NodeInfo).
// Control API (same port, loopback only, not part of the fediverse surface):
//   GET  /_control/lookup?q=@alice@127.0.0.1:8443      lookupWebFinger + lookupObject, returns both
//   POST /_control/follow   {"target": "@alice@127.0.0.1:8443"}
//   POST /_control/reply    {"target": "<actor>", "inReplyTo": "<url>", "content": "<p>..</p>"}
//   GET  /_control/log      every inbox activity received (also printed to stdout as JSON lines)
// Use NODE_EXTRA_CA_CERTS=ca.pem so Node's fetch trusts the loopback test CA.
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { randomUUID } from "node:crypto";
import { createFederation, MemoryKvStore, generateCryptoKeyPair } from "@fedify/fedify";
import {
  Accept, Activity, Article, Create, Delete, Endpoints, Follow, Note, Person, Update, isActor, lookupObject,
  PUBLIC_COLLECTION,
} from "@fedify/vocab";
import { lookupWebFinger } from "@fedify/webfinger";
import { Temporal } from "@js-temporal/polyfill";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8444" },
    "tls-cert": { type: "string" },
    "tls-key": { type: "string" },
    "first-knock": { type: "string" },
  },
});
const port = Number(args.port);
const tls = args["tls-cert"] != null;
const origin = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
const IDENTIFIER = "peer";

const events = [];
function record(kind, data) {
  const line = { t: new Date().toISOString(), kind, ...data };
  events.push(line);
  console.log(JSON.stringify(line));
}

const federation = createFederation({
  kv: new MemoryKvStore(),
  allowPrivateAddress: true, // loopback peers; never in production
  ...(args["first-knock"] ? { firstKnock: args["first-knock"] } : {}),
});

const keyPairs = [
  await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), // HTTP Signatures (cavage + RFC 9421), LD signatures
  await generateCryptoKeyPair("Ed25519"), // FEP-8b32 Object Integrity Proofs
];

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== IDENTIFIER) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify test peer",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      url: ctx.getActorUri(identifier),
      publicKey: keys[0].cryptographicKey, // publicKey (security/v1, publicKeyPem)
      assertionMethods: keys.map((k) => k.multikey), // assertionMethod (Multikey, FEP-521a)
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === IDENTIFIER ? keyPairs : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", async () => ({ items: [] }));

async function logActivity(ctx, activity) {
  const json = await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
  const obj = await activity.getObject({ crossOrigin: "trust" }).catch(() => null);
  record("inbox", {
    type: activity.constructor.name,
    id: activity.id?.href,
    actor: activity.actorId?.href,
    objectType: obj?.constructor?.name ?? null,
    objectId: activity.objectId?.href ?? null,
    name: obj?.name?.toString() ?? null,
    activity: json,
  });
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, logActivity)
  .on(Create, logActivity)
  .on(Update, logActivity)
  .on(Delete, logActivity)
  .on(Follow, logActivity)
  .on(Activity, logActivity)
  .onError((_ctx, error) => record("inbox-error", { error: String(error) }));

federation.setNodeInfoDispatcher("/nodeinfo/2.1", async () => ({
  software: { name: "fedify-peer", version: "0.0.1" },
  protocols: ["activitypub"],
  usage: { users: { total: 1 }, localPosts: 0, localComments: 0 },
  openRegistrations: false,
}));

function ctxFor() {
  return federation.createContext(new URL(origin), undefined);
}

async function resolveActor(ctx, target) {
  const obj = await ctx.lookupObject(target);
  if (!isActor(obj)) throw new Error(`not an actor: ${target}`);
  return obj;
}

async function control(url, body) {
  const ctx = ctxFor();
  const me = { identifier: IDENTIFIER };
  switch (url.pathname) {
    case "/_control/log":
      return events;
    case "/_control/lookup": {
      const q = url.searchParams.get("q");
      const acct = q.startsWith("@") ? `acct:${q.slice(1)}` : q;
      const jrd = await lookupWebFinger(acct, { allowPrivateAddress: true });
      const obj = await ctx.lookupObject(q);
      return { webfinger: jrd, object: obj ? await obj.toJsonLd({ format: "compact" }) : null };
    }
    case "/_control/follow": {
      const target = await resolveActor(ctx, body.target);
      const follow = new Follow({
        id: new URL(`${ctx.getActorUri(IDENTIFIER).href}#follows/${randomUUID()}`),
        actor: ctx.getActorUri(IDENTIFIER),
        object: target.id,
      });
      await ctx.sendActivity(me, target, follow);
      record("sent", { type: "Follow", id: follow.id.href, to: target.id.href, inbox: target.inboxId?.href });
      return { sent: follow.id.href };
    }
    case "/_control/reply": {
      const target = await resolveActor(ctx, body.target);
      const noteId = new URL(`${origin}/notes/${randomUUID()}`);
      const create = new Create({
        id: new URL(`${noteId.href}#create`),
        actor: ctx.getActorUri(IDENTIFIER),
        to: PUBLIC_COLLECTION,
        cc: target.id,
        object: new Note({
          id: noteId,
          attribution: ctx.getActorUri(IDENTIFIER),
          to: PUBLIC_COLLECTION,
          cc: target.id,
          content: body.content ?? "<p>A reply from the Fedify peer.</p>",
          replyTarget: new URL(body.inReplyTo), // serialised as "inReplyTo"
          published: Temporal.Now.instant(),
        }),
      });
      await ctx.sendActivity(me, target, create, { preferSharedInbox: true });
      record("sent", { type: "Create(Note)", id: create.id.href, to: target.id.href, inReplyTo: body.inReplyTo });
      return { sent: create.id.href, note: noteId.href };
    }
    default:
      return null;
  }
}

async function handler(req, res) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const raw = Buffer.concat(chunks);
  const url = new URL(req.url, origin);
  try {
    if (url.pathname.startsWith("/_control/")) {
      const out = await control(url, raw.length ? JSON.parse(raw) : {});
      res.writeHead(out == null ? 404 : 200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(out ?? { error: "not found" }, null, 1));
      return;
    }
    const request = new Request(url, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
      body: ["GET", "HEAD"].includes(req.method) ? undefined : raw,
    });
    record("http", { method: req.method, path: url.pathname + url.search, accept: req.headers.accept ?? null });
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response("Not found", { status: 404 }),
      onNotAcceptable: () => new Response("Not acceptable", { status: 406 }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    record("error", { path: url.pathname, error: String(e?.stack ?? e) });
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(String(e));
  }
}

const server = tls
  ? createHttpsServer({ cert: readFileSync(args["tls-cert"]), key: readFileSync(args["tls-key"]) }, handler)
  : createHttpServer(handler);
server.listen(port, "127.0.0.1", () => record("listening", { origin, actor: `@${IDENTIFIER}@127.0.0.1:${port}` }));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
