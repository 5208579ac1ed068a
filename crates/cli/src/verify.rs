//! `reweigh verify`: recompute a dataset and compare with the published index and sub-indices.

use std::path::{Path, PathBuf};

use reweigh_composite::overrides::Overrides;
use reweigh_composite::receipt::{Receipt, Recorded, differences};
use reweigh_composite::score::ScoreOptions;
use reweigh_report::{Format, json, layout};

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh verify                                          # embedded AA v4.0 snapshot
  reweigh verify datasets/aa-v4.0-2026-06-05.csv          # exit 0: every row within 1e-3
  reweigh verify datasets/aa-v4.1-2026-07-06.csv --tolerance 0.05
  reweigh verify --format json --out verify.json          # for CI
  reweigh verify --receipt scores.json                    # re-run a `score --format json` output

Prints max |delta| per quantity (index, and each category with a published sub-index), every value
beyond the tolerance, and the rows that cannot be recomputed with the reason. Exit 1 if any value is
beyond the tolerance, 0 otherwise, 2 on bad input.";

/// Check that published indices reproduce.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// Largest accepted |computed − published|, in index points: a finite number, 0 or more.
    #[arg(long, default_value_t = 1e-3, value_parser = crate::limits::tolerance)]
    pub tolerance: f64,
    /// Re-run the receipt in this JSON output of `reweigh score --format json` and check that every
    /// hash and number is the same (exit 1 if not).
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    if let Some(path) = &args.receipt {
        return rerun(path);
    }
    if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
        return Err(Failure::input(format!(
            "--tolerance {} is not a tolerance; expected a number of index points, 0 or more (for example 0.001)",
            args.tolerance
        )));
    }
    let options = args.scoring.options()?;
    let inputs = args.common.resolve()?;
    let (_, scored) = inputs::score(&inputs.dataset, &inputs.methodology, &options, "verify")?;
    let verification = reweigh_composite::verify(&scored, &inputs.methodology, args.tolerance);
    let bytes = match inputs.format {
        Format::Json => json::verification(&verification, &scored),
        other => other.render(&layout::verification(&verification, &scored)),
    };
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(if verification.passed() { 0 } else { 1 })
}

/// Re-runs a receipt: same dataset bytes, same methodology, same numbers.
fn rerun(path: &Path) -> Result<u8, Failure> {
    let file = path.display().to_string();
    let bad = |what: String| {
        Failure::input(format!(
            "{file}: {what}. Fix: pass the JSON written by `reweigh score --format json`"
        ))
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read: {e}")))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
    let receipt: Receipt = serde_json::from_value(doc["receipt"].clone())
        .map_err(|e| bad(format!("no valid 'receipt' object: {e}")))?;
    if receipt.command != "score" {
        return Err(bad(format!(
            "a receipt of `{}`; only receipts of `score` can be re-run",
            receipt.command
        )));
    }
    let recorded: Vec<Recorded> = serde_json::from_value(doc["models"].clone())
        .map_err(|e| bad(format!("no valid 'models' array: {e}")))?;
    let origin = &receipt
        .datasets
        .first()
        .ok_or_else(|| bad("no dataset".into()))?
        .origin;
    let dataset = match origin.strip_prefix("embedded:") {
        Some(name) if name == inputs::DEFAULT_DATASET_NAME => None,
        Some(name) => {
            return Err(bad(format!(
                "embedded dataset '{name}' is not in this build"
            )));
        }
        None => Some(PathBuf::from(origin)),
    };
    let (dataset, methodology) = inputs::Source {
        dataset,
        methodology: Some(receipt.methodology.source.clone()),
    }
    .resolve()?;
    let options = ScoreOptions {
        missing: inputs::missing_rule(&receipt.missing)?,
        abstention: inputs::policy(&receipt.abstention)?,
        overrides: Overrides::from_descriptions(&receipt.overrides).map_err(bad)?,
    };
    let (_, scored) = inputs::score(&dataset, &methodology, &options, "score")?;
    let diffs = differences(&receipt, &recorded, &scored);
    let mut out = format!(
        "receipt {file}: {} re-run with {} ({} models)\n",
        receipt.engine,
        scored.receipt.engine,
        recorded.len()
    );
    if diffs.is_empty() {
        out.push_str("every hash and number is the same\n");
    } else {
        out.push_str(&format!("{} differences:\n", diffs.len()));
        for d in &diffs {
            out.push_str(&format!("  {d}\n"));
        }
    }
    output::emit(out.as_bytes(), None)?;
    Ok(if diffs.is_empty() { 0 } else { 1 })
}
