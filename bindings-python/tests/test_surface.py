"""The Python surface without an engine: completeness, names, exceptions, bad input."""

from __future__ import annotations

import inspect

import pytest

import docker_engine_api as dea
from docker_engine_api import _native, errors, sync
from docker_engine_api._generated.groups import OPERATIONS


def test_every_operation_of_the_core_has_a_method() -> None:
    assert set(_native.OPERATIONS) == set(OPERATIONS)
    assert len(OPERATIONS) >= 107
    docker = dea.Docker("tcp://127.0.0.1:9")
    for op, (group, method, names, _payload, _kind) in OPERATIONS.items():
        fn = getattr(getattr(docker, group), method)
        params = inspect.signature(fn).parameters
        assert set(names.values()) <= set(params), op
        assert fn.__doc__ and op in fn.__doc__, op


def test_keyword_arguments_are_snake_case_and_docs_come_from_the_spec() -> None:
    docker = dea.Docker("tcp://127.0.0.1:9")
    params = inspect.signature(docker.system.data_usage).parameters
    assert "type" in params
    params = inspect.signature(docker.images.list).parameters
    assert {"all", "filters", "shared_size", "digests"} <= set(params)
    assert "List Images" in (docker.images.list.__doc__ or "")


def test_sync_facade_has_the_same_groups() -> None:
    a, s = dea.Docker("tcp://127.0.0.1:9"), sync.Docker("tcp://127.0.0.1:9")
    for group in {g for g, *_ in OPERATIONS.values()}:
        assert type(getattr(a, group)) is type(getattr(s, group))
    for helper in ("run", "copy_to", "copy_from", "attach_stdin"):
        assert callable(getattr(s.containers, helper))


def test_every_error_class_is_a_docker_error() -> None:
    for cls in [getattr(errors, n) for n in errors.__all__]:
        assert issubclass(cls, dea.DockerError)
    e = errors._from_native("NonZeroExit", None, "exit 3", "ContainerWait", None, 3, "text")
    assert isinstance(e, dea.NonZeroExit) and e.exit_code == 3 and e.kind == "NonZeroExit"
    e = errors._from_native("NotFound", 404, "no such", "ContainerInspect", None, None, "t")
    assert isinstance(e, dea.NotFound) and e.status == 404 and e.operation == "ContainerInspect"
    assert issubclass(dea.InvalidArgument, ValueError)


async def test_connect_error_says_the_socket_is_missing() -> None:
    docker = dea.Docker("unix:///nonexistent/docker.sock", version="1.45")
    with pytest.raises(dea.ConnectError) as info:
        await docker.system.ping()
    assert info.value.connect_cause == "SocketNotFound"
    assert info.value.operation == "SystemPing"
    assert info.value.status is None


async def test_bad_input_is_a_typed_error_not_a_crash() -> None:
    docker = dea.Docker("tcp://127.0.0.1:9", version="1.45")
    with pytest.raises(dea.InvalidArgument):
        await docker.containers.list(filters={"x": object()})  # type: ignore[dict-item]
    with pytest.raises(dea.InvalidArgument) as info:
        await docker.containers.list(limit="ten")  # type: ignore[arg-type]
    assert "limit" in info.value.message
    with pytest.raises(dea.InvalidArgument):
        docker.images.load(images_tarball=12)  # type: ignore[arg-type]
    with pytest.raises(dea.InvalidArgument):
        dea.Docker("ftp://nowhere")
    with pytest.raises(dea.InvalidArgument):
        await docker.containers.run("busybox", pull="sometimes")
    with pytest.raises(dea.InvalidArgument):
        dea.Docker("tcp://127.0.0.1:9", timeout=-1)
