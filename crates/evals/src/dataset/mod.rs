//! Datasets: one row per model variant keyed by `slug`, its columns the text and numeric columns of
//! the [registry](crate::registry).
//!
//! - [`raw`]: the neutral table a reader hands over (cells as the source typed them);
//! - `validate`: every cell checked: missing values must be explicit (`NA` in CSV, `null` in JSON and
//!   Parquet); empty cells, NaN, non-numbers, out-of-range values, unknown columns and duplicate slugs
//!   are errors that name the file, row, column and value;
//! - `derive`: derivable columns filled in (`gdpval_elo` from `gdpval_norm_pct`, the Omniscience rates
//!   from outcome counts or from the hallucination rate), checked against given ones;
//! - `hints`: the fixes error messages suggest.
//!
//! Reading files is not done here: crate reweigh-data reads CSV, JSON and Parquet into a
//! [`RawTable`].

use std::collections::{BTreeMap, HashMap};

use crate::error::DataError;
use crate::registry::Unit;

mod derive;
pub use derive::COST_TOLERANCE_USD;
mod hints;
pub mod raw;
mod validate;

pub use raw::{Cells, ColumnKind, RawColumn, RawTable, SourceFormat};

/// An extra numeric column a caller (a methodology) declares, beyond the registry's.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraColumn {
    pub name: String,
    pub unit: Unit,
}

/// Options for loading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Numeric columns accepted in addition to the registry's.
    pub extra_columns: Vec<ExtraColumn>,
}

/// One row's identity and text columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub slug: String,
    /// Text columns other than `slug` (empty cells kept as empty strings).
    pub text: BTreeMap<String, String>,
}

impl Row {
    /// The display name (`model`), falling back to the slug.
    pub fn model(&self) -> &str {
        match self.text.get("model") {
            Some(m) if !m.is_empty() => m,
            _ => &self.slug,
        }
    }
}

/// A validated dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The file path, or `embedded:NAME`.
    pub origin: String,
    /// SHA-256 (hex) of the file's bytes, for receipts.
    pub sha256: String,
    pub rows: Vec<Row>,
    /// Numeric columns by name; `None` is an explicit missing value.
    pub columns: BTreeMap<String, Vec<Option<f64>>>,
    /// Columns that were derived from others rather than read.
    pub derived: Vec<String>,
    /// Row index by slug (slugs are unique), so that [`find`](Dataset::find) is a hash lookup.
    by_slug: HashMap<String, usize>,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    pub fn has_column(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }
    /// A numeric value; `None` when the column is absent or the value missing.
    pub fn value(&self, row: usize, column: &str) -> Option<f64> {
        self.columns.get(column).and_then(|c| c[row])
    }
    /// The row index of a slug (a hash lookup: callers may look up every row).
    pub fn find(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }
    /// The `index_version` every row agrees on, if any.
    pub fn index_version(&self) -> Option<&str> {
        let first = self.rows.first()?.text.get("index_version")?;
        let all_same = self
            .rows
            .iter()
            .all(|r| r.text.get("index_version") == Some(first));
        (all_same && !first.is_empty()).then_some(first.as_str())
    }
}

impl Dataset {
    /// Validates a table as read and derives the derivable columns.
    pub fn from_raw(raw: RawTable, options: &LoadOptions) -> Result<Dataset, DataError> {
        validate::build(raw, options)
    }

    /// A dataset from comma-separated text without quoting (see [`RawTable::from_plain_csv`]): for
    /// examples and tests of the crates that read no files.
    pub fn from_plain_csv(
        origin: &str,
        text: &str,
        options: &LoadOptions,
    ) -> Result<Dataset, DataError> {
        Dataset::from_raw(RawTable::from_plain_csv(origin, text)?, options)
    }

    /// What a column holds under `options`: text, numbers in a unit, or a column reweigh does not
    /// know. Readers ask it so that a cell of the wrong type is reported where it is read.
    pub fn column_kind(name: &str, options: &LoadOptions) -> ColumnKind {
        validate::kind(name, options)
    }

    /// The error for a column reweigh does not know, with the closest known name.
    pub fn unknown_column(origin: &str, name: &str) -> DataError {
        validate::unknown_column(origin, name)
    }
}

#[cfg(test)]
mod tests;
