//! Sweeping the penalty for wrong AA-Omniscience answers, and solving exactly where rankings flip.
//!
//! Under `penalty:P` a model's Omniscience score is m(P) = (c + P·(1 − i))/(1 + P), so its index is
//! I(P) = R + w·m(P), where R is the rest of the index and w the Omniscience weight in index points.
//! The difference between two models times (1 + P) is linear in P:
//! (1 + P)·(I_A − I_B) = α + β·P with α = ΔR + w·Δc and β = ΔR + w·Δ(1 − i),
//! so they cross once at most, at P* = −α/β. A confidence target t maps to P = t/(1 − t).

use std::cmp::Ordering;

use reweigh_evals::Dataset;

use crate::abstention::{self, Policy};
use crate::methodology::{Methodology, MethodologyId};
use crate::overrides::Overrides;
use crate::receipt::Receipt;
use crate::score::{ScoreError, ScoreOptions, apply, score_applied};

/// What is swept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Axis {
    Penalty,
    Confidence,
}

impl Axis {
    /// The penalty at a point of this axis.
    pub fn penalty(self, x: f64) -> f64 {
        match self {
            Axis::Penalty => x,
            Axis::Confidence => x / (1.0 - x),
        }
    }
    /// The point of this axis at a penalty.
    pub fn from_penalty(self, p: f64) -> f64 {
        match self {
            Axis::Penalty => p,
            Axis::Confidence => p / (1.0 + p),
        }
    }
    pub fn policy(self, x: f64) -> Policy {
        match self {
            Axis::Penalty => Policy::Penalty(x),
            Axis::Confidence => Policy::Confidence(x),
        }
    }
}

/// An inclusive grid FROM:TO:STEP.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub from: f64,
    pub to: f64,
    pub step: f64,
}

impl std::fmt::Display for Grid {
    /// `FROM:TO:STEP`, as typed (shortest form of each number).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.from, self.to, self.step)
    }
}

/// The most points a grid may have (the output has one column per point).
pub const MAX_POINTS: usize = 100_001;

pub use crate::abstention::MAX_PENALTY;

impl Grid {
    /// Parses `FROM:TO:STEP` and checks it against the axis' domain and [`MAX_POINTS`], before
    /// anything is allocated.
    pub fn parse(text: &str, axis: Axis) -> Result<Grid, String> {
        let form = match axis {
            Axis::Penalty => {
                "FROM:TO:STEP with 0 <= FROM <= TO <= 1000000 and STEP > 0, for example 0:4:0.25"
            }
            Axis::Confidence => {
                "FROM:TO:STEP with 0 < FROM <= TO < 1 and STEP > 0, for example 0.1:0.9:0.05"
            }
        };
        let parts: Vec<Option<f64>> = text
            .split(':')
            .map(|p| p.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
            .collect();
        let [Some(from), Some(to), Some(step)] = parts[..] else {
            return Err(format!("'{text}' is not a range; expected {form}"));
        };
        let in_domain = match axis {
            Axis::Penalty => from >= 0.0 && to <= MAX_PENALTY,
            Axis::Confidence => from > 0.0 && to < 1.0,
        };
        if !(in_domain && to >= from && step > 0.0) {
            return Err(format!("'{text}' is not a valid range; expected {form}"));
        }
        if from + step == from || to + step == to {
            return Err(format!(
                "'{text}': the step {step} is too small to move from {from} (below the precision of a 64-bit float); use a larger step"
            ));
        }
        let grid = Grid { from, to, step };
        // Counted in floating point first: a huge count never reaches an allocation.
        let count = grid.count();
        if count.is_nan() || count > MAX_POINTS as f64 {
            return Err(format!(
                "'{text}' has {count:.3e} points, more than the limit of {MAX_POINTS}; use a step of at least {:.3e}",
                (to - from) / (MAX_POINTS - 1) as f64
            ));
        }
        Ok(grid)
    }

    /// The number of points, as a float (may exceed any allocation before [`parse`](Self::parse)
    /// checks it).
    fn count(&self) -> f64 {
        ((self.to - self.from) / self.step + 1e-9).floor() + 1.0
    }

    /// How many points [`points`](Self::points) returns (at most [`MAX_POINTS`]).
    pub fn point_count(&self) -> usize {
        self.count() as usize
    }

    /// The points from, from + step, … up to `to` (computed by multiplication, not accumulation).
    pub fn points(&self) -> Vec<f64> {
        (0..self.point_count())
            .map(|k| self.from + k as f64 * self.step)
            .collect()
    }
}

/// One model along the sweep.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Line {
    pub slug: String,
    pub model: String,
    /// The rest of the index (everything but Omniscience), in index points.
    #[serde(skip)]
    pub rest: f64,
    /// c and 1 − i.
    #[serde(skip)]
    pub correct: f64,
    #[serde(skip)]
    pub not_wrong: f64,
    pub index: Vec<f64>,
    /// Rank among all models with an index, at each point.
    pub rank: Vec<usize>,
}

impl Line {
    /// The index at penalty `p`, with Omniscience weight `w` in index points.
    pub fn at(&self, p: f64, w: f64) -> f64 {
        self.rest + w * (self.correct + p * self.not_wrong) / (1.0 + p)
    }
}

/// A flip: `overtaker` passes `overtaken` at `at` (a point on the axis), going up the axis.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Crossing {
    pub at: f64,
    pub penalty: f64,
    pub overtaker: String,
    pub overtaken: String,
    /// Both models' index at the crossing.
    pub index: f64,
}

/// `sweep`: indices and ranks along the axis. Its JSON names the lines `models` and the weight
/// `omniscience_weight`; the receipt comes last, as in every output.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sweep {
    /// The methodology as applied at the first point, and the dataset.
    pub methodology: MethodologyId,
    pub dataset: String,
    pub axis: Axis,
    pub points: Vec<f64>,
    /// Omniscience weight in index points.
    #[serde(rename = "omniscience_weight")]
    pub weight: f64,
    /// How many models had an index (ranks are among these).
    pub ranked: usize,
    /// The models shown, in rank order at the first point.
    #[serde(rename = "models")]
    pub lines: Vec<Line>,
    /// Crossings between the shown models within the range, in order of `at`.
    pub crossings: Vec<Crossing>,
    pub receipt: Receipt,
}

/// Sweeps `axis` over `grid` for the models `show` (slugs; empty = the `top` best at the first point),
/// with weight overrides applied after the penalty policy.
pub fn sweep(
    dataset: &Dataset,
    m: &Methodology,
    overrides: &Overrides,
    axis: Axis,
    grid: &Grid,
    show: &[String],
    top: usize,
) -> Result<Sweep, ScoreError> {
    let points = grid.points();
    let policy = axis.policy(points[0]);
    let options = ScoreOptions {
        abstention: policy,
        overrides: overrides.clone(),
        run: crate::receipt::Run::command("sweep"),
        ..ScoreOptions::default()
    };
    let applied = apply(m, &options)?;
    let weight = m.scale
        * applied
            .effective_weights()
            .into_iter()
            .find(|(id, _)| *id == "omniscience")
            .map(|(_, w)| w)
            .ok_or_else(|| {
                ScoreError::Options(
                    "the overrides removed AA-Omniscience, so there is no penalty to sweep".into(),
                )
            })?;
    let scored = score_applied(dataset, &applied, &options)?;
    let mut all: Vec<Line> = Vec::new();
    for s in scored.models.iter().filter(|s| s.index.is_some()) {
        let Some(sh) = dataset
            .find(&s.slug)
            .and_then(|row| abstention::shares(dataset, row))
        else {
            continue;
        };
        let omniscience = s.contribution("omniscience").unwrap_or(0.0);
        all.push(Line {
            slug: s.slug.clone(),
            model: s.model.clone(),
            rest: s.index.unwrap_or(0.0) - omniscience,
            correct: sh.correct,
            not_wrong: 1.0 - sh.incorrect,
            index: Vec::new(),
            rank: Vec::new(),
        });
    }
    let penalties: Vec<f64> = points.iter().map(|&x| axis.penalty(x)).collect();
    // Ranks at the first point pick the top models; ranks along the sweep are then computed for
    // the shown models only (see `ranks_along`), so the work is shown × models, not points × models.
    let first = ranks_at(&all, penalties[0], weight);
    let wanted: std::collections::HashSet<&str> = show.iter().map(String::as_str).collect();
    let shown: Vec<usize> = (0..all.len())
        .filter(|&i| {
            if show.is_empty() {
                first[i] <= top
            } else {
                wanted.contains(all[i].slug.as_str())
            }
        })
        .collect();
    let mut filled: Vec<(usize, Vec<f64>, Vec<usize>)> = shown
        .iter()
        .map(|&i| {
            let index = penalties.iter().map(|&p| all[i].at(p, weight)).collect();
            (i, index, ranks_along(&all, i, &penalties, weight))
        })
        .collect();
    let ranked = all.len();
    let mut lines: Vec<Line> = filled
        .drain(..)
        .map(|(i, index, rank)| Line {
            index,
            rank,
            ..all[i].clone()
        })
        .collect();
    lines.sort_by_key(|l| l.rank[0]);
    let (lo, hi) = (
        axis.penalty(points[0]),
        axis.penalty(*points.last().unwrap()),
    );
    let crossings = crossings(&lines, weight, lo, hi, axis);
    // The receipt records the sweep's whole range, not the first point's policy.
    let mut receipt = scored.receipt;
    receipt.abstention = format!(
        "{} sweep {grid}",
        match axis {
            Axis::Penalty => "penalty",
            Axis::Confidence => "confidence",
        }
    );
    Ok(Sweep {
        methodology: scored.methodology,
        dataset: scored.dataset,
        receipt,
        axis,
        points,
        weight,
        lines,
        crossings,
        ranked,
    })
}

/// Whether `j` is ranked ahead of `s` at penalty `p`: a higher index, or the same index and a slug
/// that sorts first (the order of every ranking in reweigh).
fn ahead(all: &[Line], j: usize, s: usize, p: f64, w: f64) -> bool {
    match all[j].at(p, w).total_cmp(&all[s].at(p, w)) {
        Ordering::Greater => true,
        Ordering::Equal => all[j].slug < all[s].slug,
        Ordering::Less => false,
    }
}

/// Every model's rank (1-based) at penalty `p`.
fn ranks_at(all: &[Line], p: f64, w: f64) -> Vec<usize> {
    let values: Vec<f64> = all.iter().map(|l| l.at(p, w)).collect();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| {
        values[b]
            .total_cmp(&values[a])
            .then_with(|| all[a].slug.cmp(&all[b].slug))
    });
    let mut rank = vec![0; all.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    rank
}

/// Model `s`'s rank among `all` at each penalty (ascending). (1 + P)·(I_j − I_s) is linear in P, so
/// whether j is ahead of s changes at most once along the sweep: a pair whose order is the same at
/// both ends contributes to every point, and otherwise a binary search finds the point where it
/// changes. O(models · (1 + crossings · log points) + points) instead of a sort at every point.
fn ranks_along(all: &[Line], s: usize, penalties: &[f64], w: f64) -> Vec<usize> {
    let last = penalties.len() - 1;
    // diff[k]: change in the number of models ahead of s from point k − 1 to point k.
    let mut diff = vec![0i64; penalties.len() + 1];
    for j in (0..all.len()).filter(|&j| j != s) {
        let (start, end) = (
            ahead(all, j, s, penalties[0], w),
            ahead(all, j, s, penalties[last], w),
        );
        let change = if start == end {
            penalties.len()
        } else {
            // The first point where the order is the end's: in (lo, hi].
            let (mut lo, mut hi) = (0, last);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if ahead(all, j, s, penalties[mid], w) == end {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi
        };
        if start {
            diff[0] += 1;
            diff[change] -= 1;
        }
        if end && change < penalties.len() {
            diff[change] += 1;
        }
    }
    let mut ahead_count = 0i64;
    (0..penalties.len())
        .map(|k| {
            ahead_count += diff[k];
            1 + ahead_count as usize
        })
        .collect()
}

/// Exact crossings of each pair within [lo, hi] (penalties), ordered by position then slugs.
pub fn crossings(lines: &[Line], w: f64, lo: f64, hi: f64, axis: Axis) -> Vec<Crossing> {
    let mut out = Vec::new();
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            let d_rest = a.rest - b.rest;
            let alpha = d_rest + w * (a.correct - b.correct);
            let beta = d_rest + w * (a.not_wrong - b.not_wrong);
            if beta == 0.0 {
                continue;
            }
            let p = -alpha / beta;
            if !(p > lo && p < hi) {
                continue;
            }
            // (1 + P)(I_A − I_B) = α + βP grows with P when β > 0: A passes B.
            let (overtaker, overtaken) = if beta > 0.0 { (a, b) } else { (b, a) };
            out.push(Crossing {
                at: axis.from_penalty(p),
                penalty: p,
                overtaker: overtaker.slug.clone(),
                overtaken: overtaken.slug.clone(),
                index: a.at(p, w),
            });
        }
    }
    out.sort_by(|x, y| {
        x.at.partial_cmp(&y.at)
            .unwrap_or(Ordering::Equal)
            .then_with(|| x.overtaker.cmp(&y.overtaker))
            .then_with(|| x.overtaken.cmp(&y.overtaken))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_points_and_domains() {
        let g = Grid::parse("0:1:0.25", Axis::Penalty).unwrap();
        assert_eq!(g.points(), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(
            Grid::parse("0:1:0.1", Axis::Penalty)
                .unwrap()
                .points()
                .len(),
            11
        );
        assert!(Grid::parse("-1:1:0.1", Axis::Penalty).is_err());
        assert!(Grid::parse("0.1:1:0.1", Axis::Confidence).is_err());
        assert!(Grid::parse("0:2", Axis::Penalty).is_err());
        assert!(Grid::parse("1:0:0.1", Axis::Penalty).is_err());
        // Sizes are checked before anything is allocated.
        for huge in ["0:1e6:0.001", "0:1000000:1e-300", "0:1:1e-323"] {
            let e = Grid::parse(huge, Axis::Penalty).unwrap_err();
            assert!(
                e.contains("limit of 100001") || e.contains("too small"),
                "{e}"
            );
        }
        assert!(Grid::parse("0:1e7:1", Axis::Penalty).is_err());
        assert_eq!(
            Grid::parse("0:10:0.0001", Axis::Penalty)
                .unwrap()
                .point_count(),
            100_001
        );
        assert!(Grid::parse("0:10:0.00009", Axis::Penalty).is_err());
    }

    fn line(slug: &str, rest: f64, correct: f64, not_wrong: f64) -> Line {
        Line {
            slug: slug.into(),
            model: slug.into(),
            rest,
            correct,
            not_wrong,
            index: Vec::new(),
            rank: Vec::new(),
        }
    }

    /// Synthetic (seeded) lines, many crossing within the range and some identical: the
    /// event-based ranks equal a full sort at every point.
    #[test]
    fn ranks_along_the_sweep_equal_a_sort_at_every_point() {
        use rand::RngExt;
        let mut rng = crate::sampling::stream(5, 0);
        let mut all: Vec<Line> = (0..300)
            .map(|i| {
                line(
                    &format!("synthetic-{i:03}"),
                    rng.random::<f64>() * 5.0,
                    rng.random::<f64>(),
                    rng.random::<f64>(),
                )
            })
            .collect();
        all.push(line("synthetic-dup-a", 1.0, 0.5, 0.5));
        all.push(line("synthetic-dup-b", 1.0, 0.5, 0.5));
        let penalties: Vec<f64> = (0..=80).map(|k| k as f64 * 0.05).collect();
        let w = 6.25;
        let sorted: Vec<Vec<usize>> = penalties.iter().map(|&p| ranks_at(&all, p, w)).collect();
        for s in 0..all.len() {
            let along = ranks_along(&all, s, &penalties, w);
            for (k, r) in along.iter().enumerate() {
                assert_eq!(*r, sorted[k][s], "{} at P = {}", all[s].slug, penalties[k]);
            }
        }
    }

    #[test]
    fn confidence_maps_to_penalty_and_back() {
        assert_eq!(Axis::Confidence.penalty(0.5), 1.0);
        assert!((Axis::Confidence.penalty(0.75) - 3.0).abs() < 1e-15);
        assert!((Axis::Confidence.from_penalty(3.0) - 0.75).abs() < 1e-15);
    }
}
