"""The Python API against a real engine: async iteration, cancellation, errors, attach with
stdin, progress errors, the blocking facade, bytes round trips."""

from __future__ import annotations

import _thread
import asyncio
import io
import tarfile
import threading
import time
from pathlib import Path

import pytest

import docker_engine_api as dea
from docker_engine_api import Chunk, Docker, sync


async def started(docker: Docker, name: str, cmd: list[str]) -> str:
    created = await docker.containers.create({"Image": "busybox", "Cmd": cmd}, name=name)
    await docker.containers.start(created["Id"])
    return created["Id"]


async def test_logs_are_an_async_iterator_of_chunks(docker: Docker, name: str) -> None:
    result = await docker.containers.run(
        "busybox", ["sh", "-c", "echo out; echo err >&2"], name=name)
    try:
        chunks = [c async for c in docker.containers.logs(result["id"], stdout=True, stderr=True)]
        assert all(isinstance(c, Chunk) and isinstance(c.data, bytes) for c in chunks)
        assert {(c.stream, c.data) for c in chunks} == {("stdout", b"out\n"), ("stderr", b"err\n")}
    finally:
        await docker.containers.delete(result["id"], force=True)


async def test_follow_stream_ends_when_closed(docker: Docker, name: str) -> None:
    id = await started(docker, name, ["sh", "-c", "while true; do echo tick; sleep 0.1; done"])
    try:
        async with docker.containers.logs(id, follow=True, stdout=True) as stream:
            first = await stream.__anext__()
            assert first.data.startswith(b"tick")
        with pytest.raises(StopAsyncIteration):
            await stream.__anext__()
    finally:
        await docker.containers.delete(id, force=True)


async def test_cancelling_the_task_cancels_the_request(docker: Docker, name: str) -> None:
    id = await started(docker, name, ["sleep", "30"])
    try:
        task = asyncio.create_task(docker.containers.wait(id))
        await asyncio.sleep(0.3)
        t0 = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - t0 < 2
        # The client is still usable after the dropped request.
        assert (await docker.containers.inspect(id))["State"]["Running"] is True
    finally:
        await docker.containers.delete(id, force=True)


def test_many_calls_in_flight_settle_on_each_event_loop(host: str, name: str) -> None:
    """Outcomes come back to the loop's thread through its inbox, many per wake-up: every
    future is settled with its own answer (errors too), a cancelled one among them stays
    cancelled, and a second event loop in the same process gets its own inbox."""

    async def burst() -> None:
        async with Docker(host) as docker:
            ids = [f"{name}-missing-{i}" for i in range(40)]
            pings = [docker.system.ping() for _ in range(60)]
            missing = [docker.containers.inspect(i) for i in ids]
            doomed = asyncio.ensure_future(docker.system.ping())
            doomed.cancel()
            results = await asyncio.gather(*pings, *missing, return_exceptions=True)
            assert results[:60] == ["OK"] * 60
            for i, e in zip(ids, results[60:]):
                assert isinstance(e, dea.NotFound) and i in e.message, e
            with pytest.raises(asyncio.CancelledError):
                await doomed

    asyncio.run(burst())
    asyncio.run(burst())


async def test_timeout_bounds_the_silence_inside_a_stream(host: str, name: str) -> None:
    # The headers of a follow stream come at once; then the container says nothing.
    async with Docker(host, timeout=1.0) as docker:
        id = await started(docker, name, ["sleep", "30"])
        try:
            t0 = time.monotonic()
            with pytest.raises(dea.Timeout):
                async for _ in docker.containers.logs(id, follow=True, stdout=True):
                    pass
            assert 0.9 < time.monotonic() - t0 < 5
        finally:
            await docker.containers.delete(id, force=True)


async def test_daemon_errors_are_typed(docker: Docker, name: str) -> None:
    with pytest.raises(dea.NotFound) as nf:
        await docker.containers.inspect(name)
    assert nf.value.status == 404 and nf.value.kind == "NotFound"
    assert nf.value.operation == "ContainerInspect" and name in nf.value.message
    id = await started(docker, name, ["sleep", "30"])
    try:
        with pytest.raises(dea.Conflict) as c:
            await docker.containers.delete(id)
        assert c.value.status == 409
    finally:
        await docker.containers.delete(id, force=True)


async def test_non_zero_exit_with_check(docker: Docker) -> None:
    with pytest.raises(dea.NonZeroExit) as e:
        await docker.containers.run("busybox", ["sh", "-c", "echo bad >&2; exit 3"],
                                    check=True, remove=True)
    assert e.value.exit_code == 3 and "bad" in e.value.message


async def test_exec_with_stdin(docker: Docker, name: str) -> None:
    id = await started(docker, name, ["sleep", "30"])
    try:
        created = await docker.exec.create(
            id, {"Cmd": ["cat"], "AttachStdin": True, "AttachStdout": True})
        async with await docker.exec.start_stdin(created["Id"]) as attached:
            await attached.write(b"hello ")
            await attached.write(b"world")
            await attached.close_stdin()
            out = b"".join([c.data async for c in attached])
        assert out == b"hello world"
        ran = await docker.exec.run(id, ["sh", "-c", "read x; echo got $x"], stdin="42\n")
        assert ran["stdout"] == "got 42\n" and ran["exit_code"] == 0
        # Bytes that are not UTF-8 go through as they are.
        ran = await docker.exec.run(id, ["wc", "-c"], stdin=bytes(range(256)))
        assert ran["stdout"].strip() == "256"
    finally:
        await docker.containers.delete(id, force=True)


def tar_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


async def test_a_failed_build_raises_inside_the_progress_stream(docker: Docker) -> None:
    context = tar_of({"Dockerfile": b"FROM busybox\nRUN exit 7\n"})
    seen: list[object] = []
    with pytest.raises(dea.StreamError) as e:
        # forcerm: the failed step's container is not left behind on the shared engine.
        async for item in docker.images.build(input_stream=context, forcerm=True):
            seen.append(item)
    assert all(isinstance(i, dict) for i in seen)
    assert e.value.message


async def test_tar_bytes_round_trip(docker: Docker, name: str, tmp_path: Path) -> None:
    binary = bytes(range(256)) * 64
    id = await started(docker, name, ["sleep", "30"])
    try:
        await docker.containers.put_archive(id, "/", tar_of({"blob.bin": binary}))
        archive = b"".join([b async for b in docker.containers.archive(id, "/blob.bin")])
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            member = tar.extractfile("blob.bin")
            assert member is not None and member.read() == binary
        # The same from a file on disk, streamed in.
        path = tmp_path / "in.tar"
        path.write_bytes(tar_of({"again.bin": binary}))
        await docker.containers.put_archive(id, "/", path)
        ran = await docker.exec.run(id, ["wc", "-c", "/again.bin"])
        assert ran["stdout"].split()[0] == str(len(binary))
    finally:
        await docker.containers.delete(id, force=True)


def test_sync_facade_and_the_gil(host: str, name: str) -> None:
    with sync.Docker(host) as docker:
        assert docker.system.ping() == "OK"
        assert docker.api_version() == "1.45"
        result = docker.containers.run("busybox", ["sh", "-c", "sleep 1; echo done"], name=name)
        try:
            assert result["stdout"] == "done\n"
            chunks = list(docker.containers.logs(result["id"], stdout=True))
            assert chunks == [Chunk("stdout", b"done\n")]
            with pytest.raises(dea.NotFound):
                docker.containers.inspect(name + "-missing")
        finally:
            docker.containers.delete(result["id"], force=True)
        # While one thread waits in the core, another keeps running Python code.
        counter = 0
        waiter = threading.Thread(
            target=lambda: docker.containers.run("busybox", ["sleep", "1"], remove=True))
        waiter.start()
        while waiter.is_alive():
            counter += 1
            time.sleep(0.001)
        assert counter > 100


async def test_attach_with_stdin(docker: Docker, name: str) -> None:
    created = await docker.containers.create(
        {"Image": "busybox", "Cmd": ["cat"], "OpenStdin": True, "StdinOnce": True,
         "AttachStdin": True, "AttachStdout": True}, name=name)
    id = created["Id"]
    try:
        attached = await docker.containers.attach_stdin(id)
        await docker.containers.start(id)
        async with attached:
            await attached.write(b"ping\n")
            await attached.close_stdin()
            chunks = await attached.collect()
        assert b"".join(c.data for c in chunks) == b"ping\n"
        assert (await docker.containers.wait(id))["StatusCode"] == 0
    finally:
        await docker.containers.delete(id, force=True)


def test_sync_attach_and_helpers(host: str, name: str, tmp_path: Path) -> None:
    (tmp_path / "ctx").mkdir()
    (tmp_path / "ctx" / "Dockerfile").write_text("FROM busybox\nCOPY hello.txt /hello.txt\n")
    (tmp_path / "ctx" / "hello.txt").write_text("hello from the context\n")
    with sync.Docker(host) as docker:
        built = docker.images.build_from_dir(tmp_path / "ctx", tag=f"{name}:latest")
        assert built["image_id"].startswith("sha256:")
        try:
            # The container has exited: copying out of it still works.
            ran = docker.containers.run(f"{name}:latest", ["true"], name=name, pull="never")
            docker.containers.copy_from(ran["id"], "/hello.txt", tmp_path / "out")
            assert (tmp_path / "out" / "hello.txt").read_text() == "hello from the context\n"
            docker.containers.delete(ran["id"])
            id = docker.containers.create({"Image": f"{name}:latest", "Cmd": ["sleep", "30"]},
                                          name=name)["Id"]
            docker.containers.start(id)
            docker.containers.copy_to(id, tmp_path / "out", "/")
            assert docker.exec.run(id, ["cat", "/out/hello.txt"])["stdout"].startswith("hello")
            ex = docker.exec.create(id, {"Cmd": ["cat"], "AttachStdin": True, "AttachStdout": True})
            with docker.exec.start_stdin(ex["Id"]) as attached:
                attached.write(b"abc")
                attached.close_stdin()
                assert b"".join(c.data for c in attached) == b"abc"
            docker.containers.delete(id, force=True)
        finally:
            docker.images.delete(f"{name}:latest", force=True)


def test_ctrl_c_interrupts_a_blocking_wait(host: str, name: str) -> None:
    with sync.Docker(host) as docker:
        id = docker.containers.create({"Image": "busybox", "Cmd": ["sleep", "30"]}, name=name)["Id"]
        try:
            docker.containers.start(id)
            timer = threading.Timer(0.3, _thread.interrupt_main)
            timer.start()
            t0 = time.monotonic()
            with pytest.raises(KeyboardInterrupt):
                docker.containers.wait(id)
            assert time.monotonic() - t0 < 2
            assert docker.containers.inspect(id)["State"]["Running"] is True
        finally:
            docker.containers.delete(id, force=True)
