#!/usr/bin/env python3
"""Convert reference CSVs of AA's published numbers into reweigh's canonical dataset format.

Run from the repository root:  python3 datasets/scripts/convert_reference.py REFERENCE_DIR

REFERENCE_DIR holds CSV copies of the public sources named in each row's `source` column:
AA's evaluations payload as committed by github TabNahida/AInsights (docs/data/models.json), figures
quoted by news articles and AA's API, and github AZERDSQ131/aa-intelligence-index-reverse
(data/models.csv, data/models_v4.3.2.csv). See datasets/README.md.

Values are copied as text, character for character: nothing is parsed, rounded or recomputed.
The only changes are column names, the short index version ("4.0"/"4.1"; 4.1.1 and 4.3.2 as given), `true`/`false` for
is_reasoning, `NA` for a value the source did not publish, and a slug made from the display name
for the article/API rows and the third-party v4.1.1/v4.3.2 rows, whose sources carry none. See datasets/README.md.

The default dataset (2026-06-15) also carries AA's cost of running the Intelligence Index and the prices
per 1M tokens, from AA's evaluations page as the same repository's scraper committed it at the same
commit (ArtificialAnalysis/artificialanalysis_raw_scores_wide.csv @ b8bcb2a; REFERENCE_DIR/history/),
joined by slug. AA writes 0 for a price or cost it does not know: such a 0 becomes NA (a row whose total
cost is 0 has every cost NA). A reasoning or answer cost of 0 beside a known output cost is kept: the
output cost is exactly the other part, so the 0 is a real zero (non-reasoning models).
"""
import csv
import re
import sys
from pathlib import Path

META = ["slug", "model", "variant", "is_reasoning", "release_date", "snapshot_date", "index_version"]
TAIL = ["published_index", "published_agentic_index", "published_coding_index", "source"]

V40 = [  # canonical column <- reference column
    ("gdpval_norm_pct", "gdpval_norm_pct_as_published"),
    ("tau2_telecom", "tau2_telecom"),
    ("terminalbench_hard", "terminalbench_hard"),
    ("scicode", "scicode"),
    ("aa_lcr", "aa_lcr"),
    ("omniscience_accuracy", "omniscience_accuracy"),
    ("omniscience_nonhallucination", "omniscience_nonhallucination"),
    ("ifbench", "ifbench"),
    ("hle", "hle"),
    ("gpqa", "gpqa"),
    ("critpt", "critpt"),
]
V41 = [
    ("gdpval_v2_norm_pct", "gdpval_v2_norm_pct_as_published"),
    ("tau3_banking", "tau3_banking"),
    ("terminalbench_v21", "terminalbench_v21"),
    ("scicode", "scicode"),
    ("aa_lcr", "aa_lcr"),
    ("omniscience_accuracy", "omniscience_accuracy"),
    ("omniscience_nonhallucination", "omniscience_nonhallucination"),
    ("hle", "hle"),
    ("gpqa", "gpqa"),
    ("critpt", "critpt"),
]
SEED = [
    ("gdpval_elo", "gdpval_elo"),
    ("tau2_telecom", "tau2_telecom"),
    ("terminalbench_hard", "terminalbench_hard"),
    ("scicode", "scicode"),
    ("aa_lcr", "aa_lcr"),
    ("omniscience_accuracy", "omniscience_accuracy"),
    ("omniscience_hallucination_rate", "omniscience_hallucination_rate"),
    ("omniscience_attempt_rate", "omniscience_attempt_rate"),
    ("ifbench", "ifbench"),
    ("hle", "hle"),
    ("gpqa", "gpqa"),
    ("critpt", "critpt"),
]


def na(v):
    return v if v != "" else "NA"


def slugify(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


COST = [  # canonical column <- column of AA's evaluations page (the scraper's wide CSV)
    ("index_cost_usd", "AA Intelligence Index Cost (USD)"),
    ("index_cost_input_usd", "AA Intelligence Index Input Cost (USD)"),
    ("index_cost_output_usd", "AA Intelligence Index Output Cost (USD)"),
    ("index_cost_reasoning_usd", "AA Intelligence Index Reasoning Cost (USD)"),
    ("index_cost_answer_usd", "AA Intelligence Index Answer Cost (USD)"),
]
PRICE = [
    ("price_input_per_1m_usd", "Input Price Per 1M Tokens (USD)"),
    ("price_output_per_1m_usd", "Output Price Per 1M Tokens (USD)"),
    ("price_cache_hit_per_1m_usd", "Cache Hit Price Per 1M Tokens (USD)"),
]


def costs(src, source):
    """slug -> the cost and price cells of AA's evaluations page (copied as text), with `source`."""
    out = {}
    for r in csv.DictReader(open(src, newline="", encoding="utf-8-sig")):
        cost = [r[c] for _, c in COST]
        if cost[0] == "" or float(cost[0]) == 0:
            # Not published, or AA's 0 for unknown: every part is unknown too.
            assert all(v == "" or float(v) == 0 for v in cost), r["slug"]
            cost = ["NA"] * len(COST)
        else:
            total, inp, outp, reasoning, answer = (float(v) for v in cost)
            assert inp > 0 and outp > 0 and (reasoning > 0 or answer > 0), r["slug"]
            # The parts add up (AA rounds each to 4 decimals), so a part of 0 is a real zero.
            assert abs(total - inp - outp) <= 1.5e-4 and abs(outp - reasoning - answer) <= 1.5e-4, r["slug"]
        price = [na(r[c]) if r[c] == "" or float(r[c]) != 0 else "NA" for _, c in PRICE]
        out[r["slug"]] = cost + price + [source]
    return out


def ainsights(src, dst, comps, version, cost=None):
    rows = []
    for r in csv.DictReader(open(src, newline="")):
        meta = [r["slug"], r["model"], r["variant"], r["is_reasoning"].lower(), r["release_date"],
                r["snapshot_date"], version]
        extra = cost[r["slug"]] if cost is not None else []
        rows.append(meta + [na(r[c]) for _, c in comps] +
                    [na(r["published_index"]), na(r["published_agentic_index"]),
                     na(r["published_coding_index"])] + extra + [r["source"]])
    extra = [c for c, _ in COST + PRICE] + ["cost_source"] if cost is not None else []
    write(dst, META + [c for c, _ in comps] + TAIL[:-1] + extra + TAIL[-1:], rows)


def seed(src, out_dir):
    groups = {}
    for r in csv.DictReader(open(src, newline="")):
        date = r["snapshot_date"].lstrip("~")
        kind = "api" if r["source"].startswith("github:") else "articles"
        groups.setdefault((kind, date), []).append(r)
    for (kind, date), rs in sorted(groups.items()):
        rows = []
        for r in rs:
            meta = [slugify(r["model"]), r["model"], r["variant"], "", "", r["snapshot_date"], "4.0"]
            rows.append(meta + [na(r[c]) for _, c in SEED] +
                        [na(r["published_index"]), "NA", na(r["published_coding_index"]), r["source"]])
        write(out_dir / f"aa-v4.0-{kind}-{date}.csv", META + [c for c, _ in SEED] + TAIL, rows)


# v4.1.1's third-party rows give the live GDPval v2 Elo itself; the other nine columns are v4.1's.
V411 = [("gdpval_v2_elo", "gdpval_v2_elo")] + V41[1:]
V432 = [
    ("briefcase_elo", "briefcase_elo"),
    ("gdpval_v21_elo", "gdpval_v21_elo"),
    ("automationbench_aa", "automationbench_aa"),
    ("terminalbench_40", "terminalbench_40"),
    ("scicode", "scicode"),
    ("omniscience_accuracy", "omniscience_accuracy"),
    ("omniscience_nonhallucination", "omniscience_nonhallucination"),
    ("gdp_pdf_allpass", "gdp_pdf_allpass"),
    ("aa_lcr_v11", "aa_lcr_v11"),
    ("hle", "hle"),
    ("critpt", "critpt"),
]


def third_party(src, dst, comps):
    """A third party's copy of AA's later versions: display name and variant only, so the slug is made
    from both (`Claude Opus 5.5` + `max with fallback` -> claude-opus-5-5-max-with-fallback)."""
    rows = []
    for r in csv.DictReader(open(src, newline="")):
        name = r["model"] + (" " + r["variant"] if r["variant"] else "")
        meta = [slugify(name), r["model"], r["variant"], "", "", r["snapshot_date"], r["index_version"]]
        rows.append(meta + [na(r[c]) for _, c in comps] + [na(r["published_index"]), r["source"]])
    write(dst, META + [c for c, _ in comps] + ["published_index", "source"], rows)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: convert_reference.py REFERENCE_DIR")
    ref = Path(sys.argv[1])
    out = Path("datasets")
    ainsights(ref / "aa_v4.0_ainsights_2026-06-05.csv", out / "aa-v4.0-2026-06-05.csv", V40, "4.0")
    page = "ArtificialAnalysis/artificialanalysis_raw_scores_wide.csv"
    commit = "b8bcb2a18ff28a4966bee7d8d3f5faee710e5062"
    cost = costs(ref / "history" / "aa_wide_2026-06-15T0612_b8bcb2a.csv",
                 f"github:TabNahida/AInsights@{commit}:{page}")
    ainsights(ref / "aa_v4.0_ainsights_2026-06-15.csv", out / "aa-v4.0-2026-06-15.csv", V40, "4.0", cost)
    ainsights(ref / "aa_v4.1_ainsights_2026-06-19.csv", out / "aa-v4.1-2026-06-19.csv", V41, "4.1")
    ainsights(ref / "aa_v4.1_ainsights_2026-07-06.csv", out / "aa-v4.1-2026-07-06.csv", V41, "4.1")
    seed(ref / "aa_v4.0_seed_rows_articles_and_api.csv", out)
    third_party(ref / "aa_v4.1.1_azerdsq_2026-09-01.csv", out / "aa-v4.1.1-2026-09-01.csv", V411)
    third_party(ref / "aa_v4.3.2_azerdsq_2026-09-29.csv", out / "aa-v4.3.2-2026-09-29.csv", V432)


if __name__ == "__main__":
    main()
