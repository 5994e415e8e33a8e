# shellcheck shell=bash
# A real sshd on 127.0.0.1:12222 for the ssh:// tests (sourced by up.sh and down.sh): key
# authentication only, for the user running the tests, whose sessions get DOCKER_HOST pointing
# at engine A, so that `docker system dial-stdio` (the docker CLI of the docker.io package)
# reaches it. Host and client keys are made once and kept in $STATE/ssh.

SSH_DIR=$STATE/ssh
SSH_PORT=12222
SSHD_EXE=/usr/sbin/sshd

ssh_up() {
    ssh -F /dev/null -i "$SSH_DIR/client_key" -o IdentitiesOnly=yes -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$SSH_DIR/known_hosts" \
        -o ConnectTimeout=2 -p "$SSH_PORT" "$(id -un)@127.0.0.1" true </dev/null >/dev/null 2>&1
}

start_sshd() {
    local pid
    mkdir -p "$SSH_DIR"
    [[ -s $SSH_DIR/host_key ]] || ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/host_key"
    [[ -s $SSH_DIR/client_key ]] || ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/client_key"
    cp "$SSH_DIR/client_key.pub" "$SSH_DIR/authorized_keys"
    echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$SSH_DIR/host_key.pub")" >"$SSH_DIR/known_hosts"
    chmod 600 "$SSH_DIR/client_key" "$SSH_DIR/host_key"
    if pid=$(pid_of "$SSH_DIR/sshd.pid" "$SSHD_EXE"); then
        wait_until sshd "$SSH_DIR/sshd.log" "$pid" ssh_up
        log "sshd already running (pid $pid)"
        return 0
    fi
    cat >"$SSH_DIR/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $SSH_DIR/host_key
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
AllowUsers $(id -un)
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv DOCKER_HOST=unix://$A_DIR/docker.sock
CONF
    # sshd's privilege separation folder; the system's sshd (if any) uses the same one.
    mkdir -p /run/sshd
    log "starting sshd on 127.0.0.1:$SSH_PORT, log: $SSH_DIR/sshd.log"
    setsid "$SSHD_EXE" -f "$SSH_DIR/sshd_config" -E "$SSH_DIR/sshd.log" </dev/null >/dev/null 2>&1
    wait_until sshd "$SSH_DIR/sshd.log" "" ssh_up
}
