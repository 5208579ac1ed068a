//! `reweigh which-weights A`: the share of the weight simplex where a model ranks first.

use reweigh_composite::Scoped;
use reweigh_composite::explain::find;
use reweigh_composite::inverse::{Over, first_shares};
use reweigh_composite::receipt::Run;
use reweigh_composite::results::{FirstShare, FirstShares};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh which-weights claude-fable-5
  reweigh which-weights qwen3-7-max --samples 200000 --seed 3

Draws weightings uniformly from the simplex of category weights and from the simplex of component
weights, and reports the share under which the model ranks first (with its Monte-Carlo error).";

/// Share of all weightings under which a model ranks first.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model (its slug, as in `reweigh score`).
    pub model: String,
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// Weightings drawn from each simplex, 1 to 10,000,000; samples × models may be at most 5e8.
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = limits::count(1, limits::MAX_SAMPLES, "--samples 20000"))]
    pub samples: usize,
    /// The random seed (recorded in the output), 0 to 2^64 − 1.
    #[arg(long, default_value_t = 1, value_parser = limits::seed)]
    pub seed: u64,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let options = args.scoring.options()?;
    let inputs: inputs::Inputs = args.common.resolve()?;
    let (applied, scored) = inputs::score(
        &inputs.dataset,
        &inputs.methodology,
        &options,
        Run::command("which-weights").seed(args.seed),
    )?;
    let with_index = scored.models.iter().filter(|m| m.index.is_some()).count();
    limits::product(
        "--samples × models with an index",
        args.samples,
        with_index,
        limits::MAX_SAMPLE_MODELS,
        |limit| {
            format!(
                "use --samples {} or fewer for {with_index} models",
                (limit / with_index as f64).floor()
            )
        },
    )?;
    let slug = find(&scored, &args.model)
        .map_err(Failure::input)?
        .slug
        .clone();
    let shares = first_shares(
        &scored,
        &applied,
        &slug,
        &[Over::Categories, Over::Components],
        args.samples,
        args.seed,
    )
    .map_err(Failure::input)?
    .into_iter()
    .map(|(over, share, se)| FirstShare { over, share, se })
    .collect();
    let result = FirstShares {
        slug,
        samples: args.samples,
        seed: args.seed,
        shares,
    };
    let bytes = inputs.format.export(&Scoped::new(&scored, &result));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
