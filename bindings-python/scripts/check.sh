#!/usr/bin/env bash
# The Python binding's own checks: builds and installs the wheel (scripts/install.sh), runs
# mypy --strict on the package (its generated stubs), the examples and the tests, then pytest.
# PROFILE=release builds optimised (default: dev, much faster to build on a small machine).
set -euo pipefail
cd "$(dirname "$0")/.."

py=$(scripts/install.sh)
bin=$(dirname "$py")

"$bin/mypy" --strict python/docker_engine_api examples tests
"$py" -m pytest -q tests
