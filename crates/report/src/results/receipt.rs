//! `verify --receipt`: one row per difference; what was compared in the notes.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::verify::receipt::ReceiptCheck;

/// A receipt re-run: one row per difference; what was compared in the notes.
fn receipt_check(c: &ReceiptCheck) -> Table {
    let mut notes = vec![
        format!(
            "receipt {}: recorded by {}, re-run by {} on {} ({} models)",
            c.receipt, c.recorded_by, c.rerun_by, c.dataset, c.models
        ),
        format!(
            "compared: every field of the output (every number exactly, every name and hash) except {} (where the dataset was read from; it is identified by its sha256, which is compared)",
            c.not_compared.join(", ")
        ),
    ];
    notes.push(if c.passed() {
        "result: every hash, name and number is the same".to_string()
    } else {
        format!("result: {} differences (listed above)", c.differences.len())
    });
    Table {
        title: "receipt re-run: differences".into(),
        headers: vec!["difference".into()],
        rows: c
            .differences
            .iter()
            .map(|d| vec![Cell::Text(d.clone())])
            .collect(),
        notes,
    }
}

impl Layout for ReceiptCheck {
    fn tables(&self) -> Vec<Table> {
        vec![receipt_check(self)]
    }
}
