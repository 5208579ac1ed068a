//! End to end: the committed reports regenerate byte for byte; charts escape hostile names; a
//! failing run leaves no partial file.

use std::path::Path;

use crate::common::*;

const ARGS: [&str; 4] = [
    "--pair",
    "qwen3-7-max,qwen3-6-max",
    "--models",
    "qwen3-7-max,qwen3-6-max,gpt-5-5,claude-opus-4-8,deepseek-v4-pro",
];

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn committed_reports_regenerate_byte_for_byte() {
    let out = scratch("reports");
    for (name, policy) in [
        ("aa-v4.0", "aa"),
        ("aa-v4.0-penalty-1", "penalty:1"),
        ("aa-v4.0-accuracy", "accuracy"),
    ] {
        let dir = out.join(name);
        let mut args = vec![
            "report",
            "--out",
            dir.to_str().unwrap(),
            "--abstention",
            policy,
        ];
        args.extend(ARGS);
        let run = reweigh(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let committed = root().join("reports").join(name);
        assert_eq!(
            files(&dir),
            files(&committed),
            "{name}: the set of files differs"
        );
        for file in files(&committed) {
            let (a, b) = (
                std::fs::read(committed.join(&file)).unwrap(),
                std::fs::read(dir.join(&file)).unwrap(),
            );
            assert!(
                a == b,
                "reports/{name}/{file} differs from a fresh run (first differing byte at {}); run reports/regenerate.sh if the change is intended",
                a.iter()
                    .zip(&b)
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()))
            );
        }
    }
}

#[test]
fn every_chart_kind_renders_svg_and_png_deterministically() {
    let dir = scratch("charts");
    for kind in [
        "ranking",
        "waterfall",
        "abstention",
        "omniscience",
        "compare",
    ] {
        for ext in ["svg", "png"] {
            let path = dir.join(format!("{kind}.{ext}"));
            let args = [
                "chart",
                kind,
                "--out",
                path.to_str().unwrap(),
                "--model",
                "qwen3-7-max",
                "--vs",
                "qwen3-6-max",
                "--size",
                "900x600",
            ];
            let first = reweigh(&args);
            assert_eq!(first.code, 0, "{kind}: {}", first.stderr);
            let a = std::fs::read(&path).unwrap();
            assert_eq!(reweigh(&args).code, 0);
            assert_eq!(
                a,
                std::fs::read(&path).unwrap(),
                "{kind}.{ext} differs between runs"
            );
            if ext == "png" {
                assert_eq!(&a[1..4], b"PNG");
                assert_eq!(u32::from_be_bytes(a[16..20].try_into().unwrap()), 900);
                assert_eq!(u32::from_be_bytes(a[20..24].try_into().unwrap()), 600);
            } else {
                let svg = String::from_utf8(a).unwrap();
                // The footnote names the snapshot and the methodology's hash.
                assert!(
                    svg.contains("aa-v4.0-2026-06-15.csv") && svg.contains("methodology aa-v4.0"),
                    "{kind}"
                );
            }
        }
    }
    let svg = std::fs::read_to_string(dir.join("waterfall.svg")).unwrap();
    assert!(svg.contains("+4.77 index points") && svg.contains("+1.327") && svg.contains("-0.475"));
}

#[test]
fn hostile_model_names_are_escaped_and_neutralised() {
    let dir = scratch("hostile");
    let csv = default_csv()
        .replacen(
            ",Claude Fable 5 (with fallback),",
            ",<script>alert(1)</script>,",
            1,
        )
        .replacen(",Claude Opus 4.8 (max),", ",\"=HYPERLINK(\"\"x\"\")\",", 1);
    let data = dir.join("hostile.csv");
    std::fs::write(&data, csv).unwrap();
    let out = dir.join("report");
    let run = reweigh(&[
        "report",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "index.html",
        "static.html",
        "ranking.svg",
        "compare.svg",
        "waterfall.svg",
    ] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        // The explorer has its own script element; the name's must not reach the page raw.
        assert!(
            !text.contains("<script>alert"),
            "{file} carries the name's raw <script>"
        );
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{file}"
        );
    }
    let csv = std::fs::read_to_string(out.join("scores.csv")).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "CSV formula not neutralised"
    );
    assert!(!csv.contains(",=HYPERLINK"));
}

#[test]
fn a_failing_chart_or_report_leaves_no_file() {
    let dir = scratch("failing");
    let chart = dir.join("chart.png");
    let run = reweigh(&[
        "chart",
        "waterfall",
        "--out",
        chart.to_str().unwrap(),
        "--model",
        "qwen3-7-max",
        "--vs",
        "nobody",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no model with slug 'nobody'"),
        "{}",
        run.stderr
    );
    let report = dir.join("report");
    let run = reweigh(&[
        "report",
        "--out",
        report.to_str().unwrap(),
        "--pair",
        "qwen3-7-max,nobody",
    ]);
    assert_eq!(run.code, 2);
    assert!(!chart.exists() && !report.exists());
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "files left in {}",
        dir.display()
    );
    for (args, needle) in [
        (
            &["chart", "pie", "--out", "x.png"][..],
            "[possible values: ranking, waterfall, abstention, omniscience, compare, cost, tokens, boards, weights, history]",
        ),
        (
            &["chart", "ranking", "--out", "x.gif"],
            "expected a file ending in .svg or .png",
        ),
        (
            &["chart", "ranking", "--out", "x.png", "--size", "big"],
            "is not WIDTHxHEIGHT",
        ),
        (
            &["chart", "ranking", "--out", "x.png", "--size", "10x10"],
            "is not WIDTHxHEIGHT in pixels from 200x150 to 8000x8000",
        ),
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}

/// Every command's JSON is labelled objects: the document is an object, and no array anywhere holds
/// arrays (a positional tuple such as `[lower, upper]` or `["reason", 3]`).
#[test]
fn every_json_output_is_labelled_objects() {
    fn positional(v: &serde_json::Value, path: &str) -> Option<String> {
        match v {
            serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| {
                if x.is_array() {
                    Some(format!("{path}[{i}] is an array"))
                } else {
                    positional(x, &format!("{path}[{i}]"))
                }
            }),
            serde_json::Value::Object(map) => map
                .iter()
                .find_map(|(k, x)| positional(x, &format!("{path}.{k}"))),
            _ => None,
        }
    }
    let commands: &[&[&str]] = &[
        &["score"],
        &["score", "--ci", "--bootstrap", "200"],
        &["verify"],
        &["explain", "qwen3-7-max", "--vs", "qwen3-6-max"],
        &["compare", "--abstention", "aa", "--abstention", "accuracy"],
        &[
            "sweep",
            "--penalty",
            "0:2:1",
            "--models",
            "qwen3-7-max,gpt-5-5",
        ],
        &["robustness", "--draws", "200"],
        &["flip", "qwen3-7-max", "gpt-5-5"],
        &["which-weights", "claude-fable-5", "--samples", "200"],
        &["infer", "--bootstrap", "0"],
        &["methodology", "list"],
        &["methodology", "diff", "aa-v4.0", "aa-v4.0"],
    ];
    for args in commands {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--format", "json"]);
        let run = reweigh(&all);
        assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
        let v = json(&run.stdout);
        assert!(v.is_object(), "{all:?}: not an object");
        assert_eq!(positional(&v, "$"), None, "{all:?}");
    }
    // The check fails on a positional pair.
    let tuple = serde_json::json!({"excluded": [["renormalised", 3]]});
    assert_eq!(
        positional(&tuple, "$").as_deref(),
        Some("$.excluded[0] is an array")
    );
    // `methodology diff A A` keeps both columns.
    let run = reweigh(&[
        "methodology",
        "diff",
        "aa-v4.0",
        "aa-v4.0",
        "--format",
        "json",
    ]);
    let v = json(&run.stdout);
    let row = &v["rows"][0];
    assert!(
        row.get("aa-v4.0 (A)").is_some() && row.get("aa-v4.0 (B)").is_some(),
        "{row}"
    );
}

/// The committed reports carry the right numbers, not only the same bytes: every model's
/// contributions add up to its index, AA's published index reproduces, and the CSV and JSON of each
/// report agree with `score` under the report's policy.
#[test]
fn the_committed_reports_hold_the_published_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../reports");
    for (dir, policy) in [
        ("aa-v4.0", "aa"),
        ("aa-v4.0-penalty-1", "penalty:1"),
        ("aa-v4.0-accuracy", "accuracy"),
    ] {
        let text = std::fs::read_to_string(root.join(dir).join("scores.json")).unwrap();
        let v = json(&text);
        assert_eq!(v["abstention"], policy, "{dir}");
        let models = v["models"].as_array().unwrap();
        assert_eq!(models.len(), 384, "{dir}");
        for m in models.iter().filter(|m| !m["index"].is_null()) {
            let index = m["index"].as_f64().unwrap();
            let sum: f64 = m["contributions"]
                .as_object()
                .unwrap()
                .values()
                .map(|c| c.as_f64().unwrap())
                .sum();
            assert!(
                (sum - index).abs() < 1e-9,
                "{dir} {}: {sum} vs {index}",
                m["slug"]
            );
            if policy == "aa" {
                let published = m["published_index"].as_f64().unwrap();
                assert!((index - published).abs() < 1e-3, "{}", m["slug"]);
            }
        }
        let qwen = models.iter().find(|m| m["slug"] == "qwen3-7-max").unwrap();
        let run = reweigh(&["score", "--abstention", policy, "--format", "json"]);
        let now = json(&run.stdout);
        let fresh = now["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["slug"] == "qwen3-7-max")
            .unwrap();
        assert_eq!(qwen["index"], fresh["index"], "{dir}");
        assert_eq!(qwen["rank"], fresh["rank"], "{dir}");
        // The CSV's qwen3-7-max row holds the same index at full precision.
        let csv = std::fs::read_to_string(root.join(dir).join("scores.csv")).unwrap();
        let row = csv.lines().find(|l| l.contains(",qwen3-7-max,")).unwrap();
        let index: f64 = row.split(',').nth(3).unwrap().parse().unwrap();
        assert_eq!(Some(index), qwen["index"].as_f64(), "{dir}");
    }
    // AA's own scoring of Qwen3.7 Max, as published: 56.58.
    let text = std::fs::read_to_string(root.join("aa-v4.0/scores.json")).unwrap();
    let v = json(&text);
    let qwen = v["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "qwen3-7-max")
        .unwrap();
    assert!((qwen["index"].as_f64().unwrap() - 56.58).abs() < 0.005);
}
