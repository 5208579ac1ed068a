//! `reweigh explain MODEL [--vs OTHER]`: contributions, and the exact decomposition of a difference.

use reweigh_composite::Scoped;
use reweigh_composite::receipt::Run;

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh explain qwen3-7-max                             # each component's contribution in index points
  reweigh explain qwen3-7-max --vs qwen3-6-max            # the difference, term by term (terms sum to it)
  reweigh explain qwen3-7-max --vs qwen3-6-max --abstention penalty:1
  reweigh explain claude-fable-5 --vs gpt-5-5 --format json

With --vs, a second table gives the cost of running the index and the output tokens of both models and
their difference (tokens derived: cost ÷ price; docs/cost.md), when the dataset has AA's costs.

Under an abstention policy other than aa, the AA-Omniscience term is split into an accuracy part and a
hallucination/abstention part (a two-factor Shapley split, so the parts sum to the term exactly).";

/// Explain a model's index, or its difference from another model.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model's slug (as in `reweigh score`).
    pub model: String,
    /// Decompose MODEL's index minus OTHER's (OTHER is a slug).
    #[arg(long, value_name = "OTHER")]
    pub vs: Option<String>,
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
        Run::command("explain"),
    )?;
    let explanation = reweigh_composite::explain::explain(
        &inputs.dataset,
        &applied,
        &scored,
        &args.model,
        args.vs.as_deref(),
    )
    .map_err(Failure::input)?;
    let bytes = inputs.format.export(&Scoped::new(&scored, &explanation));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
