//! Taking in AA's data as AA publishes it. A source (an API page, a site payload, a daily capture,
//! or reweigh's own canonical file) is recognised from its content, and its records are mapped to
//! the canonical columns by the shape's adapter, a data file (datasets/adapters/*.toml): where the
//! records are, which keys recognise the shape, and per key the canonical column and its unit.
//! Every row carries its provenance (shape, retrieval time, the source's SHA-256, endpoint,
//! attribution, and the keys the source carried that were not imported).
//!
//! ```
//! use reweigh_data::import::{ImportOptions, Origin, import_bytes};
//! let page = br#"{"data":[{"aa_slug":"m","aa_name":"M","benchmark_data":{"evaluations":{
//!     "artificial_analysis_intelligence_index":53,"gdpval_aa":0.553,"gpqa":0.896}}}]}"#;
//! let imported = import_bytes(page, &Origin::file("proxy.json"), &ImportOptions::default()).unwrap();
//! assert_eq!(imported.shape.name(), "openrouter-aa-proxy");
//! assert_eq!(imported.index_version, None); // the source does not state it: never assumed
//! let d = imported.dataset().unwrap();
//! assert_eq!(d.value(0, "gdpval_norm_pct"), Some(55.3)); // the normalised fraction, as a percent
//! assert_eq!(d.value(0, "gpqa"), Some(0.896));
//! ```

mod adapter;
mod decimal;
mod records;
mod write;

use std::collections::HashMap;

use reweigh_evals::{
    Cells, DataError, DataErrorKind as K, Dataset, LoadOptions, RawColumn, RawTable, SourceFormat,
};
use serde_json::Value;

pub use adapter::{Adapter, Conv, Syntax};
pub use decimal::shift;
pub use write::write_table;

use adapter::Mapping;
use records::{Leaf, Record};

/// The attribution every imported row carries.
pub const ATTRIBUTION: &str = "Artificial Analysis, artificialanalysis.ai";

/// The provenance columns `import` writes on every row, in order.
pub const PROVENANCE: [&str; 7] = [
    "source",
    "source_shape",
    "retrieved_at",
    "source_endpoint",
    "source_sha256",
    "attribution",
    "source_unmapped",
];

/// Text longer than this is cut in messages (a hostile name can be megabytes long).
const SHOWN_CHARS: usize = 120;

/// Text for a message: cut to [`SHOWN_CHARS`] characters, with the length said. (Control
/// characters are escaped where messages are printed.)
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
    }
}

/// A source shape: an adapter's name, or `canonical` (reweigh's own CSV, JSON or Parquet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape(String);

impl Shape {
    pub const CANONICAL: &'static str = "canonical";

    pub fn canonical() -> Shape {
        Shape(Shape::CANONICAL.to_string())
    }

    /// A shape by name; the error lists the names.
    pub fn parse(name: &str) -> Result<Shape, String> {
        if name == Shape::CANONICAL || adapter::find(name).is_some() {
            Ok(Shape(name.to_string()))
        } else {
            Err(format!(
                "'{}' is not a shape reweigh reads; the shapes: {}",
                shown(name),
                Shape::names().join(", ")
            ))
        }
    }

    /// Every shape's name: the adapters', then `canonical`.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> =
            adapter::all().iter().map(|a| a.shape.as_str()).collect();
        names.push(Shape::CANONICAL);
        names
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    /// What the shape is, in words.
    pub fn title(&self) -> &str {
        match self.adapter() {
            Some(a) => &a.title,
            None => "reweigh's canonical dataset (CSV, JSON or Parquet; datasets/README.md)",
        }
    }

    /// The shape's adapter (`None` for canonical).
    pub fn adapter(&self) -> Option<&'static Adapter> {
        adapter::find(&self.0)
    }
}

/// Where a source came from: its name (a file path or a URL), the endpoint it was served by, and
/// when it was retrieved or captured (as the caller knows it; never invented).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub name: String,
    pub endpoint: Option<String>,
    pub retrieved_at: Option<String>,
}

impl Origin {
    /// A file, with nothing known about when it was retrieved.
    pub fn file(name: impl Into<String>) -> Origin {
        Origin {
            name: name.into(),
            ..Origin::default()
        }
    }

    /// A file, with the capture time its name states when it is named as the daily captures are
    /// (`aa_wide_2026-06-05T2148_96dd566.csv` → `2026-06-05T21:48`, the time as the name gives it,
    /// no zone).
    pub fn capture_file(name: impl Into<String>) -> Origin {
        let name = name.into();
        let retrieved_at = capture_stamp(&name);
        Origin {
            name,
            retrieved_at,
            ..Origin::default()
        }
    }
}

/// `aa_wide_YYYY-MM-DDTHHMM_<commit>.csv` → `YYYY-MM-DDTHH:MM`.
pub fn capture_stamp(name: &str) -> Option<String> {
    let file = std::path::Path::new(name).file_name()?.to_str()?;
    let rest = file.strip_prefix("aa_wide_")?.strip_suffix(".csv")?;
    let (stamp, commit) = rest.split_once('_')?;
    let b = stamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 15
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..15)
        && !commit.is_empty()
        && commit.bytes().all(|c| c.is_ascii_hexdigit());
    ok.then(|| format!("{}:{}", &stamp[..13], &stamp[13..]))
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Force a shape instead of recognising it from content (`--from`).
    pub from: Option<Shape>,
    /// Refuse keys the adapter neither maps nor declares (`--strict`).
    pub strict: bool,
    /// The index version, where the source does not state it (`--index-version`); a source that
    /// states another is an error.
    pub index_version: Option<String>,
    /// Extra numeric columns (a methodology's), for canonical files.
    pub load: LoadOptions,
}

/// One source file or page of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub origin: Origin,
    pub sha256: String,
    pub records: usize,
    /// The page number the source states (paginated endpoints).
    pub page: Option<u64>,
    /// The number of pages the source states.
    pub total_pages: Option<u64>,
}

/// Where in the sources something is: a file, a record (1-based) and its slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Where {
    pub file: String,
    /// `None`: the envelope (the top level of a page).
    pub record: Option<usize>,
    pub slug: Option<String>,
}

/// A key the sources carry that was not imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmapped {
    pub key: String,
    /// Why the adapter does not import it; `None`: the adapter does not know the key.
    pub reason: Option<String>,
    /// Records (or pages, for envelope keys) carrying the key.
    pub records: usize,
    pub first: Where,
}

/// An import: the canonical table and what was learnt on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Canonical columns (datasets/README.md), every cell text as the source wrote it (percent
    /// moved to fractions exactly), provenance on every row; not yet validated.
    pub table: RawTable,
    pub shape: Shape,
    /// As the source states it or `--index-version` gives it; `None`: unknown.
    pub index_version: Option<String>,
    pub records: usize,
    pub parts: Vec<Part>,
    pub unmapped: Vec<Unmapped>,
}

impl Imported {
    /// The validated dataset.
    pub fn dataset(&self) -> Result<Dataset, DataError> {
        self.dataset_with(&LoadOptions::default())
    }

    pub fn dataset_with(&self, options: &LoadOptions) -> Result<Dataset, DataError> {
        Dataset::from_raw(self.table.clone(), options)
    }

    /// The unmapped keys the adapter does not know (what `--strict` refuses).
    pub fn unknown_keys(&self) -> impl Iterator<Item = &Unmapped> {
        self.unmapped.iter().filter(|u| u.reason.is_none())
    }
}

/// Imports one source.
pub fn import_bytes(
    bytes: &[u8],
    origin: &Origin,
    options: &ImportOptions,
) -> Result<Imported, DataError> {
    import_many(&[(bytes, origin.clone())], options)
}

/// Imports several sources of one shape (the pages of a paginated response, several files) as one
/// dataset: slugs unique across them, one index version, every page present once.
pub fn import_many(
    parts: &[(&[u8], Origin)],
    options: &ImportOptions,
) -> Result<Imported, DataError> {
    let Some((_, first)) = parts.first() else {
        return Err(DataError::new(
            K::Empty,
            "(no source)",
            "at least one source",
        ));
    };
    if let Some(v) = &options.index_version {
        check_version(&first.name, v, "--index-version")?;
    }
    let mut shape: Option<(Shape, String)> = None;
    let mut parsed = Vec::with_capacity(parts.len());
    for (bytes, origin) in parts {
        if bytes.iter().all(u8::is_ascii_whitespace) && options.from.is_none() {
            // The dataset reader says what a dataset needs.
            crate::read_bytes(&origin.name, bytes, &options.load)?;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(
                DataError::new(K::Empty, &origin.name, "a source with records")
                    .value("empty file")
                    .fix("fetch or export the source again"),
            );
        }
        let (this, source) = match &options.from {
            Some(s) => (s.clone(), parse_as(s, &origin.name, bytes)?),
            None => detect(&origin.name, bytes)?,
        };
        match &shape {
            None => shape = Some((this.clone(), origin.name.clone())),
            Some((s, file)) if *s != this => {
                return Err(DataError::new(
                    K::Shape,
                    &origin.name,
                    format!(
                        "the shape of the first source ({}: {})",
                        shown(file),
                        s.name()
                    ),
                )
                .value(this.name().to_string())
                .fix("import sources of one shape together; import the others separately"));
            }
            Some(_) => {}
        }
        parsed.push((bytes, origin, source));
    }
    let (shape, _) = shape.expect("at least one part");
    match shape.adapter() {
        None => canonical(parts, options),
        Some(adapter) => {
            // The version picks the mappings (`[versions."4.1"]`): given, or as the first page
            // states it (pages stating another are refused while reading).
            let version = options.index_version.clone().or_else(|| {
                let spec = adapter.index_version.as_ref()?;
                parsed.iter().find_map(|(_, _, source)| match source {
                    Source::Json(top) => records::at(top, &spec.key).and_then(version_text),
                    _ => None,
                })
            });
            Importer {
                adapter: &adapter.for_version(version.as_deref()),
                options,
                shape: shape.clone(),
            }
            .run(parsed)
        }
    }
}

/// A source, parsed as its syntax.
enum Source {
    Json(Value),
    Csv(Vec<Record>),
    /// Canonical: read by the dataset readers.
    Canonical,
}

fn is_parquet(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PAR1") || crate::Format::from_name(name) == Some(crate::Format::Parquet)
}

fn looks_json(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    matches!(
        b.iter().find(|c| !c.is_ascii_whitespace()),
        Some(b'{') | Some(b'[')
    )
}

/// Parses a source as a forced shape.
fn parse_as(shape: &Shape, name: &str, bytes: &[u8]) -> Result<Source, DataError> {
    match shape.adapter() {
        None => Ok(Source::Canonical),
        Some(a) => match a.format {
            Syntax::Json => Ok(Source::Json(records::parse_json(name, bytes)?)),
            Syntax::Csv => Ok(Source::Csv(records::csv_records(name, bytes)?.1)),
        },
    }
}

/// How well a parsed source fits an adapter: the checks passed, the checks, and the keys missing.
fn fit(a: &Adapter, source: &Source) -> (usize, usize, Vec<String>) {
    let (mut hits, mut total, mut missing) = (0, 0, Vec::new());
    let mut check = |ok: bool, what: String| {
        total += 1;
        if ok {
            hits += 1;
        } else {
            missing.push(what);
        }
    };
    let first: Option<Record> = match (a.format, source) {
        (Syntax::Json, Source::Json(v)) => {
            for k in &a.detect.top {
                check(records::at(v, k).is_some(), k.clone());
            }
            for (k, want) in &a.detect.equals {
                let ok = records::at(v, k).and_then(Value::as_str) == Some(want.as_str());
                check(ok, format!("{k} = \"{want}\""));
            }
            let array = a
                .records
                .iter()
                .find_map(|r| records::at(v, r).and_then(Value::as_array));
            check(
                array.is_some(),
                format!("an array of records at {}", a.records.join(" or ")),
            );
            array.map(|items| match items.first() {
                Some(first @ Value::Object(_)) => {
                    let mut fields = Vec::new();
                    records::flatten(first, "", &mut fields);
                    Record { fields }
                }
                _ => Record::default(),
            })
        }
        (Syntax::Csv, Source::Csv(rows)) => rows.first().cloned(),
        _ => {
            check(false, format!("a {:?} file", a.format).to_lowercase());
            None
        }
    };
    let first = first.unwrap_or_default();
    for keys in &a.detect.record {
        let ok = keys.all().iter().any(|k| first.get(k).is_some());
        check(ok, format!("record key {}", keys.describe()));
    }
    (hits, total, missing)
}

fn detect(name: &str, bytes: &[u8]) -> Result<(Shape, Source), DataError> {
    if is_parquet(name, bytes) {
        return Ok((Shape::canonical(), Source::Canonical));
    }
    let (source, syntax) = if looks_json(bytes) {
        (
            Source::Json(records::parse_json(name, bytes)?),
            Syntax::Json,
        )
    } else {
        // Only the header decides; the rows are read once the shape is known.
        let header = csv_header(bytes);
        let record = Record {
            fields: header
                .iter()
                .map(|h| (h.clone(), Leaf::Text(String::new())))
                .collect(),
        };
        (Source::Csv(vec![record]), Syntax::Csv)
    };
    let mut best: Option<(&'static Adapter, usize, usize, Vec<String>)> = None;
    let mut full: Option<(&'static Adapter, usize)> = None;
    for a in adapter::all().iter().filter(|a| a.format == syntax) {
        let (hits, total, missing) = fit(a, &source);
        if hits == total {
            if full.is_none_or(|(_, t)| total > t) {
                full = Some((a, total));
            }
        } else if best
            .as_ref()
            .is_none_or(|(_, h, t, _)| hits * t > h * total)
        {
            best = Some((a, hits, total, missing));
        }
    }
    if let Some((a, _)) = full {
        let shape = Shape(a.shape.clone());
        let source = match source {
            Source::Csv(_) => Source::Csv(records::csv_records(name, bytes)?.1),
            other => other,
        };
        return Ok((shape, source));
    }
    // A file shaped like a dataset (an array of objects, or a CSV, with a slug) goes to the dataset
    // reader, whose errors name the cell; anything else is reported with the closest AA shape.
    let canonical_like = match &source {
        Source::Json(Value::Array(items)) => match items.first() {
            Some(Value::Object(m)) => m.contains_key("slug"),
            Some(_) => false,
            None => true,
        },
        Source::Csv(rows) => rows.first().is_some_and(|r| r.get("slug").is_some()),
        _ => false,
    };
    if canonical_like {
        return Ok((Shape::canonical(), Source::Canonical));
    }
    let (expected, fix) = match &best {
        Some((a, hits, total, missing)) => (
            format!(
                "a shape reweigh reads; closest: {} ({}), {hits} of its {total} checks pass, missing: {}",
                a.shape,
                a.title,
                missing.join(", ")
            ),
            format!(
                "check that the file is what it should be (a truncated or different response?); the shapes are {} (datasets/adapters/); --from SHAPE forces one",
                Shape::names().join(", ")
            ),
        ),
        None => (
            "a shape reweigh reads".to_string(),
            format!("the shapes are {}", Shape::names().join(", ")),
        ),
    };
    let found = match &source {
        Source::Json(Value::Object(m)) => format!(
            "an object with keys {}",
            m.keys()
                .take(8)
                .map(|k| shown(k))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Source::Json(Value::Array(_)) => "an array".to_string(),
        Source::Json(_) => "a JSON scalar".to_string(),
        Source::Csv(_) => "a CSV file without a slug column".to_string(),
        Source::Canonical => String::new(),
    };
    Err(DataError::new(K::Shape, name, expected)
        .value(found)
        .fix(fix))
}

/// A CSV file's header names (quotes removed), BOM skipped.
fn csv_header(bytes: &[u8]) -> Vec<String> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(&b[..b.len().min(1 << 20)]);
    let mut names = Vec::new();
    let (mut field, mut quoted) = (String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => names.push(std::mem::take(&mut field)),
            ('\n', false) => break,
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    names.push(field);
    names
}

fn check_version(file: &str, v: &str, what: &str) -> Result<(), DataError> {
    let ok = !v.is_empty()
        && v.len() <= 16
        && v.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(
            DataError::new(K::Format, file, "an index version such as 4.0 or 4.1")
                .column(what)
                .value(shown(v))
                .fix("write the version as numbers separated by dots"),
        )
    }
}

/// A stated version as reweigh writes it: `4` → `4.0`, `4.1` stays.
fn version_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) if n.is_u64() => Some(format!("{n}.0")),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Canonical files: read as datasets always were; several must have the same columns.
fn canonical(parts: &[(&[u8], Origin)], options: &ImportOptions) -> Result<Imported, DataError> {
    let mut table: Option<RawTable> = None;
    let mut infos = Vec::new();
    for (bytes, origin) in parts {
        let t = crate::read_bytes(&origin.name, bytes, &options.load)?;
        infos.push(Part {
            origin: origin.clone(),
            sha256: t.sha256.clone(),
            records: t.rows,
            page: None,
            total_pages: None,
        });
        table = Some(match table {
            None => t,
            Some(mut acc) => {
                let names =
                    |t: &RawTable| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
                if names(&acc) != names(&t) {
                    return Err(DataError::new(
                        K::Format,
                        &origin.name,
                        format!("the columns of {}, in the same order", shown(&acc.origin)),
                    )
                    .fix("import datasets with different columns separately"));
                }
                for (a, b) in acc.columns.iter_mut().zip(t.columns) {
                    a.cells = append(&a.cells, &b.cells);
                }
                acc.rows += t.rows;
                acc.format = SourceFormat::Json;
                acc
            }
        });
    }
    let mut table = table.expect("at least one part");
    if parts.len() > 1 {
        table.origin = format!("{} (+{} more)", table.origin, parts.len() - 1);
        table.sha256 = combined_sha(&infos);
    }
    let mut version = None;
    if let Some(col) = table.columns.iter().position(|c| c.name == "index_version") {
        let values = text_cells(&table.columns[col].cells, table.rows);
        let mut stated: Vec<&str> = values
            .iter()
            .map(String::as_str)
            .filter(|v| !v.is_empty())
            .collect();
        stated.sort_unstable();
        stated.dedup();
        if let Some(given) = &options.index_version {
            if let Some(other) = stated.iter().find(|v| *v != given) {
                return Err(DataError::new(
                    K::Inconsistent,
                    &table.origin,
                    format!("the index version --index-version gives ({given})"),
                )
                .column("index_version")
                .value(shown(other))
                .fix("drop --index-version, or correct the dataset's index_version"));
            }
            let filled = values
                .iter()
                .map(|v| {
                    Some(if v.is_empty() {
                        given.clone()
                    } else {
                        v.clone()
                    })
                })
                .collect();
            table.columns[col].cells = Cells::Text(filled);
            version = Some(given.clone());
        } else if let [one] = stated.as_slice() {
            version = values.iter().all(|v| v == one).then(|| one.to_string());
        }
    } else if let Some(given) = &options.index_version {
        table.columns.push(RawColumn {
            name: "index_version".into(),
            dtype: "str".into(),
            cells: Cells::Text(vec![Some(given.clone()); table.rows]),
        });
        version = Some(given.clone());
    }
    Ok(Imported {
        records: table.rows,
        table,
        shape: Shape::canonical(),
        index_version: version,
        parts: infos,
        unmapped: Vec::new(),
    })
}

fn text_cells(cells: &Cells, rows: usize) -> Vec<String> {
    match cells {
        Cells::Text(v) | Cells::Numbers(v) => {
            v.iter().map(|c| c.clone().unwrap_or_default()).collect()
        }
        Cells::Bools(v) => v
            .iter()
            .map(|c| c.map(|b| b.to_string()).unwrap_or_default())
            .collect(),
        Cells::Null(_) => vec![String::new(); rows],
    }
}

fn append(a: &Cells, b: &Cells) -> Cells {
    match (a, b) {
        (Cells::Text(x), Cells::Text(y)) => Cells::Text([x.clone(), y.clone()].concat()),
        (Cells::Numbers(x), Cells::Numbers(y)) => Cells::Numbers([x.clone(), y.clone()].concat()),
        (Cells::Bools(x), Cells::Bools(y)) => Cells::Bools([x.clone(), y.clone()].concat()),
        (Cells::Null(x), Cells::Null(y)) => Cells::Null(x + y),
        _ => {
            // Mixed types (a numeric column typed differently in two files): as text, checked later.
            let mut v = text_cells(a, a.len());
            v.extend(text_cells(b, b.len()));
            Cells::Text(
                v.into_iter()
                    .map(|s| (!s.is_empty()).then_some(s))
                    .collect(),
            )
        }
    }
}

fn combined_sha(parts: &[Part]) -> String {
    let joined: Vec<&str> = parts.iter().map(|p| p.sha256.as_str()).collect();
    reweigh_evals::sha256_hex(joined.join("\n").as_bytes())
}

/// One converted record.
struct Row {
    at: Where,
    line: Option<usize>,
    cells: Vec<Option<String>>,
    unmapped: Vec<String>,
}

struct Importer<'a> {
    /// As it reads the source's index version.
    adapter: &'a Adapter,
    options: &'a ImportOptions,
    shape: Shape,
}

impl Importer<'_> {
    /// The canonical columns: slug and the other text columns, the index version, the numeric
    /// columns in the adapter's order, the provenance.
    fn columns(&self) -> Vec<String> {
        let a = self.adapter;
        let mut cols: Vec<String> = vec!["slug".into()];
        cols.extend(
            a.map
                .iter()
                .filter(|m| m.unit.unit().is_none() && m.column != "slug")
                .map(|m| m.column.clone()),
        );
        cols.push("index_version".into());
        cols.extend(
            a.map
                .iter()
                .filter(|m| m.unit.unit().is_some())
                .map(|m| m.column.clone()),
        );
        cols.extend(PROVENANCE.iter().map(|s| s.to_string()));
        cols
    }

    fn run(self, parsed: Vec<(&&[u8], &Origin, Source)>) -> Result<Imported, DataError> {
        let a = self.adapter;
        let columns = self.columns();
        let index = |name: &str| columns.iter().position(|c| c == name).expect("a column");
        let mut rows: Vec<Row> = Vec::new();
        let mut parts: Vec<Part> = Vec::new();
        let mut unmapped: Vec<Unmapped> = Vec::new();
        let mut unmapped_at: HashMap<String, usize> = HashMap::new();
        let mut stated: Option<(String, String)> = None;
        let mut slugs: HashMap<String, Where> = HashMap::new();
        let single = parsed.len() == 1;
        for (bytes, origin, source) in parsed {
            let file = origin.name.as_str();
            let sha = reweigh_evals::sha256_hex(bytes);
            let mut note = |key: &str, at: Where| match unmapped_at.get(key) {
                Some(&i) => unmapped[i].records += 1,
                None => {
                    unmapped_at.insert(key.to_string(), unmapped.len());
                    unmapped.push(Unmapped {
                        key: key.to_string(),
                        reason: a.ignored(key).map(str::to_string),
                        records: 1,
                        first: at,
                    });
                }
            };
            let (records, page) = match source {
                Source::Json(top) => {
                    let items = a
                        .records
                        .iter()
                        .find_map(|r| records::at(&top, r).and_then(Value::as_array))
                        .ok_or_else(|| {
                            DataError::new(
                                K::Shape,
                                file,
                                format!("an array of records at {}", a.records.join(" or ")),
                            )
                            .fix(format!("check the file is {}", a.title))
                        })?;
                    if let Value::Object(_) = top {
                        let mut envelope = Vec::new();
                        records::flatten(&top, "", &mut envelope);
                        for (key, _) in envelope {
                            if !a.envelope_key(&key) {
                                let at = Where {
                                    file: file.to_string(),
                                    record: None,
                                    slug: None,
                                };
                                if self.options.strict && a.ignored(&key).is_none() {
                                    return Err(strict_error(at, &key, a));
                                }
                                note(&key, at);
                            }
                        }
                    }
                    if let Some(spec) = &a.index_version {
                        let v = records::at(&top, &spec.key);
                        match v.and_then(version_text) {
                            Some(text) => {
                                check_version(file, &text, &spec.key)?;
                                match &stated {
                                    Some((other, f)) if *other != text => {
                                        return Err(DataError::new(
                                            K::Inconsistent,
                                            file,
                                            format!("the index version of {} ({other})", shown(f)),
                                        )
                                        .column(&spec.key)
                                        .value(text)
                                        .fix("import pages of one index version together"));
                                    }
                                    _ => stated = Some((text, file.to_string())),
                                }
                            }
                            None if v.is_some_and(|v| !v.is_null()) => {
                                return Err(DataError::new(
                                    K::WrongType,
                                    file,
                                    "an index version (a number such as 4.1)",
                                )
                                .column(&spec.key)
                                .value(shown(&v.map(Value::to_string).unwrap_or_default())));
                            }
                            None => {}
                        }
                    }
                    let page = match &a.pagination {
                        Some(p) => Some(page_numbers(file, &top, p)?),
                        None => None,
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        match item {
                            Value::Object(_) => {
                                let mut fields = Vec::new();
                                records::flatten(item, "", &mut fields);
                                out.push(Record { fields });
                            }
                            other => {
                                return Err(DataError::new(
                                    K::Format,
                                    file,
                                    "a record (an object)",
                                )
                                .row(i + 1, None)
                                .value(match other {
                                    Value::Array(_) => "an array",
                                    Value::Null => "null",
                                    Value::String(_) => "a string",
                                    Value::Number(_) => "a number",
                                    _ => "a boolean",
                                })
                                .fix(format!("check the file is {}", a.title)));
                            }
                        }
                    }
                    (out, page)
                }
                Source::Csv(records) => (records, None),
                Source::Canonical => {
                    unreachable!("canonical files are read by the dataset readers")
                }
            };
            parts.push(Part {
                origin: origin.clone(),
                sha256: sha.clone(),
                records: records.len(),
                page: page.map(|(p, _)| p),
                total_pages: page.map(|(_, t)| t),
            });
            if let Some((p, _)) = page
                && let Some(prev) = parts[..parts.len() - 1].iter().find(|q| q.page == Some(p))
            {
                return Err(DataError::new(K::DuplicateSlug, file, "each page once")
                    .column(&a.pagination.as_ref().expect("paginated").page)
                    .value(p.to_string())
                    .fix(format!(
                        "{} is page {p} too; pass each page once",
                        shown(&prev.origin.name)
                    )));
            }
            let line = |i: usize| (a.format == Syntax::Csv && single).then_some(i + 2);
            for (i, record) in records.iter().enumerate() {
                let at = |slug: Option<&str>| Where {
                    file: file.to_string(),
                    record: Some(i + 1),
                    slug: slug.map(str::to_string),
                };
                let err = |kind: K, slug: Option<&str>, key: &str, expected: String| {
                    let mut e = DataError::new(kind, file, expected)
                        .row(i + 1, slug.map(shown).as_deref())
                        .column(&shown(key));
                    if let Some(l) = line(i) {
                        e = e.line(l);
                    }
                    e
                };
                // The slug first, so that every message can name it.
                let slug_map = a.map.iter().find(|m| m.column == "slug").expect("checked");
                let slug = match slug_map
                    .key
                    .all()
                    .iter()
                    .find_map(|k| record.get(k).map(|v| (k, v)))
                {
                    Some((_, Leaf::Text(s))) if !s.trim().is_empty() => s.clone(),
                    Some((k, v)) => {
                        return Err(err(K::EmptyCell, None, k, "a non-empty slug (text)".into())
                            .value(v.describe())
                            .fix("every record needs its model's slug"));
                    }
                    None => {
                        return Err(err(
                            K::MissingColumn,
                            None,
                            &slug_map.key.describe(),
                            "a record with a slug".into(),
                        )
                        .value("key absent")
                        .fix(format!("check the file is {}", a.title)));
                    }
                };
                for keys in &a.detect.record {
                    if !keys.all().iter().any(|k| record.get(k).is_some()) {
                        return Err(err(K::MissingColumn, Some(&slug), &keys.describe(), format!("every record of {} to carry the key", a.shape))
                            .value("key absent")
                            .fix("check the record against the source; a truncated or edited record is not imported"));
                    }
                }
                if let Some(first) = slugs.get(&slug) {
                    let first_at = format!(
                        "{}{}",
                        if first.file != file {
                            format!("{}, ", shown(&first.file))
                        } else {
                            String::new()
                        },
                        first
                            .record
                            .map(|r| format!("record {r}"))
                            .unwrap_or_default()
                    );
                    return Err(err(K::DuplicateSlug, Some(&slug), &slug_map.key.describe(), "a slug no other record uses".into())
                        .value(shown(&slug))
                        .fix(format!("{first_at} has the same slug; a model appears once in a dataset (were pages or files passed twice?)")));
                }
                slugs.insert(slug.clone(), at(Some(&slug)));
                let mut cells: Vec<Option<String>> = vec![None; columns.len()];
                let mut used: Vec<&str> = Vec::new();
                for m in &a.map {
                    let found = m
                        .key
                        .all()
                        .iter()
                        .find_map(|k| record.get(k).map(|v| (k, v)));
                    let Some((key, leaf)) = found else { continue };
                    used.push(key);
                    let value = convert(a, m, leaf).map_err(|(kind, expected, fix)| {
                        err(kind, Some(&slug), key, expected)
                            .value(leaf.describe())
                            .fix(fix)
                    })?;
                    let value = match &m.unknown_with {
                        Some(w) if cells[index(w)].is_none() => None,
                        _ => value,
                    };
                    cells[index(&m.column)] = value;
                }
                let mut row_unmapped = Vec::new();
                for (key, leaf) in &record.fields {
                    if used.contains(&key.as_str()) {
                        continue;
                    }
                    if self.options.strict && a.ignored(key).is_none() {
                        return Err(strict_error(at(Some(&slug)), key, a));
                    }
                    note(key, at(Some(&slug)));
                    let empty = match leaf {
                        Leaf::Null => true,
                        Leaf::Text(t) => t.is_empty() || a.null_text.contains(t),
                        _ => false,
                    };
                    if !empty {
                        row_unmapped.push(key.clone());
                    }
                }
                rows.push(Row {
                    at: at(Some(&slug)),
                    line: line(i),
                    cells,
                    unmapped: row_unmapped,
                });
            }
        }
        if let Some(p) = &a.pagination {
            check_pages(&parts, p)?;
        }
        self.column_checks(&columns, &rows)?;
        let version = match (&self.options.index_version, stated) {
            (Some(given), Some((text, file))) if *given != text => {
                return Err(DataError::new(
                    K::Inconsistent,
                    &file,
                    format!("the index version --index-version gives ({given})"),
                )
                .column(&a.index_version.as_ref().expect("stated").key)
                .value(text)
                .fix("the source states its version: drop --index-version"));
            }
            (Some(given), _) => Some(given.clone()),
            (None, stated) => stated.map(|(t, _)| t),
        };
        // Provenance.
        let by_file: HashMap<&str, &Part> =
            parts.iter().map(|p| (p.origin.name.as_str(), p)).collect();
        for row in &mut rows {
            let part = by_file[row.at.file.as_str()];
            let endpoint = part.origin.endpoint.clone().or_else(|| a.endpoint.clone());
            let values = [
                ("index_version", version.clone().unwrap_or_default()),
                ("source", part.origin.name.clone()),
                ("source_shape", a.shape.clone()),
                (
                    "retrieved_at",
                    part.origin.retrieved_at.clone().unwrap_or_default(),
                ),
                ("source_endpoint", endpoint.unwrap_or_default()),
                ("source_sha256", part.sha256.clone()),
                ("attribution", ATTRIBUTION.to_string()),
                ("source_unmapped", row.unmapped.join("; ")),
            ];
            for (name, v) in values {
                row.cells[index(name)] = Some(v);
            }
        }
        let origin = if parts.len() == 1 {
            parts[0].origin.name.clone()
        } else {
            format!("{} (+{} more)", parts[0].origin.name, parts.len() - 1)
        };
        let sha256 = if parts.len() == 1 {
            parts[0].sha256.clone()
        } else {
            combined_sha(&parts)
        };
        let table = RawTable {
            origin,
            format: if rows.iter().all(|r| r.line.is_some()) && a.format == Syntax::Csv {
                SourceFormat::Csv
            } else {
                SourceFormat::Json
            },
            sha256,
            columns: columns
                .iter()
                .enumerate()
                .map(|(j, name)| RawColumn {
                    name: name.clone(),
                    dtype: "str".into(),
                    cells: Cells::Text(rows.iter().map(|r| r.cells[j].clone()).collect()),
                })
                .collect(),
            rows: rows.len(),
        };
        Ok(Imported {
            records: rows.len(),
            table,
            shape: self.shape,
            index_version: version,
            parts,
            unmapped,
        })
    }

    /// Checks that need a whole column: a percent column whose every value is at most 1 holds
    /// fractions; an index column whose every value is at most 1 is on the fraction scale.
    fn column_checks(&self, columns: &[String], rows: &[Row]) -> Result<(), DataError> {
        for m in &self.adapter.map {
            let j = columns
                .iter()
                .position(|c| *c == m.column)
                .expect("a column");
            let values: Vec<(usize, f64)> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    r.cells[j]
                        .as_deref()
                        .and_then(|v| v.parse::<f64>().ok())
                        .map(|v| (i, v))
                })
                .filter(|(_, v)| *v != 0.0)
                .collect();
            let (limit, min_count, expected, fix) = match m.unit {
                Conv::Percent => (
                    0.01,
                    3,
                    "a percent (this shape publishes percents)",
                    "every value of the column is at most 1: they look like fractions written where percents belong; check the source",
                ),
                Conv::Points => (
                    1.0,
                    1,
                    "index points in [0, 100]",
                    "every index value is at most 1: an index on the fraction scale, not in points; check the source",
                ),
                _ => continue,
            };
            if values.len() >= min_count && values.iter().all(|(_, v)| v.abs() <= limit) {
                let (i, _) = values[0];
                let row = &rows[i];
                let key = m.key.describe();
                let source_value = match m.unit {
                    Conv::Percent => {
                        shift(row.cells[j].as_deref().unwrap_or_default(), 2).unwrap_or_default()
                    }
                    _ => row.cells[j].clone().unwrap_or_default(),
                };
                let mut e = DataError::new(K::OutOfRange, &row.at.file, expected)
                    .row(
                        row.at.record.unwrap_or(0),
                        row.at.slug.as_deref().map(shown).as_deref(),
                    )
                    .column(&shown(&key))
                    .value(source_value)
                    .fix(format!(
                        "{fix} ({} non-zero values, all at most {})",
                        values.len(),
                        if m.unit == Conv::Percent { 1.0 } else { limit }
                    ));
                if let Some(l) = row.line {
                    e = e.line(l);
                }
                return Err(e);
            }
        }
        Ok(())
    }
}

fn strict_error(at: Where, key: &str, a: &Adapter) -> DataError {
    let mut e = DataError::new(
        K::Unmapped,
        &at.file,
        format!("only keys the adapter {} maps or declares (--strict)", a.shape),
    )
    .column(&shown(key))
    .fix(format!(
        "the source carries a key reweigh does not know; drop --strict to import without it (it is listed in each row's source_unmapped), or add it to datasets/adapters/{}.toml",
        a.shape
    ));
    if let Some(r) = at.record {
        e = e.row(r, at.slug.as_deref().map(shown).as_deref());
    }
    e
}

/// A page's number and the number of pages, as it states them.
fn page_numbers(file: &str, top: &Value, p: &adapter::Pagination) -> Result<(u64, u64), DataError> {
    let get = |key: &str| -> Result<u64, DataError> {
        records::at(top, key)
            .and_then(Value::as_u64)
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                DataError::new(K::Format, file, "a page number (a whole number, 1 or more)")
                    .column(key)
                    .value(
                        records::at(top, key)
                            .map(Value::to_string)
                            .unwrap_or_else(|| "absent".into()),
                    )
            })
    };
    let (page, total) = (get(&p.page)?, get(&p.total_pages)?);
    if page > total {
        return Err(DataError::new(
            K::Inconsistent,
            file,
            format!("a page number at most {} (total pages)", total),
        )
        .column(&p.page)
        .value(page.to_string()));
    }
    Ok((page, total))
}

/// Every page of 1..=total present once, all stating the same total.
fn check_pages(parts: &[Part], p: &adapter::Pagination) -> Result<(), DataError> {
    let pages: Vec<u64> = parts.iter().filter_map(|q| q.page).collect();
    let total = parts[0].total_pages.unwrap_or(1);
    if let Some(other) = parts.iter().find(|q| q.total_pages != Some(total)) {
        return Err(DataError::new(
            K::Inconsistent,
            &other.origin.name,
            format!(
                "the number of pages {} states ({total})",
                shown(&parts[0].origin.name)
            ),
        )
        .column(&p.total_pages)
        .value(other.total_pages.map(|t| t.to_string()).unwrap_or_default())
        .fix("import the pages of one response together"));
    }
    for want in 1..=total {
        if !pages.contains(&want) {
            return Err(DataError::new(
                K::MissingColumn,
                &parts[0].origin.name,
                format!("pages 1 to {total}, each once"),
            )
            .value(format!("page {want} missing"))
            .fix("pass every page of the response"));
        }
    }
    Ok(())
}

/// A source value as a canonical cell: `Ok(None)` is NA. The error carries the kind, what was
/// expected and the fix.
fn convert(a: &Adapter, m: &Mapping, leaf: &Leaf) -> Result<Option<String>, (K, String, String)> {
    let expected = || format!("{} (canonical column {})", m.unit.describe(), m.column);
    let text = match leaf {
        Leaf::Null => return Ok(None),
        Leaf::Text(t) if a.null_text.contains(t) => return Ok(None),
        Leaf::Text(t) if t.is_empty() && a.format == Syntax::Csv => {
            return Ok(if m.unit.unit().is_none() {
                Some(String::new())
            } else {
                None
            });
        }
        Leaf::Nested(what) => {
            return Err((
                K::WrongType,
                expected(),
                format!("a value, not {what}; check the file is {}", a.title),
            ));
        }
        Leaf::Bool(b) if m.unit == Conv::Bool => return Ok(Some(b.to_string())),
        Leaf::Bool(_) => {
            return Err((
                K::WrongType,
                expected(),
                "a boolean is not this value; check the source".into(),
            ));
        }
        Leaf::Text(t) => t,
        Leaf::Number(n) => n,
    };
    match m.unit {
        Conv::Text if matches!(leaf, Leaf::Text(_)) => return Ok(Some(text.clone())),
        Conv::Text => {
            return Err((
                K::WrongType,
                expected(),
                "text (a JSON string) is expected here".into(),
            ));
        }
        Conv::Bool => {
            let t = text.trim();
            return if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
                Ok(Some(t.to_ascii_lowercase()))
            } else {
                Err((K::WrongType, expected(), "write true or false".into()))
            };
        }
        _ => {}
    }
    if a.format == Syntax::Json && matches!(leaf, Leaf::Text(_)) {
        return Err((
            K::NotANumber,
            expected(),
            "a JSON number is expected, not text".into(),
        ));
    }
    let trimmed = text.trim();
    let value: f64 = match trimmed.parse() {
        Ok(v) if f64::is_finite(v) => v,
        _ => {
            return Err((
                K::NotANumber,
                expected(),
                "a number in plain decimal notation is expected".into(),
            ));
        }
    };
    if m.zero == Some(adapter::Zero::Unknown) && value == 0.0 {
        return Ok(None);
    }
    let (lo, hi, places) = match m.unit {
        Conv::Percent => (0.0, 100.0, -2),
        Conv::NormFraction => (-0.75, 1.75, 2),
        other => {
            let (lo, hi) = other.unit().expect("numeric").range();
            (lo, hi, 0)
        }
    };
    if value < lo || value > hi {
        let fix = match m.unit {
            Conv::Fraction if value > 1.0 && value <= 100.0 => format!(
                "this looks like a percent where {} publishes a fraction ({} as a fraction); check the source, or force the shape that publishes percents with --from",
                a.shape,
                shift(trimmed, -2).unwrap_or_default()
            ),
            Conv::NormFraction if value.abs() <= 175.0 => format!(
                "this looks like the normalised percent, not the fraction ({}); check the source",
                shift(trimmed, -2).unwrap_or_default()
            ),
            Conv::Points => "an index on another scale (AA's indices are points from 0 to 100); check the source and its index version".into(),
            _ => "check the value against the source".into(),
        };
        return Err((K::OutOfRange, expected(), fix));
    }
    if m.unit == Conv::Tokens && value.fract() != 0.0 {
        return Err((
            K::OutOfRange,
            expected(),
            "a token count is a whole number".into(),
        ));
    }
    Ok(Some(if places == 0 {
        trimmed.to_string()
    } else {
        // f64 parsing accepts exponents the exact shift does not (`0e500`): such text is no score.
        shift(trimmed, places).ok_or((
            K::NotANumber,
            expected(),
            "write the number in plain decimal notation (0.4503, 45.03)".into(),
        ))?
    }))
}

/// Loads a dataset from any shape (the load path of every command): the validated dataset and the
/// import it came from.
pub fn load(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(Dataset, Imported), DataError> {
    let origin = if capture_stamp(name).is_some() {
        Origin::capture_file(name)
    } else {
        Origin::file(name)
    };
    let imported = import_bytes(bytes, &origin, options)?;
    let dataset = imported.dataset_with(&options.load)?;
    Ok((dataset, imported))
}

#[cfg(test)]
mod tests;
