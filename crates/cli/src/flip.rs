//! `reweigh flip A B`: the smallest weight change that reverses two models.

use reweigh_composite::Scoped;
use reweigh_composite::explain::find;
use reweigh_composite::inverse::{Over, flip};
use reweigh_composite::receipt::Run;
use reweigh_composite::results::Flips;

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh flip qwen3-7-max gpt-5-5
  reweigh flip claude-fable-5 claude-opus-4-8 --format json

Reports, separately over the category weights and over the components' effective weights, the
weighting closest to the methodology's in L1 distance under which the two swap places (by 1e-6 index
points beyond a tie), or says that no weighting on the simplex reverses them.";

/// The smallest change of weights that reverses two models.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// First model (its slug, as in `reweigh score`).
    pub a: String,
    /// Second model (its slug).
    pub b: String,
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let options = args.scoring.options()?;
    let inputs: inputs::Inputs = args.common.resolve()?;
    let (applied, scored) = inputs::score(
        &inputs.dataset,
        &inputs.methodology,
        &options,
        Run::command("flip"),
    )?;
    let a = find(&scored, &args.a).map_err(Failure::input)?;
    let b = find(&scored, &args.b).map_err(Failure::input)?;
    let flips = [Over::Categories, Over::Components]
        .into_iter()
        .map(|over| flip(&applied, a, b, over))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::input)?;
    let result = Flips {
        a: a.slug.clone(),
        b: b.slug.clone(),
        flips,
    };
    let bytes = inputs.format.export(&Scoped::new(&scored, &result));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
