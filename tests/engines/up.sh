#!/usr/bin/env bash
# Starts the real services the tests talk to (see README.md beside this file):
#   engine A  Docker 26.1 (API 1.45) from Debian 13, fetched once into a cache
#   engine B  Debian 12's Docker 20.10 (API 1.41), for version negotiation
#   registry  distribution 2.8 with htpasswd auth on 127.0.0.1:5000
# and makes sure both engines have a locally built busybox:latest, then writes
# tests/engines/engines.env. Idempotent: what already runs is left alone.
# Needs the packages of install-deps.sh (run here first when they are missing and we are root).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/tls.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/sshd.sh"

WAIT_SECONDS=60

# Socket paths are limited to 108 bytes by the kernel (sun_path); containerd's
# socket lands a few levels below the exec root, so keep well below that.
(( ${#STATE} <= 60 )) || die "DEA_ENGINES_DIR=$STATE is too long for unix socket paths (max 60 chars)"
have_packages() {
    [[ -x $B_EXE && -x $REG_EXE && -x /usr/bin/htpasswd && -x /bin/busybox && -x $SSHD_EXE && -x /usr/bin/openssl ]]
}
# On a fresh machine `make demo` comes here first: install the packages when we may (root).
if ! have_packages && (( EUID == 0 )); then
    "$(dirname "$0")/install-deps.sh" >&2
fi
have_packages || die "missing packages: run tests/engines/install-deps.sh first (as root)"

# Engine A is not packaged for Debian 12: download trixie's docker.io once with
# a private apt configuration (own sources list, lists and cache dirs), so the
# system's apt state is untouched, and unpack it without installing it.
fetch_engine_a() {
    [[ -x $A_EXE ]] && return 0
    local uri apt=$CACHE/apt
    uri=$(awk '$1 == "URIs:" { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null) ||
        true
    [[ -n $uri ]] || die "no URIs: line in /etc/apt/sources.list.d/debian.sources"
    log "downloading docker.io from Debian 13 (trixie) via $uri"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$CACHE/deb"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" >"$apt/sources.list"
    local opts=(-qq -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
    apt-get "${opts[@]}" update
    rm -f "$CACHE"/deb/*.deb
    (cd "$CACHE/deb" && apt-get "${opts[@]}" download docker.io)
    # Unpack to a temporary folder and rename: an interrupted run never
    # leaves a half-unpacked tree that the -x test above would accept.
    rm -rf "$A_ROOT.tmp"
    dpkg -x "$CACHE"/deb/docker.io_*.deb "$A_ROOT.tmp"
    # The package's docker-init is a relative link to a tini-static it does
    # not ship; point it at Debian 12's (package tini).
    ln -sfn /usr/bin/tini-static "$A_ROOT.tmp/usr/bin/docker-init"
    mv "$A_ROOT.tmp" "$A_ROOT"
}

# wait_until DESC LOGFILE PID CMD...: retries CMD for at most WAIT_SECONDS;
# gives up at once if PID (the process we just started) has died.
wait_until() {
    local desc=$1 logfile=$2 pid=$3 i
    shift 3
    for ((i = 0; i < WAIT_SECONDS * 4; i++)); do
        "$@" && return 0
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$logfile" >&2 || true
            die "$desc exited during startup; see $logfile"
        fi
        sleep 0.25
    done
    tail -n 20 "$logfile" >&2 || true
    die "$desc not ready after ${WAIT_SECONDS}s; see $logfile"
}

# start_engine NAME DIR EXE PATH CGROUP EXTRA_ARGS...
start_engine() {
    local name=$1 dir=$2 exe=$3 path=$4 cg=$5 pid
    shift 5
    if pid=$(pid_of "$dir/dockerd.pid" "$exe"); then
        wait_until "engine $name" "$dir/dockerd.log" "$pid" ping "$dir/docker.sock"
        log "engine $name already running (pid $pid)"
        return 0
    fi
    mkdir -p "$dir"
    rm -f "$dir/dockerd.pid" "$dir/docker.sock"
    # An empty config file, so that a /etc/docker/daemon.json on the machine
    # cannot change the engines' behaviour.
    echo '{}' >"$dir/daemon.json"
    log "starting engine $name, log: $dir/dockerd.log"
    # setsid: the engine must outlive this script and not get the terminal's
    # Ctrl-C; all fds redirected so that `make` does not wait on them.
    PATH=$path setsid "$exe" --host "unix://$dir/docker.sock" --data-root "$dir/data" \
        --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" --config-file "$dir/daemon.json" \
        --cgroup-parent "/$cg" "$@" </dev/null >>"$dir/dockerd.log" 2>&1 &
    wait_until "engine $name" "$dir/dockerd.log" $! ping "$dir/docker.sock"
}

# check_api NAME SOCK VERSION: the tests rely on the exact API versions.
check_api() {
    curl -fsS --unix-socket "$2" http://localhost/version | grep -q "\"ApiVersion\":\"$3\"" ||
        die "engine $1 does not report ApiVersion $3"
}

registry_up() {
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$REG_ADDR/v2/")" == 401 ]]
}

start_registry() {
    local pid
    if pid=$(pid_of "$REG_DIR/registry.pid" "$REG_EXE"); then
        wait_until registry "$REG_DIR/registry.log" "$pid" registry_up
        log "registry already running (pid $pid)"
        return 0
    fi
    registry_up && die "something else already serves $REG_ADDR; stop it first"
    mkdir -p "$REG_DIR/data"
    htpasswd -Bbn "$REG_USER" "$REG_PASSWORD" >"$REG_DIR/htpasswd"
    # Plain HTTP on loopback: engines accept 127.0.0.0/8 registries without TLS.
    cat >"$REG_DIR/config.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $REG_DIR/data
  delete:
    enabled: true
http:
  addr: $REG_ADDR
auth:
  htpasswd:
    realm: dea-test-registry
    path: $REG_DIR/htpasswd
YAML
    log "starting registry, log: $REG_DIR/registry.log"
    setsid "$REG_EXE" serve "$REG_DIR/config.yml" </dev/null >>"$REG_DIR/registry.log" 2>&1 &
    # The registry writes no pidfile. $! is its pid: setsid only forks when
    # called as a process group leader, which a background job of a
    # non-interactive shell is not (pid_of checks the binary anyway).
    echo $! >"$REG_DIR/registry.pid"
    wait_until registry "$REG_DIR/registry.log" $! registry_up
}

# No registry can be reached from here, so busybox:latest is built from
# Debian's static busybox. networkmode=none: engine B has no bridge network,
# and the RUN step needs no network anyway.
ensure_busybox() {
    local name=$1 sock=$2 ctx=$STATE/busybox-context out
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$sock" \
        http://localhost/v1.41/images/busybox:latest/json)" == 200 ]] && return 0
    log "building busybox:latest on engine $name"
    mkdir -p "$ctx"
    cp /bin/busybox "$ctx/busybox"
    printf '%s\n' 'FROM scratch' 'COPY busybox /bin/busybox' \
        'RUN ["/bin/busybox","--install","-s","/bin"]' 'CMD ["sh"]' >"$ctx/Dockerfile"
    tar -C "$ctx" -cf "$ctx.tar" Dockerfile busybox
    out=$(curl -sS --unix-socket "$sock" -X POST -H 'Content-Type: application/x-tar' \
        --data-binary "@$ctx.tar" -w '\nHTTP %{http_code}' \
        'http://localhost/v1.41/build?t=busybox:latest&networkmode=none&rm=1&forcerm=1')
    # A build that fails still answers 200: the error is in the JSON stream.
    if [[ $out != *$'\nHTTP 200' ]] || grep -q '"error' <<<"$out"; then
        echo "$out" >&2
        die "building busybox:latest on engine $name failed"
    fi
}

# The password must make standard base64 and base64url differ for any JSON
# that contains it: check each of the 3 alignments of the password within
# base64's 3-byte groups.
for k in 0 1 2; do
    s=${REG_PASSWORD:k}
    s=${s:0:${#s} / 3 * 3}
    [[ "$(printf '%s' "$s" | base64 -w0)" == *[+/]* ]] || die "REG_PASSWORD: base64 lacks + or / (offset $k)"
done

fetch_engine_a

# Engine B deletes the docker0 bridge when it starts, which breaks engine A's
# default network. So B starts first; if A runs already and B does not, A is
# restarted after B.
if ! pid_of "$B_DIR/dockerd.pid" "$B_EXE" >/dev/null && pid_of "$A_DIR/dockerd.pid" "$A_EXE" >/dev/null; then
    log "engine B must start before engine A: restarting engine A"
    stop_engine A "$A_DIR" "$A_EXE" "$A_CGROUP"
fi
# Engine A also listens on TCP with TLS; one started before that (an older checkout) is
# restarted with it.
ensure_tls_certs
if pid_of "$A_DIR/dockerd.pid" "$A_EXE" >/dev/null && ping "$A_DIR/docker.sock" && ! tls_up; then
    log "engine A has no TLS listener on $TLS_ADDR: restarting engine A"
    stop_engine A "$A_DIR" "$A_EXE" "$A_CGROUP"
fi
start_engine B "$B_DIR" "$B_EXE" /usr/sbin:/usr/bin:/sbin:/bin "$B_CGROUP" --bridge=none --iptables=false
# shellcheck disable=SC2046 # the flags are words without spaces
start_engine A "$A_DIR" "$A_EXE" "$A_ROOT/usr/sbin:$A_ROOT/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$A_CGROUP" \
    $(tls_engine_args)
tls_up || die "engine A does not answer with TLS on $TLS_ADDR; see $A_DIR/dockerd.log"
check_api A "$A_DIR/docker.sock" 1.45
check_api B "$B_DIR/docker.sock" 1.41
start_registry
start_sshd
ensure_busybox A "$A_DIR/docker.sock"
ensure_busybox B "$B_DIR/docker.sock"

# Plain KEY=VALUE lines, no quotes: trivial to parse from any language.
cat >"$ENV_FILE.tmp" <<ENV
DEA_TEST_HOST=unix://$A_DIR/docker.sock
DEA_TEST_HOST_OLD=unix://$B_DIR/docker.sock
DEA_TEST_REGISTRY=$REG_ADDR
DEA_TEST_REGISTRY_USER=$REG_USER
DEA_TEST_REGISTRY_PASSWORD=$REG_PASSWORD
DEA_TEST_TLS_HOST=tcp://$TLS_ADDR
DEA_TEST_TLS_CERTS=$TLS_DIR/client
DEA_TEST_SSH_HOST=ssh://$(id -un)@127.0.0.1:$SSH_PORT
DEA_TEST_SSH_KEY=$SSH_DIR/client_key
DEA_TEST_SSH_KNOWN_HOSTS=$SSH_DIR/known_hosts
ENV
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "all up; $ENV_FILE:"
cat "$ENV_FILE"
