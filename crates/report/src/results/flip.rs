//! `flip`: the smallest weight changes that reverse two models.

use crate::layout::{Cell, Table, identity};
use crate::render::Layout;
use reweigh_composite::inverse::Over;
use reweigh_composite::results::Flips;
use reweigh_composite::{Scoped, Scored};

/// The smallest weight changes that reverse two models.
fn flips(r: &Flips, s: &Scored) -> Table {
    let (a, b) = (r.a.as_str(), r.b.as_str());
    let headers = ["weights", "id", "current", "new", "change"]
        .map(String::from)
        .to_vec();
    let mut rows = Vec::new();
    let mut notes = vec![identity(s)];
    for f in &r.flips {
        let kind = match f.over {
            Over::Categories => "categories",
            Over::Components => "components",
        };
        match (&f.weights, f.l1, f.new_difference) {
            (Some(w), Some(l1), Some(gap)) => {
                for ((id, old), new) in f.ids.iter().zip(&f.current).zip(w) {
                    rows.push(vec![
                        Cell::Text(kind.into()),
                        Cell::Text(id.clone()),
                        Cell::num(*old, 6),
                        Cell::num(*new, 6),
                        Cell::num(new - old, 6),
                    ]);
                }
                notes.push(format!(
                    "over {kind}: {a} minus {b} is {:.4} now; the smallest L1 change of the {kind} weights that reverses them is {l1:.6} (gap after: {gap:+.6}, reversed by {} index points beyond a tie)",
                    f.difference,
                    reweigh_composite::inverse::MARGIN
                ));
            }
            _ => notes.push(format!(
                "over {kind}: {}",
                f.reason.clone().unwrap_or_default()
            )),
        }
    }
    notes.extend(s.receipt.lines());
    Table {
        title: format!("what it takes to reverse {a} and {b}"),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Flips> {
    fn tables(&self) -> Vec<Table> {
        vec![flips(self.result, self.scored)]
    }
}
