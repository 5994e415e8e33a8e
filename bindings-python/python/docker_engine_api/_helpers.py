"""The core's hand-written helpers as methods of their groups (the generated classes extend
these). Each method only names its arguments: the work is the core's (`call_helper`).
Typed by `_generated/helpers.pyi` (asyncio) and `_generated/sync_helpers.pyi` (blocking)."""

import os


def _text(stdin):
    """Text goes as it is; bytes as a list of numbers (JSON has no bytes)."""
    return list(stdin) if isinstance(stdin, (bytes, bytearray, memoryview)) else stdin


class Group:
    def __init__(self, core):
        self._core = core


class ContainersHelpers(Group):
    def run(self, image, cmd=None, *, pull=None, auth=None, platform=None, name=None,
            env=None, workdir=None, user=None, labels=None, tty=None, stdin=None,
            remove=None, check=None, body=None):
        """Runs `cmd` in a new container of `image` and waits for it: pulls the image if
        missing (`pull`: `missing`, `always`, `never`), creates, attaches, starts, writes
        `stdin` then closes it, and answers `{id, exit_code, stdout, stderr, chunks}`. A
        non-zero exit is data unless `check=True` (then `NonZeroExit`). `remove=True` deletes
        the container, also after an error. `body`: a `ContainerCreate` body for the rest."""
        return self._core.helper("containers.run", {
            "image": image, "cmd": cmd, "pull": pull, "auth": auth, "platform": platform,
            "name": name, "env": env, "workdir": workdir, "user": user, "labels": labels,
            "tty": tty, "stdin": _text(stdin), "remove": remove, "check": check, "body": body,
        })

    def copy_to(self, id, source, dest):
        """Copies the host file or folder `source` into the container folder `dest`, keeping
        its name (`copy_to(id, "site", "/srv")` makes `/srv/site`). Streamed."""
        return self._core.helper("containers.copy_to", {
            "id": id, "source": os.fspath(source), "dest": dest})

    def copy_from(self, id, path, dest):
        """Copies the container's `path` (file or folder) into the host folder `dest`."""
        return self._core.helper("containers.copy_from", {
            "id": id, "path": path, "dest": os.fspath(dest)})

    def attach_stdin(self, id, *, stdin=True, stdout=True, stderr=True, stream=True,
                     logs=None, detach_keys=None):
        """Attaches with stdin (the connection is hijacked): an object with `write`,
        `close_stdin` and the output to iterate."""
        return self._core.attach("ContainerAttach", {
            "id": id, "stdin": stdin, "stdout": stdout, "stderr": stderr, "stream": stream,
            "logs": logs, "detachKeys": detach_keys})


class ExecHelpers(Group):
    def run(self, id, cmd, *, stdin=None, tty=None, env=None, workdir=None, user=None,
            privileged=None, check=None):
        """Runs `cmd` in the running container `id` and waits for it: `{exit_code, stdout,
        stderr, chunks}`; `check=True` makes a non-zero exit a `NonZeroExit` error."""
        return self._core.helper("exec.run", {
            "id": id, "cmd": cmd, "stdin": _text(stdin), "tty": tty, "env": env,
            "workdir": workdir, "user": user, "privileged": privileged, "check": check})

    def start_stdin(self, id, *, detach=None, tty=None, console_size=None):
        """Starts the exec `id` (created with `AttachStdin`) with stdin: an object with
        `write`, `close_stdin` and the output to iterate."""
        config = {"Detach": detach, "Tty": tty, "ConsoleSize": console_size}
        return self._core.attach("ExecStart", {
            "id": id, "execStartConfig": {k: v for k, v in config.items() if v is not None}})


class ImagesHelpers(Group):
    def pull(self, image, *, auth=None, platform=None):
        """Pulls `name[:tag|@digest]` (no tag: `latest`) and answers its inspection. An error
        inside the pull stream raises; refused credentials raise `Unauthorized`."""
        return self._core.helper("images.pull", {
            "image": image, "auth": auth, "platform": platform})

    def build_from_dir(self, path, *, dockerfile=None, tag=None, buildargs=None,
                       labels=None, gzip=None, nocache=None):
        """Builds the folder `path` (`.dockerignore` applied, streamed): `{image_id, log}`.
        A failed build raises `StreamError` with the daemon's message."""
        return self._core.helper("images.build_dir", {
            "path": os.fspath(path), "dockerfile": dockerfile, "tag": tag,
            "buildargs": buildargs, "labels": labels, "gzip": gzip, "nocache": nocache})
