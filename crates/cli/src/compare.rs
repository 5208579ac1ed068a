//! `reweigh compare --abstention A --abstention B [...]`: rankings under several policies.

use reweigh_composite::receipt::Run;
use reweigh_composite::{Policy, Scoped, ScoreOptions};

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh compare --abstention aa --abstention accuracy
  reweigh compare --abstention aa --abstention penalty:1 --abstention penalty:3 --format csv
  reweigh compare datasets/aa-v4.0-2026-06-05.csv --abstention aa --abstention confidence:0.75

Ranks are among the models with an index under every policy (the others are listed as excluded);
rank change is the last policy's rank minus the first's (negative = moved up). With --dedupe, each
model's variant is the best under the first policy, and the same variant is ranked under the others.";

/// Compare rankings under several abstention policies.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    /// An abstention policy; give two to 16 (aa, accuracy, penalty:P with 0 <= P <= 1e6,
    /// confidence:T with 0 < T < 1, credit:K with 0 <= K <= 1, attempted, f1).
    #[arg(long = "abstention", value_name = "POLICY", required = true,
          value_parser = inputs::policy_arg)]
    pub policies: Vec<Policy>,
    /// Missing components (as for `score`).
    #[arg(long, default_value = "declared")]
    pub missing: inputs::Missing,
    #[command(flatten)]
    pub weights: inputs::Weights,
    #[command(flatten)]
    pub selecting: inputs::Selecting,
}

/// The most policies one comparison takes (each is a full scoring of the dataset; every pair gets
/// its correlations).
pub const MAX_POLICIES: usize = 16;

pub fn run(args: Args) -> Result<u8, Failure> {
    if !(2..=MAX_POLICIES).contains(&args.policies.len()) {
        return Err(Failure::input(format!(
            "compare takes 2 to {MAX_POLICIES} --abstention policies, not {}; for example --abstention aa --abstention accuracy",
            args.policies.len()
        )));
    }
    let base = inputs::Scoring {
        abstention: Policy::Aa,
        missing: args.missing,
        weights: args.weights.clone(),
    }
    .options()?;
    let policies = args.policies.clone();
    let inputs: inputs::Inputs = args.common.resolve()?;
    let mut scorings = policies
        .iter()
        .map(|&abstention| {
            let options = ScoreOptions {
                abstention,
                ..base.clone()
            };
            inputs::score(
                &inputs.dataset,
                &inputs.methodology,
                &options,
                Run::command("compare"),
            )
            .map(|(_, scored)| scored)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(first) = scorings.first().cloned() {
        let selected = args.selecting.apply(&inputs.dataset, first)?;
        for s in &mut scorings[1..] {
            *s = reweigh_composite::selection::restrict(s, &selected);
        }
        scorings[0] = selected;
    }
    let labels: Vec<String> = policies.iter().map(|p| p.to_string()).collect();
    scorings[0].receipt.abstention = labels.join(" vs ");
    let comparison =
        reweigh_composite::compare::compare(labels, &scorings.iter().collect::<Vec<_>>());
    if comparison.rows.is_empty() {
        return Err(Failure::input(format!(
            "no model has an index under every policy; {}",
            comparison
                .excluded
                .first()
                .map(|e| format!("for example {}: {}", e.slug, e.reason))
                .unwrap_or_default()
        )));
    }
    let bytes = inputs
        .format
        .export(&Scoped::new(&scorings[0], &comparison));
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
