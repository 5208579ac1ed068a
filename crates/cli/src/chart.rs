//! `reweigh chart KIND --out FILE`: a chart for an article, SVG or PNG by the file's extension.

use std::path::PathBuf;

use crate::figures::{Params, build};
use reweigh_composite::Policy;
use reweigh_composite::sweep::{Axis, Grid};
use reweigh_report::charts::{ImageFormat, render};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh chart ranking --out ranking.png                          # top 20, bars stacked by category
  reweigh chart ranking --models qwen3-7-max,qwen3-6-max,gpt-5-5 --out three.svg
  reweigh chart waterfall --model qwen3-7-max --vs qwen3-6-max --out why.png
  reweigh chart abstention --models qwen3-7-max,qwen3-6-max,gpt-5-5 --penalty 0:4:0.05 --out flip.svg
  reweigh chart omniscience --models qwen3-7-max,qwen3-6-max --out omniscience.png
  reweigh chart compare --abstention aa --against accuracy --top 15 --out slope.png
  reweigh chart compare --against-methodology equal-evals --out methodologies.svg
  reweigh chart cost --models qwen3-7-max,qwen3-6-max,gpt-5-5,kimi-k2-6 --out cost.png
  reweigh chart tokens --top 15 --out tokens.svg                   # the 15 best, most tokens first
  reweigh chart boards datasets/aa-v4.1-capture-2026-07-06.csv --board datasets/arena/arena_text_2026-07-04.json --out boards.png
  reweigh chart weights --methodology aa-v4.0 --against-methodology aa-v4.1 --out weights.svg
  reweigh chart history --models qwen3-7-max,gpt-5-5,claude-opus-4-7 --y index --out history.png

Kinds: ranking, waterfall, abstention, omniscience, compare, cost, tokens, weights (two
methodologies' shares, --against-methodology), history (--models over the captures), boards (AA rank ↔ the other board's rank
on the shared models; --board FILE, --aliases, --aa-score and the selection flags as for `reweigh boards`). Every chart has a footnote naming the
dataset snapshot, the methodology (name and hash) and the abstention policy. Text uses DejaVu Sans,
compiled into the binary.";

/// The chart kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Horizontal bars of the index, stacked by category.
    Ranking,
    /// One model's index minus another's, component by component.
    Waterfall,
    /// Rank (or index) of chosen models along a penalty for wrong AA-Omniscience answers.
    Abstention,
    /// AA-Omniscience accuracy against hallucination rate, every model.
    Omniscience,
    /// A slope chart of ranks under two abstention policies or two methodologies.
    Compare,
    /// The index against the cost of running it (log scale), the Pareto frontier drawn, chosen
    /// (--models) or frontier models labelled.
    Cost,
    /// Output tokens by model, split into reasoning and answer tokens (derived: cost ÷ price).
    Tokens,
    /// A slope chart of AA's rank and another board's (Arena) on the models they share.
    Boards,
    /// Each component's share of the index under two methodologies (--methodology and
    /// --against-methodology), side by side.
    Weights,
    /// Chosen models' published index or rank (--y) over the captures of a history (DATASET: a
    /// store written by `reweigh history --out`, default the shipped one), methodology changes marked.
    History,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ranking => "ranking",
            Kind::Waterfall => "waterfall",
            Kind::Abstention => "abstention",
            Kind::Omniscience => "omniscience",
            Kind::Compare => "compare",
            Kind::Cost => "cost",
            Kind::Tokens => "tokens",
            Kind::Boards => "boards",
            Kind::Weights => "weights",
            Kind::History => "history",
        }
    }
}

/// What the abstention chart plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Y {
    /// Each model's rank among all models.
    Rank,
    /// Each model's index.
    Index,
}

/// Draw a chart (SVG or PNG by the extension of --out).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The kind of chart.
    pub kind: Kind,
    #[command(flatten)]
    pub source: inputs::Source,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// The image to write: .svg or .png.
    #[arg(long, short)]
    pub out: PathBuf,
    /// WIDTHxHEIGHT in pixels, from 200x150 to 8000x8000.
    #[arg(long, default_value = "1200x800", value_parser = limits::size)]
    pub size: (u32, u32),
    /// ranking, compare, tokens: the N best models (when --models is not given), 1 to 100 (default
    /// 20); abstention: 1 to 12 (default 12).
    #[arg(long, value_name = "N",
          value_parser = limits::count(1, limits::MAX_CHART_MODELS, "--top 20"))]
    pub top: Option<usize>,
    /// Chosen models (comma-separated slugs), at most 100.
    #[arg(long, value_delimiter = ',', value_name = "SLUGS")]
    pub models: Vec<String>,
    /// waterfall: the model whose index is explained (a slug).
    #[arg(long)]
    pub model: Option<String>,
    /// waterfall: the model it is compared with (a slug).
    #[arg(long, value_name = "OTHER")]
    pub vs: Option<String>,
    /// abstention: the penalty range FROM:TO:STEP (0 <= FROM <= TO <= 1e6, STEP > 0), at most
    /// 100,001 points; lines × points may be at most 2,000,000.
    #[arg(long, default_value = "0:4:0.05", value_name = "FROM:TO:STEP",
          value_parser = |t: &str| Grid::parse(t, Axis::Penalty))]
    pub penalty: Grid,
    /// abstention: what to plot.
    #[arg(long, default_value = "rank")]
    pub y: Y,
    /// compare: the second abstention policy (as for --abstention).
    #[arg(long, default_value = "accuracy", value_name = "POLICY", value_parser = inputs::policy_arg)]
    pub against: Policy,
    /// compare: a second methodology (name or TOML file) instead of a second policy.
    #[arg(long, value_name = "NAME|FILE")]
    pub against_methodology: Option<String>,
    /// boards: the other board (an Arena capture .json or a CSV model,score[,ci]).
    #[arg(long, value_name = "FILE")]
    pub board: Option<PathBuf>,
    /// boards: the alias table (default datasets/arena/aliases.toml).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// boards: which AA score is ranked.
    #[arg(long, default_value = "published")]
    pub aa_score: crate::boards::AaScore,
    #[command(flatten)]
    pub selecting: inputs::Selecting,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let name = args.out.display().to_string();
    let format = ImageFormat::from_name(&name).ok_or_else(|| {
        Failure::input(format!(
            "--out {name}: expected a file ending in .svg or .png"
        ))
    })?;
    if args.models.len() > limits::MAX_CHART_MODELS {
        return Err(Failure::input(format!(
            "--models lists {} models; a chart shows at most {}. Fix: list fewer",
            args.models.len(),
            limits::MAX_CHART_MODELS
        )));
    }
    let top = match (args.kind, args.top) {
        (Kind::Abstention, Some(n)) if n > limits::MAX_ABSTENTION_LINES => {
            return Err(Failure::input(format!(
                "--top {n}: the abstention chart draws at most {} lines; use --top {} or fewer, or --models",
                limits::MAX_ABSTENTION_LINES,
                limits::MAX_ABSTENTION_LINES
            )));
        }
        (Kind::Abstention, top) => top.unwrap_or(limits::MAX_ABSTENTION_LINES),
        (_, top) => top.unwrap_or(20),
    };
    if args.kind == Kind::Abstention {
        let lines = if args.models.is_empty() {
            top
        } else {
            args.models.len()
        };
        limits::sweep_cells(lines, args.penalty.point_count())?;
    }
    let params = Params {
        size: args.size,
        top,
        models: args.models.clone(),
        pair: args.model.clone().zip(args.vs.clone()),
        penalty: args.penalty.clone(),
        by_index: args.y == Y::Index,
        against: args.against,
        against_methodology: args
            .against_methodology
            .as_deref()
            .map(crate::inputs::methodology)
            .transpose()?,
    };
    if args.kind == Kind::Boards {
        return boards(&args, format);
    }
    if args.kind == Kind::History {
        return history(&args, format);
    }
    if args.selecting.rules()?.is_some() {
        return Err(Failure::input(format!(
            "--as-of, --dedupe, --where and --group-file apply to `chart boards`, not `chart {}`; use `reweigh score` with them for the ranking table",
            args.kind.name()
        )));
    }
    let options = args.scoring.options()?;
    let (dataset, methodology) = args.source.resolve()?;
    let (chart, frame) = build(args.kind.name(), &dataset, &methodology, &options, &params)
        .map_err(Failure::input)?;
    let bytes = render(&chart, &frame, format).map_err(Failure::input)?;
    output::emit(&bytes, Some(&args.out))?;
    Ok(0)
}

/// `chart boards`: AA's rank and the other board's on the shared models, as a slope chart.
fn boards(args: &Args, format: ImageFormat) -> Result<u8, Failure> {
    let (Some(aa), Some(board)) = (args.source.dataset.as_deref(), args.board.as_deref()) else {
        return Err(Failure::input(
            "chart boards needs the AA dataset and --board FILE; for example reweigh chart boards datasets/aa-v4.1-capture-2026-07-06.csv --board datasets/arena/arena_text_2026-07-04.json --out boards.png",
        ));
    };
    let compared = crate::boards::compare_all(
        aa,
        &[board.to_path_buf()],
        args.aliases.as_deref(),
        args.source.methodology.as_deref(),
        args.aa_score,
        false,
        10,
        &args.scoring,
        &args.selecting,
        "chart boards",
    )?;
    let c = &compared.comparisons[0];
    if c.shared.len() < 2 {
        return Err(Failure::input(format!(
            "{} and {} share {} model(s) through the alias table; a slope chart needs two. Fix: add [[alias]] entries",
            aa.display(),
            board.display(),
            c.shared.len()
        )));
    }
    let top = args.top.unwrap_or(limits::MAX_CHART_MODELS);
    let chart = reweigh_report::charts::compare::Slope {
        left: "AA rank".into(),
        right: format!("{} rank", c.board),
        rows: c
            .shared
            .iter()
            .take(top)
            .map(|r| (r.name.clone(), r.aa_rank, r.board_rank))
            .collect(),
    };
    let s = &compared.scored;
    let fmt = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.3}"));
    let frame = reweigh_report::charts::Frame {
        title: format!(
            "AA Intelligence Index vs {}: {} shared models",
            c.board,
            c.shared.len()
        ),
        footnote: format!(
            "Ranks among the {} models on both boards (1 = best). Kendall's tau-b {}, Spearman's rho {}.\nAA: {} ({} index, {} {}). {}: {}{}.\nMatched through {} (sha256 {}); {} of the board's {} entries unmatched (`reweigh boards` says why).",
            c.shared.len(),
            fmt(c.kendall_tau_b),
            fmt(c.spearman_rho),
            file_name(&s.dataset),
            c.aa_score,
            s.methodology.name,
            &s.methodology.hash[..8.min(s.methodology.hash.len())],
            c.board,
            file_name(&c.origin),
            c.fetched_at
                .as_ref()
                .map(|f| format!(", fetched {}", &f[..10.min(f.len())]))
                .unwrap_or_default(),
            c.aliases,
            &c.aliases_sha256[..8.min(c.aliases_sha256.len())],
            c.unmatched_names.len(),
            c.board_entries
        ),
        size: args.size,
    };
    let bytes = render(&chart, &frame, format).map_err(Failure::input)?;
    output::emit(&bytes, Some(&args.out))?;
    Ok(0)
}

/// The last component of a path, for chart footnotes.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |f| f.to_string_lossy().into_owned())
}

/// `chart history`: chosen models over the captures of a history, index-version changes marked.
fn history(args: &Args, format: ImageFormat) -> Result<u8, Failure> {
    if args.models.is_empty() || args.models.len() > limits::MAX_ABSTENTION_LINES {
        return Err(Failure::input(format!(
            "chart history draws one line per model: give 1 to {} models with --models",
            limits::MAX_ABSTENTION_LINES
        )));
    }
    let stores: Vec<PathBuf> = args.source.dataset.iter().cloned().collect();
    let h = crate::history::load(&stores, None, &args.source.ingest)?;
    let captures = h.captures()?;
    let by_rank = args.y == Y::Rank;
    let rows = h.series(&args.models, &["published_index".to_string()])?;
    let position = |at: &str, capture: &str| {
        captures
            .iter()
            .position(|c| c.captured_at == at && c.capture == capture)
    };
    let lines = args
        .models
        .iter()
        .map(|slug| reweigh_report::charts::history::Line {
            label: slug.clone(),
            points: rows
                .iter()
                .filter(|r| &r.slug == slug)
                .filter_map(|r| {
                    let y = if by_rank {
                        r.rank.map(|k| k as f64)
                    } else {
                        r.values.first().and_then(|v| v.1)
                    }?;
                    Some((position(&r.captured_at, &r.capture)?, y))
                })
                .collect(),
        })
        .collect();
    let switches = captures
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].index_version != w[1].index_version)
        .map(|(i, w)| {
            (
                i + 1,
                format!("v{}", w[1].index_version.as_deref().unwrap_or("?")),
            )
        })
        .collect();
    let chart = reweigh_report::charts::history::HistoryChart {
        dates: captures.iter().map(|c| c.captured_at.clone()).collect(),
        lines,
        switches,
        by_rank,
    };
    let frame = reweigh_report::charts::Frame {
        title: format!(
            "AA Intelligence Index over {} captures: {}",
            captures.len(),
            if by_rank { "rank" } else { "published index" }
        ),
        footnote: format!(
            "Data: Artificial Analysis (published results), {} ({} … {}). Dashed: the index version changes.\n(`reweigh history --methodology-changes` finds the change from the numbers alone.) Computed with {}",
            h.origin.trim_start_matches("embedded:"),
            captures
                .first()
                .map_or("", |c| &c.captured_at[..10.min(c.captured_at.len())]),
            captures
                .last()
                .map_or("", |c| &c.captured_at[..10.min(c.captured_at.len())]),
            reweigh_composite::receipt::ENGINE
        ),
        size: args.size,
    };
    let bytes = render(
        &reweigh_report::charts::any::AnyChart::History(chart),
        &frame,
        format,
    )
    .map_err(Failure::input)?;
    output::emit(&bytes, Some(&args.out))?;
    Ok(0)
}
