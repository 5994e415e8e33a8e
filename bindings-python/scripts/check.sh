#!/usr/bin/env bash
# The Python binding's own checks: builds the abi3 wheel with maturin, installs it into
# bindings-python/.venv (as `pip install ./bindings-python` would), runs mypy --strict on the
# package (its generated stubs), the typed example and the tests, then pytest.
# PROFILE=release builds optimised (default: dev, much faster to build on a small machine).
set -euo pipefail
cd "$(dirname "$0")/.."

py=$(scripts/venv.sh)
bin=$(dirname "$py")
wheels=../target/wheels-python
rm -rf "$wheels"
"$bin/maturin" build --quiet --interpreter "$py" --profile "${PROFILE:-dev}" --out "$wheels" >&2
"$bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$wheels"/*.whl

"$bin/mypy" --strict python/docker_engine_api examples tests
"$py" -m pytest -q tests
