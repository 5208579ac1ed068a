//! `reweigh diff A B`: the classification of a pair of snapshots, and each model's change split into
//! data, methodology and rest that add up to it.

use crate::common::{dataset, default_csv, json, reweigh, scratch, set_cell};

fn diff_json(a: &str, b: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["diff", a, b, "--format", "json"];
    args.extend_from_slice(extra);
    let run = reweigh(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run.stdout)
}

fn num(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

/// Every model's parts add up to its change (to rounding of the subtraction).
fn assert_parts_sum(d: &serde_json::Value) -> usize {
    let mut checked = 0;
    for m in d["models"].as_array().unwrap() {
        if let (Some(c), Some(x), Some(y), Some(z)) = (
            num(&m["change"]),
            num(&m["data"]),
            num(&m["methodology"]),
            num(&m["rest"]),
        ) {
            assert!(
                (c - (x + y + z)).abs() < 1e-12,
                "{}: {c} != {x} + {y} + {z}",
                m["slug"]
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn two_v4_0_snapshots_changed_only_frozen_values_and_models() {
    let d = diff_json(
        &dataset("aa-v4.0-2026-06-05.csv"),
        &dataset("aa-v4.0-2026-06-15.csv"),
        &[],
    );
    // Only GDPval's live Elo moved (the index reads the frozen one) and 7 models came in: for the
    // 377 models in both, neither the index's data nor its methodology changed.
    assert_eq!(d["classification"], "none");
    assert_eq!(d["evidence"]["unfrozen_changes"], 0);
    assert!(d["evidence"]["components_changed"].as_u64().unwrap() > 300);
    assert_eq!(d["a"]["methodology_basis"], "stated");
    assert_eq!(d["evidence"]["common"], 377);
    assert_eq!(d["evidence"]["added"], 7);
    assert_eq!(d["evidence"]["stable_moved"], 0);
    assert!(
        d["added"]
            .as_array()
            .unwrap()
            .contains(&"claude-fable-5".into())
    );
    assert_eq!(assert_parts_sum(&d), 377);
    // Under one methodology the methodology part is exactly zero.
    assert!(
        d["models"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["methodology"] == 0.0)
    );
}

#[test]
fn a_snapshot_against_itself_changed_nothing() {
    let a = dataset("aa-v4.0-2026-06-15.csv");
    let d = diff_json(&a, &a, &[]);
    assert_eq!(d["classification"], "none");
    for m in d["models"].as_array().unwrap() {
        assert!(m["changed_columns"].as_array().unwrap().is_empty());
        if m["change"].is_number() {
            assert_eq!(m["change"], 0.0);
        }
    }
}

#[test]
fn a_published_index_that_moves_on_unchanged_components_is_a_methodology_change() {
    // Every published index raised by 1 point, components untouched: the data did not change, the
    // way the index is computed did.
    let csv = default_csv();
    let dir = scratch("diff-methodology");
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let col = lines[0]
        .split(',')
        .position(|h| h == "published_index")
        .unwrap();
    // Rows with a quoted display name (a comma inside) are left as they are.
    for line in lines.iter_mut().skip(1).filter(|l| !l.contains('"')) {
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if let Ok(v) = f[col].parse::<f64>() {
            f[col] = (v + 1.0).to_string();
        }
        *line = f.join(",");
    }
    let b = dir.join("moved.csv");
    std::fs::write(&b, lines.join("\n") + "\n").unwrap();
    let a = dataset("aa-v4.0-2026-06-15.csv");
    let d = diff_json(&a, b.to_str().unwrap(), &[]);
    assert_eq!(d["classification"], "methodology", "{}", d["evidence"]);
    // B states 4.0 as A does, so the index moved without a new version: the methodology part is
    // 0 under the one methodology and the rest carries the point.
    assert_eq!(d["b"]["methodology_basis"], "stated");
    let qwen = d["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "qwen3-7-max")
        .unwrap();
    assert!((qwen["change"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert!((qwen["rest"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert!(d["evidence"]["moved_share"].as_f64().unwrap() > 0.9);
    assert!(assert_parts_sum(&d) > 300);

    // One model's index moving alone is not a new methodology; one model's component changing is data.
    let one = set_cell(&csv, "qwen3-7-max", "published_index", "60");
    let one = set_cell(&one, "gpt-5-5", "hle", "0.5");
    let b = dir.join("one.csv");
    std::fs::write(&b, one).unwrap();
    let d = diff_json(&a, b.to_str().unwrap(), &[]);
    assert_eq!(d["classification"], "data", "{}", d["evidence"]);
    assert_eq!(d["evidence"]["stable_moved"], 1);
    let gpt = d["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "gpt-5-5")
        .unwrap();
    assert_eq!(gpt["changed_columns"], serde_json::json!(["hle"]));
    // HLE is 1/8 of the index: the data part is 100/8 times the change of the fraction.
    let before: f64 = csv
        .lines()
        .find(|l| l.starts_with("gpt-5-5,"))
        .map(|l| {
            let col = csv
                .lines()
                .next()
                .unwrap()
                .split(',')
                .position(|h| h == "hle")
                .unwrap();
            l.split(',').nth(col).unwrap().parse().unwrap()
        })
        .unwrap();
    let data = gpt["data"].as_f64().unwrap();
    assert!((data - 12.5 * (0.5 - before)).abs() < 1e-9, "{data}");
}

#[test]
fn a_switch_of_index_version_is_a_methodology_change() {
    let d = diff_json(
        &dataset("aa-v4.0-2026-06-15.csv"),
        &dataset("aa-v4.1-2026-06-19.csv"),
        &[],
    );
    assert_eq!(d["b"]["methodology"]["name"], "aa-v4.1");
    assert!(
        matches!(d["classification"].as_str(), Some("methodology" | "both")),
        "{}",
        d["classification"]
    );
}

#[test]
fn snapshots_with_no_model_in_common_are_not_called_unchanged() {
    let dir = scratch("diff-disjoint");
    let csv = default_csv();
    let renamed: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("other-{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let b = dir.join("renamed.csv");
    std::fs::write(&b, renamed).unwrap();
    let run = reweigh(&[
        "diff",
        &dataset("aa-v4.0-2026-06-15.csv"),
        b.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("share no model"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn a_missing_snapshot_is_a_usage_error() {
    let run = reweigh(&["diff", "no-such.csv", &dataset("aa-v4.0-2026-06-15.csv")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such.csv"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

fn capture(name: &str) -> String {
    crate::common::root()
        .join("datasets/history/captures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn the_v4_1_switch_between_two_captures_is_a_methodology_change() {
    // AA's evaluations page on 2026-06-15 (v4.0) and 2026-06-17 (v4.1 indices, still the v4.0
    // columns): no component the index reads changed, every published index moved.
    let d = diff_json(
        &capture("aa_wide_2026-06-15T0612_b8bcb2a.csv"),
        &capture("aa_wide_2026-06-17T1419_c05fdfd.csv"),
        &["--methodology", "aa-v4.0"],
    );
    assert_eq!(d["classification"], "methodology", "{}", d["evidence"]);
    assert_eq!(d["evidence"]["unfrozen_changes"], 0);
    assert_eq!(d["evidence"]["stable_moved"], d["evidence"]["stable"]);
    assert_eq!(d["b"]["methodology_basis"], "inferred");
    assert!(assert_parts_sum(&d) > 300);
}

#[test]
fn two_consecutive_july_captures_differ_in_data_only() {
    let d = diff_json(
        &capture("aa_wide_2026-07-21T0413_bbd698e.csv"),
        &capture("aa_wide_2026-07-22T0415_c69a055.csv"),
        &["--methodology", "aa-v4.1"],
    );
    assert_eq!(d["classification"], "data", "{}", d["evidence"]);
    assert_eq!(d["b"]["methodology_basis"], "same-as-a");
    assert_eq!(d["evidence"]["stable_moved"], 0);
    assert_eq!(
        d["added"],
        serde_json::json!(["gemini-3-5-flash-lite", "gemini-3-6-flash"])
    );
}
