//! End to end: methodology files, custom columns, overrides, presets, receipts.

use crate::common::*;
use serde_json::Value;

fn aa_v40_src() -> String {
    std::fs::read_to_string(root().join("datasets/methodologies/aa-v4.0.toml")).unwrap()
}

fn run_json(args: &[&str]) -> Value {
    let run = reweigh(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run.stdout)
}

fn by_slug(v: &Value) -> std::collections::BTreeMap<String, Value> {
    v["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["slug"].as_str().unwrap().to_string(), m.clone()))
        .collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn the_aa_v40_file_reproduces_both_snapshots() {
    let file = root().join("datasets/methodologies/aa-v4.0.toml");
    for snapshot in ["aa-v4.0-2026-06-05.csv", "aa-v4.0-2026-06-15.csv"] {
        let run = reweigh(&[
            "verify",
            &dataset(snapshot),
            "--methodology",
            file.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stdout);
        assert!(
            run.stdout
                .contains("result: pass: every independently checked value is within tolerance")
        );
    }
}

#[test]
fn the_aa_v41_file_reproduces_as_documented() {
    // datasets/README.md: 32 of 46 and 45 of 100 rows within 0.05 with live GDPval v2.
    for (snapshot, rows, beyond) in [
        ("aa-v4.1-2026-06-19.csv", 46, 14),
        ("aa-v4.1-2026-07-06.csv", 100, 55),
    ] {
        let run = reweigh(&[
            "verify",
            &dataset(snapshot),
            "--tolerance",
            "0.05",
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 1);
        let v = json(&run.stdout);
        assert_eq!(v["summary"]["index"]["independent"], rows);
        let index_failures = v["failures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["quantity"] == "index")
            .count();
        assert_eq!(index_failures, beyond, "{snapshot}");
        for c in v["failures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["quantity"] == "index")
        {
            assert_eq!(c["flags"][0], "live-gdpval_v2");
        }
    }
}

#[test]
fn a_component_reading_a_new_column_works_through_the_file_alone() {
    let dir = scratch("extra-column");
    // A second Elo column: AA's live GDPval Elo (500 + 20·published percent), real values under a
    // column name reweigh does not know.
    let csv = default_csv();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let pct_col = header
        .split(',')
        .position(|h| h == "gdpval_norm_pct")
        .unwrap();
    let mut out = format!("{header},second_elo\n");
    let mut elos = std::collections::BTreeMap::new();
    for l in lines {
        let fields: Vec<&str> = l.split(',').collect();
        let elo = 500.0 + 20.0 * fields[pct_col].parse::<f64>().unwrap();
        elos.insert(fields[0].to_string(), elo);
        out.push_str(&format!("{l},{elo}\n"));
    }
    let data = dir.join("with-second-elo.csv");
    std::fs::write(&data, out).unwrap();
    let src = aa_v40_src().replacen(
        "[[components]]\nid = \"tau2_telecom\"",
        "[[components]]\nid = \"second_elo\"\nname = \"Second Elo\"\ncategory = \"agents\"\nweight = 1\ncolumn = \"second_elo\"\nnormaliser = { kind = \"linear\", min = 500, max = 2500, clamp = true }\nmissing = \"require\"\n\n[[components]]\nid = \"tau2_telecom\"",
        1,
    );
    let file = dir.join("second-elo.toml");
    std::fs::write(&file, &src).unwrap();
    let new = by_slug(&run_json(&[
        "score",
        data.to_str().unwrap(),
        "-m",
        file.to_str().unwrap(),
        "-f",
        "json",
    ]));
    let aa = by_slug(&run_json(&["score", "-f", "json"]));
    assert_eq!(new.len(), 384);
    for (slug, m) in &new {
        let a = &aa[slug];
        let e = ((elos[slug] - 500.0) / 2000.0).clamp(0.0, 1.0);
        let (g, t) = (f(&a["scores"]["gdpval"]), f(&a["scores"]["tau2_telecom"]));
        // Agents is now (2G + τ² + E)/4; the other categories are unchanged.
        let agents = 100.0 * (2.0 * g + t + e) / 4.0;
        assert!(
            (f(&m["categories"]["agents"]) - agents).abs() < 1e-9,
            "{slug}"
        );
        let index = f(&a["index"]) + (agents - f(&a["categories"]["agents"])) / 4.0;
        assert!((f(&m["index"]) - index).abs() < 1e-9, "{slug}");
        assert!((f(&m["contributions"]["second_elo"]) - 100.0 / 16.0 * e).abs() < 1e-12);
    }
    // Without the methodology that declares it, the column is unknown.
    let run = reweigh(&["score", data.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("column 'second_elo'"), "{}", run.stderr);
    // With the methodology but not the column: the error names the methodology file and line.
    let run = reweigh(&["score", "-m", file.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    let line = line_of(&src, "id = \"second_elo\"");
    assert!(
        run.stderr.contains(&format!(
            "{}, line {line}: component 'second_elo' reads column 'second_elo'",
            file.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn weight_gdpval_zero_equals_a_file_without_gdpval() {
    let dir = scratch("no-gdpval");
    let src = aa_v40_src();
    let start = src.find("[[components]]\nid = \"gdpval\"").unwrap();
    let end = src.find("[[components]]\nid = \"tau2_telecom\"").unwrap();
    let without = format!("{}{}", &src[..start], &src[end..]);
    let file = dir.join("no-gdpval.toml");
    std::fs::write(&file, without).unwrap();
    let by_file = by_slug(&run_json(&[
        "score",
        "-m",
        file.to_str().unwrap(),
        "-f",
        "json",
    ]));
    let by_flag = run_json(&["score", "--weight", "gdpval=0", "-f", "json"]);
    assert_eq!(by_flag["effective_weights"]["tau2_telecom"], 0.25);
    assert!(by_flag["effective_weights"].get("gdpval").is_none());
    assert_eq!(by_flag["receipt"]["overrides"][0], "weight gdpval=0");
    let by_flag = by_slug(&by_flag);
    assert_eq!(by_file.len(), 384);
    for (slug, m) in &by_file {
        let o = &by_flag[slug];
        assert_eq!(m["index"], o["index"], "{slug}");
        assert_eq!(m["rank"], o["rank"], "{slug}");
        // Agents is τ² alone.
        assert!(
            (f(&o["categories"]["agents"]) - 100.0 * f(&o["scores"]["tau2_telecom"])).abs() < 1e-12
        );
    }
}

#[test]
fn overrides_change_effective_weights_and_bad_ones_exit_2() {
    let v = run_json(&[
        "score",
        "--category",
        "agents=2",
        "--drop",
        "ifbench",
        "-f",
        "json",
    ]);
    let w = &v["effective_weights"];
    assert!((f(&w["gdpval"]) - 0.4 * 2.0 / 3.0).abs() < 1e-15);
    assert!((f(&w["aa_lcr"]) - 0.2 / 3.0).abs() < 1e-15);
    assert!(w.get("ifbench").is_none());
    let total: f64 = w.as_object().unwrap().values().map(f).sum();
    assert!((total - 1.0).abs() < 1e-15);
    for (args, needle) in [
        (
            &["score", "--weight", "hle2=1"][..],
            "no component 'hle2'; its components are gdpval",
        ),
        (&["score", "--weight", "hle=-2"], "is not a weight"),
        (
            &["score", "--category", "science=1"],
            "no category 'science'",
        ),
        (
            &["explain", "qwen3-7-max", "--drop", "nope"],
            "no component 'nope'",
        ),
        (
            &["sweep", "--penalty", "0:1:0.5", "--weight", "omniscience=0"],
            "no penalty to sweep",
        ),
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn invalid_methodology_files_name_file_line_and_fix() {
    let dir = scratch("invalid-methodologies");
    let src = aa_v40_src();
    let cases = [
        (
            "unknown-key.toml",
            src.replacen(
                "missing = \"require\"",
                "missing = \"require\"\nmisssing = 1",
                1,
            ),
            "misssing = 1",
            "unknown field `misssing`",
        ),
        (
            "duplicate.toml",
            src.replacen("id = \"gpqa\"", "id = \"hle\"", 1),
            "id = \"hle\"",
            "duplicate component id 'hle'",
        ),
        (
            "zero.toml",
            src.replacen("column = \"critpt\"", "column = \"critpt\"\n", 1)
                .replacen(
                    "weight = 1\ncolumn = \"critpt\"",
                    "weight = 0\ncolumn = \"critpt\"",
                    1,
                ),
            "id = \"critpt\"",
            "component 'critpt' has weight 0",
        ),
        (
            "negative.toml",
            src.replacen(
                "id = \"general\"\nname = \"General\"\nweight = 1",
                "id = \"general\"\nname = \"General\"\nweight = -1",
                1,
            ),
            "id = \"general\"",
            "category 'general' has weight -1",
        ),
        (
            "params.toml",
            src.replacen("min = 500, max = 2500, ", "min = 500, ", 1),
            "normaliser = { kind = \"linear\"",
            "missing field `max`",
        ),
        (
            "lacks.toml",
            src.replacen("column = \"ifbench\"", "column = \"ifbench_v2\"", 1),
            "id = \"ifbench\"",
            "reads column 'ifbench_v2', which is neither",
        ),
    ];
    for (name, text, at, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &text).unwrap();
        let run = reweigh(&["score", "--methodology", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}");
        let expect = format!("{}, line {}", path.display(), line_of(&text, at));
        assert!(
            run.stderr.contains(&expect),
            "{name}: expected '{expect}' in {}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
        assert!(run.stderr.contains("Fix: "), "{name}: {}", run.stderr);
        if name != "lacks.toml" {
            let v = reweigh(&["methodology", "validate", path.to_str().unwrap()]);
            assert_eq!(v.code, 2, "{name}");
        }
    }
}

#[test]
fn presets_and_methodology_commands() {
    let list = reweigh(&["methodology", "list"]);
    for name in [
        "aa-v4.0",
        "aa-v4.1",
        "equal-evals",
        "equal-categories",
        "agents-and-coding",
    ] {
        assert!(list.stdout.contains(name), "{name}");
        let data = dataset(if name == "aa-v4.1" {
            "aa-v4.1-2026-07-06.csv"
        } else {
            "aa-v4.0-2026-06-15.csv"
        });
        assert_eq!(reweigh(&["score", &data, "-m", name]).code, 0, "{name}");
    }
    // equal-evals: every v4.0 evaluation 10% (AA-Omniscience's two components 5% each).
    let v = run_json(&["methodology", "show", "equal-evals", "-f", "json"]);
    for row in v["rows"].as_array().unwrap() {
        let share = f(&row["index %"]);
        let want = if row["id"].as_str().unwrap().starts_with("omniscience") {
            5.0
        } else {
            10.0
        };
        assert!((share - want).abs() < 1e-12, "{row}");
    }
    let v = run_json(&["methodology", "show", "equal-categories", "-f", "json"]);
    let general: f64 = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["category"] == "general")
        .map(|r| f(&r["index %"]))
        .sum();
    assert!((general - 25.0).abs() < 1e-12);
    let diff = reweigh(&["methodology", "diff", "aa-v4.0", "aa-v4.1"]);
    assert_eq!(diff.code, 0);
    assert!(diff.stdout.contains("ifbench") && diff.stdout.contains("removed"));
    assert!(
        diff.stdout
            .contains("category agents: 25.0000% -> 34.0000%"),
        "{}",
        diff.stdout
    );
    let diff = run_json(&[
        "methodology",
        "diff",
        "aa-v4.0",
        "equal-evals",
        "-f",
        "json",
    ]);
    let hle = diff["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["component"] == "hle")
        .unwrap();
    assert!((f(&hle["change"]) + 2.5).abs() < 1e-12);
    let src = reweigh(&["methodology", "show", "aa-v4.0", "--source"]);
    assert_eq!(src.stdout, aa_v40_src());
}

#[test]
fn the_documented_example_is_valid() {
    let doc = std::fs::read_to_string(root().join("docs/methodology-format.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    let dir = scratch("doc-example");
    let path = dir.join("example.toml");
    std::fs::write(&path, &doc[start..end]).unwrap();
    let run = reweigh(&["methodology", "validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("valid"));
}

#[test]
fn receipts_rerun_and_catch_changes() {
    let dir = scratch("receipts");
    let data = dir.join("snapshot.csv");
    std::fs::write(&data, default_csv()).unwrap();
    let out = dir.join("scores.json");
    let run = reweigh(&[
        "score",
        data.to_str().unwrap(),
        "--abstention",
        "penalty:2",
        "--weight",
        "hle=3",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = json(&std::fs::read_to_string(&out).unwrap());
    let r = &v["receipt"];
    assert_eq!(r["engine"], concat!("reweigh ", env!("CARGO_PKG_VERSION")));
    assert_eq!(r["abstention"], "penalty:2");
    assert_eq!(r["methodology"]["source"], "aa-v4.0");
    assert_eq!(r["methodology"]["hash"], v["methodology"]["hash"]);
    assert_eq!(r["datasets"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(r["seed"], Value::Null);
    let ok = reweigh(&["verify", "--receipt", out.to_str().unwrap()]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(
        ok.stdout
            .contains("every hash, name and number is the same")
    );
    // A number edited in the output.
    let text = std::fs::read_to_string(&out).unwrap();
    let first_index = v["models"][0]["index"].to_string();
    let edited = dir.join("edited.json");
    std::fs::write(&edited, text.replacen(&first_index, "70.5", 1)).unwrap();
    let run = reweigh(&["verify", "--receipt", edited.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("models[claude-fable-5].index: was 70.5, is now"),
        "{}",
        run.stdout
    );
    // The dataset changed after the output was made.
    std::fs::write(
        &data,
        set_cell(&default_csv(), "gpt-oss-120b", "hle", "0.2"),
    )
    .unwrap();
    let run = reweigh(&["verify", "--receipt", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("receipt.datasets[0].sha256: was")
            && run.stdout.contains("models[gpt-oss-120b].index: was"),
        "{}",
        run.stdout
    );
    // Every human-facing output carries the receipt too.
    for format in ["table", "markdown"] {
        let run = reweigh(&["score", "--format", format]);
        assert!(
            run.stdout.contains("receipt: reweigh ") && run.stdout.contains("sha256 aa034fb3"),
            "{format}"
        );
    }
}

#[test]
fn infer_recovers_the_published_weights() {
    // v4.0 (GDPval solved from the Agentic Index): the eleven shares to 1e-4, as exact fractions.
    let run = reweigh(&[
        "infer",
        &dataset("aa-v4.0-2026-06-15.csv"),
        "--format",
        "json",
        "--bootstrap",
        "20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    let expected = [
        ("gdpval_elo", "1/6"),
        ("tau2_telecom", "1/12"),
        ("terminalbench_hard", "1/6"),
        ("scicode", "1/12"),
        ("aa_lcr", "1/16"),
        ("omniscience_accuracy", "1/16"),
        ("omniscience_nonhallucination", "1/16"),
        ("ifbench", "1/16"),
        ("hle", "1/8"),
        ("gpqa", "1/16"),
        ("critpt", "1/16"),
    ];
    let comps = v["components"].as_array().unwrap();
    assert_eq!(comps.len(), expected.len());
    for (c, (column, fraction)) in comps.iter().zip(expected) {
        assert_eq!(c["column"], column);
        let (p, q) = fraction.split_once('/').unwrap();
        let exact = p.parse::<f64>().unwrap() / q.parse::<f64>().unwrap();
        let got = c["weight"].as_f64().unwrap();
        assert!((got - exact).abs() < 1e-4, "{column}: {got} vs {fraction}");
        assert_eq!(c["fraction"], fraction, "{column}");
    }
    assert_eq!(v["fit"]["rows_used"], 384);
    assert!(v["fit"]["max_abs_residual"].as_f64().unwrap() < 1e-4);
    // v4.1 with the live GDPval v2 (the frozen one is not published): the ten shares to 0.01, and
    // GDPval is where the residual lives.
    let run = reweigh(&[
        "infer",
        &dataset("aa-v4.1-2026-07-06.csv"),
        "--format",
        "json",
        "--bootstrap",
        "20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    let shares = [0.20, 0.14, 0.16, 0.08, 0.06, 0.08, 0.04, 0.12, 0.06, 0.06];
    let comps = v["components"].as_array().unwrap();
    for (c, want) in comps.iter().zip(shares) {
        let got = c["weight"].as_f64().unwrap();
        assert!(
            (got - want).abs() < 0.01,
            "{}: {got} vs {want}",
            c["column"]
        );
    }
    let carriers: Vec<&Value> = comps
        .iter()
        .filter(|c| c["carries_residual"] == true)
        .map(|c| &c["column"])
        .collect();
    assert_eq!(carriers, ["gdpval_v2_elo"]);
    // Fitted on the rows where GDPval v2 scores 0 (frozen = live there), the weights are AA's
    // published ones exactly.
    assert_eq!(v["basis"]["kind"], "freeze-free-rows");
    assert_eq!(v["basis"]["component"], "gdpval_v2");
    let fractions: Vec<&str> = comps
        .iter()
        .map(|c| c["fraction"].as_str().unwrap())
        .collect();
    assert_eq!(
        fractions,
        [
            "1/5", "7/50", "4/25", "2/25", "3/50", "2/25", "1/25", "3/25", "3/50", "3/50"
        ]
    );
    assert_eq!(v["components"][0]["live_rows"], 100);
    // The methodology it writes verifies where the built-in one does.
    let dir = scratch("infer");
    let toml = dir.join("inferred.toml");
    let run = reweigh(&[
        "infer",
        &dataset("aa-v4.0-2026-06-15.csv"),
        "--bootstrap",
        "0",
        "--out-methodology",
        toml.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        text.contains("weight = 8.0") && text.contains("weight = 3.0"),
        "{text}"
    );
    for snapshot in ["aa-v4.0-2026-06-05.csv", "aa-v4.0-2026-06-15.csv"] {
        let run = reweigh(&[
            "verify",
            &dataset(snapshot),
            "--methodology",
            toml.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{snapshot}: {}", run.stdout);
    }
}

/// A methodology reading a column of its own gets intervals from the dataset's `items_<column>` and
/// `<column>_se` for it (both used to be rejected as unknown columns).
#[test]
fn ci_uses_item_counts_and_standard_errors_of_a_methodologys_own_column() {
    let dir = scratch("own-column-ci");
    // IFBench's real values under a new name, with 50 items per row, and a standard error of 0.02
    // for one row (which then wins over the item count).
    let csv = default_csv();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    // Counted from the end: display names may hold quoted commas, the columns after them do not.
    let columns: Vec<&str> = header.split(',').collect();
    let from_end = columns.len() - 1 - columns.iter().position(|h| *h == "ifbench").unwrap();
    let mut out = format!("{header},my_eval,items_my_eval,my_eval_se\n");
    for l in lines {
        let value = l.rsplit(',').nth(from_end).unwrap();
        let se = if l.starts_with("gpt-5-5,") {
            "0.02"
        } else {
            "NA"
        };
        out.push_str(&format!("{l},{value},50,{se}\n"));
    }
    let data = dir.join("own-column.csv");
    std::fs::write(&data, out).unwrap();
    let file = dir.join("own-column.toml");
    std::fs::write(
        &file,
        aa_v40_src().replacen("column = \"ifbench\"", "column = \"my_eval\"", 1),
    )
    .unwrap();
    let (d, m) = (data.to_str().unwrap(), file.to_str().unwrap());
    let ci = by_slug(&run_json(&[
        "score",
        d,
        "-m",
        m,
        "--ci",
        "--bootstrap",
        "200",
        "-f",
        "json",
    ]));
    let aa = by_slug(&run_json(&[
        "score",
        "--ci",
        "--bootstrap",
        "200",
        "-f",
        "json",
    ]));
    let scores = by_slug(&run_json(&["score", "-f", "json"]));
    // IFBench's items in datasets/item-counts.toml.
    let counts = std::fs::read_to_string(root().join("datasets/item-counts.toml")).unwrap();
    let at = counts.find("column = \"ifbench\"").unwrap();
    let n: f64 = counts[at..]
        .lines()
        .find_map(|l| l.strip_prefix("items = "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 50.0, "{n}");
    // IFBench's weight in index points under aa-v4.0: 100 · 1/4 · 1/4.
    let w = 6.25;
    assert_eq!(ci.len(), aa.len());
    assert!(ci.len() > 300);
    for (slug, c) in &ci {
        assert!(
            !c["excluded"].to_string().contains("my_eval"),
            "{slug}: {}",
            c["excluded"]
        );
        let s = f(&scores[slug]["scores"]["ifbench"]);
        // Only IFBench's term of Var(index) differs from AA's: its own items, or the given se.
        let own = if slug == "gpt-5-5" {
            0.02 * 0.02
        } else {
            s * (1.0 - s) / 50.0
        };
        let want = w * w * (own - s * (1.0 - s) / n);
        let got = f(&c["se"]).powi(2) - f(&aa[slug]["se"]).powi(2);
        assert!((got - want).abs() < 1e-9, "{slug}: {got} vs {want}");
    }
    // Without the methodology that reads my_eval, its item count is an unknown column.
    let run = reweigh(&["score", d]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("column 'my_eval'"), "{}", run.stderr);
}

#[test]
fn chart_weights_draws_each_methodologys_shares() {
    let dir = crate::common::scratch("chart-weights");
    let out = dir.join("w.svg");
    let run = crate::common::reweigh(&[
        "chart",
        "weights",
        "--methodology",
        "aa-v4.0",
        "--against-methodology",
        "aa-v4.3.2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(&out).unwrap();
    // v4.0: GDPval 1/6 and HLE 1/8; v4.3.2: AA-Briefcase 0.15; labels to 2 decimals.
    for label in [
        "16.67",
        "12.50",
        "15.00",
        "aa-v4.0 4.0",
        "aa-v4.3.2 4.3.2",
        "AA-Briefcase v1.1",
    ] {
        assert!(svg.contains(label), "{label} missing");
    }
    let run = crate::common::reweigh(&["chart", "weights", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--against-methodology"),
        "{}",
        run.stderr
    );
}
