#!/usr/bin/env bash
# Builds the abi3 wheel with maturin and installs it into bindings-python/.venv (as
# `pip install ./bindings-python` would); prints the venv's python. Logs go to stderr.
# PROFILE=release builds optimised (default: dev, much faster to build on a small machine).
set -euo pipefail
cd "$(dirname "$0")/.."

py=$(scripts/venv.sh)
bin=$(dirname "$py")
wheels=../target/wheels-python
rm -rf "$wheels"
"$bin/maturin" build --quiet --interpreter "$py" --profile "${PROFILE:-dev}" --out "$wheels" >&2
"$bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$wheels"/*.whl >&2
echo "$py"
