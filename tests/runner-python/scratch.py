"""The helper steps: files described in the case as `{"path": "content"}` maps are written
to (or read back from) a scratch folder; the helper itself is the Python API's."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from docker_engine_api import Docker


class BrokenCase(Exception):
    """The case itself is wrong (unknown operation, bad payload...), not the client."""


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def read_files(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(root))] = path.read_bytes().decode("utf-8", "replace")
    return out


async def call_helper(docker: Docker, helper: str, args: dict[str, Any]) -> Any:
    args = dict(args)
    with tempfile.TemporaryDirectory(prefix="dea-py-runner-") as tmp:
        dir = Path(tmp)
        if helper == "images.build_dir":
            write_files(dir, args.pop("files", {}))
            return await docker.images.build_from_dir(dir, **args)
        if helper == "containers.copy_to":
            source = dir / args["source"]
            source.mkdir(parents=True, exist_ok=True)
            write_files(source, args.get("files", {}))
            return await docker.containers.copy_to(args["id"], source, args["dest"])
        if helper == "containers.copy_from":
            await docker.containers.copy_from(args["id"], args["path"], dir)
            return {"files": read_files(dir)}
        if helper == "containers.run":
            return await docker.containers.run(**args)
        if helper == "exec.run":
            return await docker.exec.run(**args)
        if helper == "images.pull":
            return await docker.images.pull(**args)
    raise BrokenCase(f"unknown helper {helper!r}")
