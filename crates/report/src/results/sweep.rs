//! `sweep`: ranks and indices along the penalty (or confidence) axis, and the crossings.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::sweep::{Axis, Sweep};

fn axis_label(axis: Axis, x: f64) -> String {
    match axis {
        Axis::Penalty => format!("P={x}"),
        Axis::Confidence => format!("t={x}"),
    }
}

/// Three tables: ranks along the sweep, indices along the sweep, and the crossings.
fn sweep(w: &Sweep) -> Vec<Table> {
    let mut headers = vec!["slug".to_string(), "model".to_string()];
    headers.extend(w.points.iter().map(|&x| axis_label(w.axis, x)));
    let grid = |rank: bool| -> Vec<Vec<Cell>> {
        w.lines
            .iter()
            .map(|l| {
                let mut row = vec![Cell::Text(l.slug.clone()), Cell::Text(l.model.clone())];
                if rank {
                    row.extend(l.rank.iter().map(|r| Cell::Int(*r)));
                } else {
                    row.extend(l.index.iter().map(|i| Cell::num(*i, 2)));
                }
                row
            })
            .collect()
    };
    let axis = match w.axis {
        Axis::Penalty => "penalty P per wrong answer",
        Axis::Confidence => "confidence target t (penalty t/(1-t))",
    };
    let crossings = w
        .crossings
        .iter()
        .map(|c| {
            vec![
                Cell::num(c.at, 4),
                Cell::num(c.penalty, 4),
                Cell::Text(c.overtaker.clone()),
                Cell::Text(c.overtaken.clone()),
                Cell::num(c.index, 4),
            ]
        })
        .collect();
    let notes = vec![
        format!(
            "methodology {} (version {}); dataset {}; AA-Omniscience scored (c - P*i + P)/(1 + P), weight {:.4} index points",
            w.methodology.name, w.methodology.version, w.dataset, w.weight
        ),
        format!("ranks are among all {} models with an index", w.ranked),
        "re-scoring is post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring".into(),
    ];
    let notes = notes.into_iter().chain(w.receipt.lines()).collect();
    vec![
        Table {
            title: format!("rank along the {axis}"),
            headers: headers.clone(),
            rows: grid(true),
            notes: Vec::new(),
        },
        Table {
            title: format!("index along the {axis}"),
            headers,
            rows: grid(false),
            notes: Vec::new(),
        },
        Table {
            title: "crossings: where one model overtakes another (solved exactly)".into(),
            headers: ["at", "penalty", "overtaker", "overtaken", "index"]
                .map(String::from)
                .to_vec(),
            rows: crossings,
            notes,
        },
    ]
}

impl Layout for Sweep {
    fn tables(&self) -> Vec<Table> {
        sweep(self)
    }
}
