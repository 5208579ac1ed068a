//! Turning what the user typed into inputs: the dataset, the methodology, the output format.

use std::path::{Path, PathBuf};

use reweigh_composite::overrides::Overrides;
use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::{Methodology, Policy, Scored};
use reweigh_evals::{Dataset, LoadOptions, load_bytes, load_path};
use reweigh_report::Format;

use crate::Failure;

/// The dataset and the methodology.
#[derive(clap::Args)]
pub struct Source {
    /// Dataset file (.csv, .json or .parquet); default: the embedded AA v4.0 snapshot of 2026-06-15.
    pub dataset: Option<PathBuf>,
    /// Built-in methodology name (aa-v4.0, aa-v4.1, equal-evals, …) or a TOML file; default: from
    /// the dataset's index_version.
    #[arg(long, short)]
    pub methodology: Option<String>,
}

impl Source {
    /// Reads a named methodology first (the dataset may carry the extra columns it declares), then
    /// the dataset; without a name, the methodology follows the dataset's index_version.
    pub fn resolve(&self) -> Result<(Dataset, Methodology), Failure> {
        let named = self
            .methodology
            .as_deref()
            .map(Methodology::resolve)
            .transpose()?;
        let options = LoadOptions {
            extra_columns: named
                .as_ref()
                .map(Methodology::extra_columns)
                .unwrap_or_default(),
        };
        let dataset = dataset(self.dataset.as_deref(), &options)?;
        let methodology = match named {
            Some(m) => m,
            None => methodology_for(&dataset)?,
        };
        Ok((dataset, methodology))
    }
}

/// Arguments every index-computing command with a table output shares.
#[derive(clap::Args)]
pub struct Common {
    #[command(flatten)]
    pub source: Source,
    /// Output format: table, csv, json or markdown.
    #[arg(long, short, default_value = "table")]
    pub format: String,
    /// Write to this file (atomically; a regular file or a new name) instead of stdout; `-` is
    /// stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// What [`Common`] resolves to.
pub struct Inputs {
    pub dataset: Dataset,
    pub methodology: Methodology,
    pub format: Format,
}

impl Common {
    /// Resolves the format first (cheap usage errors before reading files), then the source.
    pub fn resolve(&self) -> Result<Inputs, Failure> {
        let format = format(&self.format)?;
        let (dataset, methodology) = self.source.resolve()?;
        Ok(Inputs {
            dataset,
            methodology,
            format,
        })
    }
}

/// The dataset used when none is given: AA's v4.0 payload of 2026-06-15 (384 models).
pub const DEFAULT_DATASET_NAME: &str = "aa-v4.0-2026-06-15.csv";
const DEFAULT_DATASET: &[u8] = include_bytes!("../../../datasets/aa-v4.0-2026-06-15.csv");

/// Loads the named dataset, or the embedded default.
pub fn dataset(path: Option<&Path>, options: &LoadOptions) -> Result<Dataset, Failure> {
    Ok(match path {
        Some(p) => load_path(p, options)?,
        None => load_bytes(
            &format!("embedded:{DEFAULT_DATASET_NAME}"),
            DEFAULT_DATASET,
            options,
        )?,
    })
}

/// The AA methodology the dataset's `index_version` names (`4.0` → aa-v4.0); aa-v4.0 when the
/// dataset has no `index_version` column. A version reweigh has no methodology for, or rows that
/// disagree, is an error: a dataset is never scored under a methodology it does not state.
pub fn methodology_for(dataset: &Dataset) -> Result<Methodology, Failure> {
    let mut versions: Vec<&str> = dataset
        .rows
        .iter()
        .filter_map(|r| r.text.get("index_version").map(String::as_str))
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let known: Vec<&str> = reweigh_composite::methodology::BUILTIN
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("aa-v"))
        .collect();
    match versions.as_slice() {
        [] => Ok(Methodology::builtin("aa-v4.0").expect("built in")),
        [v] => Methodology::builtin(&format!("aa-v{v}")).ok_or_else(|| {
            Failure::input(format!(
                "{}: index_version '{}' has no built-in methodology (known: {}). Fix: pass --methodology NAME or a TOML file describing version {}",
                dataset.origin,
                reweigh_report::escape::visible(v),
                known.join(", "),
                reweigh_report::escape::visible(v)
            ))
        }),
        many => Err(Failure::input(format!(
            "{}: rows state different index versions ({}); one methodology cannot score them all. Fix: split the dataset by index_version, or pass --methodology to score every row under one",
            dataset.origin,
            many.iter()
                .map(|v| format!("'{}'", reweigh_report::escape::visible(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

pub fn format(name: &str) -> Result<Format, Failure> {
    Format::parse(name).ok_or_else(|| {
        Failure::input(format!(
            "--format '{name}' is not a format; expected one of {}",
            Format::NAMES.join(", ")
        ))
    })
}

/// Weight overrides, on every command that computes an index.
#[derive(clap::Args, Clone)]
pub struct Weights {
    /// Relative weight of a component within its category, ID=WEIGHT (repeatable); 0 removes the
    /// component and renormalises its category.
    #[arg(long = "weight", value_name = "ID=WEIGHT")]
    pub weight: Vec<String>,
    /// Relative weight of a category, ID=WEIGHT (repeatable); category weights are renormalised, 0
    /// removes the category.
    #[arg(long = "category", value_name = "ID=WEIGHT")]
    pub category: Vec<String>,
    /// Remove a component (repeatable); its category is renormalised.
    #[arg(long = "drop", value_name = "ID")]
    pub drop: Vec<String>,
}

impl Weights {
    pub fn overrides(&self) -> Result<Overrides, Failure> {
        let parse = |flag: &str, items: &[String]| {
            items
                .iter()
                .map(|t| Overrides::parse_assignment(flag, t).map_err(Failure::input))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Overrides {
            weights: parse("--weight", &self.weight)?,
            categories: parse("--category", &self.category)?,
            drop: self.drop.clone(),
        })
    }
}

/// How an index is computed: the abstention policy, the missing-data rule, the weight overrides.
#[derive(clap::Args)]
pub struct Scoring {
    /// How AA-Omniscience abstention is scored: aa (default), accuracy, penalty:P, confidence:T,
    /// credit:K, attempted, f1. See docs/abstention.md.
    #[arg(long, default_value = "aa")]
    pub abstention: String,
    /// Missing components: 'declared' (the methodology's rule for each; AA: no index) or
    /// 'renormalize' (drop them and renormalise the weights of their category).
    #[arg(long, default_value = "declared")]
    pub missing: String,
    #[command(flatten)]
    pub weights: Weights,
}

impl Scoring {
    pub fn options(&self) -> Result<ScoreOptions, Failure> {
        Ok(ScoreOptions {
            missing: missing_rule(&self.missing)?,
            abstention: policy(&self.abstention)?,
            overrides: self.weights.overrides()?,
        })
    }
}

pub fn policy(text: &str) -> Result<Policy, Failure> {
    Policy::parse(text).map_err(Failure::input)
}

pub fn missing_rule(missing: &str) -> Result<MissingOverride, Failure> {
    MissingOverride::parse(missing).ok_or_else(|| {
        Failure::input(format!(
            "--missing '{missing}' is not a rule; expected 'declared' (each component's rule in the methodology) or 'renormalize'"
        ))
    })
}

/// Applies the options to the methodology (abstention policy, overrides) and scores the dataset;
/// the receipt names `command`. Returns the applied methodology with the result.
pub fn score(
    dataset: &Dataset,
    methodology: &Methodology,
    options: &ScoreOptions,
    command: &str,
) -> Result<(Methodology, Scored), Failure> {
    let applied = reweigh_composite::score::apply(methodology, options).map_err(Failure::input)?;
    let mut scored = reweigh_composite::score::score_applied(dataset, &applied, options)
        .map_err(Failure::input)?;
    scored.receipt.command = command.to_string();
    Ok((applied, scored))
}
