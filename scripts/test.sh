#!/usr/bin/env bash
# Every test, on a fresh machine too: starts the throwaway Vault server
# (OpenBao) and AWS-API emulator (moto) the Vault and AWS tests talk to
# (installing both into venvs with pip once if missing), runs the unit,
# integration, UI and doc tests with all features, then the UI tests without
# features and with `vault` (tests/ui.rs says which cases run in which pass),
# and stops both servers. Fetches the pinned third-party material the scanner
# is measured on first (scripts/fetch-corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

trap 'bash scripts/vault-dev.sh stop >/dev/null 2>&1; bash scripts/aws-dev.sh stop >/dev/null 2>&1' EXIT
# their output holds the throwaway servers' credentials: keep it out of logs
bash scripts/vault-dev.sh start > /dev/null
bash scripts/aws-dev.sh start > /dev/null
# shellcheck disable=SC1091
source "${SG_VAULT_STATE:-/tmp/secretguard-vault}/env"
# shellcheck disable=SC1091
source "${SG_AWS_STATE:-/tmp/secretguard-aws}/env"
# only the SG_TEST_* variables are for the tests; nothing else should see a credential
unset VAULT_ADDR VAULT_TOKEN AWS_ENDPOINT_URL AWS_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

# the third-party material the scanner is measured on (pinned; not committed)
bash scripts/fetch-corpus.sh > /dev/null
cargo test --workspace --all-features
cargo test --test ui
cargo test --test ui --features vault
