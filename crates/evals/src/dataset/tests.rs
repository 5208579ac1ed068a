use super::hints::percent_as_fraction;
use super::*;
use crate::error::DataErrorKind as K;

fn load(text: &str) -> Result<Dataset, DataError> {
    Dataset::from_raw(
        RawTable::from_plain_csv("t.csv", text)?,
        &LoadOptions::default(),
    )
}

#[test]
fn validates_a_plain_table_and_derives_elo() {
    let d = load("slug,model,gdpval_norm_pct,tau2_telecom\na,A,22.362,0.5\nb,B,NA,NA\n").unwrap();
    assert!((d.value(0, "gdpval_elo").unwrap() - 947.24).abs() < 1e-9);
    assert_eq!(d.value(1, "gdpval_elo"), None);
    assert_eq!(d.derived, ["gdpval_elo"]);
    let e = load("slug,hle\na,1.3\n").unwrap_err();
    assert_eq!(e.kind, K::OutOfRange);
    assert!(
        e.to_string().contains("t.csv, row 1 (slug 'a'), line 2"),
        "{e}"
    );
    assert_eq!(
        RawTable::from_plain_csv("q.csv", "slug,model\na,\"A\"\n")
            .unwrap_err()
            .kind,
        K::Format
    );
}

#[test]
fn cells_typed_by_the_source_are_checked_by_type() {
    let table = |name: &str, cells: Cells| RawTable {
        origin: "t.parquet".into(),
        format: SourceFormat::Parquet,
        sha256: String::new(),
        rows: 1,
        columns: vec![
            RawColumn {
                name: "slug".into(),
                dtype: "str".into(),
                cells: Cells::Text(vec![Some("a".into())]),
            },
            RawColumn {
                name: name.into(),
                dtype: "bool".into(),
                cells,
            },
        ],
    };
    let options = LoadOptions::default();
    let e = Dataset::from_raw(table("hle", Cells::Bools(vec![Some(true)])), &options).unwrap_err();
    assert_eq!(e.kind, K::NotANumber);
    let e =
        Dataset::from_raw(table("model", Cells::Bools(vec![Some(true)])), &options).unwrap_err();
    assert_eq!(e.kind, K::WrongType);
    assert!(
        e.to_string().contains("a bool column is not read as text"),
        "{e}"
    );
    let d = Dataset::from_raw(
        table("is_reasoning", Cells::Bools(vec![Some(true)])),
        &options,
    )
    .unwrap();
    assert_eq!(d.rows[0].text["is_reasoning"], "true");
    let e = Dataset::from_raw(table("hle", Cells::Text(vec![])), &options).unwrap_err();
    assert!(e.to_string().contains("1 cells in every column"), "{e}");
}

#[test]
fn percent_hint_has_no_float_noise() {
    assert_eq!(percent_as_fraction("45.03", 45.03), "0.4503");
    assert_eq!(percent_as_fraction("1.3", 1.3), "0.013");
    assert_eq!(percent_as_fraction("65", 65.0), "0.65");
}
