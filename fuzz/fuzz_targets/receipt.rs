//! A receipt (the JSON output of `reweigh score --format json`) of arbitrary text: parsed, compared
//! field by field with a real output, and its options read back, without a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reweigh_composite::Methodology;
use reweigh_composite::overrides::Overrides;
use reweigh_composite::receipt::{differences, parse_output};
use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::Policy;
use serde_json::Value;

/// A real output: the committed report's scores of the default dataset.
fn real() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(|| {
        serde_json::from_str(include_str!("../../reports/aa-v4.0/scores.json")).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((receipt, doc)) = parse_output(text) else {
        return;
    };
    let _ = differences(&doc, real());
    let _ = differences(real(), &doc);
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
