use super::*;
use polars::prelude::ParquetWriter;
use reweigh_evals::DataErrorKind as K;

fn load(name: &str, text: &str) -> Result<Dataset, DataError> {
    load_bytes(name, text.as_bytes(), &LoadOptions::default())
}

const HEADER: &str = "slug,model,gdpval_norm_pct,tau2_telecom";

#[test]
fn reads_na_and_derives_elo() {
    let d = load("t.csv", &format!("{HEADER}\na,A,22.362,0.5\nb,B,NA,NA\n")).unwrap();
    assert_eq!(d.len(), 2);
    assert!((d.value(0, "gdpval_elo").unwrap() - 947.24).abs() < 1e-9);
    assert_eq!(d.value(1, "gdpval_elo"), None);
    assert_eq!(d.value(1, "tau2_telecom"), None);
    assert_eq!(d.rows[0].model(), "A");
}

fn kind_of(name: &str, text: &str) -> (K, String) {
    let e = load(name, text).unwrap_err();
    (e.kind, e.to_string())
}

#[test]
fn every_bad_cell_names_row_column_value() {
    let cases = [
        ("a,A,10,1.3", K::OutOfRange, "'tau2_telecom', value '1.3'"),
        ("a,A,10,-0.1", K::OutOfRange, "value '-0.1'"),
        ("a,A,10,65.8", K::OutOfRange, "looks like a percent"),
        ("a,A,10,NaN", K::NotANumber, "value 'NaN'"),
        ("a,A,10,", K::EmptyCell, "write NA"),
        ("a,A,10,abc", K::NotANumber, "value 'abc'"),
    ];
    for (row, kind, needle) in cases {
        let (k, msg) = kind_of("bad.csv", &format!("{HEADER}\nz,Z,1,0.1\n{row}\n"));
        assert_eq!(k, kind, "{row}: {msg}");
        assert!(msg.contains("bad.csv, row 2 (slug 'a'), line 3"), "{msg}");
        assert!(msg.contains(needle), "{row}: {msg}");
    }
}

#[test]
fn elo_of_90000_is_out_of_range() {
    let (k, msg) = kind_of("e.csv", "slug,gdpval_elo\na,90000\n");
    assert_eq!(k, K::OutOfRange);
    assert!(msg.contains("column 'gdpval_elo', value '90000'"), "{msg}");
}

#[test]
fn structural_errors() {
    assert_eq!(kind_of("x.csv", "").0, K::Empty);
    assert_eq!(kind_of("x.csv", "slug,hle\n").0, K::Empty);
    assert_eq!(kind_of("x.csv", "model,hle\nA,0.1\n").0, K::MissingColumn);
    let (k, msg) = kind_of("x.csv", "slug,ifbnech\na,0.1\n");
    assert_eq!(k, K::UnknownColumn);
    assert!(
        msg.contains("column 'ifbnech'") && msg.contains("did you mean 'ifbench'"),
        "{msg}"
    );
    let (k, msg) = kind_of("x.csv", "slug,hle\na,0.1\nb,0.2\na,0.3\n");
    assert_eq!(k, K::DuplicateSlug);
    assert!(
        msg.contains("row 3 (slug 'a')") && msg.contains("row 1 has the same slug"),
        "{msg}"
    );
    assert_eq!(kind_of("x.txt", "slug\na\n").0, K::Format);
    for (text, needle) in [
        (
            "slug,hle\na\n",
            "row 1, line 2, value '1 field': expected 2 fields in every row",
        ),
        (
            "slug,hle\na,0.5\nb,0.5,0.7\n",
            "row 2, line 3, value '3 fields'",
        ),
        (
            "slug,model,hle\na,\"x\ny\",0.5\nb,B\n",
            "row 2, line 4, value '2 fields'",
        ),
    ] {
        let (k, msg) = kind_of("x.csv", text);
        assert_eq!(k, K::Format, "{msg}");
        assert!(msg.contains(needle), "{msg}");
    }
    let quoted = load(
        "q.csv",
        "slug,model,hle\na,\"A, \"\"b\"\"\",0.5\nb,c\"d,0.25\n",
    )
    .unwrap();
    assert_eq!(quoted.rows[0].text["model"], "A, \"b\"");
    assert_eq!(quoted.rows[1].text["model"], "c\"d");
    assert_eq!(quoted.value(1, "hle"), Some(0.25));
    let (k, msg) = kind_of("x.csv", "slug,hle,hle\na,0.5,0.6\n");
    assert_eq!(k, K::Format);
    assert!(
        msg.contains("column 'hle', value ''hle' given twice'"),
        "{msg}"
    );
    let e = load_bytes("x.csv", b"slug,model\na,caf\xe9\n", &LoadOptions::default()).unwrap_err();
    assert_eq!(e.kind, K::Encoding);
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn omniscience_counts_must_add_up() {
    let head = "slug,omniscience_correct,omniscience_incorrect,omniscience_partial,omniscience_not_attempted,omniscience_questions";
    let ok = load("o.csv", &format!("{head}\na,1806,962,114,3118,6000\n")).unwrap();
    assert_eq!(ok.value(0, "omniscience_accuracy"), Some(0.301));
    assert_eq!(
        ok.value(0, "omniscience_nonhallucination"),
        Some(1.0 - 962.0 / 4194.0)
    );
    let (k, msg) = kind_of("o.csv", &format!("{head}\na,1806,962,114,3000,6000\n"));
    assert_eq!(k, K::Inconsistent);
    assert!(
        msg.contains("column 'omniscience_questions'") && msg.contains("= 5882"),
        "{msg}"
    );
}

#[test]
fn json_nulls_are_missing() {
    let d = load(
        "d.json",
        r#"[{"slug":"a","hle":0.25,"gpqa":null},{"slug":"b","hle":0.5,"gpqa":0.75}]"#,
    )
    .unwrap();
    assert_eq!(d.value(0, "hle"), Some(0.25));
    assert_eq!(d.value(0, "gpqa"), None);
    let (k, msg) = kind_of("d.json", r#"[{"slug":"a","hle":1.5}]"#);
    assert_eq!(k, K::OutOfRange);
    assert!(
        msg.contains("row 1 (slug 'a'), column 'hle', value '1.5'"),
        "{msg}"
    );
}

#[test]
fn parquet_round_trip() {
    let mut df = polars::df!(
        "slug" => ["a", "b"],
        "hle" => [Some(0.25), None],
        "gdpval_norm_pct" => [25.0, -10.0],
    )
    .unwrap();
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut df).unwrap();
    let d = load_bytes("d.parquet", &bytes, &LoadOptions::default()).unwrap();
    assert_eq!(d.value(0, "hle"), Some(0.25));
    assert_eq!(d.value(1, "hle"), None);
    assert_eq!(d.value(1, "gdpval_elo"), Some(300.0));
    let mut bad = polars::df!("slug" => ["a"], "gpqa" => [f64::NAN]).unwrap();
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut bad).unwrap();
    let e = load_bytes("d.parquet", &bytes, &LoadOptions::default()).unwrap_err();
    assert_eq!(e.kind, K::NotANumber, "{e}");
    assert!(
        e.to_string()
            .contains("row 1 (slug 'a'), column 'gpqa', value 'NaN'"),
        "{e}"
    );
}

#[test]
fn cost_parts_must_add_up() {
    let head = "slug,index_cost_usd,index_cost_input_usd,index_cost_output_usd,index_cost_reasoning_usd,index_cost_answer_usd";
    // qwen3-7-max as AA publishes it, and a non-reasoning row whose reasoning part is 0.
    let ok = load(
        "c.csv",
        &format!("{head}\na,1202.4919,477.0052,725.4868,670.5082,54.9785\nb,10.5,4,6.5,0.0,6.5\nc,0,0,0,0,0\n"),
    )
    .unwrap();
    assert_eq!(ok.value(0, "index_cost_output_usd"), Some(725.4868));
    let (k, msg) = kind_of(
        "c.csv",
        &format!("{head}\na,1202.4919,477.0052,725.4868,670.5082,64.9785\n"),
    );
    assert_eq!(k, K::Inconsistent);
    assert!(
        msg.contains("column 'index_cost_output_usd', value '725.4868'")
            && msg.contains("670.5082 + 64.9785"),
        "{msg}"
    );
    let (k, msg) = kind_of("c.csv", "slug,price_output_per_1m_usd\na,-1\n");
    assert_eq!(k, K::OutOfRange);
    assert!(msg.contains("US dollars per 1M tokens"), "{msg}");
}
