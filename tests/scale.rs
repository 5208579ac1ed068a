//! End to end at scale: every command on a large **synthetic** dataset (seeded generator in
//! tests/common, rows named `synthetic-…`) finishes within 30 s or refuses with a limit message
//! (exit 2). Each run is killed after 30 s, which fails the test: a hang detector, not a benchmark.

mod common;

use std::time::Duration;

use common::*;

/// Writes the synthetic dataset to the path in REWEIGH_SYNTHETIC_OUT (rows from
/// REWEIGH_SYNTHETIC_ROWS, default 200,000), for measuring the release binary by hand:
/// `REWEIGH_SYNTHETIC_OUT=/tmp/synthetic-200k.csv cargo test --test scale -- --ignored write`.
#[test]
#[ignore]
fn write_synthetic_dataset() {
    let path = std::env::var("REWEIGH_SYNTHETIC_OUT").expect("REWEIGH_SYNTHETIC_OUT=path");
    let rows = std::env::var("REWEIGH_SYNTHETIC_ROWS")
        .map(|r| r.parse().expect("a number of rows"))
        .unwrap_or(200_000);
    std::fs::write(&path, synthetic_csv(rows, 20261124)).unwrap();
}
