"""The asyncio side of the Rust futures (bindings-python/src/runtime.rs)."""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING, Any

from . import _native

if TYPE_CHECKING:  # asyncio itself is imported by the first call, not by `import docker_engine_api`
    import asyncio


def settle(fut: asyncio.Future[Any], ok: bool, value: Any) -> None:
    """Runs on the loop's thread: the outcome of a Rust future, unless it was cancelled."""
    if fut.done():
        return
    if ok:
        fut.set_result(value)
    else:
        fut.set_exception(value)


# Before the interpreter finalizes, the Rust threads must be done with Python.
atexit.register(_native.shutdown)
