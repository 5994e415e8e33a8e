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

from typing import TYPE_CHECKING, Any

from . import _bridge  # noqa: F401  (registers the exit hook of the Rust side)
from ._docker import Docker
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

if TYPE_CHECKING:
    from ._generated import models

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


def __getattr__(name: str) -> Any:
    # The TypedDicts of every model cost more to create than the rest of the package: made
    # when first asked for (`docker_engine_api.models`), not at import.
    if name == "models":
        from ._generated import models

        return models
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
