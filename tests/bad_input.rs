//! End to end: bad input exits 2 with a message naming file, row, column, value and what was
//! expected — never a panic, never a partial output file.

mod common;

use std::path::Path;

use common::*;

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
        (&["verify", "--tolerance=-1"], "0 or more"),
        (&["score", "no/such/file.csv"], "no/such/file.csv"),
        (&["frobnicate"], "unrecognized subcommand"),
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}
