//! `reweigh sweep --penalty FROM:TO:STEP`: indices and ranks along a penalty range, exact crossings.

use reweigh_composite::explain::unknown_slug;
use reweigh_composite::sweep::{Axis, Grid};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh sweep --penalty 0:4:0.25                                  # the top 10 models at P = 0
  reweigh sweep --penalty 0:4:0.25 --models qwen3-7-max,qwen3-6-max,gpt-5-5
  reweigh sweep --confidence 0.1:0.9:0.1 --top 20 --format csv

Each model's AA-Omniscience score is (c - P*i + P)/(1 + P) (c = accuracy, i = wrong answers per
question); P = 1 is the Omniscience Index rescaled, a confidence target t is P = t/(1 - t). Crossings
are solved exactly, not read off the grid. Ranks are among all models with an index.";

/// Sweep the penalty for wrong AA-Omniscience answers and find where rankings flip.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
#[group(id = "axis", required = true, multiple = false, args = ["penalty", "confidence"])]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    /// Penalty range FROM:TO:STEP (penalty per wrong answer, 0 <= FROM <= TO <= 1e6, STEP > 0), at
    /// most 100,001 points.
    #[arg(long, value_name = "FROM:TO:STEP", value_parser = penalty_grid)]
    pub penalty: Option<Grid>,
    /// Confidence-target range FROM:TO:STEP, strictly between 0 and 1, at most 100,001 points.
    #[arg(long, value_name = "FROM:TO:STEP", value_parser = confidence_grid)]
    pub confidence: Option<Grid>,
    /// Only these models (comma-separated slugs), at most 1,000; models × points may be at most
    /// 2,000,000.
    #[arg(long, value_delimiter = ',', value_name = "SLUGS")]
    pub models: Vec<String>,
    /// Without --models: the N best models at the start of the range, 1 to 1,000; N × points may be
    /// at most 2,000,000.
    #[arg(long, default_value_t = 10, value_name = "N",
          value_parser = limits::count(1, limits::MAX_SWEEP_LINES, "--top 10"))]
    pub top: usize,
    #[command(flatten)]
    pub weights: inputs::Weights,
}

fn penalty_grid(text: &str) -> Result<Grid, String> {
    Grid::parse(text, Axis::Penalty)
}

fn confidence_grid(text: &str) -> Result<Grid, String> {
    Grid::parse(text, Axis::Confidence)
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let (axis, grid) = match (&args.penalty, &args.confidence) {
        (Some(p), _) => (Axis::Penalty, p),
        (None, Some(c)) => (Axis::Confidence, c),
        (None, None) => unreachable!("clap requires one of --penalty and --confidence"),
    };
    if args.models.len() > limits::MAX_SWEEP_LINES {
        return Err(Failure::input(format!(
            "--models lists {} models; at most {} lines are swept. Fix: list fewer",
            args.models.len(),
            limits::MAX_SWEEP_LINES
        )));
    }
    let lines = if args.models.is_empty() {
        args.top
    } else {
        args.models.len()
    };
    limits::sweep_cells(lines, grid.point_count())?;
    let overrides = args.weights.overrides();
    let inputs: inputs::Inputs = args.common.resolve()?;
    for slug in &args.models {
        if inputs.dataset.find(slug).is_none() {
            return Err(Failure::input(format!(
                "--models: {}",
                unknown_slug(
                    slug,
                    inputs.dataset.rows.iter().map(|r| r.slug.as_str()),
                    &inputs.dataset.origin
                )
            )));
        }
    }
    let sweep = reweigh_composite::sweep::sweep(
        &inputs.dataset,
        &inputs.methodology,
        &overrides,
        axis,
        grid,
        &args.models,
        args.top,
    )
    .map_err(Failure::input)?;
    let bytes = inputs.format.export(&sweep);
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
