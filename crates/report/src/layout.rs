//! The layout shared by the table, CSV and Markdown exporters, and the layouts of reweigh's results.

use reweigh_composite::compare::Comparison;
use reweigh_composite::explain::Explanation;
use reweigh_composite::inverse::{Flip, Over};
use reweigh_composite::robustness::RankStats;
use reweigh_composite::sweep::{Axis, Sweep};
use reweigh_composite::uncertainty::Intervals;
use reweigh_composite::verify::{CheckKind, Outcome};
use reweigh_composite::{Policy, Scored, Verification};

/// One cell. Numbers keep full precision; `decimals` is for human-facing formats only.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num {
        value: f64,
        decimals: usize,
    },
    Int(usize),
    /// A signed whole number shown with its sign (`+2`) for people, a plain number (`2`) for
    /// machines, so spreadsheets can sum it.
    Signed(i64),
    Empty,
}

impl Cell {
    pub fn num(value: f64, decimals: usize) -> Cell {
        Cell::Num { value, decimals }
    }
    pub fn opt(value: Option<f64>, decimals: usize) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::num(v, decimals))
    }
    /// The human-facing text (rounded numbers).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num { value, decimals } => {
                let text = format!("{value:.decimals$}");
                // A value that rounds to zero prints without a sign ("-0.0000" reads as a miss).
                if text
                    .trim_start_matches('-')
                    .chars()
                    .all(|c| c == '0' || c == '.')
                {
                    text.trim_start_matches('-').to_string()
                } else {
                    text
                }
            }
            Cell::Int(i) => i.to_string(),
            Cell::Signed(i) => format!("{i:+}"),
            Cell::Empty => String::new(),
        }
    }
    /// The machine-facing text (shortest representation that reads back to the same f64).
    pub fn exact(&self) -> String {
        match self {
            Cell::Num { value, .. } => format!("{value}"),
            Cell::Signed(i) => i.to_string(),
            other => other.display(),
        }
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Cell::Num { .. } | Cell::Int(_) | Cell::Signed(_))
    }
}

/// A titled table with notes (methodology, dataset, caveats) printed after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
}

/// The ranked index table of a scored dataset.
pub fn scores(s: &Scored) -> Table {
    let categories: Vec<&str> = s
        .models
        .first()
        .map(|m| m.categories.iter().map(|(c, _)| c.as_str()).collect())
        .unwrap_or_default();
    let mut headers: Vec<String> = ["rank", "slug", "model", "index"]
        .map(String::from)
        .to_vec();
    headers.extend(categories.iter().map(|c| c.to_string()));
    headers.extend(["published", "delta", "status", "flags"].map(String::from));
    let rows = s
        .models
        .iter()
        .map(|m| {
            let mut row = vec![
                m.rank.map_or(Cell::Empty, Cell::Int),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::opt(m.index, 2),
            ];
            row.extend(categories.iter().map(|c| Cell::opt(m.category(c), 2)));
            let status = if m.missing.is_empty() {
                "complete".to_string()
            } else {
                format!("incomplete: missing {}", m.missing.join(" "))
            };
            row.extend([
                Cell::opt(m.published_index, 2),
                Cell::opt(m.delta, 4),
                Cell::Text(status),
                Cell::Text(m.flags.join(" ")),
            ]);
            row
        })
        .collect();
    let complete = s.models.iter().filter(|m| m.index.is_some()).count();
    let mut notes = vec![
        identity(s),
        format!(
            "dataset {}: {} models, {complete} with an index",
            s.dataset,
            s.models.len()
        ),
    ];
    notes.extend(abstention_caveat(s.abstention));
    let split = s
        .models
        .iter()
        .filter(|m| m.flags.iter().any(|f| f.starts_with("needs-split:")))
        .count();
    if split > 0 {
        notes.push(format!(
            "{split} rows have no index because {} needs partial answers and abstentions separately (an omniscience_attempt_rate or the outcome counts), which their data does not give; reweigh does not guess the split",
            s.abstention
        ));
    }
    let live = s
        .models
        .iter()
        .filter(|m| m.flags.iter().any(|f| f.starts_with("live-")))
        .count();
    if live > 0 {
        notes.push(format!(
            "{live} rows use a live GDPval Elo (flag live-gdpval*): AA's index uses the Elo frozen when a model was added, so these may differ from the published index"
        ));
    }
    notes.push(effective_weights(s));
    notes.extend(s.receipt.lines());
    Table {
        title: format!("{} index", s.methodology.name),
        headers,
        rows,
        notes,
    }
}

/// The verification report: one row per check beyond tolerance, summaries in the notes.
pub fn verification(v: &Verification, scored: &Scored) -> Table {
    let headers = [
        "slug",
        "model",
        "quantity",
        "computed",
        "published",
        "delta",
        "tolerance",
        "flags",
    ]
    .map(String::from)
    .to_vec();
    let rows = v
        .failures()
        .into_iter()
        .map(|c| {
            vec![
                Cell::Text(c.slug.clone()),
                Cell::Text(c.model.clone()),
                Cell::Text(c.quantity.clone()),
                Cell::num(c.computed, 4),
                Cell::num(c.published, 4),
                Cell::num(c.delta, 6),
                Cell::num(c.tolerance, 4),
                Cell::Text(c.flags.join(" ")),
            ]
        })
        .collect();
    let mut notes = vec![
        format!(
            "methodology {} (version {}, sha256 {}); dataset {}",
            scored.methodology.name,
            scored.methodology.version,
            scored.methodology.hash,
            scored.dataset
        ),
        format!("tolerance {} index points", v.tolerance),
    ];
    for s in v.summaries() {
        let mut line = match s.kind {
            _ if s.independent == 0 => format!("{}: nothing checked independently", s.quantity),
            CheckKind::Reproduce => format!(
                "{}: {} rows checked independently, max |delta| {:.3e}",
                s.quantity, s.independent, s.max_abs_delta
            ),
            CheckKind::Plausibility => format!(
                "{}: {} solved values checked against the live value, max |delta| {:.4} (band {})",
                s.quantity, s.independent, s.max_abs_delta, s.tolerance
            ),
        };
        if s.failed > 0 {
            line.push_str(&format!(", {} beyond", s.failed));
        }
        if s.by_construction > 0 {
            line.push_str(&format!(
                "; {} rows agree by construction (a frozen value was solved from this published value) and are not counted",
                s.by_construction
            ));
        }
        notes.push(line);
    }
    if !v.unchecked_solved.is_empty() {
        notes.push(format!(
            "{} solved values have no independent check (no plausibility band in the methodology, or no live value): {}",
            v.unchecked_solved.len(),
            v.unchecked_solved
                .iter()
                .map(|(slug, id)| format!("{slug} {id}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for s in &v.skipped {
        notes.push(format!("skipped {} ({}): {}", s.slug, s.model, s.reason));
    }
    notes.extend(scored.receipt.lines());
    notes.push(format!(
        "checked: {} quantities independently, {} agree by construction (not counted)",
        v.independent(),
        v.by_construction()
    ));
    let failures = v.failures().len();
    notes.push(match v.outcome() {
        Outcome::NothingCompared => "result: nothing-compared: no quantity could be checked independently (no row could be recomputed and had a published value, or every published value was used to solve a frozen one)".to_string(),
        Outcome::Pass => "result: pass: every independently checked value is within tolerance".to_string(),
        Outcome::Fail => format!("result: fail: {failures} values beyond tolerance (listed above)"),
    });
    Table {
        title: "verification: values beyond tolerance".into(),
        headers,
        rows,
        notes,
    }
}

/// The methodology line every result carries: name, version, hash, abstention policy.
fn identity(s: &Scored) -> String {
    format!(
        "methodology {} (version {}, sha256 {}), abstention {}",
        s.methodology.name, s.methodology.version, s.methodology.hash, s.abstention
    )
}

/// Each component's share of the index, in percent.
fn effective_weights(s: &Scored) -> String {
    let parts: Vec<String> = s
        .effective_weights
        .iter()
        .map(|(id, w)| format!("{id} {:.2}%", 100.0 * w))
        .collect();
    format!("effective weights: {}", parts.join(", "))
}

/// The post-hoc caveat, for any policy other than AA's own.
fn abstention_caveat(policy: Policy) -> Option<String> {
    (policy != Policy::Aa).then(|| format!(
        "abstention {policy} re-scores AA's published results post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring, not under this policy"
    ))
}

/// Contributions of one model, or the decomposition of its difference from another.
pub fn explanation(e: &Explanation, s: &Scored) -> Table {
    let a = &e.model;
    let mut headers = vec!["component".to_string(), "name".to_string(), a.slug.clone()];
    if let Some(b) = &e.other {
        headers.extend([b.slug.clone(), "difference".to_string()]);
    }
    let mut rows: Vec<Vec<Cell>> = e
        .terms
        .iter()
        .map(|t| {
            let mut row = vec![
                Cell::Text(t.id.clone()),
                Cell::Text(t.name.clone()),
                Cell::opt(t.model, 4),
            ];
            if e.other.is_some() {
                row.extend([Cell::opt(t.other, 4), Cell::opt(t.difference, 4)]);
            }
            row
        })
        .collect();
    let mut total = vec![
        Cell::Text("index".into()),
        Cell::Text("total".into()),
        Cell::opt(a.index, 4),
    ];
    if let Some(b) = &e.other {
        total.extend([Cell::opt(b.index, 4), Cell::opt(e.total_difference, 4)]);
    }
    rows.push(total);
    let mut notes = vec![identity(s), format!("dataset {}", s.dataset)];
    notes.extend(abstention_caveat(s.abstention));
    if let (Some(b), Some(d)) = (&e.other, e.total_difference) {
        notes.push(format!(
            "{} minus {}: {d:.4} index points; the terms sum to it",
            a.slug, b.slug
        ));
        if let (Some(pa), Some(pb)) = (a.published_index, b.published_index) {
            notes.push(if s.abstention == Policy::Aa {
                format!(
                    "published difference {:.4} (recomputed minus published: {:.2e})",
                    pa - pb,
                    d - (pa - pb)
                )
            } else {
                format!(
                    "published difference under AA's own scoring: {:.4}; under {}: {d:.4}",
                    pa - pb,
                    s.abstention
                )
            });
        }
    }
    notes.extend(e.notes.iter().cloned());
    notes.push(effective_weights(s));
    notes.extend(s.receipt.lines());
    Table {
        title: match &e.other {
            Some(b) => format!("{} vs {}", a.model, b.model),
            None => format!("{}: contributions", a.model),
        },
        headers,
        rows,
        notes,
    }
}

/// Index and rank of each model under each scoring, with the agreement between rankings.
pub fn comparison(c: &Comparison, s: &Scored) -> Table {
    let mut headers = vec!["slug".to_string(), "model".to_string()];
    for l in &c.labels {
        headers.extend([format!("index {l}"), format!("rank {l}")]);
    }
    headers.push("rank change".into());
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::Text(r.slug.clone()), Cell::Text(r.model.clone())];
            for (i, rank) in r.index.iter().zip(&r.rank) {
                row.extend([Cell::num(*i, 2), Cell::Int(*rank)]);
            }
            row.push(Cell::Signed(r.rank_change));
            row
        })
        .collect();
    let mut notes = vec![format!(
        "methodology {} (version {}); dataset {}; {} models ranked under every scoring",
        s.methodology.name,
        s.methodology.version,
        s.dataset,
        c.rows.len()
    )];
    for a in &c.agreements {
        notes.push(format!(
            "{} vs {}: Kendall's tau-b {:.4}, Spearman's rho {:.4}",
            a.a, a.b, a.kendall_tau, a.spearman_rho
        ));
    }
    let movers: Vec<String> = c
        .largest_movers(10)
        .iter()
        .map(|r| format!("{} {:+}", r.slug, r.rank_change))
        .collect();
    if !movers.is_empty() {
        notes.push(format!(
            "largest movers ({} to {}): {}",
            c.labels[0],
            c.labels[c.labels.len() - 1],
            movers.join(", ")
        ));
    }
    if c.labels.iter().any(|l| l != "aa") {
        notes.push("re-scoring is post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring".into());
    }
    notes.extend(s.receipt.lines());
    if !c.excluded.is_empty() {
        notes.push(format!("{} models excluded:", c.excluded.len()));
        notes.extend(
            c.excluded
                .iter()
                .map(|e| format!("  {}: {}", e.slug, e.reason)),
        );
    }
    Table {
        title: format!("rankings under {}", c.labels.join(", ")),
        headers,
        rows,
        notes,
    }
}

fn axis_label(axis: Axis, x: f64) -> String {
    match axis {
        Axis::Penalty => format!("P={x}"),
        Axis::Confidence => format!("t={x}"),
    }
}

/// Three tables: ranks along the sweep, indices along the sweep, and the crossings.
pub fn sweep(w: &Sweep) -> Vec<Table> {
    let mut headers = vec!["slug".to_string(), "model".to_string()];
    headers.extend(w.points.iter().map(|&x| axis_label(w.axis, x)));
    let grid = |rank: bool| -> Vec<Vec<Cell>> {
        w.lines
            .iter()
            .map(|l| {
                let mut row = vec![Cell::Text(l.slug.clone()), Cell::Text(l.model.clone())];
                if rank {
                    row.extend(l.rank.iter().map(|r| Cell::Int(*r)));
                } else {
                    row.extend(l.index.iter().map(|i| Cell::num(*i, 2)));
                }
                row
            })
            .collect()
    };
    let axis = match w.axis {
        Axis::Penalty => "penalty P per wrong answer",
        Axis::Confidence => "confidence target t (penalty t/(1-t))",
    };
    let crossings = w
        .crossings
        .iter()
        .map(|c| {
            vec![
                Cell::num(c.at, 4),
                Cell::num(c.penalty, 4),
                Cell::Text(c.overtaker.clone()),
                Cell::Text(c.overtaken.clone()),
                Cell::num(c.index, 4),
            ]
        })
        .collect();
    let notes = vec![
        format!(
            "methodology {} (version {}); dataset {}; AA-Omniscience scored (c - P*i + P)/(1 + P), weight {:.4} index points",
            w.methodology.name, w.methodology.version, w.dataset, w.weight
        ),
        format!("ranks are among all {} models with an index", w.ranked),
        "re-scoring is post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring".into(),
    ];
    let notes = notes.into_iter().chain(w.receipt.lines()).collect();
    vec![
        Table {
            title: format!("rank along the {axis}"),
            headers: headers.clone(),
            rows: grid(true),
            notes: Vec::new(),
        },
        Table {
            title: format!("index along the {axis}"),
            headers,
            rows: grid(false),
            notes: Vec::new(),
        },
        Table {
            title: "crossings: where one model overtakes another (solved exactly)".into(),
            headers: ["at", "penalty", "overtaker", "overtaken", "index"]
                .map(String::from)
                .to_vec(),
            rows: crossings,
            notes,
        },
    ]
}

/// Scores with 95% intervals, rank intervals and tied ranks.
pub fn intervals(ci: &Intervals, s: &Scored) -> Table {
    let headers = [
        "rank",
        "slug",
        "model",
        "index",
        "se",
        "analytic lower",
        "analytic upper",
        "bootstrap lower",
        "bootstrap upper",
        "rank lower",
        "rank upper",
        "tied rank",
        "P(beats next)",
    ]
    .map(String::from)
    .to_vec();
    let rows = ci
        .models
        .iter()
        .map(|m| {
            vec![
                Cell::Int(m.rank),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::num(m.index, 2),
                Cell::num(m.se, 3),
                Cell::num(m.analytic.0, 2),
                Cell::num(m.analytic.1, 2),
                Cell::num(m.bootstrap.0, 2),
                Cell::num(m.bootstrap.1, 2),
                Cell::Int(m.rank_interval.0),
                Cell::Int(m.rank_interval.1),
                Cell::Int(m.tied_rank),
                Cell::opt(m.p_beats_next.map(|p| p.0), 3),
            ]
        })
        .collect();
    let mut notes = vec![identity(s)];
    notes.extend(ci.notes.iter().cloned());
    notes.push("tied rank: 1 + the number of models whose analytic lower bound is above this model's upper bound (LMArena's rule)".into());
    notes.extend(s.receipt.lines());
    Table {
        title: format!("{} index with 95% intervals", s.methodology.name),
        headers,
        rows,
        notes,
    }
}

/// Rank distributions over sampled weightings.
pub fn robustness(stats: &[RankStats], s: &Scored, settings: &str, top: usize) -> Table {
    let headers = [
        "rank",
        "slug",
        "model",
        "median rank",
        "5%",
        "95%",
        "P(rank 1)",
    ]
    .map(String::from)
    .to_vec();
    let rows = stats
        .iter()
        .take(top)
        .map(|r| {
            vec![
                Cell::Int(r.rank),
                Cell::Text(r.slug.clone()),
                Cell::Text(r.model.clone()),
                Cell::Int(r.median),
                Cell::Int(r.p5),
                Cell::Int(r.p95),
                Cell::num(r.p_first, 4),
            ]
        })
        .collect();
    let mut notes = vec![identity(s), settings.to_string()];
    notes.extend(s.receipt.lines());
    Table {
        title: "rank under weightings sampled around the methodology".into(),
        headers,
        rows,
        notes,
    }
}

/// The smallest weight changes that reverse two models.
pub fn flips(flips: &[Flip], a: &str, b: &str, s: &Scored) -> Table {
    let headers = ["weights", "id", "current", "new", "change"]
        .map(String::from)
        .to_vec();
    let mut rows = Vec::new();
    let mut notes = vec![identity(s)];
    for f in flips {
        let kind = match f.over {
            Over::Categories => "categories",
            Over::Components => "components",
        };
        match (&f.weights, f.l1, f.new_difference) {
            (Some(w), Some(l1), Some(gap)) => {
                for ((id, old), new) in f.ids.iter().zip(&f.current).zip(w) {
                    rows.push(vec![
                        Cell::Text(kind.into()),
                        Cell::Text(id.clone()),
                        Cell::num(*old, 6),
                        Cell::num(*new, 6),
                        Cell::num(new - old, 6),
                    ]);
                }
                notes.push(format!(
                    "over {kind}: {a} minus {b} is {:.4} now; the smallest L1 change of the {kind} weights that reverses them is {l1:.6} (gap after: {gap:+.6}, reversed by {} index points beyond a tie)",
                    f.difference,
                    reweigh_composite::inverse::MARGIN
                ));
            }
            _ => notes.push(format!(
                "over {kind}: {}",
                f.reason.clone().unwrap_or_default()
            )),
        }
    }
    notes.extend(s.receipt.lines());
    Table {
        title: format!("what it takes to reverse {a} and {b}"),
        headers,
        rows,
        notes,
    }
}

/// The share of the weight simplex where a model ranks first.
pub fn first_shares(slug: &str, shares: &[(Over, f64, f64)], samples: usize, s: &Scored) -> Table {
    let rows = shares
        .iter()
        .map(|(over, p, se)| {
            vec![
                Cell::Text(match over {
                    Over::Categories => "categories".into(),
                    Over::Components => "components".into(),
                }),
                Cell::num(*p, 4),
                Cell::num(*se, 4),
            ]
        })
        .collect();
    let mut notes = vec![
        identity(s),
        format!(
            "{samples} weightings drawn uniformly from each simplex (Monte Carlo; se is the standard error of the share)"
        ),
    ];
    notes.extend(s.receipt.lines());
    Table {
        title: format!("share of weightings under which {slug} ranks first"),
        headers: ["weights", "share", "se"].map(String::from).to_vec(),
        rows,
        notes,
    }
}

/// Inferred weights: one row per component, the fit and the largest residuals in the notes.
pub fn inference(inf: &reweigh_composite::infer::Inference) -> Table {
    let headers = [
        "component",
        "column",
        "weight",
        "se",
        "lower",
        "upper",
        "fraction",
        "reference",
        "implied change",
        "column sd",
        "resolved",
    ]
    .map(String::from)
    .to_vec();
    let rows = inf
        .components
        .iter()
        .map(|c| {
            let resolved = [
                ("frozen", c.frozen_rows),
                ("solved", c.solved_rows),
                ("live", c.live_rows),
            ]
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
            vec![
                Cell::Text(c.id.clone()),
                Cell::Text(c.column.clone()),
                Cell::num(c.weight, 5),
                Cell::num(c.se, 5),
                Cell::num(c.lower, 5),
                Cell::num(c.upper, 5),
                Cell::Text(c.fraction.clone().unwrap_or_default()),
                Cell::num(c.reference_weight, 5),
                Cell::opt(c.implied_rms_change, 4),
                Cell::num(c.column_sd, 4),
                Cell::Text(resolved),
            ]
        })
        .collect();
    let mut notes = vec![
        format!(
            "dataset {}; published column {}; component scores as methodology {} defines them (columns, normalisers, freeze), its weights not used",
            inf.dataset, inf.published_column, inf.reference
        ),
        format!(
            "fit ({}): {} rows, {} within 1e-3, max |residual| {:.3e}, RMS {:.3e} index points; weights are shares of the index (≥ 0, sum 1)",
            match inf.estimator {
                reweigh_composite::infer::Estimator::LeastSquares => "least squares on the simplex",
                reweigh_composite::infer::Estimator::LeastAbsolute =>
                    "least absolute deviations on the simplex, robust to rows with a frozen value the dataset lacks",
            },
            inf.fit.rows_used,
            inf.fit.rows_within_1e_3,
            inf.fit.max_abs_residual,
            inf.fit.rms_residual
        ),
        match &inf.basis {
            reweigh_composite::infer::Basis::AllRows => "weights fitted on every row".to_string(),
            reweigh_composite::infer::Basis::FreezeFreeRows { component, rows } => format!(
                "weights fitted on the {rows} rows where {component} scores 0 (its frozen value, not in the dataset, equals the live one there); they fit within 1e-3; the fit below is over every row"
            ),
        },
        format!(
            "uncertainty: bootstrap over models, {} resamples, seed {}",
            inf.bootstrap, inf.seed
        ),
    ];
    match &inf.fraction_fit {
        Some(f) => notes.push(format!(
            "exact fractions supported: with them max |residual| {:.3e}, RMS {:.3e}",
            f.max_abs_residual, f.rms_residual
        )),
        None => notes.push(
            "no exact simple fractions: some weight is not within its uncertainty of a fraction with denominator ≤ 100 summing to 1, or the fit with them is worse".into(),
        ),
    }
    notes.push("implied change: if that component alone carried the residual, the RMS change of its raw values (its unit) that would explain it; small against the column's sd points at that column (a frozen Elo)".into());
    notes.extend(inf.notes.iter().cloned());
    for (reason, n) in &inf.excluded {
        notes.push(format!("{n} rows not used: {reason}"));
    }
    for c in inf.components.iter().filter(|c| c.carries_residual) {
        notes.push(format!(
            "the residual lives in {}: on the {} rows where it scores 0 the median |residual| is {:.1e}, elsewhere {:.1e}",
            c.id,
            c.zero_rows,
            c.median_residual_at_zero.unwrap_or(0.0),
            c.median_residual_elsewhere.unwrap_or(0.0)
        ));
    }
    let top: Vec<String> = inf
        .largest_residuals
        .iter()
        .take(5)
        .map(|r| format!("{} {:+.4}", r.slug, r.residual))
        .collect();
    if !top.is_empty() {
        notes.push(format!("largest residuals: {}", top.join(", ")));
    }
    Table {
        title: format!("weights inferred from {}", inf.dataset),
        headers,
        rows,
        notes,
    }
}

/// A receipt re-run: one row per difference; what was compared in the notes.
pub fn receipt_check(c: &reweigh_composite::receipt::ReceiptCheck) -> Table {
    let mut notes = vec![
        format!(
            "receipt {}: recorded by {}, re-run by {} on {} ({} models)",
            c.receipt, c.recorded_by, c.rerun_by, c.dataset, c.models
        ),
        format!(
            "compared: every field of the output (every number exactly, every name and hash) except {} (where the dataset was read from; it is identified by its sha256, which is compared)",
            c.not_compared.join(", ")
        ),
    ];
    notes.push(if c.passed() {
        "result: every hash, name and number is the same".to_string()
    } else {
        format!("result: {} differences (listed above)", c.differences.len())
    });
    Table {
        title: "receipt re-run: differences".into(),
        headers: vec!["difference".into()],
        rows: c
            .differences
            .iter()
            .map(|d| vec![Cell::Text(d.clone())])
            .collect(),
        notes,
    }
}
