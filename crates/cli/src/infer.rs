//! `reweigh infer`: recover a methodology's weights from a snapshot's components and published index.

use std::path::PathBuf;

use reweigh_composite::infer::{Estimator, InferOptions, infer};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh infer datasets/aa-v4.0-2026-06-15.csv                  # the eleven v4.0 weights, exact fractions
  reweigh infer datasets/aa-v4.1-2026-07-06.csv --format json
  reweigh infer datasets/aa-v4.0-2026-06-15.csv --out-methodology inferred.toml
  reweigh verify datasets/aa-v4.0-2026-06-15.csv --methodology inferred.toml
  reweigh infer --components hle,gpqa,critpt,scicode              # only these candidates

Regresses the published index on the component scores by least squares on the simplex (weights ≥ 0,
summing to 1: each is a component's share of the index). The component scores are those of the
dataset's methodology (or --methodology): its columns, normalisers and freeze rules, not its weights.
Reports the fit, bootstrap uncertainty per weight, exact fractions where the fit supports them, and
where the residual lives.";

/// Infer a methodology's weights from published numbers.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    /// Candidate components (ids or columns, comma-separated); default: every component of the
    /// methodology.
    #[arg(long, value_delimiter = ',')]
    pub components: Vec<String>,
    /// Bootstrap resamples over models for the weights' uncertainty (0 to 1000; each refits every
    /// weight by up to 100 least-squares solves).
    #[arg(long, default_value_t = 200, value_parser = limits::count(0, 1_000, "--bootstrap 200"))]
    pub bootstrap: usize,
    /// Least squares instead of least absolute deviations (which is robust to rows whose published
    /// index used a frozen value the dataset lacks).
    #[arg(long)]
    pub least_squares: bool,
    /// The random seed of the bootstrap (recorded in the output), 0 to 2^64 − 1.
    #[arg(long, default_value_t = 1, value_parser = limits::seed)]
    pub seed: u64,
    /// Also write the inferred methodology as a TOML file `verify --methodology` reads.
    #[arg(long, value_name = "FILE")]
    pub out_methodology: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let inputs: inputs::Inputs = args.common.resolve()?;
    let options = InferOptions {
        components: args.components.clone(),
        bootstrap: args.bootstrap,
        seed: args.seed,
        estimator: if args.least_squares {
            Estimator::LeastSquares
        } else {
            Estimator::LeastAbsolute
        },
        ..InferOptions::default()
    };
    let inference =
        infer(&inputs.dataset, &inputs.methodology, &options).map_err(Failure::input)?;
    let methodology_text = match &args.out_methodology {
        Some(path) => {
            let stem = path
                .file_stem()
                .map_or("inferred".into(), |s| s.to_string_lossy().into_owned());
            let m = inference.methodology(&inputs.methodology, &stem);
            let mut text = format!(
                "# Inferred by `reweigh infer` from {} (methodology {} for columns, normalisers and freeze).\n# Fit: {} rows, max |residual| {:e}, RMS {:e}.\n",
                inference.dataset,
                inference.reference,
                inference.fit.rows_used,
                inference.fit.max_abs_residual,
                inference.fit.rms_residual
            );
            text.push_str(
                &toml::to_string(&m)
                    .map_err(|e| Failure::input(format!("cannot write TOML: {e}")))?,
            );
            // What is written must read back as the same definition.
            reweigh_composite::Methodology::parse(&path.display().to_string(), &text)?;
            Some((path.clone(), text))
        }
        None => None,
    };
    let bytes = inputs.format.export(&inference);
    if let Some((path, text)) = &methodology_text {
        output::emit(text.as_bytes(), Some(path))?;
    }
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
