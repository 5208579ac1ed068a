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
use crate::normalise::gdpval_elo_from_norm_pct;
use crate::omniscience::Outcomes;
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
    let bytes = std::fs::read(path).map_err(|e| {
        DataError::new(K::Io, &origin, "a readable dataset file")
            .value(e.to_string())
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
    let df = read_frame(origin, bytes, format)?;
    if df.height() == 0 {
        return Err(
            DataError::new(K::Empty, origin, "at least one data row after the header")
                .value("header only")
                .fix("add rows, one per model variant"),
        );
    }
    let mut dataset = Builder {
        origin,
        format,
        options,
    }
    .build(&df)?;
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

fn read_frame(origin: &str, bytes: &[u8], format: Format) -> Result<DataFrame, DataError> {
    let cursor = Cursor::new(bytes.to_vec());
    let result = match format {
        Format::Csv => CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .map_parse_options(|p| p.with_missing_is_null(false))
            .into_reader_with_file_handle(cursor)
            .finish(),
        Format::Json => JsonReader::new(cursor).finish(),
        Format::Parquet => ParquetReader::new(cursor).finish(),
    };
    result.map_err(|e| {
        let what = match format {
            Format::Csv => "valid CSV with a header row",
            Format::Json => "a JSON array of objects, one per model",
            Format::Parquet => "a valid Parquet file",
        };
        DataError::new(K::Format, origin, what)
            .value(e.to_string())
            .fix("check the file's structure against datasets/README.md")
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
            if !TEXT_COLUMNS.contains(&name.as_str()) && self.unit_of(name).is_none() {
                return Err(DataError::new(
                    K::UnknownColumn,
                    self.origin,
                    "a column reweigh knows",
                )
                .column(name)
                .fix(unknown_column_fix(name)));
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
        let slugs = self.text_values(slug_col)?;
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
                for (row, value) in rows.iter_mut().zip(self.text_values(column)?) {
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

    fn text_values(&self, column: &Column) -> Result<Vec<String>, DataError> {
        let cast = column.cast(&DataType::String).map_err(|e| {
            DataError::new(K::Format, self.origin, "text")
                .column(column.name())
                .value(e.to_string())
        })?;
        let strings = cast.str().expect("cast to String");
        Ok(strings
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect())
    }

    fn numeric_values(
        &self,
        column: &Column,
        unit: Unit,
        slugs: &[String],
    ) -> Result<Vec<Option<f64>>, DataError> {
        let name = column.name().as_str();
        let raw: Vec<Option<String>> = if column.dtype().is_primitive_numeric() {
            let cast = column.cast(&DataType::Float64).map_err(|e| {
                DataError::new(K::Format, self.origin, "numbers")
                    .column(name)
                    .value(e.to_string())
            })?;
            cast.f64()
                .expect("cast to Float64")
                .iter()
                .map(|v| v.map(|x| format!("{x}")))
                .collect()
        } else if column.dtype() == &DataType::Null {
            vec![None; column.len()]
        } else {
            let cast = column.cast(&DataType::String).map_err(|e| {
                DataError::new(K::Format, self.origin, "numbers or text holding numbers")
                    .column(name)
                    .value(e.to_string())
            })?;
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
            at(K::NotANumber, unit.describe().to_string())
                .fix("write the number in plain decimal notation (for example 0.4325), or NA if unpublished")
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
        self.derive_omniscience(d)
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
