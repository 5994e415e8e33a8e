"""One benchmark measurement in Python: `bench.py WORKLOAD CLIENT WORKLOAD.json REPS` prints
{"seconds": [one per rep], ...} as bench/rust does. Clients: ours (docker_engine_api, asyncio),
docker (docker-py, blocking; its low-level APIClient, the fastest way it offers), aiodocker.
The inspect workload keeps 32 calls in flight: tasks for the async clients, threads (and a
pool of 32 connections) for docker-py."""

import asyncio
import concurrent.futures
import json
import os
import sys
import time

N = {"ping": (2000, 1), "list": (1000, 1), "inspect": (2000, 32)}
CALLS = ("ping", "list", "inspect")


def calls(w, workload):
    n, inflight = N[workload]
    return (n // 10 if w["quick"] else n), inflight


def check_len(items):
    if len(items) != 10:
        raise RuntimeError(f"the list answered {len(items)} containers, not the 10 prepared")


class Ours:
    def __init__(self, w):
        from docker_engine_api import Docker
        self.d = Docker(w["host"])
        self.filters = {"label": [w["label"]]}

    async def ping(self):
        await self.d.system.ping()

    async def list(self):
        check_len(await self.d.containers.list(all=True, filters=self.filters))

    async def inspect(self, cid):
        await self.d.containers.inspect(cid)

    async def logs(self, cid):
        n = 0
        async for chunk in self.d.containers.logs(cid, follow=True, stdout=True, stderr=True):
            n += len(chunk.data)
        return n

    async def save(self, image):
        n = 0
        with open("/dev/null", "wb") as sink:
            async for b in self.d.images.get(image):
                sink.write(b)
                n += len(b)
        return n

    async def load(self, tar):
        async for _ in self.d.images.load(images_tarball=tar):
            pass
        return os.path.getsize(tar)


class AioDocker:
    def __init__(self, w):
        import aiodocker
        self.d = aiodocker.Docker(url=w["host"])
        self.filters = json.dumps({"label": [w["label"]]})

    async def ping(self):
        # aiodocker has no ping method; its own request helper is what a user would call.
        async with self.d._query("_ping") as resp:
            await resp.read()

    async def list(self):
        check_len(await self.d.containers.list(all="true", filters=self.filters))

    async def inspect(self, cid):
        await self.d.containers.get(cid)

    async def logs(self, cid):
        n = 0
        async for line in self.d.containers.container(cid).log(stdout=True, stderr=True, follow=True):
            n += len(line)
        return n

    async def save(self, image):
        n = 0
        with open("/dev/null", "wb") as sink:
            async with self.d.images.export_image(image) as tar:
                async for b in tar.iter_any():
                    sink.write(b)
                    n += len(b)
        return n

    async def load(self, tar):
        with open(tar, "rb") as f:
            await self.d.images.import_image(data=f)
        return os.path.getsize(tar)


class DockerPy:
    """Blocking; its calls run on the event loop's thread (the sequential workloads) or on
    32 threads (inspect), so the harness below stays one."""

    def __init__(self, w):
        import docker
        self.api = docker.APIClient(base_url=w["host"], version="1.45", max_pool_size=32)
        self.filters = {"label": [w["label"]]}
        self.pool = concurrent.futures.ThreadPoolExecutor(32)

    async def ping(self):
        self.api.ping()

    async def list(self):
        check_len(self.api.containers(all=True, filters=self.filters))

    async def inspect(self, cid):
        await asyncio.get_running_loop().run_in_executor(self.pool, self.api.inspect_container, cid)

    async def logs(self, cid):
        n = 0
        for b in self.api.logs(cid, stream=True, follow=True, stdout=True, stderr=True):
            n += len(b)
        return n

    async def save(self, image):
        n = 0
        with open("/dev/null", "wb") as sink:
            for b in self.api.get_image(image):
                sink.write(b)
                n += len(b)
        return n

    async def load(self, tar):
        with open(tar, "rb") as f:
            for _ in self.api.load_image(f):
                pass
        return os.path.getsize(tar)


CLIENTS = {"ours": Ours, "aiodocker": AioDocker, "docker": DockerPy}


async def run_calls(c, workload, w, n, inflight):
    ids = w["containers"]
    if workload == "ping":
        for _ in range(n):
            await c.ping()
    elif workload == "list":
        for _ in range(n):
            await c.list()
    else:
        it = iter(range(n))

        async def worker():
            for i in it:
                await c.inspect(ids[i % len(ids)])

        await asyncio.gather(*(worker() for _ in range(inflight)))


async def main(workload, client, wpath, reps):
    with open(wpath) as f:
        w = json.load(f)
    c = CLIENTS[client](w)
    seconds, out = [], {}
    if workload in CALLS:
        n, inflight = calls(w, workload)
        await run_calls(c, workload, w, 64, inflight)  # warm-up
        for _ in range(reps):
            t = time.perf_counter()
            await run_calls(c, workload, w, n, inflight)
            seconds.append(time.perf_counter() - t)
        out = {"calls": n, "inflight": inflight}
    else:
        arg = {"logs": w["logs_container"], "save": w["image"], "load": w["image_tar"]}[workload]
        for _ in range(reps):
            t = time.perf_counter()
            out["bytes"] = await getattr(c, workload)(arg)
            seconds.append(time.perf_counter() - t)
    print(json.dumps({"seconds": seconds, **out}))
    if client == "aiodocker":
        await c.d.close()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit("usage: bench.py WORKLOAD CLIENT WORKLOAD.json REPS")
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
