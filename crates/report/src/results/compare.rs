//! `compare`: index and rank under each scoring, with the agreement between rankings.

use crate::layout::{Cell, Table, with_selection};
use crate::render::Layout;
use reweigh_composite::compare::Comparison;
use reweigh_composite::{Scoped, Scored};

/// Index and rank of each model under each scoring, with the agreement between rankings.
fn comparison(c: &Comparison, s: &Scored) -> Table {
    let mut headers = vec!["slug".to_string(), "model".to_string()];
    for l in &c.labels {
        headers.extend([format!("index {l}"), format!("rank {l}")]);
    }
    headers.push("rank change".into());
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::Text(r.slug.clone()), Cell::Text(r.model.clone())];
            for (i, rank) in r.index.iter().zip(&r.rank) {
                row.extend([Cell::num(*i, 2), Cell::Int(*rank)]);
            }
            row.push(Cell::Signed(r.rank_change));
            row
        })
        .collect();
    let mut notes = vec![format!(
        "methodology {} (version {}); dataset {}; {} models ranked under every scoring",
        s.methodology.name,
        s.methodology.version,
        s.dataset,
        c.rows.len()
    )];
    for a in &c.agreements {
        notes.push(format!(
            "{} vs {}: Kendall's tau-b {:.4}, Spearman's rho {:.4}",
            a.a, a.b, a.kendall_tau, a.spearman_rho
        ));
    }
    let movers: Vec<String> = c
        .largest_movers(10)
        .iter()
        .map(|r| format!("{} {:+}", r.slug, r.rank_change))
        .collect();
    if !movers.is_empty() {
        notes.push(format!(
            "largest movers ({} to {}): {}",
            c.labels[0],
            c.labels[c.labels.len() - 1],
            movers.join(", ")
        ));
    }
    if c.labels.iter().any(|l| l != "aa") {
        notes.push("re-scoring is post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring".into());
    }
    notes.extend(s.receipt.lines());
    if !c.excluded.is_empty() {
        notes.push(format!("{} models excluded:", c.excluded.len()));
        notes.extend(
            c.excluded
                .iter()
                .map(|e| format!("  {}: {}", e.slug, e.reason)),
        );
    }
    Table {
        title: format!("rankings under {}", c.labels.join(", ")),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Comparison> {
    fn tables(&self) -> Vec<Table> {
        with_selection(vec![comparison(self.result, self.scored)], self.scored)
    }
}
