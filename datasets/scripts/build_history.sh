#!/usr/bin/env bash
# Builds datasets/history/aa-history.parquet, the long-format history of AA's index, from the 41
# captures in datasets/history/captures/ and their manifest (datasets/history/captures.csv: file,
# commit, commit time, capture time in UTC, index version, source). A test (tests/history.rs)
# rebuilds it and requires the same bytes. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --quiet --release -- history --manifest datasets/history/captures.csv \
  --out datasets/history/aa-history.parquet
cargo run --quiet --release -- history | tail -3
