//! The history of a published index: many captures of it in one long table (capture × model ×
//! column), kept as Parquet, and the views read from it — a capture as a dataset, the capture in
//! force at a date, a model's values and rank over time. polars does the work: the long table is
//! an unpivot of each capture, a capture is a pivot back, ranks are a window over captures.
//!
//! Columns of the long table (one row per published cell; a value not published has no row):
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `captured_at` | text | when the capture was taken, UTC (`2026-06-15T06:12:37Z`) or as its source states it |
//! | `capture` | text | the capture's file name |
//! | `index_version` | text | the index version in force (empty: unknown) |
//! | `source_shape` | text | the shape it was read from (`aa-capture-csv`, …) |
//! | `capture_source` | text | where the capture is published (repository, commit, path) |
//! | `capture_sha256` | text | SHA-256 of the capture file's bytes |
//! | `attribution` | text | whose numbers they are |
//! | `slug` | text | the model |
//! | `column` | text | a canonical column (datasets/README.md) |
//! | `value` | f64 | the value of a numeric column, in canonical units |
//! | `text` | text | the value of a text column |

use polars::prelude::*;
use polars_lazy::prelude::*;
use reweigh_evals::{
    ColumnKind, DataError, DataErrorKind as K, Dataset, LoadOptions, RawTable, SourceFormat,
    sha256_hex,
};

use crate::guard::guarded;

/// The capture-level columns, in order.
pub const CAPTURE_COLUMNS: [&str; 7] = [
    "captured_at",
    "capture",
    "index_version",
    "source_shape",
    "capture_source",
    "capture_sha256",
    "attribution",
];

/// Per-row provenance a capture's import adds; the long table keeps it once per capture instead.
const ROW_PROVENANCE: [&str; 7] = [
    "source",
    "source_shape",
    "retrieved_at",
    "source_endpoint",
    "source_sha256",
    "attribution",
    "index_version",
];

/// The most rows a history may hold (41 captures of ~550 models hold about 700,000).
pub const MAX_HISTORY_ROWS: usize = 20_000_000;

/// One capture: where and when it was taken, and what it holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaptureMeta {
    pub captured_at: String,
    pub capture: String,
    pub index_version: Option<String>,
    pub source_shape: String,
    pub capture_source: String,
    pub capture_sha256: String,
    pub attribution: String,
}

/// A capture to add: its description and its validated dataset.
pub struct Capture {
    pub meta: CaptureMeta,
    pub dataset: Dataset,
}

/// Many captures in one long table.
#[derive(Clone)]
pub struct History {
    pub origin: String,
    pub frame: DataFrame,
}

fn err(origin: &str, expected: &str, e: impl std::fmt::Display) -> DataError {
    DataError::new(K::Format, origin, expected.to_string())
        .value(e.to_string())
        .fix("rebuild the history with `reweigh history CAPTURES... --out FILE.parquet`")
}

/// One capture as long rows: its numeric cells (as read, derived columns left out) and its text
/// cells, each with the capture's columns.
fn long_of(c: &Capture) -> PolarsResult<DataFrame> {
    let d = &c.dataset;
    let n = d.len();
    let slugs: Vec<&str> = d.rows.iter().map(|r| r.slug.as_str()).collect();
    let mut numeric = vec![Column::new("slug".into(), &slugs)];
    for (name, values) in &d.columns {
        if !d.derived.contains(name) {
            numeric.push(Column::new(name.as_str().into(), values));
        }
    }
    let mut text_names: Vec<&str> = d
        .rows
        .iter()
        .flat_map(|r| r.text.keys().map(String::as_str))
        .filter(|k| !ROW_PROVENANCE.contains(k))
        .collect();
    text_names.sort_unstable();
    text_names.dedup();
    let mut text = vec![Column::new("slug".into(), &slugs)];
    for name in &text_names {
        let cells: Vec<Option<&str>> = d
            .rows
            .iter()
            .map(|r| {
                r.text
                    .get(*name)
                    .map(String::as_str)
                    .filter(|v| !v.is_empty())
            })
            .collect();
        text.push(Column::new((*name).into(), cells));
    }
    let unpivot = |columns: Vec<Column>, value: &str| -> PolarsResult<LazyFrame> {
        let df = DataFrame::new(n, columns)?;
        let on: Vec<PlSmallStr> = df
            .get_column_names()
            .into_iter()
            .filter(|c| c.as_str() != "slug")
            .cloned()
            .collect();
        Ok(df
            .unpivot(Some(on), ["slug"])?
            .lazy()
            .rename(["variable", "value"], ["column", value], true)
            .filter(col(value).is_not_null()))
    };
    let m = &c.meta;
    let values =
        unpivot(numeric, "value")?.with_column(lit(NULL).cast(DataType::String).alias("text"));
    let texts = unpivot(text, "text")?
        .select([
            col("slug"),
            col("column"),
            col("text").cast(DataType::String),
        ])
        .with_column(lit(NULL).cast(DataType::Float64).alias("value"));
    concat(
        [
            values.select([col("slug"), col("column"), col("value"), col("text")]),
            texts.select([col("slug"), col("column"), col("value"), col("text")]),
        ],
        UnionArgs::default(),
    )?
    .with_columns([
        lit(m.captured_at.as_str()).alias("captured_at"),
        lit(m.capture.as_str()).alias("capture"),
        lit(m.index_version.clone().unwrap_or_default()).alias("index_version"),
        lit(m.source_shape.as_str()).alias("source_shape"),
        lit(m.capture_source.as_str()).alias("capture_source"),
        lit(m.capture_sha256.as_str()).alias("capture_sha256"),
        lit(m.attribution.as_str()).alias("attribution"),
    ])
    .select(
        CAPTURE_COLUMNS
            .iter()
            .chain(&["slug", "column", "value", "text"])
            .map(|c| col(*c))
            .collect::<Vec<_>>(),
    )
    .collect()
}

/// The canonical order of the long table: by capture time, capture, slug, column.
fn sorted(df: LazyFrame) -> LazyFrame {
    df.sort(
        ["captured_at", "capture", "slug", "column"],
        SortMultipleOptions::default().with_maintain_order(true),
    )
}

impl History {
    /// The long table of these captures (two captures with one name and time are an error).
    pub fn of(origin: &str, captures: &[Capture]) -> Result<History, DataError> {
        let mut seen = std::collections::HashSet::new();
        for c in captures {
            if !seen.insert((&c.meta.captured_at, &c.meta.capture)) {
                return Err(
                    DataError::new(K::DuplicateSlug, origin, "each capture once")
                        .value(format!("{} at {}", c.meta.capture, c.meta.captured_at))
                        .fix("give each capture file once"),
                );
            }
        }
        let frame = guarded(origin, "captures as one long table", || {
            let parts = captures
                .iter()
                .map(|c| long_of(c).map(IntoLazy::lazy))
                .collect::<PolarsResult<Vec<_>>>()?;
            if parts.is_empty() {
                return Ok(DataFrame::empty());
            }
            sorted(concat(parts, UnionArgs::default())?).collect()
        })?;
        Ok(History {
            origin: origin.to_string(),
            frame,
        })
    }

    /// Another history's captures added (a capture in both is an error).
    pub fn merge(self, other: History) -> Result<History, DataError> {
        let origin = format!("{} and {}", self.origin, other.origin);
        let mut all = self.captures()?;
        all.extend(other.captures()?);
        let mut keys: Vec<_> = all.iter().map(|c| (&c.captured_at, &c.capture)).collect();
        let before = keys.len();
        keys.sort();
        keys.dedup();
        if keys.len() != before {
            return Err(
                DataError::new(K::DuplicateSlug, &origin, "each capture once")
                    .fix("give each capture (or a history holding it) once"),
            );
        }
        let frame = guarded(&origin, "two histories as one", || {
            sorted(concat(
                [self.frame.lazy(), other.frame.lazy()],
                UnionArgs::default(),
            )?)
            .collect()
        })?;
        Ok(History { origin, frame })
    }

    /// The long table as Parquet (polars' default compression, statistics off: the same bytes for
    /// the same captures on every machine).
    pub fn to_parquet(&self) -> Result<Vec<u8>, DataError> {
        guarded(&self.origin, "a history written as Parquet", || {
            let mut out = Vec::new();
            let mut df = self.frame.clone();
            ParquetWriter::new(&mut out)
                .with_statistics(StatisticsOptions::empty())
                .finish(&mut df)?;
            Ok(out)
        })
    }

    /// The long table as CSV.
    pub fn to_csv(&self) -> Result<Vec<u8>, DataError> {
        guarded(&self.origin, "a history written as CSV", || {
            let mut out = Vec::new();
            let mut df = self.frame.clone();
            CsvWriter::new(&mut out).finish(&mut df)?;
            Ok(out)
        })
    }

    /// Reads a long table written by [`History::to_parquet`]: the Parquet file checked as every
    /// input is, then its columns by name and type.
    pub fn from_parquet(origin: &str, bytes: &[u8]) -> Result<History, DataError> {
        let kind = |name: &str| match name {
            "value" => ColumnKind::Numeric(reweigh_evals::registry::Unit::Number),
            n if CAPTURE_COLUMNS.contains(&n) || ["slug", "column", "text"].contains(&n) => {
                ColumnKind::Text { bool_ok: false }
            }
            _ => ColumnKind::Unknown,
        };
        let unknown = |name: &str| {
            err(
                origin,
                "a history's columns (captured_at, capture, …, slug, column, value, text)",
                format!("column '{}'", name.escape_debug()),
            )
        };
        let frame = crate::parquet::checked_frame(
            origin,
            bytes,
            kind,
            unknown,
            ("history", MAX_HISTORY_ROWS),
        )?;
        let expected: Vec<&str> = CAPTURE_COLUMNS
            .iter()
            .copied()
            .chain(["slug", "column", "value", "text"])
            .collect();
        let names: Vec<&str> = frame
            .get_column_names()
            .iter()
            .map(|c| c.as_str())
            .collect();
        if names != expected {
            return Err(err(
                origin,
                &format!("a history's columns {}", expected.join(", ")),
                names.join(", "),
            ));
        }
        if frame
            .column("value")
            .map(|c| c.dtype() != &DataType::Float64)
            .unwrap_or(true)
        {
            return Err(err(origin, "a float64 column 'value'", "another type"));
        }
        Ok(History {
            origin: origin.to_string(),
            frame,
        })
    }

    /// The captures, oldest first.
    pub fn captures(&self) -> Result<Vec<CaptureMeta>, DataError> {
        if self.frame.height() == 0 {
            return Ok(Vec::new());
        }
        let df = guarded(&self.origin, "a history's captures", || {
            self.frame
                .clone()
                .lazy()
                .select(CAPTURE_COLUMNS.map(col))
                .unique_stable(None, UniqueKeepStrategy::First)
                .sort(["captured_at", "capture"], SortMultipleOptions::default())
                .collect()
        })?;
        let text = |name: &str| -> Result<Vec<String>, DataError> {
            let c = df
                .column(name)
                .and_then(|c| c.str().cloned())
                .map_err(|e| err(&self.origin, "text capture columns", e))?;
            Ok(c.iter()
                .map(|v| v.unwrap_or_default().to_string())
                .collect())
        };
        let columns: Vec<Vec<String>> = CAPTURE_COLUMNS
            .iter()
            .map(|c| text(c))
            .collect::<Result<_, _>>()?;
        Ok((0..df.height())
            .map(|i| CaptureMeta {
                captured_at: columns[0][i].clone(),
                capture: columns[1][i].clone(),
                index_version: Some(columns[2][i].clone()).filter(|v| !v.is_empty()),
                source_shape: columns[3][i].clone(),
                capture_source: columns[4][i].clone(),
                capture_sha256: columns[5][i].clone(),
                attribution: columns[6][i].clone(),
            })
            .collect())
    }

    /// The capture in force at `date` (`YYYY-MM-DD`, the whole day, or a full timestamp): the last
    /// one taken at or before it.
    pub fn at(&self, date: &str) -> Result<Option<CaptureMeta>, DataError> {
        let until = if date.len() == 10 {
            format!("{date}T23:59:59Z~")
        } else {
            date.to_string()
        };
        Ok(self
            .captures()?
            .into_iter()
            .rfind(|c| c.captured_at.as_str() <= until.as_str()))
    }

    /// One capture as a dataset (a pivot of its long rows back to one row per model), with its
    /// provenance on every row.
    pub fn snapshot(
        &self,
        capture: &CaptureMeta,
        options: &LoadOptions,
    ) -> Result<Dataset, DataError> {
        let origin = format!("{}@{}", self.origin, capture.capture);
        let df = guarded(&origin, "a capture of the history", || {
            let rows = self.frame.clone().lazy().filter(
                col("captured_at")
                    .eq(lit(capture.captured_at.as_str()))
                    .and(col("capture").eq(lit(capture.capture.as_str()))),
            );
            let wide = |value: &str| -> PolarsResult<DataFrame> {
                let part = rows
                    .clone()
                    .filter(col(value).is_not_null())
                    .select([col("slug"), col("column"), col(value)])
                    .collect()?;
                let names = part
                    .column("column")?
                    .unique_stable()?
                    .sort(SortOptions::default())?;
                part.lazy()
                    .pivot(
                        by_name([PlSmallStr::from("column")], true, false),
                        Arc::new(DataFrame::new(names.len(), vec![names])?),
                        by_name([PlSmallStr::from("slug")], true, false),
                        by_name([PlSmallStr::from(value)], true, false),
                        element().first(),
                        true,
                        "_".into(),
                        polars::frame::PivotColumnNaming::Auto,
                    )
                    .collect()
            };
            let numbers = wide("value")?;
            let texts = wide("text")?;
            numbers
                .lazy()
                .join(
                    texts.lazy(),
                    [col("slug")],
                    [col("slug")],
                    JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
                )
                .sort(["slug"], SortMultipleOptions::default())
                .with_columns([
                    lit(capture.capture_source.as_str()).alias("source"),
                    lit(capture.source_shape.as_str()).alias("source_shape"),
                    lit(capture.captured_at.as_str()).alias("retrieved_at"),
                    lit(capture.capture_sha256.as_str()).alias("source_sha256"),
                    lit(capture.attribution.as_str()).alias("attribution"),
                    lit(capture.index_version.clone().unwrap_or_default()).alias("index_version"),
                ])
                .collect()
        })?;
        let mut raw: RawTable = crate::frame::raw_table(&origin, SourceFormat::Parquet, &df)?;
        raw.sha256 = capture.capture_sha256.clone();
        Dataset::from_raw(raw, options)
    }

    /// Each capture's value of `columns` for `slugs`, with the model's rank by published index
    /// among all models of that capture (1 = highest; ties by slug), by slug then oldest capture
    /// first. A column a capture does not publish for a model is `None`.
    pub fn series(
        &self,
        slugs: &[String],
        columns: &[String],
    ) -> Result<Vec<SeriesRow>, DataError> {
        let df = guarded(&self.origin, "a history's series", || {
            let all = self.frame.clone().lazy();
            let ranks = all
                .clone()
                .filter(
                    col("column")
                        .eq(lit("published_index"))
                        .and(col("value").is_not_null()),
                )
                .sort(
                    ["captured_at", "capture", "slug"],
                    SortMultipleOptions::default(),
                )
                .select([
                    col("captured_at"),
                    col("capture"),
                    col("slug"),
                    col("value")
                        .rank(
                            RankOptions {
                                method: RankMethod::Ordinal,
                                descending: true,
                            },
                            None,
                        )
                        .over([col("captured_at"), col("capture")])?
                        .cast(DataType::UInt64)
                        .alias("rank"),
                    col("slug")
                        .count()
                        .over([col("captured_at"), col("capture")])?
                        .cast(DataType::UInt64)
                        .alias("ranked"),
                ]);
            let wanted = Series::new("slugs".into(), slugs);
            let names = Series::new("column".into(), columns);
            let rows = all.filter(col("slug").is_in(lit(wanted).implode(false), false));
            let keys = rows
                .clone()
                .select([
                    col("captured_at"),
                    col("capture"),
                    col("index_version"),
                    col("slug"),
                ])
                .unique_stable(None, UniqueKeepStrategy::First);
            let picked = rows
                .filter(col("column").is_in(lit(names.clone()).implode(false), false))
                .select([
                    col("captured_at"),
                    col("capture"),
                    col("slug"),
                    col("column"),
                    col("value"),
                ])
                .collect()?;
            let wide = picked.lazy().pivot(
                by_name([PlSmallStr::from("column")], true, false),
                Arc::new(DataFrame::new(names.len(), vec![names.into()])?),
                by_name(
                    [
                        PlSmallStr::from("captured_at"),
                        PlSmallStr::from("capture"),
                        PlSmallStr::from("slug"),
                    ],
                    true,
                    false,
                ),
                by_name([PlSmallStr::from("value")], true, false),
                element().first(),
                true,
                "_".into(),
                polars::frame::PivotColumnNaming::Auto,
            );
            let on = [col("captured_at"), col("capture"), col("slug")];
            keys.join(wide, on.clone(), on.clone(), JoinArgs::new(JoinType::Left))
                .join(ranks, on.clone(), on, JoinArgs::new(JoinType::Left))
                .sort(
                    ["slug", "captured_at", "capture"],
                    SortMultipleOptions::default(),
                )
                .collect()
        })?;
        let fail = |e: PolarsError| err(&self.origin, "a history's series", e);
        let text = |name: &str| -> Result<Vec<String>, DataError> {
            Ok(df
                .column(name)
                .and_then(|c| c.str().cloned())
                .map_err(fail)?
                .iter()
                .map(|v| v.unwrap_or_default().to_string())
                .collect())
        };
        let count = |name: &str| -> Result<Vec<Option<usize>>, DataError> {
            Ok(df
                .column(name)
                .and_then(|c| c.u64().cloned())
                .map_err(fail)?
                .iter()
                .map(|v| v.map(|n| n as usize))
                .collect())
        };
        let (at, capture, version, slug) = (
            text("captured_at")?,
            text("capture")?,
            text("index_version")?,
            text("slug")?,
        );
        let (rank, ranked) = (count("rank")?, count("ranked")?);
        let mut values = Vec::new();
        for c in columns {
            let v: Vec<Option<f64>> = match df.column(c) {
                Ok(col) => col
                    .cast(&DataType::Float64)
                    .and_then(|c| c.f64().cloned())
                    .map_err(fail)?
                    .iter()
                    .collect(),
                Err(_) => vec![None; df.height()],
            };
            values.push(v);
        }
        Ok((0..df.height())
            .map(|i| SeriesRow {
                slug: slug[i].clone(),
                captured_at: at[i].clone(),
                capture: capture[i].clone(),
                index_version: Some(version[i].clone()).filter(|v| !v.is_empty()),
                rank: rank[i],
                ranked: ranked[i],
                values: columns
                    .iter()
                    .zip(&values)
                    .map(|(c, v)| (c.clone(), v[i]))
                    .collect(),
            })
            .collect())
    }

    /// Per capture (oldest first): models listed, with a published index, with a known cost.
    pub fn summary(&self) -> Result<Vec<(CaptureMeta, usize, usize, usize)>, DataError> {
        let metas = self.captures()?;
        let df = guarded(&self.origin, "a history's captures", || {
            let has = |column: &str| {
                col("slug")
                    .filter(col("column").eq(lit(column)).and(col("value").gt(lit(0.0))))
                    .n_unique()
                    .alias(column)
            };
            self.frame
                .clone()
                .lazy()
                .group_by([col("captured_at"), col("capture")])
                .agg([
                    col("slug").n_unique().alias("models"),
                    has("published_index"),
                    has("index_cost_usd"),
                ])
                .sort(["captured_at", "capture"], SortMultipleOptions::default())
                .collect()
        })?;
        let fail = |e: PolarsError| err(&self.origin, "a history's captures", e);
        let count = |name: &str| -> Result<Vec<usize>, DataError> {
            Ok(df
                .column(name)
                .and_then(|c| c.cast(&DataType::UInt64))
                .and_then(|c| c.u64().cloned())
                .map_err(fail)?
                .iter()
                .map(|v| v.unwrap_or(0) as usize)
                .collect())
        };
        let (models, index, cost) = (
            count("models")?,
            count("published_index")?,
            count("index_cost_usd")?,
        );
        Ok(metas
            .into_iter()
            .enumerate()
            .map(|(i, m)| (m, models[i], index[i], cost[i]))
            .collect())
    }
}

/// One model in one capture (see [`History::series`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    pub slug: String,
    pub captured_at: String,
    pub capture: String,
    pub index_version: Option<String>,
    pub rank: Option<usize>,
    pub ranked: Option<usize>,
    pub values: Vec<(String, Option<f64>)>,
}

/// One capture file read in any shape: its time is the one `origin` gives (a manifest, a file name
/// such as `aa_wide_2026-06-05T2148_96dd566.csv`), else the dataset's one `retrieved_at` or
/// `snapshot_date`; a capture whose time is not known is an error, never a guess.
pub fn capture(
    bytes: &[u8],
    origin: &crate::import::Origin,
    source: Option<&str>,
    options: &crate::import::ImportOptions,
) -> Result<Capture, DataError> {
    let imported = crate::import::import_bytes(bytes, origin, options)?;
    let dataset = imported.dataset_with(&options.load)?;
    let stated = |column: &str| {
        let mut values: Vec<&str> = dataset
            .rows
            .iter()
            .filter_map(|r| r.text.get(column).map(String::as_str))
            .filter(|v| !v.is_empty())
            .collect();
        values.sort_unstable();
        values.dedup();
        (values.len() == 1).then(|| values[0].to_string())
    };
    let captured_at = origin
        .retrieved_at
        .clone()
        .or_else(|| stated("retrieved_at"))
        .or_else(|| stated("snapshot_date"))
        .ok_or_else(|| {
            DataError::new(K::MissingColumn, &origin.name, "the time the capture was taken")
                .fix("name the file as AA's daily captures are (aa_wide_YYYY-MM-DDTHHMM_<commit>.csv), or give the dataset one retrieved_at or snapshot_date, or list it in a manifest (datasets/history/captures.csv)")
        })?;
    let file = std::path::Path::new(&origin.name)
        .file_name()
        .map_or(origin.name.clone(), |f| f.to_string_lossy().into_owned());
    Ok(Capture {
        meta: CaptureMeta {
            captured_at,
            capture: file,
            index_version: imported.index_version.clone(),
            source_shape: imported.shape.name().to_string(),
            capture_source: source
                .map(str::to_string)
                .or_else(|| stated("source"))
                .unwrap_or_else(|| origin.name.clone()),
            capture_sha256: sha256_hex(bytes),
            attribution: "Artificial Analysis, artificialanalysis.ai".to_string(),
        },
        dataset,
    })
}

/// A manifest of captures (CSV: `file`, `captured_at`, `index_version`, `source`, and any other
/// columns, which are ignored): each file read from `dir` with the time, version and source the
/// manifest gives.
pub fn from_manifest(
    manifest: &std::path::Path,
    options: &crate::import::ImportOptions,
) -> Result<History, DataError> {
    let origin = manifest.display().to_string();
    let bytes = crate::read_input(manifest)
        .map_err(|e| DataError::new(K::Io, &origin, "a readable manifest").value(e))?;
    let table = crate::csv::read(&origin, &bytes)?;
    let column = |name: &str| -> Result<Vec<String>, DataError> {
        let c = table
            .columns
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| {
                DataError::new(K::MissingColumn, &origin, format!("a column '{name}'"))
                    .fix("a manifest has file, captured_at, index_version and source columns")
            })?;
        match &c.cells {
            reweigh_evals::Cells::Text(v) | reweigh_evals::Cells::Numbers(v) => {
                Ok(v.iter().map(|x| x.clone().unwrap_or_default()).collect())
            }
            _ => Err(DataError::new(K::WrongType, &origin, "text").column(name)),
        }
    };
    let (files, times, versions, sources) = (
        column("file")?,
        column("captured_at")?,
        column("index_version")?,
        column("source")?,
    );
    let dir = manifest.parent().unwrap_or(std::path::Path::new("."));
    let mut captures = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let relative = std::path::Path::new(file);
        if file.is_empty()
            || file.contains('\\')
            || !relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return Err(DataError::new(
                K::Format,
                &origin,
                "a file path under the manifest's directory (no '..', not absolute)",
            )
            .row(i + 1, None)
            .column("file")
            .value(file.escape_debug().to_string())
            .fix("list files by their path from the manifest's directory"));
        }
        let path = dir.join(file);
        let bytes = crate::read_input(&path).map_err(|e| {
            DataError::new(
                K::Io,
                &path.display().to_string(),
                "a capture the manifest lists",
            )
            .value(e)
        })?;
        let version = Some(versions[i].clone()).filter(|v| !v.is_empty());
        let options = crate::import::ImportOptions {
            index_version: version.or_else(|| options.index_version.clone()),
            ..options.clone()
        };
        let o = crate::import::Origin {
            name: relative
                .file_name()
                .map_or(file.clone(), |f| f.to_string_lossy().into_owned()),
            endpoint: None,
            retrieved_at: Some(times[i].clone()),
        };
        captures.push(capture(&bytes, &o, Some(&sources[i]), &options)?);
    }
    History::of(&origin, &captures)
}
