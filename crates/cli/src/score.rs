//! `reweigh score`: the ranked index of every model in a dataset.

use reweigh_composite::Scoped;
use reweigh_composite::receipt::Run;
use reweigh_composite::uncertainty::{intervals, row_errors};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh score                                    # embedded AA v4.0 snapshot, 2026-06-15
  reweigh score datasets/aa-v4.0-2026-06-05.csv    # another snapshot
  reweigh score --format json --out scores.json    # everything: categories, contributions, deltas
  reweigh score datasets/aa-v4.1-2026-07-06.csv    # v4.1 (methodology picked from index_version)
  reweigh score --methodology my-index.toml        # your own methodology file
  reweigh score --missing renormalize              # drop missing components instead of no index
  reweigh score --abstention penalty:1             # score AA-Omniscience abstention differently
  reweigh score --ci                               # 95% intervals: analytic and bootstrap, rank intervals, ties
  reweigh score --ci --bootstrap 2000 --seed 7 --format json
  reweigh score --as-of 2026-05-20 --dedupe         # as reporters count: one row per model, released by then
  reweigh score --dedupe --where creator=Alibaba,DeepSeek --where open_weights=true
  reweigh score --as-of 2026-05-20 --dedupe --group-file my-groups.toml   # \"fifth overall, first among …\"";

/// Compute the index of every model and print them ranked.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub common: inputs::Common,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    #[command(flatten)]
    pub selecting: inputs::Selecting,
    /// Add 95% intervals (analytic and bootstrap), rank intervals and statistically tied ranks.
    #[arg(long)]
    pub ci: bool,
    /// With --ci: bootstrap draws per model, 1 to 1,000,000; draws × models with an index may be at
    /// most 1e7 (26,041 draws for the default dataset's 384 models).
    #[arg(long, default_value_t = 10_000, value_name = "B",
          value_parser = limits::count(1, limits::MAX_BOOTSTRAP, "--bootstrap 2000"))]
    pub bootstrap: usize,
    /// With --ci: the random seed (recorded in the output), 0 to 2^64 − 1.
    #[arg(long, default_value_t = 1, value_parser = limits::seed)]
    pub seed: u64,
    /// With --ci: binomial n = items × repeats instead of items (narrower; repeats re-run the same
    /// items).
    #[arg(long)]
    pub count_repeats: bool,
    /// Score the capture of the history in force at DATE (YYYY-MM-DD, the whole day, or a UTC
    /// timestamp such as 2026-06-15T12:00:00Z): the last one taken at or before it. Instead of
    /// DATASET.
    #[arg(long, value_name = "DATE", value_parser = crate::history::date_arg)]
    pub at: Option<String>,
    /// With --at: the history (a store written by `reweigh history --out`); default: the shipped one.
    #[arg(long, value_name = "FILE", requires = "at")]
    pub history: Option<std::path::PathBuf>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let options = args.scoring.options()?;
    let inputs: inputs::Inputs = match &args.at {
        Some(date) => crate::history::inputs_at(date, args.history.as_deref(), &args.common)?,
        None => args.common.resolve()?,
    };
    // A receipt written to a file records the dataset's path relative to it, so `verify --receipt`
    // re-runs from any working directory.
    let run = Run {
        command: "score".into(),
        seed: args.ci.then_some(args.seed),
        dataset_from_output: output::file(args.common.out.as_deref())
            .and_then(|out| output::relative_to_output(&inputs.dataset.origin, out)),
    };
    let (applied, scored) = inputs::score(&inputs.dataset, &inputs.methodology, &options, run)?;
    let scored = args.selecting.apply(&inputs.dataset, scored)?;
    let bytes = if args.ci {
        let with_index = scored.models.iter().filter(|m| m.index.is_some()).count();
        limits::product(
            "--bootstrap × models with an index",
            args.bootstrap,
            with_index,
            limits::MAX_BOOTSTRAP_MODELS,
            |limit| {
                format!(
                    "use --bootstrap {} or fewer for {with_index} models",
                    (limit / with_index as f64).floor()
                )
            },
        )?;
        let rows = row_errors(&inputs.dataset, &applied, &scored, args.count_repeats);
        let ci = intervals(&rows, args.bootstrap, args.seed);
        inputs.format.export(&Scoped::new(&scored, &ci))
    } else {
        inputs.format.export(&scored)
    };
    output::emit(&bytes, args.common.out.as_deref())?;
    Ok(0)
}
