//! reweigh-evals: the ten evaluations of AA's Intelligence Index v4.0 and their normalisation.
//!
//! - [`registry`]: each evaluation (id, name, category, raw unit, range) and every dataset column;
//! - [`dataset`]: reading CSV, JSON or Parquet with polars, validating every cell, deriving columns;
//! - [`normalise`]: raw values → scores in [0, 1] (fractions, percents, GDPval's Elo);
//! - [`omniscience`]: AA-Omniscience metrics from outcome counts or published rates;
//! - [`suggest`]: the closest names to a mistyped one.
//!
//! ```
//! use reweigh_evals::dataset::{load_bytes, LoadOptions};
//! let csv = "slug,model,gdpval_norm_pct,hle\nm,Model,25,0.4\n";
//! let d = load_bytes("example.csv", csv.as_bytes(), &LoadOptions::default()).unwrap();
//! assert_eq!(d.value(0, "gdpval_elo"), Some(1000.0));
//! ```

pub mod dataset;
pub mod error;
mod json;
pub mod normalise;
pub mod omniscience;
mod parquet;
pub mod registry;
pub mod suggest;

pub use dataset::{Dataset, LoadOptions, load_bytes, load_path};
pub use error::{DataError, DataErrorKind};
pub use json::MAX_DEPTH as JSON_MAX_DEPTH;

/// The largest input file reweigh reads (a dataset, a methodology, a receipt): 256 MiB. The largest
/// real input, a day's AA capture, is under 1 MB; the limit keeps a read (and the parse after it)
/// well inside a gigabyte of memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads an input file whole, refusing what is not a regular file (a FIFO, a device such as
/// /dev/zero, a directory: reading one could block or never end) and anything larger than
/// [`MAX_INPUT_BYTES`]. Symbolic links are followed. Errors are sentences naming the path.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, String> {
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
