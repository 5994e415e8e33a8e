"""The results of the hand-written helpers."""

from __future__ import annotations

from typing import TypedDict


class ChunkDict(TypedDict):
    stream: str
    data: str


class CommandResult(TypedDict):
    """A finished command: exit code, its output as (lossy UTF-8) text, the chunks in order
    (adjacent chunks of one stream merged)."""

    exit_code: int
    stdout: str
    stderr: str
    chunks: list[ChunkDict]


class RunResult(CommandResult):
    """A finished container (already deleted with `remove=True`)."""

    id: str


class BuildResult(TypedDict):
    image_id: str
    log: list[str]


class RegistryAuth(TypedDict, total=False):
    username: str
    password: str
    serveraddress: str
