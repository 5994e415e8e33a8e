#!/usr/bin/env python3
"""Prepares (and removes) what the benchmarks read on the engine: 10 stopped containers, one
stopped container that wrote BENCH_LOG_MB of 70-character lines to stdout and stderr, and a
busybox image with a random file of BENCH_IMAGE_MB, saved once to a tar for the loads.
Everything is named dea-bench-* and labelled dea.bench=1.

  workload.py prepare HOST OUT.json    (idempotent: reuses complete objects of the same size)
  workload.py cleanup HOST
"""

import json
import os
import subprocess
import sys
import time

from engine import Engine

LABEL = {"dea.bench": "1"}
PREFIX = "dea-bench-"
WORK = os.environ.get("BENCH_WORK", "/tmp/dea-bench")
LINE = "x" * 69  # + "\n" = 70 characters


def mb(name: str, default: int) -> int:
    quick = os.environ.get("BENCH_QUICK") == "1"
    return int(os.environ.get(name, default // 10 if quick else default))


def find_container(engine: Engine, name: str):
    found = engine.call("GET", "/containers/json", query={
        "all": "true", "filters": json.dumps({"name": [f"^/{name}$"], "label": ["dea.bench=1"]})})
    return found[0] if found else None


def run_container(engine: Engine, name: str, cmd: list, labels: dict) -> str:
    created = engine.call("POST", "/containers/create", query={"name": name}, body={
        "Image": "busybox:latest", "Cmd": cmd, "Labels": {**LABEL, **labels}})
    cid = created["Id"]
    engine.call("POST", f"/containers/{cid}/start")
    result = engine.call("POST", f"/containers/{cid}/wait")
    if result.get("StatusCode") != 0:
        raise RuntimeError(f"{name} exited with {result}")
    return cid


def prepare(engine: Engine, out: str) -> None:
    log_mb, image_mb = mb("BENCH_LOG_MB", 100), mb("BENCH_IMAGE_MB", 1024)
    # 10 containers for the list (filtered by the label: other users share the engine).
    ids = []
    for i in range(10):
        name = f"{PREFIX}c{i}"
        c = find_container(engine, name)
        if c is None:
            c = engine.call("POST", "/containers/create", query={"name": name}, body={
                "Image": "busybox:latest", "Cmd": ["true"], "Labels": {**LABEL, "dea.bench.kind": "list"}})
            ids.append(c["Id"])
        else:
            ids.append(c["Id"])

    # The logs: half on stdout, half on stderr, at once (the lines interleave).
    half = log_mb * 1_000_000 // 2
    half -= half % 70
    logs_name = f"{PREFIX}logs-{log_mb}"
    c = find_container(engine, logs_name)
    if c is None or c["State"] != "exited":
        if c is not None:
            engine.call("DELETE", f"/containers/{c['Id']}", query={"force": "true"})
        t = time.time()
        script = (f"(yes {LINE} | head -c {half}) & (yes {LINE} | head -c {half} >&2) & wait")
        logs_id = run_container(engine, logs_name, ["sh", "-c", script], {"dea.bench.kind": "logs"})
        print(f"workload: logs container wrote {2 * half / 1e6:.0f} MB in {time.time() - t:.0f} s", file=sys.stderr)
    else:
        logs_id = c["Id"]

    # The image: busybox plus a random file, committed; saved once for the loads.
    image = f"{PREFIX}image:{image_mb}m"
    tar = os.path.join(WORK, f"image-{image_mb}m.tar")
    os.makedirs(WORK, exist_ok=True)
    have = engine.call("GET", f"/images/{image}/json", ok=(200, 404))
    if not have or "Id" not in have:
        t = time.time()
        name = f"{PREFIX}image-maker"
        old = find_container(engine, name)
        if old is not None:
            engine.call("DELETE", f"/containers/{old['Id']}", query={"force": "true"})
        cid = run_container(engine, name, ["sh", "-c", f"head -c {image_mb * 1024 * 1024} /dev/urandom > /big"], {})
        repo, tag = image.split(":")
        engine.call("POST", "/commit", query={"container": cid, "repo": repo, "tag": tag},
                    body={"Labels": LABEL, "Cmd": ["sh"]})
        engine.call("DELETE", f"/containers/{cid}")
        print(f"workload: image {image} made in {time.time() - t:.0f} s", file=sys.stderr)
        if os.path.exists(tar):
            os.remove(tar)
    if not os.path.exists(tar):
        subprocess.run(["curl", "-fsS", "--unix-socket", engine.socket, "-o", tar + ".part",
                        f"http://localhost/v1.45/images/{image}/get"], check=True)
        os.rename(tar + ".part", tar)

    with open(out, "w") as f:
        json.dump({"socket": engine.socket, "host": "unix://" + engine.socket,
                   "containers": ids, "label": "dea.bench.kind=list",
                   "logs_container": logs_id, "logs_bytes": 2 * half,
                   "image": image, "image_tar": tar, "image_bytes": os.path.getsize(tar),
                   "quick": os.environ.get("BENCH_QUICK") == "1"}, f, indent=1)


def cleanup(engine: Engine) -> None:
    for c in engine.call("GET", "/containers/json", query={
            "all": "true", "filters": json.dumps({"label": ["dea.bench=1"]})}):
        engine.call("DELETE", f"/containers/{c['Id']}", query={"force": "true"}, ok=(204, 404))
    for i in engine.call("GET", "/images/json", query={"filters": json.dumps({"label": ["dea.bench=1"]})}):
        engine.call("DELETE", f"/images/{i['Id']}", query={"force": "true"}, ok=(200, 404, 409))
    if os.path.isdir(WORK):
        for f in os.listdir(WORK):
            os.remove(os.path.join(WORK, f))
        os.rmdir(WORK)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("prepare", "cleanup"):
        raise SystemExit(__doc__)
    eng = Engine(sys.argv[2])
    if sys.argv[1] == "prepare":
        prepare(eng, sys.argv[3])
    else:
        cleanup(eng)
