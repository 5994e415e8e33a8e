#!/usr/bin/env bash
# Builds and runs the Kotlin/JVM binding. Outputs go to target/kotlin/ (never committed).
#
#   bindings-swift/kotlin/build.sh generate [--check]  regenerate generated/ from the crate
#                                                      (--check: fail when it drifted)
#   bindings-swift/kotlin/build.sh jar                 the jar (classes + the native library
#                                                      under linux-x86-64/ for JNA); prints its path
#   bindings-swift/kotlin/build.sh test                the Kotlin tests (tests/*.kt)
#   bindings-swift/kotlin/build.sh cases [ARGS...]     the Kotlin column of the shared cases
#   bindings-swift/kotlin/build.sh demo                examples/Demo.kt
#   bindings-swift/kotlin/build.sh classpath           what `java -cp` needs beside the jar
#
# DEA_KOTLIN_PROFILE=release puts the release build of the native library into the jar (the
# default, debug, is what the tests use: no second full build of the core).
#
# kotlinc is slow (the generated file is ~38k lines): each compiled part is cached under
# target/kotlin/ by a hash of its sources and recompiled only when they change.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/kotlin
LIB=docker_engine_api_ffi
GENERATED=$HERE/generated/dockerengineapi/$LIB.kt
PROFILE=${DEA_KOTLIN_PROFILE:-debug}

KOTLIN_HOME=$("$ROOT/tests/toolchains/kotlin.sh" ensure)
KOTLINC=$KOTLIN_HOME/bin/kotlinc
JNA=/usr/share/java/jna.jar
GSON=/usr/share/java/gson.jar
RUNTIME_CP=$KOTLIN_HOME/lib/kotlin-stdlib.jar:$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar:$JNA

case $(uname -m) in
    x86_64) JNA_PREFIX=linux-x86-64 ;;
    aarch64) JNA_PREFIX=linux-aarch64 ;;
    *) JNA_PREFIX=linux-$(uname -m) ;;
esac

crate() {
    (cd "$ROOT" && cargo build -q -p docker-engine-api-swift -p uniffi-bindgen)
    if [[ $PROFILE == release ]]; then
        (cd "$ROOT" && cargo build -q --release -p docker-engine-api-swift)
    fi
}

generate() {
    crate
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    "$TARGET/debug/uniffi-bindgen" generate --library "$TARGET/debug/lib$LIB.so" \
        --language kotlin --no-format --out-dir "$tmp" >/dev/null
    if [[ ${1:-} == --check ]]; then
        if ! cmp -s "$tmp/dockerengineapi/$LIB.kt" "$GENERATED"; then
            echo "drift: $GENERATED is not what the crate generates today: run bindings-swift/kotlin/build.sh generate" >&2
            return 1
        fi
        echo "kotlin bindings: up to date"
    else
        mkdir -p "$(dirname "$GENERATED")"
        cp "$tmp/dockerengineapi/$LIB.kt" "$GENERATED"
        echo "kotlin bindings: written"
    fi
}

# compile NAME CLASSPATH SOURCES...: classes into $OUT/NAME, unless the sources are unchanged.
compile() {
    local name=$1 cp=$2
    shift 2
    local dir=$OUT/$name stamp
    # Each part its own module name: they share one jar, and two `main.kotlin_module` clash.
    local flags=(-nowarn -jvm-target 17 -module-name "docker-engine-api-$name")
    stamp=$(cat "$@" <(echo "$cp ${flags[*]}") "$HOME_VERSION_FILE" 2>/dev/null | sha256sum | cut -d' ' -f1)
    if [[ -f $dir.stamp && "$(cat "$dir.stamp")" == "$stamp" && -d $dir ]]; then
        return 0
    fi
    echo "kotlinc: $name ($# files)" >&2
    rm -rf "$dir" "$dir.stamp"
    mkdir -p "$dir"
    "$KOTLINC" "${flags[@]}" -cp "$cp" -d "$dir" "$@" >&2
    echo "$stamp" >"$dir.stamp"
}
HOME_VERSION_FILE=$KOTLIN_HOME/package.json

jar_path() {
    crate
    mkdir -p "$OUT"
    compile generated "$RUNTIME_CP" "$GENERATED"
    compile layer "$RUNTIME_CP:$OUT/generated" "$HERE"/src/*.kt
    # The native library where JNA looks on the class path; debug info stripped (the debug
    # build's is ~150 MB).
    local native=$OUT/native-$PROFILE/$JNA_PREFIX built=$TARGET/$PROFILE/lib$LIB.so
    mkdir -p "$native"
    if [[ ! -f $native/lib$LIB.so || $built -nt $native/lib$LIB.so ]]; then
        strip --strip-debug -o "$native/lib$LIB.so" "$built"
    fi
    local jar=$OUT/docker-engine-api.jar
    [[ $PROFILE == debug ]] || jar=$OUT/docker-engine-api-$PROFILE.jar
    if [[ ! -f $jar || $native/lib$LIB.so -nt $jar || $OUT/generated.stamp -nt $jar || $OUT/layer.stamp -nt $jar ]]; then
        rm -f "$jar"
        jar cf "$jar" -C "$OUT/generated" . -C "$OUT/layer" . -C "$OUT/native-$PROFILE" .
    fi
    echo "$jar"
}

run_main() {
    local name=$1 main=$2 extra_cp=$3
    shift 3
    local jar sources=()
    jar=$(jar_path)
    case $name in
        tests) sources=("$HERE"/tests/*.kt) ;;
        demo) sources=("$HERE"/examples/*.kt) ;;
        runner) sources=("$ROOT"/tests/runner-kotlin/*.kt) ;;
    esac
    compile "$name" "$RUNTIME_CP:$jar$extra_cp" "${sources[@]}"
    # From the repository's root: the tests and the runner find tests/ there.
    cd "$ROOT"
    java -cp "$OUT/$name:$jar:$RUNTIME_CP$extra_cp" "$main" "$@"
}

case ${1:-} in
    generate) shift; generate "$@" ;;
    jar) jar_path ;;
    classpath) echo "$RUNTIME_CP" ;;
    test) shift; run_main tests dockerengineapi.tests.MainKt "" "$@" ;;
    cases) shift; run_main runner dockerengineapi.runner.MainKt ":$GSON" "$@" ;;
    demo) shift; run_main demo dockerengineapi.examples.DemoKt "" "$@" ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
