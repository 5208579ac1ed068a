//! End to end: bad input exits 2 with a message naming file, row, column, value and what was
//! expected — never a panic, never a partial output file.

use std::path::Path;

use crate::common::*;

/// Runs `score` on `text` written to `name`, expects exit 2, returns stderr.
fn score_fails(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = dir.join(format!("{name}.out"));
    let run = reweigh(&[
        "score",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{name}: {}\n{}", run.stdout, run.stderr);
    assert!(!out.exists(), "{name}: a failing run wrote an output file");
    assert!(
        run.stderr.contains(path.to_str().unwrap()),
        "{name}: file not named: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

fn assert_names(stderr: &str, needles: &[&str]) {
    for n in needles {
        assert!(stderr.contains(n), "missing {n:?} in: {stderr}");
    }
}

/// The row number (1-based, header not counted) of a slug in the default dataset.
fn row_of(slug: &str) -> usize {
    default_csv()
        .lines()
        .position(|l| l.starts_with(&format!("{slug},")))
        .unwrap()
}

#[test]
fn bad_cells_name_row_column_value_and_expectation() {
    let dir = scratch("cells");
    let slug = "gpt-oss-120b-low";
    let row = format!(
        "row {} (slug '{slug}'), line {}",
        row_of(slug),
        row_of(slug) + 1
    );
    let cases = [
        ("hle", "1.3", "a fraction in [0, 1]", "check the value"),
        ("gpqa", "-0.1", "a fraction in [0, 1]", "check the value"),
        (
            "tau2_telecom",
            "45.03",
            "a fraction in [0, 1]",
            "looks like a percent; write it as a fraction (0.4503",
        ),
        (
            "scicode",
            "NaN",
            "a fraction in [0, 1]",
            "NaN and infinities",
        ),
        ("aa_lcr", "", "a fraction in [0, 1]", "write NA"),
        (
            "critpt",
            "n/a",
            "a fraction in [0, 1]",
            "plain decimal notation",
        ),
    ];
    for (column, value, expected, fix) in cases {
        let text = set_cell(&default_csv(), slug, column, value);
        let err = score_fails(&dir, &format!("{column}.csv"), text.as_bytes());
        assert_names(
            &err,
            &[
                &row,
                &format!("column '{column}', value '{value}'"),
                &format!("expected {expected}"),
                fix,
            ],
        );
    }
}

#[test]
fn an_elo_of_90000_is_rejected() {
    let dir = scratch("elo");
    let csv = default_csv().replacen("gdpval_norm_pct", "gdpval_elo", 1);
    let text = set_cell(&csv, "gpt-oss-120b", "gdpval_elo", "90000");
    let err = score_fails(&dir, "elo.csv", text.as_bytes());
    assert_names(
        &err,
        &[
            "row 1 (slug 'gpt-oss-120b')",
            "column 'gdpval_elo', value '90000'",
            "expected an Elo rating in [-1000, 4000]",
        ],
    );
}

#[test]
fn structural_problems() {
    let dir = scratch("structure");
    let csv = default_csv();
    // A duplicate slug names both rows.
    let second = csv.lines().nth(2).unwrap().to_string();
    let dup = format!(
        "{csv}{}\n",
        second.replacen("gpt-oss-120b-low", "gpt-oss-120b", 1)
    );
    let err = score_fails(&dir, "dup.csv", dup.as_bytes());
    assert_names(
        &err,
        &[
            "row 385 (slug 'gpt-oss-120b')",
            "column 'slug'",
            "row 1 has the same slug",
        ],
    );
    // A missing column, named with the methodology that needs it.
    let without: String = csv
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split(',').collect();
            f.remove(15); // hle
            f.join(",") + "\n"
        })
        .collect();
    assert!(csv.lines().next().unwrap().split(',').nth(15) == Some("hle"));
    let err = score_fails(&dir, "missing.csv", without.as_bytes());
    assert_names(
        &err,
        &[
            "column 'hle'",
            "expected a column 'hle' for component 'hle' of methodology aa-v4.0",
        ],
    );
    // An unknown column.
    let extra: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{},{l}\n", if i == 0 { "hle_pct" } else { "0.5" }))
        .collect();
    let err = score_fails(&dir, "unknown.csv", extra.as_bytes());
    assert_names(
        &err,
        &[
            "column 'hle_pct'",
            "expected a column reweigh knows",
            "datasets/README.md",
        ],
    );
    // Empty, header-only, not UTF-8.
    assert_names(
        &score_fails(&dir, "empty.csv", b""),
        &["value 'empty file'", "expected a header"],
    );
    assert_names(
        &score_fails(&dir, "header.csv", b"slug,hle\n"),
        &["header only"],
    );
    let latin1 = b"slug,model,hle\nx,Caf\xe9,0.5\n";
    assert_names(
        &score_fails(&dir, "latin1.csv", latin1),
        &["line 2", "byte 0xE9", "expected UTF-8 text"],
    );
}

#[test]
fn omniscience_counts_that_do_not_add_up() {
    let dir = scratch("counts");
    let text = "slug,omniscience_correct,omniscience_incorrect,omniscience_partial,omniscience_not_attempted,omniscience_questions\nm,1806,962,114,3000,6000\n";
    let err = score_fails(&dir, "counts.csv", text.as_bytes());
    assert_names(
        &err,
        &[
            "row 1 (slug 'm')",
            "column 'omniscience_questions'",
            "value '1806 + 962 + 114 + 3000 = 5882'",
            "must add up",
        ],
    );
}

#[test]
fn bad_methodologies() {
    let dir = scratch("methodology");
    let src = std::fs::read_to_string(root().join("datasets/methodologies/aa-v4.0.toml")).unwrap();
    let cases = [
        (
            "zero.toml",
            src.replacen("weight = 2", "weight = 0", 1),
            "component 'gdpval' has weight 0",
        ),
        (
            "negative.toml",
            src.replacen("weight = 1", "weight = -1", 1),
            "category 'agents' has weight -1",
        ),
        (
            "column.toml",
            src.replacen("column = \"critpt\"", "column = \"critpt_v2\"", 1),
            "component 'critpt' reads column 'critpt_v2', which is neither a column reweigh knows nor in dataset",
        ),
        (
            "key.toml",
            src.replacen("scale = 100.0", "scale = 100.0\nweights = 3", 1),
            "unknown field `weights`",
        ),
    ];
    for (name, text, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let run = reweigh(&["score", "--methodology", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}");
        assert_names(
            &run.stderr,
            &[path.to_str().unwrap(), ", line ", message, "Fix:"],
        );
    }
    let run = reweigh(&["score", "--methodology", "aa-v9"]);
    assert_eq!(run.code, 2);
    assert_names(&run.stderr, &["aa-v9", "aa-v4.0, aa-v4.1"]);
}

#[test]
fn bad_options() {
    for (args, needle) in [
        (
            &["score", "--format", "xml"][..],
            "[possible values: table, csv, json, markdown]",
        ),
        (
            &["score", "--format", "jsn"],
            "a similar value exists: 'json'",
        ),
        (
            &["score", "--missing", "guess"],
            "[possible values: declared, renormalize]",
        ),
        (&["verify", "--tolerance=-1"], "from 0 to 100"),
        (&["score", "no/such/file.csv"], "no/such/file.csv"),
        (&["frobnicate"], "unrecognized subcommand"),
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}

/// The default dataset's first `n` rows as a JSON array of objects (every column before `source`,
/// numbers as JSON numbers, text as strings, `NA` as null): AA's published values, in JSON.
fn default_as_json(n: usize) -> serde_json::Value {
    let csv = default_csv();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let source = header.iter().position(|h| *h == "source").unwrap();
    let text = [
        "slug",
        "model",
        "variant",
        "is_reasoning",
        "release_date",
        "snapshot_date",
        "index_version",
        "cost_source",
    ];
    let rows = lines
        .take(n)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let object: serde_json::Map<String, serde_json::Value> = header[..source]
                .iter()
                .zip(&cells)
                .map(|(h, c)| {
                    let value = if text.contains(h) {
                        serde_json::Value::String(c.to_string())
                    } else if *c == "NA" {
                        serde_json::Value::Null
                    } else {
                        serde_json::from_str(c).unwrap()
                    };
                    (h.to_string(), value)
                })
                .collect();
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::Value::Array(rows)
}

fn index_in(run: &Run, slug: &str) -> f64 {
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run.stdout)["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == slug)
        .unwrap()["index"]
        .as_f64()
        .unwrap()
}

#[test]
fn json_nested_100000_levels_deep_is_an_error_not_a_stack_overflow() {
    let dir = scratch("deep");
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let err = score_fails(&dir, "deep.json", deep.as_bytes());
    assert_names(
        &err,
        &[
            "line 1",
            "more than 64 nested arrays or objects at byte offset 64",
            "expected JSON nested at most 64 levels deep",
            "Fix: a JSON dataset is an array of flat objects",
        ],
    );
    // Deep inside a cell of an otherwise valid dataset, on a later line.
    let cell = format!(
        "[\n{{\"slug\": \"a\", \"hle\": {}0.5{}}}\n]",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = score_fails(&dir, "deep-cell.json", cell.as_bytes());
    assert_names(&err, &["line 2", "nested at most 64 levels"]);
}

#[test]
fn json_reads_the_same_numbers_as_csv_and_refuses_booleans_in_numeric_columns() {
    let dir = scratch("json-types");
    let slug = "gpt-oss-120b-low";
    let from_csv = index_in(&reweigh(&["score", "--format", "json"]), slug);
    let mut rows = default_as_json(3);
    let path = dir.join("ok.json");
    std::fs::write(&path, serde_json::to_string_pretty(&rows).unwrap()).unwrap();
    let from_json = index_in(
        &reweigh(&["score", path.to_str().unwrap(), "--format", "json"]),
        slug,
    );
    assert_eq!(from_json, from_csv);
    assert!((from_json - 24.4666).abs() < 1e-4, "{from_json}");

    // `true` used to be read as 1.0: +10 index points for this row, exit 0.
    rows[1]["hle"] = serde_json::Value::Bool(true);
    let err = score_fails(
        &dir,
        "bool.json",
        serde_json::to_string(&rows).unwrap().as_bytes(),
    );
    assert_names(
        &err,
        &[
            &format!("row 2 (slug '{slug}'), column 'hle', value 'true'"),
            "expected a fraction in [0, 1]",
            "a boolean is not a score",
        ],
    );
    rows[1]["hle"] = serde_json::json!([0.05]);
    let err = score_fails(
        &dir,
        "nested.json",
        serde_json::to_string(&rows).unwrap().as_bytes(),
    );
    assert_names(
        &err,
        &[
            "column 'hle', value 'an array'",
            "nested arrays and objects are not values",
        ],
    );
    rows[1]["hle"] = serde_json::json!("high");
    let err = score_fails(
        &dir,
        "text.json",
        serde_json::to_string(&rows).unwrap().as_bytes(),
    );
    assert_names(
        &err,
        &["column 'hle', value 'high'", "plain decimal notation"],
    );
    // Text columns take strings: a number is not read as text silently (is_reasoning also takes
    // booleans).
    rows[1]["hle"] = serde_json::json!(0.052363);
    rows[1]["is_reasoning"] = serde_json::json!(true);
    rows[1]["index_version"] = serde_json::json!(4.0);
    let err = score_fails(
        &dir,
        "version.json",
        serde_json::to_string(&rows).unwrap().as_bytes(),
    );
    assert_names(
        &err,
        &[
            "column 'index_version', value '4.0'",
            "expected text (a JSON string)",
            "write the value in quotes (\"4.0\")",
        ],
    );
    // A key a row lacks is not a silent null.
    rows[1]["index_version"] = serde_json::json!("4.0");
    rows[1].as_object_mut().unwrap().remove("gpqa");
    let err = score_fails(
        &dir,
        "absent.json",
        serde_json::to_string(&rows).unwrap().as_bytes(),
    );
    assert_names(
        &err,
        &[
            &format!("row 2 (slug '{slug}'), column 'gpqa', value 'key absent'"),
            "write \"gpqa\": null",
        ],
    );
}

#[test]
fn csv_true_in_a_numeric_column() {
    let dir = scratch("csv-true");
    let text = set_cell(&default_csv(), "gpt-5-5-medium", "critpt", "true");
    let err = score_fails(&dir, "true.csv", text.as_bytes());
    assert_names(
        &err,
        &[
            "row 3 (slug 'gpt-5-5-medium'), line 4, column 'critpt', value 'true'",
            "a boolean is not a score",
        ],
    );
}

#[test]
fn parquet_decimal_boolean_and_list_columns_are_errors_not_panics() {
    use crate::common::parquet::{decimal, parquet, text};
    use polars_arrow::array::{BooleanArray, ListArray, PrimitiveArray};
    use polars_arrow::datatypes::{ArrowDataType, Field};
    let dir = scratch("parquet-types");
    // Synthetic values.
    let slugs = || text(&["synthetic-a", "synthetic-b"]);
    let dec = parquet(vec![
        ("slug", slugs()),
        ("hle", decimal(&[4325, 1200], 10, 4)),
    ]);
    let err = score_fails(&dir, "decimal.parquet", &dec);
    assert_names(
        &err,
        &[
            "column 'hle', value 'Parquet type DECIMAL(10, 4)'",
            "expected a column of numbers (float or integer)",
            "cast the column to float64",
        ],
    );
    let boolean = parquet(vec![
        ("slug", slugs()),
        ("gpqa", BooleanArray::from_slice([false, true]).boxed()),
    ]);
    let err = score_fails(&dir, "bool.parquet", &boolean);
    assert_names(
        &err,
        &[
            "row 1 (slug 'synthetic-a'), column 'gpqa', value 'false'",
            "a boolean is not a score",
        ],
    );
    let list = ListArray::<i64>::new(
        ArrowDataType::LargeList(Box::new(Field::new(
            "item".into(),
            ArrowDataType::Float64,
            true,
        ))),
        polars_arrow::offset::OffsetsBuffer::try_from(vec![0i64, 1, 2]).unwrap(),
        PrimitiveArray::<f64>::from_slice([0.25, 0.5]).boxed(),
        None,
    )
    .boxed();
    let err = score_fails(
        &dir,
        "list.parquet",
        &parquet(vec![("slug", slugs()), ("hle", list)]),
    );
    assert_names(&err, &["column 'hle', value 'Parquet type LIST'"]);
}
