#!/usr/bin/env bash
# reweigh's Monte-Carlo kernels against the same work in vectorised numpy, side by side, whole
# process, on the same input and seed: robustness (100,000 Dirichlet weightings, concentration 100),
# the `score --ci` bootstrap (B = 10,000) and which-weights (100,000 samples per simplex).
#
#   bash benches/numpy/bench.sh            # 11 paired runs of each
#   bash benches/numpy/bench.sh --runs 21
#
# numpy is installed from PyPI into a venv (target/numpy-venv, or $REWEIGH_NUMPY_VENV) on the first
# run, so the first run needs the network. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
NUMPY_VERSION=2.4.6
VENV=${REWEIGH_NUMPY_VENV:-${CARGO_TARGET_DIR:-target}/numpy-venv}
if ! "$VENV/bin/python" -c "import numpy" 2>/dev/null; then
  echo "installing numpy $NUMPY_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "numpy==$NUMPY_VERSION"
fi
cargo build --release --quiet -p reweigh
exec "$VENV/bin/python" benches/numpy/bench.py --reweigh "${CARGO_TARGET_DIR:-target}/release/reweigh" "$@"
