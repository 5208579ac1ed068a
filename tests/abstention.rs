//! End to end: abstention policies, explain, compare and sweep, checked against hand calculations
//! from AA's published rates (copied below from datasets/aa-v4.0-2026-06-15.csv and the article file).

use crate::common::*;
use serde_json::Value;

/// (slug, Omniscience accuracy c, non-hallucination 1 − h) as published in the default dataset.
const MODELS: [(&str, f64, f64); 3] = [
    ("gpt-oss-120b", 0.215167, 0.088129),
    ("claude-fable-5", 0.6135, 0.451488),
    ("qwen3-7-max", 0.301167, 0.77057),
];

fn score_json(args: &[&str]) -> Value {
    let mut all = vec!["score", "--format", "json"];
    all.extend_from_slice(args);
    let run = reweigh(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run.stdout)
}

fn model<'a>(v: &'a Value, slug: &str) -> &'a Value {
    v["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == slug)
        .unwrap_or_else(|| panic!("{slug} not in output"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn every_rate_based_policy_matches_a_hand_calculation() {
    let aa = score_json(&[]);
    // wrong answers per question: i = h·(1 − c)
    type Hand = fn(f64, f64) -> f64;
    let policies: [(&str, Hand); 4] = [
        ("accuracy", |c, _| c),
        ("penalty:1", |c, i| (c - i + 1.0) / 2.0),
        ("penalty:3", |c, i| (c - 3.0 * i + 3.0) / 4.0),
        // confidence 0.75 → penalty 0.75/0.25 = 3
        ("confidence:0.75", |c, i| (c - 3.0 * i + 3.0) / 4.0),
    ];
    for (policy, hand) in policies {
        let v = score_json(&["--abstention", policy]);
        assert_eq!(v["abstention"], policy);
        assert_ne!(
            v["methodology"]["hash"], aa["methodology"]["hash"],
            "{policy}"
        );
        for (slug, c, nonhall) in MODELS {
            let i = (1.0 - nonhall) * (1.0 - c);
            let expected = hand(c, i);
            let m = model(&v, slug);
            assert!(
                (f(&m["scores"]["omniscience"]) - expected).abs() < 1e-12,
                "{policy} {slug}"
            );
            // AA-Omniscience keeps its 1/8 of the index: 12.5 points.
            assert!((f(&m["contributions"]["omniscience"]) - 12.5 * expected).abs() < 1e-9);
            let a = model(&aa, slug);
            let aa_omniscience = 6.25 * c + 6.25 * nonhall;
            let want = f(&a["index"]) - aa_omniscience + 12.5 * expected;
            assert!((f(&m["index"]) - want).abs() < 1e-9, "{policy} {slug}");
        }
    }
    for (slug, c, nonhall) in MODELS {
        let m = model(&aa, slug);
        assert!((f(&m["contributions"]["omniscience_accuracy"]) - 6.25 * c).abs() < 1e-12);
        assert!(
            (f(&m["contributions"]["omniscience_nonhallucination"]) - 6.25 * nonhall).abs() < 1e-12
        );
    }
}

#[test]
fn split_policies_use_the_attempt_rate_and_refuse_without_it() {
    // The two real models that publish an attempt rate (article of ~2026-05-20):
    // (slug, accuracy, hallucination rate, attempt rate) → abstained a = 1 − attempt.
    let published = [
        ("qwen3-7-max", 0.301, 0.229, 0.480),
        ("qwen3-6-max-preview", 0.377, 0.442, 0.673),
    ];
    type Hand = fn(f64, f64) -> f64;
    let policies: [(&str, Hand); 4] = [
        ("credit:0.5", |c, a| c + 0.5 * a),
        ("credit:1", |c, a| c + a),
        ("attempted", |c, a| c / (1.0 - a)),
        ("f1", |c, a| {
            let q = c / (1.0 - a);
            2.0 * c * q / (c + q)
        }),
    ];
    let file = dataset("aa-v4.0-articles-2026-05-20.csv");
    for (policy, hand) in policies {
        let v = score_json(&[&file, "--abstention", policy, "--missing", "renormalize"]);
        for (slug, c, _h, attempt) in published {
            let expected = hand(c, 1.0 - attempt);
            let got = f(&model(&v, slug)["scores"]["omniscience"]);
            assert!(
                (got - expected).abs() < 1e-12,
                "{policy} {slug}: {got} vs {expected}"
            );
        }
        // The AA payload has no attempt rate: no row is scored, and each says why.
        let d = score_json(&["--abstention", policy]);
        for m in d["models"].as_array().unwrap() {
            assert_eq!(m["status"], "incomplete", "{policy} {}", m["slug"]);
            let flags = m["flags"].as_array().unwrap();
            assert!(
                flags.iter().any(|f| f == "needs-split:omniscience"),
                "{flags:?}"
            );
        }
        let table = reweigh(&["score", "--abstention", policy]);
        assert!(
            table.stdout.contains("reweigh does not guess the split"),
            "{policy}"
        );
    }
}

fn explain(policy: &str) -> Value {
    let run = reweigh(&[
        "explain",
        "qwen3-7-max",
        "--vs",
        "qwen3-6-max",
        "--abstention",
        policy,
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run.stdout)
}

fn terms_sum(v: &Value) -> f64 {
    v["terms"].as_object().unwrap().values().map(f).sum()
}

#[test]
fn explain_qwen37_vs_qwen36_reproduces_the_published_difference() {
    // Published: 56.5845 − 51.814. Omniscience (accuracy, non-hallucination):
    // Qwen3.7 Max (0.301167, 0.77057), Qwen3.6 Max Preview (0.377167, 0.558202).
    let (c7, n7, c6, n6) = (0.301167, 0.77057, 0.377167, 0.558202);
    let aa = explain("aa");
    let total = f(&aa["total_difference"]);
    assert!((total - (56.5845 - 51.814)).abs() < 1e-3, "{total}");
    assert!((terms_sum(&aa) - total).abs() < 1e-9);
    let acc = f(&aa["terms"]["omniscience_accuracy"]);
    let nonhall = f(&aa["terms"]["omniscience_nonhallucination"]);
    assert!((acc - 6.25 * (c7 - c6)).abs() < 1e-12, "{acc}"); // −0.475
    assert!((nonhall - 6.25 * (n7 - n6)).abs() < 1e-12, "{nonhall}"); // +1.3273
    // AA-Omniscience supplies 0.852 of the 4.770 points under aa.
    assert!((acc + nonhall - 0.85230).abs() < 1e-5);
    let rest = total - acc - nonhall;

    // accuracy: Omniscience is 12.5·c; abstaining earns nothing.
    let v = explain("accuracy");
    let want = rest + 12.5 * (c7 - c6);
    assert!((f(&v["total_difference"]) - want).abs() < 1e-9);
    assert!((f(&v["terms"]["omniscience:accuracy"]) - 12.5 * (c7 - c6)).abs() < 1e-12);
    assert!(f(&v["terms"]["omniscience:hallucination_abstention"]).abs() < 1e-12);
    assert!((terms_sum(&v) - f(&v["total_difference"])).abs() < 1e-9);

    // penalty:1: Omniscience is 12.5·(c − i + 1)/2 with i = (1 − nonhall)(1 − c).
    let (i7, i6) = ((1.0 - n7) * (1.0 - c7), (1.0 - n6) * (1.0 - c6));
    let v = explain("penalty:1");
    let want = rest + 12.5 * ((c7 - i7) - (c6 - i6)) / 2.0;
    assert!((f(&v["total_difference"]) - want).abs() < 1e-9);
    assert!((f(&v["terms"]["omniscience:accuracy"]) - 12.5 * (c7 - c6) / 2.0).abs() < 1e-12);
    assert!(
        (f(&v["terms"]["omniscience:hallucination_abstention"]) + 12.5 * (i7 - i6) / 2.0).abs()
            < 1e-12
    );
    assert!((terms_sum(&v) - f(&v["total_difference"])).abs() < 1e-9);
}

#[test]
fn sweep_crossings_agree_with_a_brute_force_grid() {
    let step = 0.001;
    let run = reweigh(&[
        "sweep",
        "--penalty",
        "0:4:0.001",
        "--top",
        "15",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    let points: Vec<f64> = v["points"].as_array().unwrap().iter().map(f).collect();
    assert_eq!(points.len(), 4001);
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), 15);
    let crossings = v["crossings"].as_array().unwrap();
    assert!(!crossings.is_empty());
    let index = |m: &Value| -> Vec<f64> { m["index"].as_array().unwrap().iter().map(f).collect() };
    let mut found = 0;
    for (i, a) in models.iter().enumerate() {
        for b in &models[i + 1..] {
            let (ia, ib) = (index(a), index(b));
            let pair: Vec<&Value> = crossings
                .iter()
                .filter(|c| {
                    (c["overtaker"] == a["slug"] && c["overtaken"] == b["slug"])
                        || (c["overtaker"] == b["slug"] && c["overtaken"] == a["slug"])
                })
                .collect();
            let flips: Vec<usize> = (1..points.len())
                .filter(|&k| (ia[k - 1] - ib[k - 1]).signum() != (ia[k] - ib[k]).signum())
                .collect();
            assert_eq!(pair.len(), flips.len(), "{} / {}", a["slug"], b["slug"]);
            for (c, &k) in pair.iter().zip(&flips) {
                let at = f(&c["at"]);
                assert!(
                    at >= points[k - 1] - 1e-12 && at <= points[k] + 1e-12,
                    "{at} not in grid cell {k}"
                );
                assert!((at - points[k]).abs() <= step);
                // The overtaker is ahead after the crossing.
                let (after_a, after_b) = (ia[k], ib[k]);
                let ahead = if after_a > after_b {
                    &a["slug"]
                } else {
                    &b["slug"]
                };
                assert_eq!(&c["overtaker"], ahead);
                found += 1;
            }
        }
    }
    assert_eq!(found, crossings.len());
}

#[test]
fn compare_reports_rank_correlations_and_movers() {
    let run = reweigh(&[
        "compare",
        "--abstention",
        "aa",
        "--abstention",
        "accuracy",
        "--abstention",
        "penalty:1",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    assert_eq!(v["models"].as_array().unwrap().len(), 384);
    assert_eq!(v["agreements"].as_array().unwrap().len(), 3);
    for a in v["agreements"].as_array().unwrap() {
        let tau = f(&a["kendall_tau"]);
        let rho = f(&a["spearman_rho"]);
        assert!(tau > 0.9 && tau < 1.0 && rho > tau && rho < 1.0, "{a}");
    }
    let top = &v["models"][0];
    assert_eq!(top["slug"], "claude-fable-5");
    assert_eq!(top["rank"], serde_json::json!([1, 1, 1]));
    assert_eq!(v["largest_movers"].as_array().unwrap().len(), 10);
    // Rank change is last minus first, for every model.
    for m in v["models"].as_array().unwrap() {
        assert_eq!(
            m["rank_change"],
            m["rank"][2].as_i64().unwrap() - m["rank"][0].as_i64().unwrap()
        );
    }
}

#[test]
fn invalid_policies_exit_2_listing_the_accepted_forms() {
    for bad in ["penalty:-1", "confidence:1", "credit:2", "nonsense"] {
        for cmd in [
            vec!["score", "--abstention", bad],
            vec!["explain", "qwen3-7-max", "--abstention", bad],
            vec!["compare", "--abstention", "aa", "--abstention", bad],
        ] {
            let run = reweigh(&cmd);
            assert_eq!(run.code, 2, "{cmd:?}");
            assert!(run.stderr.contains(&format!("'{bad}'")), "{}", run.stderr);
            assert!(
                run.stderr
                    .contains("accepted forms: aa, accuracy, penalty:P"),
                "{}",
                run.stderr
            );
        }
    }
    let run = reweigh(&[
        "compare",
        "--abstention",
        "aa",
        "--abstention",
        "credit:0.5",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no model has an index under every policy"),
        "{}",
        run.stderr
    );
    let run = reweigh(&["explain", "no-such-model"]);
    assert_eq!(run.code, 2);
    let run = reweigh(&["explain", "qwen3-7"]);
    assert!(
        run.stderr
            .contains("did you mean one of: qwen3-7-max, qwen3-7-plus"),
        "{}",
        run.stderr
    );
    // A typo: the closest slug by edit distance, everywhere a slug is accepted.
    for args in [
        &["explain", "qwen37-max"][..],
        &["explain", "gpt-5-5", "--vs", "qwen37-max"],
        &["flip", "gpt-5-5", "qwen37-max"],
        &["which-weights", "qwen37-max"],
        &[
            "sweep",
            "--penalty",
            "0:1:0.5",
            "--models",
            "gpt-5-5,qwen37-max",
        ],
        &[
            "chart",
            "ranking",
            "--out",
            "x.svg",
            "--models",
            "qwen37-max",
        ],
        &[
            "chart",
            "waterfall",
            "--out",
            "x.svg",
            "--model",
            "qwen37-max",
            "--vs",
            "gpt-5-5",
        ],
        &[
            "report",
            "--out",
            "no-such-report",
            "--pair",
            "qwen37-max,gpt-5-5",
        ],
        &[
            "report",
            "--out",
            "no-such-report",
            "--models",
            "qwen37-max",
        ],
    ] {
        let run = reweigh(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr
                .contains("no model with slug 'qwen37-max' in embedded:aa-v4.0-2026-06-15.csv; did you mean 'qwen3-7-max'?"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = reweigh(&["sweep", "--penalty", "2:1:0.1"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("0 <= FROM <= TO"), "{}", run.stderr);
}
