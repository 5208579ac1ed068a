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
