"""What the generated groups call: an operation by id with its arguments keyed by the spec's
names, a helper by name, an attach. `AsyncCore` answers awaitables, `SyncCore` values (it
waits with the GIL released); both hand everything to the Rust core as JSON."""

from __future__ import annotations

import json
import os
from typing import Any

from . import _native
from ._streams import AsyncAttached, AsyncStream, SyncAttached, SyncStream
from .errors import InvalidArgument

Args = dict[str, Any]
PayloadArg = bytes | bytearray | memoryview | str | os.PathLike[str] | None


def _json(args: Args) -> str:
    """Unset (None) arguments are left out: the core then uses the API's defaults."""
    try:
        return json.dumps({k: v for k, v in args.items() if v is not None})
    except (TypeError, ValueError) as e:
        raise InvalidArgument(f"arguments must be JSON values: {e}") from None


def _payload(payload: PayloadArg) -> tuple[bytes | None, str | None]:
    """Bytes are sent as they are; a path is a file streamed in as it is sent."""
    if payload is None:
        return None, None
    if isinstance(payload, (bytes, bytearray, memoryview)):
        return bytes(payload), None
    if isinstance(payload, (str, os.PathLike)):
        return None, os.fspath(payload)
    raise InvalidArgument(f"a payload is bytes or a file path, not {type(payload).__name__}")


def _value(result: tuple[str, Any]) -> Any:
    kind, value = result
    if kind == "json":
        return json.loads(value)
    return value


class AsyncCore:
    def __init__(self, native: _native.Client) -> None:
        self.native = native

    async def call(self, op: str, args: Args, payload: PayloadArg = None) -> Any:
        return _value(await self.native.call(op, _json(args), *_payload(payload)))

    def stream(self, op: str, args: Args, payload: PayloadArg = None) -> AsyncStream[Any]:
        # Checked now, sent on the first item.
        text, body = _json(args), _payload(payload)

        async def start() -> _native.Stream:
            kind, value = await self.native.call(op, text, *body)
            if kind != "stream":
                raise InvalidArgument(f"{op} answered {kind}, not a stream")
            stream: _native.Stream = value
            return stream

        return AsyncStream(start)

    async def helper(self, name: str, args: Args) -> Any:
        return json.loads(await self.native.helper(name, _json(args)))

    async def attach(self, op: str, args: Args) -> AsyncAttached:
        return AsyncAttached(await self.native.attach(op, _json(args)))


class SyncCore:
    def __init__(self, native: _native.Client) -> None:
        self.native = native

    def call(self, op: str, args: Args, payload: PayloadArg = None) -> Any:
        return _value(self.native.call_blocking(op, _json(args), *_payload(payload)))

    def stream(self, op: str, args: Args, payload: PayloadArg = None) -> SyncStream[Any]:
        text, body = _json(args), _payload(payload)

        def start() -> _native.Stream:
            kind, value = self.native.call_blocking(op, text, *body)
            if kind != "stream":
                raise InvalidArgument(f"{op} answered {kind}, not a stream")
            stream: _native.Stream = value
            return stream

        return SyncStream(start)

    def helper(self, name: str, args: Args) -> Any:
        return json.loads(self.native.helper_blocking(name, _json(args)))

    def attach(self, op: str, args: Args) -> SyncAttached:
        return SyncAttached(self.native.attach_blocking(op, _json(args)))
