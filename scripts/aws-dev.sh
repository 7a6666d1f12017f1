#!/usr/bin/env bash
# A throwaway AWS-API emulator for development and the AWS tests: moto's
# server (Secrets Manager, KMS) on 127.0.0.1, installed into a venv if
# missing, with a KMS key and test secrets created through its API.
#
#   scripts/aws-dev.sh start    # prints `export …` lines; also written to $STATE/env
#   scripts/aws-dev.sh stop
#
# Environment: SG_AWS_PORT (default: a free port), SG_AWS_STATE (default
# /tmp/secretguard-aws), SG_AWS_VENV (default ~/.cache/secretguard/moto-venv).
# The credentials are dummies; moto accepts anything.
set -euo pipefail

STATE=${SG_AWS_STATE:-/tmp/secretguard-aws}
VENV=${SG_AWS_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/secretguard/moto-venv}
MOTO_VERSION=5.1.4

log() { echo "aws-dev: $*" >&2; }

need_moto() {
    if [[ -x $VENV/bin/moto_server ]]; then
        return
    fi
    log "installing moto[server] $MOTO_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "moto[server]==$MOTO_VERSION" >&2
}

start() {
    stop_quietly
    need_moto
    mkdir -p "$STATE"
    local port=${SG_AWS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
    local endpoint="http://127.0.0.1:$port"
    nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" > "$STATE/server.log" 2>&1 &
    echo $! > "$STATE/pid"
    for _ in $(seq 1 100); do
        curl -s "$endpoint/moto-api/" >/dev/null 2>&1 && break
        sleep 0.1
    done
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 \
        "$VENV/bin/python" - "$endpoint" "$STATE/env" <<'PY'
import base64, secrets, sys
import boto3

endpoint, env_file = sys.argv[1], sys.argv[2]
sm = boto3.client("secretsmanager", endpoint_url=endpoint)
kms = boto3.client("kms", endpoint_url=endpoint)

key_id = kms.create_key(Description="secretguard test key")["KeyMetadata"]["KeyId"]
jwt = secrets.token_urlsafe(48)
binary = secrets.token_bytes(48)
db_password = secrets.token_urlsafe(18)
old, new = secrets.token_urlsafe(40), secrets.token_urlsafe(40)
sm.create_secret(Name="secretguard/test/jwt", SecretString=jwt)
sm.create_secret(Name="secretguard/test/binary", SecretBinary=binary)
sm.create_secret(Name="secretguard/test/db", SecretString='{"username":"app","password":"%s"}' % db_password)
sm.create_secret(Name="secretguard/test/rotated", SecretString=old)
sm.put_secret_value(SecretId="secretguard/test/rotated", SecretString=new)

with open(env_file, "w") as f:
    for name, value in [
        ("AWS_ENDPOINT_URL", endpoint),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("SG_TEST_AWS_ENDPOINT", endpoint),
        ("SG_TEST_AWS_PYTHON", sys.executable),
        ("SG_TEST_AWS_KEY_ID", key_id),
        ("SG_TEST_AWS_JWT", jwt),
        ("SG_TEST_AWS_BINARY_B64", base64.b64encode(binary).decode()),
        ("SG_TEST_AWS_DB_PASSWORD", db_password),
        ("SG_TEST_AWS_ROTATED_OLD", old),
        ("SG_TEST_AWS_ROTATED_NEW", new),
    ]:
        f.write(f"export {name}={value}\n")
PY
    log "moto is up at $endpoint (state in $STATE); stop it with: $0 stop"
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
