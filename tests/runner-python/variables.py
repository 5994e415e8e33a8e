"""`${...}` expansion in case strings. Mirrors tests/runner-rust/src/vars.rs."""

from __future__ import annotations

import re
import time
from typing import Any

_PATTERN = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)([+-][0-9]+)?(\|int)?\}")


class UnknownVariable(Exception):
    pass


def unix_now() -> int:
    return int(time.time())


def _lookup(name: str, offset: str | None, vars: dict[str, Any]) -> Any:
    if name == "now":
        return str(unix_now() + (int(offset) if offset else 0))
    if name not in vars:
        raise UnknownVariable(f"unknown variable ${{{name}}}")
    return vars[name]


def _text(v: Any) -> str:
    import json

    return v if isinstance(v, str) else json.dumps(v)


def _expand_str(s: str, vars: dict[str, Any]) -> Any:
    whole = _PATTERN.fullmatch(s)
    if whole:
        value = _lookup(whole[1], whole[2], vars)
        if not whole[3]:
            return value
        try:
            return int(_text(value))
        except ValueError:
            raise UnknownVariable(f"${{{whole[1]}}} is not an integer: {value}") from None
    return _PATTERN.sub(lambda m: _text(_lookup(m[1], m[2], vars)), s)


def expand(value: Any, vars: dict[str, Any]) -> Any:
    """Expands every string inside `value`; an unknown variable raises `UnknownVariable`."""
    if isinstance(value, str):
        return _expand_str(value, vars)
    if isinstance(value, list):
        return [expand(v, vars) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            key = _expand_str(k, vars)
            out[key if isinstance(key, str) else k] = expand(v, vars)
        return out
    return value
