//! Turning what the user typed into inputs: the dataset, the methodology, the output format.

use std::path::{Path, PathBuf};

use reweigh_composite::MethodologyError;
use reweigh_composite::overrides::Overrides;
use reweigh_composite::receipt::Run;
use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::{Methodology, Policy, Scored};
use reweigh_data::import::{ImportOptions, Imported, Shape};
use reweigh_data::{Dataset, LoadOptions, load_bytes};
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
    #[command(flatten)]
    pub ingest: Ingest,
}

/// How a DATASET in one of AA's shapes is read: every command takes every shape, recognised from
/// content (datasets/adapters/).
#[derive(clap::Args, Clone, Default)]
pub struct Ingest {
    /// The DATASET's shape, instead of recognising it from content: aa-language-pro,
    /// aa-language-free, aa-legacy, openrouter-aa-proxy, aa-site-camelcase, aa-capture-csv,
    /// canonical.
    #[arg(long, value_name = "SHAPE", value_parser = shape_arg)]
    pub from: Option<Shape>,
    /// Refuse keys the source carries that its adapter neither imports nor declares (exit 2);
    /// without it they are listed on stderr and in each row's source_unmapped.
    #[arg(long)]
    pub strict: bool,
    /// The index version of a source that does not state it (4.0, 4.1, ...; at most 16
    /// characters); a source that states another is an error.
    #[arg(long, value_name = "VERSION")]
    pub index_version: Option<String>,
}

fn shape_arg(text: &str) -> Result<Shape, String> {
    Shape::parse(text)
}

impl Ingest {
    pub fn options(&self, load: &LoadOptions) -> ImportOptions {
        ImportOptions {
            from: self.from.clone(),
            strict: self.strict,
            index_version: self.index_version.clone(),
            load: load.clone(),
        }
    }
}

impl Source {
    /// Reads a named methodology first (the dataset may carry the extra columns it declares), then
    /// the dataset; without a name, the methodology follows the dataset's index_version.
    pub fn resolve(&self) -> Result<(Dataset, Methodology), Failure> {
        let named = self.methodology.as_deref().map(methodology).transpose()?;
        let options = LoadOptions {
            extra_columns: named
                .as_ref()
                .map(Methodology::extra_columns)
                .unwrap_or_default(),
        };
        let dataset = dataset_from(self.dataset.as_deref(), &options, &self.ingest)?;
        let methodology = match named {
            Some(m) => m,
            None => methodology_for(&dataset)?,
        };
        Ok((dataset, methodology))
    }
}

/// `--format`: any of report's formats, listed from [`Format::ALL`] with their names, help and
/// aliases, so a new format needs no change here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFormat(pub Format);

const OUTPUT_FORMATS: [OutputFormat; Format::ALL.len()] = {
    let mut all = [OutputFormat(Format::Table); Format::ALL.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = OutputFormat(Format::ALL[i]);
        i += 1;
    }
    all
};

/// A format's possible value for clap: name, help and aliases.
pub fn possible_value(f: Format) -> clap::builder::PossibleValue {
    clap::builder::PossibleValue::new(f.name())
        .help(f.help())
        .aliases(f.aliases().iter().copied())
}

impl clap::ValueEnum for OutputFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &OUTPUT_FORMATS
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(possible_value(self.0))
    }
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        f.0
    }
}

/// Arguments every index-computing command with a table output shares. The format type is a
/// parameter so that a command can accept more formats than the others (its own `ValueEnum` that
/// converts into what it renders); every command but that one uses [`OutputFormat`].
#[derive(clap::Args)]
pub struct Common<F = OutputFormat>
where
    F: clap::ValueEnum + Clone + Send + Sync + 'static,
{
    #[command(flatten)]
    pub source: Source,
    /// Output format.
    #[arg(long, short, default_value = "table", value_parser = clap::builder::EnumValueParser::<F>::new())]
    pub format: F,
    /// Write to this file (atomically; a regular file or a new name) instead of stdout; `-` is
    /// stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// What [`Common`] resolves to.
pub struct Inputs<F = Format> {
    pub dataset: Dataset,
    pub methodology: Methodology,
    pub format: F,
}

impl<F> Common<F>
where
    F: clap::ValueEnum + Clone + Send + Sync + 'static,
{
    /// The dataset and methodology, with the format (already checked by clap) converted.
    pub fn resolve<T: From<F>>(&self) -> Result<Inputs<T>, Failure> {
        let (dataset, methodology) = self.source.resolve()?;
        Ok(Inputs {
            dataset,
            methodology,
            format: T::from(self.format.clone()),
        })
    }
}

/// A built-in methodology by name, or a TOML file read as every input is (a regular file of at most
/// 256 MiB).
pub fn methodology(name_or_path: &str) -> Result<Methodology, MethodologyError> {
    Methodology::resolve(name_or_path, |path| {
        path.exists().then(|| reweigh_data::read_input(path))
    })
}

/// The dataset used when none is given: AA's v4.0 payload of 2026-06-15 (384 models).
pub const DEFAULT_DATASET_NAME: &str = "aa-v4.0-2026-06-15.csv";
const DEFAULT_DATASET: &[u8] = include_bytes!("../../../datasets/aa-v4.0-2026-06-15.csv");

/// Loads the named dataset in any shape (telling stderr what was not imported), or the embedded
/// default.
pub fn dataset_from(
    path: Option<&Path>,
    options: &LoadOptions,
    ingest: &Ingest,
) -> Result<Dataset, Failure> {
    let Some(p) = path else {
        return Ok(load_bytes(
            &format!("embedded:{DEFAULT_DATASET_NAME}"),
            DEFAULT_DATASET,
            options,
        )?);
    };
    let name = p.display().to_string();
    let bytes = reweigh_data::read_input(p).map_err(|e| {
        reweigh_data::DataError::new(
            reweigh_data::DataErrorKind::Io,
            &name,
            "a readable dataset file",
        )
        .value(e)
        .fix("check the path; datasets/ holds the published snapshots")
    })?;
    let (dataset, imported) = reweigh_data::import::load(&name, &bytes, &ingest.options(options))?;
    if imported.shape.name() != Shape::CANONICAL {
        crate::say(&describe_import(&imported));
    }
    Ok(dataset)
}

/// One line for stderr: the shape read, the version, the keys not imported.
pub fn describe_import(i: &Imported) -> String {
    let unknown: Vec<String> = i
        .unknown_keys()
        .map(|u| reweigh_data::import::shown(&u.key))
        .collect();
    let declared = i.unmapped.len() - unknown.len();
    format!(
        "{}: read as {} ({}), {} records, index version {}; {} keys not imported: {declared} declared in datasets/adapters/{}.toml{}",
        i.table.origin,
        i.shape.name(),
        i.shape.title(),
        i.records,
        i.index_version.as_deref().unwrap_or("unknown"),
        i.unmapped.len(),
        i.shape.name(),
        if unknown.is_empty() {
            String::new()
        } else {
            format!(
                ", {} not known to the adapter ({}; --strict refuses them)",
                unknown.len(),
                unknown.join(", ")
            )
        }
    )
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
    let unstated = versions.iter().filter(|v| v.is_empty()).count();
    if unstated > 0 && unstated == versions.len() {
        return Err(Failure::input(format!(
            "{}: the index version is unknown (the source does not state it, and the same index key has held other scales: the v3-era index of gpt-oss-20b-low is 44.3, its v4 index 14). Fix: pass --methodology NAME (aa-v4.0, aa-v4.1, ...), or --index-version VERSION when importing or reading it",
            dataset.origin
        )));
    }
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

/// Weight overrides, on every command that computes an index.
#[derive(clap::Args, Clone)]
pub struct Weights {
    /// Relative weight of a component within its category, ID=WEIGHT (repeatable). WEIGHT is a
    /// finite number from 0 to 1.8e308 (weights are relative: 1e308 and 1e308 are 1:1); 0 removes
    /// the component and renormalises its category.
    #[arg(long = "weight", value_name = "ID=WEIGHT", value_parser = assignment("--weight"))]
    pub weight: Vec<(String, f64)>,
    /// Relative weight of a category, ID=WEIGHT (repeatable), a finite number from 0 to 1.8e308;
    /// category weights are renormalised, 0 removes the category.
    #[arg(long = "category", value_name = "ID=WEIGHT", value_parser = assignment("--category"))]
    pub category: Vec<(String, f64)>,
    /// Remove a component (repeatable); its category is renormalised.
    #[arg(long = "drop", value_name = "ID")]
    pub drop: Vec<String>,
}

/// Parses `ID=WEIGHT` on the command line (a finite weight, 0 or more).
fn assignment(
    flag: &'static str,
) -> impl Fn(&str) -> Result<(String, f64), String> + Clone + Send + Sync + 'static {
    move |text: &str| Overrides::parse_assignment(flag, text)
}

impl Weights {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            weights: self.weight.clone(),
            categories: self.category.clone(),
            drop: self.drop.clone(),
        }
    }
}

/// Missing components: each component's declared rule, or renormalise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Missing {
    /// Each component's rule as the methodology declares it (AA: no index).
    Declared,
    /// Drop missing components and renormalise the weights of their category.
    #[value(alias = "renormalise")]
    Renormalize,
}

impl From<Missing> for MissingOverride {
    fn from(m: Missing) -> MissingOverride {
        match m {
            Missing::Declared => MissingOverride::AsDeclared,
            Missing::Renormalize => MissingOverride::Renormalize,
        }
    }
}

/// How an index is computed: the abstention policy, the missing-data rule, the weight overrides.
#[derive(clap::Args)]
pub struct Scoring {
    /// How AA-Omniscience abstention is scored: aa, accuracy, penalty:P (0 <= P <= 1e6),
    /// confidence:T (0 < T < 1), credit:K (0 <= K <= 1), attempted, f1. See docs/abstention.md.
    #[arg(long, default_value = "aa", value_name = "POLICY", value_parser = policy_arg)]
    pub abstention: Policy,
    /// Missing components.
    #[arg(long, default_value = "declared")]
    pub missing: Missing,
    #[command(flatten)]
    pub weights: Weights,
}

impl Scoring {
    /// The options (every value was checked when the command line was parsed).
    pub fn options(&self) -> Result<ScoreOptions, Failure> {
        Ok(ScoreOptions {
            missing: self.missing.into(),
            abstention: self.abstention,
            overrides: self.weights.overrides(),
            run: Run::default(),
        })
    }
}

/// The policy names, for suggestions.
const POLICY_NAMES: [&str; 7] = [
    "aa",
    "accuracy",
    "penalty",
    "confidence",
    "credit",
    "attempted",
    "f1",
];

/// `--abstention POLICY` on the command line: a policy, its parameter checked, and the closest
/// policy name suggested on a typo (`penalti:1` → `penalty:1`).
pub fn policy_arg(text: &str) -> Result<Policy, String> {
    Policy::parse(text).map_err(|e| {
        let (name, arg) = match text.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (text, None),
        };
        if POLICY_NAMES.contains(&name) {
            return e;
        }
        let close = reweigh_evals::suggest::closest(name, POLICY_NAMES, 3);
        match close.first() {
            Some(best) => format!(
                "{e}; did you mean '{best}{}'?",
                arg.map(|a| format!(":{a}")).unwrap_or_default()
            ),
            None => e,
        }
    })
}

/// A policy read back from a receipt.
pub fn policy(text: &str) -> Result<Policy, Failure> {
    policy_arg(text).map_err(Failure::input)
}

/// A missing-data rule read back from a receipt.
pub fn missing_rule(missing: &str) -> Result<MissingOverride, Failure> {
    MissingOverride::parse(missing).ok_or_else(|| {
        Failure::input(format!(
            "--missing '{missing}' is not a rule; expected 'declared' (each component's rule in the methodology) or 'renormalize'"
        ))
    })
}

/// Applies the options to the methodology (abstention policy, overrides) and scores the dataset;
/// the receipt records `run` (the command, its seed). Returns the applied methodology with the
/// result.
pub fn score(
    dataset: &Dataset,
    methodology: &Methodology,
    options: &ScoreOptions,
    run: Run,
) -> Result<(Methodology, Scored), Failure> {
    let options = ScoreOptions {
        run,
        ..options.clone()
    };
    let applied = reweigh_composite::score::apply(methodology, &options).map_err(Failure::input)?;
    let scored = reweigh_composite::score::score_applied(dataset, &applied, &options)
        .map_err(Failure::input)?;
    Ok((applied, scored))
}

/// The refusal of a command that ranks models when fewer than two have an index under the
/// methodology's own weights: how many do, and why one does not.
pub fn too_few_ranked(command: &str, scored: &Scored, ranked: usize) -> Failure {
    let example = scored
        .models
        .iter()
        .find(|m| m.index.is_none() || m.flags.iter().any(|f| f.starts_with("renormalized:")))
        .map(|m| format!("; for example {}: {}", m.slug, m.no_index_reason()))
        .unwrap_or_default();
    Failure::input(format!(
        "{command} needs at least two models with an index under the methodology's own weights; {ranked} of {} in {} have one{example}",
        scored.models.len(),
        scored.dataset
    ))
}

/// Which rows are ranked, on every ranking command: `--as-of`, `--dedupe`, `--where`,
/// `--group-file` (and `--variants`). Without them every row of the dataset is ranked.
#[derive(clap::Args, Clone, Default)]
pub struct Selecting {
    /// Count only models released on or before DATE (YYYY-MM-DD, the dataset's release_date); rows
    /// without a release date are listed as excluded.
    #[arg(long, value_name = "DATE", value_parser = reweigh_composite::selection::parse_date)]
    pub as_of: Option<String>,
    /// One row per model: its best-scoring variant (variants share the display name without a
    /// reasoning/effort parenthesis; datasets/groups/variants.toml); the folds are shown.
    #[arg(long)]
    pub dedupe: bool,
    /// Rank only rows whose COLUMN is one of the values (repeatable; case-insensitive): creator,
    /// open_weights (true/false), license, reasoning, variant, group (with --group-file), slug,
    /// model, index_version. Creator and licence come from the dataset or datasets/attributes/.
    #[arg(long = "where", value_name = "COLUMN=VALUE[,VALUE]",
          value_parser = reweigh_composite::selection::Filter::parse)]
    pub filters: Vec<reweigh_composite::selection::Filter>,
    /// A TOML group file ([groups.NAME] creators = [...] and/or slugs = [...], at most 1,000
    /// groups): each group's standings ("fifth overall, first among NAME"); `--where group=NAME`
    /// ranks within one.
    #[arg(long, value_name = "FILE")]
    pub group_file: Option<PathBuf>,
    /// With --dedupe: a variants file replacing datasets/groups/variants.toml.
    #[arg(long, value_name = "FILE")]
    pub variants: Option<PathBuf>,
}

impl Selecting {
    /// The rules, with the files read; `None` when no flag asks for a selection.
    pub fn rules(&self) -> Result<Option<reweigh_composite::selection::Rules>, Failure> {
        use reweigh_composite::selection::{GroupFile, Rules, Variants};
        let read = |path: &Path, what: &str| -> Result<String, Failure> {
            let bytes = reweigh_data::read_input(path)
                .map_err(|e| Failure::input(format!("{what} {}: {e}", path.display())))?;
            String::from_utf8(bytes).map_err(|_| {
                Failure::input(format!(
                    "{what} {}: not UTF-8 text; save it as UTF-8",
                    path.display()
                ))
            })
        };
        let groups = match &self.group_file {
            Some(p) => Some(
                GroupFile::parse(&p.display().to_string(), &read(p, "--group-file")?)
                    .map_err(|e| Failure::input(format!("--group-file {}: {e}", p.display())))?,
            ),
            None => None,
        };
        let variants = match &self.variants {
            Some(p) => Variants::parse(&p.display().to_string(), &read(p, "--variants")?)
                .map_err(|e| Failure::input(format!("--variants {}: {e}", p.display())))?,
            None => Variants::builtin(),
        };
        let rules = Rules {
            as_of: self.as_of.clone(),
            dedupe: self.dedupe,
            filters: self.filters.clone(),
            groups,
            variants,
        };
        Ok(rules.is_active().then_some(rules))
    }

    /// Applies the selection to a scored dataset (unchanged without one).
    pub fn apply(&self, dataset: &Dataset, scored: Scored) -> Result<Scored, Failure> {
        match self.rules()? {
            Some(rules) => reweigh_composite::selection::select(dataset, &scored, &rules)
                .map_err(Failure::input),
            None => Ok(scored),
        }
    }
}
