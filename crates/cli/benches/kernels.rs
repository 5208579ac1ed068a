//! In-process timings of the Monte-Carlo kernels on the real 384-model dataset (no loading or
//! output in the timed part): throughput only, no thresholds and no ratio. The comparison with what
//! a user would write instead — the same work in vectorised numpy, whole process, paired runs — is
//! `bash benches/numpy/bench.sh` (docs/performance.md).
//! Run: `cargo bench -p reweigh --bench kernels`.

use std::time::Instant;

use reweigh_composite::inverse::{Over, first_shares};
use reweigh_composite::robustness::{Matrix, robustness};
use reweigh_composite::uncertainty::{intervals, row_errors};
use reweigh_composite::{Methodology, ScoreOptions, score};
use reweigh_data::{LoadOptions, load_path};

/// The median of `runs` timings of `f`, in seconds.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../datasets/aa-v4.0-2026-06-15.csv");
    let dataset = load_path(&path, &LoadOptions::default()).expect("the default dataset loads");
    let m = Methodology::builtin("aa-v4.0").expect("built in");
    let scored = score(&dataset, &m, &ScoreOptions::default()).expect("scores");
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    println!(
        "machine: {threads} threads; dataset: {} models; median of 5 runs",
        scored.models.len()
    );

    let (matrix, _) = Matrix::new(&scored);
    let draws = 100_000;
    let t = median(5, || {
        robustness(&matrix, 100.0, draws, 1).expect("within the limits");
    });
    println!(
        "robustness: {draws} draws x {} models, K = 100: {t:.3} s ({:.0} draws/s)",
        matrix.rows(),
        draws as f64 / t
    );

    let rows = row_errors(&dataset, &m, &scored, false);
    let b = 10_000;
    let t = median(5, || {
        intervals(&rows, b, 1);
    });
    println!(
        "bootstrap: B = {b} x {} models, with rank intervals: {t:.3} s ({:.0} model-draws/s)",
        rows.len(),
        (b * rows.len()) as f64 / t
    );

    let samples = 100_000;
    let t = median(5, || {
        let overs = [Over::Categories, Over::Components];
        first_shares(&scored, &m, "claude-fable-5", &overs, samples, 1).expect("ranked");
    });
    println!(
        "which-weights: {samples} samples x 2 simplices: {t:.3} s ({:.0} samples/s)",
        2.0 * samples as f64 / t
    );
}
