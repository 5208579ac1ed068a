//! `diff`: two snapshots compared, one row per model in both (largest change first), the
//! classification and its evidence in the notes.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::diff::{Diff, Snapshot};

fn side(label: &str, s: &Snapshot) -> String {
    format!(
        "{label}: {} ({} rows, sha256 {}), methodology {} {} ({}, hash {})",
        s.dataset,
        s.rows,
        &s.sha256[..s.sha256.len().min(12)],
        s.methodology.name,
        s.methodology.version,
        match s.methodology_basis {
            reweigh_composite::diff::Basis::Given => "given",
            reweigh_composite::diff::Basis::Stated => "stated by the snapshot",
            reweigh_composite::diff::Basis::Inferred => "inferred from the snapshot",
            reweigh_composite::diff::Basis::SameAsA => "taken as A's",
        },
        &s.methodology.hash[..s.methodology.hash.len().min(12)]
    )
}

/// At most 20 slugs and how many more (CSV and JSON have them all).
fn listed(slugs: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = slugs[..slugs.len().min(SHOWN)].join(", ");
    if slugs.len() > SHOWN {
        text.push_str(&format!(
            " and {} more ({} in all; --format json lists every one)",
            slugs.len() - SHOWN,
            slugs.len()
        ));
    }
    text
}

fn changes(d: &Diff) -> Table {
    let headers = [
        "slug",
        "published A",
        "published B",
        "change",
        "data",
        "methodology",
        "rest",
        "changed columns",
        "note",
    ]
    .map(String::from)
    .to_vec();
    let rows = d
        .models
        .iter()
        .map(|m| {
            vec![
                Cell::Text(m.slug.clone()),
                Cell::opt(m.published_a, 4),
                Cell::opt(m.published_b, 4),
                Cell::opt(m.change, 4),
                Cell::opt(m.data, 4),
                Cell::opt(m.methodology, 4),
                Cell::opt(m.rest, 4),
                Cell::Text(m.changed_columns.join(" ")),
                Cell::Text(m.note.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let e = &d.evidence;
    let mut notes = vec![
        side("A", &d.a),
        side("B", &d.b),
        format!("classification: {}", d.classification.name()),
    ];
    notes.extend(e.reasons.iter().cloned());
    notes.push(
        "change = data + methodology + rest: data = A's methodology on B's components minus on A's (A's frozen values kept); methodology = B's methodology minus A's on B's components; rest = the change of what neither explains (frozen values, rounding)".to_string(),
    );
    for (label, slugs) in [("added in B", &d.added), ("removed in B", &d.removed)] {
        if !slugs.is_empty() {
            notes.push(format!("{label}: {}", listed(slugs)));
        }
    }
    Table {
        title: format!(
            "what changed from A to B: {} ({} models in both)",
            d.classification.name(),
            e.common
        ),
        headers,
        rows,
        notes,
    }
}

impl Layout for Diff {
    fn tables(&self) -> Vec<Table> {
        vec![changes(self)]
    }
}
