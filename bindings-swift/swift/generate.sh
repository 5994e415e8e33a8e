#!/usr/bin/env bash
# Writes the generated Swift of the uniffi crate into the Swift package:
#   Sources/DockerEngineAPI/Generated/docker_engine_api_ffi.swift   (the bindings)
#   Sources/docker_engine_api_ffiFFI/docker_engine_api_ffiFFI.h     (the C header of the FFI)
#   Sources/DockerEngineAPI/Generated/Surface.swift                  (surface.py: group
#       properties of `Docker`, streaming methods as lazy AsyncSequences)
# after the cancellation patch (cancel-patch.py): uniffi's Swift async calls do not cancel
# the Rust future when their Task is cancelled; patched, they do.
#
#   bindings-swift/swift/generate.sh           regenerate (builds the crate first)
#   bindings-swift/swift/generate.sh --check   regenerate into a scratch folder; fail on drift
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$PKG/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

cd "$ROOT"
cargo build -q -p docker-engine-api-swift -p uniffi-bindgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$TARGET/debug/uniffi-bindgen" generate --library "$TARGET/debug/libdocker_engine_api_ffi.so" \
    --language swift --no-format --out-dir "$out" >/dev/null
python3 "$HERE/cancel-patch.py" "$out/docker_engine_api_ffi.swift"
python3 "$HERE/surface.py" "$out/docker_engine_api_ffi.swift" "$out/Surface.swift"

generated=$PKG/Sources/DockerEngineAPI/Generated
header_dir=$PKG/Sources/docker_engine_api_ffiFFI
# generated file -> where it lives in the package
declare -A DEST=(
    [docker_engine_api_ffi.swift]=$generated
    [Surface.swift]=$generated
    [docker_engine_api_ffiFFI.h]=$header_dir
)
if [[ ${1:-} == --check ]]; then
    drift=0
    for f in "${!DEST[@]}"; do
        cmp -s "$out/$f" "${DEST[$f]}/$f" || { echo "drift: ${DEST[$f]}/$f" >&2; drift=1; }
    done
    if [[ $drift -eq 1 ]]; then
        echo "the generated Swift is not what the crate makes today: run bindings-swift/swift/generate.sh" >&2
        exit 1
    fi
    echo "swift bindings: up to date"
else
    for f in "${!DEST[@]}"; do
        cp "$out/$f" "${DEST[$f]}/$f"
    done
    echo "swift bindings: written"
fi
