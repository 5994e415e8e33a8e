# shellcheck shell=bash disable=SC2034  # the variables are used by up.sh and down.sh
# Shared settings and helpers for up.sh and down.sh (sourced, not run).
#
# Everything the engines write lives in $STATE, outside the repository, so that
# a fresh clone (CI) or `git clean` never fights with root-owned container
# layers. The engine download is cached in $CACHE and survives engines-down.

STATE=${DEA_ENGINES_DIR:-/var/lib/docker-engine-api-test}
CACHE=${DEA_ENGINES_CACHE:-/var/cache/docker-engine-api-test}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENV_FILE=$REPO/tests/engines/engines.env

# Engine A: Docker 26.1 (API 1.45) from Debian 13, unpacked into $CACHE/root.
A_ROOT=$CACHE/root
A_DIR=$STATE/a
# Engine B: Debian 12's own dockerd (API 1.41).
B_DIR=$STATE/b
REG_DIR=$STATE/registry

REG_ADDR=127.0.0.1:5000
REG_USER=dea-user
# '+', '/', '?' and '~' make the base64 of an X-Registry-Auth JSON differ
# between the standard and the URL-safe alphabets, whatever the JSON's field
# order (checked in up.sh). No '<', '>' or '&': Go's JSON encoder would escape
# them, and no ':' or quotes, so that `curl -u user:pass` and KEY=VALUE parsing
# stay trivial.
REG_PASSWORD='p+ss/w0rd?~?~??'

log() { echo "engines: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_of PIDFILE EXE: prints the pid recorded in PIDFILE if that process is
# alive AND runs the binary EXE. Checking the executable guards against a
# stale pidfile whose number was since reused by an unrelated process: we
# must never signal a process that we did not start.
pid_of() {
    local pidfile=$1 exe=$2 pid
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$exe" ]] || return 1
    echo "$pid"
}

# stop_pidfile PIDFILE EXE NAME: SIGTERM, wait up to 30 s, then SIGKILL.
# dockerd needs the grace period: on SIGTERM it stops its containers and then
# its own containerd, which is how no container outlives the engine.
stop_pidfile() {
    local pidfile=$1 exe=$2 name=$3 pid i
    if ! pid=$(pid_of "$pidfile" "$exe"); then
        rm -f "$pidfile"
        return 0
    fi
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
        [[ -d /proc/$pid ]] || break
        sleep 0.1
    done
    if [[ -d /proc/$pid ]]; then
        log "$name did not stop within 30 s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$pidfile"
}

# ping SOCK: true when the engine on unix socket SOCK answers /_ping.
ping() { [[ "$(curl -fsS --max-time 2 --unix-socket "$1" http://localhost/_ping 2>/dev/null)" == OK ]]; }

A_EXE=$A_ROOT/usr/sbin/dockerd
B_EXE=/usr/sbin/dockerd
REG_EXE=/usr/bin/docker-registry
# Each engine puts its containers under its own cgroup parent, so that any
# container process left behind can be told apart from everything else.
A_CGROUP=dea-engine-a
B_CGROUP=dea-engine-b

# kill_leftovers DIR CGROUP NAME: after dockerd is gone, nothing of its
# containers should remain. If something does (dockerd was SIGKILLed), the
# shims carry our socket path on their command line and the container
# processes sit in our cgroup parent: both are ours, so they are killed.
kill_leftovers() {
    local dir=$1 cg=$2 name=$3 p pids=()
    for p in /proc/[0-9]*; do
        if [[ "$(readlink "$p/exe" 2>/dev/null)" == */containerd-shim* ]] &&
            grep -aqF "$dir/" "$p/cmdline" 2>/dev/null; then
            pids+=("${p#/proc/}")
        fi
    done
    # cgroup v1 (pids controller) and v2 layouts.
    mapfile -t -O "${#pids[@]}" pids < <(cat /sys/fs/cgroup/pids/"$cg"/*/cgroup.procs \
        /sys/fs/cgroup/"$cg"/*/cgroup.procs 2>/dev/null || true)
    if [[ ${#pids[@]} -gt 0 ]]; then
        log "WARNING: engine $name left processes behind (${pids[*]}); killing them"
        kill -KILL "${pids[@]}" 2>/dev/null || true
    fi
}

# stop_engine NAME DIR EXE CGROUP
stop_engine() {
    local name=$1 dir=$2 exe=$3 cg=$4 ids id
    if pid_of "$dir/dockerd.pid" "$exe" >/dev/null && ping "$dir/docker.sock"; then
        # Kill running containers first: PID 1 of a busybox container ignores
        # SIGTERM, so dockerd would otherwise wait out each one's stop timeout
        # (10 s) during its shutdown.
        ids=$(curl -fsS --max-time 5 --unix-socket "$dir/docker.sock" http://localhost/v1.41/containers/json |
            grep -o '"Id":"[0-9a-f]\{64\}"' | cut -d'"' -f4) || true
        for id in $ids; do
            curl -fsS -o /dev/null --max-time 10 --unix-socket "$dir/docker.sock" \
                -X POST "http://localhost/v1.41/containers/$id/kill" || true
        done
    fi
    stop_pidfile "$dir/dockerd.pid" "$exe" "engine $name (dockerd)"
    # dockerd stops the containerd it started itself; only if dockerd had to
    # be SIGKILLed may that containerd still run. Its pidfile tells.
    stop_pidfile "$dir/exec/containerd/containerd.pid" /usr/bin/containerd "engine $name (containerd)"
    kill_leftovers "$dir" "$cg" "$name"
}
