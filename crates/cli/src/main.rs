//! `reweigh`: recompute, re-weight and verify AI model intelligence indices.
//!
//! Exit codes: 0 success; 1 a check failed (`verify` found drift); 2 bad input or usage.

mod boards;
mod chart;
mod compare;
mod cost;
mod diff;
mod explain;
mod fetch;
mod figures;
mod flip;
mod history;
mod import;
mod infer;
mod inputs;
mod limits;
mod methodology;
mod output;
mod report;
mod robustness;
mod score;
mod sweep;
mod verify;
mod which_weights;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "reweigh",
    version,
    about = "Recompute, re-weight and verify the Artificial Analysis Intelligence Index",
    long_about = "reweigh recomputes AI model intelligence indices from their published component \
scores. It reproduces the Artificial Analysis Intelligence Index v4.0 exactly from AA's own \
published numbers, and checks that published values reproduce.\n\n\
Without a DATASET argument, commands use the embedded AA v4.0 snapshot of 2026-06-15 (384 models).",
    after_help = "Examples:\n  reweigh score\n  reweigh score datasets/aa-v4.0-2026-06-05.csv --format markdown\n  reweigh verify datasets/aa-v4.0-2026-06-15.csv\n  reweigh explain qwen3-7-max --vs qwen3-6-max\n  reweigh compare --abstention aa --abstention penalty:1\n  reweigh sweep --penalty 0:4:0.25 --models qwen3-7-max,qwen3-6-max\n  reweigh cost --models qwen3-7-max,qwen3-6-max,gpt-5-5\n\nExit codes: 0 ok, 1 a check failed, 2 bad input or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Score(score::Args),
    Verify(verify::Args),
    Explain(explain::Args),
    Compare(compare::Args),
    Sweep(sweep::Args),
    Methodology(methodology::Args),
    Chart(chart::Args),
    Report(report::Args),
    Robustness(robustness::Args),
    Flip(flip::Args),
    Infer(infer::Args),
    WhichWeights(which_weights::Args),
    Boards(boards::Args),
    Cost(cost::Args),
    /// What changed between two snapshots: data, methodology or both, each model's change split
    Diff(diff::Args),
    Fetch(fetch::Args),
    Import(import::Args),
    /// AA's index over many captures: models' index and rank over time, methodology changes
    History(history::Args),
}

/// Writes one line to stderr, `reweigh: ` first. Messages quote values from files and the command
/// line: every control character (a line break too) is shown escaped, never sent raw, so a name can
/// neither drive the terminal nor forge a line. A stderr that cannot be written is not a crash.
pub fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "reweigh: {}",
        reweigh_report::escape::visible(message)
    );
}

/// A failure to report: its exit code and a message for a person.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad input or usage (exit 2).
    pub fn input(message: impl std::fmt::Display) -> Failure {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }
}

impl From<reweigh_evals::DataError> for Failure {
    fn from(e: reweigh_evals::DataError) -> Self {
        Failure::input(e)
    }
}

impl From<reweigh_composite::MethodologyError> for Failure {
    fn from(e: reweigh_composite::MethodologyError) -> Self {
        Failure::input(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Methodology(args) => methodology::run(args),
        Command::Chart(args) => chart::run(args),
        Command::Report(args) => report::run(args),
        Command::Robustness(args) => robustness::run(args),
        Command::Flip(args) => flip::run(args),
        Command::Infer(args) => infer::run(args),
        Command::WhichWeights(args) => which_weights::run(args),
        Command::Boards(args) => boards::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Fetch(args) => fetch::run(args),
        Command::Import(args) => import::run(args),
        Command::History(args) => history::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            say(&format!("error: {}", f.message));
            ExitCode::from(f.code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand, flag and positional of every command has help text (`--help` and `-V` are
    /// clap's own).
    #[test]
    fn every_argument_has_help() {
        fn walk(
            cmd: &clap::Command,
            path: &str,
            seen: &mut Vec<String>,
            missing: &mut Vec<String>,
        ) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                seen.push(format!("{path} {id}"));
                let text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if text.trim().is_empty() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_name() == "help" {
                    continue;
                }
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (the subcommand)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), seen, missing);
            }
        }
        let cli = Cli::command();
        cli.clone().debug_assert();
        let (mut seen, mut missing) = (Vec::new(), Vec::new());
        walk(&cli, "reweigh", &mut seen, &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
        // The walk reached the arguments that once had no help, and all the others.
        for needle in [
            "reweigh robustness seed",
            "reweigh which-weights samples",
            "reweigh which-weights seed",
            "reweigh methodology diff b",
            "reweigh chart kind",
        ] {
            assert!(seen.iter().any(|s| s == needle), "{needle} not visited");
        }
        assert!(seen.len() > 100, "only {} arguments visited", seen.len());
    }
}
