#!/usr/bin/env bash
# The Swift toolchain for the Swift binding's tests: Debian 12 has no Swift, Debian 13 has
# `swiftlang` 6.0. We keep a Debian 13 (trixie) minbase chroot OUTSIDE the repository, so it
# is made once per machine (about a minute and 3 GB) and reused by every clone.
#
#   tests/toolchains/swift.sh ensure          make the chroot if it is absent (idempotent)
#   tests/toolchains/swift.sh run DIR CMD...  run CMD inside the chroot with DIR as cwd
#
# `run` mounts /proc, /sys, /dev, the repository (at its own path), the cargo target dir
# and the engines' state dir (unix sockets, TLS material) in a private mount namespace
# (unshare -m): the mounts vanish with the command, nothing is left mounted on the host,
# and parallel runs do not step on each other. Needs root (CI runs as root).
set -euo pipefail

CHROOT=${DEA_SWIFT_CHROOT:-/var/cache/docker-engine-api-test-swift/trixie}
# Marks a chroot whose package install finished (an interrupted debootstrap is redone).
READY=$CHROOT/.dea-swift-ready
PACKAGES=(swiftlang libc6-dev libstdc++-14-dev)
ENGINES_STATE=/var/lib/docker-engine-api-test
REPO=$(cd "$(dirname "$0")/../.." && pwd)

mirror() {
    # The mirror the machine already uses (no other network is reachable).
    local uri
    uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
    echo "${uri:-http://deb.debian.org/debian}"
}

ensure() {
    [[ -e $READY ]] && return 0
    if ! command -v debootstrap >/dev/null; then
        echo "swift.sh: installing debootstrap" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2 ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2; }
    fi
    local tmp=$CHROOT.partial
    rm -rf "$tmp"
    mkdir -p "$(dirname "$CHROOT")"
    echo "swift.sh: debootstrap trixie into $tmp (once per machine)" >&2
    debootstrap --variant=minbase trixie "$tmp" "$(mirror)" >&2
    cp /etc/resolv.conf "$tmp/etc/resolv.conf"
    # Services must not start inside the chroot while packages install.
    printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
    chmod 755 "$tmp/usr/sbin/policy-rc.d"
    unshare --mount --propagation private bash -euc '
        t=$1; shift
        mount -t proc proc "$t/proc"
        mount --rbind /sys "$t/sys"
        mount --rbind /dev "$t/dev"
        chroot "$t" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        chroot "$t" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
        chroot "$t" apt-get clean
    ' _ "$tmp" "${PACKAGES[@]}" >&2
    rm -rf "$CHROOT"
    mv "$tmp" "$CHROOT"
    touch "$READY"
    echo "swift.sh: Swift toolchain ready in $CHROOT" >&2
}

run() {
    local cwd=$1
    shift
    ensure
    local target=${CARGO_TARGET_DIR:-$REPO/target}
    mkdir -p "$target"
    # The bind targets inside the chroot are plain directories made once; they stay empty
    # on the host side because every mount lives in this command's namespace only.
    unshare --mount --propagation private bash -euc '
        c=$1 repo=$2 target=$3 state=$4 cwd=$5; shift 5
        mount -t proc proc "$c/proc"
        mount --rbind /sys "$c/sys"
        mount --rbind /dev "$c/dev"
        for d in "$repo" "$target" "$state"; do
            [[ -d $d ]] || continue
            mkdir -p "$c$d"
            mount --rbind "$d" "$c$d"
        done
        # A clean environment inside, but for the project'"'"'s own variables (engines, hosts).
        pass=()
        while IFS= read -r -d "" kv; do
            case $kv in DEA_* | DOCKER_*) pass+=("$kv") ;; esac
        done </proc/self/environ
        exec chroot "$c" env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin \
            LANG=C.UTF-8 TERM="${TERM:-dumb}" "${pass[@]}" \
            bash -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
    ' _ "$CHROOT" "$REPO" "$target" "$ENGINES_STATE" "$cwd" "$@"
}

case ${1:-} in
ensure) ensure ;;
run)
    shift
    [[ $# -ge 2 ]] || { echo "usage: $0 run DIR CMD..." >&2; exit 2; }
    run "$@"
    ;;
*)
    echo "usage: $0 ensure | run DIR CMD..." >&2
    exit 2
    ;;
esac
