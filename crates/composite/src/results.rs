//! The results of `robustness`, `flip` and `which-weights` as labelled records (their computations
//! live in [`robustness`](crate::robustness) and [`inverse`](crate::inverse)).

use serde::Serialize;

use crate::boards::BoardComparison;
use crate::cost::CostReport;
use crate::inverse::{Flip, Over};
use crate::robustness::RankStats;

/// `robustness`: each model's rank distribution over sampled weightings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// Weightings drawn, w ~ Dirichlet(concentration · w0).
    pub draws: usize,
    pub concentration: f64,
    pub seed: u64,
    /// Components weighted (the methodology's effective weights are w0).
    pub components: usize,
    /// Models ranked in every draw.
    pub ranked: usize,
    /// Models with an index left out because their weights were renormalised.
    pub excluded_renormalised: usize,
    /// Every ranked model, in rank order under the methodology's own weights.
    pub models: Vec<RankStats>,
    /// How many of `models` a table shows (every one in CSV and JSON).
    #[serde(skip)]
    pub shown: usize,
}

/// `boards`: AA against each other board, on the models they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Boards {
    /// `published` (AA's published index) or `recomputed` (reweigh's index) ranks AA's side.
    pub aa_score: String,
    pub comparisons: Vec<BoardComparison>,
    /// How many unmatched names a table shows (every one in CSV and JSON).
    #[serde(skip)]
    pub shown: usize,
}

/// `cost`: the report (models in the order asked for) and that order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    /// `rank`, `cost`, `cost-per-point`, `tokens` or `verbosity`.
    pub sort: String,
    #[serde(flatten)]
    pub report: CostReport,
}

/// `flip A B`: the smallest weight changes that reverse the two models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flips {
    pub a: String,
    pub b: String,
    /// Over category weights, then over component weights.
    pub flips: Vec<Flip>,
}

/// `which-weights MODEL`: the share of weightings under which the model ranks first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstShares {
    pub slug: String,
    /// Weightings drawn uniformly from the simplex, per space.
    pub samples: usize,
    pub seed: u64,
    pub shares: Vec<FirstShare>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FirstShare {
    /// The weights varied: the categories' or the components'.
    pub over: Over,
    /// P(rank 1) over the sampled weightings.
    pub share: f64,
    /// Its Monte-Carlo standard error.
    pub se: f64,
}
