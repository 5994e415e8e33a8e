# shellcheck shell=bash
# TLS material for engine A's TCP listener (sourced by up.sh): a CA, a server certificate
# for IP 127.0.0.1 only (so that "localhost" is a wrong name), and a client certificate,
# laid out as a DOCKER_CERT_PATH folder (ca.pem, cert.pem, key.pem). Made once; kept.

TLS_DIR=$STATE/tls
TLS_ADDR=127.0.0.1:12376

ensure_tls_certs() {
    [[ -s $TLS_DIR/client/key.pem && -s $TLS_DIR/server/key.pem ]] && return 0
    log "making TLS certificates in $TLS_DIR"
    local t=$TLS_DIR.tmp
    rm -rf "$t"
    mkdir -p "$t/server" "$t/client"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=dea test CA" \
        -keyout "$t/ca-key.pem" -out "$t/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$t/server/key.pem" -out "$t/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$t/server.ext"
    openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca-key.pem" \
        -CAcreateserial -days 3650 -extfile "$t/server.ext" -out "$t/server/cert.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=dea test client" \
        -keyout "$t/client/key.pem" -out "$t/client.csr" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >"$t/client.ext"
    openssl x509 -req -in "$t/client.csr" -CA "$t/ca.pem" -CAkey "$t/ca-key.pem" \
        -CAcreateserial -days 3650 -extfile "$t/client.ext" -out "$t/client/cert.pem" 2>/dev/null
    cp "$t/ca.pem" "$t/server/ca.pem"
    cp "$t/ca.pem" "$t/client/ca.pem"
    chmod 600 "$t"/*key.pem "$t"/*/key.pem
    rm -rf "$TLS_DIR"
    mv "$t" "$TLS_DIR"
}

# The flags that make engine A listen with TLS, client certificates required.
tls_engine_args() {
    echo --host "tcp://$TLS_ADDR" --tlsverify --tlscacert "$TLS_DIR/server/ca.pem" \
        --tlscert "$TLS_DIR/server/cert.pem" --tlskey "$TLS_DIR/server/key.pem"
}

tls_up() {
    curl -fsS --max-time 2 --cacert "$TLS_DIR/client/ca.pem" --cert "$TLS_DIR/client/cert.pem" \
        --key "$TLS_DIR/client/key.pem" "https://$TLS_ADDR/_ping" >/dev/null 2>&1
}
