"""A fake registry API on 127.0.0.1 (http.server in a thread): pages, a since-cursor, a bearer token,
one 503 on demand, and a broken page on demand."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "s3cret-token"


@dataclass
class State:
    rows: list[dict[str, Any]] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)  # every path+query asked for
    fail_once: set[int] = field(default_factory=set)  # pages answering 503 the first time
    broken: set[int] = field(default_factory=set)  # pages answering with something that is not JSON


def _handler(state: State) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            return None

        def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            state.hits.append(self.path)
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, b'{"error": "unauthorised"}')
                return
            u = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(u.query).items()}
            page, size = int(q.get("page", "1")), int(q.get("per_page", "2"))
            if page in state.fail_once:
                state.fail_once.discard(page)
                self._send(503, b"busy", "text/plain")
                return
            if page in state.broken:
                self._send(200, b"<html>Internal error</html>", "text/html")
                return
            since = q.get("updated_since")
            rows = sorted(
                (r for r in state.rows if since is None or r["updated_at"] > since),
                key=lambda r: r["updated_at"],
            )
            chunk = rows[(page - 1) * size : page * size]
            self._send(200, json.dumps({"data": {"items": chunk}, "total": len(rows)}).encode())

    return H


@contextmanager
def serve(state: State) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        t.join(5)
