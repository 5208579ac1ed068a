//! `reweigh fetch`: today's data from Artificial Analysis's API, as a canonical dataset with the raw
//! pages beside it for audit.

use std::path::{Path, PathBuf};
use std::time::Duration;

use reweigh_composite::fetch::{Fetch, FetchedPage};
use reweigh_data::import::{
    ATTRIBUTION, ImportOptions, Imported, Origin, Shape, import_many, write_table,
};
use reweigh_fetch::{ApiKey, Endpoint, Fetched, Request, Tier};

use crate::{Failure, inputs, limits, output, say};

const EXAMPLES: &str = "Examples:
  export AA_API_KEY=...                                  # or --api-key-file FILE
  reweigh fetch --out today.csv                          # the language endpoint (Pro, or Free on 403)
  reweigh fetch --tier free --out today.parquet
  reweigh fetch --endpoint legacy --out legacy.json      # /api/v2/data/llms/models (sunset 2026-11-04)
  reweigh fetch --base-url http://127.0.0.1:8080 --out replay.csv   # a loopback replay
  reweigh score today.csv && reweigh verify today.csv

Writes FILE (the canonical dataset, format by extension, provenance on every row) and FILE.raw/
(page-1.json, page-2.json, … exactly as received, and manifest.json: each page's URL, retrieval time
and SHA-256). Both appear together or not at all: a failed fetch leaves nothing behind.

The key comes from --api-key-file or the environment variable AA_API_KEY and is sent only in the
x-api-key header; it is never printed, logged or written. 429 and 5xx are retried: 5 attempts a
page, waiting as Retry-After asks (or 1 s, 2 s, 4 s, 8 s), at most 120 s at once and 300 s in all.
Exit codes: 0 fetched and written; 2 bad usage, a refused key, an HTTP or network failure, or a
response that is not the endpoint's shape (the message says which and what to do).";

/// The hidden override of the first backoff delay, in milliseconds (tests make it 1).
pub const BACKOFF_ENV: &str = "REWEIGH_FETCH_BACKOFF_MS";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EndpointArg {
    /// /api/v2/language/models (Pro) or /api/v2/language/models/free (Free): paginated.
    Language,
    /// /api/v2/data/llms/models: one response, deprecated; AA announced its sunset for 2026-11-04.
    Legacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TierArg {
    /// Pro; the Free tier when the Pro endpoint answers 403 (said on stderr).
    Auto,
    /// Pro only: a 403 is an error.
    Pro,
    /// Free only: the three indices per model, no per-evaluation scores.
    Free,
}

/// Fetch AA's current data from its API into a canonical dataset (with the raw pages beside it).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Which API: the paginated language-models endpoint or the legacy one.
    #[arg(long, default_value = "language")]
    pub endpoint: EndpointArg,
    /// The language endpoint's tier (the legacy endpoint has one).
    #[arg(long, default_value = "auto")]
    pub tier: TierArg,
    /// The API's site root: https://, or http:// to this machine only (a loopback replay).
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://artificialanalysis.ai"
    )]
    pub base_url: String,
    /// The canonical dataset to write (.csv, .json or .parquet); the raw pages go to FILE.raw/.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    /// Read the API key from this file (the key alone; one trailing line break allowed) instead
    /// of the environment variable AA_API_KEY.
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// Follow pagination for at most N pages (200 models a page), 1 to 10,000; more is an error,
    /// never a partial dataset.
    #[arg(long, value_name = "N", default_value = "100",
          value_parser = limits::count(1, limits::MAX_FETCH_PAGES as usize, "--max-pages 20"))]
    pub max_pages: usize,
    /// Seconds allowed for each request (connect, send, receive the whole page), 1 to 600.
    #[arg(long, value_name = "SECONDS", default_value = "60",
          value_parser = limits::count(1, limits::MAX_FETCH_TIMEOUT as usize, "--timeout 60"))]
    pub timeout: usize,
    /// Refuse keys the API's records carry that the endpoint's adapter neither imports nor
    /// declares (exit 2, nothing written); without it they are listed on stderr and in each row's
    /// source_unmapped.
    #[arg(long)]
    pub strict: bool,
    /// The index version, for the legacy endpoint, which does not state it (4.0, 4.1, ...); the
    /// language endpoint states it, and another value is an error.
    #[arg(long, value_name = "VERSION")]
    pub index_version: Option<String>,
    /// Format of the summary printed on stdout (the pages fetched, where they were written).
    #[arg(long, short, default_value = "table")]
    pub format: inputs::OutputFormat,
}

/// The key: the file when given, else the environment; never shown.
fn key(args: &Args) -> Result<ApiKey, Failure> {
    match &args.api_key_file {
        Some(path) => ApiKey::from_file(path).map_err(Failure::input),
        None => ApiKey::from_env().map_err(Failure::input)?.ok_or_else(|| {
            Failure::input(format!(
                "no API key: set the environment variable {} or give --api-key-file FILE. Fix: create a key on your Artificial Analysis account's API page",
                reweigh_fetch::ENV_VAR
            ))
        }),
    }
}

fn backoff() -> Result<Duration, Failure> {
    match std::env::var(BACKOFF_ENV) {
        Err(_) => Ok(reweigh_fetch::BACKOFF_BASE),
        Ok(text) => text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|ms| *ms <= 60_000)
            .map(Duration::from_millis)
            .ok_or_else(|| {
                Failure::input(format!(
                    "{BACKOFF_ENV}={text}: expected whole milliseconds from 0 to 60000; for example 1000. Fix: unset it (1000 ms by default)"
                ))
            }),
    }
}

/// `FILE.raw` beside `FILE`.
fn raw_dir(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".raw");
    out.with_file_name(name)
}

/// Everything about `--out` that can be checked before a request is sent.
fn check_out(out: &Path) -> Result<(), Failure> {
    let name = out.display().to_string();
    if output::file(Some(out)).is_none() {
        return Err(Failure::input(
            "--out -: fetch writes a dataset and its raw pages, not stdout. Fix: --out today.csv",
        ));
    }
    if reweigh_data::Format::from_name(&name).is_none() {
        return Err(Failure::input(format!(
            "--out {name}: expected a file ending in .csv, .json or .parquet (the dataset's format). Fix: --out today.csv"
        )));
    }
    output::check_target(out)?;
    let raw = raw_dir(out);
    if let Ok(meta) = std::fs::symlink_metadata(&raw)
        && !meta.is_dir()
    {
        return Err(Failure::input(format!(
            "{}: exists and is not a directory; fetch keeps the raw pages there. Fix: move it away or choose another --out",
            raw.display()
        )));
    }
    let dir = crate::output::directory_of(out);
    if !dir.is_dir() {
        return Err(Failure::input(format!(
            "--out {name}: the directory {} does not exist. Fix: create it first",
            dir.display()
        )));
    }
    Ok(())
}

pub fn run(args: Args) -> Result<u8, Failure> {
    check_out(&args.out)?;
    let key = key(&args)?;
    let base_url = reweigh_fetch::check_base_url(&args.base_url).map_err(Failure::input)?;
    let mut request = Request::new(
        &base_url,
        match args.endpoint {
            EndpointArg::Language => Endpoint::Language,
            EndpointArg::Legacy => Endpoint::Legacy,
        },
        match args.tier {
            TierArg::Auto => Tier::Auto,
            TierArg::Pro => Tier::Pro,
            TierArg::Free => Tier::Free,
        },
    );
    request.max_pages = args.max_pages as u32;
    request.timeout = Duration::from_secs(args.timeout as u64);
    request.retry.base = backoff()?;
    let fetched = reweigh_fetch::fetch(&request, &key);
    let fetched = match fetched {
        Ok(f) => f,
        Err(e) => return Err(Failure::input(e)),
    };
    for note in &fetched.notes {
        say(note);
    }
    let (dataset, imported) = canonical(&fetched, &request, &args)?;
    if imported.unknown_keys().next().is_some() {
        say(&inputs::describe_import(&imported));
    }
    let raw = raw_dir(&args.out);
    let result = summary(&fetched, &request, &args.out, &raw, dataset.rows);
    let mut files: Vec<(String, Vec<u8>)> = fetched
        .pages
        .iter()
        .zip(&result.pages)
        .map(|(p, kept)| (kept.file.clone(), p.bytes.clone()))
        .collect();
    files.push((
        "manifest.json".to_string(),
        reweigh_composite::serial::to_json(&result),
    ));
    publish(&args.out, &dataset.bytes, &raw, &files)?;
    let format = reweigh_report::Format::from(args.format);
    output::emit(&format.export(&result), None)?;
    Ok(0)
}

/// The canonical dataset made from the pages.
struct Canonical {
    bytes: Vec<u8>,
    rows: usize,
}

/// The pages through reweigh's importer (the adapter of the endpoint fetched, as `reweigh import
/// --from SHAPE` would), validated as every command reads it, written in `--out`'s format and read
/// back; each row's provenance: the page's URL, the endpoint, its retrieval time and SHA-256.
fn canonical(
    fetched: &Fetched,
    request: &Request,
    args: &Args,
) -> Result<(Canonical, Imported), Failure> {
    let out_name = args.out.display().to_string();
    let format = reweigh_data::Format::from_name(&out_name)
        .ok_or_else(|| Failure::input(format!("--out {out_name}: not .csv, .json or .parquet")))?;
    let tier = fetched.stated_tier.as_deref().or(fetched.tier);
    let shape = match (fetched.endpoint, tier) {
        (Endpoint::Legacy, _) => "aa-legacy",
        (Endpoint::Language, Some("free")) => "aa-language-free",
        (Endpoint::Language, _) => "aa-language-pro",
    };
    let endpoint = format!("{}{}", request.base_url, fetched.path);
    let parts: Vec<(&[u8], Origin)> = fetched
        .pages
        .iter()
        .map(|p| {
            (
                p.bytes.as_slice(),
                Origin {
                    name: p.url.clone(),
                    endpoint: Some(endpoint.clone()),
                    retrieved_at: Some(p.retrieved_at.clone()),
                },
            )
        })
        .collect();
    let options = ImportOptions {
        from: Some(Shape::parse(shape).map_err(Failure::input)?),
        strict: args.strict,
        index_version: args.index_version.clone(),
        load: Default::default(),
    };
    let imported = import_many(&parts, &options)?;
    let dataset = imported.dataset_with(&options.load)?;
    let bytes = write_table(&imported.table, format, &options.load)?;
    let back = reweigh_data::load_bytes(&out_name, &bytes, &options.load)?;
    if back.rows != dataset.rows || back.columns != dataset.columns {
        return Err(Failure::input(format!(
            "{out_name}: the dataset made does not read back to the same dataset; nothing written (a bug: please report it)"
        )));
    }
    let rows = imported.records;
    Ok((Canonical { bytes, rows }, imported))
}

fn summary(fetched: &Fetched, request: &Request, out: &Path, raw: &Path, rows: usize) -> Fetch {
    Fetch {
        endpoint: fetched.endpoint.name().to_string(),
        base_url: request.base_url.clone(),
        path: fetched.path.clone(),
        tier: fetched.tier.map(str::to_string),
        stated_tier: fetched.stated_tier.clone(),
        index_version: fetched.index_version.clone(),
        dataset: out.display().to_string(),
        rows,
        raw: raw.display().to_string(),
        pages: fetched
            .pages
            .iter()
            .map(|p| FetchedPage {
                page: p.number,
                url: p.url.clone(),
                retrieved_at: p.retrieved_at.clone(),
                sha256: p.sha256.clone(),
                bytes: p.bytes.len(),
                records: p.records,
                attempts: p.attempts,
                file: format!("page-{}.json", p.number),
            })
            .collect(),
        waited_seconds: fetched.waited.as_secs_f64(),
        attribution: ATTRIBUTION.to_string(),
    }
}

fn io(path: &Path, what: &str, e: std::io::Error) -> Failure {
    Failure::input(format!(
        "{}: cannot {what}: {e}. Nothing was written. Fix: check that the directory is writable and has space",
        path.display()
    ))
}

/// Writes the dataset and the raw directory as a whole: both are staged in a hidden directory
/// beside `out`, then renamed into place (an existing `FILE.raw` is moved aside first and put back
/// if a later step fails); the staging directory, with any old pages, is removed at the end.
fn publish(
    out: &Path,
    dataset: &[u8],
    raw: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<(), Failure> {
    let staging = crate::output::sibling(out, "fetch");
    let _ = std::fs::remove_dir_all(&staging);
    let (staged_data, staged_raw, old_raw) = (
        staging.join("dataset"),
        staging.join("raw"),
        staging.join("old-raw"),
    );
    let staged = std::fs::create_dir(&staging)
        .and_then(|_| crate::output::write_new(&staged_data, dataset))
        .and_then(|_| std::fs::create_dir(&staged_raw))
        .and_then(|_| {
            files.iter().try_for_each(|(name, bytes)| {
                crate::output::write_new(&staged_raw.join(name), bytes)
            })
        });
    let cleanup = || {
        let _ = std::fs::remove_dir_all(&staging);
    };
    if let Err(e) = staged {
        cleanup();
        return Err(io(out, "write into a staging directory beside it", e));
    }
    let had_raw = std::fs::symlink_metadata(raw).is_ok_and(|m| m.is_dir());
    if had_raw && let Err(e) = std::fs::rename(raw, &old_raw) {
        cleanup();
        return Err(io(raw, "move the previous raw pages aside", e));
    }
    let restore = || {
        if had_raw {
            let _ = std::fs::rename(&old_raw, raw);
        }
    };
    if let Err(e) = std::fs::rename(&staged_raw, raw) {
        restore();
        cleanup();
        return Err(io(raw, "move the raw pages into place", e));
    }
    if let Err(e) = std::fs::rename(&staged_data, out) {
        let _ = std::fs::remove_dir_all(raw);
        restore();
        cleanup();
        return Err(io(out, "move the dataset into place", e));
    }
    cleanup();
    Ok(())
}
