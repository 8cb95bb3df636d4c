"""Many fediverse servers on loopback, for `make bench-federation`: one
asyncio process listening on N ports, each a host with a shared inbox that
answers 202 to any POST and counts it, and one account (/users/bench) whose
actor document carries the public key in the file given.

    python -m bench.federation.inboxes PORTS_FILE KEY_PEM COUNT_FILE

It writes the ports it listens on to PORTS_FILE (one a line), keeps the
number of POSTs received in COUNT_FILE, and stops on SIGINT or SIGTERM.
"""

import asyncio
import contextlib
import functools
import json
import signal
import socket
import sys
from pathlib import Path

received = 0


async def serve(reader, writer, *, port, key_pem):
    global received
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path = head.split(b" ", 2)[:2]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            if method == b"POST":
                received += 1
                status, body = b"202 Accepted", b""
            else:
                status, body = b"200 OK", _actor(port, key_pem, path.decode())
            writer.write(
                b"HTTP/1.1 " + status + b"\r\nContent-Type: application/activity+json"
                b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def _actor(port, key_pem, path):
    uri = f"http://127.0.0.1:{port}{path}"
    return json.dumps(
        {
            "id": uri,
            "type": "Person",
            "preferredUsername": "bench",
            "inbox": f"{uri}/inbox",
            "endpoints": {"sharedInbox": f"http://127.0.0.1:{port}/inbox"},
            "publicKey": {
                "id": f"{uri}#main-key",
                "owner": uri,
                "publicKeyPem": key_pem,
            },
        }
    ).encode()


async def main(ports_file, key_file, count_file, count):
    key_pem = Path(key_file).read_text()
    servers, ports = [], []
    for _ in range(count):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        handler = functools.partial(serve, port=port, key_pem=key_pem)
        servers.append(await asyncio.start_server(handler, sock=sock, backlog=256))
        ports.append(port)
    Path(ports_file).write_text("\n".join(map(str, ports)))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop.set)
    while not stop.is_set():
        Path(count_file).write_text(str(received))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)
    Path(count_file).write_text(str(received))
    for server in servers:
        server.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4], int(sys.argv[4])))
