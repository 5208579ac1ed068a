#!/usr/bin/env bash
# Keeps a minimised corpus within BYTES for the repository: fuzz/trim.sh TARGET BYTES
# Run after `cargo fuzz cmin`. Keeps every seed-* file, then the smallest other files while the total
# stays within BYTES (small inputs run fastest; a longer run regrows the rest).
set -euo pipefail
cd "$(dirname "$0")/corpus/${1:?usage: fuzz/trim.sh TARGET BYTES}"
budget=${2:?usage: fuzz/trim.sh TARGET BYTES}
total=$(find . -maxdepth 1 -type f -name 'seed-*' -printf '%s\n' | awk '{t += $1} END {print t + 0}')
find . -maxdepth 1 -type f ! -name 'seed-*' -printf '%s %f\n' | sort -n | while read -r size name; do
    if (( total + size <= budget )); then
        total=$((total + size))
    else
        rm -- "$name"
    fi
done
echo "$1: $(find . -maxdepth 1 -type f | wc -l) files, $(find . -maxdepth 1 -type f -printf '%s\n' | awk '{t += $1} END {print t + 0}') bytes"
