//! Parquet datasets: the file's schema is checked before polars reads a value, and the read itself is
//! guarded so that a panic inside polars becomes an error.
//!
//! polars (as reweigh builds it) panics when it turns a Parquet column of a type it was built without
//! into a frame: DECIMAL (`dtype-decimal`), 128-bit integers, 16-bit floats, fixed-size lists, intervals.
//! Those, and the types a dataset has no use for or that polars is built without (lists, structs,
//! maps, binary, dates, timestamps, times, durations), are refused by name here, with the fix, before
//! polars reads any data.

use std::io::Cursor;

use polars::io::parquet::metadata::FileMetadata;
use polars::prelude::{ArrowDataType, ArrowField, ParquetReader, PolarsResult, SerReader};

use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
use polars_parquet_format::{FileMetaData as ParquetFileMetaData, PageHeader};

use reweigh_evals::{ColumnKind, DataError, DataErrorKind as K, RawTable};

use crate::frame;
use crate::guard::guarded;
use polars::prelude::DataFrame;

/// Reads a Parquet dataset: schema first (every column of a type reweigh reads), then the data.
/// `unknown` is the error for a column reweigh does not know (reported by name, before its type).
pub(crate) fn read(
    origin: &str,
    bytes: &[u8],
    kind: impl Fn(&str) -> ColumnKind,
    unknown: impl Fn(&str) -> DataError,
) -> Result<RawTable, DataError> {
    let df = checked_frame(origin, bytes, kind, unknown, ("dataset", MAX_ROWS))?;
    frame::raw_table(origin, reweigh_evals::SourceFormat::Parquet, &df)
}

/// A Parquet file read into a frame after its footer, schema (every column known, of a type
/// reweigh reads), declared rows (at most `max_rows`) and page sizes are checked; `file_kind` names
/// the file in messages (a dataset, a history).
pub(crate) fn checked_frame(
    origin: &str,
    bytes: &[u8],
    kind: impl Fn(&str) -> ColumnKind,
    unknown: impl Fn(&str) -> DataError,
    (file_kind, max_rows): (&str, usize),
) -> Result<DataFrame, DataError> {
    check_footer(bytes).map_err(|what| {
        DataError::new(K::Format, origin, "a valid Parquet file")
            .value(what)
            .fix("the file is damaged or not a dataset; export it again")
    })?;
    let mut reader = ParquetReader::new(Cursor::new(bytes.to_vec()));
    let schema = guarded(origin, "a valid Parquet file", || reader.schema())?;
    for field in schema.iter_values() {
        let kind = kind(field.name.as_str());
        if kind == ColumnKind::Unknown {
            return Err(unknown(field.name.as_str()));
        }
        check_type(origin, field, kind)?;
    }
    guarded(origin, "a valid Parquet file", || {
        let metadata = reader.get_metadata()?.clone();
        check_sizes(bytes, &metadata, max_rows)
    })?
    .map_err(|what| {
        DataError::new(
            K::Format,
            origin,
            format!(
                "a Parquet {file_kind} of at most {max_rows} rows, in pages of at most {} MiB",
                MAX_PAGE_BYTES >> 20
            ),
        )
        .value(what)
        .fix("the file is damaged or not a dataset; export it again")
    })?;
    guarded(origin, "a valid Parquet file", move || reader.finish())
}

/// The most rows a Parquet dataset may declare (AA's index has a few hundred models).
pub const MAX_ROWS: usize = 1_000_000;
/// The largest page (compressed or not) a Parquet dataset may declare.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// The largest footer (the file's metadata) a Parquet dataset may have; a dataset's is a few KiB.
pub const MAX_FOOTER_BYTES: usize = 256 << 10;

/// Reads the footer (the Thrift `FileMetaData`) with a parser that refuses lists the footer cannot
/// hold (it keeps an allocation budget), before polars parses it: polars sizes its vectors from the counts the file
/// declares, and a footer declaring 2^31 row groups made it allocate 27 GB and abort. A file without
/// the Parquet footer layout is left to polars, which reports it.
fn check_footer(bytes: &[u8]) -> Result<(), String> {
    let n = bytes.len();
    if n < 12 || !bytes.ends_with(b"PAR1") {
        return Ok(());
    }
    let len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().expect("4 bytes")) as usize;
    if len > MAX_FOOTER_BYTES {
        return Err(format!(
            "a footer of {len} bytes (a dataset's is a few KiB; at most {} KiB accepted)",
            MAX_FOOTER_BYTES >> 10
        ));
    }
    if len + 8 > n {
        return Ok(());
    }
    let footer = &bytes[n - 8 - len..n - 8];
    // The parser's budget counts 8 bytes per list element and 2 per struct: a real footer, whose
    // every element takes at least a byte, stays within 16 per byte.
    let budget = 16 * len + 4096;
    ParquetFileMetaData::read_from_in_protocol(&mut TCompactInputProtocol::new(footer, budget))
        .map(|_| ())
        .map_err(|e| format!("a footer that cannot be read ({e})"))
}

/// Walks every column chunk's page headers as polars will read them (from the chunk's start until
/// the chunk's values are seen), refusing sizes polars would allocate before it could notice they are
/// false: a page claiming 2^61 values (a validity bitmap of 2^58 bytes) or a decompressed size of
/// gigabytes aborts the process, because an allocation failure is not a panic. `Ok(Err(what))` names
/// the first false size; the outer `Result` lets the walk run under [`guarded`].
fn check_sizes(
    bytes: &[u8],
    metadata: &FileMetadata,
    max_rows: usize,
) -> PolarsResult<Result<(), String>> {
    Ok(walk_pages(bytes, metadata, max_rows))
}

fn walk_pages(bytes: &[u8], metadata: &FileMetadata, max_rows: usize) -> Result<(), String> {
    if metadata.num_rows > max_rows {
        return Err(format!("{} rows declared", metadata.num_rows));
    }
    for (g, group) in metadata.row_groups.iter().enumerate() {
        let rows = group.num_rows();
        if rows > max_rows {
            return Err(format!("row group {g}: {rows} rows declared"));
        }
        for column in group.parquet_columns() {
            let name = column.descriptor().path_in_schema.join(".");
            let total = column.num_values();
            let mut cursor = Cursor::new(bytes);
            cursor.set_position(column.byte_range().start);
            let mut seen: i64 = 0;
            while seen < total {
                let header = PageHeader::read_from_in_protocol(&mut TCompactInputProtocol::new(
                    &mut cursor,
                    bytes.len(),
                ))
                .map_err(|e| format!("column '{name}': a page header that cannot be read ({e})"))?;
                let size = |declared: i32| {
                    usize::try_from(declared)
                        .ok()
                        .filter(|s| *s <= MAX_PAGE_BYTES)
                };
                let (Some(_), Some(compressed)) = (
                    size(header.uncompressed_page_size),
                    size(header.compressed_page_size),
                ) else {
                    return Err(format!(
                        "column '{name}': a page of {} bytes ({} compressed) declared",
                        header.uncompressed_page_size, header.compressed_page_size
                    ));
                };
                let values = if let Some(h) = &header.data_page_header {
                    h.num_values
                } else if let Some(h) = &header.data_page_header_v2 {
                    h.num_values
                } else {
                    0
                };
                let dictionary = header
                    .dictionary_page_header
                    .as_ref()
                    .map_or(0, |h| h.num_values);
                let bounded = |n: i32, max: usize| usize::try_from(n).is_ok_and(|n| n <= max);
                if !bounded(values, rows) {
                    return Err(format!(
                        "column '{name}': a page of {values} values declared in a row group of {rows} rows"
                    ));
                }
                if !bounded(dictionary, max_rows) {
                    return Err(format!(
                        "column '{name}': a dictionary of {dictionary} values declared"
                    ));
                }
                seen += i64::from(values);
                let next = cursor.position() + compressed as u64;
                if next > bytes.len() as u64 {
                    return Err(format!(
                        "column '{name}': a page beyond the end of the file"
                    ));
                }
                cursor.set_position(next);
            }
        }
    }
    Ok(())
}

/// Whether reweigh reads a column of this Arrow type (as polars infers it from the Parquet schema).
fn readable(dtype: &ArrowDataType) -> bool {
    use ArrowDataType as A;
    match dtype {
        A::Null
        | A::Boolean
        | A::Int8
        | A::Int16
        | A::Int32
        | A::Int64
        | A::UInt8
        | A::UInt16
        | A::UInt32
        | A::UInt64
        | A::Float32
        | A::Float64
        | A::Utf8
        | A::LargeUtf8
        | A::Utf8View => true,
        // Categorical text (pandas `category`, polars `Categorical`).
        A::Dictionary(_, values, _) => {
            matches!(values.as_ref(), A::Utf8 | A::LargeUtf8 | A::Utf8View)
        }
        _ => false,
    }
}

fn describe(dtype: &ArrowDataType) -> String {
    use ArrowDataType as A;
    match dtype {
        A::Decimal(p, s) | A::Decimal32(p, s) | A::Decimal64(p, s) | A::Decimal256(p, s) => {
            format!("DECIMAL({p}, {s})")
        }
        A::Int128 | A::UInt128 => "INT128 (a 128-bit integer)".into(),
        A::Float16 => "FLOAT16".into(),
        A::List(_) | A::LargeList(_) | A::FixedSizeList(..) => "LIST".into(),
        A::Struct(_) => "STRUCT".into(),
        A::Map(..) => "MAP".into(),
        A::Binary | A::LargeBinary | A::BinaryView | A::FixedSizeBinary(_) => "BINARY".into(),
        A::Date32 => "DATE".into(),
        A::Timestamp(..) | A::Date64 => "TIMESTAMP".into(),
        A::Time32(_) | A::Time64(_) => "TIME".into(),
        A::Duration(_) => "DURATION".into(),
        A::Interval(_) => "INTERVAL".into(),
        A::Dictionary(_, values, _) => format!("DICTIONARY of {}", describe(values)),
        other => format!("{other:?}"),
    }
}

fn check_type(origin: &str, field: &ArrowField, kind: ColumnKind) -> Result<(), DataError> {
    if readable(&field.dtype) {
        return Ok(());
    }
    let name = field.name.as_str();
    let (expected, fix) = match kind {
        ColumnKind::Numeric(unit) => (
            format!(
                "a column of numbers (float or integer) holding {}",
                unit.describe()
            ),
            format!(
                "cast the column to float64 before writing (polars: pl.col(\"{name}\").cast(pl.Float64); pandas: df[\"{name}\"].astype(\"float64\"))"
            ),
        ),
        ColumnKind::Text { .. } | ColumnKind::Unknown => (
            "a column of text".to_string(),
            format!(
                "write the column as text (polars: pl.col(\"{name}\").cast(pl.String); pandas: df[\"{name}\"].astype(\"string\"))"
            ),
        ),
    };
    Err(DataError::new(K::WrongType, origin, expected)
        .column(name)
        .value(format!("Parquet type {}", describe(&field.dtype)))
        .fix(fix))
}
