//! The layout of `reweigh fetch`: one row per page; what was written and fetched in the notes.

use reweigh_composite::fetch::Fetch;

use crate::layout::{Cell, Table};
use crate::render::Layout;

impl Layout for Fetch {
    fn tables(&self) -> Vec<Table> {
        let headers = [
            "page",
            "records",
            "bytes",
            "attempts",
            "retrieved at (UTC)",
            "sha256",
            "file",
            "url",
        ]
        .map(String::from)
        .to_vec();
        let rows = self
            .pages
            .iter()
            .map(|p| {
                vec![
                    Cell::Int(p.page as usize),
                    Cell::Int(p.records),
                    Cell::Int(p.bytes),
                    Cell::Int(p.attempts as usize),
                    Cell::Text(p.retrieved_at.clone()),
                    Cell::Text(p.sha256.clone()),
                    Cell::Text(p.file.clone()),
                    Cell::Text(p.url.clone()),
                ]
            })
            .collect();
        let tier = match (&self.tier, &self.stated_tier) {
            (Some(t), Some(s)) if t != s => format!(", tier {t} (the pages say {s})"),
            (Some(t), _) => format!(", tier {t}"),
            _ => String::new(),
        };
        let notes = vec![
            format!(
                "dataset: {} ({} rows); raw pages and manifest.json: {}",
                self.dataset, self.rows, self.raw
            ),
            format!(
                "endpoint {}{tier}: {}{}; index version {}",
                self.endpoint,
                self.base_url,
                self.path,
                self.index_version
                    .as_deref()
                    .unwrap_or("not stated by the endpoint")
            ),
            format!("waited before retries: {:.3} s", self.waited_seconds),
            format!("attribution: {}", self.attribution),
        ];
        vec![Table {
            title: format!("fetched {} pages", self.pages.len()),
            headers,
            rows,
            notes,
        }]
    }
}
