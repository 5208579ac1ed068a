//! GitHub-flavoured Markdown: a pipe table (numbers right-aligned, `|` escaped) and notes as a list.

use crate::layout::Table;
use crate::render::{Exporter, Render, each_table};

/// A Markdown pipe table with notes.
pub struct Markdown;

impl Exporter for Markdown {
    fn export(&self, result: &dyn Render) -> Vec<u8> {
        each_table(result, render)
    }
}

pub fn render(t: &Table) -> Vec<u8> {
    let mut out = String::new();
    if !t.title.is_empty() {
        out.push_str(&format!("### {}\n\n", escape(&t.title)));
    }
    let headers: Vec<String> = t.headers.iter().map(|h| escape(h)).collect();
    out.push_str(&format!("| {} |\n", headers.join(" | ")));
    let align: Vec<&str> = (0..t.headers.len())
        .map(|i| {
            if t.rows.iter().any(|r| r[i].is_numeric()) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("|{}|\n", align.join("|")));
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|c| escape(&c.display())).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if !t.notes.is_empty() {
        out.push('\n');
        for n in &t.notes {
            out.push_str(&format!("- {}\n", escape(n)));
        }
    }
    out.into_bytes()
}

/// Escapes characters Markdown would interpret inside a table cell.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in crate::escape::visible_except(text, &['\n', '\r']).chars() {
        match ch {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}
