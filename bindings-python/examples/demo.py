"""`make demo`, in Python: drive a real Docker engine through the asyncio API and say what
happened. Uses `DOCKER_HOST` (the Makefile points it at the project's engine when none of
yours is reachable) and `DOCKER_API_VERSION` (unset: negotiated, like the Docker CLI)."""

from __future__ import annotations

import asyncio
import os
import sys

from docker_engine_api import ConnectError, Docker, DockerError

IMAGE = "busybox:latest"


async def demo() -> None:
    async with Docker.from_env() as docker:
        print(f"Engine at {docker.endpoint}")

        pong = await docker.system.ping()
        api = await docker.api_version()
        version = await docker.system.version()
        how = "pinned by DOCKER_API_VERSION" if os.environ.get("DOCKER_API_VERSION") else "negotiated"
        print(f"1. Ping answered {pong!r}; API {api} ({how}); engine Docker "
              f"{version.get('Version', '?')} (API {version.get('ApiVersion', '?')})")

        images = await docker.images.list()
        print(f"2. The engine has {len(images)} image(s)")

        # One call: create, attach, start, collect the output, wait, remove. A non-zero
        # exit code is data here (check=False), not an exception.
        out = await docker.containers.run(
            IMAGE, ["sh", "-c", "echo Hello from busybox; echo a warning >&2; exit 3"],
            remove=True, check=False)
        print(f"3. Ran {IMAGE}: exit code {out['exit_code']}, stdout {out['stdout']!r}, "
              f"stderr {out['stderr']!r}, removed")

        name = f"dea-demo-py-{os.getpid()}"
        created = await docker.containers.create(
            {"Image": IMAGE, "Cmd": ["sleep", "60"]}, name=name)
        try:
            await docker.containers.start(created["Id"])
            # stdin is written, then half-closed: `tr` sees the end of its input and exits.
            ran = await docker.exec.run(created["Id"], ["tr", "a-z", "A-Z"],
                                        stdin="hello through stdin\n")
        finally:
            await docker.containers.delete(created["Id"], force=True)
        print(f"4. Exec in {name} with stdin: `tr a-z A-Z` answered "
              f"{ran['stdout'].rstrip()!r}, exit code {ran['exit_code']}; container removed")

        if out["exit_code"] != 3 or ran["exit_code"] != 0:
            sys.exit(f"unexpected exit codes: {out['exit_code']} and {ran['exit_code']}")
        print("Done (Python): ping, version, images, run, exec with stdin.")


def main() -> None:
    try:
        asyncio.run(demo())
    except ConnectError as e:
        sys.exit(f"demo failed: {e}\n(set DOCKER_HOST to a running engine, or run "
                 "`make engines` first)")
    except DockerError as e:
        sys.exit(f"demo failed: {e}")


if __name__ == "__main__":
    main()
