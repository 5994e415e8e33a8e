"""The client and the process: TLS settings, use after `fork()`, a lazy import."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docker_engine_api import ConnectError, Docker, InvalidArgument, TLSConfig, sync

ROOT = Path(__file__).resolve().parents[2]


def tls_engine() -> tuple[str, str]:
    """The project's TLS listener and its client certificate folder (tests/engines/engines.env)."""
    env = ROOT / "tests/engines/engines.env"
    values: dict[str, str] = {}
    if env.exists():
        for line in env.read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                k, v = line.split("=", 1)
                values[k.strip()] = v.strip()
    host, certs = values.get("DEA_TEST_TLS_HOST"), values.get("DEA_TEST_TLS_CERTS")
    if not host or not certs:
        if os.environ.get("DEA_REQUIRE_ENGINES") == "1" and env.exists():
            pytest.fail(f"{env} has no DEA_TEST_TLS_HOST / DEA_TEST_TLS_CERTS")
        pytest.skip("needs the project's TLS listener (make engines)")
    return host, certs


async def test_tls_with_the_client_certificate_works() -> None:
    host, certs = tls_engine()
    tls: TLSConfig = {"cert_path": certs}
    async with Docker(host, tls=tls) as docker:
        assert await docker.system.ping() == "OK"
    files: TLSConfig = {"ca": f"{certs}/ca.pem", "cert": f"{certs}/cert.pem",
                        "key": f"{certs}/key.pem"}
    with sync.Docker(host, tls=files) as blocking:
        assert blocking.system.ping() == "OK"


def test_tls_certificate_without_key_is_invalid() -> None:
    host, certs = tls_engine()
    with pytest.raises(InvalidArgument):
        sync.Docker(host, tls={"ca": f"{certs}/ca.pem", "cert": f"{certs}/cert.pem"})


def test_tls_bad_settings_are_invalid() -> None:
    with pytest.raises(InvalidArgument):
        Docker("tcp://127.0.0.1:1", tls={"certpath": "/nowhere"})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        Docker("tcp://127.0.0.1:1", tls={"verify": "yes"})  # type: ignore[arg-type]


def test_a_cert_path_that_holds_no_certificates_is_invalid(tmp_path: Path) -> None:
    """Refused when the client is made, naming the folder; not an unknown issuer later."""
    with pytest.raises(InvalidArgument, match="no such folder"):
        Docker("tcp://127.0.0.1:1", tls={"cert_path": str(tmp_path / "nope")})
    with pytest.raises(InvalidArgument, match="holds none of"):
        Docker("tcp://127.0.0.1:1", tls={"cert_path": str(tmp_path)})


def test_without_a_url_the_client_reads_the_environment(tmp_path: Path) -> None:
    """`Docker(timeout=...)` reads what `from_env()` reads: DOCKER_HOST with DOCKER_TLS_VERIFY
    and DOCKER_CERT_PATH (given as `~/...`), and DOCKER_API_VERSION, which `auto` yields to."""
    host, certs = tls_engine()
    home = tmp_path / "home"
    (home / ".docker").mkdir(parents=True)
    os.symlink(certs, home / ".docker" / "certs")
    script = (
        "import asyncio\n"
        "from docker_engine_api import Docker, sync\n"
        "async def main():\n"
        "    async with Docker(timeout=5) as d:\n"
        "        print(await d.system.ping(), await d.api_version())\n"
        "asyncio.run(main())\n"
        "with sync.Docker(version='1.43') as d:\n"
        "    print(d.api_version())\n"
        "with sync.Docker(tls={'cert_path': '~/.docker/certs'}, url='" + host + "') as d:\n"
        "    print(d.system.ping())\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env.update(HOME=str(home), DOCKER_HOST=host, DOCKER_TLS_VERIFY="1",
               DOCKER_CERT_PATH=certs, DOCKER_API_VERSION="1.41",
               DOCKER_CONFIG=str(tmp_path / "no-config"))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["OK", "1.41", "1.43", "OK"], out.stdout


async def test_tls_without_client_certificate_is_a_tls_connect_error() -> None:
    host, certs = tls_engine()
    async with Docker(host, tls={"ca": f"{certs}/ca.pem"}) as docker:
        with pytest.raises(ConnectError) as caught:
            await docker.system.ping()
    assert caught.value.connect_cause == "Tls"


def test_client_works_in_a_forked_child(host: str) -> None:
    """The issue's requirement: after fork() the child's calls work (or fail with a clear
    error), never hang. The parent bounds the child to 30 s."""
    docker = sync.Docker(host)
    adocker = Docker(host)
    assert docker.system.ping() == "OK"
    assert asyncio.run(adocker.system.ping()) == "OK"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report in one line, never return into pytest
        code, outcome = 1, "?"
        try:
            os.close(read_end)
            outcome = docker.system.ping() + " " + asyncio.run(adocker.system.ping())
            code = 0
        except BaseException as e:  # a clear error is allowed: the parent shows it
            outcome = f"{type(e).__name__}: {e}"
        finally:
            os.write(write_end, outcome.encode())
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + 30
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the client hung in the forked child (killed after 30 s)")
    with os.fdopen(read_end, "rb") as r:
        said = r.read().decode()
    print(f"child after fork: {said}")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, said
    assert said == "OK OK"
    # The parent's client still works after the fork.
    assert docker.system.ping() == "OK"


def test_a_fresh_interpreter_imports_the_package_lazily() -> None:
    """`import docker_engine_api` loads neither the models nor asyncio (its cold time is
    measured by `make bench`, not here)."""
    probe = ("import sys, docker_engine_api; "
             "print(sorted(m for m in ('asyncio', 'docker_engine_api._generated.models') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout


EXIT_WITH_A_BLOCKED_DAEMON_THREAD = """
import sys, threading, time
from docker_engine_api.sync import Docker
docker = Docker(sys.argv[1])
def waits():
    c = docker.containers.create({"Image": "busybox:latest", "Cmd": ["sleep", "5"]},
                                 name=sys.argv[2])
    docker.containers.start(c["Id"])
    docker.containers.wait(c["Id"])
def follows():
    for _ in docker.system.events():
        pass
for target in (waits, follows):
    threading.Thread(target=target, daemon=True).start()
time.sleep(1.5)
print("exiting")
"""


def test_exit_with_daemon_threads_blocked_in_sync_calls(host: str, name: str) -> None:
    """The interpreter exits cleanly while daemon threads wait in sync calls: they must not
    take the GIL back during finalization (that aborted the process: exit code 134)."""
    try:
        for attempt in range(3):
            done = subprocess.run(
                [sys.executable, "-c", EXIT_WITH_A_BLOCKED_DAEMON_THREAD, host, f"{name}-{attempt}"],
                capture_output=True, text=True, timeout=60,
            )
            assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
            assert done.stdout.strip() == "exiting"
    finally:
        docker = sync.Docker(host)
        for attempt in range(3):
            try:
                docker.containers.delete(f"{name}-{attempt}", force=True)
            except Exception:
                pass
