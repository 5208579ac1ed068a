//! Layouts of methodology listings, definitions and differences.

use std::collections::BTreeMap;

use reweigh_composite::methodology::{Methodology, NormaliserSpec};

use crate::layout::{Cell, Table};

/// One line per methodology.
pub fn list(ms: &[Methodology]) -> Table {
    Table {
        title: "methodologies".into(),
        headers: ["name", "version", "components", "sha256", "description"]
            .map(String::from)
            .to_vec(),
        rows: ms
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.name.clone()),
                    Cell::Text(m.version.clone()),
                    Cell::Int(m.components.len()),
                    Cell::Text(m.hash()),
                    Cell::Text(m.description.clone()),
                ]
            })
            .collect(),
        notes: vec!["built in; `reweigh methodology show NAME` prints one, datasets/methodologies/ holds the files".into()],
    }
}

fn normaliser(n: &NormaliserSpec) -> String {
    match n {
        NormaliserSpec::Fraction => "fraction".into(),
        NormaliserSpec::Percent => "percent".into(),
        NormaliserSpec::Linear { min, max, clamp } => {
            format!(
                "linear {min}..{max}{}",
                if *clamp { " clamped" } else { "" }
            )
        }
        NormaliserSpec::Omniscience { policy } => format!("omniscience {policy}"),
    }
}

/// A methodology's components with their weights.
pub fn show(m: &Methodology) -> Table {
    let effective: BTreeMap<&str, f64> = m.effective_weights().into_iter().collect();
    let rows = m
        .components
        .iter()
        .map(|k| {
            vec![
                Cell::Text(k.id.clone()),
                Cell::Text(k.name.clone()),
                Cell::Text(k.category.clone()),
                Cell::num(m.category_weight(&k.category) * 100.0, 2),
                Cell::num(k.weight, 4),
                Cell::num(effective[k.id.as_str()] * 100.0, 4),
                Cell::Text(k.column.clone()),
                Cell::Text(normaliser(&k.normaliser)),
                Cell::Text(format!("{:?}", k.missing).to_lowercase()),
            ]
        })
        .collect();
    Table {
        title: format!("{} (version {})", m.name, m.version),
        headers: [
            "id",
            "name",
            "category",
            "category %",
            "relative weight",
            "index %",
            "column",
            "normaliser",
            "missing",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        notes: vec![
            m.description.clone(),
            format!("sha256 {} (canonical form), from {}", m.hash(), m.source()),
        ],
    }
}

/// Per-component differences between two methodologies and the change in each evaluation's share
/// of the index.
pub fn diff(a: &Methodology, b: &Methodology) -> Table {
    let wa: BTreeMap<&str, f64> = a.effective_weights().into_iter().collect();
    let wb: BTreeMap<&str, f64> = b.effective_weights().into_iter().collect();
    let mut ids: Vec<&str> = a.components.iter().map(|k| k.id.as_str()).collect();
    ids.extend(
        b.components
            .iter()
            .map(|k| k.id.as_str())
            .filter(|id| !wa.contains_key(id)),
    );
    let rows = ids
        .iter()
        .map(|id| {
            let ka = a.components.iter().find(|k| k.id == *id);
            let kb = b.components.iter().find(|k| k.id == *id);
            let mut changes = Vec::new();
            match (ka, kb) {
                (Some(_), None) => changes.push("removed".to_string()),
                (None, Some(_)) => changes.push("added".to_string()),
                (Some(x), Some(y)) => {
                    if x.category != y.category {
                        changes.push(format!("category {} -> {}", x.category, y.category));
                    }
                    if x.weight != y.weight {
                        changes.push(format!("relative weight {} -> {}", x.weight, y.weight));
                    }
                    if x.column != y.column {
                        changes.push(format!("column {} -> {}", x.column, y.column));
                    }
                    if x.normaliser != y.normaliser {
                        changes.push(format!(
                            "normaliser {} -> {}",
                            normaliser(&x.normaliser),
                            normaliser(&y.normaliser)
                        ));
                    }
                    if x.missing != y.missing {
                        changes.push(
                            format!("missing {:?} -> {:?}", x.missing, y.missing).to_lowercase(),
                        );
                    }
                    if x.freeze != y.freeze {
                        changes.push("freeze changed".into());
                    }
                }
                (None, None) => {}
            }
            let ea = wa.get(id).copied().unwrap_or(0.0) * 100.0;
            let eb = wb.get(id).copied().unwrap_or(0.0) * 100.0;
            vec![
                Cell::Text(id.to_string()),
                Cell::num(ea, 4),
                Cell::num(eb, 4),
                Cell::num(eb - ea, 4),
                Cell::Text(changes.join("; ")),
            ]
        })
        .collect();
    let mut notes = vec![format!(
        "{} (sha256 {}) vs {} (sha256 {})",
        a.name,
        a.hash(),
        b.name,
        b.hash()
    )];
    for c in &a.categories {
        let after = b.categories.iter().find(|d| d.id == c.id);
        let (pa, pb) = (
            a.category_weight(&c.id) * 100.0,
            after.map_or(0.0, |d| b.category_weight(&d.id) * 100.0),
        );
        if (pa - pb).abs() > 1e-12 {
            notes.push(format!("category {}: {pa:.4}% -> {pb:.4}%", c.id));
        }
    }
    for c in b
        .categories
        .iter()
        .filter(|c| !a.categories.iter().any(|d| d.id == c.id))
    {
        notes.push(format!(
            "category {} added: {:.4}%",
            c.id,
            b.category_weight(&c.id) * 100.0
        ));
    }
    Table {
        title: format!(
            "{} -> {}: share of the index per evaluation (%)",
            a.name, b.name
        ),
        headers: {
            // The same name twice (a methodology against an edited copy) stays two columns.
            let (ha, hb) = if a.name == b.name {
                (format!("{} (A)", a.name), format!("{} (B)", b.name))
            } else {
                (a.name.clone(), b.name.clone())
            };
            vec![
                "component".to_string(),
                ha,
                hb,
                "change".to_string(),
                "what changed".to_string(),
            ]
        },
        rows,
        notes,
    }
}
