//! `reweigh history`: AA's index over many captures — the captures held, models' index, rank and
//! columns over time, the captures at which the methodology changed — and the long-format store
//! they are kept in (`--out FILE.parquet`).

use std::path::{Path, PathBuf};

use reweigh_composite::Methodology;
use reweigh_composite::changes::{Step, scan};
use reweigh_composite::diff::{Basis, DiffOptions};
use reweigh_composite::history::{CaptureSummary, HistoryListing, HistorySeries, SeriesPoint};
use reweigh_composite::infer::infer_methodology;
use reweigh_data::history::{History, capture, from_manifest};
use reweigh_data::import::Origin;
use reweigh_data::{Dataset, LoadOptions};

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh history                                           # the 41 shipped captures (2026-06-05 .. 08-06)
  reweigh history --models qwen3-7-max,gpt-5-5              # index and rank in every capture
  reweigh history --models qwen3-7-max --columns published_index,index_cost_usd,hle
  reweigh history --methodology-changes                     # where the index stopped fitting its methodology
  reweigh history datasets/history/aa-history.parquet later.csv --methodology-changes
  reweigh history --manifest datasets/history/captures.csv --out datasets/history/aa-history.parquet

CAPTURES are history stores (.parquet written by --out) or capture files in any shape reweigh reads
(their time from a manifest, a file name such as aa_wide_2026-06-05T2148_96dd566.csv, or the
dataset's retrieved_at or snapshot_date); without any, the shipped history
(datasets/history/aa-history.parquet, compiled in). Ranks are by AA's published index among the
capture's models (1 = highest; ties by slug).";

/// The shipped history: 41 daily captures of AA's evaluations page, in long format.
pub const SHIPPED: &[u8] = include_bytes!("../../../datasets/history/aa-history.parquet");
pub const SHIPPED_NAME: &str = "embedded:aa-history.parquet";

/// AA's index over many captures.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// History stores (.parquet) and capture files; default: the shipped history.
    pub captures: Vec<PathBuf>,
    /// A manifest (CSV: file, captured_at, index_version, source) listing capture files beside it.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Models to follow (comma-separated slugs).
    #[arg(long, value_delimiter = ',', value_name = "SLUGS")]
    pub models: Vec<String>,
    /// With --models: the columns to show (default published_index).
    #[arg(long, value_delimiter = ',', value_name = "COLUMNS")]
    pub columns: Vec<String>,
    /// List the captures at which the published index stops following the methodology in force,
    /// with the evidence and the methodology inferred after each change.
    #[arg(long)]
    pub methodology_changes: bool,
    /// With --methodology-changes: the methodology in force at the first capture (default: the
    /// version it states, else inferred).
    #[arg(long, short)]
    pub methodology: Option<String>,
    /// With --methodology-changes: index points within which a published index has not moved.
    #[arg(long, default_value_t = 1e-3, value_parser = crate::limits::tolerance)]
    pub tolerance: f64,
    #[command(flatten)]
    pub ingest: inputs::Ingest,
    /// Output format.
    #[arg(long, short, default_value = "table")]
    pub format: inputs::OutputFormat,
    /// Write the history itself (long format; .parquet or .csv) to this file, or with --models or
    /// --methodology-changes the table; `-` is stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// The history the arguments name.
pub fn load(
    captures: &[PathBuf],
    manifest: Option<&Path>,
    ingest: &inputs::Ingest,
) -> Result<History, Failure> {
    let options = ingest.options(&LoadOptions::default());
    let mut parts = Vec::new();
    if let Some(m) = manifest {
        parts.push(from_manifest(m, &options)?);
    }
    let mut loose = Vec::new();
    for path in captures {
        let name = path.display().to_string();
        let bytes =
            reweigh_data::read_input(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        // A Parquet file with the history's columns is a store (its footer is checked first, so
        // other files fail at once); anything else is a capture.
        if let Ok(store) = History::from_parquet(&name, &bytes) {
            parts.push(store);
            continue;
        }
        let origin = if reweigh_data::import::capture_stamp(&name).is_some() {
            Origin::capture_file(name.clone())
        } else {
            Origin::file(name.clone())
        };
        loose.push(capture(&bytes, &origin, None, &options)?);
    }
    if !loose.is_empty() {
        parts.push(History::of("captures", &loose)?);
    }
    if parts.is_empty() {
        return Ok(History::from_parquet(SHIPPED_NAME, SHIPPED)?);
    }
    let mut all = parts.remove(0);
    for p in parts {
        all = all.merge(p)?;
    }
    Ok(all)
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let history = load(&args.captures, args.manifest.as_deref(), &args.ingest)?;
    let store = args.out.as_deref().filter(|o| {
        !args.methodology_changes
            && args.models.is_empty()
            && o.extension().is_some_and(|e| e == "parquet" || e == "csv")
    });
    if let Some(path) = store {
        let bytes = if path.extension().is_some_and(|e| e == "parquet") {
            history.to_parquet()?
        } else {
            history.to_csv()?
        };
        output::emit(&bytes, Some(path))?;
        return Ok(0);
    }
    let bytes = if args.methodology_changes {
        changes(&history, &args)?
    } else if !args.models.is_empty() {
        series(&history, &args)?
    } else {
        let captures = history
            .summary()?
            .into_iter()
            .map(|(m, models, with_index, with_cost)| CaptureSummary {
                captured_at: m.captured_at,
                capture: m.capture,
                index_version: m.index_version,
                source_shape: m.source_shape,
                capture_source: m.capture_source,
                capture_sha256: m.capture_sha256,
                models,
                with_index,
                with_cost,
            })
            .collect();
        args.format.0.export(&HistoryListing {
            history: history.origin.clone(),
            captures,
        })
    };
    output::emit(&bytes, args.out.as_deref())?;
    Ok(0)
}

fn series(history: &History, args: &Args) -> Result<Vec<u8>, Failure> {
    // Each column once, in the order asked (a pivot cannot hold a column twice).
    let mut columns: Vec<String> = Vec::new();
    for c in &args.columns {
        if !columns.contains(c) {
            columns.push(c.clone());
        }
    }
    if columns.is_empty() {
        columns.push("published_index".to_string());
    }
    for c in &columns {
        if reweigh_evals::registry::numeric_column(c).is_none() {
            return Err(Failure::input(format!(
                "--columns: '{}' is not a numeric column reweigh knows (datasets/README.md lists them)",
                c.escape_debug()
            )));
        }
    }
    let rows = history.series(&args.models, &columns)?;
    let not_found = args
        .models
        .iter()
        .filter(|m| !rows.iter().any(|r| &r.slug == *m))
        .cloned()
        .collect();
    let points = rows
        .into_iter()
        .map(|r| SeriesPoint {
            slug: r.slug,
            captured_at: r.captured_at,
            capture: r.capture,
            index_version: r.index_version,
            rank: r.rank,
            ranked: r.ranked,
            values: r.values,
        })
        .collect();
    Ok(args.format.0.export(&HistorySeries {
        history: history.origin.clone(),
        columns,
        points,
        not_found,
    }))
}

/// The built-in AA methodologies, the candidates for inference.
pub fn aa_builtins() -> Vec<Methodology> {
    reweigh_composite::methodology::BUILTIN
        .iter()
        .filter(|(name, _)| name.starts_with("aa-v"))
        .filter_map(|(name, _)| Methodology::builtin(name))
        .collect()
}

fn changes(history: &History, args: &Args) -> Result<Vec<u8>, Failure> {
    let metas = history.captures()?;
    if metas.len() < 2 {
        return Err(Failure::input(format!(
            "{}: {} capture(s); a change needs two",
            history.origin,
            metas.len()
        )));
    }
    let datasets: Vec<Dataset> = metas
        .iter()
        .map(|m| history.snapshot(m, &LoadOptions::default()))
        .collect::<Result<_, _>>()?;
    let label = |i: usize| format!("{} {}", metas[i].captured_at, metas[i].capture);
    let mut steps = Vec::new();
    for (i, d) in datasets.iter().enumerate() {
        let pairs = if i == 0 {
            Vec::new()
        } else {
            reweigh_data::join::pair_by_slug(&datasets[i - 1], d)?
        };
        steps.push(Step {
            label: label(i),
            dataset: d,
            pairs,
        });
    }
    let candidates = aa_builtins();
    let (initial, basis) = match &args.methodology {
        Some(name) => (inputs::methodology(name)?, Basis::Given),
        None => match &metas[0].index_version {
            Some(_) => (inputs::methodology_for(&datasets[0])?, Basis::Stated),
            None => (
                infer_methodology(&datasets[0], &candidates, &format!("inferred:{}", label(0)))
                    .map(|(m, _)| m)
                    .ok_or_else(|| {
                        Failure::input(format!(
                            "{}: the first capture states no index version and no built-in methodology fits it. Fix: pass --methodology",
                            label(0)
                        ))
                    })?,
                Basis::Inferred,
            ),
        },
    };
    let result = scan(
        &steps,
        &initial,
        basis,
        &candidates,
        &DiffOptions {
            tolerance: args.tolerance,
        },
    )
    .map_err(Failure::input)?;
    Ok(args.format.0.export(&result))
}

/// `--at DATE`: a date or a UTC timestamp, checked before anything is read.
pub fn date_arg(text: &str) -> Result<String, String> {
    let t = text.trim();
    let fail = || {
        "expected a date YYYY-MM-DD or a UTC timestamp YYYY-MM-DDTHH:MM:SSZ; for example 2026-06-15"
            .to_string()
    };
    // ASCII only, so every byte index below is a character boundary.
    if !t.is_ascii() || t.len() < 10 || t.len() > 25 {
        return Err(fail());
    }
    let (date, time) = t.split_at(10);
    let parts: Vec<&str> = date.split('-').collect();
    let number = |p: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| range.contains(&n))
    };
    let date_ok = parts.len() == 3
        && number(parts[0], 4, 0..=9999)
        && number(parts[1], 2, 1..=12)
        && number(parts[2], 2, 1..=31);
    let time_ok = time.is_empty()
        || (time.len() > 1
            && time.starts_with('T')
            && time[1..]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'Z'));
    if date_ok && time_ok {
        Ok(t.to_string())
    } else {
        Err(fail())
    }
}

/// The inputs of `score --at DATE`: the capture in force at DATE, and the named methodology or the
/// one its index version states.
pub fn inputs_at(
    date: &str,
    history: Option<&Path>,
    common: &inputs::Common,
) -> Result<inputs::Inputs, Failure> {
    if let Some(d) = &common.source.dataset {
        return Err(Failure::input(format!(
            "give either DATASET ({}) or --at DATE, not both",
            d.display()
        )));
    }
    let store: Vec<PathBuf> = history.map(Path::to_path_buf).into_iter().collect();
    let h = load(&store, None, &common.source.ingest)?;
    let captures = h.captures()?;
    let Some(meta) = h.at(date)? else {
        return Err(Failure::input(format!(
            "--at {date}: {} has no capture at or before it (its captures run from {} to {})",
            h.origin,
            captures.first().map_or("-", |c| c.captured_at.as_str()),
            captures.last().map_or("-", |c| c.captured_at.as_str())
        )));
    };
    let named = common
        .source
        .methodology
        .as_deref()
        .map(inputs::methodology)
        .transpose()?;
    let options = LoadOptions {
        extra_columns: named
            .as_ref()
            .map(Methodology::extra_columns)
            .unwrap_or_default(),
    };
    let dataset = h.snapshot(&meta, &options)?;
    crate::say(&format!(
        "--at {date}: capture {} taken {} (index version {})",
        meta.capture,
        meta.captured_at,
        meta.index_version.as_deref().unwrap_or("unknown")
    ));
    let methodology = match named {
        Some(m) => m,
        None => inputs::methodology_for(&dataset)?,
    };
    Ok(inputs::Inputs {
        dataset,
        methodology,
        format: common.format.0,
    })
}
