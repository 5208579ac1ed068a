//! `reweigh import`: AA's data as AA publishes it, written as a canonical dataset with its
//! provenance on every row.

use std::path::{Path, PathBuf};

use reweigh_composite::imports::{Import, ImportSource, UnmappedKey};
use reweigh_data::import::{Origin, capture_stamp, import_many, shown, write_table};
use reweigh_data::{Format, MAX_INPUT_BYTES};

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh import page1.json page2.json --out today.csv     # /api/v2/language/models, every page
  reweigh import datasets/history/captures/aa_wide_2026-06-15T0612_b8bcb2a.csv --out capture.parquet --index-version 4.0
  reweigh import legacy.json --out legacy.json.csv --strict # refuse keys the adapter does not know
  reweigh import site.json --from aa-site-camelcase --out site.csv
  reweigh score today.csv && reweigh verify today.csv       # every command reads what import writes

The shape of each source is recognised from its content (datasets/adapters/*.toml says how);
--from forces one. Sources of one shape import together (pages of one response, several files):
slugs must be unique across them and every page present once. Units become canonical exactly
(percent 45.03 -> fraction 0.4503 by moving the decimal point; AA's 0 for an unknown price, speed
or cost -> NA; \"$undefined\" and null -> NA). Nothing is written unless every record imports.";

/// Import AA payloads, site records or daily captures as a canonical dataset (CSV, JSON, Parquet).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Source files of one shape: AA API pages (language Pro/Free, legacy), site records, the
    /// OpenRouter proxy, daily capture CSVs, or canonical datasets; together at most 256 MiB.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
    /// The dataset to write: .csv, .json or .parquet (by extension), atomically; nothing is
    /// written on failure.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub ingest: inputs::Ingest,
    /// When the sources were retrieved or captured (recorded on every row, at most 64
    /// characters); default: the time a capture's file name states, otherwise unknown.
    #[arg(long, value_name = "TIME")]
    pub retrieved_at: Option<String>,
    /// The endpoint the sources were served by (recorded on every row, at most 200 characters);
    /// default: the shape's endpoint.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Output format of the summary printed on stdout.
    #[arg(long, short, default_value = "table")]
    pub format: inputs::OutputFormat,
}

fn bounded(flag: &str, text: &Option<String>, max: usize) -> Result<(), Failure> {
    if let Some(t) = text
        && (t.is_empty() || t.chars().count() > max || t.chars().any(char::is_control))
    {
        return Err(Failure::input(format!(
            "{flag} '{}': expected 1 to {max} characters without control characters",
            shown(t)
        )));
    }
    Ok(())
}

pub fn run(args: Args) -> Result<u8, Failure> {
    bounded("--retrieved-at", &args.retrieved_at, 64)?;
    bounded("--endpoint", &args.endpoint, 200)?;
    let out_name = args.out.display().to_string();
    let format = Format::from_name(&out_name).ok_or_else(|| {
        Failure::input(format!(
            "--out {out_name}: expected a file ending in .csv, .json or .parquet (the format of the dataset written)"
        ))
    })?;
    if output::file(Some(&args.out)).is_none() {
        return Err(Failure::input(
            "--out -: import writes a dataset file; name one ending in .csv, .json or .parquet",
        ));
    }
    output::check_target(&args.out)?;
    let mut total = 0u64;
    let mut parts: Vec<(Vec<u8>, Origin)> = Vec::with_capacity(args.sources.len());
    for path in &args.sources {
        let name = path.display().to_string();
        let too_many = || {
            Failure::input(format!(
                "{name}: the sources together are more than {MAX_INPUT_BYTES} bytes (256 MiB), the limit for one import. Fix: import them in several runs"
            ))
        };
        // The size on disk first, so that the total is bounded before a file is read.
        if let Ok(meta) = std::fs::metadata(path)
            && total.saturating_add(meta.len()) > MAX_INPUT_BYTES
        {
            return Err(too_many());
        }
        let bytes =
            reweigh_data::read_input(path).map_err(|e| Failure::input(format!("{name}: {e}")))?;
        total += bytes.len() as u64;
        if total > MAX_INPUT_BYTES {
            return Err(too_many());
        }
        parts.push((bytes, origin(path, &args)));
    }
    let borrowed: Vec<(&[u8], Origin)> = parts
        .iter()
        .map(|(b, o)| (b.as_slice(), o.clone()))
        .collect();
    let options = args.ingest.options(&Default::default());
    let imported = import_many(&borrowed, &options)?;
    // Validated as every command reads it, before anything is written.
    let dataset = imported.dataset_with(&options.load)?;
    let bytes = write_table(&imported.table, format, &options.load)?;
    // The file written reads back to the same dataset.
    let back = reweigh_data::load_bytes(&out_name, &bytes, &options.load)?;
    if back.rows != dataset.rows || back.columns != dataset.columns {
        return Err(Failure::input(format!(
            "{out_name}: the dataset written does not read back to the dataset imported; nothing written (a bug: please report it with the sources)"
        )));
    }
    output::emit(&bytes, Some(&args.out))?;
    if imported.unknown_keys().next().is_some() {
        crate::say(&inputs::describe_import(&imported));
    }
    let result = Import {
        out: out_name,
        format: match format {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Parquet => "parquet",
        }
        .into(),
        rows: imported.records,
        shape: imported.shape.name().to_string(),
        shape_title: imported.shape.title().to_string(),
        index_version: imported.index_version.clone(),
        sources: imported
            .parts
            .iter()
            .map(|p| ImportSource {
                file: p.origin.name.clone(),
                sha256: p.sha256.clone(),
                records: p.records,
                page: p.page,
                endpoint: p
                    .origin
                    .endpoint
                    .clone()
                    .or_else(|| imported.shape.adapter().and_then(|a| a.endpoint.clone())),
                retrieved_at: p.origin.retrieved_at.clone(),
            })
            .collect(),
        unmapped: imported
            .unmapped
            .iter()
            .map(|u| UnmappedKey {
                key: u.key.clone(),
                known: u.reason.is_some(),
                reason: u.reason.clone(),
                records: u.records,
                first_file: u.first.file.clone(),
                first_record: u.first.record,
                first_slug: u.first.slug.clone(),
            })
            .collect(),
    };
    let format: reweigh_report::Format = args.format.into();
    output::emit(&format.export(&result), None)?;
    Ok(0)
}

fn origin(path: &Path, args: &Args) -> Origin {
    let name = path.display().to_string();
    Origin {
        retrieved_at: args.retrieved_at.clone().or_else(|| capture_stamp(&name)),
        endpoint: args.endpoint.clone(),
        name,
    }
}
