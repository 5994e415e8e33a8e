"""Which engines the cases talk to. Mirrors tests/runner-rust/src/engines.rs: the engine
chosen by `tests/engines/ensure.sh` (`DEA_TEST_SELECTED`) or `DOCKER_HOST` wins when it is
not the project's own; else the project's engines from tests/engines/engines.env."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Registry:
    address: str
    user: str
    password: str


@dataclass
class TlsEngine:
    """The main engine's `--tlsverify` listener and a client certificate folder it accepts."""

    host: str
    certs: str


@dataclass
class Engines:
    main: str
    old: str | None
    why_no_old: str
    registry: Registry | None
    why_no_registry: str
    tls: TlsEngine | None = None
    why_no_tls: str = ""


def read_env_file(path: Path) -> dict[str, str] | None:
    try:
        text = path.read_text()
    except OSError:
        return None
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def discover(env_file: Path) -> Engines:
    chosen = next(
        (os.environ[k] for k in ("DEA_TEST_SELECTED", "DOCKER_HOST") if os.environ.get(k)), None
    )
    project = read_env_file(env_file)
    project_host = (project or {}).get("DEA_TEST_HOST")
    if chosen and chosen != project_host:
        why = f"running against your engine at {chosen} (unset DOCKER_HOST to use the project's engines)"
        return Engines(chosen, None, f"needs the project's API 1.41 engine; {why}", None,
                       f"needs the project's registry; {why}", None,
                       f"needs the project's TLS listener; {why}")
    if project is not None:
        if not project.get("DEA_TEST_HOST"):
            raise SystemExit(f"{env_file} has no DEA_TEST_HOST")
        tls_host, tls_certs = project.get("DEA_TEST_TLS_HOST"), project.get("DEA_TEST_TLS_CERTS")
        reg = [project.get(k) for k in
               ("DEA_TEST_REGISTRY", "DEA_TEST_REGISTRY_USER", "DEA_TEST_REGISTRY_PASSWORD")]
        return Engines(
            project["DEA_TEST_HOST"],
            project.get("DEA_TEST_HOST_OLD") or None,
            f"{env_file} has no DEA_TEST_HOST_OLD",
            Registry(reg[0], reg[1], reg[2]) if all(reg) else None,  # type: ignore[arg-type]
            f"{env_file} has no DEA_TEST_REGISTRY with user and password",
            TlsEngine(tls_host, tls_certs) if tls_host and tls_certs else None,
            f"{env_file} has no DEA_TEST_TLS_HOST",
        )
    raise SystemExit(
        f"no test engine: {env_file} is missing and DOCKER_HOST is not set (run `make engines`)"
    )
