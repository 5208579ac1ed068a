//! reweigh and the numpy baseline (benches/numpy/kernels.py) compute the same things: on the same
//! input (`reweigh score --format json` of the default dataset) the results agree — exactly where
//! no random numbers are involved (the rows, the ranks under the methodology's weights, the
//! analytic standard errors and ties), within Monte-Carlo error where they are (the two programs
//! draw from different generators).
//!
//! Needs numpy, so it is ignored by a plain `cargo test`. Run it with
//!
//!     bash benches/numpy/bench.sh --runs 1      # once: installs numpy into target/numpy-venv
//!     cargo test --test e2e numpy_agreement -- --ignored
//!
//! (or point REWEIGH_NUMPY_PYTHON at a Python with numpy). Without numpy it fails and says so.

use std::path::PathBuf;
use std::process::Command;

use crate::common::*;
use serde_json::Value;

fn python() -> PathBuf {
    let candidates: Vec<PathBuf> = std::env::var_os("REWEIGH_NUMPY_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            std::env::var_os("CARGO_TARGET_DIR")
                .map(|t| PathBuf::from(t).join("numpy-venv/bin/python")),
        )
        .chain(std::iter::once(root().join("target/numpy-venv/bin/python")))
        .collect();
    for p in &candidates {
        let ok = Command::new(p)
            .args(["-c", "import numpy"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return p.clone();
        }
    }
    panic!(
        "numpy is missing: none of {candidates:?} imports numpy. Run `bash benches/numpy/bench.sh --runs 1` \
         once (it installs numpy into target/numpy-venv) or set REWEIGH_NUMPY_PYTHON"
    );
}

fn numpy(py: &PathBuf, args: &[&str]) -> Value {
    let out = Command::new(py)
        .arg(root().join("benches/numpy/kernels.py"))
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "kernels.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&String::from_utf8(out.stdout).expect("UTF-8"))
}

fn ours(args: &[&str]) -> Value {
    let run = reweigh(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run.stdout)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn u(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("not a whole number: {v}"))
}

#[test]
#[ignore = "needs numpy: `bash benches/numpy/bench.sh --runs 1` once, then `cargo test --test e2e numpy_agreement -- --ignored`"]
fn reweigh_and_numpy_agree() {
    let py = python();
    let dir = std::env::temp_dir().join(format!("reweigh-numpy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scores = dir.join("scores.json");
    let scores_s = scores.display().to_string();
    let run = reweigh(&["score", "--format", "json", "--out", &scores_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Robustness, 40,000 weightings at K = 100.
    let draws = 40_000.0;
    let a = ours(&[
        "robustness",
        "--draws",
        "40000",
        "--concentration",
        "100",
        "--format",
        "json",
    ]);
    let b = numpy(
        &py,
        &[
            "robustness",
            &scores_s,
            "--draws",
            "40000",
            "--concentration",
            "100",
        ],
    );
    let (a, b) = (
        a["models"].as_array().unwrap(),
        b["models"].as_array().unwrap(),
    );
    assert_eq!(a.len(), 384);
    assert_eq!(a.len(), b.len());
    let mut spread = 0;
    for (x, y) in a.iter().zip(b) {
        assert_eq!((&x["slug"], &x["rank"]), (&y["slug"], &y["rank"]));
        for q in ["median", "p5", "p95"] {
            assert!(
                (u(&x[q]) - u(&y[q])).abs() <= 1,
                "{}: {q} {} vs {}",
                x["slug"],
                x[q],
                y[q]
            );
        }
        let p = f(&x["p_first"]);
        let se = (p * (1.0 - p) / draws).sqrt().max(1.0 / draws);
        assert!(
            (p - f(&y["p_first"])).abs() <= 5.0 * se,
            "{}: P(first)",
            x["slug"]
        );
        spread += usize::from(u(&x["p95"]) - u(&x["p5"]) >= 5);
    }
    assert!(
        spread > 100,
        "the ranks move: {spread} models over 5 places"
    );

    // Bootstrap, B = 4,000.
    let a = ours(&["score", "--ci", "--bootstrap", "4000", "--format", "json"]);
    let items = root()
        .join("datasets/item-counts.toml")
        .display()
        .to_string();
    let b = numpy(
        &py,
        &[
            "bootstrap",
            &scores_s,
            "--items",
            &items,
            "--bootstrap",
            "4000",
        ],
    );
    let (am, bm) = (
        a["models"].as_array().unwrap(),
        b["models"].as_array().unwrap(),
    );
    assert_eq!(am.len(), bm.len());
    for (x, y) in am.iter().zip(bm) {
        let slug = &x["slug"];
        assert_eq!(slug, &y["slug"]);
        assert!((f(&x["se"]) - f(&y["se"])).abs() <= 1e-9, "{slug}: se");
        assert_eq!(x["tied_rank"], y["tied_rank"], "{slug}");
        let half = (f(&x["analytic"]["upper"]) - f(&x["analytic"]["lower"])) / 2.0;
        for bound in ["lower", "upper"] {
            let (p, q) = (f(&x["bootstrap"][bound]), f(&y["bootstrap"][bound]));
            assert!(
                (p - q).abs() <= 0.15 * half,
                "{slug}: bootstrap {bound} {p} vs {q}"
            );
        }
        for end in ["best", "worst"] {
            let (p, q) = (u(&x["rank_interval"][end]), u(&y["rank_interval"][end]));
            assert!((p - q).abs() <= 3, "{slug}: rank interval {p} vs {q}");
        }
        if let Some(p) = x["p_beats_next"]["bootstrap"].as_f64() {
            assert!(
                (p - f(&y["p_beats_next"])).abs() <= 0.05,
                "{slug}: P(beats next)"
            );
        }
    }
    for (x, y) in a["pairwise"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["pairwise"].as_array().unwrap())
    {
        assert_eq!((&x["a"], &x["b"]), (&y["a"], &y["b"]));
        assert!(
            (f(&x["bootstrap"]) - f(&y["bootstrap"])).abs() <= 0.05,
            "{x}"
        );
    }

    // which-weights, 100,000 samples per simplex.
    let a = ours(&["which-weights", "claude-fable-5", "--format", "json"]);
    let b = numpy(&py, &["which-weights", &scores_s, "claude-fable-5"]);
    for (x, y) in a["shares"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["shares"].as_array().unwrap())
    {
        assert_eq!(x["over"], y["over"]);
        let (p, q) = (f(&x["share"]), f(&y["share"]));
        let se = (f(&x["se"]).powi(2) + f(&y["se"]).powi(2)).sqrt().max(1e-5);
        assert!((p - q).abs() <= 5.0 * se, "{}: {p} vs {q}", y["over"]);
    }
    std::fs::remove_dir_all(&dir).ok();
}
