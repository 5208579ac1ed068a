//! `reweigh diff A B`: what changed between two snapshots, and whether from the data or the
//! methodology.

use std::path::PathBuf;

use reweigh_composite::Methodology;
use reweigh_composite::diff::{Basis, Classification, DiffOptions, Side, diff};
use reweigh_composite::infer::infer_methodology;
use reweigh_data::{Dataset, LoadOptions};

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh diff datasets/aa-v4.0-2026-06-05.csv datasets/aa-v4.0-2026-06-15.csv
  reweigh diff A.csv B.csv --methodology aa-v4.0 --format json

Splits each model's change of the published index into the component changes scored under A's
methodology (data), B's methodology against A's on B's components (methodology), and the rest (frozen
values, rounding); the three add up to the change. Classifies the pair as none, data, methodology or
both, with the evidence: among the models whose unfrozen components did not change, did the published
index move? A's methodology is --methodology, else the version A states, else inferred from A; B's is
--methodology-b, else the version B states, else A's when the published index did not move, else
inferred from B. The output says which.";

/// Compare two snapshots: added and removed models, each model's change split into data,
/// methodology and rest, and a classification of the pair.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The earlier snapshot (a dataset file).
    pub a: PathBuf,
    /// The later snapshot.
    pub b: PathBuf,
    /// A's methodology (built-in name or TOML file); default: the version A states, else inferred.
    #[arg(long, short)]
    pub methodology: Option<String>,
    /// B's methodology; default: the version B states, else A's if the index did not move, else
    /// inferred from B.
    #[arg(long)]
    pub methodology_b: Option<String>,
    /// Index points within which a published index has not moved, or a row is fitted (0 to 100).
    #[arg(long, default_value_t = 1e-3, value_parser = crate::limits::tolerance)]
    pub tolerance: f64,
    #[command(flatten)]
    pub ingest: inputs::Ingest,
    /// Output format.
    #[arg(long, short, default_value = "table")]
    pub format: inputs::OutputFormat,
    /// Write to this file instead of stdout; `-` is stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

fn states_version(d: &Dataset) -> bool {
    d.rows
        .iter()
        .any(|r| r.text.get("index_version").is_some_and(|v| !v.is_empty()))
}

fn inferred(d: &Dataset, label: &str) -> Result<Methodology, Failure> {
    infer_methodology(d, &crate::history::aa_builtins(), &format!("inferred-{label}"))
        .map(|(m, _)| m)
        .ok_or_else(|| {
            Failure::input(format!(
                "{}: states no index version and no built-in AA methodology's columns fit it to infer one. Fix: pass --methodology{}",
                d.origin,
                if label == "b" { "-b" } else { "" }
            ))
        })
}

/// A side's methodology: given, stated, or `None` (to be inferred or taken as A's).
fn resolve(
    given: Option<Methodology>,
    d: &Dataset,
) -> Result<Option<(Methodology, Basis)>, Failure> {
    if let Some(m) = given {
        return Ok(Some((m, Basis::Given)));
    }
    if states_version(d) {
        return Ok(Some((inputs::methodology_for(d)?, Basis::Stated)));
    }
    Ok(None)
}

pub fn run(args: Args) -> Result<u8, Failure> {
    // Named methodologies first: the datasets may carry the extra columns they declare.
    let named_a = args
        .methodology
        .as_deref()
        .map(inputs::methodology)
        .transpose()?;
    let named_b = args
        .methodology_b
        .as_deref()
        .map(inputs::methodology)
        .transpose()?;
    let options = LoadOptions {
        extra_columns: named_a
            .iter()
            .chain(&named_b)
            .flat_map(Methodology::extra_columns)
            .collect(),
    };
    let load = |p: &PathBuf| inputs::dataset_from(Some(p), &options, &args.ingest);
    let (a, b) = (load(&args.a)?, load(&args.b)?);
    let pairs = reweigh_data::join::pair_by_slug(&a, &b)?;
    let diff_options = DiffOptions {
        tolerance: args.tolerance,
    };
    let (ma, basis_a) = match resolve(named_a, &a)? {
        Some(found) => found,
        None => (inferred(&a, "a")?, Basis::Inferred),
    };
    let side_a = Side {
        dataset: &a,
        methodology: &ma,
        basis: basis_a,
    };
    let compare = |mb: &Methodology, basis| {
        let side_b = Side {
            dataset: &b,
            methodology: mb,
            basis,
        };
        diff(&side_a, &side_b, &pairs, &diff_options).map_err(Failure::input)
    };
    let result = match resolve(named_b, &b)? {
        Some((mb, basis)) => compare(&mb, basis)?,
        None => {
            let same = compare(&ma, Basis::SameAsA)?;
            match same.classification {
                Classification::Methodology | Classification::Both => {
                    compare(&inferred(&b, "b")?, Basis::Inferred)?
                }
                _ => same,
            }
        }
    };
    let bytes = args.format.0.export(&result);
    output::emit(&bytes, args.out.as_deref())?;
    Ok(0)
}
