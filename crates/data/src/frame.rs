//! A polars frame as the neutral [`RawTable`] validation reads: each column's cells as the file
//! typed them.

use polars::prelude::{Column, DataFrame, DataType, PolarsResult};
use reweigh_evals::{Cells, DataError, DataErrorKind as K, RawColumn, RawTable, SourceFormat};

/// The frame's columns as raw cells. Numbers keep their exact text (32-bit floats as the shortest
/// text that reads back to the same f32, so 0.4325 stays 0.4325); other types arrive as text, to be
/// refused by the column they are in. A column polars cannot convert is an error, never empty cells.
pub(crate) fn raw_table(
    origin: &str,
    format: SourceFormat,
    df: &DataFrame,
) -> Result<RawTable, DataError> {
    let columns = df
        .columns()
        .iter()
        .map(|c| {
            raw_column(c).map_err(|e| {
                DataError::new(K::Format, origin, "a column of text, numbers or booleans")
                    .column(c.name().as_str())
                    .value(e.to_string())
                    .fix("check the file's structure against datasets/README.md")
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(RawTable {
        origin: origin.to_string(),
        format,
        sha256: String::new(),
        columns,
        rows: df.height(),
    })
}

fn raw_column(column: &Column) -> PolarsResult<RawColumn> {
    let dtype = column.dtype();
    let cells = if dtype == &DataType::Null {
        Cells::Null(column.len())
    } else if dtype == &DataType::Float32 {
        Cells::Numbers(
            column
                .f32()?
                .iter()
                .map(|v| v.map(|x| format!("{x}")))
                .collect(),
        )
    } else if dtype.is_primitive_numeric() {
        let cast = column.cast(&DataType::Float64)?;
        Cells::Numbers(
            cast.f64()?
                .iter()
                .map(|v| v.map(|x| format!("{x}")))
                .collect(),
        )
    } else if dtype.is_bool() {
        Cells::Bools(column.bool()?.iter().collect())
    } else {
        let cast = column.cast(&DataType::String)?;
        Cells::Text(cast.str()?.iter().map(|v| v.map(str::to_string)).collect())
    };
    Ok(RawColumn {
        name: column.name().to_string(),
        dtype: dtype.to_string(),
        cells,
    })
}
