#!/usr/bin/env python3
"""Convert AA daily captures (github TabNahida/AInsights, ArtificialAnalysis/artificialanalysis_raw_scores_wide.csv)
into reweigh's files. Run from the repository root:

    python3 datasets/scripts/convert_capture.py CAPTURE_2026-06-15.csv CAPTURE_2026-07-06.csv

Writes
- datasets/attributes/aa-model-attributes.csv: slug, creator, license (AA's open_source_categorization
  as published on 2026-07-06; for a slug absent that day, as published on 2026-06-15), open_weights
  (derived: false when the license is Proprietary, true otherwise), source;
- datasets/aa-v4.1-capture-2026-07-06.csv: every row of the 2026-07-06 capture (537), in the canonical
  schema: the v4.1 components where published (percent -> fraction by moving the decimal point, an
  exact decimal operation; `NA` where the capture has no value), AA's published indices, provenance.

Values are copied as text; the only arithmetic is the exact decimal shift of percent to fraction.
"""
import csv
import sys
from decimal import Decimal

REPO = "github:TabNahida/AInsights@{commit}:ArtificialAnalysis/artificialanalysis_raw_scores_wide.csv"
COMMITS = {
    "2026-06-15": "b8bcb2a18ff28a4966bee7d8d3f5faee710e5062",
    "2026-07-06": "b2970be04d8db951e6a73dd1d69b13ff3a125564",
}
SNAPSHOT = {"2026-06-15": "2026-06-15T06:12:37+00:00", "2026-07-06": "2026-07-06T05:02:07+00:00"}

# canonical column <- capture column, and whether the capture gives it in percent
V41 = [
    ("gdpval_v2_norm_pct", "GDPval-AA v2", False),
    ("tau3_banking", "τ³-Banking", True),
    ("terminalbench_v21", "Terminal-Bench v2.1", True),
    ("scicode", "SciCode", True),
    ("aa_lcr", "AA-LCR", True),
    ("omniscience_accuracy", "AA-Omniscience Accuracy", True),
    ("omniscience_nonhallucination", "AA-Omniscience Non-Hallucination Rate", True),
    ("hle", "Humanity's Last Exam", True),
    ("gpqa", "GPQA Diamond", True),
    ("critpt", "CritPt", True),
]
INDICES = [
    ("published_index", "AA Intelligence Index"),
    ("published_agentic_index", "AA Agentic Index"),
    ("published_coding_index", "AA Coding Index"),
]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def fraction(text):
    """'65.7895' -> '0.657895': the decimal point moved two places, nothing rounded."""
    value = Decimal(text).scaleb(-2)
    out = format(value, "f")
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return out if out not in ("", "-0") else "0"


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    early, late = read(sys.argv[1]), read(sys.argv[2])
    attributes = {}
    for date, rows in (("2026-06-15", early), ("2026-07-06", late)):
        for r in rows:
            attributes[r["slug"]] = (r["creator"], r["open_source_categorization"], date)
    out = []
    for slug in sorted(attributes):
        creator, license_, date = attributes[slug]
        open_weights = "false" if license_.lower() == "proprietary" else "true"
        out.append([slug, creator, license_, open_weights, REPO.format(commit=COMMITS[date])])
    write("datasets/attributes/aa-model-attributes.csv",
          ["slug", "creator", "license", "open_weights", "source"], out)

    rows = []
    for r in late:
        row = [
            r["slug"], r["model"], "reasoning" if r["is_reasoning"] == "true" else "non-reasoning",
            r["is_reasoning"], r["release_date"], SNAPSHOT["2026-07-06"], "4.1",
        ]
        for _, column, percent in V41:
            v = r[column]
            row.append("NA" if v == "" else (fraction(v) if percent else v))
        for _, column in INDICES:
            row.append(r[column] if r[column] != "" else "NA")
        row.append(REPO.format(commit=COMMITS["2026-07-06"]))
        rows.append(row)
    header = ["slug", "model", "variant", "is_reasoning", "release_date", "snapshot_date", "index_version"]
    header += [c for c, _, _ in V41] + [c for c, _ in INDICES] + ["source"]
    write("datasets/aa-v4.1-capture-2026-07-06.csv", header, rows)


if __name__ == "__main__":
    main()
