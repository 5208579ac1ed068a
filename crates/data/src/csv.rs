//! CSV datasets: UTF-8 and a field count per record checked on the bytes, then read with polars,
//! every cell as text.

use std::io::Cursor;

use polars::prelude::{CsvReadOptions, SerReader};
use reweigh_evals::{DataError, DataErrorKind as K, RawTable, SourceFormat};

use crate::frame;
use crate::guard::guarded;

/// Reads CSV bytes: every cell text, a short or long record an error naming its line.
pub(crate) fn read(origin: &str, bytes: &[u8]) -> Result<RawTable, DataError> {
    check_utf8(origin, bytes)?;
    check_csv_fields(origin, bytes)?;
    let df = guarded(origin, "valid CSV with a header row", || {
        CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .map_parse_options(|p| p.with_missing_is_null(false))
            .into_reader_with_file_handle(Cursor::new(bytes.to_vec()))
            .finish()
    })?;
    let mut table = frame::raw_table(origin, SourceFormat::Csv, &df)?;
    // polars renames a repeated header `hle` to `hle_duplicated_0`: validation reports the name
    // given twice.
    for column in &mut table.columns {
        if let Some((first, _)) = column.name.rsplit_once("_duplicated_")
            && df.columns().iter().any(|c| c.name().as_str() == first)
        {
            column.name = first.to_string();
        }
    }
    Ok(table)
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

pub(crate) fn check_utf8(origin: &str, bytes: &[u8]) -> Result<(), DataError> {
    std::str::from_utf8(bytes).map(|_| ()).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        DataError::new(K::Encoding, origin, "UTF-8 text")
            .line(line)
            .value(format!("byte 0x{:02X} at offset {at}", bytes[at]))
            .fix("re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)")
    })
}
