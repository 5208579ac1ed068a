//! `robustness`: rank distributions over sampled weightings.

use crate::layout::{Cell, Table, identity, with_selection};
use crate::render::Layout;
use reweigh_composite::results::Robustness;
use reweigh_composite::{Scoped, Scored};

/// Rank distributions over sampled weightings.
fn robustness(r: &Robustness, s: &Scored) -> Table {
    let settings = format!(
        "{} weightings ~ Dirichlet({}·w0) over {} components, seed {}; {} models{}",
        r.draws,
        r.concentration,
        r.components,
        r.seed,
        r.ranked,
        if r.excluded_renormalised > 0 {
            format!(
                " ({} with renormalised weights left out)",
                r.excluded_renormalised
            )
        } else {
            String::new()
        }
    );
    let headers = [
        "rank",
        "slug",
        "model",
        "median rank",
        "5%",
        "95%",
        "P(rank 1)",
    ]
    .map(String::from)
    .to_vec();
    let rows = r
        .models
        .iter()
        .take(r.shown)
        .map(|m| {
            vec![
                Cell::Int(m.rank),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::Int(m.median),
                Cell::Int(m.p5),
                Cell::Int(m.p95),
                Cell::num(m.p_first, 4),
            ]
        })
        .collect();
    let mut notes = vec![identity(s), settings];
    notes.extend(s.receipt.lines());
    Table {
        title: "rank under weightings sampled around the methodology".into(),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Robustness> {
    fn tables(&self) -> Vec<Table> {
        with_selection(vec![robustness(self.result, self.scored)], self.scored)
    }
}
