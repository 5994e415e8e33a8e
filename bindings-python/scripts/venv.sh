#!/usr/bin/env bash
# Makes bindings-python/.venv with the test tools from PyPI (idempotent: a stamp records what
# was installed) and prints the venv's python. Needs python3 with venv (Debian: python3-venv,
# installed by tests/engines/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=("maturin>=1.5,<2" "pytest>=8" "pytest-asyncio>=0.23" "mypy>=1.8")
VENV=.venv
STAMP=$VENV/.tools

if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV" >&2
fi
if [[ "$(cat "$STAMP" 2>/dev/null || true)" != "${TOOLS[*]}" ]]; then
    "$VENV/bin/pip" install -q --disable-pip-version-check "${TOOLS[@]}" >&2
    echo "${TOOLS[*]}" > "$STAMP"
fi
echo "$PWD/$VENV/bin/python"
