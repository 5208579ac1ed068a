#!/usr/bin/env bash
# Runs one fuzz target for SECONDS on one core: fuzz/run.sh TARGET SECONDS
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). No sanitizer: the hunt is
# for panics, aborts, stack overflows, out-of-memory and hangs (see README.md). The corpus grows in
# corpus/TARGET/, crashes land in artifacts/TARGET/, the log in logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
mkdir -p logs "corpus/$target" "artifacts/$target"
dict=()
if [[ -f "dict/$target.dict" ]]; then
    dict=("-dict=dict/$target.dict")
fi
cargo +nightly fuzz run --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    "${dict[@]}" 2>&1 | tee "logs/$target.log"
