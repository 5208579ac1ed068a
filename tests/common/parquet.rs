//! Parquet files with columns of any Arrow type — DECIMAL, 128-bit integers, lists, timestamps —
//! written with polars' own Parquet writer at the Arrow level. (polars' DataFrame writer, as reweigh
//! builds polars, cannot hold DECIMAL or 128-bit columns, which is why reading them used to panic.)
//! Test fixtures only: the values are made up by each test and labelled synthetic there.

#![allow(dead_code)]

use std::sync::Arc;

use polars_arrow::array::{Array, PrimitiveArray, Utf8ViewArray};
use polars_arrow::datatypes::{ArrowDataType, ArrowSchema, Field};
use polars_arrow::record_batch::RecordBatchT;
use polars_parquet::write::{
    CompressionOptions, FileWriter, RowGroupIterator, StatisticsOptions, Version, WriteOptions,
    get_dtype_encoding,
};

/// A Parquet file holding `columns` (name, array; all of one length) in one row group.
pub fn parquet(columns: Vec<(&str, Box<dyn Array>)>) -> Vec<u8> {
    let height = columns.first().map_or(0, |(_, a)| a.len());
    let schema: ArrowSchema = columns
        .iter()
        .map(|(name, a)| Field::new((*name).into(), a.dtype().clone(), true))
        .collect();
    let arrays: Vec<Box<dyn Array>> = columns.into_iter().map(|(_, a)| a).collect();
    let batch = RecordBatchT::try_new(height, Arc::new(schema.clone()), arrays).unwrap();
    let options = WriteOptions {
        statistics: StatisticsOptions::empty(),
        version: Version::V2,
        compression: CompressionOptions::Uncompressed,
        data_page_size: None,
    };
    let encodings = schema
        .iter_values()
        .map(|f| get_dtype_encoding(&f.dtype))
        .collect();
    let groups =
        RowGroupIterator::try_new(std::iter::once(Ok(batch)), &schema, options, encodings).unwrap();
    let mut out = Vec::new();
    let mut writer = FileWriter::try_new(&mut out, schema, options).unwrap();
    for group in groups {
        writer.write(height as u64, group.unwrap()).unwrap();
    }
    writer.end(None).unwrap();
    out
}

/// A text column.
pub fn text(values: &[&str]) -> Box<dyn Array> {
    Utf8ViewArray::from_slice_values(values).boxed()
}

/// A DECIMAL(precision, scale) column from its unscaled integers (4325 at scale 4 is 0.4325).
pub fn decimal(unscaled: &[i128], precision: usize, scale: usize) -> Box<dyn Array> {
    PrimitiveArray::<i128>::from_slice(unscaled)
        .to(ArrowDataType::Decimal(precision, scale))
        .boxed()
}
