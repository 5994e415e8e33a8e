#!/usr/bin/env bash
# Stops what up.sh started, by the pids it recorded (never by process name),
# and removes tests/engines/engines.env. Keeps the engines' data (images,
# volumes) and the download cache, so the next up.sh is quick. Safe to run
# when nothing runs.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/sshd.sh"

# The env file goes first: a test started from now on fails clearly instead
# of talking to an engine that is going away.
rm -f "$ENV_FILE"
# They stop in parallel: a dockerd takes 2-3 s to shut down.
stop_engine A "$A_DIR" "$A_EXE" "$A_CGROUP" &
a=$!
stop_engine B "$B_DIR" "$B_EXE" "$B_CGROUP" &
b=$!
stop_pidfile "$REG_DIR/registry.pid" "$REG_EXE" registry &
r=$!
stop_pidfile "$SSH_DIR/sshd.pid" "$SSHD_EXE" sshd &
s=$!
rc=0
for pid in $a $b $r $s; do wait "$pid" || rc=1; done
[[ $rc -eq 0 ]] || die "could not stop everything (see messages above)"
log "all down"
