//! What the fuzz targets share: load a dataset from bytes, score it, check the invariants a
//! successful load promises.

use std::collections::HashSet;
use std::sync::Mutex;

use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::{Methodology, score};
use reweigh_data::{LoadOptions, load_bytes};

/// Loads `data` as the file `origin` names; when it loads, scores it under AA v4.0 and v4.1 (as
/// declared, and renormalised) and checks that every complete model's index and contributions are
/// finite and that the contributions add up to the index.
pub fn dataset(origin: &str, data: &[u8]) {
    match load_bytes(origin, data, &LoadOptions::default()) {
        Ok(d) => {
            for name in ["aa-v4.0", "aa-v4.1"] {
                let m = Methodology::builtin(name).unwrap();
                for missing in [MissingOverride::AsDeclared, MissingOverride::Renormalize] {
                    let options = ScoreOptions {
                        missing,
                        ..ScoreOptions::default()
                    };
                    if let Ok(s) = score(&d, &m, &options) {
                        check_scored(&s);
                    }
                }
            }
        }
        Err(e) => report_caught_panic(&e.to_string()),
    }
}

/// Whether a sum of relative weights (the categories', or one category's components') overflows
/// to infinity. Such a methodology scores every model 0 today; the fix (scaling the weights before
/// adding them) is on branch h-flags, so the targets skip these inputs until it is merged.
pub fn weights_overflow(m: &Methodology) -> bool {
    let categories: f64 = m.categories.iter().map(|c| c.weight).sum();
    !categories.is_finite()
        || m.categories.iter().any(|c| {
            let within: f64 = m.components_of(&c.id).map(|k| k.weight).sum();
            !within.is_finite()
        })
}

pub fn check_scored(s: &reweigh_composite::Scored) {
    for m in &s.models {
        if let Some(index) = m.index {
            assert!(index.is_finite(), "{}: index {index}", m.slug);
            let sum: f64 = m.contributions.iter().map(|(_, c)| c).sum();
            assert!(
                (sum - index).abs() <= 1e-9 * index.abs().max(1.0),
                "{}: contributions {sum} vs index {index}",
                m.slug
            );
        }
    }
}

/// A panic inside polars is caught by the loader and reported as an error ("the reader failed:
/// …"); print each distinct one once, so that a fuzz run's log lists them.
fn report_caught_panic(message: &str) {
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    if let Some(at) = message.find("the reader failed: ") {
        let what: String = message[at..].chars().take(200).collect();
        let mut seen = SEEN.lock().unwrap();
        if seen.get_or_insert_with(HashSet::new).insert(what.clone()) {
            eprintln!("reweigh-fuzz: caught panic inside polars: {what}");
        }
    }
}
