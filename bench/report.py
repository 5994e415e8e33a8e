#!/usr/bin/env python3
"""Merges bench/results/<lang>.json into one table, bench/results/latest.md, with the facts of
the machine, the engine and every client's version, and checks the issue's targets.
`report.py HOST` (HOST: the engine measured, for its version)."""

import json
import os
import platform
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
LANGS = ["rust", "python", "node"]
PEER_NAMES = {"bollard": "bollard", "docker": "docker-py", "aiodocker": "aiodocker", "dockerode": "dockerode"}


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def lock_version(lock, name):
    with open(lock) as f:
        m = re.search(rf'name = "{name}"\nversion = "([^"]+)"', f.read())
    return m.group(1) if m else "?"


def facts(host):
    sys.path.insert(0, HERE)
    from engine import Engine
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    try:
        v = Engine(host).version()
        engine = f"Docker Engine {v['Version']} (API {v['ApiVersion']}), {host}"
    except Exception as e:  # the report still says what it can
        engine = f"? ({e})"
    venv_py = os.path.join(HERE, ".venv/bin/python")
    pyver = lambda pkg: run([venv_py, "-c", f"import importlib.metadata as m; print(m.version('{pkg}'))"])
    dockerode = os.path.join(HERE, "node/node_modules/dockerode/package.json")
    lock = os.path.join(HERE, "rust/Cargo.lock")
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("RAM", f"{mem / 1024 / 1024:.1f} GiB"),
        ("Kernel", f"{platform.system()} {platform.release()}"),
        ("Load average when reported", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Engine", engine),
        ("Ours", f"docker-engine-api {lock_version(lock, 'docker-engine-api')} (release builds: Rust core, Python wheel, Node .node)"),
        ("Rust peer", f"bollard {lock_version(lock, 'bollard')}; floor: hyper {lock_version(lock, 'hyper')} http1 keep-alive; {run(['rustc', '--version'])}"),
        ("Python peers", f"docker {pyver('docker')}, aiodocker {pyver('aiodocker')}; {run([venv_py, '--version'])}"),
        ("Node peer", f"dockerode {json.load(open(dockerode))['version'] if os.path.exists(dockerode) else '?'}; node {run(['node', '--version'])}"),
        ("curl", run(["curl", "--version"]).splitlines()[0] if run(["curl", "--version"]) != "?" else "?"),
    ]


def fig(m):
    if "us_per_call" in m:
        return f"{m['us_per_call']:.0f} us/call (CPU {m['cpu_us_per_call']:.0f} us)"
    return f"{m['mb_s']:.1f} MB/s, peak RSS {m['rss_mb']:.0f} MB"


def spread(m):
    s = m["samples"]
    if "us_per_call" in m:
        return f"{min(s) / m['calls'] * 1e6:.0f}-{max(s) / m['calls'] * 1e6:.0f}"
    return f"{m['bytes'] / max(s) / 1e6:.1f}-{m['bytes'] / min(s) / 1e6:.1f}"


def ratio(ours, other):
    """ours/other: time per call for the calls (< 1: we are faster), throughput for streams
    (> 1: we are faster)."""
    if "us_per_call" in ours:
        return ours["us_per_call"] / other["us_per_call"]
    return ours["mb_s"] / other["mb_s"]


def table(results):
    rows = ["| workload | language | client | median | range of reps | ours/peer | ours/floor |",
            "|---|---|---|---|---|---|---|"]
    for lang in LANGS:
        r = results.get(lang)
        if not r:
            continue
        for workload, clients in r["workloads"].items():
            floors = r["floor"].get(workload, {})
            ours = clients["ours"]
            for name, m in clients.items():
                label = "**ours**" if name == "ours" else PEER_NAMES.get(name, name)
                vs_peer = " ".join(f"{ratio(ours, p):.2f}x {PEER_NAMES[n]}" for n, p in clients.items() if n != "ours") if name == "ours" else ""
                vs_floor = " ".join(f"{ratio(ours, f):.2f}x {n}" for n, f in floors.items()) if name == "ours" else ""
                rows.append(f"| {workload} | {lang} | {label} | {fig(m)} | {spread(m)} | {vs_peer} | {vs_floor} |")
            for n, f in floors.items():
                rows.append(f"| {workload} | {lang} | floor: {n} | {fig(f)} | {spread(f)} | | |")
        for name, m in r.get("import", {}).items():
            label = "**ours**" if name == "ours" else PEER_NAMES.get(name, name)
            rows.append(f"| import | {lang} | {label} | {m['ms']:.1f} ms | {min(m['samples']) * 1e3:.1f}-{max(m['samples']) * 1e3:.1f} | | |")
    return rows


def targets(results):
    """The issue's targets, each with its figures and whether this run met it."""
    out = []

    def check(text, ok, detail):
        out.append(f"| {text} | {'met' if ok else '**missed**'} | {detail} |")

    r = results.get("rust")
    if r:
        for wl in ["ping", "list", "inspect"]:
            x = ratio(r["workloads"][wl]["ours"], r["floor"][wl]["hyper"])
            check(f"Rust {wl}: within 1.1x of the floor", x <= 1.1, f"{x:.2f}x")
        for wl in ["ping", "inspect"]:
            x = 1 / ratio(r["workloads"][wl]["ours"], r["workloads"][wl]["bollard"])
            check(f"Rust {wl}: >= 1.7x faster than bollard", x >= 1.7, f"{x:.2f}x faster")
    for lang, peers in [("python", {"docker": 5, "aiodocker": 3}), ("node", {"dockerode": 3})]:
        r = results.get(lang)
        if not r:
            continue
        for wl in ["ping", "list", "inspect"]:
            for peer, want in peers.items():
                x = 1 / ratio(r["workloads"][wl]["ours"], r["workloads"][wl][peer])
                check(f"{lang} {wl}: >= {want}x faster than {PEER_NAMES[peer]}", x >= want, f"{x:.2f}x faster")
    for lang in LANGS:
        r = results.get(lang)
        if not r:
            continue
        logs = r["workloads"]["logs"]
        best = max([m["mb_s"] for n, m in logs.items() if n != "ours"] + [r["floor"]["logs"]["curl"]["mb_s"]])
        check(f"{lang} logs: >= the fastest peer and curl", logs["ours"]["mb_s"] >= best,
              f"{logs['ours']['mb_s']:.1f} vs {best:.1f} MB/s")
        for wl in ["save", "load"]:
            ours, c = r["workloads"][wl]["ours"], r["floor"][wl]["curl"]
            check(f"{lang} {wl}: >= curl's throughput", ours["mb_s"] >= c["mb_s"], f"{ours['mb_s']:.0f} vs {c['mb_s']:.0f} MB/s")
            check(f"{lang} {wl}: peak RSS < 64 MB", ours["rss_mb"] < 64, f"{ours['rss_mb']:.0f} MB")
        if r.get("import"):
            ms = r["import"]["ours"]["ms"]
            check(f"{lang} import: < 30 ms", ms < 30, f"{ms:.1f} ms")
    return out


def reps(results):
    """How many reps each kind of workload had (set by run.py's BENCH_* settings)."""
    seen = {}
    for r in results.values():
        for workload, clients in r["workloads"].items():
            for m in clients.values():
                seen.setdefault(workload, set()).add(len(m["samples"]))
    return ", ".join(f"{w} {'/'.join(map(str, sorted(n)))}" for w, n in seen.items())


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "?"
    results = {}
    for lang in LANGS:
        p = os.path.join(RESULTS, f"{lang}.json")
        if os.path.exists(p):
            with open(p) as f:
                results[lang] = json.load(f)
    if not results:
        raise SystemExit("no results in bench/results: run make bench first")
    when = sorted({r["when"] for r in results.values()})
    quick = any(r["quick"] for r in results.values())
    lines = ["# Benchmarks", "",
             f"Measured {', '.join(when)} by `make bench`{' (BENCH_QUICK=1: a tenth of the work, not for comparison)' if quick else ''}.",
             "Same engine, same run; each figure is the median of its reps (range in the next column); "
             f"reps in this run: {reps(results)}.",
             "ours/peer and ours/floor: time per call for calls (below 1: ours is faster), throughput for streams (above 1: ours is faster).",
             "CPU: the client process's user+system time per call (start-up and warm-up included): its own cost, steadier than wall time when the machine is busy.",
             "MB = 10^6 bytes: payload bytes for our logs and the peers' (demultiplexed), raw bytes for the floors.", "",
             "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in facts(host)]
    notes = os.path.join(RESULTS, "notes.md")
    lines += ["", "## Results", ""] + table(results) + ["", "## Targets", "", "| target | this run | figures |", "|---|---|---|"] + targets(results)
    if os.path.exists(notes):
        lines += ["", open(notes).read().rstrip()]
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
