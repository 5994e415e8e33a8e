"""The asyncio client."""

from __future__ import annotations

from types import TracebackType

from . import _native
from ._client import DEFAULT_CONNECT_TIMEOUT, from_env_native, make_native
from ._core import AsyncCore
from ._generated.groups import Api


class Docker(Api):
    """A Docker Engine API client for asyncio: `await docker.containers.list(all=True)`.

    Every operation of the spec is a method of its group (`containers`, `images`, `networks`,
    `volumes`, `exec`, `system`, `swarm`, `services`...). Streams are async iterators.
    """

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
        super().__init__(AsyncCore(self._native))

    @classmethod
    def from_env(cls) -> Docker:
        """A client from `DOCKER_HOST` and `DOCKER_API_VERSION`, as the Docker CLI makes it."""
        return cls(native=from_env_native())

    @property
    def endpoint(self) -> str:
        return self._native.endpoint

    async def api_version(self) -> str:
        """The API version in use (negotiated on first use when `version="auto"`)."""
        version: str = await self._native.api_version()
        return version

    async def close(self) -> None:
        """Nothing to wait for: connections close when the client is dropped."""

    async def __aenter__(self) -> Docker:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
