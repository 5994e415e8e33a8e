"""One step of a case through the Python API: an operation by its group method (found with
the generated `OPERATIONS` table), a helper, or a question to the client; the result as
the case format's neutral JSON value (tests/cases/README.md)."""

from __future__ import annotations

import inspect
import io
import tarfile
from typing import Any

from docker_engine_api import AsyncStream, Chunk, Docker, InvalidArgument
from docker_engine_api._generated.groups import OPERATIONS
from scratch import BrokenCase, call_helper


def build_payload(spec: Any, raws: dict[str, bytes]) -> bytes:
    spec = dict(spec) if isinstance(spec, dict) else spec
    nest = spec.pop("nest", None) if isinstance(spec, dict) else None
    if not isinstance(spec, dict) or len(spec) != 1 or (nest is not None and "tar" not in spec):
        raise BrokenCase('payload must be {"tar": {...}[, "nest": {...}]} or {"text": "..."}')
    kind, content = next(iter(spec.items()))
    if kind == "text":
        return str(content).encode()
    if kind == "tar":
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
            for path, text in content.items():
                data = str(text).encode()
                info = tarfile.TarInfo(path)
                info.size, info.mode, info.mtime = len(data), 0o644, 0
                tar.addfile(info, io.BytesIO(data))
            for folder, name in (nest or {}).items():
                if name not in raws:
                    raise BrokenCase(f"no raw result saved as {name!r}")
                nest_tar(tar, folder, raws[name])
        return out.getvalue()
    raise BrokenCase(f"unknown payload kind {kind}")


def nest_tar(tar: tarfile.TarFile, folder: str, raw: bytes) -> None:
    """Every entry of the tar `raw` under `folder/`, type, mode, size and links kept."""
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r") as inner:
        for info in inner.getmembers():
            data = inner.extractfile(info) if info.isreg() else None
            if info.islnk():  # a hard link names another entry: it moves with it
                info.linkname = f"{folder}/{info.linkname}"
            info.name = f"{folder}/{info.name}"
            tar.addfile(info, data)


def merge_chunks(chunks: list[Chunk]) -> list[dict[str, str]]:
    """Adjacent chunks of one stream merged; data as lossy UTF-8."""
    merged: list[tuple[str, bytearray]] = []
    for c in chunks:
        if merged and merged[-1][0] == c.stream:
            merged[-1][1].extend(c.data)
        else:
            merged.append((c.stream, bytearray(c.data)))
    return [{"stream": s, "data": d.decode("utf-8", "replace")} for s, d in merged]


async def neutral(result: Any, kind: str) -> tuple[Any, bytes | None]:
    if kind == "call":
        return await result, None
    if not isinstance(result, AsyncStream):
        raise BrokenCase(f"a {kind} operation answered {type(result).__name__}, not a stream")
    items = await result.collect()
    if kind == "bytes":
        raw = b"".join(items)
        return raw.decode("utf-8", "replace"), raw
    if kind == "chunks":
        return merge_chunks(items), None
    return items, None


async def call_step(
    docker: Docker, step: dict[str, Any], args: Any, payload: bytes | None
) -> tuple[Any, bytes | None]:
    if "client" in step:
        if step["client"] == "api_version":
            return await docker.api_version(), None
        raise BrokenCase(f"unknown client question {step['client']!r}")
    if "helper" in step:
        return await call_helper(docker, step["helper"], args or {}), None
    op = step["op"]
    if op not in OPERATIONS:
        raise BrokenCase(f"unknown operation {op}")
    group, method, names, payload_name, kind = OPERATIONS[op]
    # A name the method does not have is passed as it is: Python refuses it.
    kwargs = {names.get(name, name): value for name, value in (args or {}).items()}
    if payload is not None:
        if payload_name is None:
            raise BrokenCase(f"{op} takes no payload")
        kwargs[payload_name] = payload
    fn = getattr(getattr(docker, group), method)
    try:
        inspect.signature(fn).bind(**kwargs)
    except TypeError as e:
        # In Python an unknown or missing argument is refused by the call itself (a
        # TypeError naming it, nothing sent): the case format's InvalidArgument.
        raise InvalidArgument(str(e)) from None
    return await neutral(fn(**kwargs), kind)
