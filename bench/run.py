#!/usr/bin/env python3
"""Runs the benchmarks: `run.py HOST [rust] [python] [node]`.

Prepares the workload on the engine (workload.py), builds each language's bench program and
its peers into bench-only environments, runs every (workload, client) in a child process
(median of several reps; save/load one child per rep, for its peak RSS), measures the floors
(a raw hyper keep-alive client for the calls, curl for the streams) in the same run, writes
bench/results/<lang>.json, and has report.py merge them into bench/results/latest.md.
BENCH_QUICK=1: a tenth of the work, for development. BENCH_KEEP=1: leave the workload.
BENCH_STREAM_REPS, BENCH_LOG_REPS: reps of save/load and of logs (default 3 each).
"""

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, "results")
QUICK = os.environ.get("BENCH_QUICK") == "1"
CALLS = ["ping", "list", "inspect"]
STREAMS = ["logs", "save", "load"]
CALL_REPS, STREAM_REPS, IMPORT_REPS = (3, 1, 3) if QUICK else (5, 3, 7)
STREAM_REPS = int(os.environ.get("BENCH_STREAM_REPS", STREAM_REPS))
# Logs of 100 MB take a minute a rep when the engine is slow (a busy machine): BENCH_LOG_REPS.
LOG_REPS = int(os.environ.get("BENCH_LOG_REPS", STREAM_REPS))

PEERS = {"rust": ["bollard"], "python": ["docker", "aiodocker"], "node": ["dockerode"]}


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, **kw).stdout.strip()


def timed(cmd):
    """Runs cmd under /usr/bin/time; answers its stdout, its peak RSS in MB and its CPU seconds
    (user + system: the client's own cost, steadier than wall time on a busy machine). Not getrusage
    of a child of this process: Linux carries the forking process's high-water mark across
    exec, and that is this Python's (15 MB), not the child's."""
    rss_file = os.path.join(os.environ.get("BENCH_WORK", "/tmp/dea-bench"), "rss")
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode})")
    with open(rss_file) as f:
        rss_kb, user, system = f.read().split()[-3:]
    return p.stdout, int(rss_kb) / 1024, float(user) + float(system)


def child(cmd):
    """Runs one measurement; answers its JSON (with the process's CPU seconds) and its peak RSS in MB."""
    out, rss, cpu = timed(cmd)
    lines = [l for l in out.splitlines() if l.startswith("{")]
    return {**json.loads(lines[-1]), "cpu": cpu}, rss


def programs(langs):
    """Builds what each language needs; answers the command prefix of its bench program."""
    progs = {}
    log("building bench/rust (release; also the floor)")
    subprocess.run(["cargo", "build", "--release", "-q", "--manifest-path", f"{HERE}/rust/Cargo.toml"], check=True)
    progs["rust"] = [f"{HERE}/rust/target/release/dea-bench"]
    if "python" in langs:
        log("building the Python wheel (release) into bench/.venv with docker and aiodocker")
        progs["python"] = [sh([f"{HERE}/python/setup.sh"]), f"{HERE}/python/bench.py"]
    if "node" in langs:
        log("building the Node binding (release) and installing dockerode into bench/node")
        sh([f"{HERE}/node/setup.sh"])
        progs["node"] = ["node", f"{HERE}/node/bench.js"]
    return progs


def measure(prog, workload, client, w):
    """The figures of one (workload, client): median seconds, and MB/s and RSS for streams."""
    if workload in CALLS:
        r, rss = child(prog + [workload, client, w, str(CALL_REPS)])
        med = statistics.median(r["seconds"])
        # CPU per call: the whole process (start-up and the 64 warm-up calls included) over its calls.
        cpu_us = r["cpu"] / (r["calls"] * CALL_REPS + 64) * 1e6
        return {"us_per_call": med / r["calls"] * 1e6, "cpu_us_per_call": cpu_us, "samples": r["seconds"], "calls": r["calls"],
                "inflight": r["inflight"], "rss_mb": rss}
    if workload == "logs":
        r, rss = child(prog + [workload, client, w, str(LOG_REPS)])
        seconds = r["seconds"]
    else:  # save, load: one child per rep, each its own peak RSS
        seconds, rsss = [], []
        for _ in range(STREAM_REPS):
            r, rss1 = child(prog + [workload, client, w, "1"])
            seconds += r["seconds"]
            rsss.append(rss1)
        rss = max(rsss)
    med = statistics.median(seconds)
    return {"mb_s": r["bytes"] / med / 1e6, "samples": seconds, "bytes": r["bytes"], "rss_mb": rss}


def curl(workload, wl):
    base = "http://localhost/v1.45"
    cmd = ["curl", "-fsS", "--unix-socket", wl["socket"], "-o", "/dev/null", "-w", "%{size_download} %{size_upload}"]
    if workload == "logs":
        cmd.append(f"{base}/containers/{wl['logs_container']}/logs?follow=1&stdout=1&stderr=1")
    elif workload == "save":
        cmd.append(f"{base}/images/{wl['image']}/get")
    else:
        cmd += ["-X", "POST", "-H", "Content-Type: application/x-tar", "-T", wl["image_tar"], f"{base}/images/load"]
    seconds, rsss, size = [], [], 0
    for _ in range(LOG_REPS if workload == "logs" else STREAM_REPS):
        t = time.perf_counter()
        out, rss, _ = timed(cmd)
        seconds.append(time.perf_counter() - t)
        down, up = (int(float(x)) for x in out.split())
        size = up if workload == "load" else down
        rsss.append(rss)
    med = statistics.median(seconds)
    return {"mb_s": size / med / 1e6, "samples": seconds, "bytes": size, "rss_mb": max(rsss)}


def import_times(lang):
    """Cold import/require of each package, in fresh processes (after one to warm the page cache)."""
    out = {}
    if lang == "python":
        py = f"{HERE}/.venv/bin/python"
        mods = {"ours": "docker_engine_api", "docker": "docker", "aiodocker": "aiodocker"}
        code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
        cmd = lambda m: [py, "-c", code.format(m=m)]
    elif lang == "node":
        mods = {"ours": os.path.join(ROOT, "bindings-node"), "dockerode": os.path.join(HERE, "node/node_modules/dockerode")}
        code = "const t = process.hrtime.bigint(); require({m!r}); console.log(Number(process.hrtime.bigint() - t) / 1e9)"
        cmd = lambda m: ["node", "-e", code.format(m=m)]
    else:
        return out
    for client, m in mods.items():
        sh(cmd(m))
        samples = [float(sh(cmd(m))) for _ in range(IMPORT_REPS)]
        out[client] = {"ms": statistics.median(samples) * 1e3, "samples": samples}
    return out


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    host, langs = sys.argv[1], sys.argv[2:] or ["rust", "python", "node"]
    os.makedirs(RESULTS, exist_ok=True)
    started = time.time()
    progs = programs(langs)
    wpath = os.path.join(os.environ.get("BENCH_WORK", "/tmp/dea-bench"), "workload.json")
    os.makedirs(os.path.dirname(wpath), exist_ok=True)
    log("preparing the workload (first run: a minute or two)")
    subprocess.run([sys.executable, f"{HERE}/workload.py", "prepare", host, wpath], check=True)
    with open(wpath) as f:
        wl = json.load(f)
    try:
        # The floors, once for all languages of this run.
        floor = {}
        for workload in CALLS + ["logs"]:
            log(f"floor {workload}")
            floor[workload] = {"hyper": measure(progs["rust"], workload, "floor", wpath)}
        for workload in STREAMS:
            log(f"curl {workload}")
            floor.setdefault(workload, {})["curl"] = curl(workload, wl)
        for lang in langs:
            res = {"lang": lang, "quick": QUICK, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                   "floor": floor, "workloads": {}, "import": {}}
            for workload in CALLS + STREAMS:
                for client in ["ours"] + PEERS[lang]:
                    log(f"{lang} {workload} {client}")
                    res["workloads"].setdefault(workload, {})[client] = measure(progs[lang], workload, client, wpath)
            res["import"] = import_times(lang)
            with open(os.path.join(RESULTS, f"{lang}.json"), "w") as f:
                json.dump(res, f, indent=1)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            log("removing the workload")
            subprocess.run([sys.executable, f"{HERE}/workload.py", "cleanup", host], check=True)
    log(f"done in {time.time() - started:.0f} s")
    subprocess.run([sys.executable, f"{HERE}/report.py", host], check=True)


if __name__ == "__main__":
    main()
