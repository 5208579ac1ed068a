#!/usr/bin/env python3
"""The honest baseline: reweigh's Monte-Carlo kernels written as vectorised numpy, the way a
researcher would write them instead of using reweigh.

    python kernels.py robustness    SCORES.json --draws 100000 --concentration 100 --seed 1
    python kernels.py bootstrap     SCORES.json --items datasets/item-counts.toml --bootstrap 10000 --seed 1
    python kernels.py which-weights SCORES.json MODEL --samples 100000 --seed 1

SCORES.json is `reweigh score --format json` (normalised component scores and effective weights at
full precision), so both programs start from the same input. Each subcommand does the same work as
reweigh's: robustness draws Dirichlet(K·w0) weightings, takes one matrix product, ranks every draw
(stable: ties by row order, as reweigh) and accumulates a models × ranks histogram, from which it
reads the median, 5% and 95% rank and P(rank 1); bootstrap draws every component's binomial (or the
AA-Omniscience accuracy/non-hallucination pair), forms the indices, their 2.5/97.5% percentiles, the
rank of every model in every draw and the rank intervals, P(beats the next) and the pairwise
probabilities of the best 20; which-weights draws uniform weightings of the categories and of the
components and counts the draws in which the model is strictly first.

numpy's random streams are not reweigh's (PCG64 here, PCG64-MCG and other samplers there), so the
numbers agree to Monte-Carlo error, not bit for bit. The result is JSON on stdout; with --time the
seconds spent computing (after reading the input) go to stderr.
"""

import argparse
import json
import math
import sys
import time
import tomllib

import numpy as np


def fail(message):
    print(f"kernels.py: {message}", file=sys.stderr)
    sys.exit(2)


def ranked_rows(doc):
    """The rows reweigh ranks: an index under the methodology's own weights (none renormalised)."""
    comps = list(doc["effective_weights"])
    rows = [
        m
        for m in doc["models"]
        if m["index"] is not None
        and not any(f.startswith("renormalized:") for f in m["flags"])
        and len(m["scores"]) == len(comps)
    ]
    return comps, rows


def ranks_of(values):
    """Ranks 0..n-1 along the last axis, descending, ties by position (reweigh's rule)."""
    order = np.argsort(-values, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[-1]), axis=-1)
    return ranks


def robustness(doc, concentration, draws, seed, block):
    comps, rows = ranked_rows(doc)
    w0 = np.array([doc["effective_weights"][c] for c in comps])
    scores = np.array([[m["scores"][c] for c in comps] for m in rows])  # models × components
    n = len(rows)
    rng = np.random.default_rng(seed)
    alpha = concentration * w0
    hist = np.zeros(n * n, dtype=np.int64)
    offsets = np.arange(n) * n
    for start in range(0, draws, block):
        b = min(block, draws - start)
        w = rng.dirichlet(alpha, size=b)  # b × components
        v = w @ scores.T  # b × models: one matrix product
        r = ranks_of(v)
        hist += np.bincount((offsets + r).ravel(), minlength=n * n)
    hist = hist.reshape(n, n)
    cum = hist.cumsum(axis=1)

    def at(q):
        target = max(math.ceil(q * draws), 1)
        return (cum >= target).argmax(axis=1) + 1

    base = ranks_of(scores @ w0) + 1
    median, p5, p95 = at(0.5), at(0.05), at(0.95)
    out = [
        {
            "slug": rows[i]["slug"],
            "rank": int(base[i]),
            "median": int(median[i]),
            "p5": int(p5[i]),
            "p95": int(p95[i]),
            "p_first": hist[i, 0] / draws,
        }
        for i in range(n)
    ]
    out.sort(key=lambda s: s["rank"])
    return {"draws": draws, "concentration": concentration, "seed": seed, "models": out}


def bootstrap(doc, counts, b, seed):
    """The parametric bootstrap of `reweigh score --ci` for the error models of the default data:
    binomial on the item counts, AA-Omniscience accuracy C/N and non-hallucination 1 − I/(N − C)
    with the same C, and no error where there is no count or standard error (GDPval's Elo)."""
    comps = list(doc["effective_weights"])
    rows = [m for m in doc["models"] if m["index"] is not None]
    for m in rows:
        if any(f.startswith("renormalized:") for f in m["flags"]):
            fail(f"{m['slug']}: renormalised weights are not supported by this baseline")
    scale = 100.0
    w = np.array([doc["effective_weights"][c] * scale for c in comps])  # index points
    s = np.array([[m["scores"][c] for c in comps] for m in rows])  # models × components
    index = np.array([m["index"] for m in rows])
    if np.abs(s @ w - index).max() > 1e-9:
        fail("the component scores do not give the index at scale 100: not the AA v4.0 layout")
    items = {e["column"]: e["items"] for e in counts["evaluation"]}
    n_omni = round(items["omniscience_questions"])
    m_rows = len(rows)
    rng = np.random.default_rng(seed)
    draws = np.zeros((m_rows, b))
    variance = np.zeros(m_rows)
    excluded = []
    correct = None
    for j, c in enumerate(comps):
        p = s[:, j][:, None]
        if c == "omniscience_accuracy":
            if correct is None:
                correct = rng.binomial(n_omni, p, size=(m_rows, b))
            v = correct / n_omni
            var = s[:, j] * (1 - s[:, j]) / n_omni
        elif c == "omniscience_nonhallucination":
            acc = s[:, comps.index("omniscience_accuracy")][:, None]
            if correct is None:
                correct = rng.binomial(n_omni, acc, size=(m_rows, b))
            rest = n_omni - correct
            wrong = rng.binomial(rest, 1 - p)
            v = np.where(rest > 0, 1 - wrong / np.maximum(rest, 1), p)
            left = n_omni * (1 - acc[:, 0])
            var = np.where(left > 0, s[:, j] * (1 - s[:, j]) / np.maximum(left, 1e-300), 0)
        elif c in items:
            n = round(items[c])
            v = rng.binomial(n, p, size=(m_rows, b)) / n
            var = s[:, j] * (1 - s[:, j]) / n
        else:
            # No item count (GDPval's Elo, without a standard error): the score as it is.
            excluded.append(c)
            draws += w[j] * p
            continue
        draws += w[j] * v
        variance += w[j] ** 2 * var
    se = np.sqrt(variance)
    z = 1.959963984540054
    lower, upper = index - z * se, index + z * se
    boot = np.quantile(draws, [0.025, 0.975], axis=1)  # linear interpolation, as reweigh
    ranks = ranks_of(draws.T).T + 1  # models × draws
    ranks.sort(axis=1)
    lo_pos, hi_pos = (math.floor(q * (b - 1) + 0.5) for q in (0.025, 0.975))
    beats = (draws[:-1] > draws[1:]).mean(axis=1)
    lowers = np.sort(lower)
    tied = 1 + m_rows - np.searchsorted(lowers, upper, side="right")
    top = min(m_rows, 20)
    pair = (draws[:top, None, :] > draws[None, :top, :]).mean(axis=2)
    models = [
        {
            "slug": rows[i]["slug"],
            "rank": i + 1,
            "index": index[i],
            "se": se[i],
            "analytic": {"lower": lower[i], "upper": upper[i]},
            "bootstrap": {"lower": boot[0, i], "upper": boot[1, i]},
            "rank_interval": {"best": int(ranks[i, lo_pos]), "worst": int(ranks[i, hi_pos])},
            "tied_rank": int(tied[i]),
            "p_beats_next": float(beats[i]) if i + 1 < m_rows else None,
        }
        for i in range(m_rows)
    ]
    pairwise = [
        {"a": rows[i]["slug"], "b": rows[j]["slug"], "bootstrap": pair[i, j]}
        for i in range(top)
        for j in range(i + 1, top)
    ]
    return {
        "bootstrap": b,
        "seed": seed,
        "excluded": excluded,
        "models": models,
        "pairwise": pairwise,
    }


def which_weights(doc, slug, samples, seed, block):
    comps, rows = ranked_rows(doc)
    cats = sorted({c for m in rows for c in m["categories"]})
    target = next((i for i, m in enumerate(rows) if m["slug"] == slug), None)
    if target is None:
        fail(f"no ranked model with slug '{slug}'")
    tables = {
        "categories": np.array([[m["categories"][c] for c in cats] for m in rows]),
        "components": np.array([[100.0 * m["scores"][c] for c in comps] for m in rows]),
    }
    rng = np.random.default_rng(seed)
    out = []
    for over, table in tables.items():
        wins = 0
        for start in range(0, samples, block):
            b = min(block, samples - start)
            w = rng.dirichlet(np.ones(table.shape[1]), size=b)
            v = w @ table.T  # b × models
            mine = v[:, target].copy()
            v[:, target] = -np.inf
            wins += int((v.max(axis=1) < mine).sum())
        p = wins / samples
        out.append({"over": over, "share": p, "se": math.sqrt(p * (1 - p) / samples)})
    return {"samples": samples, "seed": seed, "shares": out}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("robustness")
    r.add_argument("scores")
    r.add_argument("--draws", type=int, default=100_000)
    r.add_argument("--concentration", type=float, default=50.0)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--block", type=int, default=10_000, help="draws per matrix product")
    b = sub.add_parser("bootstrap")
    b.add_argument("scores")
    b.add_argument("--items", required=True, help="datasets/item-counts.toml")
    b.add_argument("--bootstrap", type=int, default=10_000)
    b.add_argument("--seed", type=int, default=1)
    w = sub.add_parser("which-weights")
    w.add_argument("scores")
    w.add_argument("model")
    w.add_argument("--samples", type=int, default=100_000)
    w.add_argument("--seed", type=int, default=1)
    w.add_argument("--block", type=int, default=10_000, help="samples per matrix product")
    for p in (r, b, w):
        p.add_argument("--time", action="store_true", help="print the compute seconds to stderr")
    a = ap.parse_args()
    with open(a.scores, encoding="utf-8") as f:
        doc = json.load(f)
    start = time.perf_counter()
    if a.command == "robustness":
        result = robustness(doc, a.concentration, a.draws, a.seed, a.block)
    elif a.command == "bootstrap":
        with open(a.items, "rb") as f:
            counts = tomllib.load(f)
        result = bootstrap(doc, counts, a.bootstrap, a.seed)
    else:
        result = which_weights(doc, a.model, a.samples, a.seed, a.block)
    if a.time:
        print(f"compute {time.perf_counter() - start:.4f} s", file=sys.stderr)
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
