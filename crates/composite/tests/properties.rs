//! Properties of scoring on synthetic datasets from proptest's seeded generator (labelled synthetic:
//! slugs `synthetic-N`, values drawn at random, none of them AA's):
//!
//! - every complete model's contributions add up to its index, and its category scores weighted by
//!   the category shares do too (1e-9 relative);
//! - permuting the rows changes no model's index or rank (exactly);
//! - permuting the columns of the dataset file changes nothing (exactly);
//! - multiplying every relative weight, of the categories and of the components, by one positive
//!   constant changes no index, category score or contribution (1e-12 relative) and no rank.
//!
//! The datasets go through the real loader (CSV text), under AA v4.0 with random relative weights.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use reweigh_composite::score::{MissingOverride, ScoreOptions};
use reweigh_composite::{Methodology, ModelScore, Scored, score};
use reweigh_evals::{Dataset, LoadOptions};

/// The columns AA v4.0 reads, as a dataset carries them.
const COLUMNS: [&str; 11] = [
    "gdpval_elo",
    "tau2_telecom",
    "terminalbench_hard",
    "scicode",
    "aa_lcr",
    "omniscience_accuracy",
    "omniscience_hallucination_rate",
    "ifbench",
    "hle",
    "gpqa",
    "critpt",
];

/// One cell: mostly a value in the column's unit with 6 decimals (as AA publishes), sometimes NA.
fn cell(column: &'static str) -> impl Strategy<Value = String> {
    let value = if column == "gdpval_elo" {
        (200.0..2800.0f64).boxed()
    } else {
        (0.0..=1.0f64).boxed()
    };
    prop_oneof![
        12 => value.prop_map(|v| format!("{v:.6}")),
        1 => Just("NA".to_string()),
    ]
}

/// A synthetic dataset of 2 to 12 models: rows of cells in COLUMNS order.
fn rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    let row: Vec<_> = COLUMNS.iter().map(|c| cell(c)).collect();
    prop::collection::vec(row, 2..=12)
}

/// CSV text with the columns in `order` (indices into COLUMNS, after `slug`) and the rows in
/// `row_order`.
fn csv(rows: &[Vec<String>], order: &[usize], row_order: &[usize]) -> String {
    let mut out = String::from("slug");
    for &c in order {
        out.push(',');
        out.push_str(COLUMNS[c]);
    }
    out.push('\n');
    for &r in row_order {
        out.push_str(&format!("synthetic-{r}"));
        for &c in order {
            out.push(',');
            out.push_str(&rows[r][c]);
        }
        out.push('\n');
    }
    out
}

fn identity(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// AA v4.0 with the given relative weights (categories, then components, in file order).
fn methodology(category: &[f64], component: &[f64]) -> Methodology {
    let mut m = Methodology::builtin("aa-v4.0").unwrap();
    for (c, w) in m.categories.iter_mut().zip(category) {
        c.weight = *w;
    }
    for (k, w) in m.components.iter_mut().zip(component) {
        k.weight = *w;
    }
    m.validate().unwrap();
    m
}

fn weights() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (
        prop::collection::vec(0.05..20.0f64, 4),
        prop::collection::vec(0.05..20.0f64, 11),
    )
}

fn run(text: &str, m: &Methodology, missing: MissingOverride) -> Scored {
    let d = Dataset::from_plain_csv("synthetic.csv", text, &LoadOptions::default()).unwrap();
    let options = ScoreOptions {
        missing,
        ..ScoreOptions::default()
    };
    score(&d, m, &options).unwrap()
}

fn by_slug(s: &Scored) -> Vec<&ModelScore> {
    let mut models: Vec<&ModelScore> = s.models.iter().collect();
    models.sort_by(|a, b| a.slug.cmp(&b.slug));
    models
}

fn close(a: f64, b: f64, relative: f64) -> bool {
    (a - b).abs() <= relative * a.abs().max(b.abs())
}

fn config() -> Config {
    Config {
        cases: 48,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(20_261_124),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn contributions_and_categories_add_up_to_the_index(
        rows in rows(),
        (category, component) in weights(),
        renormalize in any::<bool>(),
    ) {
        let m = methodology(&category, &component);
        let missing = if renormalize { MissingOverride::Renormalize } else { MissingOverride::AsDeclared };
        let s = run(&csv(&rows, &identity(COLUMNS.len()), &identity(rows.len())), &m, missing);
        let mut complete = 0;
        for model in &s.models {
            let Some(index) = model.index else { continue };
            complete += 1;
            let sum: f64 = model.contributions.iter().map(|(_, c)| c).sum();
            prop_assert!(close(sum, index, 1e-9), "{}: contributions {sum}, index {index}", model.slug);
            // Σ_c W_c · category_c over the categories that have a score (renormalised over them).
            let present: Vec<(f64, f64)> = m
                .categories
                .iter()
                .filter_map(|c| model.category(&c.id).map(|v| (c.weight, v)))
                .collect();
            let total: f64 = present.iter().map(|(w, _)| w).sum();
            let from_categories: f64 = present.iter().map(|(w, v)| w / total * v).sum();
            prop_assert!(close(from_categories, index, 1e-9), "{}: categories {from_categories}, index {index}", model.slug);
            prop_assert!((0.0..=100.0).contains(&index), "{}: index {index}", model.slug);
        }
        prop_assert_eq!(complete, s.models.iter().filter(|m| m.rank.is_some()).count());
        // Not vacuous: renormalised, every model with any value has an index.
        prop_assert!(!renormalize || complete > 0);
    }

    #[test]
    fn permuting_rows_changes_no_index_or_rank(
        (rows, row_order) in rows().prop_flat_map(|rows| {
            let n = rows.len();
            (Just(rows), Just(identity(n)).prop_shuffle())
        }),
    ) {
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let columns = identity(COLUMNS.len());
        let a = run(&csv(&rows, &columns, &identity(rows.len())), &m, MissingOverride::AsDeclared);
        let b = run(&csv(&rows, &columns, &row_order), &m, MissingOverride::AsDeclared);
        for (x, y) in by_slug(&a).into_iter().zip(by_slug(&b)) {
            prop_assert_eq!(&x.slug, &y.slug);
            prop_assert_eq!(x.index.map(f64::to_bits), y.index.map(f64::to_bits), "{}", x.slug);
            prop_assert_eq!(x.rank, y.rank, "{}", x.slug);
        }
        // Ranks are ordered by index, ties by slug, whatever the row order was; only the row
        // each model came from differs.
        let unrowed = |s: &Scored| -> Vec<_> {
            s.models.iter().cloned().map(|mut m| { m.row = 0; m }).collect()
        };
        prop_assert_eq!(unrowed(&a), unrowed(&b));
    }

    #[test]
    fn permuting_columns_changes_nothing(
        rows in rows(),
        column_order in Just(identity(COLUMNS.len())).prop_shuffle(),
    ) {
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let row_order = identity(rows.len());
        let a = run(&csv(&rows, &identity(COLUMNS.len()), &row_order), &m, MissingOverride::AsDeclared);
        let b = run(&csv(&rows, &column_order, &row_order), &m, MissingOverride::AsDeclared);
        prop_assert_eq!(&a.models, &b.models);
        prop_assert_eq!(&a.effective_weights, &b.effective_weights);
    }

    #[test]
    fn scaling_every_relative_weight_changes_nothing(
        rows in rows(),
        (category, component) in weights(),
        exponent in -6.0..6.0f64,
    ) {
        let factor = 10f64.powf(exponent);
        let scaled = |w: &[f64]| w.iter().map(|x| x * factor).collect::<Vec<f64>>();
        let text = csv(&rows, &identity(COLUMNS.len()), &identity(rows.len()));
        let a = run(&text, &methodology(&category, &component), MissingOverride::Renormalize);
        let b = run(&text, &methodology(&scaled(&category), &scaled(&component)), MissingOverride::Renormalize);
        for ((_, x), (_, y)) in a.effective_weights.iter().zip(&b.effective_weights) {
            prop_assert!(close(*x, *y, 1e-12), "effective weight {x} vs {y}");
        }
        for (x, y) in by_slug(&a).into_iter().zip(by_slug(&b)) {
            prop_assert_eq!(x.index.is_some(), y.index.is_some());
            if let (Some(i), Some(j)) = (x.index, y.index) {
                prop_assert!(close(i, j, 1e-12), "{}: index {i} vs {j}", x.slug);
            }
            for ((_, p), (_, q)) in x.contributions.iter().zip(&y.contributions) {
                prop_assert!(close(*p, *q, 1e-12), "{}: contribution {p} vs {q}", x.slug);
            }
            for ((_, p), (_, q)) in x.categories.iter().zip(&y.categories) {
                prop_assert_eq!(p.is_some(), q.is_some());
                if let (Some(p), Some(q)) = (p, q) {
                    prop_assert!(close(*p, *q, 1e-12), "{}: category {p} vs {q}", x.slug);
                }
            }
        }
        // Ranks agree unless two indices are within rounding of each other (then the tie-break by
        // slug may see them in either order).
        let mut indices: Vec<f64> = a.models.iter().filter_map(|m| m.index).collect();
        indices.sort_by(f64::total_cmp);
        let near_tie = indices.windows(2).any(|w| close(w[0], w[1], 1e-12));
        if !near_tie {
            for (x, y) in by_slug(&a).into_iter().zip(by_slug(&b)) {
                prop_assert_eq!(x.rank, y.rank, "{}", x.slug);
            }
        }
    }
}
