# Typed surface of _helpers.py (blocking).
import os
from typing import Any

from ._streams import SyncAttached
from ._types import BuildResult, RegistryAuth, RunResult, CommandResult
from ._generated.models import ContainerCreateBody, ImageInspect

class Group:
    _core: Any
    def __init__(self, core: Any) -> None: ...

class ContainersHelpers(Group):
    def run(
        self,
        image: str,
        cmd: list[str] | None = None,
        *,
        pull: str | None = None,
        auth: RegistryAuth | None = None,
        platform: str | None = None,
        name: str | None = None,
        env: list[str] | None = None,
        workdir: str | None = None,
        user: str | None = None,
        labels: dict[str, str] | None = None,
        tty: bool | None = None,
        stdin: str | bytes | None = None,
        remove: bool | None = None,
        check: bool | None = None,
        body: ContainerCreateBody | None = None,
    ) -> RunResult: ...
    def copy_to(self, id: str, source: str | os.PathLike[str], dest: str) -> None: ...
    def copy_from(self, id: str, path: str, dest: str | os.PathLike[str]) -> None: ...
    def attach_stdin(
        self,
        id: str,
        *,
        stdin: bool = True,
        stdout: bool = True,
        stderr: bool = True,
        stream: bool = True,
        logs: bool | None = None,
        detach_keys: str | None = None,
    ) -> SyncAttached: ...

class ExecHelpers(Group):
    def run(
        self,
        id: str,
        cmd: list[str],
        *,
        stdin: str | bytes | None = None,
        tty: bool | None = None,
        env: list[str] | None = None,
        workdir: str | None = None,
        user: str | None = None,
        privileged: bool | None = None,
        check: bool | None = None,
    ) -> CommandResult: ...
    def start_stdin(
        self,
        id: str,
        *,
        detach: bool | None = None,
        tty: bool | None = None,
        console_size: list[int] | None = None,
    ) -> SyncAttached: ...

class ImagesHelpers(Group):
    def pull(
        self, image: str, *, auth: RegistryAuth | None = None, platform: str | None = None
    ) -> ImageInspect: ...
    def build_from_dir(
        self,
        path: str | os.PathLike[str],
        *,
        dockerfile: str | None = None,
        tag: str | None = None,
        buildargs: dict[str, str] | None = None,
        labels: dict[str, str] | None = None,
        gzip: bool | None = None,
        nocache: bool | None = None,
    ) -> BuildResult: ...
