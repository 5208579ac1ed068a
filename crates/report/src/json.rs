//! JSON: the result's own structure, full precision, pretty-printed with a trailing newline.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use reweigh_composite::compare::{Agreement, Comparison, Excluded, Row};
use reweigh_composite::explain::{Explanation, Term};
use reweigh_composite::receipt::Receipt;
use reweigh_composite::score::{FreezeSource, as_map};
use reweigh_composite::sweep::{Axis, Crossing, Line, Sweep};
use reweigh_composite::uncertainty::{Intervals, Pairwise};
use reweigh_composite::verify::{Check, Outcome, Skipped, Summary};
use reweigh_composite::{MethodologyId, Scored, Status, Verification};

use crate::layout::{Cell, Table};

#[derive(Serialize)]
struct ScoresJson<'a> {
    methodology: &'a MethodologyId,
    abstention: String,
    dataset: &'a str,
    effective_weights: BTreeMap<&'a str, f64>,
    receipt: &'a Receipt,
    models: Vec<ModelJson<'a>>,
}

#[derive(Serialize)]
struct ModelJson<'a> {
    slug: &'a str,
    model: &'a str,
    index: Option<f64>,
    rank: Option<usize>,
    status: Status,
    missing: &'a [String],
    categories: BTreeMap<&'a str, Option<f64>>,
    contributions: BTreeMap<&'a str, f64>,
    scores: BTreeMap<&'a str, f64>,
    freeze: BTreeMap<&'a str, FreezeSource>,
    published_index: Option<f64>,
    delta: Option<f64>,
    published_categories: BTreeMap<&'a str, f64>,
    flags: &'a [String],
}

/// The scores of a dataset. `categories` holds each category score in index points.
pub fn scores(s: &Scored) -> Vec<u8> {
    let doc = ScoresJson {
        methodology: &s.methodology,
        abstention: s.abstention.to_string(),
        dataset: &s.dataset,
        effective_weights: as_map(&s.effective_weights),
        receipt: &s.receipt,
        models: s
            .models
            .iter()
            .map(|m| ModelJson {
                slug: &m.slug,
                model: &m.model,
                index: m.index,
                rank: m.rank,
                status: m.status,
                missing: &m.missing,
                categories: m.categories.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
                contributions: as_map(&m.contributions),
                scores: as_map(&m.scores),
                freeze: m.freeze.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
                published_index: m.published_index,
                delta: m.delta,
                published_categories: as_map(&m.published_categories),
                flags: &m.flags,
            })
            .collect(),
    };
    pretty(&doc)
}

#[derive(Serialize)]
struct IntervalsJson<'a> {
    methodology: &'a MethodologyId,
    abstention: String,
    dataset: &'a str,
    seed: u64,
    bootstrap: usize,
    notes: &'a [String],
    receipt: &'a Receipt,
    models: Vec<IntervalJson<'a>>,
    /// P(a > b) for every pair among the best 20.
    pairwise: &'a [Pairwise],
}

#[derive(Serialize)]
struct Bounds {
    lower: f64,
    upper: f64,
}

#[derive(Serialize)]
struct IntervalJson<'a> {
    slug: &'a str,
    model: &'a str,
    rank: usize,
    index: f64,
    se: f64,
    /// The 95% interval (analytic); `bootstrap` is the percentile interval.
    lower: f64,
    upper: f64,
    analytic: Bounds,
    bootstrap: Bounds,
    rank_interval: [usize; 2],
    tied_rank: usize,
    p_beats_next: Option<PBeats>,
    excluded: &'a [String],
}

#[derive(Serialize)]
struct PBeats {
    analytic: f64,
    bootstrap: f64,
}

/// Scores with 95% intervals: a `lower` and `upper` bound per model, analytic and bootstrap.
pub fn scores_with_intervals(s: &Scored, ci: &Intervals) -> Vec<u8> {
    pretty(&IntervalsJson {
        methodology: &s.methodology,
        abstention: s.abstention.to_string(),
        dataset: &s.dataset,
        seed: ci.seed,
        bootstrap: ci.bootstrap,
        notes: &ci.notes,
        receipt: &s.receipt,
        pairwise: &ci.pairwise,
        models: ci
            .models
            .iter()
            .map(|m| IntervalJson {
                slug: &m.slug,
                model: &m.model,
                rank: m.rank,
                index: m.index,
                se: m.se,
                lower: m.analytic.0,
                upper: m.analytic.1,
                analytic: Bounds {
                    lower: m.analytic.0,
                    upper: m.analytic.1,
                },
                bootstrap: Bounds {
                    lower: m.bootstrap.0,
                    upper: m.bootstrap.1,
                },
                rank_interval: [m.rank_interval.0, m.rank_interval.1],
                tied_rank: m.tied_rank,
                p_beats_next: m.p_beats_next.map(|(analytic, bootstrap)| PBeats {
                    analytic,
                    bootstrap,
                }),
                excluded: &m.excluded,
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct VerifyJson<'a> {
    methodology: &'a MethodologyId,
    abstention: String,
    dataset: &'a str,
    tolerance: f64,
    /// `pass`, `fail` or `nothing-compared`.
    status: Outcome,
    passed: bool,
    /// Checks that could have failed, and checks that agree by construction (not counted).
    independent: usize,
    by_construction: usize,
    /// Per quantity (`index`, a category id, `gdpval-solved-vs-live`).
    summary: BTreeMap<String, Summary>,
    failures: Vec<&'a Check>,
    unchecked_solved: Vec<UncheckedJson<'a>>,
    skipped: &'a [Skipped],
    receipt: &'a Receipt,
}

#[derive(Serialize)]
struct UncheckedJson<'a> {
    slug: &'a str,
    component: &'a str,
}

/// A verification: its status, per-quantity summary, every check beyond tolerance, skipped rows.
pub fn verification(v: &Verification, s: &Scored) -> Vec<u8> {
    let doc = VerifyJson {
        methodology: &s.methodology,
        abstention: s.abstention.to_string(),
        dataset: &s.dataset,
        tolerance: v.tolerance,
        status: v.outcome(),
        passed: v.outcome() == Outcome::Pass,
        independent: v.independent(),
        by_construction: v.by_construction(),
        summary: v
            .summaries()
            .into_iter()
            .map(|s| (s.quantity.clone(), s))
            .collect(),
        failures: v.failures(),
        unchecked_solved: v
            .unchecked_solved
            .iter()
            .map(|(slug, component)| UncheckedJson { slug, component })
            .collect(),
        skipped: &v.skipped,
        receipt: &s.receipt,
    };
    pretty(&doc)
}

#[derive(Serialize)]
struct ExplainJson<'a> {
    methodology: &'a MethodologyId,
    abstention: String,
    dataset: &'a str,
    model: &'a str,
    vs: Option<&'a str>,
    index: Option<f64>,
    other_index: Option<f64>,
    /// MODEL minus OTHER (with --vs).
    total_difference: Option<f64>,
    /// Component id → index points: differences with --vs, else MODEL's contributions.
    terms: BTreeMap<&'a str, f64>,
    components: &'a [Term],
    notes: &'a [String],
    /// With `--vs`: the cost and token differences (reweigh_composite::cost).
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<&'a reweigh_composite::cost::CostComparison>,
    effective_weights: BTreeMap<&'a str, f64>,
    receipt: &'a Receipt,
}

/// An explanation: `terms` sum to `total_difference` (with `--vs`) or to `index`.
pub fn explanation(e: &Explanation, s: &Scored) -> Vec<u8> {
    let vs = e.other.as_ref();
    let terms = e
        .terms
        .iter()
        .filter_map(|t| {
            let v = if vs.is_some() { t.difference } else { t.model };
            Some((t.id.as_str(), v?))
        })
        .collect();
    pretty(&ExplainJson {
        methodology: &s.methodology,
        abstention: s.abstention.to_string(),
        dataset: &s.dataset,
        model: &e.model.slug,
        vs: vs.map(|b| b.slug.as_str()),
        index: e.model.index,
        other_index: vs.and_then(|b| b.index),
        total_difference: e.total_difference,
        terms,
        components: &e.terms,
        notes: &e.notes,
        cost: e.cost.as_ref(),
        effective_weights: as_map(&s.effective_weights),
        receipt: &s.receipt,
    })
}

#[derive(Serialize)]
struct CompareJson<'a> {
    methodology: &'a MethodologyId,
    dataset: &'a str,
    scorings: &'a [String],
    models: &'a [Row],
    agreements: &'a [Agreement],
    largest_movers: Vec<&'a str>,
    excluded: &'a [Excluded],
    receipt: &'a Receipt,
}

/// A comparison of rankings; `methodology` is the first scoring's.
pub fn comparison(c: &Comparison, s: &Scored) -> Vec<u8> {
    pretty(&CompareJson {
        methodology: &s.methodology,
        dataset: &s.dataset,
        scorings: &c.labels,
        models: &c.rows,
        agreements: &c.agreements,
        largest_movers: c
            .largest_movers(10)
            .iter()
            .map(|r| r.slug.as_str())
            .collect(),
        excluded: &c.excluded,
        receipt: &s.receipt,
    })
}

#[derive(Serialize)]
struct SweepJson<'a> {
    methodology: &'a MethodologyId,
    dataset: &'a str,
    axis: Axis,
    points: &'a [f64],
    omniscience_weight: f64,
    ranked: usize,
    models: &'a [Line],
    crossings: &'a [Crossing],
    receipt: &'a Receipt,
}

pub fn sweep(w: &Sweep) -> Vec<u8> {
    pretty(&SweepJson {
        methodology: &w.methodology,
        dataset: &w.dataset,
        axis: w.axis,
        points: &w.points,
        omniscience_weight: w.weight,
        ranked: w.ranked,
        models: &w.lines,
        crossings: &w.crossings,
        receipt: &w.receipt,
    })
}

#[derive(Serialize)]
struct ResultJson<'a, T: Serialize> {
    methodology: &'a MethodologyId,
    abstention: String,
    dataset: &'a str,
    settings: &'a str,
    receipt: &'a Receipt,
    result: T,
}

/// Any serialisable result with the methodology, dataset, settings and receipt around it
/// (robustness, flip, which-weights).
pub fn result<T: Serialize>(s: &Scored, settings: &str, result: T) -> Vec<u8> {
    pretty(&ResultJson {
        methodology: &s.methodology,
        abstention: s.abstention.to_string(),
        dataset: &s.dataset,
        settings,
        receipt: &s.receipt,
        result,
    })
}

/// Any laid-out table as `{"title", "rows": [{header: value}], "notes"}`.
pub fn table(t: &Table) -> Vec<u8> {
    let keys = unique_keys(&t.headers);
    let rows: Vec<Value> = t
        .rows
        .iter()
        .map(|r| {
            let mut obj = Map::new();
            for (h, c) in keys.iter().zip(r) {
                let v = match c {
                    Cell::Text(s) => Value::from(s.as_str()),
                    Cell::Num { value, .. } => Value::from(*value),
                    Cell::Int(i) => Value::from(*i),
                    Cell::Signed(i) => Value::from(*i),
                    Cell::Empty => Value::Null,
                };
                obj.insert(h.clone(), v);
            }
            Value::Object(obj)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("title".into(), Value::from(t.title.as_str()));
    doc.insert("rows".into(), Value::Array(rows));
    doc.insert("notes".into(), Value::from(t.notes.clone()));
    pretty(&Value::Object(doc))
}

/// Object keys for a table's headers: a header that repeats gets ` (2)`, ` (3)`… so no column is
/// ever dropped.
fn unique_keys(headers: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(headers.len());
    for h in headers {
        let mut key = h.clone();
        let mut n = 1;
        while keys.contains(&key) {
            n += 1;
            key = format!("{h} ({n})");
        }
        keys.push(key);
    }
    keys
}

fn pretty<T: Serialize>(doc: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(doc).expect("results serialise to JSON");
    out.push(b'\n');
    out
}
