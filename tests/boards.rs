//! End to end: ranking as reporters count it (`--as-of`, `--dedupe`, `--where`, `--group-file`) on
//! the Qwen3.7 Max launch coverage (datasets/press/qwen3-7-max-launch.csv), and `reweigh boards`
//! against LMArena's text board of 2026-07-04 (datasets/arena/).

use crate::common::*;
use serde_json::Value;

fn ok_json(args: &[&str]) -> Value {
    let run = reweigh(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run.stdout)
}

fn ranked(v: &Value) -> Vec<(String, f64, u64)> {
    v["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !m["rank"].is_null())
        .map(|m| {
            (
                m["slug"].as_str().unwrap().to_string(),
                m["index"].as_f64().unwrap(),
                m["rank"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A group file naming the models the press compared Qwen3.7 Max with as "other prominent Chinese
/// models" (frontiernews.ai, quoted in datasets/press/qwen3-7-max-launch.csv). It is the test's own
/// group, by slug, not a nationality table.
const PRESS_GROUP: &str = "[groups.press-named]\nslugs = [\"qwen3-7-max\", \"kimi-k2-6\", \"deepseek-v4-pro\", \"glm-5-1\"]\nsource = \"frontiernews.ai: 'outperforming other prominent Chinese models including Kimi-K2.6, DeepSeek-v4-Pro-Max, and GLM5.1'\"\n";

/// The launch coverage of 2026-05-20: "Qwen3.7 Max 56.6, fifth overall, behind GPT-5.5 (60.2),
/// Claude Opus 4.7 (57.3) and Gemini 3.1 Pro Preview (57.2), ahead of Gemini 3.5 Flash (55.3)".
/// Counting each model once among those released by 2026-05-20, the default dataset gives exactly
/// that, with GPT-5.4 (56.8) fourth, which the quoted sentence does not name (one page's table calls
/// the 56.8 entry "GLM-5.1"; GLM-5.1 has 51.4 in AA's data).
#[test]
fn the_launch_coverage_reproduces() {
    let v = ok_json(&[
        "score",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--format",
        "json",
    ]);
    let top: Vec<(String, f64, u64)> = ranked(&v).into_iter().take(6).collect();
    let expected = [
        ("gpt-5-5", 60.2),
        ("claude-opus-4-7", 57.3),
        ("gemini-3-1-pro-preview", 57.2),
        ("gpt-5-4", 56.8),
        ("qwen3-7-max", 56.6),
        ("gemini-3-5-flash", 55.3),
    ];
    for (i, ((slug, index, rank), (want_slug, quoted))) in top.iter().zip(expected).enumerate() {
        assert_eq!(slug, want_slug, "rank {}", i + 1);
        assert_eq!(*rank, i as u64 + 1);
        assert_eq!((index * 10.0).round() / 10.0, quoted, "{slug}: {index}");
    }
    let selection = &v["receipt"]["selection"];
    assert_eq!(selection["ranked"], 257);
    assert_eq!(selection["rows"], 384);
    assert_eq!(selection["rows_counted"], 371);
    assert_eq!(
        selection["counted"],
        "257 models released by 2026-05-20, one row per model (its best-scoring variant)"
    );
    // The 13 rows released later are listed, each with its date; none lacks a release date.
    let left: Vec<&Value> = selection["left_out"].as_array().unwrap().iter().collect();
    assert_eq!(left.len(), 13);
    assert!(left.iter().all(|l| l["rule"] == "released-after"));
    assert!(
        left.iter()
            .any(|l| l["slug"] == "claude-opus-4-8" && l["detail"] == "2026-05-28")
    );
    // GPT-5.5's four other variants were folded into it (its high variant, 58.87, would otherwise be
    // second).
    let gpt = selection["folded"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kept"] == "gpt-5-5")
        .unwrap();
    assert_eq!(gpt["model"], "GPT-5.5");
    assert_eq!(gpt["folded"].as_array().unwrap().len(), 4);
    assert_eq!(gpt["folded"][0]["slug"], "gpt-5-5-high");

    // Without --dedupe Qwen3.7 Max is seventh of the variants (GPT-5.5 high and medium count).
    let variants = ok_json(&["score", "--as-of", "2026-05-20", "--format", "json"]);
    let qwen = ranked(&variants)
        .into_iter()
        .find(|m| m.0 == "qwen3-7-max")
        .unwrap();
    assert_eq!(qwen.2, 7);

    // The table says what was counted.
    let table = reweigh(&["score", "--as-of", "2026-05-20", "--dedupe"]);
    assert_eq!(table.code, 0);
    assert!(table.stdout.contains(
        "counted: ranks are among 257 models released by 2026-05-20, one row per model (its best-scoring variant) (371 of 384 rows counted)"
    ));
    assert!(
        table
            .stdout
            .contains("dedupe: variants folded into each model")
    );
}

/// "n-th overall, first among <group>" with a user group file; `--where group=` ranks within it.
#[test]
fn standings_within_a_group() {
    let dir = scratch("standings");
    let groups = dir.join("groups.toml");
    std::fs::write(&groups, PRESS_GROUP).unwrap();
    let g = groups.display().to_string();
    let v = ok_json(&[
        "score",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--group-file",
        &g,
        "--format",
        "json",
    ]);
    let standings = v["receipt"]["selection"]["standings"].as_array().unwrap();
    assert_eq!(standings.len(), 4);
    assert_eq!(standings[0]["slug"], "qwen3-7-max");
    assert_eq!(standings[0]["rank_overall"], 5);
    assert_eq!(standings[0]["rank_in_group"], 1);
    assert_eq!(
        standings[0]["sentence"],
        "fifth overall of 257 models released by 2026-05-20, one row per model (its best-scoring variant); first among press-named (of 4)"
    );
    assert_eq!(standings[1]["slug"], "kimi-k2-6");
    assert_eq!(standings[1]["rank_overall"], 7);
    let within = ok_json(&[
        "score",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--group-file",
        &g,
        "--where",
        "group=press-named",
        "--format",
        "json",
    ]);
    let r = ranked(&within);
    assert_eq!(r.len(), 4);
    assert_eq!(r[0].0, "qwen3-7-max");
    assert_eq!(r[3].0, "glm-5-1");
    // A group that the file does not define, or no file: exit 2 naming the fix.
    let run = reweigh(&["score", "--where", "group=press-named"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--group-file"), "{}", run.stderr);
    let run = reweigh(&["score", "--group-file", &g, "--where", "group=chinese"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("press-named"), "{}", run.stderr);
}

/// `--where` on AA's creator and licence (datasets/attributes/) and on the dataset's columns.
#[test]
fn where_filters_on_creator_licence_and_reasoning() {
    let base = [
        "score",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--format",
        "json",
    ];
    let alibaba = ok_json(&[&base[..], &["--where", "creator=Alibaba"]].concat());
    let r = ranked(&alibaba);
    assert_eq!(r[0].0, "qwen3-7-max");
    assert!(
        r.iter()
            .all(|m| m.0.starts_with("qwen") || m.0.starts_with("qwq")),
        "{r:?}"
    );
    // The leading open-weights model on launch day: Kimi K2.6 (53.90), ahead of MiMo-V2.5-Pro.
    let open = ok_json(&[&base[..], &["--where", "open-weights=true"]].concat());
    let r = ranked(&open);
    assert_eq!(
        (r[0].0.as_str(), r[1].0.as_str()),
        ("kimi-k2-6", "mimo-v2-5-pro")
    );
    assert_eq!(
        open["receipt"]["selection"]["counted"],
        format!(
            "{} models released by 2026-05-20 with open_weights = true, one row per model (its best-scoring variant)",
            r.len()
        )
    );
    let non = ok_json(&["score", "--where", "reasoning=false", "--format", "json"]);
    assert!(ranked(&non).iter().all(|m| !m.0.is_empty()));
    assert_eq!(ranked(&non)[0].0, "claude-opus-4-7-non-reasoning");
}

/// A row without a release date is listed as excluded under --as-of, not kept or silently dropped.
#[test]
fn rows_without_a_release_date_are_excluded_and_listed() {
    let dir = scratch("undated");
    let path = dir.join("undated.csv");
    std::fs::write(
        &path,
        set_cell(&default_csv(), "qwen3-7-max", "release_date", ""),
    )
    .unwrap();
    let p = path.display().to_string();
    let v = ok_json(&[
        "score",
        &p,
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--format",
        "json",
    ]);
    let r = ranked(&v);
    assert!(r.iter().all(|m| m.0 != "qwen3-7-max"));
    assert_eq!(r[4].0, "gemini-3-5-flash");
    let left = v["receipt"]["selection"]["left_out"].as_array().unwrap();
    let q = left.iter().find(|l| l["slug"] == "qwen3-7-max").unwrap();
    assert_eq!(q["rule"], "no-release-date");
    let table = reweigh(&["score", &p, "--as-of", "2026-05-20"]);
    assert!(
        table.stdout.contains(
            "not counted, excluded, no release date: 1 (qwen3-7-max [release_date empty])"
        )
    );
    // A receipt of a selection is refused by verify --receipt, not passed unchecked.
    let out = dir.join("sel.json");
    let run = reweigh(&[
        "score",
        "--as-of",
        "2026-05-20",
        "--format",
        "json",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0);
    let run = reweigh(&["verify", "--receipt", &out.display().to_string()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("as-of 2026-05-20"), "{}", run.stderr);
}

/// compare and robustness take the same flags and say what they counted.
#[test]
fn compare_and_robustness_rank_the_selection() {
    let c = ok_json(&[
        "compare",
        "--abstention",
        "aa",
        "--abstention",
        "accuracy",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--format",
        "json",
    ]);
    let text = c.to_string();
    assert!(
        text.contains("257 models released by 2026-05-20"),
        "{text:.300}"
    );
    let run = reweigh(&[
        "robustness",
        "--as-of",
        "2026-05-20",
        "--dedupe",
        "--draws",
        "200",
        "--where",
        "creator=Alibaba",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("released by 2026-05-20 with creator = Alibaba")
    );
}

fn board(args: &[&str]) -> Value {
    let mut all = vec!["boards"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    ok_json(&all)
}

/// AA's capture of 2026-07-06 against Arena's text board of 2026-07-04: 18 of Arena's 30 models
/// matched through the alias table, every unmatched name with its reason, and τ-b on the 18.
#[test]
fn boards_against_the_arena_text_board() {
    let v = board(&[
        &dataset("aa-v4.1-capture-2026-07-06.csv"),
        &dataset("arena/arena_text_2026-07-04.json"),
    ]);
    let c = &v["comparisons"][0];
    assert_eq!(c["board"], "arena text");
    assert_eq!(c["board_entries"], 30);
    let shared = c["shared"].as_array().unwrap();
    assert_eq!(shared.len(), 18);
    let unmatched = c["unmatched_names"].as_array().unwrap();
    assert_eq!(unmatched.len(), 12);
    assert!(
        unmatched
            .iter()
            .all(|u| u["reason"].as_str().unwrap().len() > 20)
    );
    // τ-b and ρ on the 18 shared models' scores (ties on Arena's integer ratings are τ-b's).
    let tau = c["kendall_tau_b"].as_f64().unwrap();
    let rho = c["spearman_rho"].as_f64().unwrap();
    assert!((tau - 0.33778).abs() < 5e-5, "{tau}");
    assert!((rho - 0.44364).abs() < 5e-5, "{rho}");
    // Qwen3.7 Max: fifth on AA among the shared models... 8th here, 13th on Arena among them
    // (Arena's own rank 15).
    let qwen = shared.iter().find(|s| s["slug"] == "qwen3-7-max").unwrap();
    assert_eq!(qwen["name"], "qwen3.7-max-preview");
    assert_eq!(
        (qwen["aa_rank"].as_u64(), qwen["board_rank"].as_u64()),
        (Some(8), Some(13))
    );
    assert_eq!(qwen["board_rank_published"], 15);
    assert_eq!(c["largest_divergences"][0], "glm-5-2");
    // The snapshot of the same day with every v4.1 component has 100 rows: 9 matched.
    let small = board(&[
        &dataset("aa-v4.1-2026-07-06.csv"),
        &dataset("arena/arena_text_2026-07-04.json"),
    ]);
    assert_eq!(
        small["comparisons"][0]["shared"].as_array().unwrap().len(),
        9
    );
    let reason = small["comparisons"][0]["unmatched_names"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "gemini-3-pro")
        .unwrap()["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.contains("does not have"), "{reason}");
}

/// With --ci, AA's interval (recomputed index) sits next to Arena's ci; a plain CSV board works.
#[test]
fn boards_with_intervals_and_a_csv_board() {
    let v = board(&[
        &dataset("aa-v4.1-2026-07-06.csv"),
        &dataset("arena/arena_text_2026-07-04.json"),
        "--aa-score",
        "recomputed",
        "--ci",
    ]);
    let fable = &v["comparisons"][0]["shared"][0];
    assert_eq!(fable["slug"], "claude-fable-5");
    assert_eq!(fable["board_ci"], 9.0);
    let (lo, hi, index) = (
        fable["aa_interval"]["lower"].as_f64().unwrap(),
        fable["aa_interval"]["upper"].as_f64().unwrap(),
        fable["aa_index"].as_f64().unwrap(),
    );
    assert!(
        lo < index && index < hi && hi - lo > 1.0 && hi - lo < 10.0,
        "{lo} {index} {hi}"
    );
    let dir = scratch("csvboard");
    let csv = dir.join("mine.csv");
    std::fs::write(
        &csv,
        "model,score,ci\nclaude-fable-5,10,1\nqwen3.7-max-preview,20,NA\nnot-a-model,5,\n",
    )
    .unwrap();
    let v = board(&[
        &dataset("aa-v4.1-2026-07-06.csv"),
        &csv.display().to_string(),
    ]);
    let c = &v["comparisons"][0];
    assert_eq!(c["shared"].as_array().unwrap().len(), 2);
    assert_eq!(c["kendall_tau_b"], -1.0);
    assert!(
        c["unmatched_names"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not in the alias table")
    );
    std::fs::write(&csv, "model,score\nx,1\ny,lots\n").unwrap();
    let run = reweigh(&[
        "boards",
        &dataset("aa-v4.1-2026-07-06.csv"),
        &csv.display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("row 3, column score: 'lots'"),
        "{}",
        run.stderr
    );
}

/// `chart boards` draws the slope chart as a PNG.
#[test]
fn chart_boards_draws_a_png() {
    let dir = scratch("chartboards");
    let out = dir.join("boards.png");
    let run = reweigh(&[
        "chart",
        "boards",
        &dataset("aa-v4.1-capture-2026-07-06.csv"),
        "--board",
        &dataset("arena/arena_text_2026-07-04.json"),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    assert!(bytes.len() > 20_000);
    let run = reweigh(&[
        "chart",
        "ranking",
        "--as-of",
        "2026-05-20",
        "--out",
        "x.png",
    ]);
    assert_eq!(run.code, 2);
}

#[test]
fn bad_selection_flags_exit_2() {
    for args in [
        &["score", "--as-of", "2026-13-01"][..],
        &["score", "--where", "country=China"][..],
        &["score", "--where", "creator="][..],
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(!run.stderr.contains("panicked"));
    }
}
