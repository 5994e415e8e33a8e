#!/usr/bin/env bash
# Writes the generated Swift of the uniffi crate into the Swift package:
#   Sources/DockerEngineAPI/Generated/docker_engine_api_ffi.swift   (the bindings)
#   Sources/docker_engine_api_ffiFFI/docker_engine_api_ffiFFI.h     (the C header of the FFI)
# then applies the cancellation patch (cancel-patch.py): uniffi's Swift async calls do not
# cancel the Rust future when their Task is cancelled; patched, they do.
#
#   bindings-swift/generate-swift.sh           regenerate (builds the crate first)
#   bindings-swift/generate-swift.sh --check   regenerate into a scratch folder; fail on drift
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

cd "$ROOT"
cargo build -q -p docker-engine-api-swift -p uniffi-bindgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$TARGET/debug/uniffi-bindgen" generate --library "$TARGET/debug/libdocker_engine_api_ffi.so" \
    --language swift --no-format --out-dir "$out" >/dev/null
python3 "$HERE/cancel-patch.py" "$out/docker_engine_api_ffi.swift"

swift_file=$HERE/Sources/DockerEngineAPI/Generated/docker_engine_api_ffi.swift
header=$HERE/Sources/docker_engine_api_ffiFFI/docker_engine_api_ffiFFI.h
if [[ ${1:-} == --check ]]; then
    drift=0
    cmp -s "$out/docker_engine_api_ffi.swift" "$swift_file" || { echo "drift: $swift_file" >&2; drift=1; }
    cmp -s "$out/docker_engine_api_ffiFFI.h" "$header" || { echo "drift: $header" >&2; drift=1; }
    if [[ $drift -eq 1 ]]; then
        echo "the generated Swift is not what the crate makes today: run bindings-swift/generate-swift.sh" >&2
        exit 1
    fi
    echo "swift bindings: up to date"
else
    cp "$out/docker_engine_api_ffi.swift" "$swift_file"
    cp "$out/docker_engine_api_ffiFFI.h" "$header"
    echo "swift bindings: written"
fi
