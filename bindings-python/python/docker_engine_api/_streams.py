"""Streamed results: async and blocking iterators over the core's streams.

Items are `bytes` (export, save, archive), `Chunk` (container output) or dicts (events,
stats, progress). A stream starts its request on the first item; an error before or inside
the stream is raised there. Leaving `async with`/`with` or calling `close()` ends the
request.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, NamedTuple, TypeVar

from . import _native

T = TypeVar("T")
Self = TypeVar("Self")


class Closing:
    """`with x:` ends with `x.close()`."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: Self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClosing:
    """`async with x:` ends with `x.close()` (which never waits)."""

    def close(self) -> None:
        raise NotImplementedError

    async def __aenter__(self: Self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Chunk(NamedTuple):
    """A piece of container output: `stream` is `stdout`, `stderr`, `stdin` or `console` (a TTY)."""

    stream: str
    data: bytes


def _item(raw: Any) -> Any:
    if isinstance(raw, tuple):
        return Chunk(raw[0], raw[1])
    if isinstance(raw, str):
        return json.loads(raw)
    return raw


class AsyncStream(AsyncClosing, Generic[T]):
    """`async for item in stream`; `await stream.collect()` reads it to the end."""

    def __init__(self, start: Callable[[], Awaitable[_native.Stream]]) -> None:
        self._start: Callable[[], Awaitable[_native.Stream]] | None = start
        self._native: _native.Stream | None = None

    def __aiter__(self) -> AsyncStream[T]:
        return self

    async def __anext__(self) -> T:
        if self._native is None:
            if self._start is None:
                raise StopAsyncIteration
            start, self._start = self._start, None
            self._native = await start()
        raw = await self._native.next()
        if raw is None:
            raise StopAsyncIteration
        item: T = _item(raw)
        return item

    async def collect(self) -> list[T]:
        return [item async for item in self]

    def close(self) -> None:
        self._start = None
        if self._native is not None:
            self._native.close()

    async def aclose(self) -> None:
        self.close()



class SyncStream(Closing, Generic[T]):
    """`for item in stream` (each wait releases the GIL); `stream.collect()`."""

    def __init__(self, start: Callable[[], _native.Stream]) -> None:
        self._start: Callable[[], _native.Stream] | None = start
        self._native: _native.Stream | None = None

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        if self._native is None:
            if self._start is None:
                raise StopIteration
            start, self._start = self._start, None
            self._native = start()
        raw = self._native.next_blocking()
        if raw is None:
            raise StopIteration
        item: T = _item(raw)
        return item

    def collect(self) -> list[T]:
        return list(self)

    def close(self) -> None:
        self._start = None
        if self._native is not None:
            self._native.close()



class AsyncAttached(AsyncClosing):
    """An attached container or exec: `await write(b)`, `await close_stdin()` (the program
    reads end of file; its output keeps coming), `async for chunk in attached`."""

    def __init__(self, native: _native.Attached) -> None:
        self._native = native
        self.output: AsyncStream[Chunk] = AsyncStream(self._output)

    async def _output(self) -> _native.Stream:
        return self._native.output

    async def write(self, data: bytes) -> None:
        await self._native.write(data)

    async def close_stdin(self) -> None:
        await self._native.close_stdin()

    def __aiter__(self) -> AsyncIterator[Chunk]:
        return self.output

    async def collect(self) -> list[Chunk]:
        return await self.output.collect()

    def close(self) -> None:
        self._native.output.close()



class SyncAttached(Closing):
    """The blocking `AsyncAttached`: `write(b)`, `close_stdin()`, `for chunk in attached`."""

    def __init__(self, native: _native.Attached) -> None:
        self._native = native
        self.output: SyncStream[Chunk] = SyncStream(lambda: native.output)

    def write(self, data: bytes) -> None:
        self._native.write_blocking(data)

    def close_stdin(self) -> None:
        self._native.close_stdin_blocking()

    def __iter__(self) -> Iterator[Chunk]:
        return self.output

    def collect(self) -> list[Chunk]:
        return self.output.collect()

    def close(self) -> None:
        self._native.output.close()

