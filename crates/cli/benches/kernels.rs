//! Benchmarks of the Monte-Carlo kernels on the real 384-model dataset, each against a
//! straightforward scalar baseline run in the same process. Prints throughput and ratios; no
//! thresholds. Run: `cargo bench -p reweigh --bench kernels`.

use std::time::Instant;

use reweigh_composite::robustness::{Matrix, robustness, robustness_baseline};
use reweigh_composite::uncertainty::{bootstrap_baseline, intervals, row_errors};
use reweigh_composite::{Methodology, ScoreOptions, score};
use reweigh_data::{LoadOptions, load_path};

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/aa-v4.0-2026-06-15.csv");
    let dataset = load_path(&path, &LoadOptions::default()).expect("the default dataset loads");
    let m = Methodology::builtin("aa-v4.0").expect("built in");
    let scored = score(&dataset, &m, &ScoreOptions::default()).expect("scores");
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    println!(
        "machine: {threads} threads; dataset: {} models",
        scored.models.len()
    );

    // Weight robustness: 100,000 Dirichlet draws × 384 models.
    let (matrix, _) = Matrix::new(&scored);
    let draws = 100_000;
    let t = Instant::now();
    let stats = robustness(&matrix, 50.0, draws, 1).expect("within the limits");
    let fast = t.elapsed().as_secs_f64();
    let base_draws = 2_000;
    let t = Instant::now();
    let hist = robustness_baseline(&matrix, 50.0, base_draws, 1);
    let slow = t.elapsed().as_secs_f64();
    assert_eq!(hist.len(), stats.len());
    let (fast_rate, slow_rate) = (draws as f64 / fast, base_draws as f64 / slow);
    println!(
        "robustness: {draws} draws x {} models in {fast:.3} s ({fast_rate:.0} draws/s); baseline {base_draws} draws in {slow:.3} s ({slow_rate:.0} draws/s); ratio {:.1}x",
        matrix.rows(),
        fast_rate / slow_rate
    );

    // Bootstrap: B = 10,000 for every model, with rank intervals.
    let rows = row_errors(&dataset, &m, &scored, false);
    let b = 10_000;
    let t = Instant::now();
    let ci = intervals(&rows, b, 1);
    let fast = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let base = bootstrap_baseline(&rows, b, 1);
    let slow = t.elapsed().as_secs_f64();
    assert_eq!(base.len(), ci.models.len());
    let draws_total = (b * rows.len()) as f64;
    println!(
        "bootstrap: B={b} x {} models in {fast:.3} s ({:.0} model-draws/s, with rank intervals); baseline (scalar, one thread, no ranks) {slow:.3} s ({:.0} model-draws/s); ratio {:.2}x",
        rows.len(),
        draws_total / fast,
        draws_total / slow,
        slow / fast
    );
}
