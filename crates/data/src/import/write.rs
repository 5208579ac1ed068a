//! Writing a canonical table as CSV, JSON or Parquet: the files every command reads back to the
//! same dataset. Numbers keep the text the source wrote (CSV) or the same f64 (JSON, Parquet).

use std::io::Cursor;

use polars::prelude::{Column, DataFrame, ParquetWriter};
use reweigh_evals::{
    Cells, ColumnKind, DataError, DataErrorKind as K, Dataset, LoadOptions, RawTable,
};

use crate::Format;
use crate::guard::guarded;

/// A column's cells as optional text (booleans as `true`/`false`).
fn texts(cells: &Cells) -> Vec<Option<String>> {
    match cells {
        Cells::Text(v) | Cells::Numbers(v) => v.clone(),
        Cells::Bools(v) => v.iter().map(|b| b.map(|b| b.to_string())).collect(),
        Cells::Null(n) => vec![None; *n],
    }
}

fn numeric(name: &str, options: &LoadOptions) -> bool {
    matches!(Dataset::column_kind(name, options), ColumnKind::Numeric(_))
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The table in `format`. A numeric cell that is not a finite number is an error (the table is
/// validated before it is written; this guards the writer).
pub fn write_table(
    table: &RawTable,
    format: Format,
    options: &LoadOptions,
) -> Result<Vec<u8>, DataError> {
    let columns: Vec<(String, bool, Vec<Option<String>>)> = table
        .columns
        .iter()
        .map(|c| (c.name.clone(), numeric(&c.name, options), texts(&c.cells)))
        .collect();
    let number = |name: &str, row: usize, text: &str| -> Result<f64, DataError> {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                DataError::new(K::NotANumber, &table.origin, "a number")
                    .row(row + 1, None)
                    .column(name)
                    .value(super::shown(text))
            })
    };
    match format {
        Format::Csv => {
            let mut out = String::new();
            let header: Vec<String> = columns.iter().map(|(n, _, _)| csv_field(n)).collect();
            out.push_str(&header.join(","));
            out.push('\n');
            for row in 0..table.rows {
                let fields: Vec<String> = columns
                    .iter()
                    .map(|(name, is_number, cells)| match (&cells[row], is_number) {
                        (None, true) => Ok("NA".to_string()),
                        (None, false) => Ok(String::new()),
                        (Some(t), true) if t.trim() == "NA" => Ok("NA".to_string()),
                        (Some(t), true) => number(name, row, t).map(|_| t.trim().to_string()),
                        (Some(t), false) => Ok(csv_field(t)),
                    })
                    .collect::<Result<_, _>>()?;
                out.push_str(&fields.join(","));
                out.push('\n');
            }
            Ok(out.into_bytes())
        }
        Format::Json => {
            let mut out = String::from("[\n");
            for row in 0..table.rows {
                out.push_str("  {");
                for (j, (name, is_number, cells)) in columns.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&serde_json::to_string(name).expect("a string"));
                    out.push_str(": ");
                    let value = match (&cells[row], is_number) {
                        (None, true) => "null".to_string(),
                        (Some(t), true) if t.trim() == "NA" => "null".to_string(),
                        (Some(t), true) => {
                            let v = number(name, row, t)?;
                            serde_json::Number::from_f64(v).expect("finite").to_string()
                        }
                        (cell, false) => {
                            serde_json::to_string(cell.as_deref().unwrap_or("")).expect("a string")
                        }
                    };
                    out.push_str(&value);
                }
                out.push('}');
                if row + 1 < table.rows {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str("]\n");
            Ok(out.into_bytes())
        }
        Format::Parquet => {
            let mut frame_columns = Vec::with_capacity(columns.len());
            for (name, is_number, cells) in &columns {
                let column = if *is_number {
                    let values: Vec<Option<f64>> = cells
                        .iter()
                        .enumerate()
                        .map(|(row, c)| match c.as_deref().map(str::trim) {
                            None | Some("NA") => Ok(None),
                            Some(t) => number(name, row, t).map(Some),
                        })
                        .collect::<Result<_, _>>()?;
                    Column::new(name.as_str().into(), values)
                } else {
                    let values: Vec<Option<&str>> = cells
                        .iter()
                        .map(|c| Some(c.as_deref().unwrap_or("")))
                        .collect();
                    Column::new(name.as_str().into(), values)
                };
                frame_columns.push(column);
            }
            let mut buffer = Cursor::new(Vec::new());
            guarded(&table.origin, "a table polars can write as Parquet", || {
                let mut df = DataFrame::new(table.rows, frame_columns)?;
                ParquetWriter::new(&mut buffer).finish(&mut df)?;
                Ok(())
            })?;
            Ok(buffer.into_inner())
        }
    }
}
