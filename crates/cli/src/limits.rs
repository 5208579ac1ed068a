//! Every numeric flag's accepted range, checked when the command line is parsed (before any file is
//! read or anything allocated), and the size checks that need the dataset (draws × models), made
//! after loading and before the large allocation. The limits and their reasons are in
//! docs/limits.md; a test there keeps the two in step.
//!
//! A value outside its range is a usage error (exit 2) whose message names the flag, the value, the
//! accepted range and a value that works.

use reweigh_composite::robustness;
use reweigh_composite::sampling::{MAX_CONCENTRATION, MIN_CONCENTRATION};
use reweigh_composite::sweep::MAX_POINTS;

use crate::Failure;

/// `score --ci --bootstrap`: draws per model.
pub const MAX_BOOTSTRAP: usize = 1_000_000;
/// `score --ci`: bootstrap draws × models with an index. The bootstrap keeps every draw's index and
/// rank (12 bytes: 120 MB at this limit), and each draw samples every component (about 15 s here in
/// a release build on two cores).
pub const MAX_BOOTSTRAP_MODELS: f64 = 1e7;
/// `robustness --draws`.
pub const MAX_DRAWS: usize = 10_000_000;
/// `which-weights --samples`.
pub const MAX_SAMPLES: usize = 10_000_000;
/// `which-weights`: samples × models (each sample compares the model with every other, twice: over
/// categories and over components).
pub const MAX_SAMPLE_MODELS: f64 = 5e8;
/// `sweep --top` and the number of `sweep --models`: lines shown (crossings are solved for every
/// pair of them).
pub const MAX_SWEEP_LINES: usize = 1_000;
/// `sweep`: lines × grid points, the cells of its two tables (index and rank).
pub const MAX_SWEEP_CELLS: usize = 2_000_000;
/// `chart --top` and the number of `chart --models` / `report --models`: bars, lines or labels in one
/// image.
pub const MAX_CHART_MODELS: usize = 100;
/// `chart abstention`: lines in one chart (each needs its own colour and label).
pub const MAX_ABSTENTION_LINES: usize = 12;
/// `boards --top`: divergences named and AA-only models shown.
pub const MAX_BOARD_TOP: usize = 10_000;
/// `fetch --max-pages`: pages followed (200 models each: two million models). Every page is held in
/// memory until all are written, and all pages together are bounded by the 256 MiB input limit.
pub const MAX_FETCH_PAGES: u32 = 10_000;
/// `fetch --timeout`: seconds for one request.
pub const MAX_FETCH_TIMEOUT: u64 = 600;

/// A whole-number flag in `min..=max`.
pub fn count(
    min: usize,
    max: usize,
    example: &'static str,
) -> impl Fn(&str) -> Result<usize, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        text.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                format!("expected a whole number from {min} to {max}; for example {example}")
            })
    }
}

/// A seed: any whole number from 0 to 2^64 − 1.
pub fn seed(text: &str) -> Result<u64, String> {
    text.trim().parse::<u64>().map_err(|_| {
        format!(
            "expected a whole number from 0 to {}; for example 7",
            u64::MAX
        )
    })
}

/// `robustness --concentration`: see [`MIN_CONCENTRATION`] for the lower bound's derivation.
pub fn concentration(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|k| (MIN_CONCENTRATION..=MAX_CONCENTRATION).contains(k))
        .ok_or_else(|| {
            format!(
                "expected a number from {MIN_CONCENTRATION} to {MAX_CONCENTRATION:e} (below {MIN_CONCENTRATION} Dirichlet draws underflow; above {MAX_CONCENTRATION:e} they equal the methodology's weights to 6 digits); for example 50"
            )
        })
}

/// `verify --tolerance`: index points, 0 to 100.
pub fn tolerance(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|t| t.is_finite() && (0.0..=100.0).contains(t))
        .ok_or_else(|| {
            "expected a number of index points from 0 to 100; for example 0.001".to_string()
        })
}

/// `chart --size WIDTHxHEIGHT`, within the drawable range (a PNG is width × height × 3 bytes before
/// compression: 192 MB at the largest).
pub fn size(text: &str) -> Result<(u32, u32), String> {
    reweigh_report::charts::parse_size(text)
}

/// Checks a count the dataset decides against a product limit (`what` names the flags), after
/// loading and before allocating.
pub fn product(
    what: &str,
    a: usize,
    b: usize,
    limit: f64,
    fix: impl FnOnce(f64) -> String,
) -> Result<(), Failure> {
    let work = a as f64 * b as f64;
    if work > limit {
        return Err(Failure::input(format!(
            "{what} = {a} × {b} = {work:.3e}, above the limit of {limit:.0e}; {}",
            fix(limit)
        )));
    }
    Ok(())
}

/// `robustness`: draws × models and the rank histogram's size.
pub fn robustness(models: usize, draws: usize) -> Result<(), Failure> {
    robustness::check_size(models, draws).map_err(Failure::input)
}

/// `sweep`/`chart abstention`: the lines shown × grid points.
pub fn sweep_cells(lines: usize, points: usize) -> Result<(), Failure> {
    if lines.saturating_mul(points) > MAX_SWEEP_CELLS {
        return Err(Failure::input(format!(
            "{lines} lines × {points} grid points = {} cells, above the limit of {MAX_SWEEP_CELLS}; use fewer models (--top, --models) or a larger STEP (at most {} points for {lines} lines; the grid itself may have {MAX_POINTS})",
            lines.saturating_mul(points),
            MAX_SWEEP_CELLS / lines.max(1)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/limits.md states every limit as the code has it.
    #[test]
    fn the_documented_limits_are_the_code_limits() {
        let doc = include_str!("../../../docs/limits.md");
        let number = |text: &str| text.replace(',', "").parse::<f64>().unwrap();
        let cases: [(&str, f64); 26] = [
            (
                "1 to 1,000,000, and B × models with an index ≤ 1e7",
                MAX_BOOTSTRAP as f64,
            ),
            ("B × models with an index ≤ 1e7", MAX_BOOTSTRAP_MODELS),
            ("1 to 10,000,000, and N × models ≤ 2e8", MAX_DRAWS as f64),
            ("N × models ≤ 2e8", robustness::MAX_DRAW_MODELS),
            (
                "at most 10,000 models with an index",
                robustness::MAX_MODELS as f64,
            ),
            ("0.1 to 1e12", MIN_CONCENTRATION),
            ("0.1 to 1e12", MAX_CONCENTRATION),
            (
                "1 to 10,000,000, and N × models with an index ≤ 5e8",
                MAX_SAMPLES as f64,
            ),
            ("N × models with an index ≤ 5e8", MAX_SAMPLE_MODELS),
            ("at most 100,001 points", MAX_POINTS as f64),
            ("1 to 1,000 lines", MAX_SWEEP_LINES as f64),
            ("lines × points ≤ 2,000,000", MAX_SWEEP_CELLS as f64),
            (
                "1 to 100 (abstention: 1 to 12 lines)",
                MAX_CHART_MODELS as f64,
            ),
            ("(abstention: 1 to 12 lines)", MAX_ABSTENTION_LINES as f64),
            ("0 ≤ P ≤ 1e6", reweigh_composite::abstention::MAX_PENALTY),
            ("boards --top: 1 to 10,000", MAX_BOARD_TOP as f64),
            ("1 to 16 boards", crate::boards::MAX_BOARDS as f64),
            (
                "at most 100,000 entries",
                reweigh_composite::boards::MAX_ENTRIES as f64,
            ),
            (
                "at most 1,000 groups",
                reweigh_composite::selection::MAX_GROUPS as f64,
            ),
            (
                "1 to 100,000 models",
                reweigh_composite::cost::MAX_GROUP as f64,
            ),
            (
                "at most 1e6 USD per 1M tokens",
                reweigh_composite::cost::MAX_PRICE,
            ),
            (
                "at most 2,000 models on the axes",
                reweigh_composite::cost::MAX_DOMINANCE_LISTS as f64,
            ),
            ("fetch --max-pages: 1 to 10,000", MAX_FETCH_PAGES as f64),
            (
                "fetch --timeout: 1 to 600 seconds",
                MAX_FETCH_TIMEOUT as f64,
            ),
            ("5 attempts a page", reweigh_fetch::MAX_ATTEMPTS as f64),
            (
                "at most 120 s at once and 300 s in all",
                reweigh_fetch::MAX_WAIT.as_secs() as f64,
            ),
        ];
        for (phrase, value) in cases {
            assert!(doc.contains(phrase), "docs/limits.md lacks {phrase:?}");
            // The phrase names the value: one of its numbers is the limit.
            let found = phrase
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == ','))
                .filter_map(|w| {
                    w.trim_matches(',')
                        .parse::<f64>()
                        .ok()
                        .or_else(|| w.contains(',').then(|| number(w.trim_matches(','))))
                })
                .any(|x| x == value);
            assert!(found, "{phrase:?} does not state {value}");
        }
        let (min, max) = (
            reweigh_report::charts::MIN_SIZE,
            reweigh_report::charts::MAX_SIZE,
        );
        assert!(doc.contains(&format!("{}x{} to {}x{}", min.0, min.1, max.0, max.1)));
        assert!(doc.contains(&format!("2 to {} policies", crate::compare::MAX_POLICIES)));
    }
}
