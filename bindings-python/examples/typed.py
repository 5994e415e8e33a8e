"""A typed example: `mypy --strict` checks it against the generated stubs (make test)."""

import asyncio

from docker_engine_api import Chunk, Docker, NotFound, models
from docker_engine_api import sync


async def main() -> None:
    async with Docker.from_env() as docker:
        print(await docker.api_version())
        containers: list[models.ContainerSummary] = await docker.containers.list(all=True)
        for c in containers:
            print(c.get("Names"), c.get("State"))
        try:
            await docker.containers.inspect("no-such-container")
        except NotFound as e:
            print(e.status, e.message)
        result = await docker.containers.run("busybox", ["echo", "hi"], remove=True)
        print(result["exit_code"], result["stdout"])
        async for chunk in docker.containers.logs(result["id"], stdout=True):
            assert isinstance(chunk, Chunk)
            print(chunk.stream, chunk.data.decode())
        async for event in docker.system.events(since="0", until="1"):
            print(event.get("Type"), event.get("Action"))


def blocking() -> None:
    with sync.Docker.from_env() as docker:
        version: models.SystemVersion = docker.system.version()
        print(version.get("ApiVersion"))
        for chunk in docker.containers.logs("x", stdout=True):
            print(chunk.data)


if __name__ == "__main__":
    asyncio.run(main())
