//! The neutral table a reader hands to validation: named columns of cells as the source typed them,
//! before any cell is checked. Readers (crate reweigh-data: CSV, JSON, Parquet, AA payloads) build
//! it; [`Dataset::from_raw`](super::Dataset::from_raw) checks every cell and derives columns. No
//! reader library is needed to make one, so the crates downstream of this one test with
//! [`RawTable::from_plain_csv`] and never compile a dataframe library.

use crate::error::{DataError, DataErrorKind as K};
use crate::registry::Unit;

/// The shape a table was read from: it decides how a row is located in messages (a CSV row is also
/// a line of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Csv,
    Json,
    Parquet,
}

/// A column's cells as the source typed them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// Text as written (every CSV cell; JSON strings; Parquet text and categorical text).
    Text(Vec<Option<String>>),
    /// Numbers the source typed as numbers, each as its exact text (integers exactly, floats as the
    /// shortest text that reads back to the same value in the source's precision).
    Numbers(Vec<Option<String>>),
    /// Booleans the source typed as booleans.
    Bools(Vec<Option<bool>>),
    /// A column with no values at all (Parquet's null type).
    Null(usize),
}

impl Cells {
    pub fn len(&self) -> usize {
        match self {
            Cells::Text(v) | Cells::Numbers(v) => v.len(),
            Cells::Bools(v) => v.len(),
            Cells::Null(n) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One column: its name, the source's name for its type (for messages) and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawColumn {
    pub name: String,
    /// The source's type name, as its tools print it (`str`, `f64`, `bool`).
    pub dtype: String,
    pub cells: Cells,
}

/// A table as read, not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// The file path, or `embedded:NAME`.
    pub origin: String,
    pub format: SourceFormat,
    /// SHA-256 (hex) of the bytes the table was read from, for receipts.
    pub sha256: String,
    /// Columns in the order the source gives them; every column has `rows` cells.
    pub columns: Vec<RawColumn>,
    pub rows: usize,
}

/// What a column holds, as the registry and the load options know it; readers ask it of each
/// column name so that a cell of the wrong type is reported where it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A text column; `bool_ok` where a boolean is the natural value (`is_reasoning`).
    Text {
        bool_ok: bool,
    },
    Numeric(Unit),
    /// A column the dataset may not have (reported by name).
    Unknown,
}

impl RawTable {
    /// A table from comma-separated text without quoting: a header line, then one line per row, every
    /// cell text (as a CSV reader gives it). For examples and tests of the crates that do not read
    /// files; a quote anywhere is refused rather than misread. Files go through reweigh-data.
    ///
    /// ```
    /// use reweigh_evals::{Dataset, LoadOptions, RawTable};
    /// let raw = RawTable::from_plain_csv("t.csv", "slug,hle\na,0.25\n").unwrap();
    /// let d = Dataset::from_raw(raw, &LoadOptions::default()).unwrap();
    /// assert_eq!(d.value(0, "hle"), Some(0.25));
    /// ```
    pub fn from_plain_csv(origin: &str, text: &str) -> Result<RawTable, DataError> {
        if let Some(line) = text.lines().position(|l| l.contains('"')) {
            return Err(
                DataError::new(K::Format, origin, "comma-separated text without quotes")
                    .line(line + 1)
                    .fix("read quoted CSV with reweigh-data's load_bytes"),
            );
        }
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
        let mut cells: Vec<Vec<Option<String>>> = vec![Vec::new(); header.len()];
        let mut rows = 0;
        for (i, line) in lines.enumerate() {
            let fields: Vec<&str> = line.split(',').collect();
            if fields.len() != header.len() {
                return Err(DataError::new(
                    K::Format,
                    origin,
                    format!("{} fields in every row", header.len()),
                )
                .row(i + 1, None)
                .line(i + 2)
                .value(format!("{} fields", fields.len())));
            }
            for (column, field) in cells.iter_mut().zip(fields) {
                column.push(Some(field.to_string()));
            }
            rows += 1;
        }
        Ok(RawTable {
            origin: origin.to_string(),
            format: SourceFormat::Csv,
            sha256: crate::sha256_hex(text.as_bytes()),
            columns: header
                .into_iter()
                .zip(cells)
                .map(|(name, cells)| RawColumn {
                    name: name.to_string(),
                    dtype: "str".to_string(),
                    cells: Cells::Text(cells),
                })
                .collect(),
            rows,
        })
    }
}
