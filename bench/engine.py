"""A few raw calls to the engine over its unix socket, with the standard library only, so the
workload preparation depends on none of the clients being measured."""

import http.client
import json
import socket
from urllib.parse import quote


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float = 600.0) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


class Engine:
    def __init__(self, host: str) -> None:
        if not host.startswith("unix://"):
            raise SystemExit(f"the benchmarks need a unix socket engine, not {host}")
        self.socket = host[len("unix://"):]

    def call(self, method: str, path: str, body=None, query=None, ok=(200, 201, 204, 304)):
        """One call; answers the decoded JSON (or None). Raises on an unexpected status."""
        if query:
            path += "?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
        conn = _UnixConnection(self.socket)
        try:
            headers = {}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            conn.request(method, "/v1.45" + path, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
        finally:
            conn.close()
        if resp.status not in ok:
            raise RuntimeError(f"{method} {path}: {resp.status} {raw[:300]!r}")
        if raw and resp.getheader("Content-Type", "").startswith("application/json"):
            return json.loads(raw)
        return None

    def version(self) -> dict:
        return self.call("GET", "/version")
