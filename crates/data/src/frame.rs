//! A polars frame as the neutral [`RawTable`] validation reads: each column's cells as the file
//! typed them.

use polars::prelude::{Column, DataFrame, DataType};
use reweigh_evals::{Cells, RawColumn, RawTable, SourceFormat};

/// The frame's columns as raw cells. Numbers keep their exact text (32-bit floats as the shortest
/// text that reads back to the same f32, so 0.4325 stays 0.4325); types that are neither text,
/// numbers nor booleans arrive as text, to be refused by the column they are in.
pub(crate) fn raw_table(origin: &str, format: SourceFormat, df: &DataFrame) -> RawTable {
    RawTable {
        origin: origin.to_string(),
        format,
        sha256: String::new(),
        columns: df.columns().iter().map(raw_column).collect(),
        rows: df.height(),
    }
}

fn raw_column(column: &Column) -> RawColumn {
    let dtype = column.dtype();
    let text = |c: &Column| -> Vec<Option<String>> {
        match c.cast(&DataType::String) {
            Ok(cast) => cast
                .str()
                .map(|s| s.iter().map(|v| v.map(str::to_string)).collect())
                .unwrap_or_else(|_| vec![None; c.len()]),
            Err(_) => vec![None; c.len()],
        }
    };
    let cells = if dtype == &DataType::Null {
        Cells::Null(column.len())
    } else if dtype == &DataType::Float32 {
        match column.f32() {
            Ok(values) => {
                Cells::Numbers(values.iter().map(|v| v.map(|x| format!("{x}"))).collect())
            }
            Err(_) => Cells::Text(text(column)),
        }
    } else if dtype.is_primitive_numeric() {
        match column.cast(&DataType::Float64) {
            Ok(cast) => Cells::Numbers(
                cast.f64()
                    .expect("cast to Float64")
                    .iter()
                    .map(|v| v.map(|x| format!("{x}")))
                    .collect(),
            ),
            Err(_) => Cells::Text(text(column)),
        }
    } else if dtype.is_bool() {
        match column.bool() {
            Ok(values) => Cells::Bools(values.iter().collect()),
            Err(_) => Cells::Text(text(column)),
        }
    } else {
        Cells::Text(text(column))
    };
    RawColumn {
        name: column.name().to_string(),
        dtype: dtype.to_string(),
        cells,
    }
}
