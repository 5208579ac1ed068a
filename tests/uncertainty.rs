//! End to end: intervals, rank intervals, weight robustness and inverse queries on the real data.

use crate::common::*;
use serde_json::Value;

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn run_json(args: &[&str]) -> (String, Value) {
    let run = reweigh(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let v = json(&run.stdout);
    (run.stdout, v)
}

#[test]
fn ci_analytic_and_bootstrap_agree_and_seeds_behave() {
    let (text, v) = run_json(&["score", "--ci", "--format", "json"]);
    assert_eq!(v["bootstrap"], 10_000);
    assert_eq!(v["receipt"]["seed"], 1);
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), 384);
    for m in models {
        let slug = &m["slug"];
        let (lo, hi, index) = (
            f(&m["analytic"]["lower"]),
            f(&m["analytic"]["upper"]),
            f(&m["index"]),
        );
        assert!(lo < index && index < hi, "{slug}");
        let analytic = (f(&m["analytic"]["upper"]) - f(&m["analytic"]["lower"])) / 2.0;
        let bootstrap = (f(&m["bootstrap"]["upper"]) - f(&m["bootstrap"]["lower"])) / 2.0;
        assert!(
            (bootstrap / analytic - 1.0).abs() < 0.05,
            "{slug}: analytic {analytic}, bootstrap {bootstrap}"
        );
        let [r0, r1] = [
            m["rank_interval"]["best"].as_u64().unwrap(),
            m["rank_interval"]["worst"].as_u64().unwrap(),
        ];
        let rank = m["rank"].as_u64().unwrap();
        assert!(
            r0 <= rank && rank <= r1,
            "{slug}: rank {rank} outside [{r0}, {r1}]"
        );
        assert!(m["tied_rank"].as_u64().unwrap() <= rank);
    }
    // GDPval has no standard error in AA's payload: said, not silently zero.
    assert!(
        models[0]["excluded"][0]
            .as_str()
            .unwrap()
            .starts_with("gdpval: the dataset gives no standard error")
    );
    // Same seed, same bytes; another seed, the same intervals within Monte-Carlo error.
    let (again, _) = run_json(&["score", "--ci", "--format", "json"]);
    assert_eq!(text, again);
    let (_, other) = run_json(&["score", "--ci", "--seed", "2", "--format", "json"]);
    for (a, b) in models.iter().zip(other["models"].as_array().unwrap()) {
        assert_eq!(a["analytic"], b["analytic"]);
        let half = (f(&a["analytic"]["upper"]) - f(&a["analytic"]["lower"])) / 2.0;
        for bound in ["lower", "upper"] {
            let (x, y) = (f(&a["bootstrap"][bound]), f(&b["bootstrap"][bound]));
            assert!(
                (x - y).abs() < 0.1 * half,
                "{}: {bound} {x} vs {y}",
                a["slug"]
            );
        }
    }
    assert_ne!(models[0]["bootstrap"], other["models"][0]["bootstrap"]);
    // Pairwise P(A > B) among the best 20: 190 pairs, analytic and bootstrap close.
    let pairs = v["pairwise"].as_array().unwrap();
    assert_eq!(pairs.len(), 190);
    for p in pairs {
        assert!((f(&p["analytic"]) - f(&p["bootstrap"])).abs() < 0.03, "{p}");
    }
    assert_eq!(pairs[0]["a"], "claude-fable-5");
    assert_eq!(pairs[0]["b"], "claude-opus-4-8");
    let table = reweigh(&["score", "--ci", "--bootstrap", "500"]);
    assert!(table.stdout.contains("analytic lower") && table.stdout.contains("tied rank"));
}

fn weights_args(result: &Value) -> Vec<String> {
    let ids = result["ids"].as_array().unwrap();
    let new = result["weights"].as_array().unwrap();
    let mut args = Vec::new();
    if result["over"] == "categories" {
        for (id, w) in ids.iter().zip(new) {
            args.push("--category".to_string());
            args.push(format!("{}={}", id.as_str().unwrap(), f(w)));
        }
    } else {
        // Effective component weights: categories take their components' sum, components their own.
        let src =
            std::fs::read_to_string(root().join("datasets/methodologies/aa-v4.0.toml")).unwrap();
        let mut sums = std::collections::BTreeMap::new();
        for (id, w) in ids.iter().zip(new) {
            let id = id.as_str().unwrap();
            let at = src.find(&format!("id = \"{id}\"")).unwrap();
            let cat_at = src[at..].find("category = \"").unwrap() + at + 12;
            let cat = &src[cat_at..cat_at + src[cat_at..].find('"').unwrap()];
            *sums.entry(cat.to_string()).or_insert(0.0) += f(w);
            args.push("--weight".into());
            args.push(format!("{id}={}", f(w)));
        }
        for (cat, w) in sums {
            args.push("--category".into());
            args.push(format!("{cat}={w}"));
        }
    }
    args
}

fn index_of(v: &Value, slug: &str) -> f64 {
    f(&v["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == slug)
        .unwrap()["index"])
}

#[test]
fn applying_the_flip_weights_reverses_the_pair() {
    for (a, b) in [("qwen3-7-max", "gpt-5-5"), ("claude-opus-4-8", "gpt-5-5")] {
        let (_, v) = run_json(&["flip", a, b, "--format", "json"]);
        assert_eq!((v["a"].as_str(), v["b"].as_str()), (Some(a), Some(b)));
        let before = f(&v["flips"][0]["difference"]);
        for result in v["flips"].as_array().unwrap() {
            if result["weights"].is_null() {
                assert!(result["reason"].as_str().unwrap().contains("no weighting"));
                continue;
            }
            let mut args: Vec<String> = vec!["score".into(), "--format".into(), "json".into()];
            args.extend(weights_args(result));
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let (_, s) = run_json(&refs);
            let after = index_of(&s, a) - index_of(&s, b);
            assert!(
                after.signum() != before.signum(),
                "{a} vs {b} over {}: {before} -> {after}",
                result["over"]
            );
            assert!((after - f(&result["new_difference"])).abs() < 1e-9);
            assert!(f(&result["l1"]) > 0.0);
        }
    }
    // The best model is ahead of the second in some category, so the second can be put first;
    // a model worse on every dimension cannot.
    let (_, v) = run_json(&[
        "flip",
        "claude-fable-5",
        "granite-4-0-h-350m",
        "--format",
        "json",
    ]);
    assert!(v["flips"][0]["weights"].is_null(), "{}", v["flips"][0]);
}

#[test]
fn robustness_and_which_weights() {
    let (text, v) = run_json(&["robustness", "--draws", "5000", "--format", "json"]);
    assert_eq!(
        (v["draws"].as_u64(), v["seed"].as_u64()),
        (Some(5000), Some(1))
    );
    assert_eq!(v["concentration"], 50.0);
    let stats = v["models"].as_array().unwrap();
    assert_eq!(stats.len(), 384);
    assert_eq!(stats[0]["slug"], "claude-fable-5");
    let total: f64 = stats.iter().map(|s| f(&s["p_first"])).sum();
    assert!((total - 1.0).abs() < 1e-12);
    for s in stats {
        let (p5, med, p95) = (
            s["p5"].as_u64().unwrap(),
            s["median"].as_u64().unwrap(),
            s["p95"].as_u64().unwrap(),
        );
        assert!(p5 <= med && med <= p95, "{}", s["slug"]);
    }
    let (again, _) = run_json(&["robustness", "--draws", "5000", "--format", "json"]);
    assert_eq!(text, again);
    let (_, w) = run_json(&[
        "which-weights",
        "claude-fable-5",
        "--samples",
        "20000",
        "--format",
        "json",
    ]);
    assert_eq!(w["shares"][0]["over"], "categories");
    let share = f(&w["shares"][0]["share"]);
    assert!(f(&w["shares"][0]["se"]) > 0.0);
    assert!(share > 0.5 && share <= 1.0, "{share}");
    for (args, needle) in [
        (
            &["robustness", "--concentration", "0"][..],
            "invalid value '0' for '--concentration <K>': expected a number from 0.1 to 1e12",
        ),
        (
            &["score", "--ci", "--bootstrap", "0"],
            "invalid value '0' for '--bootstrap <B>': expected a whole number from 1 to 1000000",
        ),
        (
            &["flip", "qwen3-7-max", "nobody"],
            "no model with slug 'nobody'",
        ),
        (&["which-weights", "nobody"], "no model with slug 'nobody'"),
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
}
