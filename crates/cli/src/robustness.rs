//! `reweigh robustness`: is the ranking an artefact of the weights?

use reweigh_composite::Scoped;
use reweigh_composite::receipt::Run;
use reweigh_composite::results::Robustness;
use reweigh_composite::robustness::{Matrix, robustness};
use reweigh_report::Format;

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh robustness                                   # 100,000 weightings, concentration 50
  reweigh robustness --concentration 10 --top 30       # weights further from AA's
  reweigh robustness --draws 20000 --seed 7 --format csv

Weightings w ~ Dirichlet(K·w0) around the methodology's effective weights w0 (larger K = closer to
w0; the mean is w0). For each model: rank under w0, median rank, 5% and 95% quantiles, P(rank 1).";

/// Rank distributions over weightings sampled around the methodology.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    #[command(flatten)]
    pub selecting: inputs::Selecting,
    /// Dirichlet concentration K, from 0.1 (smaller K makes the Gamma draws underflow; see
    /// docs/limits.md) to 1e12 (larger K is the methodology's weights to 6 digits).
    #[arg(long, default_value_t = 50.0, value_name = "K", value_parser = limits::concentration)]
    pub concentration: f64,
    /// Number of sampled weightings, 1 to 10,000,000; draws × models may be at most 2e8, and at
    /// most 10,000 models are ranked (the rank histogram is models × models).
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = limits::count(1, limits::MAX_DRAWS, "--draws 20000"))]
    pub draws: usize,
    /// The random seed (recorded in the output), 0 to 2^64 − 1.
    #[arg(long, default_value_t = 1, value_parser = limits::seed)]
    pub seed: u64,
    /// Rows shown in table and Markdown output (CSV and JSON have all), 1 to 10,000.
    #[arg(long, default_value_t = 25, value_name = "N",
          value_parser = limits::count(1, reweigh_composite::robustness::MAX_MODELS, "--top 30"))]
    pub top: usize,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let options = args.scoring.options()?;
    let inputs: inputs::Inputs = args.common.resolve()?;
    let run = Run::command("robustness").seed(args.seed);
    let (_, scored) = inputs::score(&inputs.dataset, &inputs.methodology, &options, run)?;
    let scored = args.selecting.apply(&inputs.dataset, scored)?;
    let (matrix, excluded) = Matrix::new(&scored);
    if matrix.rows() < 2 {
        return Err(inputs::too_few_ranked("robustness", &scored, matrix.rows()));
    }
    limits::robustness(matrix.rows(), args.draws)?;
    let stats =
        robustness(&matrix, args.concentration, args.draws, args.seed).map_err(Failure::input)?;
    let shown = match inputs.format {
        Format::Csv | Format::Json => stats.len(),
        _ => args.top,
    };
    let result = Robustness {
        draws: args.draws,
        concentration: args.concentration,
        seed: args.seed,
        components: matrix.components.len(),
        ranked: matrix.rows(),
        excluded_renormalised: excluded,
        models: stats,
        shown,
    };
    let bytes = inputs.format.export(&Scoped::new(&scored, &result));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
