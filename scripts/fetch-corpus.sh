#!/usr/bin/env bash
# Fetches the third-party test material the scanner is measured on, pinned by
# version and SHA-256, into ${SG_CORPUS_DIR:-target/third-party} (nothing of it
# is committed here). Today: the labelled test files of ripsecrets 0.1.9 (MIT),
# another scanner's own recall/precision set, from crates.io. Idempotent.
#
#     bash scripts/fetch-corpus.sh && cargo test -p secretguard-scan --test third_party
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${SG_CORPUS_DIR:-target/third-party}"
mkdir -p "$dir"

fetch_crate() {
    local name=$1 version=$2 sha=$3
    local unpacked="$dir/$name-$version"
    [[ -d "$unpacked" ]] && return 0
    local crate="$dir/$name-$version.crate"
    curl --fail --silent --show-error --location --retry 3 \
        -o "$crate" "https://static.crates.io/crates/$name/$name-$version.crate"
    echo "$sha  $crate" | sha256sum --check --quiet
    tar -xzf "$crate" -C "$dir"
    rm "$crate"
}

fetch_crate ripsecrets 0.1.9 f6d49a98d63d41f211b37b4766bd44b3eca5b5099f07e99f8df766f28782dfb4
echo "third-party corpus in $dir"
