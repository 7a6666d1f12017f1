#!/usr/bin/env bash
# A throwaway Vault-API server for development and the Vault tests:
# RustyVault (crate rusty_vault, binary rvault) on 127.0.0.1 with file storage
# in a temp dir, initialized and unsealed through the HTTP API, AppRole
# enabled, test secrets seeded.
#
#   scripts/vault-dev.sh start    # prints `export …` lines; also written to $STATE/env
#   scripts/vault-dev.sh stop
#
# Environment: SG_VAULT_PORT (default: a free port), SG_VAULT_STATE (default
# /tmp/secretguard-vault). Everything it creates is test data on loopback.
set -euo pipefail

STATE=${SG_VAULT_STATE:-/tmp/secretguard-vault}
RVAULT_VERSION=0.2.1

log() { echo "vault-dev: $*" >&2; }

need_rvault() {
    if command -v rvault >/dev/null 2>&1; then
        return
    fi
    log "installing rusty_vault $RVAULT_VERSION (rvault) with cargo; this takes about 5 minutes"
    cargo install rusty_vault --version "$RVAULT_VERSION" --locked >&2
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

api() { # METHOD PATH [JSON] [TOKEN]
    local method=$1 path=$2 body=${3:-} token=${4:-${ROOT_TOKEN:-}}
    local args=(-sS --fail-with-body -X "$method" "$ADDR/v1/$path")
    [[ -n $token ]] && args+=(-H "X-Vault-Token: $token")
    [[ -n $body ]] && args+=(-H "Content-Type: application/json" -d "$body")
    curl "${args[@]}"
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

random_value() { python3 -c "import secrets; print(secrets.token_urlsafe($1))"; }

start() {
    stop_quietly
    need_rvault
    mkdir -p "$STATE/data"
    local port=${SG_VAULT_PORT:-$(free_port)}
    ADDR="http://127.0.0.1:$port"
    cat > "$STATE/config.hcl" <<HCL
storage "file" {
  path = "$STATE/data"
}
listener "tcp" {
  address     = "127.0.0.1:$port"
  tls_disable = true
}
api_addr  = "$ADDR"
log_level = "info"
HCL
    nohup rvault server --config "$STATE/config.hcl" > "$STATE/server.log" 2>&1 &
    echo $! > "$STATE/pid"
    for _ in $(seq 1 100); do
        curl -s "$ADDR/v1/sys/seal-status" >/dev/null 2>&1 && break
        sleep 0.1
    done
    local init
    init=$(api PUT sys/init '{"secret_shares":1,"secret_threshold":1}')
    ROOT_TOKEN=$(echo "$init" | json "['root_token']")
    local unseal_key
    unseal_key=$(echo "$init" | json "['keys'][0]")
    api PUT sys/unseal "{\"key\":\"$unseal_key\"}" >/dev/null

    # AppRole: the way a deployed service logs in
    api POST sys/auth/approle '{"type":"approle"}' >/dev/null
    api POST auth/approle/role/secretguard-test '{"token_policies":"default","token_ttl":"1h"}' >/dev/null
    local role_id secret_id
    role_id=$(api GET auth/approle/role/secretguard-test/role-id | json "['data']['role_id']")
    secret_id=$(api POST auth/approle/role/secretguard-test/secret-id | json "['data']['secret_id']")

    # test secrets: KV v1 at secret/…, KV v2 served as a v2-shaped document at secret/data/…
    local jwt db api_token race
    jwt=$(random_value 48)
    db=$(random_value 18)
    api_token=$(random_value 24)
    race=$(random_value 48)
    api POST secret/db "{\"password\":\"$db\",\"user\":\"app\"}" >/dev/null
    api POST secret/single "{\"token\":\"$api_token\"}" >/dev/null
    api POST secret/race "{\"key\":\"$race\"}" >/dev/null
    api POST secret/data/jwt "{\"data\":{\"secret\":\"$jwt\"},\"metadata\":{\"created_time\":\"2026-01-01T00:00:00Z\",\"deletion_time\":\"\",\"destroyed\":false,\"version\":1}}" >/dev/null

    {
        echo "export VAULT_ADDR=$ADDR"
        echo "export VAULT_TOKEN=$ROOT_TOKEN"
        echo "export SG_TEST_VAULT_ADDR=$ADDR"
        echo "export SG_TEST_VAULT_TOKEN=$ROOT_TOKEN"
        echo "export SG_TEST_VAULT_ROLE_ID=$role_id"
        echo "export SG_TEST_VAULT_SECRET_ID=$secret_id"
        echo "export SG_TEST_VAULT_JWT=$jwt"
        echo "export SG_TEST_VAULT_DB_PASSWORD=$db"
        echo "export SG_TEST_VAULT_API_TOKEN=$api_token"
        echo "export SG_TEST_VAULT_RACE=$race"
        echo "export SG_TEST_VAULT_LOG=$STATE/server.log"
    } > "$STATE/env"
    log "RustyVault is up at $ADDR (state in $STATE); stop it with: $0 stop"
    cat "$STATE/env"
}

stop_quietly() {
    if [[ -f $STATE/pid ]]; then
        kill "$(cat "$STATE/pid")" 2>/dev/null || true
        sleep 0.2
    fi
    rm -rf "$STATE"
}

case ${1:-} in
    start) start ;;
    stop) stop_quietly; log "stopped" ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
