//! A receipt (the JSON output of `reweigh score --format json`) of arbitrary text: parsed, its
//! options read back and compared with a real re-run, without a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reweigh_composite::overrides::Overrides;
use reweigh_composite::receipt::{differences, parse_output};
use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::{Methodology, Policy, Scored, score};
use reweigh_evals::{LoadOptions, load_bytes};

/// The first rows of the default dataset scored under AA v4.0.
fn scored() -> &'static Scored {
    static S: OnceLock<Scored> = OnceLock::new();
    S.get_or_init(|| {
        let csv = include_str!("../../datasets/aa-v4.0-2026-06-15.csv");
        let head: String = csv.lines().take(9).map(|l| format!("{l}\n")).collect();
        let d = load_bytes("head.csv", head.as_bytes(), &LoadOptions::default()).unwrap();
        let m = Methodology::builtin("aa-v4.0").unwrap();
        score(&d, &m, &ScoreOptions::default()).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((receipt, recorded)) = parse_output(text) else {
        return;
    };
    let _ = differences(&receipt, &recorded, scored());
    let _ = Methodology::builtin(&receipt.methodology.source);
    let (Ok(abstention), Some(missing), Ok(overrides)) = (
        Policy::parse(&receipt.abstention),
        MissingOverride::parse(&receipt.missing),
        Overrides::from_descriptions(&receipt.overrides),
    ) else {
        return;
    };
    let options = ScoreOptions {
        missing,
        abstention,
        overrides,
    };
    let m = Methodology::builtin("aa-v4.0").unwrap();
    if let Ok(applied) = reweigh_composite::score::apply(&m, &options)
        && !reweigh_fuzz::weights_overflow(&applied)
    {
        let total: f64 = applied.effective_weights().iter().map(|(_, w)| w).sum();
        assert!(
            (total - 1.0).abs() < 1e-9,
            "effective weights add up to {total}"
        );
    }
});
