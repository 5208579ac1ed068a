//! Building a chart of any kind from a dataset, a methodology and the scoring options: the scoring,
//! comparisons, explanations and sweeps a chart shows are computed here, with composite; report only
//! draws what it is given.

use std::collections::HashSet;

use reweigh_composite::abstention::{self, Policy};
use reweigh_composite::compare::compare;
use reweigh_composite::explain::{explain, unknown_slug};
use reweigh_composite::score::{ScoreOptions, apply, score_applied};
use reweigh_composite::sweep::{Axis, Grid, sweep};
use reweigh_composite::{Methodology, Scored};
use reweigh_evals::Dataset;

use reweigh_report::charts::abstention::AbstentionChart;
use reweigh_report::charts::any::{AnyChart, footnote};
use reweigh_report::charts::compare::Slope;
use reweigh_report::charts::cost::CostChart;
use reweigh_report::charts::omniscience::{OmniscienceChart, Point};
use reweigh_report::charts::ranking::Ranking;
use reweigh_report::charts::tokens::TokensChart;
use reweigh_report::charts::waterfall::Waterfall;
use reweigh_report::charts::weights::WeightsChart;
use reweigh_report::charts::{DEFAULT_SIZE, Frame};

/// The chart kinds a report draws from one scoring (`weights` compares two methodologies and is
/// drawn by `chart weights` only).
pub const KINDS: [&str; 7] = [
    "ranking",
    "waterfall",
    "abstention",
    "omniscience",
    "compare",
    "cost",
    "tokens",
];

/// The kinds that need AA's cost columns (reweigh_composite::cost::has_costs).
pub const COST_KINDS: [&str; 2] = ["cost", "tokens"];

/// What a chart shows, beyond the scoring.
#[derive(Debug, Clone)]
pub struct Params {
    pub size: (u32, u32),
    /// ranking, abstention, compare: how many of the best models (when `models` is empty).
    pub top: usize,
    /// Chosen models (slugs): shown (ranking, abstention, compare) or labelled (omniscience).
    pub models: Vec<String>,
    /// waterfall: MODEL and OTHER.
    pub pair: Option<(String, String)>,
    /// abstention: the penalty range.
    pub penalty: Grid,
    /// abstention: plot the index rather than the rank.
    pub by_index: bool,
    /// compare: the second abstention policy.
    pub against: Policy,
    /// compare: a second methodology instead of a second policy.
    pub against_methodology: Option<Methodology>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            size: DEFAULT_SIZE,
            top: 20,
            models: Vec::new(),
            pair: None,
            penalty: Grid {
                from: 0.0,
                to: 4.0,
                step: 0.05,
            },
            by_index: false,
            against: Policy::Accuracy,
            against_methodology: None,
        }
    }
}

/// Builds a chart of `kind`.
pub fn build(
    kind: &str,
    dataset: &Dataset,
    m: &Methodology,
    options: &ScoreOptions,
    p: &Params,
) -> Result<(AnyChart, Frame), String> {
    let applied = apply(m, options).map_err(|e| e.to_string())?;
    let scored = score_applied(dataset, &applied, options).map_err(|e| e.to_string())?;
    build_scored(kind, dataset, m, &applied, &scored, options, p)
}

/// Builds a chart of `kind` from a scoring already made: `applied` is `m` with `options` applied
/// and `scored` its result on `dataset` (a report draws every chart from one scoring).
pub fn build_scored(
    kind: &str,
    dataset: &Dataset,
    m: &Methodology,
    applied: &Methodology,
    scored: &Scored,
    options: &ScoreOptions,
    p: &Params,
) -> Result<(AnyChart, Frame), String> {
    for slug in &p.models {
        if dataset.find(slug).is_none() {
            return Err(format!(
                "--models: {}",
                unknown_slug(
                    slug,
                    dataset.rows.iter().map(|r| r.slug.as_str()),
                    &dataset.origin
                )
            ));
        }
    }
    let chosen: HashSet<&str> = p.models.iter().map(String::as_str).collect();
    let policy = options.abstention.to_string();
    let frame = |title: String, note: String| Frame {
        title,
        footnote: note,
        size: p.size,
    };
    Ok(match kind {
        "ranking" => {
            let chart = Ranking::new(scored, applied, p.top, &chosen);
            let title = format!("{}: Intelligence Index by category", applied.name);
            (
                AnyChart::Ranking(chart),
                frame(title, footnote(scored, &policy)),
            )
        }
        "waterfall" => {
            let (a, b) = p
                .pair
                .clone()
                .ok_or("waterfall needs --model MODEL --vs OTHER")?;
            let e = explain(dataset, applied, scored, &a, Some(&b))?;
            let chart = Waterfall::new(&e).ok_or("waterfall needs two models with an index")?;
            let title = format!(
                "{} vs {}: {:+.2} index points, by component",
                e.model.model,
                chart.from.0,
                e.total_difference.unwrap_or(0.0)
            );
            (
                AnyChart::Waterfall(chart),
                frame(title, footnote(scored, &policy)),
            )
        }
        "abstention" => {
            let s = sweep(
                dataset,
                m,
                &options.overrides,
                Axis::Penalty,
                &p.penalty,
                &p.models,
                p.top.min(12),
            )
            .map_err(|e| e.to_string())?;
            let title = format!(
                "{} under a penalty for wrong AA-Omniscience answers",
                if p.by_index { "Index" } else { "Rank" }
            );
            let note = footnote(scored, &format!("penalty:P for P in {}", p.penalty))
                + " · post hoc at fixed behaviour: models chose when to abstain under AA's scoring";
            (
                AnyChart::Abstention(Box::new(AbstentionChart {
                    sweep: s,
                    by_index: p.by_index,
                })),
                frame(title, note),
            )
        }
        "omniscience" => {
            let highlight: HashSet<&str> = if p.models.is_empty() {
                scored
                    .models
                    .iter()
                    .filter(|s| s.rank.is_some_and(|r| r <= 5))
                    .map(|s| s.slug.as_str())
                    .collect()
            } else {
                chosen.clone()
            };
            let points = scored
                .models
                .iter()
                .filter_map(|s| {
                    let sh = abstention::shares(dataset, dataset.find(&s.slug)?)?;
                    let rest = 1.0 - sh.correct;
                    Some(Point {
                        label: s.model.clone(),
                        accuracy: sh.correct,
                        hallucination: if rest > 0.0 { sh.incorrect / rest } else { 0.0 },
                        highlighted: highlight.contains(s.slug.as_str()),
                    })
                })
                .collect();
            let title = "AA-Omniscience: accuracy against hallucination rate".to_string();
            (
                AnyChart::Omniscience(OmniscienceChart { points }),
                frame(title, footnote(scored, "none: the published rates")),
            )
        }
        "compare" => {
            // Either the same methodology under another policy, or another methodology.
            let (other_m, other, labels, what) = match &p.against_methodology {
                Some(second) => (
                    second,
                    options.clone(),
                    vec![applied.name.clone(), second.name.clone()],
                    "methodology",
                ),
                None => (
                    m,
                    ScoreOptions {
                        abstention: p.against,
                        ..options.clone()
                    },
                    vec![policy.clone(), p.against.to_string()],
                    "abstention",
                ),
            };
            let against = score_applied(
                dataset,
                &apply(other_m, &other).map_err(|e| e.to_string())?,
                &other,
            )
            .map_err(|e| e.to_string())?;
            let c = compare(labels.clone(), &[scored, &against]);
            let rows = c
                .rows
                .iter()
                .filter(|r| {
                    if p.models.is_empty() {
                        r.rank[0] <= p.top
                    } else {
                        chosen.contains(r.slug.as_str())
                    }
                })
                .map(|r| (r.model.clone(), r.rank[0], r.rank[1]))
                .collect();
            let title = format!("Rank under {what} {} and {}", labels[0], labels[1]);
            let note =
                footnote(scored, &policy) + &format!(" · compared with {what} {}", labels[1]);
            (
                AnyChart::Compare(Slope {
                    left: labels[0].clone(),
                    right: labels[1].clone(),
                    rows,
                }),
                frame(title, note),
            )
        }
        "cost" | "tokens" => {
            let r = reweigh_composite::cost::cost(
                dataset,
                scored,
                &reweigh_composite::cost::Options::default(),
            )?;
            let mut note = footnote(scored, &policy)
                + "\nCost: AA's published cost of running the Intelligence Index; tokens derived: cost ÷ price (docs/cost.md)";
            let unknown: Vec<&str> = p
                .models
                .iter()
                .filter(|s| {
                    r.find(s)
                        .is_none_or(|m| m.cost.is_none() || m.output_tokens.is_none())
                })
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                note += &format!(
                    " · not drawn, cost unknown (AA gives 0 or nothing): {}",
                    unknown.join(", ")
                );
            }
            if kind == "cost" {
                let title = format!(
                    "{}: Intelligence Index against the cost of running it",
                    applied.name
                );
                (
                    AnyChart::Cost(CostChart::new(&r, &chosen)),
                    frame(title, note),
                )
            } else {
                let chart = TokensChart::new(&r, p.top, &chosen);
                let title = format!(
                    "Output tokens to run the Intelligence Index: {}",
                    if chosen.is_empty() {
                        format!("the {} best-ranked models", chart.bars.len())
                    } else {
                        "chosen models".to_string()
                    }
                );
                (AnyChart::Tokens(chart), frame(title, note))
            }
        }
        "weights" => {
            let Some(b) = &p.against_methodology else {
                return Err(
                    "chart weights compares two methodologies: give the second with --against-methodology NAME|FILE (the first is --methodology, or the dataset's)".to_string(),
                );
            };
            let chart = WeightsChart::new(applied, b);
            let title = format!(
                "Each evaluation's share of the index: {} against {}",
                chart.a, chart.b
            );
            let note = format!(
                "{} (sha256 {}) against {} (sha256 {}); shares as each methodology defines them, components matched by dataset column\nComputed with {}",
                chart.a,
                &applied.hash()[..12],
                chart.b,
                &b.hash()[..12],
                reweigh_composite::receipt::ENGINE
            );
            (AnyChart::Weights(chart), frame(title, note))
        }
        other => {
            return Err(format!(
                "'{other}' is not a chart kind; expected one of {}",
                KINDS.join(", ") + ", weights"
            ));
        }
    })
}
