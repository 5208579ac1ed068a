//! `import`: the dataset written, its sources, the keys not imported.

use reweigh_composite::imports::Import;

use crate::layout::{Cell, Table};
use crate::render::Layout;

fn summary(r: &Import) -> Table {
    let text = |s: &str| Cell::Text(s.to_string());
    let mut rows = vec![
        vec![text("written"), text(&r.out)],
        vec![text("format"), text(&r.format)],
        vec![text("rows"), Cell::Int(r.rows)],
        vec![
            text("shape"),
            text(&format!("{} ({})", r.shape, r.shape_title)),
        ],
        vec![
            text("index version"),
            text(r.index_version.as_deref().unwrap_or("unknown")),
        ],
    ];
    for (i, s) in r.sources.iter().enumerate() {
        let mut what = format!("{}: {} records, sha256 {}", s.file, s.records, s.sha256);
        if let Some(p) = s.page {
            what.push_str(&format!(", page {p}"));
        }
        if let Some(e) = &s.endpoint {
            what.push_str(&format!(", endpoint {e}"));
        }
        what.push_str(&format!(
            ", retrieved {}",
            s.retrieved_at.as_deref().unwrap_or("(unknown)")
        ));
        rows.push(vec![text(&format!("source {}", i + 1)), text(&what)]);
    }
    let mut notes = vec![
        "every row carries its provenance: source, source_shape, retrieved_at, source_endpoint, source_sha256, attribution (Artificial Analysis, artificialanalysis.ai), source_unmapped".to_string(),
    ];
    if r.index_version.is_none() {
        notes.push("the index version is unknown (the source does not state it): score with --methodology, or import with --index-version".into());
    }
    Table {
        title: "import".into(),
        headers: vec!["field".into(), "value".into()],
        rows,
        notes,
    }
}

fn unmapped(r: &Import) -> Table {
    let rows = r
        .unmapped
        .iter()
        .map(|u| {
            let first = match (u.first_record, &u.first_slug) {
                (Some(n), Some(s)) => format!("{}, record {n} ({s})", u.first_file),
                (Some(n), None) => format!("{}, record {n}", u.first_file),
                _ => format!("{} (envelope)", u.first_file),
            };
            vec![
                Cell::Text(u.key.clone()),
                Cell::Int(u.records),
                Cell::Text(first),
                Cell::Text(
                    u.reason
                        .clone()
                        .unwrap_or_else(|| "not known to the adapter".into()),
                ),
            ]
        })
        .collect();
    let unknown = r.unmapped.iter().filter(|u| !u.known).count();
    Table {
        title: "keys not imported".into(),
        headers: ["key", "records", "first seen", "why"]
            .map(String::from)
            .to_vec(),
        rows,
        notes: vec![format!(
            "{} keys not imported: {} declared in datasets/adapters/{}.toml, {unknown} not known to the adapter (--strict refuses those)",
            r.unmapped.len(),
            r.unmapped.len() - unknown,
            r.shape
        )],
    }
}

impl Layout for Import {
    fn tables(&self) -> Vec<Table> {
        vec![summary(self), unmapped(self)]
    }
}
