//! `score`: the ranked index table.

use crate::layout::{Cell, Table, abstention_caveat, effective_weights, identity, with_selection};
use crate::render::Layout;
use reweigh_composite::Scored;

/// The ranked index table of a scored dataset.
fn scores(s: &Scored) -> Table {
    let categories: Vec<&str> = s
        .models
        .first()
        .map(|m| m.categories.iter().map(|(c, _)| c.as_str()).collect())
        .unwrap_or_default();
    let mut headers: Vec<String> = ["rank", "slug", "model", "index"]
        .map(String::from)
        .to_vec();
    headers.extend(categories.iter().map(|c| c.to_string()));
    headers.extend(["published", "delta", "status", "flags"].map(String::from));
    let rows = s
        .models
        .iter()
        .map(|m| {
            let mut row = vec![
                m.rank.map_or(Cell::Empty, Cell::Int),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::opt(m.index, 2),
            ];
            row.extend(categories.iter().map(|c| Cell::opt(m.category(c), 2)));
            let status = if m.missing.is_empty() {
                "complete".to_string()
            } else {
                format!("incomplete: missing {}", m.missing.join(" "))
            };
            row.extend([
                Cell::opt(m.published_index, 2),
                Cell::opt(m.delta, 4),
                Cell::Text(status),
                Cell::Text(m.flags.join(" ")),
            ]);
            row
        })
        .collect();
    let complete = s.models.iter().filter(|m| m.index.is_some()).count();
    let mut notes = vec![
        identity(s),
        format!(
            "dataset {}: {} models, {complete} with an index",
            s.dataset,
            s.models.len()
        ),
    ];
    notes.extend(abstention_caveat(s.abstention));
    let split = s
        .models
        .iter()
        .filter(|m| m.flags.iter().any(|f| f.starts_with("needs-split:")))
        .count();
    if split > 0 {
        notes.push(format!(
            "{split} rows have no index because {} needs partial answers and abstentions separately (an omniscience_attempt_rate or the outcome counts), which their data does not give; reweigh does not guess the split",
            s.abstention
        ));
    }
    let live = s
        .models
        .iter()
        .filter(|m| m.flags.iter().any(|f| f.starts_with("live-")))
        .count();
    if live > 0 {
        notes.push(format!(
            "{live} rows use a live GDPval Elo (flag live-gdpval*): AA's index uses the Elo frozen when a model was added, so these may differ from the published index"
        ));
    }
    notes.push(effective_weights(s));
    notes.extend(s.receipt.lines());
    Table {
        title: format!("{} index", s.methodology.name),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scored {
    fn tables(&self) -> Vec<Table> {
        with_selection(vec![scores(self)], self)
    }
}
