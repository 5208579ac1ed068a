//! `reweigh verify`: recompute a dataset and compare with the published index and sub-indices; check
//! solved values against independently published ones; re-run a receipt.

use std::path::{Path, PathBuf};

use reweigh_composite::Scoped;
use reweigh_composite::overrides::Overrides;
use reweigh_composite::receipt::Run;
use reweigh_composite::score::ScoreOptions;
use reweigh_composite::verify::Outcome;
use reweigh_composite::verify::receipt::{NOT_COMPARED, ReceiptCheck, differences, parse_output};
use reweigh_report::junit::Origin;
use reweigh_report::{Format, github, junit};
use serde_json::Value;

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh verify                                          # embedded AA v4.0 snapshot
  reweigh verify datasets/aa-v4.0-2026-06-05.csv          # exit 0: every row within 1e-3
  reweigh verify datasets/aa-v4.1-2026-07-06.csv --tolerance 0.05
  reweigh verify --format json --out verify.json          # for CI: \"status\" is pass, fail or nothing-compared
  reweigh verify --format junit --out verify.xml          # JUnit XML, one test case per checked value
  reweigh verify --format github                          # GitHub Actions annotations
  reweigh verify --receipt scores.json                    # re-run a `score --format json` output

Checks each recomputed index and category score with a published value (independently, or, where a
frozen value was solved from that published value, by construction: shown, not counted), and each
solved value against the live value the dataset publishes (the methodology's plausibility band).
Exit 0 when every independent check is within tolerance; 1 when one is not, or when nothing could be
checked independently (unless --allow-nothing-compared); 2 on bad input.";

/// Output formats of `verify`: every command's formats, and two that CI systems read (JUnit XML: one
/// test suite per quantity, one test case per checked value; GitHub Actions workflow commands: an
/// error annotation per value beyond tolerance).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum VerifyFormat {
    Common(Format),
    Junit,
    Github,
}

const VERIFY_FORMATS: [VerifyFormat; Format::ALL.len() + 2] = {
    let mut all = [VerifyFormat::Junit; Format::ALL.len() + 2];
    let mut i = 0;
    while i < Format::ALL.len() {
        all[i] = VerifyFormat::Common(Format::ALL[i]);
        i += 1;
    }
    all[i + 1] = VerifyFormat::Github;
    all
};

impl clap::ValueEnum for VerifyFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &VERIFY_FORMATS
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            VerifyFormat::Common(f) => inputs::possible_value(*f),
            VerifyFormat::Junit => clap::builder::PossibleValue::new("junit")
                .help("JUnit XML: one test suite per quantity, one test case per checked value"),
            VerifyFormat::Github => clap::builder::PossibleValue::new("github").help(
                "GitHub Actions workflow commands: an error annotation per value beyond tolerance",
            ),
        })
    }
}

/// Check that published indices reproduce.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub source: inputs::Source,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: VerifyFormat,
    /// Write to this file (atomically) instead of stdout; `-` is stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// Largest accepted |computed − published|, in index points, 0 to 100.
    #[arg(long, default_value_t = 1e-3, value_parser = crate::limits::tolerance)]
    pub tolerance: f64,
    /// Exit 0 when nothing could be checked independently (a dataset without published values);
    /// without it that is a failure (exit 1), so a CI job cannot pass by checking nothing.
    #[arg(long)]
    pub allow_nothing_compared: bool,
    /// Re-run the receipt in this JSON output of `reweigh score --format json` and check every
    /// number, name and hash in it (exit 1 on any difference). With a DATASET argument, that file
    /// is used (its SHA-256 must match the receipt's).
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    if let Some(path) = &args.receipt {
        return rerun(
            path,
            args.source.dataset.as_deref(),
            args.format,
            args.out.as_deref(),
        );
    }
    let options = args.scoring.options()?;
    let (dataset, methodology) = args.source.resolve()?;
    let (_, scored) = inputs::score(&dataset, &methodology, &options, Run::command("verify"))?;
    let verification = reweigh_composite::verify(&scored, &methodology, &dataset, args.tolerance);
    let file = (!dataset.origin.starts_with("embedded:")).then_some(dataset.origin.as_str());
    let is_csv = dataset.origin.to_ascii_lowercase().ends_with(".csv");
    // CSV line of a row: the header is line 1 (fields with embedded line breaks would shift this;
    // AA's data has none).
    let line_of_row = move |row: usize| is_csv.then_some(row + 2);
    let origin = Origin {
        file,
        line_of_row: &line_of_row,
    };
    let allow = args.allow_nothing_compared;
    let bytes = match args.format {
        VerifyFormat::Common(format) => format.export(&Scoped::new(&scored, &verification)),
        VerifyFormat::Junit => junit::render(&verification, &origin, allow),
        VerifyFormat::Github => github::render(&verification, &origin, allow),
    };
    output::emit(&bytes, args.out.as_deref())?;
    Ok(match verification.outcome() {
        Outcome::Pass => 0,
        Outcome::NothingCompared if allow => 0,
        Outcome::NothingCompared | Outcome::Fail => 1,
    })
}

/// Re-runs a receipt: the same dataset bytes (found by path, identified by SHA-256), the same
/// methodology, policy, missing-data rule and overrides; then compares the whole recorded output with
/// the re-run's, field by field.
fn rerun(
    path: &Path,
    dataset_arg: Option<&Path>,
    format: VerifyFormat,
    out: Option<&Path>,
) -> Result<u8, Failure> {
    let file = path.display().to_string();
    let bad = |what: String| {
        Failure::input(format!(
            "{file}: {what}. Fix: pass the JSON written by `reweigh score --format json`"
        ))
    };
    let text = reweigh_data::read_input(path)
        .map_err(bad)
        .and_then(|b| String::from_utf8(b).map_err(|e| bad(format!("not UTF-8 text: {e}"))))?;
    let (receipt, recorded) = parse_output(&text).map_err(bad)?;
    if receipt.command != "score" {
        return Err(bad(format!(
            "a receipt of `{}`; only receipts of `score` can be re-run",
            receipt.command
        )));
    }
    if receipt.seed.is_some() || recorded.get("bootstrap").is_some() {
        return Err(bad(
            "a receipt of `score --ci`: its bootstrap intervals are not re-run by `verify --receipt` (only `score --format json` outputs are)".into(),
        ));
    }
    if let Some(selection) = &receipt.selection {
        return Err(bad(format!(
            "a receipt of a selection ({}): `verify --receipt` re-runs only receipts of every row; re-run `score --format json` without --as-of, --dedupe, --where and --group-file to get one",
            selection.rules.join("; ")
        )));
    }
    let [recorded_dataset] = receipt.datasets.as_slice() else {
        return Err(bad(format!(
            "{} datasets in the receipt; a receipt of `score` names exactly one",
            receipt.datasets.len()
        )));
    };
    let dataset = locate(path, recorded_dataset, dataset_arg)?;
    let (dataset, methodology) = inputs::Source {
        dataset,
        methodology: Some(receipt.methodology.source.clone()),
        ingest: inputs::Ingest::default(),
    }
    .resolve()?;
    let options = ScoreOptions {
        missing: inputs::missing_rule(&receipt.missing)?,
        abstention: inputs::policy(&receipt.abstention)?,
        overrides: Overrides::from_descriptions(&receipt.overrides).map_err(bad)?,
        run: Run::default(),
    };
    let (_, scored) = inputs::score(&dataset, &methodology, &options, Run::command("score"))?;
    let now: Value = serde_json::to_value(&scored).expect("our own JSON");
    let check = ReceiptCheck {
        receipt: file.clone(),
        recorded_by: receipt.engine.clone(),
        rerun_by: scored.receipt.engine.clone(),
        dataset: dataset.origin.clone(),
        models: now["models"].as_array().map_or(0, Vec::len),
        not_compared: NOT_COMPARED.iter().map(|p| p.to_string()).collect(),
        differences: differences(&recorded, &now),
    };
    let bytes = match format {
        VerifyFormat::Common(format) => format.export(&check),
        VerifyFormat::Junit => junit::receipt_check(&check),
        VerifyFormat::Github => github::receipt_check(&check),
    };
    output::emit(&bytes, out)?;
    Ok(if check.passed() { 0 } else { 1 })
}

/// The dataset a receipt names: the embedded one, or a file whose SHA-256 matches, looked for beside
/// the receipt (its recorded path relative to the output, or its file name), then as recorded
/// (relative to the working directory). `None` is the embedded default.
fn locate(
    receipt: &Path,
    recorded: &reweigh_composite::receipt::DatasetReceipt,
    given: Option<&Path>,
) -> Result<Option<PathBuf>, Failure> {
    if let Some(p) = given {
        return Ok(Some(p.to_path_buf()));
    }
    if let Some(name) = recorded.origin.strip_prefix("embedded:") {
        return if name == inputs::DEFAULT_DATASET_NAME {
            Ok(None)
        } else {
            Err(Failure::input(format!(
                "{}: embedded dataset '{name}' is not in this build. Fix: pass the dataset file as the DATASET argument",
                receipt.display()
            )))
        };
    }
    let here = receipt.parent().unwrap_or(Path::new("."));
    let origin = Path::new(&recorded.origin);
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(rel) = &recorded.from_output {
        candidates.push(here.join(rel));
    }
    if let Some(name) = origin.file_name() {
        candidates.push(here.join(name));
    }
    candidates.push(origin.to_path_buf());
    let mut found = Vec::new();
    for c in &candidates {
        if let Ok(bytes) = reweigh_data::read_input(c) {
            let sha = reweigh_evals::sha256_hex(&bytes);
            if sha == recorded.sha256 {
                return Ok(Some(c.clone()));
            }
            found.push(format!("{} (sha256 {sha})", c.display()));
        }
    }
    // A file that is there but changed is a difference to report, not a missing input: re-run on it.
    if let Some(first) = candidates.iter().find(|c| c.is_file()) {
        crate::say(&format!(
            "the dataset the receipt names (sha256 {}) was not found; re-running on {}, which differs: {}",
            recorded.sha256,
            first.display(),
            found.join(", ")
        ));
        return Ok(Some(first.clone()));
    }
    Err(Failure::input(format!(
        "{}: cannot find the dataset '{}' (sha256 {}); looked for {}. Fix: pass the dataset file as the DATASET argument",
        receipt.display(),
        recorded.origin,
        recorded.sha256,
        candidates
            .iter()
            .map(|c| c.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )))
}
