"""The blocking facade: the same surface as `docker_engine_api.Docker`, for scripts.

    from docker_engine_api.sync import Docker
    with Docker.from_env() as docker:
        print(docker.system.version()["ApiVersion"])

Each call waits with the GIL released, so other Python threads keep running.
"""

from __future__ import annotations

from ._client import ClientBase
from ._core import SyncCore
from ._generated.sync_groups import Api
from ._streams import Chunk, Closing, SyncAttached, SyncStream
from .errors import *  # noqa: F401,F403
from .errors import DockerError


class Docker(ClientBase, Api, Closing):
    """A blocking Docker Engine API client: `docker.containers.list(all=True)`."""

    _core_type = SyncCore

    def api_version(self) -> str:
        return self._native.api_version_blocking()

    def close(self) -> None:
        """Nothing to wait for: connections close when the client is dropped."""


__all__ = ["Chunk", "Docker", "DockerError", "SyncAttached", "SyncStream"]
