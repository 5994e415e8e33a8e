#!/usr/bin/env bash
# The Python benchmark environment: bench/.venv with the peers from PyPI (docker, aiodocker)
# and our wheel built in release mode. Prints the venv's python. Logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."

PEERS=("docker==7.2.*" "aiodocker==0.27.*")
VENV=bench/.venv
if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV" >&2
fi
if [[ "$(cat "$VENV/.peers" 2>/dev/null || true)" != "${PEERS[*]}" ]]; then
    "$VENV/bin/pip" install -q --disable-pip-version-check "${PEERS[@]}" >&2
    echo "${PEERS[*]}" > "$VENV/.peers"
fi
# maturin comes with the binding's own venv (bindings-python/scripts/venv.sh).
build_py=$(bindings-python/scripts/venv.sh)
wheels=target/wheels-bench
rm -rf "$wheels"
(cd bindings-python && "$(dirname "$build_py")/maturin" build --quiet --interpreter "$build_py" --release --out "../$wheels") >&2
"$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$wheels"/*.whl >&2
echo "$PWD/$VENV/bin/python"
