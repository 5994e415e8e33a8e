#!/usr/bin/env python3
"""Prints the shared-case matrix (case x language) from tests/results/<lang>.json.

Usage: tests/matrix.py LANG [LANG...]
Writes tests/results/matrix.md too. Fails (exit 1) when a case failed in a language, or a
language's results miss a case (a gap), or a result names a case that no longer exists.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent
MARK = {"pass": "pass", "fail": "FAIL", "skip": "skip", None: "MISSING"}


def case_names():
    names = []
    for path in sorted((ROOT / "cases").glob("*.json")):
        names += [c["name"] for c in json.loads(path.read_text())["cases"]]
    return names


def main(langs):
    if not langs:
        sys.exit("usage: tests/matrix.py LANG [LANG...]")
    names = case_names()
    results, problems, notes = {}, [], []
    for lang in langs:
        path = ROOT / "results" / f"{lang}.json"
        if not path.exists():
            problems.append(f"{lang}: no results ({path.relative_to(ROOT.parent)} missing)")
            results[lang] = {}
            continue
        results[lang] = json.loads(path.read_text())["results"]
        for extra in sorted(set(results[lang]) - set(names)):
            problems.append(f"{lang}: result for unknown case {extra}")
    counts = {"pass": 0, "fail": 0, "skip": 0, None: 0}
    width = max(len(n) for n in names)
    header = f"| {'case'.ljust(width)} | " + " | ".join(langs) + " |"
    lines = [header, "|" + "-" * (width + 2) + "|" + "|".join("-" * (len(l) + 2) for l in langs) + "|"]
    for name in names:
        cells = []
        for lang in langs:
            r = results[lang].get(name)
            status = r["status"] if r else None
            counts[status] += 1
            cells.append(MARK[status].ljust(len(lang)))
            if status == "fail":
                problems.append(f"{lang}: {name} failed: {r.get('detail', '')}")
            elif status is None and (ROOT / "results" / f"{lang}.json").exists():
                problems.append(f"{lang}: {name} has no result (gap)")
            elif status == "skip":
                notes.append(f"{lang}: {name} skipped: {r.get('detail', '')}")
        lines.append(f"| {name.ljust(width)} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    total = (f"{len(names)} cases x {len(langs)} language(s): {counts['pass']} passed, "
             f"{counts['fail']} failed, {counts['skip']} skipped, {counts[None]} missing")
    out = ROOT / "results" / "matrix.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Shared cases x languages\n\nWritten by `tests/matrix.py` (`make test`).\n\n"
                   + table + "\n\n" + total + "\n")
    print(table)
    for n in notes:
        print("note:", n)
    for p in problems:
        print("problem:", p)
    print(total)
    # The plain closing line CI reads.
    print(f"matrix: {counts['pass']} passed, {counts['fail'] + counts[None]} failed, {counts['skip']} skipped")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
