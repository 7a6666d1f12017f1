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
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

NAME=aws-dev
STATE=${SG_AWS_STATE:-/tmp/secretguard-aws}
VENV=${SG_AWS_VENV:-$CACHE/moto-venv}
MOTO_VERSION=5.1.4

start() {
    fresh_state
    venv_install "$VENV" bin/moto_server "moto[server]==$MOTO_VERSION"
    local port=${SG_AWS_PORT:-$(free_port)}
    local endpoint="http://127.0.0.1:$port"
    daemon "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port"
    wait_for "$endpoint/moto-api/"
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
    finish "moto is up at $endpoint"
}

dispatch "$@"
