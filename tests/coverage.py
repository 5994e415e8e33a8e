#!/usr/bin/env python3
"""Writes the operation coverage report (operation x called/decoded/asserted per language)
to tests/results/coverage.md, from the operation table, the shared cases and the evidence the
runners record in tests/results/<lang>.json ("ops", tests/cases/README.md).

Usage: tests/coverage.py LANG [LANG...]
Fails (exit 1) when an operation has no case, or no language called it against the engine,
decoded its answer and asserted it, or a language's results are missing.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent
OPERATIONS = ROOT.parent / "core" / "src" / "generated" / "operations.rs"


def operation_ids():
    """Every operation of the spec, in the table's order (the generated operation table)."""
    return re.findall(r'^    id: "([A-Za-z0-9]+)",$', OPERATIONS.read_text(), re.M)


def ops_in_cases():
    """operation id -> the names of the cases with a step (or cleanup step) calling it."""
    found = {}
    for path in sorted((ROOT / "cases").glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            for step in case["steps"] + case.get("cleanup", []):
                if "op" in step:
                    found.setdefault(step["op"], set()).add(case["name"])
    return found


def mark(evidence):
    """`CDA`: called, decoded, asserted; `-` for each one missing."""
    if evidence is None:
        return "---"
    return "".join(c if evidence.get(k) else "-"
                   for c, k in (("C", "called"), ("D", "decoded"), ("A", "asserted")))


def main(langs):
    if not langs:
        sys.exit("usage: tests/coverage.py LANG [LANG...]")
    ops = operation_ids()
    cases = ops_in_cases()
    evidence, problems = {}, []
    for lang in langs:
        path = ROOT / "results" / f"{lang}.json"
        if not path.exists():
            problems.append(f"{lang}: no results ({path.relative_to(ROOT.parent)} missing)")
        evidence[lang] = json.loads(path.read_text()).get("ops", {}) if path.exists() else {}
    for unknown in sorted(set(cases) - set(ops)):
        problems.append(f"cases call {unknown}, which is no operation of the spec")
    rows, full = [], 0
    for op in ops:
        cells = [mark(evidence[lang].get(op)) for lang in langs]
        n = len(cases.get(op, ()))
        if n == 0:
            problems.append(f"{op}: no case calls it")
        # Exercised: some language called it, decoded the answer and asserted it.
        if "CDA" in cells:
            full += 1
        elif n:
            problems.append(f"{op}: no language called, decoded and asserted it ({', '.join(cells)})")
        for lang, cell in zip(langs, cells):
            if cell != "CDA" and (ROOT / "results" / f"{lang}.json").exists():
                problems.append(f"{lang}: {op} is {cell}")
        rows.append(f"| {op} | {n} | " + " | ".join(cells) + " |")
    header = "| operation | cases | " + " | ".join(langs) + " |"
    rule = "|---|---|" + "|".join("---" for _ in langs) + "|"
    total = f"{full}/{len(ops)} operations exercised against the real engine (called, decoded, asserted)"
    out = ROOT / "results" / "coverage.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "# Operations x languages\n\nWritten by `tests/coverage.py` (`make test`) from the evidence "
        "the case runners record. A cell is `CDA` when some step of a shared case **C**alled the "
        "operation against the real engine (a result or an answer with an HTTP status), its "
        "answer was **D**ecoded (into the typed model, or as a typed daemon error) and a step's "
        "`expect` **A**sserted it; `-` marks what is missing. `cases`: how many cases call it.\n\n"
        + "\n".join([header, rule] + rows) + "\n\n" + total + "\n")
    for p in problems:
        print("problem:", p)
    print(f"coverage: {total}; {len(problems)} problem(s); tests/results/coverage.md")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
