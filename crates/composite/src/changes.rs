//! Change points over a history: the captures at which the published index stops following the
//! methodology in force, found by comparing each capture with the one before it as `reweigh diff`
//! does (like with like: did the published index move for models whose unfrozen components did
//! not?), and the methodology inferred after each change.

use reweigh_evals::Dataset;

use crate::diff::{Basis, Classification, DiffOptions, MOVED_SHARE_THRESHOLD, Side, diff};
use crate::infer::infer_methodology;
use crate::methodology::{Methodology, MethodologyId};
use crate::score::{ScoreError, ScoreOptions, score};

/// One capture of the history, in time order, with its rows paired with the previous capture's
/// (`pairs[k] = (row in previous, row in this)`, a full join by slug; empty for the first).
pub struct Step<'a> {
    pub label: String,
    pub dataset: &'a Dataset,
    pub pairs: Vec<(Option<usize>, Option<usize>)>,
}

/// What the comparison with the previous capture found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StepResult {
    pub capture: String,
    pub previous: String,
    /// The methodology the pair was compared under (the one in force, or inferred from the
    /// previous capture when that one cannot be scored under it).
    pub methodology: MethodologyId,
    pub classification: Classification,
    pub stable: usize,
    pub stable_moved: usize,
    pub moved_share: Option<f64>,
    pub unfrozen_changes: usize,
    pub added: usize,
    pub removed: usize,
}

/// One inferred component weight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Weight {
    pub component: String,
    pub column: String,
    /// Share of the index.
    pub weight: f64,
    pub fraction: Option<String>,
}

/// A change point.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// The first capture under the new methodology, and the last one under the old.
    pub capture: String,
    pub previous: String,
    /// The evidence, in sentences (as `reweigh diff` gives it).
    pub evidence: Vec<String>,
    /// The methodology inferred after the change, the capture it was inferred from, and its fit.
    pub inferred: Option<MethodologyId>,
    pub inferred_from: Option<String>,
    pub reference: Option<String>,
    pub weights: Vec<Weight>,
    pub rows_used: usize,
    pub max_abs_residual: Option<f64>,
    pub rms_residual: Option<f64>,
}

/// The scan's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChangeScan {
    pub captures: usize,
    pub initial: MethodologyId,
    pub initial_basis: Basis,
    pub moved_share_threshold: f64,
    pub tolerance: f64,
    pub changes: Vec<Change>,
    pub steps: Vec<StepResult>,
}

/// How many captures from a change on are tried for the new methodology's inference (the best
/// fit wins): the capture of the switch may not yet carry the new components (AA's page showed
/// v4.1 indices a day before its v4.1 columns).
pub const INFER_WINDOW: usize = 3;

fn scores(d: &Dataset, m: &Methodology) -> bool {
    score(d, m, &ScoreOptions::default()).is_ok()
}

/// Scans `steps` (oldest first) from `initial` (the methodology in force at the first capture).
pub fn scan(
    steps: &[Step],
    initial: &Methodology,
    initial_basis: Basis,
    candidates: &[Methodology],
    options: &DiffOptions,
) -> Result<ChangeScan, ScoreError> {
    let mut in_force = initial.clone();
    let mut changes = Vec::new();
    let mut results = Vec::new();
    for i in 1..steps.len() {
        let (prev, cur) = (&steps[i - 1], &steps[i]);
        let (ma, basis) = if scores(prev.dataset, &in_force) {
            (in_force.clone(), Basis::Given)
        } else {
            match infer_methodology(
                prev.dataset,
                candidates,
                &format!("inferred:{}", prev.label),
            ) {
                Some((m, _)) => (m, Basis::Inferred),
                None => {
                    return Err(ScoreError::Options(format!(
                        "capture {} cannot be scored under {} and no built-in methodology's columns fit it",
                        prev.label, in_force.name
                    )));
                }
            }
        };
        let a = Side {
            dataset: prev.dataset,
            methodology: &ma,
            basis,
        };
        let b = Side {
            dataset: cur.dataset,
            methodology: &ma,
            basis: Basis::SameAsA,
        };
        let d = diff(&a, &b, &cur.pairs, options)?;
        results.push(StepResult {
            capture: cur.label.clone(),
            previous: prev.label.clone(),
            methodology: ma.id(),
            classification: d.classification,
            stable: d.evidence.stable,
            stable_moved: d.evidence.stable_moved,
            moved_share: d.evidence.moved_share,
            unfrozen_changes: d.evidence.unfrozen_changes,
            added: d.evidence.added,
            removed: d.evidence.removed,
        });
        if !matches!(
            d.classification,
            Classification::Methodology | Classification::Both
        ) {
            continue;
        }
        // The new methodology: the best fit over the first captures of the new regime.
        let window = &steps[i..steps.len().min(i + INFER_WINDOW)];
        let best = window
            .iter()
            .filter_map(|s| {
                infer_methodology(s.dataset, candidates, &format!("inferred:{}", s.label))
                    .map(|(m, inf)| (s, m, inf))
            })
            .min_by(|x, y| x.2.fit.rms_residual.total_cmp(&y.2.fit.rms_residual));
        let mut change = Change {
            capture: cur.label.clone(),
            previous: prev.label.clone(),
            evidence: d.evidence.reasons.clone(),
            inferred: None,
            inferred_from: None,
            reference: None,
            weights: Vec::new(),
            rows_used: 0,
            max_abs_residual: None,
            rms_residual: None,
        };
        if let Some((s, m, inf)) = best {
            change.inferred = Some(m.id());
            change.inferred_from = Some(s.label.clone());
            change.reference = Some(inf.reference.clone());
            change.weights = inf
                .components
                .iter()
                .filter(|c| c.weight > 0.0)
                .map(|c| Weight {
                    component: c.id.clone(),
                    column: c.column.clone(),
                    weight: c.weight,
                    fraction: c.fraction.clone(),
                })
                .collect();
            change.rows_used = inf.fit.rows_used;
            change.max_abs_residual = Some(inf.fit.max_abs_residual);
            change.rms_residual = Some(inf.fit.rms_residual);
            in_force = m;
        }
        changes.push(change);
    }
    Ok(ChangeScan {
        captures: steps.len(),
        initial: initial.id(),
        initial_basis,
        moved_share_threshold: MOVED_SHARE_THRESHOLD,
        tolerance: options.tolerance,
        changes,
        steps: results,
    })
}
