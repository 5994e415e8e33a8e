"""The asyncio side of the Rust futures (bindings-python/src/bridge.rs)."""

from __future__ import annotations

import atexit
import weakref
from typing import TYPE_CHECKING, Any

from . import _native

if TYPE_CHECKING:  # asyncio itself is imported by the first call, not by `import docker_engine_api`
    import asyncio

# One inbox per event loop, made on its first call and gone with the loop.
_inboxes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _native.Inbox] = (
    weakref.WeakKeyDictionary()
)
_get_running_loop: Any = None


def new_future() -> tuple[asyncio.Future[Any], _native.Inbox]:
    """A future of the running loop, and the inbox where the Rust side leaves its outcome."""
    global _get_running_loop
    if _get_running_loop is None:
        import asyncio

        _get_running_loop = asyncio.get_running_loop
    loop = _get_running_loop()
    inbox = _inboxes.get(loop)
    if inbox is None:
        inbox = _native.Inbox()
        # The loop settles what has finished whenever the Rust side writes a wake-up byte.
        loop.add_reader(inbox.fileno(), inbox.drain)
        _inboxes[loop] = inbox
    return loop.create_future(), inbox


# Before the interpreter finalizes, threads blocked in the blocking API must let Python go.
atexit.register(_native.shutdown)
