"""What the asyncio `Docker` and the blocking `sync.Docker` share: making the core's client."""

from __future__ import annotations

from . import _native

DEFAULT_CONNECT_TIMEOUT = 10.0


def make_native(
    url: str | None,
    version: str | None,
    timeout: float | None,
    connect_timeout: float | None,
) -> _native.Client:
    """`url`: `unix:///var/run/docker.sock`, `tcp://host:2375`, `http://host:port/v1.45` (the
    path pins the version); default `DOCKER_HOST`, else the local socket. `version`: `auto`
    (negotiate once with the engine) or a pinned `1.45`, `1.41`...; `None` speaks 1.45 unless
    the URL pins another. `timeout`: seconds to wait for the response headers (default none:
    a `wait` may take hours); `connect_timeout`: seconds to connect."""
    return _native.Client(url, version, timeout, connect_timeout)


def from_env_native() -> _native.Client:
    """As the Docker CLI: `DOCKER_HOST` (default the local socket) and `DOCKER_API_VERSION`
    (default: negotiate)."""
    return _native.Client(from_env=True)
