#!/usr/bin/env bash
# Writes the seed corpora (corpus/*/seed-*): datasets/ as CSV, JSON and Parquet, the methodologies,
# hand-made cases, and receipts written by the real binary. Run from anywhere; builds the main
# workspace's tests and binary (debug).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p reweigh-data --test fuzz_seeds -- --ignored
out=fuzz/corpus/receipt
mkdir -p "$out"
head -n 7 datasets/aa-v4.0-2026-06-15.csv > "$out/head.csv"
for args in "" "--abstention penalty:1" "--weight hle=2 --category agents=0.5 --drop ifbench" "--missing renormalize"; do
    name=seed-$(echo "${args:-plain}" | tr -d '-' | tr ' =:.' '____' | tr -s '_')
    # shellcheck disable=SC2086
    cargo run -q -p reweigh -- score "$out/head.csv" --format json $args --out "$out/$name.json"
done
rm "$out/head.csv"
