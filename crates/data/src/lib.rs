//! reweigh-data: reading at the edge. Dataset files (CSV, JSON, Parquet) become a
//! [`RawTable`](reweigh_evals::RawTable), cells as the file typed them, which
//! [`Dataset::from_raw`] validates. polars is compiled here and nowhere downstream.
//!
//! - `csv`: UTF-8 and field counts checked on the bytes, then polars reads every cell as text;
//! - `json`: serde_json into typed cells (nesting depth checked first);
//! - `parquet`: the footer, schema and page sizes checked before polars reads a value;
//! - `guard`: a polars panic becomes an error;
//! - [`read_input`]: a regular file of at most 256 MiB;
//! - [`import`]: AA's payloads, site records and daily captures, recognised from content and mapped
//!   by the adapters in datasets/adapters/ (and reweigh's own files, read as above).
//!
//! ```
//! use reweigh_data::{LoadOptions, load_bytes};
//! let csv = "slug,model,gdpval_norm_pct,hle\nm,\"Model, large\",25,0.4\n";
//! let d = load_bytes("example.csv", csv.as_bytes(), &LoadOptions::default()).unwrap();
//! assert_eq!(d.rows[0].model(), "Model, large");
//! assert_eq!(d.value(0, "gdpval_elo"), Some(1000.0));
//! ```

pub mod boards;
mod csv;
mod frame;
mod guard;
pub mod history;
pub mod import;
pub mod join;
mod json;
mod parquet;

use std::path::Path;

pub use reweigh_evals::{DataError, DataErrorKind, Dataset, LoadOptions};
use reweigh_evals::{DataErrorKind as K, RawTable};

pub use json::MAX_DEPTH as JSON_MAX_DEPTH;

/// The largest input file reweigh reads (a dataset, a methodology, a receipt): 256 MiB. The largest
/// real input, a day's AA capture, is under 1 MB; the limit keeps a read (and the parse after it)
/// well inside a gigabyte of memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// File formats a dataset can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Parquet,
}

impl Format {
    /// The format a file name's extension names.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// Reads an input file whole, refusing what is not a regular file (a FIFO, a device such as
/// /dev/zero, a directory: reading one could block or never end) and anything larger than
/// [`MAX_INPUT_BYTES`]. Symbolic links are followed. Errors are sentences naming the path.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(if meta.is_dir() {
            "is a directory, not a file".to_string()
        } else {
            "is not a regular file (a FIFO, socket or device); reweigh reads only regular files"
                .to_string()
        });
    }
    let too_big = |n: u64| {
        format!(
            "is {n} bytes, more than the limit of {MAX_INPUT_BYTES} bytes (256 MiB) for an input"
        )
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file growing while it is read still stops at the limit.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Loads a dataset file; its extension picks the format.
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<Dataset, DataError> {
    let origin = path.display().to_string();
    let bytes = read_input(path).map_err(|e| {
        DataError::new(K::Io, &origin, "a readable dataset file")
            .value(e)
            .fix("check the path; datasets/ holds the published snapshots")
    })?;
    load_bytes(&origin, &bytes, options)
}

/// Loads a dataset from bytes; `origin` names it in errors and its extension picks the format.
pub fn load_bytes(origin: &str, bytes: &[u8], options: &LoadOptions) -> Result<Dataset, DataError> {
    Dataset::from_raw(read_bytes(origin, bytes, options)?, options)
}

/// Reads a dataset's bytes into a table, not yet validated (its SHA-256 recorded). `options` tells
/// the readers that check types while reading (JSON, Parquet) what each column holds.
pub fn read_bytes(
    origin: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<RawTable, DataError> {
    let format = Format::from_name(origin).ok_or_else(|| {
        DataError::new(
            K::Format,
            origin,
            "a file ending in .csv, .json or .parquet",
        )
        .fix("rename the file with the extension of its format")
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(
            DataError::new(K::Empty, origin, "a header and at least one data row")
                .value("empty file")
                .fix("export the dataset again; see datasets/README.md for the schema"),
        );
    }
    let kind = |name: &str| Dataset::column_kind(name, options);
    let mut table = match format {
        Format::Csv => csv::read(origin, bytes)?,
        Format::Json => {
            csv::check_utf8(origin, bytes)?;
            json::read(origin, bytes, kind)?
        }
        Format::Parquet => parquet::read(origin, bytes, kind, |name| {
            Dataset::unknown_column(origin, name)
        })?,
    };
    table.sha256 = reweigh_evals::sha256_hex(bytes);
    Ok(table)
}

#[cfg(test)]
mod tests;
