"""What the asyncio `Docker` and the blocking `sync.Docker` share: making the core's client
and handing the groups their core object."""

from __future__ import annotations

import json
import os
from typing import Any, TypeVar

from . import _native
from ._types import TLSConfig
from .errors import InvalidArgument

DEFAULT_CONNECT_TIMEOUT = 10.0

C = TypeVar("C", bound="ClientBase")


def _tls_json(tls: TLSConfig | None) -> str | None:
    """The settings as JSON for the core (which checks them); paths may be `PathLike`."""
    if tls is None:
        return None
    if not isinstance(tls, dict):
        raise InvalidArgument(f"tls must be a dict (TLSConfig), not {type(tls).__name__}")
    plain = {k: os.fspath(v) if isinstance(v, os.PathLike) else v for k, v in tls.items()}
    return json.dumps(plain)


class ClientBase:
    """Comes before the generated `Api` in a client's bases: makes the core's client, then
    gives the groups the core object of its kind (`_core_type`: async or blocking)."""

    _core_type: Any

    def __init__(
        self,
        url: str | None = None,
        version: str | None = "auto",
        timeout: float | None = None,
        connect_timeout: float | None = DEFAULT_CONNECT_TIMEOUT,
        *,
        tls: TLSConfig | None = None,
        native: _native.Client | None = None,
    ) -> None:
        """`url`: `unix:///var/run/docker.sock`, `tcp://host:2375`, `http://host:port/v1.45`
        (the path pins the version); default `DOCKER_HOST`, else the local socket. `version`:
        `auto` (negotiate once with the engine) or a pinned `1.45`, `1.41`...; `None` speaks
        1.45 unless the URL pins another. `timeout`: the longest silence from the engine,
        in seconds, before the response headers or between the chunks of a stream (default
        none: a `wait` may take hours); `connect_timeout`: seconds to connect.
        `tls`: TLS settings (`TLSConfig`: `cert_path`, `ca`, `cert`, `key`, `verify`); a wrong
        key, type or file raises `InvalidArgument`."""
        self._native = native or _native.Client(
            url, version, timeout, connect_timeout, tls=_tls_json(tls)
        )
        groups_init: Any = super().__init__  # the generated Api, next in the MRO
        groups_init(self._core_type(self._native))

    @classmethod
    def from_env(cls: type[C]) -> C:
        """As the Docker CLI makes it: `DOCKER_HOST` (default the local socket) and
        `DOCKER_API_VERSION` (default: negotiate)."""
        return cls(native=_native.Client(from_env=True))

    @property
    def endpoint(self) -> str:
        return self._native.endpoint
