//! A source's records as flat lists of (key, leaf): JSON objects flattened to dotted paths, CSV rows
//! keyed by their header.

use reweigh_evals::{Cells, DataError, DataErrorKind as K};
use serde_json::Value;

/// One value as the source typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Null,
    Bool(bool),
    /// A JSON number's text (shortest round-trip form) — exactly the value the source wrote.
    Number(String),
    Text(String),
    /// An array (or an empty object), not a value reweigh reads.
    Nested(&'static str),
}

impl Leaf {
    pub fn describe(&self) -> String {
        match self {
            Leaf::Null => "null".into(),
            Leaf::Bool(b) => b.to_string(),
            Leaf::Number(n) => n.clone(),
            Leaf::Text(t) => super::shown(t),
            Leaf::Nested(what) => (*what).to_string(),
        }
    }
}

/// One record: its keys in source order.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub fields: Vec<(String, Leaf)>,
}

impl Record {
    pub fn get(&self, key: &str) -> Option<&Leaf> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// Flattens a JSON object's leaves into dotted paths.
pub fn flatten(value: &Value, prefix: &str, out: &mut Vec<(String, Leaf)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(v, &path, out);
            }
        }
        Value::Object(_) => out.push((prefix.to_string(), Leaf::Nested("an empty object"))),
        Value::Array(_) => out.push((prefix.to_string(), Leaf::Nested("an array"))),
        Value::Null => out.push((prefix.to_string(), Leaf::Null)),
        Value::Bool(b) => out.push((prefix.to_string(), Leaf::Bool(*b))),
        Value::Number(n) => out.push((prefix.to_string(), Leaf::Number(n.to_string()))),
        Value::String(s) => out.push((prefix.to_string(), Leaf::Text(s.clone()))),
    }
}

/// A value at a dotted path of a JSON value.
pub fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path == "." {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, k| v.get(k))
}

/// Parses JSON (depth and UTF-8 checked first).
pub fn parse_json(origin: &str, bytes: &[u8]) -> Result<Value, DataError> {
    crate::csv::check_utf8(origin, bytes)?;
    crate::json::check_depth(origin, bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| {
        let mut err = DataError::new(K::Format, origin, "well-formed JSON")
            .value(e.to_string())
            .fix("the file is not valid JSON (truncated or edited?); fetch or export it again");
        if e.line() > 0 {
            err = err.line(e.line());
        }
        err
    })
}

/// CSV rows as records (every cell text; an empty cell is absent, AA's "not published").
pub fn csv_records(origin: &str, bytes: &[u8]) -> Result<(Vec<String>, Vec<Record>), DataError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let table = crate::csv::read(origin, bytes)?;
    let header: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    for (i, name) in header.iter().enumerate() {
        if header[..i].contains(name) {
            return Err(
                DataError::new(K::Format, origin, "each column once in the header")
                    .column(&super::shown(name))
                    .fix("remove one of the two columns"),
            );
        }
    }
    let mut records = vec![Record::default(); table.rows];
    for column in &table.columns {
        let Cells::Text(cells) = &column.cells else {
            unreachable!("the CSV reader gives text")
        };
        for (record, cell) in records.iter_mut().zip(cells) {
            let leaf = match cell.as_deref() {
                None | Some("") => Leaf::Null,
                Some(t) => Leaf::Text(t.to_string()),
            };
            record.fields.push((column.name.clone(), leaf));
        }
    }
    Ok((header, records))
}
