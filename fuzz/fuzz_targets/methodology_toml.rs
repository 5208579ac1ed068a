//! A methodology of arbitrary text: an error naming the file, or a definition whose effective
//! weights are finite and add up to 1, that scores a real dataset without a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reweigh_composite::score::ScoreOptions;
use reweigh_composite::{Methodology, Policy, score};
use reweigh_data::{Dataset, LoadOptions, load_bytes};

/// The first rows of the v4.0 and v4.1 snapshots (AA's published values).
fn datasets() -> &'static [Dataset] {
    static D: OnceLock<Vec<Dataset>> = OnceLock::new();
    D.get_or_init(|| {
        [
            include_str!("../../datasets/aa-v4.0-2026-06-15.csv"),
            include_str!("../../datasets/aa-v4.1-2026-07-06.csv"),
        ]
        .iter()
        .map(|csv| {
            let head: String = csv.lines().take(9).map(|l| format!("{l}\n")).collect();
            load_bytes("head.csv", head.as_bytes(), &LoadOptions::default()).unwrap()
        })
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(m) = Methodology::parse("fuzz.toml", text) else {
        return;
    };
    if reweigh_fuzz::weights_overflow(&m) {
        return;
    }
    let total: f64 = m.effective_weights().iter().map(|(_, w)| w).sum();
    assert!(
        (total - 1.0).abs() < 1e-9,
        "effective weights add up to {total}"
    );
    let _ = m.hash();
    let _ = m.extra_columns();
    for policy in ["aa", "penalty:1", "credit:0.5"] {
        let options = ScoreOptions {
            abstention: Policy::parse(policy).unwrap(),
            ..ScoreOptions::default()
        };
        for d in datasets() {
            if let Ok(s) = score(d, &m, &options) {
                reweigh_fuzz::check_scored(&s);
            }
        }
    }
});
