//! Every cell of a [`RawTable`] checked against its column: text columns hold text, numeric columns
//! numbers in their unit's range (or an explicit missing value), slugs are present and unique.

use std::collections::{BTreeMap, HashMap};

use crate::error::{DataError, DataErrorKind as K};
use crate::registry::{TEXT_COLUMNS, Unit, numeric_column};

use super::hints::{BOOLEAN_FIX, percent_as_fraction, unknown_column_fix};
use super::raw::{Cells, ColumnKind, RawColumn, RawTable, SourceFormat};
use super::{Dataset, LoadOptions, Row};

/// What a column holds: text, numbers in a unit, or a column reweigh does not know.
pub(super) fn kind(name: &str, options: &LoadOptions) -> ColumnKind {
    if TEXT_COLUMNS.contains(&name) {
        ColumnKind::Text {
            bool_ok: name == "is_reasoning",
        }
    } else if let Some(unit) = unit_of(name, options) {
        ColumnKind::Numeric(unit)
    } else {
        ColumnKind::Unknown
    }
}

fn unit_of(name: &str, options: &LoadOptions) -> Option<Unit> {
    numeric_column(name).map(|c| c.unit).or_else(|| {
        options
            .extra_columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.unit)
    })
}

pub(super) fn unknown_column(origin: &str, name: &str) -> DataError {
    DataError::new(K::UnknownColumn, origin, "a column reweigh knows")
        .column(name)
        .fix(unknown_column_fix(name))
}

pub(super) fn build(raw: RawTable, options: &LoadOptions) -> Result<Dataset, DataError> {
    let b = Builder {
        origin: &raw.origin,
        format: raw.format,
        options,
    };
    let mut dataset = b.build(&raw)?;
    dataset.sha256 = raw.sha256;
    Ok(dataset)
}

pub(super) struct Builder<'a> {
    pub(super) origin: &'a str,
    format: SourceFormat,
    options: &'a LoadOptions,
}

impl Builder<'_> {
    pub(super) fn err(
        &self,
        kind: K,
        row: usize,
        slug: Option<&str>,
        expected: impl Into<String>,
    ) -> DataError {
        let mut e = DataError::new(kind, self.origin, expected).row(row + 1, slug);
        if self.format == SourceFormat::Csv {
            e = e.line(row + 2);
        }
        e
    }

    fn build(&self, raw: &RawTable) -> Result<Dataset, DataError> {
        if raw.rows == 0 {
            return Err(DataError::new(
                K::Empty,
                self.origin,
                "at least one data row after the header",
            )
            .value("header only")
            .fix("add rows, one per model variant"));
        }
        for (i, column) in raw.columns.iter().enumerate() {
            let name = column.name.as_str();
            if raw.columns[..i].iter().any(|c| c.name == name) {
                return Err(DataError::new(K::Format, self.origin, "each column once in the header")
                    .column(name)
                    .value(format!("'{name}' given twice"))
                    .fix("remove one of the two columns; reweigh does not guess which one holds the published values"));
            }
            if kind(name, self.options) == ColumnKind::Unknown {
                return Err(unknown_column(self.origin, name));
            }
            if column.cells.len() != raw.rows {
                return Err(DataError::new(
                    K::Format,
                    self.origin,
                    format!("{} cells in every column", raw.rows),
                )
                .column(name)
                .value(format!("{} cells", column.cells.len())));
            }
        }
        let slug_col = raw
            .columns
            .iter()
            .find(|c| c.name == "slug")
            .ok_or_else(|| {
                DataError::new(
                    K::MissingColumn,
                    self.origin,
                    "a 'slug' column identifying each row",
                )
                .column("slug")
                .fix("add a 'slug' column with a unique id per model variant")
            })?;
        let slugs = self.text_values(slug_col, &[])?;
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(slugs.len());
        for (i, slug) in slugs.iter().enumerate() {
            if slug.is_empty() {
                return Err(self
                    .err(K::EmptyCell, i, None, "a non-empty slug")
                    .column("slug")
                    .value("")
                    .fix("give every row a unique slug"));
            }
            if let Some(first) = seen.insert(slug.clone(), i) {
                return Err(self
                    .err(K::DuplicateSlug, i, Some(slug), "a slug no other row uses")
                    .column("slug")
                    .value(slug.clone())
                    .fix(format!(
                        "row {} has the same slug; keep one row per model variant or make the slugs distinct",
                        first + 1
                    )));
            }
        }
        let mut rows: Vec<Row> = slugs
            .iter()
            .map(|s| Row {
                slug: s.clone(),
                text: BTreeMap::new(),
            })
            .collect();
        let mut columns = BTreeMap::new();
        for column in &raw.columns {
            let name = column.name.as_str();
            if name == "slug" {
                continue;
            }
            match kind(name, self.options) {
                ColumnKind::Text { .. } => {
                    for (row, value) in rows.iter_mut().zip(self.text_values(column, &slugs)?) {
                        row.text.insert(name.to_string(), value);
                    }
                }
                ColumnKind::Numeric(unit) => {
                    columns.insert(name.to_string(), self.numeric_values(column, unit, &slugs)?);
                }
                ColumnKind::Unknown => unreachable!("unknown columns are refused above"),
            }
        }
        let mut dataset = Dataset {
            origin: self.origin.to_string(),
            sha256: String::new(),
            rows,
            columns,
            derived: Vec::new(),
            by_slug: seen,
        };
        self.derive(&mut dataset)?;
        Ok(dataset)
    }

    /// A text column's values (missing as empty strings). Text and all-null columns are text; so are
    /// booleans in `is_reasoning`. A column of another type (numbers, booleans elsewhere) is an error
    /// at its first value: never read as text silently.
    fn text_values(&self, column: &RawColumn, slugs: &[String]) -> Result<Vec<String>, DataError> {
        let name = column.name.as_str();
        let wrong = |i: usize, value: String| {
            let expected = if name == "is_reasoning" {
                "text or a boolean"
            } else {
                "text"
            };
            self.err(K::WrongType, i, slugs.get(i).map(String::as_str), expected)
                .column(name)
                .value(value)
                .fix(format!(
                    "write the column as text (a {} column is not read as text silently)",
                    column.dtype
                ))
        };
        match &column.cells {
            Cells::Text(cells) => Ok(cells
                .iter()
                .map(|v| v.clone().unwrap_or_default())
                .collect()),
            Cells::Null(n) => Ok(vec![String::new(); *n]),
            Cells::Bools(cells) if name == "is_reasoning" => Ok(cells
                .iter()
                .map(|v| v.map(|b| b.to_string()).unwrap_or_default())
                .collect()),
            Cells::Bools(cells) => match first_value(cells) {
                Some((i, b)) => Err(wrong(i, b.to_string())),
                None => Ok(vec![String::new(); cells.len()]),
            },
            Cells::Numbers(cells) => match first_value(cells) {
                Some((i, n)) => Err(wrong(i, n.clone())),
                None => Ok(vec![String::new(); cells.len()]),
            },
        }
    }

    /// A numeric column's values, each cell checked by [`parse_cell`](Self::parse_cell). A boolean
    /// column is an error at its first value (true is not 1).
    fn numeric_values(
        &self,
        column: &RawColumn,
        unit: Unit,
        slugs: &[String],
    ) -> Result<Vec<Option<f64>>, DataError> {
        let name = column.name.as_str();
        let cells: &[Option<String>] = match &column.cells {
            Cells::Text(cells) | Cells::Numbers(cells) => cells,
            Cells::Null(n) => return Ok(vec![None; *n]),
            Cells::Bools(cells) => {
                if let Some((i, b)) = first_value(cells) {
                    return Err(self
                        .err(K::NotANumber, i, Some(&slugs[i]), unit.describe())
                        .column(name)
                        .value(b.to_string())
                        .fix(BOOLEAN_FIX));
                }
                return Ok(vec![None; cells.len()]);
            }
        };
        cells
            .iter()
            .enumerate()
            .map(|(i, cell)| self.parse_cell(i, &slugs[i], name, unit, cell.as_deref()))
            .collect()
    }

    fn parse_cell(
        &self,
        i: usize,
        slug: &str,
        name: &str,
        unit: Unit,
        cell: Option<&str>,
    ) -> Result<Option<f64>, DataError> {
        let Some(text) = cell else {
            return Ok(None);
        };
        let trimmed = text.trim();
        let at = |kind, expected: String| {
            self.err(kind, i, Some(slug), expected)
                .column(name)
                .value(text)
        };
        if trimmed == "NA" {
            return Ok(None);
        }
        if trimmed.is_empty() {
            return Err(at(K::EmptyCell, unit.describe().to_string())
                .fix("write NA for a value that was not published; never leave a cell empty"));
        }
        let value: f64 = trimmed.parse().map_err(|_| {
            let fix = if trimmed.eq_ignore_ascii_case("true") || trimmed.eq_ignore_ascii_case("false") {
                BOOLEAN_FIX
            } else {
                "write the number in plain decimal notation (for example 0.4325), or NA if unpublished"
            };
            at(K::NotANumber, unit.describe().to_string()).fix(fix)
        })?;
        if !value.is_finite() {
            return Err(at(K::NotANumber, unit.describe().to_string()).fix(
                "NaN and infinities are not scores; write NA if the value was not published",
            ));
        }
        let (lo, hi) = unit.range();
        if value < lo || value > hi {
            let fix = if unit == Unit::Fraction && value > 1.0 && value <= 100.0 {
                let as_fraction = percent_as_fraction(trimmed, value);
                if value >= 2.0 {
                    format!(
                        "this looks like a percent; write it as a fraction ({as_fraction} instead of {trimmed})"
                    )
                } else {
                    format!(
                        "check the value against the source; if it is a percent, write it as a fraction ({as_fraction})"
                    )
                }
            } else if unit == Unit::Elo {
                "an Elo rating lies in the low thousands; check the column holds Elo and not another unit".to_string()
            } else {
                "check the value against the source".to_string()
            };
            return Err(at(K::OutOfRange, unit.describe().to_string()).fix(fix));
        }
        if unit == Unit::Count && value.fract() != 0.0 {
            return Err(at(K::OutOfRange, unit.describe().to_string())
                .fix("counts are whole numbers of questions"));
        }
        if unit == Unit::Tokens && value.fract() != 0.0 {
            return Err(at(K::OutOfRange, unit.describe().to_string())
                .fix("a context window is a whole number of tokens"));
        }
        Ok(Some(value))
    }
}

/// The first present value of a column, with its row.
fn first_value<T>(cells: &[Option<T>]) -> Option<(usize, &T)> {
    cells
        .iter()
        .enumerate()
        .find_map(|(i, v)| v.as_ref().map(|v| (i, v)))
}
