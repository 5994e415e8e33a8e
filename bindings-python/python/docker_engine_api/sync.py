"""The blocking facade: the same surface as `docker_engine_api.Docker`, for scripts.

    from docker_engine_api.sync import Docker
    with Docker.from_env() as docker:
        print(docker.system.version()["ApiVersion"])

Each call waits with the GIL released, so other Python threads keep running.
"""

from __future__ import annotations

from types import TracebackType

from . import _native
from ._client import DEFAULT_CONNECT_TIMEOUT, from_env_native, make_native
from ._core import SyncCore
from ._generated.sync_groups import Api
from ._streams import Chunk, SyncAttached, SyncStream
from .errors import *  # noqa: F401,F403
from .errors import DockerError


class Docker(Api):
    """A blocking Docker Engine API client: `docker.containers.list(all=True)`."""

    def __init__(
        self,
        url: str | None = None,
        version: str | None = "auto",
        timeout: float | None = None,
        connect_timeout: float | None = DEFAULT_CONNECT_TIMEOUT,
        *,
        native: _native.Client | None = None,
    ) -> None:
        self._native = native or make_native(url, version, timeout, connect_timeout)
        super().__init__(SyncCore(self._native))

    @classmethod
    def from_env(cls) -> Docker:
        return cls(native=from_env_native())

    @property
    def endpoint(self) -> str:
        return self._native.endpoint

    def api_version(self) -> str:
        return self._native.api_version_blocking()

    def close(self) -> None:
        """Nothing to wait for: connections close when the client is dropped."""

    def __enter__(self) -> Docker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["Chunk", "Docker", "DockerError", "SyncAttached", "SyncStream"]
