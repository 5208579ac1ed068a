//! Plain-text table for terminals: aligned columns, numbers right-aligned, notes below.

use crate::escape::visible;
use crate::layout::Table;
use crate::render::{Exporter, Render, each_table};

/// Aligned text for a terminal.
pub struct Text;

impl Exporter for Text {
    fn export(&self, result: &dyn Render) -> Vec<u8> {
        each_table(result, render)
    }
}

pub fn render(t: &Table) -> Vec<u8> {
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| visible(&c.display()).into_owned())
                .collect()
        })
        .collect();
    let headers: Vec<String> = t.headers.iter().map(|h| visible(h).into_owned()).collect();
    let widths: Vec<usize> = (0..t.headers.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = (0..t.headers.len())
        .map(|i| t.rows.iter().any(|r| r[i].is_numeric()))
        .collect();
    let line = |fields: &[String]| -> String {
        let parts: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let pad = widths[i] - f.chars().count();
                if numeric[i] {
                    format!("{}{f}", " ".repeat(pad))
                } else {
                    format!("{f}{}", " ".repeat(pad))
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = String::new();
    if !t.title.is_empty() {
        out.push_str(&format!("{}\n\n", visible(&t.title)));
    }
    out.push_str(&line(&headers));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for r in &cells {
        out.push_str(&line(r));
    }
    if cells.is_empty() {
        out.push_str("(none)\n");
    }
    if !t.notes.is_empty() {
        out.push('\n');
        for n in &t.notes {
            out.push_str(&format!("# {}\n", visible(n)));
        }
    }
    out.into_bytes()
}
