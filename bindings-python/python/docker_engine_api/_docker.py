"""The asyncio client."""

from __future__ import annotations

from ._client import ClientBase
from ._core import AsyncCore
from ._generated.groups import Api
from ._streams import AsyncClosing


class Docker(ClientBase, Api, AsyncClosing):
    """A Docker Engine API client for asyncio: `await docker.containers.list(all=True)`.

    Every operation of the spec is a method of its group (`containers`, `images`, `networks`,
    `volumes`, `exec`, `system`, `swarm`, `services`...). Streams are async iterators.
    """

    _core_type = AsyncCore

    async def api_version(self) -> str:
        """The API version in use (negotiated on first use when `version="auto"`)."""
        version: str = await self._native.api_version()
        return version

    def close(self) -> None:
        """Nothing to wait for: connections close when the client is dropped."""
