//! Writes the fuzz seed corpora (fuzz/corpus/*/seed-*): every file of datasets/ (the large
//! snapshots cut to their first rows), the same rows as JSON and Parquet, the methodologies, and
//! small hand-made cases (synthetic values). An ignored test, so that it builds with the workspace's
//! polars: `cargo test -p reweigh-data --test fuzz_seeds -- --ignored` (fuzz/seed.sh runs it, then
//! seeds the receipts with the real binary's output).

use std::fs;
use std::path::Path;

#[path = "../../../tests/common/parquet.rs"]
mod fixture;

use polars::prelude::{Column, DataFrame, ParquetWriter, PlSmallStr};
use polars_arrow::array::{Array, BooleanArray, PrimitiveArray};
use polars_arrow::datatypes::ArrowDataType;
use reweigh_data::{Dataset, LoadOptions, load_bytes};

const ROWS: usize = 6;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("../../fuzz/corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
}

/// The dataset's header and first `ROWS` rows.
fn head(csv: &str) -> String {
    csv.lines()
        .take(ROWS + 1)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The columns a dataset file carried (not derived), with its rows.
fn frame(d: &Dataset, header: &[&str]) -> DataFrame {
    let mut columns = Vec::new();
    for name in header {
        let name = *name;
        if let Some(values) = d.columns.get(name) {
            columns.push(Column::new(PlSmallStr::from_str(name), values.clone()));
        } else {
            let values: Vec<Option<String>> = d
                .rows
                .iter()
                .map(|r| {
                    if name == "slug" {
                        Some(r.slug.clone())
                    } else {
                        r.text.get(name).cloned()
                    }
                })
                .collect();
            columns.push(Column::new(PlSmallStr::from_str(name), values));
        }
    }
    DataFrame::new(d.len(), columns).unwrap()
}

fn json(d: &Dataset, header: &[&str]) -> String {
    let rows: Vec<String> = (0..d.len())
        .map(|i| {
            let cells: Vec<String> = header
                .iter()
                .map(|name| {
                    let value = if let Some(values) = d.columns.get(*name) {
                        values[i].map_or("null".to_string(), |v| format!("{v}"))
                    } else if *name == "slug" {
                        format!("{:?}", d.rows[i].slug)
                    } else {
                        format!(
                            "{:?}",
                            d.rows[i].text.get(*name).cloned().unwrap_or_default()
                        )
                    };
                    format!("{name:?}: {value}")
                })
                .collect();
            format!("  {{{}}}", cells.join(", "))
        })
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

#[test]
#[ignore = "writes files; run by fuzz/seed.sh"]
fn write_fuzz_seeds() {
    let mut names: Vec<_> = fs::read_dir("../../datasets")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    names.sort();
    for path in names {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let csv = head(&fs::read_to_string(&path).unwrap());
        write("dataset_csv", &format!("{stem}.csv"), csv.as_bytes());
        let d = load_bytes("seed.csv", csv.as_bytes(), &LoadOptions::default()).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        write(
            "dataset_json",
            &format!("{stem}.json"),
            json(&d, &header).as_bytes(),
        );
        let mut df = frame(&d, &header);
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes).finish(&mut df).unwrap();
        write("dataset_parquet", &format!("{stem}.parquet"), &bytes);
    }

    // Hand-made cases (synthetic values).
    for (name, text) in [
        ("na.csv", "slug,model,hle,gpqa\na,A,0.25,NA\nb,B,NA,0.5\n"),
        (
            "counts.csv",
            "slug,omniscience_correct,omniscience_incorrect,omniscience_partial,omniscience_not_attempted,omniscience_questions\na,1806,962,114,3118,6000\n",
        ),
        (
            "quoted.csv",
            "slug,model,hle\n\"a\",\"A, \"\"quoted\"\"\",\"0.5\"\n",
        ),
        ("bom-crlf.csv", "\u{feff}slug,hle\r\na,0.5\r\n"),
        ("bad.csv", "slug,hle,hle\na,true,1.5\n,\n"),
    ] {
        write("dataset_csv", name, text.as_bytes());
    }
    for (name, text) in [
        (
            "types.json",
            r#"[{"slug":"a","is_reasoning":true,"hle":0.25,"gpqa":null,"model":"A \"x\" \u00e9"},{"slug":"b","is_reasoning":false,"hle":"0.5","gpqa":1e-3,"model":"B"}]"#,
        ),
        (
            "bad.json",
            r#"[{"slug":"a","hle":true,"hle":[1,{"x":[]}]},{"slug":7},3,null]"#,
        ),
        (
            "deep.json",
            "[[[[[[[[[[[[[[[[[[[[{\"slug\":\"a\"}]]]]]]]]]]]]]]]]]]]]",
        ),
        ("object.json", r#"{"slug":"a","hle":0.5}"#),
    ] {
        write("dataset_json", name, text.as_bytes());
    }
    let slugs = || fixture::text(&["synthetic-a", "synthetic-b"]);
    let exotic: Vec<(&str, Box<dyn Array>)> = vec![
        ("decimal", fixture::decimal(&[4325, 100], 10, 4)),
        ("int128", PrimitiveArray::<i128>::from_slice([1, 2]).boxed()),
        ("bool", BooleanArray::from([Some(true), None]).boxed()),
        (
            "f32",
            PrimitiveArray::<f32>::from_slice([0.4325, 0.5]).boxed(),
        ),
        (
            "date",
            PrimitiveArray::<i32>::from_slice([20_454, 1])
                .to(ArrowDataType::Date32)
                .boxed(),
        ),
    ];
    for (name, values) in exotic {
        let bytes = fixture::parquet(vec![("slug", slugs()), ("hle", values)]);
        write("dataset_parquet", &format!("{name}.parquet"), &bytes);
    }

    let mut methodologies: Vec<_> = fs::read_dir("../../datasets/methodologies")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    methodologies.sort();
    for path in methodologies {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        write("methodology_toml", &name, &fs::read(&path).unwrap());
    }
    let doc = fs::read_to_string("../../docs/methodology-format.md").unwrap();
    let example = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .unwrap();
    write("methodology_toml", "docs-example.toml", example.as_bytes());
    write(
        "methodology_toml",
        "small.toml",
        b"name = \"s\"\nversion = \"1\"\nscale = 100\n[[categories]]\nid = \"c\"\nname = \"C\"\nweight = 1\n[[components]]\nid = \"k\"\nname = \"K\"\ncategory = \"c\"\nweight = 1\ncolumn = \"hle\"\nnormaliser = { kind = \"linear\", min = 0, max = 1, clamp = false }\nmissing = \"renormalize\"\n",
    );
}
