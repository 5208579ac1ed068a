//! Composite scores: the index, its category scores and per-component contributions, ranks.
//!
//! For a row with every component present, component k in category c contributes
//! `scale · W_c · w_k · s_k` index points, where `W_c` is c's share of the category weights, `w_k` is
//! k's share of its category's component weights and `s_k` its normalised score. The index is the sum
//! of the contributions, so they add up to it exactly; a category score is `scale · Σ_k w_k · s_k`
//! (AA's Coding Index and, in v4.0, Agentic Index).

use reweigh_evals::{DataError, DataErrorKind, Dataset};

use crate::abstention::{self, Policy};
use crate::overrides::Overrides;
use crate::receipt::{DatasetReceipt, ENGINE, MethodologyReceipt, Receipt, Run};
use reweigh_evals::registry::numeric_column;

use crate::methodology::{
    Component, Methodology, MethodologyError, MethodologyId, MissingRule, NormaliserSpec,
    SolveFrom, weight_scale,
};

/// Overrides of the methodology's missing-data rules chosen by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingOverride {
    /// Each component's rule as the methodology declares it.
    #[default]
    AsDeclared,
    /// Every missing component is dropped and its category (or, if empty, the categories) renormalised.
    Renormalize,
}

#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    pub missing: MissingOverride,
    /// How AA-Omniscience abstention is scored (default `aa`: as the methodology declares).
    pub abstention: Policy,
    /// Weight overrides, applied after the abstention policy.
    pub overrides: Overrides,
    /// The command, seed and output location the receipt records.
    pub run: Run,
}

impl MissingOverride {
    /// Reads what [`name`](Self::name) writes.
    pub fn parse(name: &str) -> Option<MissingOverride> {
        match name {
            "declared" => Some(MissingOverride::AsDeclared),
            "renormalize" => Some(MissingOverride::Renormalize),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MissingOverride::AsDeclared => "declared",
            MissingOverride::Renormalize => "renormalize",
        }
    }
}

/// Why a dataset cannot be scored.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreError {
    /// The dataset lacks what the methodology needs.
    Data(DataError),
    /// The methodology reads a column the dataset lacks.
    Methodology(MethodologyError),
    /// The options do not fit the methodology (an abstention policy without Omniscience components).
    Options(String),
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScoreError::Data(e) => write!(f, "{e}"),
            ScoreError::Methodology(e) => write!(f, "{e}"),
            ScoreError::Options(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ScoreError {}

/// Where a frozen component's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FreezeSource {
    /// The dataset's frozen column.
    Frozen,
    /// Solved from the category's published value.
    Solved,
    /// The live value: the index may differ from the published one (flag `live-<id>`).
    Live,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Complete,
    Incomplete,
}

/// One model's result. Serialised with labelled fields: `categories`, `contributions`, `scores`,
/// `freeze` and `published_categories` as objects keyed by id.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelScore {
    /// The row in the dataset (0-based), for messages that point into the file.
    #[serde(skip)]
    pub row: usize,
    pub slug: String,
    pub model: String,
    pub index: Option<f64>,
    /// 1-based, ordinal (index descending, then slug ascending); `None` when incomplete.
    pub rank: Option<usize>,
    pub status: Status,
    /// Components without a value that the rules did not allow to be dropped or zeroed.
    pub missing: Vec<String>,
    /// Category scores in index points (`scale · Σ w_k · s_k`), in methodology order.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub categories: Vec<(String, Option<f64>)>,
    /// Component contributions in index points, in methodology order.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub contributions: Vec<(String, f64)>,
    /// Normalised component scores in [0, 1] that were used.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub scores: Vec<(String, f64)>,
    /// Each used component's weight in index points (`scale` times its share of the index), so
    /// that contribution = weight · score.
    #[serde(skip)]
    pub weights: Vec<(String, f64)>,
    /// How each frozen component was resolved.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub freeze: Vec<(String, FreezeSource)>,
    pub published_index: Option<f64>,
    /// `index − published_index`.
    pub delta: Option<f64>,
    /// Published category values (sub-indices) by category id.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub published_categories: Vec<(String, f64)>,
    /// `live-gdpval`, `solved-gdpval` (solved from a published value), `missing-zero:ID`,
    /// `renormalized:ID`.
    pub flags: Vec<String>,
}

/// The result for a whole dataset, models in rank order (incomplete rows last, by slug). Its JSON
/// (`score --format json`) is this structure: `effective_weights` as an object keyed by component.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scored {
    /// The methodology as applied (after the abstention policy and the overrides).
    pub methodology: MethodologyId,
    #[serde(serialize_with = "crate::serial::display")]
    pub abstention: Policy,
    pub dataset: String,
    /// Each component's share of the index under the applied methodology (sums to 1).
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub effective_weights: Vec<(String, f64)>,
    pub receipt: Receipt,
    pub models: Vec<ModelScore>,
}

/// The methodology the options make of `m`: the abstention policy, then the overrides.
pub fn apply(m: &Methodology, options: &ScoreOptions) -> Result<Methodology, ScoreError> {
    let with_policy = m
        .with_abstention(options.abstention)
        .map_err(ScoreError::Options)?;
    options
        .overrides
        .apply(&with_policy)
        .map_err(ScoreError::Options)
}

/// Scores every row of a dataset under a methodology, with the options applied (see [`apply`]).
pub fn score(
    dataset: &Dataset,
    m: &Methodology,
    options: &ScoreOptions,
) -> Result<Scored, ScoreError> {
    score_applied(dataset, &apply(m, options)?, options)
}

/// Scores under a methodology the options are already applied to (see [`apply`]); `options` only
/// labels the result and picks the missing-data rule.
pub fn score_applied(
    dataset: &Dataset,
    m: &Methodology,
    options: &ScoreOptions,
) -> Result<Scored, ScoreError> {
    check_columns(dataset, m)?;
    let plan = Plan::of(m);
    let mut models: Vec<ModelScore> = (0..dataset.len())
        .map(|row| score_row(dataset, row, m, options, &plan))
        .collect();
    if let Some(e) = models
        .iter()
        .enumerate()
        .find_map(|(row, s)| not_finite(dataset, row, s, m))
    {
        return Err(ScoreError::Data(e));
    }
    rank(&mut models);
    let id = m.id();
    let receipt = Receipt {
        engine: ENGINE.to_string(),
        command: if options.run.command.is_empty() {
            "score".into()
        } else {
            options.run.command.clone()
        },
        methodology: MethodologyReceipt {
            name: id.name.clone(),
            version: id.version.clone(),
            hash: id.hash.clone(),
            source: m.source(),
        },
        datasets: vec![DatasetReceipt {
            origin: dataset.origin.clone(),
            sha256: dataset.sha256.clone(),
            from_output: options.run.dataset_from_output.clone(),
        }],
        abstention: options.abstention.to_string(),
        missing: options.missing.name().to_string(),
        overrides: options.overrides.describe(),
        seed: options.run.seed,
        selection: None,
    };
    Ok(Scored {
        methodology: id,
        abstention: options.abstention,
        dataset: dataset.origin.clone(),
        models,
        effective_weights: m
            .effective_weights()
            .into_iter()
            .map(|(k, w)| (k.to_string(), w))
            .collect(),
        receipt,
    })
}

/// A row whose index is not a finite number: a normaliser without a clamp turned a huge raw value of a
/// user's column into a huge score (`linear`, `clamp = false`), and index points overflowed. An
/// error naming the row and column, never an `inf` in a table or a `null` in JSON.
fn not_finite(dataset: &Dataset, row: usize, s: &ModelScore, m: &Methodology) -> Option<DataError> {
    if s.index.is_none_or(f64::is_finite) {
        return None;
    }
    let (id, contribution) = s
        .contributions
        .iter()
        .find(|(_, c)| !c.is_finite())
        .or_else(|| {
            s.contributions
                .iter()
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        })?;
    let k = m.components.iter().find(|k| k.id == *id)?;
    let raw = dataset.value(row, &k.column).map_or_else(
        || "NA".to_string(),
        |v| {
            if v.abs() < 1e16 {
                v.to_string()
            } else {
                format!("{v:e}")
            }
        },
    );
    Some(
        DataError::new(
            DataErrorKind::OutOfRange,
            &dataset.origin,
            format!(
                "a value that gives a finite index (component '{}' of methodology {} contributes {contribution})",
                k.id, m.name
            ),
        )
        .row(row + 1, Some(&s.slug))
        .column(&k.column)
        .value(raw)
        .fix("check the value; or clamp the component's linear normaliser (clamp = true), or narrow its min and max"),
    )
}

/// Orders models by index (descending) then slug, and numbers the complete ones.
pub fn rank(models: &mut [ModelScore]) {
    models.sort_by(|a, b| match (a.index, b.index) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.slug.cmp(&b.slug)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.slug.cmp(&b.slug),
    });
    for (i, model) in models.iter_mut().enumerate() {
        model.rank = model.index.map(|_| i + 1);
    }
}

fn check_columns(dataset: &Dataset, m: &Methodology) -> Result<(), ScoreError> {
    for k in &m.components {
        if dataset.has_column(&k.column) {
            continue;
        }
        let frozen_available = k.freeze.as_ref().is_some_and(|f| {
            f.column.as_deref().is_some_and(|c| dataset.has_column(c))
                || f.solve_from
                    .as_ref()
                    .is_some_and(|s| dataset.has_column(&s.column))
        });
        if frozen_available {
            continue;
        }
        if numeric_column(&k.column).is_none() {
            return Err(ScoreError::Methodology(m.component_error(
                &k.id,
                format!(
                    "component '{}' reads column '{}', which is neither a column reweigh knows nor in dataset {}",
                    k.id, k.column, dataset.origin
                ),
                "correct the column name, or add the column to the dataset (NA where unpublished)",
            )));
        }
        return Err(ScoreError::Data(
            DataError::new(
                DataErrorKind::MissingColumn,
                &dataset.origin,
                format!(
                    "a column '{}' for component '{}' of methodology {}",
                    k.column, k.id, m.name
                ),
            )
            .column(&k.column)
            .fix(match dataset.index_version() {
                // Naming the same methodology again would not help.
                Some(v) if v == m.version => format!(
                    "add the column (NA where unpublished): the dataset states index version {v}, {}'s, but lacks it",
                    m.name
                ),
                v => format!(
                    "add the column (NA where unpublished), or choose a methodology for this dataset's index version{}",
                    v.map(|v| format!(" ({v}: --methodology aa-v{v})"))
                        .unwrap_or_default()
                ),
            }),
        ));
    }
    Ok(())
}

/// A component's normalised score, before the freeze is considered.
fn live_score(dataset: &Dataset, row: usize, k: &Component) -> Option<f64> {
    match k.normaliser {
        NormaliserSpec::Omniscience { policy } => {
            abstention::shares(dataset, row).and_then(|s| policy.score(&s))
        }
        spec => {
            let normaliser = spec.normaliser().expect("single-column normaliser");
            dataset
                .value(row, &k.column)
                .map(|raw| normaliser.apply(raw))
        }
    }
}

/// What scoring needs of a methodology's layout, worked out once for all rows.
struct Plan {
    /// Each component's category, by index.
    category_of: Vec<usize>,
    /// Per category, the power of two its component weights are scaled by.
    scales: Vec<f64>,
    /// The power of two the category weights are scaled by.
    category_scale: f64,
}

impl Plan {
    fn of(m: &Methodology) -> Plan {
        let index: std::collections::HashMap<&str, usize> = m
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let category_of: Vec<usize> = m
            .components
            .iter()
            .map(|k| index[k.category.as_str()])
            .collect();
        let mut members: Vec<Vec<f64>> = vec![Vec::new(); m.categories.len()];
        for (k, &ci) in m.components.iter().zip(&category_of) {
            members[ci].push(k.weight);
        }
        Plan {
            category_of,
            scales: members.into_iter().map(weight_scale).collect(),
            category_scale: weight_scale(m.categories.iter().map(|c| c.weight)),
        }
    }
}

fn score_row(
    dataset: &Dataset,
    row: usize,
    m: &Methodology,
    options: &ScoreOptions,
    plan: &Plan,
) -> ModelScore {
    let r = &dataset.rows[row];
    let mut flags = Vec::new();
    let mut missing = Vec::new();
    let mut freeze = Vec::new();
    // Normalised scores; None = dropped (renormalised away).
    let mut scores: Vec<Option<f64>> = Vec::with_capacity(m.components.len());
    for k in &m.components {
        let mut s = None;
        if let Some(f) = &k.freeze {
            let frozen = f
                .column
                .as_deref()
                .and_then(|c| dataset.value(row, c))
                .zip(k.normaliser.normaliser())
                .map(|(raw, n)| n.apply(raw));
            if let Some(v) = frozen {
                s = Some(v);
                freeze.push((k.id.clone(), FreezeSource::Frozen));
            } else if let Some(v) = f
                .solve_from
                .as_ref()
                .and_then(|solve| solve_frozen(dataset, row, k, solve))
            {
                s = Some(v);
                freeze.push((k.id.clone(), FreezeSource::Solved));
                flags.push(format!("solved-{}", k.id));
            } else if let Some(v) = live_score(dataset, row, k) {
                s = Some(v);
                freeze.push((k.id.clone(), FreezeSource::Live));
                flags.push(format!("live-{}", k.id));
            }
        } else {
            s = live_score(dataset, row, k);
        }
        if s.is_none() {
            let rule = match options.missing {
                MissingOverride::AsDeclared => k.missing,
                MissingOverride::Renormalize => MissingRule::Renormalize,
            };
            match rule {
                MissingRule::Require => {
                    missing.push(k.id.clone());
                    if let NormaliserSpec::Omniscience { policy } = k.normaliser
                        && policy.needs_split()
                        && abstention::shares(dataset, row).is_some()
                    {
                        flags.push(format!("needs-split:{}", k.id));
                    }
                }
                MissingRule::Zero => {
                    s = Some(0.0);
                    flags.push(format!("missing-zero:{}", k.id));
                }
                MissingRule::Renormalize => flags.push(format!("renormalized:{}", k.id)),
            }
        }
        scores.push(s);
    }
    let published_index = m
        .published_column
        .as_deref()
        .and_then(|c| dataset.value(row, c));
    let published_categories = m
        .categories
        .iter()
        .filter_map(|c| {
            let col = c.published_column.as_deref()?;
            Some((c.id.clone(), dataset.value(row, col)?))
        })
        .collect();
    let mut out = ModelScore {
        row,
        slug: r.slug.clone(),
        model: r.model().to_string(),
        status: Status::Incomplete,
        missing,
        index: None,
        rank: None,
        categories: m.categories.iter().map(|c| (c.id.clone(), None)).collect(),
        contributions: Vec::new(),
        scores: Vec::new(),
        weights: Vec::new(),
        freeze,
        published_index,
        delta: None,
        published_categories,
        flags,
    };
    if !out.missing.is_empty() {
        return out;
    }
    // Category shares within present components, then category shares over non-empty categories,
    // in passes over the components (the methodology's layout is worked out once, in `plan`).
    // Weights are scaled by a power of two first (exact), so weights near f64::MAX cannot overflow.
    let mut within = vec![0.0f64; m.categories.len()];
    for ((k, s), &ci) in m.components.iter().zip(&scores).zip(&plan.category_of) {
        if s.is_some() {
            within[ci] += k.weight * plan.scales[ci];
        }
    }
    let category_total: f64 = m
        .categories
        .iter()
        .zip(&within)
        .filter(|(_, w)| **w > 0.0)
        .map(|(c, _)| c.weight * plan.category_scale)
        .sum();
    if category_total <= 0.0 {
        out.missing = m.components.iter().map(|k| k.id.clone()).collect();
        return out;
    }
    let mut index = 0.0;
    let mut values = vec![0.0f64; m.categories.len()];
    for ((k, s), &ci) in m.components.iter().zip(&scores).zip(&plan.category_of) {
        let Some(s) = *s else { continue };
        let share_within = k.weight * plan.scales[ci] / within[ci];
        // The same association as the category score below, kept from the first version so
        // that outputs stay bit for bit.
        let weight = m.categories[ci].weight * plan.category_scale / category_total
            * (k.weight * plan.scales[ci])
            / within[ci];
        let contribution = m.scale * weight * s;
        index += contribution;
        values[ci] += share_within * s;
        out.contributions.push((k.id.clone(), contribution));
        out.scores.push((k.id.clone(), s));
        out.weights.push((k.id.clone(), m.scale * weight));
    }
    for (ci, total) in within.iter().enumerate() {
        if *total > 0.0 {
            out.categories[ci].1 = Some(m.scale * values[ci]);
        }
    }
    out.status = Status::Complete;
    out.index = Some(index);
    out.delta = published_index.map(|p| index - p);
    out
}

/// Solves a frozen component's score from a published weighted mean:
/// `s_k = (P/scale · W − Σ_{c≠k} w_c x_c) / w_k`, other columns read as fractions.
fn solve_frozen(dataset: &Dataset, row: usize, k: &Component, solve: &SolveFrom) -> Option<f64> {
    let published = dataset.value(row, &solve.column)?;
    // Scaled by a power of two (exact) so that weights near f64::MAX cannot overflow the sum.
    let scale = weight_scale(solve.weights.values().copied());
    let total: f64 = solve.weights.values().map(|w| w * scale).sum();
    let mut others = 0.0;
    for (column, w) in solve.weights.iter().filter(|(c, _)| **c != k.column) {
        others += w * scale * dataset.value(row, column)?;
    }
    Some((published / solve.scale * total - others) / (solve.weights[&k.column] * scale))
}

impl ModelScore {
    /// Why the model has no index (or no index under the methodology's own weights), for
    /// messages: an abstention policy that needs data the row lacks (naming `--abstention`), the
    /// missing components, or the components renormalised away.
    pub fn no_index_reason(&self) -> String {
        if self.flags.iter().any(|f| f.starts_with("needs-split:")) {
            return "the --abstention policy needs partial answers and abstentions separately (an omniscience_attempt_rate or the outcome counts), which its data does not give".into();
        }
        if !self.missing.is_empty() {
            return format!(
                "missing {}; --missing renormalize drops missing components",
                self.missing.join(", ")
            );
        }
        let renormalised: Vec<&str> = self
            .flags
            .iter()
            .filter_map(|f| f.strip_prefix("renormalized:"))
            .collect();
        if renormalised.is_empty() {
            "it has an index".into()
        } else {
            format!(
                "its weights were renormalised without {} (--missing renormalize)",
                renormalised.join(", ")
            )
        }
    }

    pub fn category(&self, id: &str) -> Option<f64> {
        self.categories
            .iter()
            .find(|(c, _)| c == id)
            .and_then(|(_, v)| *v)
    }
    pub fn contribution(&self, id: &str) -> Option<f64> {
        self.contributions
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reweigh_evals::{Dataset, LoadOptions};

    /// A user's column read by an unclamped linear normaliser: a huge raw value overflows the index,
    /// which is an error naming row, column and value, not an `inf`.
    #[test]
    fn an_index_that_overflows_is_an_error() {
        let src = r#"
name = "synthetic"
version = "1"
scale = 100.0
[[categories]]
id = "all"
name = "All"
weight = 1
[[components]]
id = "big"
name = "Big"
category = "all"
weight = 1
column = "big_col"
normaliser = { kind = "linear", min = 0, max = 1, clamp = false }
missing = "require"
"#;
        let m = Methodology::parse("synthetic.toml", src).unwrap();
        let options = LoadOptions {
            extra_columns: m.extra_columns(),
        };
        let load = |text: &str| Dataset::from_plain_csv("synthetic.csv", text, &options).unwrap();
        let fine = load("slug,big_col\na,0.5\nb,1e300\n");
        let scored = score(&fine, &m, &ScoreOptions::default()).unwrap();
        assert_eq!(scored.models[0].index, Some(1e302));
        let huge = load("slug,big_col\na,0.5\nb,1e308\n");
        let e = score(&huge, &m, &ScoreOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("row 2 (slug 'b'), column 'big_col', value '1e308'")
                && e.contains("contributes inf"),
            "{e}"
        );
    }
}
