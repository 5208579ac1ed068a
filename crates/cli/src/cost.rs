//! `reweigh cost`: what an index point costs, the tokens behind it, the cost frontier, re-pricing.

use reweigh_composite::Scoped;
use reweigh_composite::cost::{GroupChoice, MAX_GROUP, Options, Reprice, cost, order};
use reweigh_composite::receipt::Run;
use reweigh_composite::results::Cost;

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh cost                                          # every model: cost, cost per point, tokens, frontier
  reweigh cost --sort cost-per-point --models qwen3-7-max,gpt-5-5,claude-opus-4-7
  reweigh cost --top 10                                 # verbosity against the median of the 10 best
  reweigh cost --vs-group gpt-5-5,claude-opus-4-7,gemini-3-1-pro-preview
  reweigh cost --price qwen3-7-max=1.714/5.142          # at a reseller's price (input/output per 1M)
  reweigh cost --price qwen3-7-max=2.5/7.5/0.5          # a cache-hit price off AA's ratio: a bound
  reweigh cost --abstention penalty:1 --format json     # cost per point of another index

Cost is AA's published cost of running the Intelligence Index (USD), with its input, output,
reasoning and answer parts. Token counts are derived: cost ÷ price per 1M tokens × 10^6 (docs/cost.md).
A price or cost of 0 is AA's 'unknown', never free. The frontier: models that no other model beats
on both index and cost.";

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// By rank under the chosen scoring.
    Rank,
    /// Cheapest run first.
    Cost,
    /// Cheapest index point first.
    CostPerPoint,
    /// Fewest output tokens first.
    Tokens,
    /// Least verbose first.
    Verbosity,
}

/// Cost to run the index, cost per index point, derived tokens, the frontier, re-pricing.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// Verbosity against the median output tokens of these models (comma-separated slugs); default:
    /// every model with output tokens.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "SLUGS",
        conflicts_with = "top"
    )]
    pub vs_group: Vec<String>,
    /// Verbosity against the median of the N best-ranked models with output tokens, 1 to 100,000.
    #[arg(long, value_name = "N", value_parser = limits::count(1, MAX_GROUP, "--top 10"))]
    pub top: Option<usize>,
    /// Re-price a model: MODEL=IN/OUT[/CACHE] in USD per 1M tokens, each above 0 and at most 1e6
    /// (repeatable). The cost is recomputed from the derived tokens; a cached-input bound is shown.
    #[arg(long, value_name = "MODEL=IN/OUT[/CACHE]", value_parser = Reprice::parse)]
    pub price: Vec<Reprice>,
    /// Show only these models (comma-separated slugs); the frontier and the group use all.
    #[arg(long, value_delimiter = ',', value_name = "SLUGS")]
    pub models: Vec<String>,
    /// Row order (unknown values last).
    #[arg(long, default_value = "rank")]
    pub sort: Sort,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let options = args.scoring.options()?;
    let inputs: inputs::Inputs = args.common.resolve()?;
    let (_, scored) = inputs::score(
        &inputs.dataset,
        &inputs.methodology,
        &options,
        Run::command("cost"),
    )?;
    for slug in &args.models {
        if inputs.dataset.find(slug).is_none() {
            return Err(Failure::input(format!(
                "--models: {}",
                reweigh_composite::explain::unknown_slug(
                    slug,
                    inputs.dataset.rows.iter().map(|r| r.slug.as_str()),
                    &inputs.dataset.origin
                )
            )));
        }
    }
    let group = match (args.top, args.vs_group.is_empty()) {
        (Some(n), _) => GroupChoice::Top(n),
        (None, false) => GroupChoice::Listed(args.vs_group.clone()),
        (None, true) => GroupChoice::All,
    };
    let report = cost(
        &inputs.dataset,
        &scored,
        &Options {
            group,
            prices: args.price.clone(),
        },
    )
    .map_err(Failure::input)?;
    let sort = match args.sort {
        Sort::Rank => "rank",
        Sort::Cost => "cost",
        Sort::CostPerPoint => "cost-per-point",
        Sort::Tokens => "tokens",
        Sort::Verbosity => "verbosity",
    };
    let mut report = report;
    order(&mut report.models, &args.models, sort);
    let result = Cost {
        sort: sort.to_string(),
        report,
    };
    let bytes = inputs.format.export(&Scoped::new(&scored, &result));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
