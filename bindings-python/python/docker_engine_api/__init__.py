"""A Docker Engine API v1.45 client: every operation of the spec, on a Rust core.

    import asyncio
    from docker_engine_api import Docker

    async def main() -> None:
        async with Docker.from_env() as docker:
            for c in await docker.containers.list(all=True):
                print(c["Names"], c["State"])

    asyncio.run(main())

`docker_engine_api.sync.Docker` is the same surface, blocking.
"""

from . import _bridge  # noqa: F401  (registers the exit hook of the Rust side)
from ._docker import Docker
from ._generated import models
from ._streams import AsyncAttached, AsyncStream, Chunk, SyncAttached, SyncStream
from ._types import BuildResult, CommandResult, RegistryAuth, RunResult, TLSConfig
from .errors import (
    BadRequest,
    Cancelled,
    Conflict,
    ConnectError,
    DecodeError,
    DockerError,
    Forbidden,
    InvalidArgument,
    NonZeroExit,
    NotFound,
    ServerError,
    StreamError,
    Timeout,
    Unauthorized,
    Unavailable,
    VersionUnsupported,
)

__all__ = [
    "AsyncAttached",
    "AsyncStream",
    "BadRequest",
    "BuildResult",
    "Cancelled",
    "Chunk",
    "CommandResult",
    "Conflict",
    "ConnectError",
    "DecodeError",
    "Docker",
    "DockerError",
    "Forbidden",
    "InvalidArgument",
    "NonZeroExit",
    "NotFound",
    "RegistryAuth",
    "RunResult",
    "ServerError",
    "StreamError",
    "SyncAttached",
    "SyncStream",
    "TLSConfig",
    "Timeout",
    "Unauthorized",
    "Unavailable",
    "VersionUnsupported",
    "models",
]
