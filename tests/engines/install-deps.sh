#!/usr/bin/env bash
# Installs the Debian 12 packages that tests/engines/up.sh needs.
#
# Idempotent: apt-get is only called for packages that are missing, so a
# second run is a no-op that takes well under a second.
#
# Packages:
#   docker.io       Debian 12's dockerd (API 1.41, "engine B"); it also pulls in
#                   containerd, runc, tini and iptables, which engine A (Docker
#                   26.1 from trixie, fetched by up.sh) needs as well.
#   docker-registry distribution 2.8, the test registry.
#   apache2-utils   htpasswd, to write the registry's bcrypt password file.
#   busybox-static  a static /bin/busybox, the only content of the test image.
#   curl            talks to the engines over their unix sockets.
#   make            runs the Makefile targets (.ci/run calls make).
#   openssh-server  a real sshd for the ssh:// tests (tests/engines/sshd.sh); -client: ssh.
#   openssl         makes the certificates of engine A's TLS listener (tests/engines/tls.sh).
#   python3-venv    `python3 -m venv` for the Python binding's test venv (bindings-python).
#   time            /usr/bin/time: the peak RSS of each benchmark process (make bench).
set -euo pipefail

PACKAGES=(docker.io docker-registry apache2-utils busybox-static curl make openssl openssh-server openssh-client python3-venv time)

missing=()
for p in "${PACKAGES[@]}"; do
    # "install ok installed" is dpkg's status for a fully configured package.
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all packages present (${PACKAGES[*]})"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# The maintainer scripts of docker.io, containerd and docker-registry try to
# start their system services (a system dockerd on /var/run/docker.sock, a
# registry on :5000 that would clash with ours). invoke-rc.d asks
# /usr/sbin/policy-rc.d first; exit code 101 means "do not start". Many
# container images already ship such a file: then we leave it alone. If there
# is none, we put ours in place for the duration of the install only.
POLICY=/usr/sbin/policy-rc.d
own_policy=0
if [[ ! -e $POLICY ]]; then
    printf '#!/bin/sh\n# temporary, from tests/engines/install-deps.sh\nexit 101\n' >"$POLICY"
    chmod 755 "$POLICY"
    own_policy=1
fi
cleanup() { if [[ $own_policy -eq 1 ]]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

apt-get update -qq
# No recommends: they would bring needrestart, apparmor, git, ... none needed.
apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Safety net: should a package just installed have started its system service anyway (a
# machine where policy-rc.d is ignored), stop it through its own init script. Only services
# of packages installed by this run, and only their system pidfiles: never a service the
# machine had before, never the engines that up.sh starts (their pidfiles are in $STATE).
declare -A SERVICE=([docker.io]=docker [docker-registry]=docker-registry [openssh-server]=ssh)
declare -A PIDFILE=([docker]=/run/docker.pid [docker-registry]=/run/docker-registry.pid [ssh]=/run/sshd.pid)
for p in "${missing[@]}"; do
    svc=${SERVICE[$p]:-}
    [[ -n $svc ]] || continue
    pidfile=${PIDFILE[$svc]}
    if [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "install-deps: the package $p started a system $svc service; stopping it"
        /etc/init.d/"$svc" stop || true
    fi
done
echo "install-deps: done"
