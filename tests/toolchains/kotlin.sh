#!/usr/bin/env bash
# The Kotlin/JVM toolchain for the Kotlin binding's tests, kept OUTSIDE the repository so it
# is fetched once per machine and reused by every clone:
#   - Debian: openjdk-17-jdk-headless (java, jar), libjna-java (jna.jar: what uniffi's Kotlin
#     loads the native library with), libgoogle-gson-java (gson.jar: the case runner's JSON);
#   - npm: `kotlin-compiler`, the whole compiler distribution (kotlinc, the Kotlin stdlib,
#     kotlinx-coroutines-core-jvm), installed into $DEA_KOTLIN_HOME.
#
#   tests/toolchains/kotlin.sh ensure   install what is missing (idempotent; a second run
#                                       takes well under a second), print the compiler's home
set -euo pipefail

KOTLIN_VERSION=2.4.20
HOME_DIR=${DEA_KOTLIN_HOME:-/var/cache/docker-engine-api-test-kotlin}
PACKAGES=(openjdk-17-jdk-headless libjna-java libgoogle-gson-java)
# The compiler distribution inside the npm package.
DIST=$HOME_DIR/node_modules/kotlin-compiler

apt_missing() {
    local p
    for p in "${PACKAGES[@]}"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
            echo "$p"
        fi
    done
}

ensure() {
    local missing
    mapfile -t missing < <(apt_missing)
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "kotlin toolchain: installing ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
    if [[ ! -x $DIST/bin/kotlinc || "$(cat "$HOME_DIR/.version" 2>/dev/null)" != "$KOTLIN_VERSION" ]]; then
        command -v npm >/dev/null || { echo "kotlin toolchain: npm is needed to fetch kotlin-compiler" >&2; exit 1; }
        echo "kotlin toolchain: npm kotlin-compiler@$KOTLIN_VERSION into $HOME_DIR" >&2
        mkdir -p "$HOME_DIR"
        npm install --prefix "$HOME_DIR" --no-audit --no-fund --loglevel=error \
            "kotlin-compiler@$KOTLIN_VERSION" >&2
        chmod +x "$DIST"/bin/* 2>/dev/null || true
        echo "$KOTLIN_VERSION" >"$HOME_DIR/.version"
    fi
    echo "$DIST"
}

case ${1:-ensure} in
    ensure) ensure ;;
    *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac
