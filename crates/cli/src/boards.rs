//! `reweigh boards AA_DATASET OTHER_BOARD...`: AA's ranking against other leaderboards (LMArena),
//! on the models they share.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use reweigh_composite::Scoped;
use reweigh_composite::boards::{
    Aliases, Board, BoardComparison, Bounds, by_published, compare_boards,
};
use reweigh_composite::receipt::Run;
use reweigh_composite::results::Boards;
use reweigh_composite::uncertainty::{index_se, row_errors, z95};
use reweigh_composite::{Methodology, Scored};
use reweigh_data::boards::read_board;
use reweigh_evals::Dataset;
use reweigh_report::Format;

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh boards datasets/aa-v4.1-capture-2026-07-06.csv datasets/arena/arena_text_2026-07-04.json
  reweigh boards datasets/aa-v4.1-capture-2026-07-06.csv datasets/arena/arena_text_2026-07-04.json datasets/arena/arena_code_2026-07-04.json --format json
  reweigh boards datasets/aa-v4.1-2026-07-06.csv datasets/arena/arena_text_2026-07-04.json --aa-score recomputed --ci
  reweigh boards datasets/aa-v4.1-capture-2026-07-06.csv my-board.csv --aliases my-aliases.toml
  reweigh chart boards datasets/aa-v4.1-capture-2026-07-06.csv --board datasets/arena/arena_text_2026-07-04.json --out slope.png

A board is an Arena capture (.json, datasets/arena/README.md) or a CSV `model,score[,ci]`. Names are
matched to AA slugs only through the alias table (default datasets/arena/aliases.toml), never guessed;
every unmatched name is listed with its reason. Ranks are among the shared models; Kendall's tau-b and
Spearman's rho are on their scores.";

/// Which AA score is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AaScore {
    /// AA's published Intelligence Index, as the dataset carries it (AA's own board).
    Published,
    /// reweigh's index under the methodology, policy and weights given.
    Recomputed,
}

/// Compare AA's ranking with other leaderboards (Arena) on the models they share.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The AA dataset (.csv, .json or .parquet).
    pub aa: PathBuf,
    /// One to 16 other boards: Arena captures (.json) or CSV files `model,score[,ci]`.
    #[arg(required = true, num_args = 1..)]
    pub boards: Vec<PathBuf>,
    /// Alias table (TOML: [[alias]] name, slug, why; [[unmatched]] name, why); default: the
    /// built-in datasets/arena/aliases.toml.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Built-in methodology name or a TOML file; default: from the dataset's index_version.
    #[arg(long, short)]
    pub methodology: Option<String>,
    /// Which AA score is ranked.
    #[arg(long, default_value = "published")]
    pub aa_score: AaScore,
    /// Add AA's 95% interval (analytic, of the recomputed index) next to the board's ci.
    #[arg(long)]
    pub ci: bool,
    /// How many divergences to name and AA-only models to show in table formats, 1 to 10,000.
    #[arg(long, default_value_t = 10, value_name = "N",
          value_parser = limits::count(1, limits::MAX_BOARD_TOP, "--top 10"))]
    pub top: usize,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    #[command(flatten)]
    pub selecting: inputs::Selecting,
    /// Output format.
    #[arg(long, short, default_value = "table")]
    pub format: inputs::OutputFormat,
    /// Write to this file (atomically) instead of stdout; `-` is stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// The most boards one command compares.
pub const MAX_BOARDS: usize = 16;

/// What `boards` and `chart boards` share: the comparisons and the ranked AA result.
pub struct Compared {
    pub comparisons: Vec<BoardComparison>,
    pub scored: Scored,
}

/// Reads the boards and the alias table, scores and selects the AA dataset, and compares.
#[allow(clippy::too_many_arguments)]
pub fn compare_all(
    aa: &Path,
    boards: &[PathBuf],
    aliases: Option<&Path>,
    methodology: Option<&str>,
    aa_score: AaScore,
    ci: bool,
    top: usize,
    scoring: &inputs::Scoring,
    selecting: &inputs::Selecting,
    command: &str,
) -> Result<Compared, Failure> {
    if !(1..=MAX_BOARDS).contains(&boards.len()) {
        return Err(Failure::input(format!(
            "{command} compares 1 to {MAX_BOARDS} boards, not {}",
            boards.len()
        )));
    }
    let aliases = match aliases {
        Some(p) => {
            let text = read_text(p, "--aliases")?;
            Aliases::parse(&p.display().to_string(), &text)
                .map_err(|e| Failure::input(format!("--aliases {}: {e}", p.display())))?
        }
        None => Aliases::arena(),
    };
    let boards: Vec<Board> = boards
        .iter()
        .map(|p| {
            let bytes = reweigh_data::read_input(p)
                .map_err(|e| Failure::input(format!("board {}: {e}", p.display())))?;
            read_board(&p.display().to_string(), &bytes).map_err(|e| {
                Failure::input(format!(
                    "board {}: {e}. Fix: an Arena capture (.json, datasets/arena/README.md) or a CSV with the header model,score[,ci]",
                    p.display()
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let options = scoring.options()?;
    let source = inputs::Source {
        dataset: Some(aa.to_path_buf()),
        methodology: methodology.map(str::to_string),
        ingest: inputs::Ingest::default(),
    };
    let (dataset, methodology): (Dataset, Methodology) = source.resolve()?;
    let (applied, recomputed) =
        inputs::score(&dataset, &methodology, &options, Run::command(command))?;
    let (all, label) = match aa_score {
        AaScore::Published => (by_published(&recomputed), "published"),
        AaScore::Recomputed => (recomputed.clone(), "recomputed"),
    };
    let selected = selecting.apply(&dataset, all.clone())?;
    let intervals: HashMap<String, Bounds> = if ci {
        let restricted = reweigh_composite::selection::restrict(&recomputed, &selected);
        let z = z95();
        row_errors(&dataset, &applied, &restricted, false)
            .iter()
            .map(|r| {
                let se = index_se(r);
                (
                    r.slug.clone(),
                    Bounds {
                        lower: r.index - z * se,
                        upper: r.index + z * se,
                    },
                )
            })
            .collect()
    } else {
        HashMap::new()
    };
    let comparisons = boards
        .iter()
        .map(|b| compare_boards(&selected, &all, b, &aliases, label, &intervals, top))
        .collect();
    Ok(Compared {
        comparisons,
        scored: selected,
    })
}

fn read_text(path: &Path, what: &str) -> Result<String, Failure> {
    let bytes = reweigh_data::read_input(path)
        .map_err(|e| Failure::input(format!("{what} {}: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::input(format!("{what} {}: not UTF-8 text", path.display())))
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let compared = compare_all(
        &args.aa,
        &args.boards,
        args.aliases.as_deref(),
        args.methodology.as_deref(),
        args.aa_score,
        args.ci,
        args.top,
        &args.scoring,
        &args.selecting,
        "boards",
    )?;
    let scored = &compared.scored;
    let format: Format = args.format.into();
    let result = Boards {
        aa_score: format!("{:?}", args.aa_score).to_lowercase(),
        comparisons: compared.comparisons,
        shown: match format {
            Format::Csv | Format::Json => usize::MAX,
            _ => args.top,
        },
    };
    let bytes = format.export(&Scoped::new(scored, &result));
    output::emit(&bytes, args.out.as_deref())?;
    Ok(0)
}
