//! reweigh-evals: the evaluations of AA's Intelligence Index, their columns and normalisation.
//!
//! - [`registry`]: each evaluation (id, name, category, raw unit, range) and every dataset column;
//! - [`dataset`]: the validated [`Dataset`], built from a [`RawTable`] (cells as a reader typed them):
//!   every cell checked, derivable columns derived;
//! - [`normalise`]: raw values → scores in [0, 1] (fractions, percents, GDPval's Elo);
//! - [`omniscience`]: AA-Omniscience metrics from outcome counts or published rates;
//! - [`suggest`]: the closest names to a mistyped one.
//!
//! Reading files (CSV, JSON, Parquet, AA's payloads) is crate reweigh-data's; this crate reads
//! nothing and compiles no dataframe library.
//!
//! ```
//! use reweigh_evals::{Dataset, LoadOptions, RawTable};
//! let raw = RawTable::from_plain_csv("example.csv", "slug,model,gdpval_norm_pct,hle\nm,Model,25,0.4\n").unwrap();
//! let d = Dataset::from_raw(raw, &LoadOptions::default()).unwrap();
//! assert_eq!(d.value(0, "gdpval_elo"), Some(1000.0));
//! ```

pub mod board;
pub mod dataset;
pub mod error;
pub mod normalise;
pub mod omniscience;
pub mod registry;
pub mod suggest;

pub use dataset::{Cells, ColumnKind, Dataset, LoadOptions, RawColumn, RawTable, SourceFormat};
pub use error::{DataError, DataErrorKind};

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
