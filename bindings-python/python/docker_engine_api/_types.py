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


class TLSConfig(TypedDict, total=False):
    """TLS to a `tcp://`/`https://` engine, the core's `TlsPaths`: `cert_path` is a folder
    with `ca.pem`, `cert.pem` and `key.pem` (as `DOCKER_CERT_PATH`); `ca`, `cert` and `key`
    name files and win over it; `verify` (default true) checks the engine's certificate."""

    cert_path: str
    ca: str
    cert: str
    key: str
    verify: bool
