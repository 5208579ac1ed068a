//! End to end: checks that cannot pass vacuously, solved values checked independently, CI-native
//! verify output, receipts that check everything and re-run from anywhere, outputs that keep their
//! types and go where asked, whole or not at all, and hostile names shown escaped.

use crate::common::*;
use serde_json::Value;

fn tampered_tau2(dir: &std::path::Path) -> std::path::PathBuf {
    let csv = default_csv();
    let path = dir.join("tampered.csv");
    std::fs::write(&path, set_cell(&csv, "gpt-5-5", "tau2_telecom", "0.5")).unwrap();
    path
}

#[test]
fn a_tampered_component_absorbed_by_the_solve_still_fails() {
    // gpt-5-5's τ² is 0.9386 in the snapshot. Its frozen GDPval is solved from the published Agentic
    // Index, so a changed τ² moves the solved GDPval and the index still reproduces; the solved Elo,
    // checked against the live Elo the dataset publishes, gives it away.
    assert!(default_csv().contains("0.938596") || default_csv().contains("0.9386"));
    let dir = scratch("tampered");
    let path = tampered_tau2(&dir);
    let run = reweigh(&["verify", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let v = json(&run.stdout);
    assert_eq!(v["status"], "fail");
    let failures = v["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let f = &failures[0];
    assert_eq!(f["slug"], "gpt-5-5");
    assert_eq!(f["quantity"], "gdpval-solved-vs-live");
    assert_eq!(f["kind"], "plausibility");
    // τ² down by 0.4386 moves the solved score up by 0.4386/2, i.e. 438.6 Elo beyond the honest solve.
    assert!(f["delta"].as_f64().unwrap() > 400.0, "{f}");
    assert_eq!(
        v["summary"]["index"]["failed"], 0,
        "the index alone cannot see it"
    );
    let table = reweigh(&["verify", path.to_str().unwrap()]);
    assert_eq!(table.code, 1);
    assert!(table.stdout.contains("gpt-5-5") && table.stdout.contains("solved-gdpval"));
}

#[test]
fn every_real_solved_value_is_plausible_and_counted_as_such() {
    for (name, rows) in [
        ("aa-v4.0-2026-06-05.csv", 377),
        ("aa-v4.0-2026-06-15.csv", 384),
    ] {
        let run = reweigh(&["verify", &dataset(name), "--format", "json"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
        let v = json(&run.stdout);
        let p = &v["summary"]["gdpval-solved-vs-live"];
        assert_eq!(p["independent"], rows, "{name}");
        assert_eq!(p["tolerance"], 160.0);
        // The band was chosen from these snapshots: the largest |solved − live| is 111.5 Elo.
        let max = p["max_abs_delta"].as_f64().unwrap();
        assert!(max > 100.0 && max < 112.0, "{name}: {max}");
        // index + coding + plausibility independently, agents by construction.
        assert_eq!(v["independent"], 3 * rows, "{name}");
        assert_eq!(v["by_construction"], rows, "{name}");
    }
    let table = reweigh(&["verify"]);
    assert!(
        table
            .stdout
            .contains("checked: 1152 quantities independently, 384 agree by construction"),
        "{}",
        table.stdout
    );
}

#[test]
fn solved_rows_are_marked_in_every_format() {
    for format in ["table", "csv", "markdown"] {
        let run = reweigh(&["score", "--format", format]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("solved-gdpval"), "{format}");
    }
    let v = json(&reweigh(&["score", "--format", "json"]).stdout);
    let flags = &v["models"][0]["flags"];
    assert!(
        flags
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "solved-gdpval"),
        "{flags}"
    );
}

#[test]
fn junit_and_github_name_the_row() {
    let dir = scratch("ci-formats");
    let path = tampered_tau2(&dir);
    let file = path.to_str().unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    let line = csv.lines().position(|l| l.starts_with("gpt-5-5,")).unwrap() + 1;
    let junit = reweigh(&["verify", file, "--format", "junit"]);
    assert_eq!(junit.code, 1);
    let x = &junit.stdout;
    assert!(x.starts_with("<?xml"));
    assert_eq!(
        x.matches("<testcase ").count(),
        4 * 384,
        "one per checked value"
    );
    assert_eq!(x.matches("<failure ").count(), 1);
    assert_eq!(
        x.matches("<skipped ").count(),
        384,
        "agents: by construction"
    );
    assert!(x.contains(
        "<testsuites name=\"reweigh verify\" tests=\"1536\" failures=\"1\" skipped=\"384\">"
    ));
    let case = x
        .lines()
        .find(|l| l.contains("reweigh.verify.gdpval-solved-vs-live") && l.contains("gpt-5-5 ("))
        .unwrap();
    assert!(case.contains(&format!("line=\"{line}\"")), "{case}");
    let gh = reweigh(&["verify", file, "--format", "github"]);
    assert_eq!(gh.code, 1);
    let error = gh.stdout.lines().next().unwrap();
    assert!(
        error.starts_with(&format!("::error file={file},line={line},title=reweigh verify%3A gpt-5-5 gdpval-solved-vs-live::gpt-5-5 (GPT-5.5")),
        "{error}"
    );
    assert!(
        gh.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("::error title=reweigh verify::reweigh verify: fail")
    );
    // Passing: no error annotation, a notice.
    let ok = reweigh(&["verify", "--format", "github"]);
    assert_eq!(ok.code, 0);
    assert!(
        ok.stdout
            .starts_with("::notice title=reweigh verify::reweigh verify: pass"),
        "{}",
        ok.stdout
    );
    // Nothing compared: one failing JUnit case, unless allowed.
    let articles = dataset("aa-v4.0-articles-2026-05-20.csv");
    let none = reweigh(&["verify", &articles, "--format", "junit"]);
    assert_eq!(none.code, 1);
    assert!(
        none.stdout
            .contains("name=\"nothing-compared\">\n      <failure ")
    );
    let allowed = reweigh(&[
        "verify",
        &articles,
        "--format",
        "junit",
        "--allow-nothing-compared",
    ]);
    assert_eq!(allowed.code, 0);
    assert!(
        allowed
            .stdout
            .contains("name=\"nothing-compared\">\n      <skipped ")
    );
}

#[test]
fn csv_rank_changes_are_numbers() {
    let run = reweigh(&[
        "compare",
        "--abstention",
        "aa",
        "--abstention",
        "penalty:1",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "rank change").unwrap();
    let changes: Vec<i64> = lines
        .take_while(|l| !l.is_empty())
        .map(|l| l.split(',').nth(col).unwrap().parse().expect("an integer"))
        .collect();
    assert!(changes.iter().any(|c| *c < 0) && changes.iter().any(|c| *c > 0));
    let table = reweigh(&["compare", "--abstention", "aa", "--abstention", "penalty:1"]);
    assert!(table.stdout.contains(" +"), "people still see the sign");
}

#[test]
fn methodology_diff_json_keeps_both_columns() {
    let run = reweigh(&[
        "methodology",
        "diff",
        "aa-v4.0",
        "aa-v4.0",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    let row = &v["rows"][0];
    assert_eq!(row.as_object().unwrap().len(), 5, "{row}");
    assert_eq!(row["aa-v4.0 (A)"], row["aa-v4.0 (B)"]);
}

#[test]
fn an_unknown_index_version_is_an_error() {
    let dir = scratch("version");
    let csv = default_csv().replace(",4.0,", ",4.2,");
    let path = dir.join("v42.csv");
    std::fs::write(&path, csv).unwrap();
    let run = reweigh(&["score", path.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(
            "index_version '4.2' has no built-in methodology (known: 4.0, 4.1, 4.1.1, 4.3.2)"
        ) && run.stderr.contains("--methodology"),
        "{}",
        run.stderr
    );
    // With a methodology named, it scores.
    let named = reweigh(&["score", path.to_str().unwrap(), "--methodology", "aa-v4.0"]);
    assert_eq!(named.code, 0, "{}", named.stderr);
}

#[test]
fn a_normaliser_that_does_not_fit_the_column_is_refused() {
    let dir = scratch("unit");
    let src = reweigh(&["methodology", "show", "aa-v4.0", "--source"]).stdout;
    let bad = src.replacen(
        "column = \"hle\"\nnormaliser = { kind = \"fraction\" }",
        "column = \"hle\"\nnormaliser = { kind = \"percent\" }",
        1,
    );
    assert_ne!(bad, src);
    let path = dir.join("pct.toml");
    std::fs::write(&path, bad).unwrap();
    let run = reweigh(&["score", "--methodology", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "reads column 'hle', which holds a fraction in [0, 1], with the percent normaliser"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn receipts_check_every_field_and_rerun_from_anywhere() {
    let dir = scratch("receipt-anywhere");
    let out = dir.join("out").join("scores.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    // Written from the repository root with a relative dataset path.
    let run = reweigh(&[
        "score",
        "datasets/aa-v4.0-2026-06-05.csv",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    // Re-run from another working directory.
    let elsewhere = std::process::Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(["verify", "--receipt", out.to_str().unwrap()])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(elsewhere.stdout).unwrap();
    assert_eq!(
        elsewhere.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&elsewhere.stderr)
    );
    assert!(stdout.contains("result: every hash, name and number is the same"));
    assert!(stdout.contains("except dataset, receipt.datasets[0].origin"));
    // Each kind of field, edited, is caught and named.
    let v: Value = json(&text);
    let top = v["models"][0]["slug"].as_str().unwrap().to_string();
    type Edit = Box<dyn Fn(&mut Value)>;
    let edits: Vec<(&str, Edit, String)> = vec![
        (
            "category",
            Box::new(|d: &mut Value| d["models"][0]["categories"]["coding"] = 1.0.into()),
            format!("models[{top}].categories.coding: was 1.0"),
        ),
        (
            "contribution",
            Box::new(|d: &mut Value| d["models"][0]["contributions"]["hle"] = 9.0.into()),
            format!("models[{top}].contributions.hle: was 9.0"),
        ),
        (
            "published",
            Box::new(|d: &mut Value| d["models"][0]["published_index"] = 1.5.into()),
            format!("models[{top}].published_index: was 1.5"),
        ),
        (
            "methodology name",
            Box::new(|d: &mut Value| d["methodology"]["name"] = "aa-v9".into()),
            "methodology.name: was \"aa-v9\"".to_string(),
        ),
        (
            "receipt name",
            Box::new(|d: &mut Value| d["receipt"]["methodology"]["name"] = "aa-v9".into()),
            "receipt.methodology.name: was \"aa-v9\"".to_string(),
        ),
        (
            "flags",
            Box::new(|d: &mut Value| d["models"][1]["flags"] = Value::Array(vec![])),
            "].flags: 0 entries in the receipt's output, 1 in the re-run".to_string(),
        ),
        (
            "effective weight",
            Box::new(|d: &mut Value| d["effective_weights"]["hle"] = 0.5.into()),
            "effective_weights.hle: was 0.5".to_string(),
        ),
    ];
    for (what, edit, needle) in edits {
        let mut doc = v.clone();
        edit(&mut doc);
        let edited = out.parent().unwrap().join("edited.json");
        std::fs::write(&edited, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        let run = reweigh(&["verify", "--receipt", edited.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{what}: {}", run.stdout);
        assert!(run.stdout.contains(&needle), "{what}: {}", run.stdout);
    }
    // A receipt moved together with its dataset still re-runs.
    let moved = scratch("receipt-moved");
    std::fs::copy(
        dataset("aa-v4.0-2026-06-05.csv"),
        moved.join("aa-v4.0-2026-06-05.csv"),
    )
    .unwrap();
    std::fs::write(moved.join("scores.json"), &text).unwrap();
    let run = reweigh(&[
        "verify",
        "--receipt",
        moved.join("scores.json").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn out_dash_is_stdout_and_special_files_are_refused() {
    let dir = scratch("out-targets");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(["score", "--format", "csv", "--out", "-"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(
        String::from_utf8(run.stdout)
            .unwrap()
            .starts_with("rank,slug,model,index")
    );
    assert!(!dir.join("-").exists(), "no file named '-'");
    // A symlink is refused and left as it was.
    let target = dir.join("target.txt");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = reweigh(&["score", "--format", "csv", "--out", link.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    // A FIFO is refused (and not opened, which would block).
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let run = reweigh(&["score", "--out", fifo.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    // A device.
    let run = reweigh(&["score", "--out", "/dev/null"]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_report_is_published_whole_or_not_at_all() {
    let dir = scratch("report-whole");
    let out = dir.join("report");
    std::fs::create_dir_all(out.join("scores.md")).unwrap();
    let run = reweigh(&["report", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("scores.md: --out is a directory"),
        "{}",
        run.stderr
    );
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing but what was there: {left:?}");
    let siblings: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(siblings.len(), 1, "no staging directory left: {siblings:?}");
    // A new directory appears at once, with every file.
    let fresh = dir.join("fresh");
    let run = reweigh(&["report", "--out", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Seven charts as SVG and PNG, three tables, the static page and the explorer.
    assert_eq!(std::fs::read_dir(&fresh).unwrap().count(), 19);
}

#[test]
fn hostile_names_are_shown_escaped() {
    let dir = scratch("hostile");
    let csv = default_csv();
    let name = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202E}gnp.exe";
    let line = csv.lines().find(|l| l.starts_with("gpt-5-5,")).unwrap();
    let fields: Vec<&str> = line.split(',').collect();
    let edited = csv.replacen(
        line,
        &line.replacen(&format!(",{},", fields[1]), &format!(",{name},"), 1),
        1,
    );
    assert_ne!(edited, csv);
    let path = dir.join("hostile.csv");
    std::fs::write(&path, edited).unwrap();
    let file = path.to_str().unwrap();
    for format in ["table", "csv", "markdown"] {
        let run = reweigh(&["score", file, "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stdout.contains('\u{1b}'), "{format}: raw ESC");
        assert!(!run.stdout.contains('\u{202E}'), "{format}: raw RLO");
        assert!(run.stdout.contains("u{1B}"), "{format}: shown, not dropped");
    }
    let report = dir.join("report");
    let run = reweigh(&["report", file, "--out", report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in [
        "index.html",
        "static.html",
        "ranking.svg",
        "scores.md",
        "scores.csv",
    ] {
        let text = std::fs::read_to_string(report.join(f)).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{f}"
        );
    }
    // An error message quoting a hostile value escapes it too.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "slug,hle\na,\u{1b}[31m0.5\n").unwrap();
    let run = reweigh(&["score", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        !run.stderr.contains('\u{1b}') && run.stderr.contains("\\u{1B}[31m"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_red_team_cases_exit_as_documented() {
    let dir = scratch("red-team");
    // A slug with terminal escapes: shown escaped, no crash in the table's padding.
    let slug = "\u{1b}[31mRED\u{1b}[0m";
    let csv = default_csv().replacen("gpt-5-5,", &format!("{slug},"), 1);
    let path = dir.join("escapes.csv");
    std::fs::write(&path, &csv).unwrap();
    let run = reweigh(&["explain", slug, path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && run.stdout.contains("\\u{1B}[31mRED"));
    // A line break in a value quoted by an error cannot forge a line of stderr.
    let run = reweigh(&["explain", "x\nreweigh: ok: all checks passed"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // An unwritable stderr is not a crash.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(["score", "/no/such.csv"])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    // Special files are refused, never read without end.
    for args in [
        &["score", "/dev/zero"][..],
        &["methodology", "validate", "/dev/zero"],
        &["score", "--methodology", "/dev/zero"],
        &["verify", "--receipt", "/dev/zero"],
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("not a regular file"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A methodology too large to be an index is refused before scoring.
    let mut toml = String::from("name = \"big\"\nversion = \"1\"\nscale = 100.0\n");
    for i in 0..300 {
        toml.push_str(&format!(
            "[[categories]]\nid = \"c{i}\"\nname = \"C\"\nweight = 1\n"
        ));
    }
    for i in 0..300 {
        toml.push_str(&format!(
            "[[components]]\nid = \"k{i}\"\nname = \"K\"\ncategory = \"c{i}\"\nweight = 1\ncolumn = \"hle\"\nnormaliser = {{ kind = \"fraction\" }}\nmissing = \"require\"\n"
        ));
    }
    let big = dir.join("big.toml");
    std::fs::write(&big, toml).unwrap();
    let run = reweigh(&["score", "--methodology", big.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("at most 256 categories"),
        "{}",
        run.stderr
    );
    // A 250-byte file name is a valid output name (its temporary name stays short).
    let long = dir.join(format!("{}.csv", "n".repeat(246)));
    let run = reweigh(&["score", "--format", "csv", "--out", long.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(long.exists());
}

#[test]
fn a_receipt_rerun_speaks_every_format() {
    let dir = scratch("receipt-formats");
    let out = dir.join("scores.json");
    let run = reweigh(&["score", "--format", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    let receipt = out.to_str().unwrap();
    let v = json(&reweigh(&["verify", "--receipt", receipt, "--format", "json"]).stdout);
    assert_eq!(v["differences"].as_array().unwrap().len(), 0);
    assert_eq!(v["models"], 384);
    let x = reweigh(&["verify", "--receipt", receipt, "--format", "junit"]).stdout;
    assert!(
        x.starts_with("<?xml") && x.contains("failures=\"0\""),
        "{x}"
    );
    let mut doc = json(&std::fs::read_to_string(&out).unwrap());
    doc["models"][0]["index"] = 1.0.into();
    std::fs::write(&out, doc.to_string()).unwrap();
    let gh = reweigh(&["verify", "--receipt", receipt, "--format", "github"]);
    assert_eq!(gh.code, 1);
    assert!(gh.stdout.starts_with("::error file="), "{}", gh.stdout);
    assert!(
        gh.stdout.contains("models[claude-fable-5].index: was 1.0"),
        "{}",
        gh.stdout
    );
}
