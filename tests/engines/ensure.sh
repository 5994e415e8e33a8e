#!/usr/bin/env bash
# Makes sure an engine is reachable and prints its address on stdout (logs go to stderr).
# - If DOCKER_HOST points at a reachable engine (a user's own machine), use it as is:
#   the tests then skip, with a reason, only what needs the project's second engine or registry.
# - Otherwise start the project's engines (`make engines`) and print the API 1.45 one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

ping_host() { # $1 = unix:///path | tcp://host:port | http://host:port
  case "$1" in
    unix://*) curl -fsS --max-time 3 --unix-socket "${1#unix://}" http://localhost/_ping >/dev/null 2>&1 ;;
    tcp://*) curl -fsS --max-time 3 "http://${1#tcp://}/_ping" >/dev/null 2>&1 ;;
    http://*) curl -fsS --max-time 3 "${1%/}/_ping" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

if [ -n "${DOCKER_HOST:-}" ]; then
  if ping_host "$DOCKER_HOST"; then
    echo "using the engine at DOCKER_HOST=$DOCKER_HOST" >&2
    echo "$DOCKER_HOST"
    exit 0
  fi
  echo "DOCKER_HOST=$DOCKER_HOST does not answer; starting the project's engines" >&2
fi

"$here/up.sh" >/dev/null
echo "engines: up (tests/engines/engines.env)" >&2
sed -n 's/^DEA_TEST_HOST=//p' "$here/engines.env"
