//! Checking recomputed values against the published index and sub-indices, and checking values that
//! were solved from a published figure against what the dataset publishes independently.
//!
//! A check is *independent* when nothing in the computation used the published value it is compared
//! with; it *agrees by construction* when a frozen component was solved from that very value (v4.0's
//! Agents category and the Agentic Index). Only independent checks count towards a pass: a
//! verification with none has compared nothing, which is a failure unless the caller allows it.

pub mod receipt;

use reweigh_evals::Dataset;
use serde::Serialize;

use crate::methodology::Methodology;
use crate::score::{FreezeSource, Scored, Status};

/// What a check compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// A recomputed index or category score against its published value, in index points.
    Reproduce,
    /// A value solved from a published figure against the live value the dataset publishes
    /// independently, in the component column's unit.
    Plausibility,
}

/// Whether a check can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    /// The compared value played no part in the computation.
    Independent,
    /// The published value was used to compute this one (a frozen component solved from it), so
    /// agreement says nothing; not counted.
    ByConstruction,
}

/// One recomputed quantity compared with its published value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Check {
    pub slug: String,
    pub model: String,
    /// The row in the dataset (0-based).
    pub row: usize,
    /// `index`, a category id, or `<component>-solved-vs-live`.
    pub quantity: String,
    pub kind: CheckKind,
    /// The dataset column holding the published (or live) value.
    pub published_column: String,
    pub computed: f64,
    pub published: f64,
    /// `computed − published`.
    pub delta: f64,
    /// Largest accepted |delta| for this check.
    pub tolerance: f64,
    pub agreement: Agreement,
    /// Row flags such as `live-gdpval` (the likely cause of a miss) or `solved-gdpval`.
    pub flags: Vec<String>,
}

impl Check {
    /// An independent check beyond its tolerance.
    pub fn failed(&self) -> bool {
        self.agreement == Agreement::Independent && self.delta.abs() > self.tolerance
    }
}

/// A row that could not be recomputed, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Skipped {
    pub slug: String,
    pub model: String,
    pub row: usize,
    pub reason: String,
}

/// The outcome, as CI reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every independent check is within its tolerance, and there was at least one.
    Pass,
    /// At least one independent check is beyond its tolerance.
    Fail,
    /// No independent check could be made (no published values, or only ones that agree by
    /// construction).
    NothingCompared,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NothingCompared => "nothing-compared",
        }
    }
}

/// One quantity's summary: how many checks were independent, how many agree by construction, the
/// largest independent |delta| and the tolerance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    pub quantity: String,
    pub kind: CheckKind,
    pub independent: usize,
    pub by_construction: usize,
    /// Largest |delta| over the independent checks (0 when there are none).
    pub max_abs_delta: f64,
    pub tolerance: f64,
    pub failed: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// The tolerance of the reproduce checks, in index points.
    pub tolerance: f64,
    pub checks: Vec<Check>,
    pub skipped: Vec<Skipped>,
    /// Solved values with no independent check (the methodology declares no plausibility band, or
    /// the row has no live value): `(slug, component)`.
    pub unchecked_solved: Vec<(String, String)>,
}

impl Verification {
    /// Independent checks beyond tolerance, largest |Δ| relative to tolerance first (then by slug
    /// and quantity).
    pub fn failures(&self) -> Vec<&Check> {
        let mut f: Vec<&Check> = self.checks.iter().filter(|c| c.failed()).collect();
        f.sort_by(|a, b| {
            (b.delta.abs() / b.tolerance.max(f64::MIN_POSITIVE))
                .total_cmp(&(a.delta.abs() / a.tolerance.max(f64::MIN_POSITIVE)))
                .then_with(|| a.slug.cmp(&b.slug))
                .then_with(|| a.quantity.cmp(&b.quantity))
        });
        f
    }

    /// Per quantity, in order of first appearance.
    pub fn summaries(&self) -> Vec<Summary> {
        let mut out: Vec<Summary> = Vec::new();
        for c in &self.checks {
            let i = match out.iter().position(|s| s.quantity == c.quantity) {
                Some(i) => i,
                None => {
                    out.push(Summary {
                        quantity: c.quantity.clone(),
                        kind: c.kind,
                        independent: 0,
                        by_construction: 0,
                        max_abs_delta: 0.0,
                        tolerance: c.tolerance,
                        failed: 0,
                    });
                    out.len() - 1
                }
            };
            let s = &mut out[i];
            match c.agreement {
                Agreement::ByConstruction => s.by_construction += 1,
                Agreement::Independent => {
                    s.independent += 1;
                    s.max_abs_delta = s.max_abs_delta.max(c.delta.abs());
                    s.failed += usize::from(c.failed());
                }
            }
        }
        out
    }

    /// Checks that could have failed.
    pub fn independent(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.agreement == Agreement::Independent)
            .count()
    }

    /// Checks that agree by construction (not counted).
    pub fn by_construction(&self) -> usize {
        self.checks.len() - self.independent()
    }

    pub fn outcome(&self) -> Outcome {
        if self.independent() == 0 {
            Outcome::NothingCompared
        } else if self.checks.iter().any(Check::failed) {
            Outcome::Fail
        } else {
            Outcome::Pass
        }
    }
}

/// A `slug`'s frozen `component` solved from a published value that nothing independent checks.
#[derive(Serialize)]
struct Unchecked<'a> {
    slug: &'a str,
    component: &'a str,
}

/// `verify --format json`: the status, the counts, each quantity's summary (keyed by quantity), every
/// check beyond tolerance, the solved values nothing checks, the skipped rows.
impl Serialize for Verification {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let summary: std::collections::BTreeMap<String, Summary> = self
            .summaries()
            .into_iter()
            .map(|s| (s.quantity.clone(), s))
            .collect();
        let unchecked: Vec<Unchecked> = self
            .unchecked_solved
            .iter()
            .map(|(slug, component)| Unchecked { slug, component })
            .collect();
        let mut st = s.serialize_struct("Verification", 9)?;
        st.serialize_field("tolerance", &self.tolerance)?;
        st.serialize_field("status", &self.outcome())?;
        st.serialize_field("passed", &(self.outcome() == Outcome::Pass))?;
        st.serialize_field("independent", &self.independent())?;
        st.serialize_field("by_construction", &self.by_construction())?;
        st.serialize_field("summary", &summary)?;
        st.serialize_field("failures", &self.failures())?;
        st.serialize_field("unchecked_solved", &unchecked)?;
        st.serialize_field("skipped", &self.skipped)?;
        st.end()
    }
}

/// Compares a scored dataset with the published values the methodology names, and each solved
/// frozen value with the live value the dataset publishes (where the methodology declares a band).
/// A row whose frozen component was scored 0 by the missing rule although the dataset publishes the
/// value that component is solved from (v4.0: the Agentic Index), and the row has none: the
/// publisher did not compute this row's index from these components. AA marks such indices
/// "estimated" (from older index versions); on AA's page of 2026-06-05 and 06-15 six rows are such,
/// none of them in AA's evaluations payload of the same day. They cannot be recomputed.
fn estimated(s: &crate::score::ModelScore, m: &Methodology, dataset: &Dataset) -> Option<String> {
    m.components.iter().find_map(|k| {
        let solve = k.freeze.as_ref()?.solve_from.as_ref()?;
        let zeroed = s.flags.iter().any(|f| *f == format!("missing-zero:{}", k.id));
        (zeroed && dataset.has_column(&solve.column) && dataset.value(s.row, &solve.column).is_none())
            .then(|| {
                format!(
                    "{} and {} both unpublished where the dataset publishes {}: an index the publisher estimated another way, which cannot be recomputed",
                    k.column, solve.column, solve.column
                )
            })
    })
}

pub fn verify(scored: &Scored, m: &Methodology, dataset: &Dataset, tolerance: f64) -> Verification {
    let mut checks = Vec::new();
    let mut skipped = Vec::new();
    let mut unchecked_solved = Vec::new();
    let mut rows: Vec<_> = scored.models.iter().collect();
    rows.sort_by(|a, b| a.slug.cmp(&b.slug));
    for s in rows {
        let skip = |reason: String| Skipped {
            slug: s.slug.clone(),
            model: s.model.clone(),
            row: s.row,
            reason,
        };
        if s.status == Status::Incomplete {
            skipped.push(skip(format!(
                "missing {}: cannot be recomputed without them",
                s.missing.join(", ")
            )));
            continue;
        }
        if let Some(reason) = estimated(s, m, dataset) {
            skipped.push(skip(reason));
            continue;
        }
        let check = |quantity: String,
                     kind: CheckKind,
                     column: &str,
                     computed: f64,
                     published: f64,
                     tolerance: f64,
                     agreement: Agreement| Check {
            slug: s.slug.clone(),
            model: s.model.clone(),
            row: s.row,
            quantity,
            kind,
            published_column: column.to_string(),
            computed,
            published,
            delta: computed - published,
            tolerance,
            agreement,
            flags: s.flags.clone(),
        };
        let mut any = false;
        if let (Some(col), Some(p), Some(i)) = (&m.published_column, s.published_index, s.index) {
            checks.push(check(
                "index".into(),
                CheckKind::Reproduce,
                col,
                i,
                p,
                tolerance,
                Agreement::Independent,
            ));
            any = true;
        }
        for c in &m.categories {
            let Some(col) = &c.published_column else {
                continue;
            };
            let published = s
                .published_categories
                .iter()
                .find(|(id, _)| *id == c.id)
                .map(|(_, v)| *v);
            let (Some(p), Some(v)) = (published, s.category(&c.id)) else {
                continue;
            };
            // By construction when a frozen component was solved from this very published value.
            let solved_from_here = m.components.iter().any(|k| {
                k.freeze
                    .as_ref()
                    .and_then(|f| f.solve_from.as_ref())
                    .is_some_and(|solve| solve.column == *col)
                    && s.freeze
                        .iter()
                        .any(|(id, src)| *id == k.id && *src == FreezeSource::Solved)
            });
            let agreement = if solved_from_here {
                Agreement::ByConstruction
            } else {
                Agreement::Independent
            };
            checks.push(check(
                c.id.clone(),
                CheckKind::Reproduce,
                col,
                v,
                p,
                tolerance,
                agreement,
            ));
            any = true;
        }
        // Solved values against the live value the dataset publishes independently.
        for (id, source) in &s.freeze {
            if *source != FreezeSource::Solved {
                continue;
            }
            let Some(k) = m.components.iter().find(|k| k.id == *id) else {
                continue;
            };
            let band = k.freeze.as_ref().and_then(|f| f.plausible.as_ref());
            let normaliser = k.normaliser.normaliser();
            let solved = s.scores.iter().find(|(c, _)| c == id).map(|(_, v)| *v);
            let live = dataset.value(s.row, &k.column);
            match (band, normaliser, solved, live) {
                (Some(band), Some(n), Some(solved), Some(live)) => {
                    checks.push(check(
                        format!("{id}-solved-vs-live"),
                        CheckKind::Plausibility,
                        &k.column,
                        n.raw(solved),
                        n.raw(n.apply(live)),
                        band.max_abs_delta,
                        Agreement::Independent,
                    ));
                    any = true;
                }
                _ => unchecked_solved.push((s.slug.clone(), id.clone())),
            }
        }
        if !any {
            skipped.push(skip("no published value to compare with".into()));
        }
    }
    Verification {
        tolerance,
        checks,
        skipped,
        unchecked_solved,
    }
}
