//! `which-weights`: the share of the weight simplex where a model ranks first.

use crate::layout::{Cell, Table, identity};
use crate::render::Layout;
use reweigh_composite::inverse::Over;
use reweigh_composite::results::FirstShares;
use reweigh_composite::{Scoped, Scored};

/// The share of the weight simplex where a model ranks first.
fn first_shares(r: &FirstShares, s: &Scored) -> Table {
    let (slug, samples) = (&r.slug, r.samples);
    let rows = r
        .shares
        .iter()
        .map(|f| {
            vec![
                Cell::Text(match f.over {
                    Over::Categories => "categories".into(),
                    Over::Components => "components".into(),
                }),
                Cell::num(f.share, 4),
                Cell::num(f.se, 4),
            ]
        })
        .collect();
    let mut notes = vec![
        identity(s),
        format!(
            "{samples} weightings drawn uniformly from each simplex (Monte Carlo; se is the standard error of the share)"
        ),
    ];
    notes.extend(s.receipt.lines());
    Table {
        title: format!("share of weightings under which {slug} ranks first"),
        headers: ["weights", "share", "se"].map(String::from).to_vec(),
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, FirstShares> {
    fn tables(&self) -> Vec<Table> {
        vec![first_shares(self.result, self.scored)]
    }
}
