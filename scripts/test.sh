#!/usr/bin/env bash
# Every test, on a fresh machine too: starts the throwaway Vault-API server the
# Vault tests talk to (installing RustyVault once if missing), runs the unit,
# integration, UI and doc tests with all features, then the UI tests without
# features (feature gates are compile errors), and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

state=${SG_VAULT_STATE:-/tmp/secretguard-vault}
trap 'bash scripts/vault-dev.sh stop >/dev/null 2>&1' EXIT
# its output holds the throwaway server's root token: keep it out of logs
bash scripts/vault-dev.sh start > /dev/null
# shellcheck disable=SC1091
source "$state/env"
# only the SG_TEST_VAULT_* variables are for the tests; nothing else should see a token
unset VAULT_ADDR VAULT_TOKEN

cargo test --workspace --all-features
cargo test --test ui
