//! Parquet columns of every type a writer may produce: read correctly, or refused with a clear
//! error — never a panic. The values are synthetic (made up for each case).

#[path = "../../../tests/common/parquet.rs"]
mod fixture;

use std::io::Cursor;

use fixture::{decimal, parquet, text};
use polars::prelude::{ParquetReader, SerReader};
use polars_arrow::array::{
    Array, BinaryViewArray, BooleanArray, ListArray, PrimitiveArray, StructArray,
};
use polars_arrow::datatypes::{ArrowDataType, Field, TimeUnit};
use polars_arrow::offset::OffsetsBuffer;
use reweigh_data::{DataError, DataErrorKind as K, Dataset, LoadOptions, load_bytes};

fn load(bytes: &[u8]) -> Result<Dataset, DataError> {
    load_bytes("synthetic.parquet", bytes, &LoadOptions::default())
}

fn refused(column: &str, values: Box<dyn Array>) -> String {
    let bytes = parquet(vec![("slug", text(&["a"])), (column, values)]);
    let e = load(&bytes).unwrap_err();
    assert_eq!(e.kind, K::WrongType, "{e}");
    e.to_string()
}

#[test]
fn polars_itself_panics_on_a_decimal_column() {
    // The cause of the reported crash: polars, built without `dtype-decimal`, panics when it turns
    // a DECIMAL column into a frame. reweigh refuses such columns before polars reads them.
    let bytes = parquet(vec![
        ("slug", text(&["a"])),
        ("hle", decimal(&[4325], 10, 4)),
    ]);
    let panicked = std::panic::catch_unwind(|| {
        let _ = ParquetReader::new(Cursor::new(bytes.clone())).finish();
    })
    .is_err();
    assert!(
        panicked,
        "polars now reads DECIMAL: reconsider reading it instead of refusing"
    );
    let e = load(&bytes).unwrap_err();
    assert_eq!(e.kind, K::WrongType);
    assert_eq!(
        e.to_string(),
        "synthetic.parquet, column 'hle', value 'Parquet type DECIMAL(10, 4)': expected a column of \
numbers (float or integer) holding a fraction in [0, 1]. Fix: cast the column to float64 before \
writing (polars: pl.col(\"hle\").cast(pl.Float64); pandas: df[\"hle\"].astype(\"float64\"))"
    );
}

#[test]
fn exotic_types_are_refused_by_name() {
    let list = ListArray::<i64>::new(
        ArrowDataType::LargeList(Box::new(Field::new(
            "item".into(),
            ArrowDataType::Float64,
            true,
        ))),
        OffsetsBuffer::try_from(vec![0i64, 2]).unwrap(),
        PrimitiveArray::<f64>::from_slice([0.25, 0.5]).boxed(),
        None,
    )
    .boxed();
    let fields = vec![Field::new("x".into(), ArrowDataType::Float64, true)];
    let strukt = StructArray::new(
        ArrowDataType::Struct(fields),
        1,
        vec![PrimitiveArray::<f64>::from_slice([0.25]).boxed()],
        None,
    )
    .boxed();
    let cases: Vec<(&str, Box<dyn Array>, &str)> = vec![
        ("hle", decimal(&[4325], 10, 4), "DECIMAL(10, 4)"),
        ("gpqa", decimal(&[4325], 38, 4), "DECIMAL(38, 4)"),
        (
            "hle",
            PrimitiveArray::<i128>::from_slice([1]).boxed(),
            "INT128 (a 128-bit integer)",
        ),
        ("hle", list, "LIST"),
        ("hle", strukt, "STRUCT"),
        (
            "hle",
            BinaryViewArray::from_slice_values([b"0.5".as_slice()]).boxed(),
            "BINARY",
        ),
        (
            "hle",
            PrimitiveArray::<i64>::from_slice([0])
                .to(ArrowDataType::Timestamp(TimeUnit::Millisecond, None))
                .boxed(),
            "TIMESTAMP",
        ),
        ("model", decimal(&[1], 10, 0), "DECIMAL(10, 0)"),
        (
            "release_date",
            PrimitiveArray::<i32>::from_slice([20_454])
                .to(ArrowDataType::Date32)
                .boxed(),
            "DATE",
        ),
    ];
    for (column, values, what) in cases {
        let msg = refused(column, values);
        assert!(
            msg.contains(&format!("column '{column}', value 'Parquet type {what}'")),
            "{msg}"
        );
        assert!(msg.contains("Fix: "), "{msg}");
    }
}

#[test]
fn an_unknown_column_is_named_before_its_type() {
    let bytes = parquet(vec![
        ("slug", text(&["a"])),
        ("hle_d", decimal(&[4325], 10, 4)),
    ]);
    let e = load(&bytes).unwrap_err();
    assert_eq!(e.kind, K::UnknownColumn);
    assert!(e.to_string().contains("did you mean 'hle'"), "{e}");
}

#[test]
fn a_boolean_is_not_a_score() {
    let bytes = parquet(vec![
        ("slug", text(&["a", "b"])),
        ("hle", BooleanArray::from([None, Some(true)]).boxed()),
    ]);
    let e = load(&bytes).unwrap_err();
    assert_eq!(e.kind, K::NotANumber);
    assert!(
        e.to_string().starts_with(
            "synthetic.parquet, row 2 (slug 'b'), column 'hle', value 'true': expected a fraction in [0, 1]. Fix: a boolean is not a score"
        ),
        "{e}"
    );
}

#[test]
fn text_columns_take_text_and_is_reasoning_takes_booleans() {
    let bytes = parquet(vec![
        ("slug", text(&["a", "b"])),
        (
            "is_reasoning",
            BooleanArray::from_slice([true, false]).boxed(),
        ),
        (
            "hle",
            PrimitiveArray::<f32>::from_slice([0.4325, 1.0]).boxed(),
        ),
    ]);
    let d = load(&bytes).unwrap();
    assert_eq!(d.rows[0].text["is_reasoning"], "true");
    assert_eq!(d.rows[1].text["is_reasoning"], "false");
    // A 32-bit float is read as the number it was written as, not as its binary expansion.
    assert_eq!(d.value(0, "hle"), Some(0.4325));
    assert_eq!(d.value(1, "hle"), Some(1.0));

    let numeric_slug = parquet(vec![(
        "slug",
        PrimitiveArray::<i64>::from_slice([7]).boxed(),
    )]);
    let e = load(&numeric_slug).unwrap_err();
    assert_eq!(e.kind, K::WrongType);
    assert!(
        e.to_string()
            .contains("column 'slug', value '7': expected text"),
        "{e}"
    );
    let boolean_model = parquet(vec![
        ("slug", text(&["a"])),
        ("model", BooleanArray::from_slice([true]).boxed()),
    ]);
    let e = load(&boolean_model).unwrap_err();
    assert!(
        e.to_string()
            .contains("row 1 (slug 'a'), column 'model', value 'true': expected text"),
        "{e}"
    );
}

#[test]
fn truncated_and_corrupt_files_are_errors() {
    let bytes = parquet(vec![
        ("slug", text(&["a", "b"])),
        (
            "hle",
            PrimitiveArray::<f64>::from_slice([0.25, 0.5]).boxed(),
        ),
    ]);
    assert_eq!(load(&bytes).unwrap().value(1, "hle"), Some(0.5));
    for cut in [4, 8, bytes.len() / 2, bytes.len() - 1] {
        let e = load(&bytes[..cut]).unwrap_err();
        assert_eq!(e.kind, K::Format, "cut at {cut}: {e}");
    }
    // Every single-byte corruption of the data: an error or a read, never a panic or an abort.
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0xFF;
        let _ = load(&bad);
    }
}

/// Inputs the fuzzer found (fuzz/regressions/): each used to abort the process.
#[test]
fn fuzz_regressions_are_errors() {
    // A real snapshot's first rows as Parquet with one page header's value count corrupted to a
    // negative number: polars reserved a validity bitmap of 2^61 bytes for it and the allocation
    // failure aborted the process.
    let bytes =
        include_bytes!("../../../fuzz/regressions/dataset_parquet/oom-validity-bitmap.parquet");
    let e = load(bytes).unwrap_err();
    assert_eq!(e.kind, K::Format, "{e}");
    assert!(
        e.to_string()
            .contains("value 'column 'published_coding_index': a page of -")
            && e.to_string().contains(
                "expected a Parquet dataset of at most 1000000 rows, in pages of at most 64 MiB"
            ),
        "{e}"
    );
    // A footer whose list of row groups declared far more entries than the footer holds: polars
    // pre-sized a vector of 27 GB for it and the allocation failure aborted the process.
    let bytes = include_bytes!("../../../fuzz/regressions/dataset_parquet/oom-footer-list.parquet");
    let e = load(bytes).unwrap_err();
    assert_eq!(e.kind, K::Format, "{e}");
    assert!(
        e.to_string()
            .contains("value 'a footer that cannot be read ("),
        "{e}"
    );
}
