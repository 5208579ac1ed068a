//! `infer`: inferred weights, one row per component; the fit and largest residuals in the notes.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::infer::Inference;

/// Inferred weights: one row per component, the fit and the largest residuals in the notes.
fn inference(inf: &Inference) -> Table {
    let headers = [
        "component",
        "column",
        "weight",
        "se",
        "lower",
        "upper",
        "fraction",
        "reference",
        "implied change",
        "column sd",
        "resolved",
    ]
    .map(String::from)
    .to_vec();
    let rows = inf
        .components
        .iter()
        .map(|c| {
            let resolved = [
                ("frozen", c.frozen_rows),
                ("solved", c.solved_rows),
                ("live", c.live_rows),
            ]
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
            vec![
                Cell::Text(c.id.clone()),
                Cell::Text(c.column.clone()),
                Cell::num(c.weight, 5),
                Cell::num(c.se, 5),
                Cell::num(c.lower, 5),
                Cell::num(c.upper, 5),
                Cell::Text(c.fraction.clone().unwrap_or_default()),
                Cell::num(c.reference_weight, 5),
                Cell::opt(c.implied_rms_change, 4),
                Cell::num(c.column_sd, 4),
                Cell::Text(resolved),
            ]
        })
        .collect();
    let mut notes = vec![
        format!(
            "dataset {}; published column {}; component scores as methodology {} defines them (columns, normalisers, freeze), its weights not used",
            inf.dataset, inf.published_column, inf.reference
        ),
        format!(
            "fit ({}): {} rows, {} within 1e-3, max |residual| {:.3e}, RMS {:.3e} index points; weights are shares of the index (≥ 0, sum 1)",
            match inf.estimator {
                reweigh_composite::infer::Estimator::LeastSquares => "least squares on the simplex",
                reweigh_composite::infer::Estimator::LeastAbsolute =>
                    "least absolute deviations on the simplex, robust to rows with a frozen value the dataset lacks",
            },
            inf.fit.rows_used,
            inf.fit.rows_within_1e_3,
            inf.fit.max_abs_residual,
            inf.fit.rms_residual
        ),
        match &inf.basis {
            reweigh_composite::infer::Basis::AllRows => "weights fitted on every row".to_string(),
            reweigh_composite::infer::Basis::FreezeFreeRows { component, rows } => format!(
                "weights fitted on the {rows} rows where {component} scores 0 (its frozen value, not in the dataset, equals the live one there); they fit within 1e-3; the fit below is over every row"
            ),
        },
        format!(
            "uncertainty: bootstrap over models, {} resamples, seed {}",
            inf.bootstrap, inf.seed
        ),
    ];
    match &inf.fraction_fit {
        Some(f) => notes.push(format!(
            "exact fractions supported: with them max |residual| {:.3e}, RMS {:.3e}",
            f.max_abs_residual, f.rms_residual
        )),
        None => notes.push(
            "no exact simple fractions: some weight is not within its uncertainty of a fraction with denominator ≤ 100 summing to 1, or the fit with them is worse".into(),
        ),
    }
    notes.push("implied change: if that component alone carried the residual, the RMS change of its raw values (its unit) that would explain it; small against the column's sd points at that column (a frozen Elo)".into());
    notes.extend(inf.notes.iter().cloned());
    for (reason, n) in &inf.excluded {
        notes.push(format!("{n} rows not used: {reason}"));
    }
    for c in inf.components.iter().filter(|c| c.carries_residual) {
        notes.push(format!(
            "the residual lives in {}: on the {} rows where it scores 0 the median |residual| is {:.1e}, elsewhere {:.1e}",
            c.id,
            c.zero_rows,
            c.median_residual_at_zero.unwrap_or(0.0),
            c.median_residual_elsewhere.unwrap_or(0.0)
        ));
    }
    let top: Vec<String> = inf
        .largest_residuals
        .iter()
        .take(5)
        .map(|r| format!("{} {:+.4}", r.slug, r.residual))
        .collect();
    if !top.is_empty() {
        notes.push(format!("largest residuals: {}", top.join(", ")));
    }
    Table {
        title: format!("weights inferred from {}", inf.dataset),
        headers,
        rows,
        notes,
    }
}

impl Layout for Inference {
    fn tables(&self) -> Vec<Table> {
        vec![inference(self)]
    }
}
