#!/usr/bin/env python3
"""Runs every shared case of tests/cases against the real engines through the Python API,
prints one line per case, and writes tests/results/python.json for tests/matrix.py.
Mirrors tests/runner-rust (same format, same helpers, same matchers).

Usage: run_cases.py [--cases DIR] [--results FILE] [--env FILE] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import Engines, Registry, TlsEngine, discover  # noqa: E402
from evidence import Evidence  # noqa: E402
from matcher import Mismatch, matches  # noqa: E402
from steps import BrokenCase, build_payload, call_step  # noqa: E402
from variables import UnknownVariable, expand, unix_now  # noqa: E402

from docker_engine_api import Docker, DockerError, InvalidArgument  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# Cases are independent (unique names), so a few run at once.
PARALLEL = 4
# A step never waits longer than this; a hang fails the case instead of the run.
STEP_TIMEOUT = 120.0


class Skip(Exception):
    pass


class Fail(Exception):
    pass


def load_cases(dir: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(dir.glob("*.json")):
        cases += json.loads(path.read_text())["cases"]
    names = [c["name"] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit(f"duplicate case names {sorted(dup)}")
    return cases


def client_for(case: dict[str, Any], engines: Engines, vars: dict[str, Any]) -> Docker:
    """As the Rust runner: `host` and `tls` are expanded with the case's variables."""
    try:
        host = expand(case.get("host"), vars)
        tls = expand(case.get("tls"), vars)
    except UnknownVariable as e:
        raise Fail(str(e)) from None
    if host is not None and not isinstance(host, str):
        raise Fail(f"host must be text, not {host!r}")
    if host is None:
        engine = case.get("engine", "main")
        if engine == "main":
            host = engines.main
        elif engine == "old":
            if engines.old is None:
                raise Skip(engines.why_no_old)
            host = engines.old
        else:
            raise Fail(f"unknown engine {engine!r}")
    try:
        return Docker(host, version=case.get("version", "1.45"), tls=tls)
    except InvalidArgument as e:
        if tls is not None:
            raise Fail(f"bad tls settings: {e}") from None
        raise Fail(f"cannot make the client: {e}") from None
    except DockerError as e:
        raise Fail(f"cannot make the client: {e}") from None


def tls_vars(t: TlsEngine) -> dict[str, str]:
    """`${tls_host}`, `${tls_host_by_name}` (localhost: not the name in the certificate) and
    `${tls_certs}` (the client certificate folder)."""
    return {
        "tls_host": t.host,
        "tls_host_by_name": t.host.replace("127.0.0.1", "localhost"),
        "tls_certs": t.certs,
    }


def registry_vars(r: Registry) -> dict[str, str]:
    auth = {"username": r.user, "password": r.password, "serveraddress": r.address}
    return {
        "registry": r.address,
        "registry_user": r.user,
        "registry_password": r.password,
        "registry_auth": base64.urlsafe_b64encode(json.dumps(auth).encode()).decode(),
    }


def label(step: dict[str, Any]) -> str:
    return step.get("op") or step.get("helper") or f"client.{step.get('client')}"


async def call(docker: Docker, step: dict[str, Any], vars: dict[str, Any],
               raws: dict[str, bytes]) -> tuple[Any, bytes | None]:
    """The step's neutral result; a client error is raised as the DockerError it is."""
    args = expand(step.get("args"), vars)
    payload = None
    if "payload" in step:
        spec = expand(step["payload"], vars)
        if isinstance(spec, dict) and "raw" in spec:
            if spec["raw"] not in raws:
                raise BrokenCase(f"no raw result saved as {spec['raw']!r}")
            payload = raws[spec["raw"]]
        else:
            payload = build_payload(spec, raws)
    try:
        return await asyncio.wait_for(call_step(docker, step, args, payload), STEP_TIMEOUT)
    except asyncio.TimeoutError:
        raise Fail(f"no answer within {STEP_TIMEOUT} s") from None


def check_error(expect: dict[str, Any], e: DockerError, vars: dict[str, Any]) -> None:
    kind = expect["error"]
    if e.kind != kind:
        raise Fail(f"expected a {kind} error, got {e.kind}: {e}")
    if "status" in expect and e.status != expect["status"]:
        raise Fail(f"expected HTTP {expect['status']}, got {e.status}: {e}")
    if expect.get("client_side") and e.status is not None:
        raise Fail(f"expected a client-side error, got one from the daemon: {e}")
    if "message" in expect:
        try:
            matches(expand(expect["message"], vars), e.message)
        except Mismatch as m:
            raise Fail(f"error message: {m}") from None
    if "exit_code" in expect and e.exit_code != expect["exit_code"]:
        raise Fail(f"expected exit code {expect['exit_code']}, got {e.exit_code}: {e}")
    if "connect_cause" in expect and e.connect_cause != expect["connect_cause"]:
        raise Fail(f"expected connect cause {expect['connect_cause']}, got {e.connect_cause}: {e}")


def pointer(value: Any, p: str) -> Any:
    """RFC 6901."""
    if p == "":
        return value
    for part in p.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise KeyError(p)
    return value


async def run_with_retry(docker: Docker, step: dict[str, Any], vars: dict[str, Any],
                         raws: dict[str, bytes], evidence: Evidence) -> None:
    """A step, made again while it fails when it has `retry`."""
    retry = step.get("retry") or {}
    attempts = max(1, int(retry.get("attempts", 1)))
    for attempt in range(1, attempts + 1):
        try:
            await run_step(docker, step, vars, raws, evidence)
            return
        except (Fail, Mismatch):
            if attempt == attempts:
                raise
            await asyncio.sleep(int(retry.get("delay_ms", 0)) / 1000)


async def run_step(docker: Docker, step: dict[str, Any], vars: dict[str, Any],
                   raws: dict[str, bytes], evidence: Evidence) -> None:
    expect = step.get("expect") or {}
    checks = "result" in expect or "error" in expect
    try:
        value, raw = await call(docker, step, vars, raws)
    except DockerError as e:
        try:
            if "error" not in expect:
                raise Fail(f"unexpected error: {e}") from None
            check_error(expect, e, vars)
        except (Fail, Mismatch, UnknownVariable):
            if "op" in step:
                evidence.record(step["op"], e, False)
            raise
        if "op" in step:
            evidence.record(step["op"], e, checks)
        return
    try:
        check_result(step, expect, vars, raws, value, raw)
    except (Fail, Mismatch, UnknownVariable):
        if "op" in step:
            evidence.record(step["op"], None, False)
        raise
    if "op" in step:
        evidence.record(step["op"], None, checks)


def check_result(step: dict[str, Any], expect: dict[str, Any], vars: dict[str, Any],
                 raws: dict[str, bytes], value: Any, raw: bytes | None) -> None:
    if "error" in expect:
        raise Fail(f"expected a {expect['error']} error, got a result: {json.dumps(value)[:300]}")
    if "result" in expect:
        try:
            matches(expand(expect["result"], vars), value)
        except Mismatch as m:
            raise Fail(str(m)) from None
    if "save_raw" in step:
        if raw is None:
            raise Fail("save_raw needs a byte-stream result")
        raws[step["save_raw"]] = raw
    for name, p in (step.get("save") or {}).items():
        p = expand(p, vars)
        try:
            vars[name] = pointer(value, p)
        except KeyError:
            raise Fail(f"nothing at {p} to save as {name}") from None


async def run_case(case: dict[str, Any], engines: Engines, run_id: str,
                   evidence: Evidence) -> tuple[str, str]:
    try:
        vars: dict[str, Any] = {"run": run_id, "case_start": str(unix_now())}
        for need in case.get("needs", []):
            if need == "registry":
                if engines.registry is None:
                    raise Skip(engines.why_no_registry)
                vars.update(registry_vars(engines.registry))
            elif need == "tls":
                if engines.tls is None:
                    raise Skip(engines.why_no_tls)
                vars.update(tls_vars(engines.tls))
            elif need == "socket":
                if not engines.main.startswith("unix://"):
                    raise Skip("the main engine is not a unix socket")
                vars["main_socket"] = engines.main[len("unix://"):]
            else:
                raise Fail(f"unknown need {need!r}")
        docker = client_for(case, engines, vars)
    except Skip as s:
        return "skip", str(s)
    except Fail as f:
        return "fail", str(f)
    raws: dict[str, bytes] = {}
    outcome = ("pass", "")
    for i, step in enumerate(case["steps"]):
        try:
            await run_with_retry(docker, step, vars, raws, evidence)
        except (Fail, BrokenCase, UnknownVariable, Mismatch) as why:
            outcome = ("fail", f"step {i + 1} ({label(step)}): {why}")
            break
        except Exception as why:  # a bug of the binding: say what it was
            outcome = ("fail", f"step {i + 1} ({label(step)}): {type(why).__name__}: {why}")
            break
    for step in case.get("cleanup", []):
        try:
            await call(docker, step, vars, raws)
            if "op" in step:
                evidence.record(step["op"], None, False)
        except DockerError as e:  # cleanup errors are expected (the object may never have been made)
            if "op" in step:
                evidence.record(step["op"], e, False)
        except Exception:
            pass
    return outcome


async def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=Path, default=ROOT / "tests/cases")
    ap.add_argument("--results", type=Path, default=ROOT / "tests/results/python.json")
    ap.add_argument("--env", type=Path,
                    default=Path(os.environ.get("DEA_ENGINES_ENV", ROOT / "tests/engines/engines.env")))
    ap.add_argument("--only")
    a = ap.parse_args()
    engines = discover(a.env)
    cases = load_cases(a.cases)
    if a.only:
        cases = [c for c in cases if a.only in c["name"]]
    run_id = f"dea-py-{os.getpid()}"
    limit = asyncio.Semaphore(PARALLEL)
    evidence = Evidence()

    async def one(case: dict[str, Any]) -> tuple[str, str, str, int]:
        async with limit:
            started = time.monotonic()
            status, detail = await run_case(case, engines, run_id, evidence)
            if status == "fail":
                detail = f"{detail} [case: {case.get('doc', '')}]"
            return case["name"], status, detail, int((time.monotonic() - started) * 1000)

    # Exclusive cases (swarm mode, prunes) run after the others, one by one, so that nothing
    # else of this runner is in flight.
    outcomes = await asyncio.gather(*(one(c) for c in cases if not c.get("exclusive")))
    for c in cases:
        if c.get("exclusive"):
            outcomes.append(await one(c))
    counts = {"pass": 0, "fail": 0, "skip": 0}
    results = {}
    for name, status, detail, ms in outcomes:
        counts[status] += 1
        suffix = f": {detail}" if detail else ""
        print(f"{status.upper():<4} {name} ({ms} ms){suffix}")
        results[name] = {"status": status, "detail": detail, "ms": ms}
    a.results.parent.mkdir(parents=True, exist_ok=True)
    a.results.write_text(json.dumps({"language": "python", "results": results,
                                            "ops": evidence.to_json()}, indent=2))
    print(f"python: {counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
