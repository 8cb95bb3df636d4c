"""A fediverse server of the tests' own on loopback: accounts with their
keys and actor documents, inboxes that record what they are sent (and
answer what a test tells them to), and signed activities sent from them."""

import http.server
import json
import threading
import uuid
from contextlib import contextmanager

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from federation import signatures


class Account:
    def __init__(self, server, name):
        self.server, self.name = server, name
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.document_overrides = {}

    @property
    def uri(self):
        return f"{self.server.base}/users/{self.name}"

    @property
    def key_id(self):
        return f"{self.uri}#main-key"

    @property
    def handle(self):
        return f"@{self.name}@{self.server.base.removeprefix('http://')}"

    def rotate_key(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def document(self):
        pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return {
            "@context": ["https://www.w3.org/ns/activitystreams"],
            "id": self.uri,
            "type": "Person",
            "preferredUsername": self.name,
            "name": self.name.capitalize(),
            "url": f"{self.server.base}/@{self.name}",
            "inbox": f"{self.uri}/inbox",
            "endpoints": {"sharedInbox": f"{self.server.base}/inbox"},
            "publicKey": {
                "id": self.key_id,
                "owner": self.uri,
                "publicKeyPem": pem.decode(),
            },
            **self.document_overrides,
        }

    def activity(self, kind, obj, **extra):
        return {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": f"{self.uri}/activities/{uuid.uuid4()}",
            "type": kind,
            "actor": self.uri,
            "object": obj,
            **extra,
        }

    def note(self, *, in_reply_to, content, note_id=None):
        return {
            "id": note_id or f"{self.uri}/statuses/{uuid.uuid4().hex[:10]}",
            "type": "Note",
            "attributedTo": self.uri,
            "inReplyTo": in_reply_to,
            "content": content,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
        }

    def post(self, client, path, activity, *, spec=signatures.RFC9421, body=None):
        """POST ``activity`` to ``path`` of the site through Django's test
        client, signed by this account."""
        body = body if body is not None else json.dumps(activity).encode()
        url = f"http://testserver{path}"
        headers = signatures.sign(
            spec=spec,
            method="POST",
            url=url,
            body=json.dumps(activity).encode(),
            key_id=self.key_id,
            private_key=self.key,
            headers={"Content-Type": "application/activity+json"},
        )
        return client.post(
            path,
            body,
            content_type="application/activity+json",
            headers={k: v for k, v in headers.items() if k != "Content-Type"},
        )


class Server:
    """Answers actor documents; records POSTs; ``answers[path]`` sets the
    status an inbox answers with (202 otherwise); ``cavage_only`` makes it
    refuse RFC 9421 signatures with 401, as older servers do."""

    def __init__(self):
        self.accounts, self.received, self.answers, self.pages = {}, [], {}, {}
        self.base, self.cavage_only = "", False

    def account(self, name):
        self.accounts[name] = Account(self, name)
        return self.accounts[name]

    def activities(self, kind=None):
        return [
            json.loads(body)
            for _, _, body in self.received
            if kind is None or json.loads(body).get("type") == kind
        ]


@contextmanager
def fediverse_server():
    server = Server()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            name = self.path.removeprefix("/users/")
            if name in server.accounts:
                self._answer(
                    200, server.accounts[name].document(), "application/activity+json"
                )
            elif self.path in server.pages:
                status, headers, body = server.pages[self.path]
                self.send_response(status)
                for key, value in {"Content-Length": len(body), **headers}.items():
                    self.send_header(key, str(value))
                self.end_headers()
                self.wfile.write(body)
            else:
                self._answer(404, {}, "application/json")

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if server.cavage_only and "Signature-Input" in self.headers:
                self._answer(401, {}, "application/json")
                return
            server.received.append((self.path, dict(self.headers), body))
            self._answer(server.answers.get(self.path, 202), {}, "application/json")

        def _answer(self, status, document, kind):
            data = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.base = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
