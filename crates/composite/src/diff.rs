//! `reweigh diff A B`: what changed between two snapshots of a published index, and whether the
//! change came from the data (component scores, models added or removed), from the methodology, or
//! from both.
//!
//! Per model present in both, the change of the published index `P_B − P_A` is split exactly into
//!
//! - **data** `S_A(x_B) − S_A(x_A)`: the component changes scored under A's methodology;
//! - **methodology** `S_B(x_B) − S_A(x_B)`: B's methodology against A's on B's components (0 when
//!   they are the same methodology);
//! - **rest** `(P_B − S_B(x_B)) − (P_A − S_A(x_A))`: what neither explains, the change of the
//!   model's residual (the publisher's frozen values, rounding). The three add up to the change.
//!
//! `S_M(x)` is the index methodology `M` computes from components `x`. A frozen component (GDPval's
//! Elo, frozen when the model entered the index) keeps the value it had in A when B is scored under
//! A's methodology: the live value moving is not a change of the index's data.
//!
//! The classification compares like with like, because a methodology with frozen values never
//! fits every row exactly, even on its own snapshot: among the models whose scored components did
//! not change (frozen components aside) and that have a published index in both, did the published
//! index move? Under an unchanged methodology it cannot; under a new one nearly all do.

use reweigh_evals::{DataErrorKind, Dataset};

use crate::methodology::{Methodology, MethodologyId};
use crate::score::{ModelScore, ScoreError, ScoreOptions, score};

/// Among the stable models, the share whose published index moved above which the methodology is
/// said to have changed. On AA's 41 daily captures (2026-06-05 → 08-06) the share is at most 0.6 %
/// between two captures under one methodology and 100 % across the v4.0 → v4.1 switch
/// (docs/history.md), so any threshold between separates them; one half is furthest from both.
pub const MOVED_SHARE_THRESHOLD: f64 = 0.5;

/// The fewest stable models the moved share is decided on; with fewer, the fit of A's methodology
/// to B decides.
pub const MIN_STABLE: usize = 5;

/// Where a snapshot's methodology came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// `--methodology` (A) or `--methodology-b` (B).
    Given,
    /// The snapshot states its index version.
    Stated,
    /// Recovered from the snapshot's published index (`reweigh infer`).
    Inferred,
    /// B's methodology taken to be A's: B states none and the published index did not move.
    SameAsA,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Snapshot {
    pub dataset: String,
    pub sha256: String,
    pub rows: usize,
    pub methodology: MethodologyId,
    pub methodology_basis: Basis,
}

/// What changed, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    None,
    Data,
    Methodology,
    Both,
}

impl Classification {
    pub fn name(self) -> &'static str {
        match self {
            Classification::None => "none",
            Classification::Data => "data",
            Classification::Methodology => "methodology",
            Classification::Both => "both",
        }
    }
}

/// Rows a methodology explains within the tolerance.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FitCount {
    /// Rows with a computed and a published index.
    pub rows: usize,
    /// Of those, rows with |published − computed| ≤ tolerance.
    pub within: usize,
}

impl FitCount {
    pub fn share(&self) -> Option<f64> {
        (self.rows > 0).then(|| self.within as f64 / self.rows as f64)
    }
}

/// The evidence behind the classification.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// Models in both snapshots.
    pub common: usize,
    pub added: usize,
    pub removed: usize,
    /// Models in both whose value of any of A's component columns changed (frozen ones included).
    pub components_changed: usize,
    /// Models in both whose value of a component A's methodology does not freeze changed: the data
    /// change the classification counts.
    pub unfrozen_changes: usize,
    /// Models in both with a published index in both and no change in A's unfrozen components.
    pub stable: usize,
    /// Of the stable models, those whose published index moved by more than the tolerance.
    pub stable_moved: usize,
    pub moved_share: Option<f64>,
    pub moved_share_threshold: f64,
    /// A's methodology on A's rows, and on B's rows (A's frozen values carried for models in both).
    pub fit_a: FitCount,
    pub fit_b: Option<FitCount>,
    /// Index points: the published index is said to have moved, or to be fitted, within this.
    pub tolerance: f64,
    /// The reasoning, in sentences.
    pub reasons: Vec<String>,
}

/// One model present in both snapshots.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelChange {
    pub slug: String,
    pub model: String,
    pub published_a: Option<f64>,
    pub published_b: Option<f64>,
    /// `published_b − published_a`.
    pub change: Option<f64>,
    /// The change's parts (see the module documentation); `None` where a side cannot be computed.
    pub data: Option<f64>,
    pub methodology: Option<f64>,
    pub rest: Option<f64>,
    /// A's component columns whose value changed (frozen ones included, marked `(frozen)`).
    pub changed_columns: Vec<String>,
    /// Why a part is missing, or what it includes.
    pub note: Option<String>,
}

/// The result of `reweigh diff`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diff {
    pub a: Snapshot,
    pub b: Snapshot,
    pub classification: Classification,
    pub evidence: Evidence,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Models in both, largest |change| first (then by slug; no published change last).
    pub models: Vec<ModelChange>,
}

/// A snapshot with its methodology and where that came from.
pub struct Side<'a> {
    pub dataset: &'a Dataset,
    pub methodology: &'a Methodology,
    pub basis: Basis,
}

/// Options of [`diff`].
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// Index points (see [`Evidence::tolerance`]).
    pub tolerance: f64,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { tolerance: 1e-3 }
    }
}

/// Scores of one dataset under one methodology, by row; `None` when the dataset lacks a column the
/// methodology needs (the reason kept).
struct RowScores {
    by_row: Vec<Option<ModelScore>>,
    unavailable: Option<String>,
}

impl RowScores {
    fn of(dataset: &Dataset, m: &Methodology) -> Result<RowScores, ScoreError> {
        let mut by_row = vec![None; dataset.len()];
        match score(dataset, m, &ScoreOptions::default()) {
            Ok(scored) => {
                for s in scored.models {
                    let row = s.row;
                    by_row[row] = Some(s);
                }
                Ok(RowScores {
                    by_row,
                    unavailable: None,
                })
            }
            // A column the methodology needs is missing: this side cannot be scored under it.
            Err(ScoreError::Data(e)) if e.kind == DataErrorKind::MissingColumn => Ok(RowScores {
                by_row,
                unavailable: Some(e.to_string()),
            }),
            Err(e) => Err(e),
        }
    }

    fn index(&self, row: usize) -> Option<f64> {
        self.by_row[row].as_ref().and_then(|s| s.index)
    }
}

fn contribution(s: &ModelScore, id: &str) -> f64 {
    s.contributions
        .iter()
        .find(|(k, _)| k == id)
        .map_or(0.0, |(_, c)| *c)
}

/// `S_A(x_B)` with A's frozen components' contributions in place of B's.
fn carried(m: &Methodology, on_a: &ModelScore, on_b: &ModelScore) -> Option<f64> {
    let mut index = on_b.index?;
    on_a.index?;
    for k in m.components.iter().filter(|k| k.freeze.is_some()) {
        index += contribution(on_a, &k.id) - contribution(on_b, &k.id);
    }
    Some(index)
}

fn published(d: &Dataset, m: &Methodology, row: usize) -> Option<f64> {
    d.value(
        row,
        m.published_column.as_deref().unwrap_or("published_index"),
    )
}

/// Compares two snapshots. `pairs` is every slug of either with its row in each (a full outer join
/// by slug, ordered by slug; `reweigh_data::join::pair_by_slug`).
pub fn diff(
    a: &Side,
    b: &Side,
    pairs: &[(Option<usize>, Option<usize>)],
    options: &DiffOptions,
) -> Result<Diff, ScoreError> {
    let ma = a.methodology;
    let same_methodology = ma.hash() == b.methodology.hash();
    let a_on_a = RowScores::of(a.dataset, ma)?;
    if let Some(reason) = &a_on_a.unavailable {
        return Err(ScoreError::Options(format!(
            "A ({}) cannot be scored under its own methodology {}: {reason}",
            a.dataset.origin, ma.name
        )));
    }
    let a_on_b = RowScores::of(b.dataset, ma)?;
    let b_on_b = if same_methodology {
        None
    } else {
        Some(RowScores::of(b.dataset, b.methodology)?)
    };
    let tol = options.tolerance;

    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut models = Vec::new();
    let (
        mut components_changed,
        mut unfrozen_changes,
        mut stable,
        mut stable_moved,
        mut incomparable,
    ) = (0, 0, 0, 0, 0);
    let mut fit_b = FitCount { rows: 0, within: 0 };
    let fit = |p: Option<f64>, s: Option<f64>, count: &mut FitCount| {
        if let (Some(p), Some(s)) = (p, s) {
            count.rows += 1;
            count.within += usize::from((p - s).abs() <= tol);
        }
    };
    let mut fit_a = FitCount { rows: 0, within: 0 };
    for row in 0..a.dataset.len() {
        fit(published(a.dataset, ma, row), a_on_a.index(row), &mut fit_a);
    }

    for pair in pairs {
        let (ra, rb) = match *pair {
            (Some(ra), Some(rb)) => (ra, rb),
            (Some(ra), None) => {
                removed.push(a.dataset.rows[ra].slug.clone());
                continue;
            }
            (None, Some(rb)) => {
                added.push(b.dataset.rows[rb].slug.clone());
                fit(published(b.dataset, ma, rb), a_on_b.index(rb), &mut fit_b);
                continue;
            }
            (None, None) => continue,
        };
        let row_a = &a.dataset.rows[ra];
        let mut changed_columns = Vec::new();
        let mut unfrozen_changed = false;
        let mut comparable = true;
        for k in &ma.components {
            let mut columns = vec![(k.column.as_str(), k.freeze.is_some())];
            if let Some(frozen) = k.freeze.as_ref().and_then(|f| f.column.as_deref()) {
                columns.push((frozen, true));
            }
            for (column, frozen) in columns {
                if !b.dataset.has_column(column) && a.dataset.has_column(column) {
                    comparable &= frozen;
                    continue;
                }
                if a.dataset.value(ra, column) != b.dataset.value(rb, column) {
                    changed_columns.push(if frozen {
                        format!("{column} (frozen)")
                    } else {
                        column.to_string()
                    });
                    unfrozen_changed |= !frozen;
                }
            }
        }
        changed_columns.dedup();
        incomparable += usize::from(!comparable);
        components_changed += usize::from(!changed_columns.is_empty());
        unfrozen_changes += usize::from(unfrozen_changed);
        let pa = published(a.dataset, ma, ra);
        let pb = published(b.dataset, b.methodology, rb);
        let change = pa.zip(pb).map(|(x, y)| y - x);
        if comparable
            && !unfrozen_changed
            && let Some(c) = change
        {
            stable += 1;
            stable_moved += usize::from(c.abs() > tol);
        }

        let on_a = a_on_a.by_row[ra].as_ref();
        let on_b = a_on_b.by_row[rb].as_ref();
        let s_a_xa = on_a.and_then(|s| s.index);
        let s_a_xb = on_a.zip(on_b).and_then(|(x, y)| carried(ma, x, y));
        fit(
            published(b.dataset, ma, rb),
            s_a_xb.or_else(|| a_on_b.index(rb)),
            &mut fit_b,
        );
        let mut note = None;
        let data = s_a_xb.zip(s_a_xa).map(|(xb, xa)| xb - xa);
        let methodology = if same_methodology {
            data.map(|_| 0.0)
        } else {
            let on_b_b = b_on_b.as_ref().and_then(|s| s.index(rb));
            match (on_b_b, s_a_xb) {
                (Some(sb), Some(sa)) => Some(sb - sa),
                (None, Some(sa)) => {
                    // B's methodology cannot score B: what A's methodology leaves unexplained on B,
                    // beyond what it left on A, is the methodology part (and the rest with it).
                    note = Some(
                        "B's methodology gives no index here: the methodology part includes the rest"
                            .to_string(),
                    );
                    pb.zip(pa)
                        .zip(s_a_xa)
                        .map(|((pb, pa), xa)| (pb - sa) - (pa - xa))
                }
                _ => None,
            }
        };
        if data.is_none() {
            note = Some(
                match (a_on_b.unavailable.is_some(), s_a_xa) {
                    (true, _) => "A's methodology cannot score B (see the evidence)",
                    (false, None) => "A's methodology gives no index for this model in A",
                    (false, Some(_)) => "A's methodology gives no index for this model in B",
                }
                .to_string(),
            );
        }
        let rest = match (change, data, methodology) {
            (Some(c), Some(d), Some(m)) => Some(c - d - m),
            _ => None,
        };
        models.push(ModelChange {
            slug: row_a.slug.clone(),
            model: row_a.model().to_string(),
            published_a: pa,
            published_b: pb,
            change,
            data,
            methodology,
            rest,
            changed_columns,
            note,
        });
    }
    models.sort_by(|x, y| match (x.change, y.change) {
        (Some(p), Some(q)) => q
            .abs()
            .total_cmp(&p.abs())
            .then_with(|| x.slug.cmp(&y.slug)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.slug.cmp(&y.slug),
    });

    let common = models.len();
    if common == 0 {
        // Nothing in common: no classification could rest on anything.
        return Err(ScoreError::Options(format!(
            "{} and {} share no model (by slug): there is nothing to compare",
            a.dataset.origin, b.dataset.origin
        )));
    }
    let moved_share = (stable > 0).then(|| stable_moved as f64 / stable as f64);
    let fit_b = a_on_b.unavailable.is_none().then_some(fit_b);
    let mut reasons = Vec::new();
    if let Some(why) = b_on_b.as_ref().and_then(|s| s.unavailable.as_deref()) {
        reasons.push(format!(
            "B's methodology {} cannot score B ({why}): each methodology part is what A's methodology leaves unexplained on B beyond what it left on A, the rest included",
            b.methodology.name
        ));
    }
    // Models added or removed are listed, not a change of the index's data: the classification is
    // about the models in both.
    let data_changed = unfrozen_changes > 0;
    reasons.push(format!(
        "data: {unfrozen_changes} of {common} common models changed a component the index reads live ({components_changed} changed any value, frozen ones included){}; {} added, {} removed (listed, not counted as a change of the index's data)",
        if incomparable > 0 {
            format!(" ({incomparable} not comparable: B lacks some of A's component columns)")
        } else {
            String::new()
        },
        added.len(),
        removed.len()
    ));
    let methodology_changed = if stable >= MIN_STABLE {
        let share = moved_share.unwrap_or(0.0);
        reasons.push(format!(
            "methodology: of {stable} models whose unfrozen components did not change, the published index moved (by more than {tol}) for {stable_moved} ({:.1} %); the threshold is {:.0} %",
            100.0 * share,
            100.0 * MOVED_SHARE_THRESHOLD
        ));
        share > MOVED_SHARE_THRESHOLD
    } else {
        let shares = fit_a.share().zip(fit_b.and_then(|f| f.share()));
        match shares {
            Some((sa, sb)) => {
                reasons.push(format!(
                    "methodology: only {stable} models kept their components (fewer than {MIN_STABLE}), so the fit decides: A's methodology fits {:.1} % of A's rows and {:.1} % of B's within {tol}; a change if B's share is under half of A's",
                    100.0 * sa,
                    100.0 * sb
                ));
                sb < sa / 2.0
            }
            None => {
                let stated = a.basis == Basis::Stated && b.basis == Basis::Stated;
                let differ = ma.version != b.methodology.version;
                reasons.push(format!(
                    "methodology: A's methodology cannot score B{}; {}",
                    a_on_b
                        .unavailable
                        .as_deref()
                        .map(|w| format!(" ({w})"))
                        .unwrap_or_default(),
                    if stated {
                        format!(
                            "the snapshots state versions {} and {}",
                            ma.version, b.methodology.version
                        )
                    } else {
                        "nothing else tells; taken as the methodology's versions differing"
                            .to_string()
                    }
                ));
                differ
            }
        }
    };
    let classification = match (data_changed, methodology_changed) {
        (false, false) => Classification::None,
        (true, false) => Classification::Data,
        (false, true) => Classification::Methodology,
        (true, true) => Classification::Both,
    };
    let snapshot = |s: &Side| Snapshot {
        dataset: s.dataset.origin.clone(),
        sha256: s.dataset.sha256.clone(),
        rows: s.dataset.len(),
        methodology: s.methodology.id(),
        methodology_basis: s.basis,
    };
    Ok(Diff {
        a: snapshot(a),
        b: snapshot(b),
        classification,
        evidence: Evidence {
            common,
            added: added.len(),
            removed: removed.len(),
            components_changed,
            unfrozen_changes,
            stable,
            stable_moved,
            moved_share,
            moved_share_threshold: MOVED_SHARE_THRESHOLD,
            fit_a,
            fit_b,
            tolerance: tol,
            reasons,
        },
        added,
        removed,
        models,
    })
}
