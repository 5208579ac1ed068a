//! `score --ci`: scores with 95% intervals, rank intervals and tied ranks.

use crate::layout::{Cell, Table, identity, with_selection};
use crate::render::Layout;
use reweigh_composite::uncertainty::Intervals;
use reweigh_composite::{Scoped, Scored};

/// Scores with 95% intervals, rank intervals and tied ranks.
fn intervals(ci: &Intervals, s: &Scored) -> Table {
    let headers = [
        "rank",
        "slug",
        "model",
        "index",
        "se",
        "analytic lower",
        "analytic upper",
        "bootstrap lower",
        "bootstrap upper",
        "rank lower",
        "rank upper",
        "tied rank",
        "P(beats next)",
    ]
    .map(String::from)
    .to_vec();
    let rows = ci
        .models
        .iter()
        .map(|m| {
            vec![
                Cell::Int(m.rank),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::num(m.index, 2),
                Cell::num(m.se, 3),
                Cell::num(m.analytic.lower, 2),
                Cell::num(m.analytic.upper, 2),
                Cell::num(m.bootstrap.lower, 2),
                Cell::num(m.bootstrap.upper, 2),
                Cell::Int(m.rank_interval.best),
                Cell::Int(m.rank_interval.worst),
                Cell::Int(m.tied_rank),
                Cell::opt(m.p_beats_next.map(|p| p.analytic), 3),
            ]
        })
        .collect();
    let mut notes = vec![identity(s)];
    notes.extend(ci.notes.iter().cloned());
    notes.push("tied rank: 1 + the number of models whose analytic lower bound is above this model's upper bound (LMArena's rule)".into());
    notes.extend(s.receipt.lines());
    Table {
        title: format!("{} index with 95% intervals", s.methodology.name),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Intervals> {
    fn tables(&self) -> Vec<Table> {
        with_selection(vec![intervals(self.result, self.scored)], self.scored)
    }
}
