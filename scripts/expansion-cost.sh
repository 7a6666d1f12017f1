#!/usr/bin/env bash
# What `secret!` costs `cargo check`: a crate with N `secret!` sites against the
# same crate written with `std::env::var(…).expect(…)`, both depending on
# secretguard. Each is re-checked RUNS times after a touch, alternating, and
# the median wall times and their ratio are printed. Results and what each
# part of an expansion costs: ARCHITECTURE.md, "Measured".
#
#     bash scripts/expansion-cost.sh            # N=200, RUNS=9
#     N=50 RUNS=5 bash scripts/expansion-cost.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-200}
runs=${RUNS:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crate() { # NAME BODY-GENERATOR
    local name=$1 body=$2
    mkdir -p "$work/$name/src"
    cat > "$work/$name/Cargo.toml" <<TOML
[package]
name = "expansion-cost-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
secretguard = { path = "$repo" }

[workspace]
TOML
    "$body" > "$work/$name/src/lib.rs"
    # both crates share one target dir: dependencies are built once
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/target" cargo check -q 2>/dev/null)
}

with_secret() {
    echo "use secretguard::{SecretString, secret};"
    for i in $(seq 1 "$n"); do
        echo "pub fn load_$i() -> SecretString { secret!(\"SERVICE_SECRET_$i\") }"
    done
}

with_env_var() {
    for i in $(seq 1 "$n"); do
        echo "pub fn load_$i() -> String { std::env::var(\"SERVICE_SECRET_$i\").expect(\"SERVICE_SECRET_$i is not set\") }"
    done
}

check_once() { # NAME -> seconds
    touch "$work/$1/src/lib.rs"
    local start end
    start=$(date +%s%N)
    (cd "$work/$1" && CARGO_TARGET_DIR="$work/target" cargo check -q)
    end=$(date +%s%N)
    echo "scale=4; ($end - $start) / 1000000000" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

crate secret with_secret
crate env_var with_env_var
for _ in $(seq 1 "$runs"); do
    echo "secret $(check_once secret)"
    echo "env_var $(check_once env_var)"
done > "$work/times"
secret=$(awk '$1 == "secret" {print $2}' "$work/times" | median)
env_var=$(awk '$1 == "env_var" {print $2}' "$work/times" | median)
printf '%s sites, median of %s checks each\n' "$n" "$runs"
printf '  secret!                   %.3f s\n' "$secret"
printf '  std::env::var().expect()  %.3f s\n' "$env_var"
printf '  ratio                     %.2f×\n' "$(echo "scale=4; $secret / $env_var" | bc)"
