//! Loading and validating datasets (CSV, JSON, Parquet) with polars.
//!
//! A dataset is one row per model variant keyed by `slug`; its columns are the text and numeric columns
//! of the [registry](crate::registry). Every cell is checked: missing values must be explicit (`NA` in
//! CSV, `null` in JSON and Parquet); empty cells, NaN, non-numbers, out-of-range values, unknown
//! columns and duplicate slugs are errors that name the file, row, column and value.
//!
//! After validation, derivable columns are filled in: `gdpval_elo` from `gdpval_norm_pct`, the
//! Omniscience rates from outcome counts or from the hallucination rate.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

use polars::prelude::*;

use crate::error::{DataError, DataErrorKind as K};
use crate::json::{self, ColumnKind};
use crate::normalise::gdpval_elo_from_norm_pct;
use crate::omniscience::Outcomes;
use crate::parquet;
use crate::registry::{NUMERIC_COLUMNS, TEXT_COLUMNS, Unit, numeric_column};
use crate::suggest::edit_distance;

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

/// Loads a dataset file; its extension picks the format.
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<Dataset, DataError> {
    let origin = path.display().to_string();
    let bytes = crate::read_input(path).map_err(|e| {
        DataError::new(K::Io, &origin, "a readable dataset file")
            .value(e)
            .fix("check the path; datasets/ holds the published snapshots")
    })?;
    load_bytes(&origin, &bytes, options)
}

/// Loads a dataset from bytes; `origin` names it in errors and its extension picks the format.
pub fn load_bytes(origin: &str, bytes: &[u8], options: &LoadOptions) -> Result<Dataset, DataError> {
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
    if format != Format::Parquet {
        check_utf8(origin, bytes)?;
    }
    if format == Format::Csv {
        check_csv_fields(origin, bytes)?;
    }
    let builder = Builder {
        origin,
        format,
        options,
    };
    let df = builder.read_frame(bytes)?;
    if df.height() == 0 {
        return Err(
            DataError::new(K::Empty, origin, "at least one data row after the header")
                .value("header only")
                .fix("add rows, one per model variant"),
        );
    }
    let mut dataset = builder.build(&df)?;
    dataset.sha256 = sha256_hex(bytes);
    Ok(dataset)
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every CSV record has as many fields as the header (polars reads a short row's missing cells as
/// empty text, which a text column would accept silently). Quotes open only at the start of a
/// field, `""` inside quotes is a quote, as polars reads them.
fn check_csv_fields(origin: &str, bytes: &[u8]) -> Result<(), DataError> {
    let mut header: Option<usize> = None;
    let (mut fields, mut record, mut line, mut record_line) = (1usize, 0usize, 1usize, 1usize);
    let (mut in_quotes, mut at_field_start, mut empty) = (false, true, true);
    let mut i = 0;
    let mut end_record = |record: usize,
                          fields: usize,
                          empty: bool,
                          record_line: usize|
     -> Result<(), DataError> {
        if empty && header.is_some() && fields == 1 {
            // A blank line: polars reads it as a row of empty cells; the slug check names it.
            return Ok(());
        }
        match header {
            None => header = Some(fields),
            Some(n) if n != fields => {
                return Err(DataError::new(
                    K::Format,
                    origin,
                    format!("{n} fields in every row, as in the header"),
                )
                .row(record, None)
                .line(record_line)
                .value(format!("{fields} field{}", if fields == 1 { "" } else { "s" }))
                .fix("give every column a value (NA where unpublished); check for a missing or extra comma, and quote a value that holds a comma"));
            }
            Some(_) => {}
        }
        Ok(())
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else {
            match b {
                b',' => {
                    fields += 1;
                    at_field_start = true;
                    empty = false;
                }
                b'\n' => {
                    end_record(record, fields, empty, record_line)?;
                    record += 1;
                    record_line = line;
                    (fields, at_field_start, empty) = (1, true, true);
                }
                b'\r' => {}
                b'"' if at_field_start => {
                    in_quotes = true;
                    at_field_start = false;
                    empty = false;
                }
                _ => {
                    at_field_start = false;
                    empty = false;
                }
            }
        }
        i += 1;
    }
    if !empty {
        end_record(record, fields, false, record_line)?;
    }
    Ok(())
}

fn check_utf8(origin: &str, bytes: &[u8]) -> Result<(), DataError> {
    std::str::from_utf8(bytes).map(|_| ()).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        DataError::new(K::Encoding, origin, "UTF-8 text")
            .line(line)
            .value(format!("byte 0x{:02X} at offset {at}", bytes[at]))
            .fix("re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)")
    })
}

struct Builder<'a> {
    origin: &'a str,
    format: Format,
    options: &'a LoadOptions,
}

impl Builder<'_> {
    fn err(
        &self,
        kind: K,
        row: usize,
        slug: Option<&str>,
        expected: impl Into<String>,
    ) -> DataError {
        let mut e = DataError::new(kind, self.origin, expected).row(row + 1, slug);
        if self.format == Format::Csv {
            e = e.line(row + 2);
        }
        e
    }

    /// Reads the bytes into a frame: CSV with polars (every cell as text), JSON with serde_json
    /// (crate::json), Parquet with polars after a check of its schema (crate::parquet).
    fn read_frame(&self, bytes: &[u8]) -> Result<DataFrame, DataError> {
        let origin = self.origin;
        match self.format {
            Format::Csv => parquet::guarded(origin, "valid CSV with a header row", || {
                CsvReadOptions::default()
                    .with_has_header(true)
                    .with_infer_schema_length(Some(0))
                    .map_parse_options(|p| p.with_missing_is_null(false))
                    .into_reader_with_file_handle(Cursor::new(bytes.to_vec()))
                    .finish()
            }),
            Format::Json => json::read(origin, bytes, |name| self.kind(name)),
            Format::Parquet => parquet::read(
                origin,
                bytes,
                |name| self.kind(name),
                |name| self.unknown_column(name),
            ),
        }
    }

    /// What a column holds: text, numbers in a unit, or a column reweigh does not know.
    fn kind(&self, name: &str) -> ColumnKind {
        if TEXT_COLUMNS.contains(&name) {
            ColumnKind::Text {
                bool_ok: name == "is_reasoning",
            }
        } else if let Some(unit) = self.unit_of(name) {
            ColumnKind::Numeric(unit)
        } else {
            ColumnKind::Unknown
        }
    }

    fn unknown_column(&self, name: &str) -> DataError {
        DataError::new(K::UnknownColumn, self.origin, "a column reweigh knows")
            .column(name)
            .fix(unknown_column_fix(name))
    }

    fn unit_of(&self, name: &str) -> Option<Unit> {
        numeric_column(name).map(|c| c.unit).or_else(|| {
            self.options
                .extra_columns
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.unit)
        })
    }

    fn build(&self, df: &DataFrame) -> Result<Dataset, DataError> {
        let names: Vec<String> = df.columns().iter().map(|c| c.name().to_string()).collect();
        for name in &names {
            if self.kind(name) == ColumnKind::Unknown {
                // polars renames a repeated CSV header `hle` to `hle_duplicated_0`.
                if let Some((first, _)) = name.rsplit_once("_duplicated_")
                    && names.iter().any(|n| n == first)
                {
                    return Err(DataError::new(K::Format, self.origin, "each column once in the header")
                        .column(first)
                        .value(format!("'{first}' given twice"))
                        .fix("remove one of the two columns; reweigh does not guess which one holds the published values"));
                }
                return Err(self.unknown_column(name));
            }
        }
        let slug_col = df.column("slug").map_err(|_| {
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
        for column in df.columns() {
            let name = column.name().as_str();
            if name == "slug" {
                continue;
            }
            if TEXT_COLUMNS.contains(&name) {
                for (row, value) in rows.iter_mut().zip(self.text_values(column, &slugs)?) {
                    row.text.insert(name.to_string(), value);
                }
            } else {
                let unit = self.unit_of(name).expect("checked above");
                columns.insert(name.to_string(), self.numeric_values(column, unit, &slugs)?);
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

    /// A text column's values (missing as empty strings). Text, categorical text and all-null columns
    /// are text; so are booleans in `is_reasoning`. A column of another type
    /// (numbers, booleans elsewhere) is an error at its first value: never read as text silently.
    fn text_values(&self, column: &Column, slugs: &[String]) -> Result<Vec<String>, DataError> {
        let name = column.name().as_str();
        let dtype = column.dtype();
        let is_text = dtype.is_string()
            || dtype == &DataType::Null
            || dtype.is_categorical()
            || dtype.is_enum()
            || (dtype.is_bool() && name == "is_reasoning");
        let cast = column.cast(&DataType::String).map_err(|e| {
            DataError::new(K::WrongType, self.origin, "text")
                .column(name)
                .value(e.to_string())
        })?;
        let strings = cast.str().expect("cast to String");
        if !is_text
            && let Some((i, value)) = strings
                .iter()
                .enumerate()
                .find_map(|(i, v)| v.map(|v| (i, v)))
        {
            let expected = if name == "is_reasoning" {
                "text or a boolean"
            } else {
                "text"
            };
            return Err(self
                .err(K::WrongType, i, slugs.get(i).map(String::as_str), expected)
                .column(name)
                .value(value)
                .fix(format!(
                    "write the column as text (a {dtype} column is not read as text silently)"
                )));
        }
        Ok(strings
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect())
    }

    /// A numeric column's values as text, for [`parse_cell`](Self::parse_cell): numbers printed
    /// exactly (32-bit floats as the shortest text that reads back to the same f32, so 0.4325 stays
    /// 0.4325), text as written. A boolean column is an error at its first value (true is not 1).
    fn numeric_values(
        &self,
        column: &Column,
        unit: Unit,
        slugs: &[String],
    ) -> Result<Vec<Option<f64>>, DataError> {
        let name = column.name().as_str();
        let dtype = column.dtype();
        let cast_err = |e: PolarsError| {
            DataError::new(K::Format, self.origin, "numbers or text holding numbers")
                .column(name)
                .value(e.to_string())
        };
        let raw: Vec<Option<String>> = if dtype == &DataType::Float32 {
            column
                .f32()
                .map_err(cast_err)?
                .iter()
                .map(|v| v.map(|x| format!("{x}")))
                .collect()
        } else if dtype.is_primitive_numeric() {
            let cast = column.cast(&DataType::Float64).map_err(cast_err)?;
            cast.f64()
                .expect("cast to Float64")
                .iter()
                .map(|v| v.map(|x| format!("{x}")))
                .collect()
        } else if dtype == &DataType::Null {
            vec![None; column.len()]
        } else if dtype.is_bool() {
            let values = column.bool().map_err(cast_err)?;
            if let Some((i, b)) = values
                .iter()
                .enumerate()
                .find_map(|(i, v)| v.map(|v| (i, v)))
            {
                return Err(self
                    .err(K::NotANumber, i, Some(&slugs[i]), unit.describe())
                    .column(name)
                    .value(b.to_string())
                    .fix(BOOLEAN_FIX));
            }
            vec![None; column.len()]
        } else {
            let cast = column.cast(&DataType::String).map_err(cast_err)?;
            cast.str()
                .expect("cast to String")
                .iter()
                .map(|v| v.map(str::to_string))
                .collect()
        };
        raw.into_iter()
            .enumerate()
            .map(|(i, cell)| self.parse_cell(i, &slugs[i], name, unit, cell))
            .collect()
    }

    fn parse_cell(
        &self,
        i: usize,
        slug: &str,
        name: &str,
        unit: Unit,
        cell: Option<String>,
    ) -> Result<Option<f64>, DataError> {
        let Some(text) = cell else {
            return Ok(None);
        };
        let trimmed = text.trim();
        let at = |kind, expected: String| {
            self.err(kind, i, Some(slug), expected)
                .column(name)
                .value(text.clone())
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
        Ok(Some(value))
    }

    fn derive(&self, d: &mut Dataset) -> Result<(), DataError> {
        for (elo, pct) in [
            ("gdpval_elo", "gdpval_norm_pct"),
            ("gdpval_v2_elo", "gdpval_v2_norm_pct"),
        ] {
            self.derive_elo(d, elo, pct)?;
        }
        self.derive_omniscience(d)?;
        self.check_cost_parts(d)
    }

    /// The cost of running the index adds up: total = input + output and output = reasoning +
    /// answer, within a cent (AA rounds each to 4 decimals). Checked where the whole (the total or
    /// the output cost) is known and above 0 (AA writes 0 for unknown) and both parts are given.
    fn check_cost_parts(&self, d: &Dataset) -> Result<(), DataError> {
        const PARTS: [(&str, &str, &str); 2] = [
            (
                "index_cost_usd",
                "index_cost_input_usd",
                "index_cost_output_usd",
            ),
            (
                "index_cost_output_usd",
                "index_cost_reasoning_usd",
                "index_cost_answer_usd",
            ),
        ];
        for (whole, a, b) in PARTS {
            for i in 0..d.len() {
                let (Some(w), Some(x), Some(y)) = (d.value(i, whole), d.value(i, a), d.value(i, b))
                else {
                    continue;
                };
                if w > 0.0 && (w - x - y).abs() > COST_TOLERANCE_USD {
                    return Err(self
                        .err(
                            K::Inconsistent,
                            i,
                            Some(&d.rows[i].slug),
                            format!("'{whole}' = '{a}' + '{b}' ({x} + {y} = {})", x + y),
                        )
                        .column(whole)
                        .value(w.to_string())
                        .fix("the parts of a cost must add up to it within a cent; check the three values against the source, or write NA for the ones it does not publish"));
                }
            }
        }
        Ok(())
    }

    fn derive_elo(&self, d: &mut Dataset, elo: &str, pct: &str) -> Result<(), DataError> {
        let Some(pcts) = d.columns.get(pct).cloned() else {
            return Ok(());
        };
        let from_pct: Vec<Option<f64>> = pcts
            .iter()
            .map(|p| p.map(gdpval_elo_from_norm_pct))
            .collect();
        let merged = self.merge(d, elo, pct, from_pct, 1e-6)?;
        d.columns.insert(elo.to_string(), merged);
        Ok(())
    }

    /// Merges derived values into `target`: a value given in both must agree within `tolerance`.
    fn merge(
        &self,
        d: &mut Dataset,
        target: &str,
        source: &str,
        derived: Vec<Option<f64>>,
        tolerance: f64,
    ) -> Result<Vec<Option<f64>>, DataError> {
        let Some(given) = d.columns.get(target) else {
            d.derived.push(target.to_string());
            return Ok(derived);
        };
        let mut out = given.clone();
        for (i, (g, v)) in given.iter().zip(&derived).enumerate() {
            match (g, v) {
                (Some(g), Some(v)) if (g - v).abs() > tolerance => {
                    return Err(self
                        .err(
                            K::Inconsistent,
                            i,
                            Some(&d.rows[i].slug),
                            format!(
                                "'{target}' to agree with the value implied by '{source}' ({v})"
                            ),
                        )
                        .column(target)
                        .value(g.to_string())
                        .fix(format!(
                            "give only one of '{target}' and '{source}', or correct one of them"
                        )));
                }
                (None, Some(v)) => out[i] = Some(*v),
                _ => {}
            }
        }
        Ok(out)
    }

    fn derive_omniscience(&self, d: &mut Dataset) -> Result<(), DataError> {
        const COUNTS: [&str; 4] = [
            "omniscience_correct",
            "omniscience_incorrect",
            "omniscience_partial",
            "omniscience_not_attempted",
        ];
        let present: Vec<&str> = COUNTS.into_iter().filter(|c| d.has_column(c)).collect();
        if !present.is_empty() && present.len() < COUNTS.len() {
            let missing: Vec<&str> = COUNTS.into_iter().filter(|c| !d.has_column(c)).collect();
            return Err(DataError::new(
                K::MissingColumn,
                self.origin,
                "all four Omniscience outcome counts together",
            )
            .column(missing[0])
            .fix(format!("add the column(s) {}", missing.join(", "))));
        }
        // Rates (with a 0.05 % tolerance: published rates are rounded) from counts.
        if present.len() == COUNTS.len() {
            let n = d.len();
            let mut acc = vec![None; n];
            let mut hall = vec![None; n];
            let mut attempt = vec![None; n];
            for i in 0..n {
                let c: Vec<Option<f64>> = COUNTS.iter().map(|c| d.value(i, c)).collect();
                let (Some(correct), Some(incorrect), Some(partial), Some(not_attempted)) =
                    (c[0], c[1], c[2], c[3])
                else {
                    continue;
                };
                let o = Outcomes {
                    correct,
                    incorrect,
                    partial,
                    not_attempted,
                };
                let slug = d.rows[i].slug.clone();
                if let Some(total) = d.value(i, "omniscience_questions")
                    && (o.total() - total).abs() > 0.5
                {
                    return Err(self
                        .err(K::Inconsistent, i, Some(&slug), format!(
                            "correct + incorrect + partial + not_attempted = omniscience_questions ({total})"
                        ))
                        .column("omniscience_questions")
                        .value(format!(
                            "{correct} + {incorrect} + {partial} + {not_attempted} = {}",
                            o.total()
                        ))
                        .fix("the four outcome counts must add up to the number of questions"));
                }
                let Some(m) = o.metrics() else {
                    return Err(self
                        .err(K::Inconsistent, i, Some(&slug), "at least one question")
                        .column("omniscience_correct")
                        .value("0 + 0 + 0 + 0")
                        .fix("write NA for all four counts if the model was not evaluated"));
                };
                acc[i] = Some(m.accuracy);
                hall[i] = Some(m.hallucination_rate);
                attempt[i] = Some(m.attempt_rate);
            }
            let source = "omniscience outcome counts";
            let merged = self.merge(d, "omniscience_accuracy", source, acc, 5e-4)?;
            d.columns.insert("omniscience_accuracy".into(), merged);
            let merged = self.merge(d, "omniscience_hallucination_rate", source, hall, 5e-4)?;
            d.columns
                .insert("omniscience_hallucination_rate".into(), merged);
            let merged = self.merge(d, "omniscience_attempt_rate", source, attempt, 5e-4)?;
            d.columns.insert("omniscience_attempt_rate".into(), merged);
        }
        if let Some(h) = d.columns.get("omniscience_hallucination_rate").cloned() {
            let non: Vec<Option<f64>> = h.iter().map(|h| h.map(|h| 1.0 - h)).collect();
            let merged = self.merge(
                d,
                "omniscience_nonhallucination",
                "omniscience_hallucination_rate",
                non,
                5e-4,
            )?;
            d.columns
                .insert("omniscience_nonhallucination".into(), merged);
        }
        Ok(())
    }
}

/// How far the parts of a cost may be from adding up to it, in US dollars.
pub const COST_TOLERANCE_USD: f64 = 0.01;

const BOOLEAN_FIX: &str = "a boolean is not a score (true is not read as 1); write the number, or NA (JSON and Parquet: null) if it was not published";

/// A percent written as text, shifted two decimal places (45.03 → 0.4503) without float noise.
fn percent_as_fraction(text: &str, value: f64) -> String {
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    format!("{:.*}", decimals + 2, value / 100.0)
}

fn unknown_column_fix(name: &str) -> String {
    let known = TEXT_COLUMNS
        .iter()
        .copied()
        .chain(NUMERIC_COLUMNS.iter().map(|c| c.name));
    let closest = known
        .map(|k| (edit_distance(name, k), k))
        .min()
        .filter(|(d, _)| *d <= 3);
    match closest {
        Some((_, k)) => format!(
            "did you mean '{k}'? Rename or remove the column; the known columns are listed in datasets/README.md"
        ),
        None => "remove or rename the column; the known columns are listed in datasets/README.md"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, text: &str) -> Result<Dataset, DataError> {
        load_bytes(name, text.as_bytes(), &LoadOptions::default())
    }

    const HEADER: &str = "slug,model,gdpval_norm_pct,tau2_telecom";

    #[test]
    fn reads_na_and_derives_elo() {
        let d = load("t.csv", &format!("{HEADER}\na,A,22.362,0.5\nb,B,NA,NA\n")).unwrap();
        assert_eq!(d.len(), 2);
        assert!((d.value(0, "gdpval_elo").unwrap() - 947.24).abs() < 1e-9);
        assert_eq!(d.value(1, "gdpval_elo"), None);
        assert_eq!(d.value(1, "tau2_telecom"), None);
        assert_eq!(d.rows[0].model(), "A");
    }

    fn kind_of(name: &str, text: &str) -> (K, String) {
        let e = load(name, text).unwrap_err();
        (e.kind, e.to_string())
    }

    #[test]
    fn every_bad_cell_names_row_column_value() {
        let cases = [
            ("a,A,10,1.3", K::OutOfRange, "'tau2_telecom', value '1.3'"),
            ("a,A,10,-0.1", K::OutOfRange, "value '-0.1'"),
            ("a,A,10,65.8", K::OutOfRange, "looks like a percent"),
            ("a,A,10,NaN", K::NotANumber, "value 'NaN'"),
            ("a,A,10,", K::EmptyCell, "write NA"),
            ("a,A,10,abc", K::NotANumber, "value 'abc'"),
        ];
        for (row, kind, needle) in cases {
            let (k, msg) = kind_of("bad.csv", &format!("{HEADER}\nz,Z,1,0.1\n{row}\n"));
            assert_eq!(k, kind, "{row}: {msg}");
            assert!(msg.contains("bad.csv, row 2 (slug 'a'), line 3"), "{msg}");
            assert!(msg.contains(needle), "{row}: {msg}");
        }
    }

    #[test]
    fn elo_of_90000_is_out_of_range() {
        let (k, msg) = kind_of("e.csv", "slug,gdpval_elo\na,90000\n");
        assert_eq!(k, K::OutOfRange);
        assert!(msg.contains("column 'gdpval_elo', value '90000'"), "{msg}");
    }

    #[test]
    fn structural_errors() {
        assert_eq!(kind_of("x.csv", "").0, K::Empty);
        assert_eq!(kind_of("x.csv", "slug,hle\n").0, K::Empty);
        assert_eq!(kind_of("x.csv", "model,hle\nA,0.1\n").0, K::MissingColumn);
        let (k, msg) = kind_of("x.csv", "slug,ifbnech\na,0.1\n");
        assert_eq!(k, K::UnknownColumn);
        assert!(
            msg.contains("column 'ifbnech'") && msg.contains("did you mean 'ifbench'"),
            "{msg}"
        );
        let (k, msg) = kind_of("x.csv", "slug,hle\na,0.1\nb,0.2\na,0.3\n");
        assert_eq!(k, K::DuplicateSlug);
        assert!(
            msg.contains("row 3 (slug 'a')") && msg.contains("row 1 has the same slug"),
            "{msg}"
        );
        assert_eq!(kind_of("x.txt", "slug\na\n").0, K::Format);
        for (text, needle) in [
            (
                "slug,hle\na\n",
                "row 1, line 2, value '1 field': expected 2 fields in every row",
            ),
            (
                "slug,hle\na,0.5\nb,0.5,0.7\n",
                "row 2, line 3, value '3 fields'",
            ),
            (
                "slug,model,hle\na,\"x\ny\",0.5\nb,B\n",
                "row 2, line 4, value '2 fields'",
            ),
        ] {
            let (k, msg) = kind_of("x.csv", text);
            assert_eq!(k, K::Format, "{msg}");
            assert!(msg.contains(needle), "{msg}");
        }
        let quoted = load(
            "q.csv",
            "slug,model,hle\na,\"A, \"\"b\"\"\",0.5\nb,c\"d,0.25\n",
        )
        .unwrap();
        assert_eq!(quoted.rows[0].text["model"], "A, \"b\"");
        assert_eq!(quoted.rows[1].text["model"], "c\"d");
        assert_eq!(quoted.value(1, "hle"), Some(0.25));
        let (k, msg) = kind_of("x.csv", "slug,hle,hle\na,0.5,0.6\n");
        assert_eq!(k, K::Format);
        assert!(
            msg.contains("column 'hle', value ''hle' given twice'"),
            "{msg}"
        );
        let e =
            load_bytes("x.csv", b"slug,model\na,caf\xe9\n", &LoadOptions::default()).unwrap_err();
        assert_eq!(e.kind, K::Encoding);
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn omniscience_counts_must_add_up() {
        let head = "slug,omniscience_correct,omniscience_incorrect,omniscience_partial,omniscience_not_attempted,omniscience_questions";
        let ok = load("o.csv", &format!("{head}\na,1806,962,114,3118,6000\n")).unwrap();
        assert_eq!(ok.value(0, "omniscience_accuracy"), Some(0.301));
        assert_eq!(
            ok.value(0, "omniscience_nonhallucination"),
            Some(1.0 - 962.0 / 4194.0)
        );
        let (k, msg) = kind_of("o.csv", &format!("{head}\na,1806,962,114,3000,6000\n"));
        assert_eq!(k, K::Inconsistent);
        assert!(
            msg.contains("column 'omniscience_questions'") && msg.contains("= 5882"),
            "{msg}"
        );
    }

    #[test]
    fn cost_parts_must_add_up() {
        let head = "slug,index_cost_usd,index_cost_input_usd,index_cost_output_usd,index_cost_reasoning_usd,index_cost_answer_usd";
        // qwen3-7-max as AA publishes it, and a non-reasoning row whose reasoning part is 0.
        let ok = load(
            "c.csv",
            &format!("{head}\na,1202.4919,477.0052,725.4868,670.5082,54.9785\nb,10.5,4,6.5,0.0,6.5\nc,0,0,0,0,0\n"),
        )
        .unwrap();
        assert_eq!(ok.value(0, "index_cost_output_usd"), Some(725.4868));
        let (k, msg) = kind_of(
            "c.csv",
            &format!("{head}\na,1202.4919,477.0052,725.4868,670.5082,64.9785\n"),
        );
        assert_eq!(k, K::Inconsistent);
        assert!(
            msg.contains("column 'index_cost_output_usd', value '725.4868'")
                && msg.contains("670.5082 + 64.9785"),
            "{msg}"
        );
        let (k, msg) = kind_of("c.csv", "slug,price_output_per_1m_usd\na,-1\n");
        assert_eq!(k, K::OutOfRange);
        assert!(msg.contains("US dollars per 1M tokens"), "{msg}");
    }

    #[test]
    fn json_nulls_are_missing() {
        let d = load(
            "d.json",
            r#"[{"slug":"a","hle":0.25,"gpqa":null},{"slug":"b","hle":0.5,"gpqa":0.75}]"#,
        )
        .unwrap();
        assert_eq!(d.value(0, "hle"), Some(0.25));
        assert_eq!(d.value(0, "gpqa"), None);
        let (k, msg) = kind_of("d.json", r#"[{"slug":"a","hle":1.5}]"#);
        assert_eq!(k, K::OutOfRange);
        assert!(
            msg.contains("row 1 (slug 'a'), column 'hle', value '1.5'"),
            "{msg}"
        );
    }

    #[test]
    fn parquet_round_trip() {
        let mut df = polars::df!(
            "slug" => ["a", "b"],
            "hle" => [Some(0.25), None],
            "gdpval_norm_pct" => [25.0, -10.0],
        )
        .unwrap();
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes).finish(&mut df).unwrap();
        let d = load_bytes("d.parquet", &bytes, &LoadOptions::default()).unwrap();
        assert_eq!(d.value(0, "hle"), Some(0.25));
        assert_eq!(d.value(1, "hle"), None);
        assert_eq!(d.value(1, "gdpval_elo"), Some(300.0));
        let mut bad = polars::df!("slug" => ["a"], "gpqa" => [f64::NAN]).unwrap();
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes).finish(&mut bad).unwrap();
        let e = load_bytes("d.parquet", &bytes, &LoadOptions::default()).unwrap_err();
        assert_eq!(e.kind, K::NotANumber, "{e}");
        assert!(
            e.to_string()
                .contains("row 1 (slug 'a'), column 'gpqa', value 'NaN'"),
            "{e}"
        );
    }

    #[test]
    fn percent_hint_has_no_float_noise() {
        assert_eq!(percent_as_fraction("45.03", 45.03), "0.4503");
        assert_eq!(percent_as_fraction("1.3", 1.3), "0.013");
        assert_eq!(percent_as_fraction("65", 65.0), "0.65");
    }
}
