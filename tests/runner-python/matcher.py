"""The matchers of the case format (tests/cases/README.md): subset objects, exact arrays,
`$`-operators. Mirrors tests/runner-rust/src/matcher.rs."""

from __future__ import annotations

import json
import re
from typing import Any

_MISSING = object()


class Mismatch(Exception):
    pass


def _short(v: Any) -> str:
    s = "nothing" if v is _MISSING else json.dumps(v)
    return s if len(s) <= 300 else s[:300] + "..."


def _type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def matches(expected: Any, actual: Any) -> None:
    """Raises `Mismatch` saying where and why `actual` does not match."""
    _check(expected, actual, "$")


def _ok(expected: Any, actual: Any, at: str) -> bool:
    try:
        _check(expected, actual, at)
        return True
    except Mismatch:
        return False


def _check(expected: Any, actual: Any, at: str) -> None:
    if isinstance(expected, dict) and len(expected) == 1:
        key = next(iter(expected))
        if key.startswith("$"):
            return _special(key, expected[key], actual, at)
    if actual is _MISSING:
        raise Mismatch(f"at {at}: expected {json.dumps(expected)}, found nothing")
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k, ev in expected.items():
            _check(ev, actual.get(k, _MISSING), f"{at}.{k}")
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            raise Mismatch(
                f"at {at}: expected {len(expected)} elements, found {len(actual)}: {_short(actual)}"
            )
        for i, (ev, av) in enumerate(zip(expected, actual)):
            _check(ev, av, f"{at}[{i}]")
        return None
    if _type_name(expected) == "number" and _type_name(actual) == "number":
        if float(expected) == float(actual):
            return None
    elif _type_name(expected) == _type_name(actual) and expected == actual:
        return None
    raise Mismatch(f"at {at}: expected {json.dumps(expected)}, found {_short(actual)}")


def _length(v: Any) -> int | None:
    return len(v) if isinstance(v, (list, str, dict)) else None


def _special(op: str, arg: Any, actual: Any, at: str) -> None:
    def fail(why: str) -> Mismatch:
        return Mismatch(f"at {at}: {why}")

    if op == "$absent":
        if actual is _MISSING or actual is None:
            return None
        raise fail(f"expected nothing, found {_short(actual)}")
    if op == "$any":
        return None
    if op == "$not":
        if _ok(arg, actual, at):
            raise fail(f"{_short(actual)} matches {json.dumps(arg)}")
        return None
    if op == "$all":
        if not isinstance(arg, list):
            raise fail("$all needs an array of matchers")
        for m in arg:
            _check(m, actual, at)
        return None
    if actual is _MISSING:
        raise fail(f"expected {{{op}: {json.dumps(arg)}}}, found nothing")
    if op == "$type":
        if arg == _type_name(actual):
            return None
        raise fail(f"expected a {arg}, found {_short(actual)}")
    if op in ("$contains", "$not_contains"):
        if isinstance(actual, str) and isinstance(arg, str):
            found = arg in actual
        elif isinstance(actual, list):
            found = any(_ok(arg, item, at) for item in actual)
        else:
            raise fail(f"{op} needs a string or an array, found {_short(actual)}")
        if found != (op == "$contains"):
            verb = "does not contain" if op == "$contains" else "contains"
            raise fail(f"{_short(actual)} {verb} {json.dumps(arg)}")
        return None
    if op in ("$len", "$min_len"):
        want = int(arg) if isinstance(arg, (int, float)) else 0
        n = _length(actual)
        if n is not None and (n == want if op == "$len" else n >= want):
            return None
        raise fail(f"expected {op} {want}, found {_short(actual)}")
    if op == "$regex":
        if isinstance(actual, str) and re.search(str(arg), actual):
            return None
        raise fail(f"{_short(actual)} does not match /{arg}/")
    raise fail(f"unknown matcher {op}")
