//! `explain`: contributions of one model, or the decomposition of its difference from another.

use crate::layout::{Cell, Table, abstention_caveat, effective_weights, identity};
use crate::render::Layout;
use reweigh_composite::explain::Explanation;
use reweigh_composite::{Policy, Scoped, Scored};

/// Contributions of one model, or the decomposition of its difference from another.
fn explanation(e: &Explanation, s: &Scored) -> Table {
    let a = &e.model;
    let mut headers = vec!["component".to_string(), "name".to_string(), a.slug.clone()];
    if let Some(b) = &e.other {
        headers.extend([b.slug.clone(), "difference".to_string()]);
    }
    let mut rows: Vec<Vec<Cell>> = e
        .terms
        .iter()
        .map(|t| {
            let mut row = vec![
                Cell::Text(t.id.clone()),
                Cell::Text(t.name.clone()),
                Cell::opt(t.model, 4),
            ];
            if e.other.is_some() {
                row.extend([Cell::opt(t.other, 4), Cell::opt(t.difference, 4)]);
            }
            row
        })
        .collect();
    let mut total = vec![
        Cell::Text("index".into()),
        Cell::Text("total".into()),
        Cell::opt(a.index, 4),
    ];
    if let Some(b) = &e.other {
        total.extend([Cell::opt(b.index, 4), Cell::opt(e.total_difference, 4)]);
    }
    rows.push(total);
    let mut notes = vec![identity(s), format!("dataset {}", s.dataset)];
    notes.extend(abstention_caveat(s.abstention));
    if let (Some(b), Some(d)) = (&e.other, e.total_difference) {
        notes.push(format!(
            "{} minus {}: {d:.4} index points; the terms sum to it",
            a.slug, b.slug
        ));
        if let (Some(pa), Some(pb)) = (a.published_index, b.published_index) {
            notes.push(if s.abstention == Policy::Aa {
                format!(
                    "published difference {:.4} (recomputed minus published: {:.2e})",
                    pa - pb,
                    d - (pa - pb)
                )
            } else {
                format!(
                    "published difference under AA's own scoring: {:.4}; under {}: {d:.4}",
                    pa - pb,
                    s.abstention
                )
            });
        }
    }
    notes.extend(e.notes.iter().cloned());
    notes.push(effective_weights(s));
    notes.extend(s.receipt.lines());
    Table {
        title: match &e.other {
            Some(b) => format!("{} vs {}", a.model, b.model),
            None => format!("{}: contributions", a.model),
        },
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Explanation> {
    fn tables(&self) -> Vec<Table> {
        let mut tables = vec![explanation(self.result, self.scored)];
        tables.extend(self.result.cost.as_ref().map(super::cost::comparison));
        tables
    }
}
