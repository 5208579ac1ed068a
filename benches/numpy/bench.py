#!/usr/bin/env python3
"""Paired whole-process timings of reweigh and the numpy baseline (kernels.py); run by bench.sh.

Each pair runs reweigh and numpy back to back (alternating which goes first), after one warm-up of
each, so both see the same machine load; the report is each side's median wall time, the ratio of the
medians and the median of the per-pair ratios. Output goes to /dev/null; the input (the default
dataset's `reweigh score --format json`) is written once to a temporary directory.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def wall(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reweigh", required=True, help="the release binary")
    ap.add_argument("--runs", type=int, default=11, help="pairs per kernel")
    ap.add_argument("--only", choices=["robustness", "bootstrap", "which-weights"])
    a = ap.parse_args()
    py = sys.executable
    kernels = os.path.join(HERE, "kernels.py")
    items = os.path.join(ROOT, "datasets", "item-counts.toml")
    with tempfile.TemporaryDirectory() as tmp:
        scores = os.path.join(tmp, "scores.json")
        subprocess.run([a.reweigh, "score", "--format", "json", "--out", scores], check=True)
        cases = [
            (
                "robustness",
                "100,000 weightings x 384 models, K = 100",
                [a.reweigh, "robustness", "--draws", "100000", "--concentration", "100",
                 "--seed", "1", "--format", "json"],
                [py, kernels, "robustness", scores, "--draws", "100000",
                 "--concentration", "100", "--seed", "1"],
            ),
            (
                "bootstrap",
                "score --ci, B = 10,000 x 384 models",
                [a.reweigh, "score", "--ci", "--bootstrap", "10000", "--seed", "1",
                 "--format", "json"],
                [py, kernels, "bootstrap", scores, "--items", items, "--bootstrap", "10000",
                 "--seed", "1"],
            ),
            (
                "which-weights",
                "100,000 samples per simplex x 384 models",
                [a.reweigh, "which-weights", "claude-fable-5", "--samples", "100000",
                 "--seed", "1", "--format", "json"],
                [py, kernels, "which-weights", scores, "claude-fable-5", "--samples", "100000",
                 "--seed", "1"],
            ),
        ]
        fixed = [wall([a.reweigh, "score", "--format", "json"]) for _ in range(a.runs)]
        print(f"machine: {os.cpu_count()} logical CPUs; {a.runs} paired runs per kernel; whole process")
        print(f"reweigh's fixed cost (score --format json: load, score, write): "
              f"median {statistics.median(fixed):.3f} s")
        print(f"numpy's fixed cost (python + import numpy): median "
              f"{statistics.median(wall([py, '-c', 'import numpy']) for _ in range(a.runs)):.3f} s")
        print()
        print(f"{'kernel':<14} {'reweigh s':>10} {'numpy s':>10} {'ratio':>7} {'pair ratio':>11}  work")
        for name, what, ours, theirs in cases:
            if a.only and a.only != name:
                continue
            wall(ours)
            wall(theirs)
            mine, base, ratios = [], [], []
            for i in range(a.runs):
                if i % 2 == 0:
                    x, y = wall(ours), wall(theirs)
                else:
                    y, x = wall(theirs), wall(ours)
                mine.append(x)
                base.append(y)
                ratios.append(y / x)
            m, b = statistics.median(mine), statistics.median(base)
            print(f"{name:<14} {m:>10.3f} {b:>10.3f} {b / m:>6.1f}x "
                  f"{statistics.median(ratios):>10.1f}x  {what}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
