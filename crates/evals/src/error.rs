//! Errors about input data, carrying enough context for a person to fix the file.

use std::fmt;

/// What kind of problem a [`DataError`] reports (for tests and for callers that branch on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataErrorKind {
    /// The file could not be read at all (missing, unreadable).
    Io,
    /// The file is empty or holds a header only.
    Empty,
    /// The bytes are not UTF-8 text.
    Encoding,
    /// The file is not valid CSV, JSON or Parquet (as its extension says).
    Format,
    /// A required column is absent.
    MissingColumn,
    /// A column the schema does not know.
    UnknownColumn,
    /// Two rows share a slug.
    DuplicateSlug,
    /// A cell is empty (missing values must be written `NA`).
    EmptyCell,
    /// A cell is not a number where a number is expected (includes NaN and infinities).
    NotANumber,
    /// A value of a type the column cannot hold (a number or boolean where text is expected; a
    /// Parquet column of a type reweigh does not read, such as DECIMAL, a list or a timestamp).
    WrongType,
    /// A number outside the column's valid range.
    OutOfRange,
    /// Values that contradict each other (Omniscience counts, two units of one score).
    Inconsistent,
    /// A source whose content matches no shape reweigh reads (an AA payload, a capture, a dataset).
    Shape,
    /// A key the source carries that the shape's adapter neither maps nor declares (`--strict`).
    Unmapped,
}

/// A problem with a dataset: which file, row, column and value, what was expected, how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub kind: DataErrorKind,
    /// Where and what (boxed: errors travel through every `Result` of the loader).
    pub at: Box<Location>,
}

/// Where a [`DataError`] is and what it is about.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Location {
    /// File path, or `embedded:NAME` for a dataset compiled into the binary.
    pub file: String,
    /// 1-based data row (the header is not counted).
    pub row: Option<usize>,
    /// 1-based line in a text file, where it is known (CSV: data row + 1).
    pub line: Option<usize>,
    /// The row's slug, where known.
    pub slug: Option<String>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub expected: String,
    pub fix: String,
}

impl DataError {
    pub fn new(kind: DataErrorKind, file: &str, expected: impl Into<String>) -> Self {
        DataError {
            kind,
            at: Box::new(Location {
                file: file.to_string(),
                expected: expected.into(),
                ..Location::default()
            }),
        }
    }
    pub fn row(mut self, row: usize, slug: Option<&str>) -> Self {
        self.at.row = Some(row);
        self.at.slug = slug.map(str::to_string);
        self
    }
    pub fn line(mut self, line: usize) -> Self {
        self.at.line = Some(line);
        self
    }
    pub fn column(mut self, column: &str) -> Self {
        self.at.column = Some(column.to_string());
        self
    }
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.at.value = Some(value.into());
        self
    }
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.at.fix = fix.into();
        self
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = &self.at;
        write!(f, "{}", at.file)?;
        if let Some(row) = at.row {
            write!(f, ", row {row}")?;
            if let Some(slug) = &at.slug {
                write!(f, " (slug '{slug}')")?;
            }
        }
        if let Some(line) = at.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &at.column {
            write!(f, ", column '{column}'")?;
        }
        if let Some(value) = &at.value {
            write!(f, ", value '{value}'")?;
        }
        write!(f, ": expected {}", at.expected)?;
        if !at.fix.is_empty() {
            write!(f, ". Fix: {}", at.fix)?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}
