#!/usr/bin/env bash
# The Swift package's jobs, each inside the Swift chroot (tests/toolchains/swift.sh: Debian 13
# with swiftlang 6.0, made once per machine) against the core's library built on the host:
#
#   bindings-swift/swift/build.sh generate [--check]  the generated Swift (swift/generate.sh)
#   bindings-swift/swift/build.sh test     swift test (streams, cancellation, errors), Swift 6
#                                          language mode, every warning an error
#   bindings-swift/swift/build.sh cases    tests/runner-swift: every shared case, writes
#                                          tests/results/swift.json
#   bindings-swift/swift/build.sh demo     the Swift demo (Examples/Demo)
#
# The engines come from DEA_TEST_SELECTED / DOCKER_HOST or tests/engines/engines.env, as for
# the other languages; swift.sh passes DEA_* and DOCKER_* variables into the chroot.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$PKG/.." && pwd)
SWIFT="$ROOT/tests/toolchains/swift.sh"
export DOCKER_ENGINE_API_LIB_DIR=${CARGO_TARGET_DIR:-$ROOT/target}/debug

lib() {
    (cd "$ROOT" && cargo build -q -p docker-engine-api-swift)
    "$SWIFT" ensure
}

case ${1:-} in
generate)
    shift
    "$HERE/generate.sh" "$@"
    ;;
test)
    lib
    "$SWIFT" run "$PKG" swift test -Xswiftc -warnings-as-errors
    ;;
cases)
    lib
    "$SWIFT" run "$ROOT/tests/runner-swift" swift build -Xswiftc -warnings-as-errors
    shift
    "$SWIFT" run "$ROOT/tests/runner-swift" .build/debug/CaseRunner "$@"
    ;;
demo)
    lib
    "$SWIFT" run "$PKG" swift run -Xswiftc -warnings-as-errors Demo
    ;;
*)
    echo "usage: $0 generate [--check] | test | cases [ARGS] | demo" >&2
    exit 2
    ;;
esac
