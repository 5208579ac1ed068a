//! CSV (RFC 4180): full-precision numbers; text cells quoted when needed and neutralised against
//! spreadsheet formula injection (a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix). Notes are
//! not part of CSV: callers that need them use JSON or the table.

use crate::layout::{Cell, Table};
use crate::render::{Exporter, Render, each_table};

/// CSV, full precision.
pub struct Csv;

impl Exporter for Csv {
    fn export(&self, result: &dyn Render) -> Vec<u8> {
        each_table(result, render)
    }
}

pub fn render(t: &Table) -> Vec<u8> {
    let mut out = String::new();
    let header: Vec<String> = t.headers.iter().map(|h| field(h)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for r in &t.rows {
        let fields: Vec<String> = r
            .iter()
            .map(|c| match c {
                Cell::Text(s) => field(s),
                other => other.exact(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// One text field: formula-neutralised, then quoted if it holds a separator, quote or newline.
pub fn field(text: &str) -> String {
    // Control characters (line breaks too: a name holds none) are written visibly.
    let text = crate::escape::visible(text);
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_neutralises() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@cmd"), "'@cmd");
    }

    #[test]
    fn numbers_keep_full_precision() {
        let t = Table {
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec![
                Cell::num(64.88385333333333, 2),
                Cell::Text("x".into()),
            ]],
            ..Table::default()
        };
        assert_eq!(
            String::from_utf8(render(&t)).unwrap(),
            "a,b\n64.88385333333333,x\n"
        );
    }
}
