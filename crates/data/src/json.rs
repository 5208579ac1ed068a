//! JSON datasets: an array of flat objects, one per model, read with serde_json into typed cells.
//!
//! polars' JSON reader is not used: it reads a boolean in a numeric column as 1, fills a key a row
//! lacks with null, keeps one of two equal keys, and its parser recurses once per nesting level (a
//! file nested 100,000 levels deep overflows the stack). Here every cell keeps its JSON type until it
//! is checked against the column it is in, and the bytes are scanned for their nesting depth before
//! any parser sees them.
//!
//! The cells become a table of text columns, checked cell by cell like CSV (`NA`, ranges, units).

use reweigh_evals::{
    Cells, ColumnKind, DataError, DataErrorKind as K, RawColumn, RawTable, SourceFormat,
};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The deepest nesting of arrays and objects accepted in a JSON dataset. A dataset is an array of
/// flat objects (depth 2); 64 leaves room for anything a JSON writer produces for such data while
/// keeping every parser's recursion shallow.
pub const MAX_DEPTH: usize = 64;

const SHAPE_FIX: &str = "a JSON dataset is an array of flat objects, one per model, each mapping column names to a number, a string or null (see datasets/README.md)";

/// Rejects JSON nested deeper than [`MAX_DEPTH`], scanning bytes (strings and escapes respected) and
/// never recursing.
pub(crate) fn check_depth(origin: &str, bytes: &[u8]) -> Result<(), DataError> {
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(DataError::new(
                        K::Format,
                        origin,
                        format!("JSON nested at most {MAX_DEPTH} levels deep (a dataset is an array of flat objects: 2 levels)"),
                    )
                    .line(line)
                    .value(format!("more than {MAX_DEPTH} nested arrays or objects at byte offset {offset}"))
                    .fix(SHAPE_FIX));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A JSON value as it was written.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Bool(bool),
    /// The number's text (integers exactly, other numbers as the shortest text that reads back to
    /// the same f64).
    Number(String),
    Text(String),
    /// An array or an object ("an array", "an object").
    Nested(&'static str),
}

impl Cell {
    fn describe(&self) -> String {
        match self {
            Cell::Null => "null".into(),
            Cell::Bool(b) => b.to_string(),
            Cell::Number(n) => n.clone(),
            Cell::Text(t) => t.clone(),
            Cell::Nested(what) => (*what).to_string(),
        }
    }
}

/// A top-level array element: an object's entries in file order (repeated keys kept), or what else
/// it was.
enum Element {
    Object(Vec<(String, Cell)>),
    Other(&'static str),
}

/// The top level: an array of elements, or what else it was.
enum Document {
    Array(Vec<Element>),
    Other(&'static str),
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }
    fn visit_none<E>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Cell, E> {
        Ok(Cell::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell::Number(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
        Ok(Cell::Number(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
        // serde_json only produces finite numbers; `Number` prints the shortest round-trip text.
        Ok(Cell::Number(
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cell, E> {
        Ok(Cell::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Cell::Nested("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Cell::Nested("an object"))
    }
}

impl<'de> de::Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = Element;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Cell>()? {
            entries.push(entry);
        }
        Ok(Element::Object(entries))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Element, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Element::Other("an array"))
    }
    fn visit_unit<E>(self) -> Result<Element, E> {
        Ok(Element::Other("null"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Element, E> {
        Ok(Element::Other("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Element, E> {
        Ok(Element::Other("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Element, E> {
        Ok(Element::Other("a string"))
    }
}

impl<'de> de::Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Element, D::Error> {
        d.deserialize_any(ElementVisitor)
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut elements = Vec::new();
        while let Some(e) = seq.next_element::<Element>()? {
            elements.push(e);
        }
        Ok(Document::Array(elements))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Document::Other("an object"))
    }
    fn visit_unit<E>(self) -> Result<Document, E> {
        Ok(Document::Other("null"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Document, E> {
        Ok(Document::Other("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Document, E> {
        Ok(Document::Other("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Document, E> {
        Ok(Document::Other("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Document, E> {
        Ok(Document::Other("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Document, E> {
        Ok(Document::Other("a string"))
    }
}

impl<'de> de::Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        d.deserialize_any(DocumentVisitor)
    }
}

/// Reads a JSON dataset (UTF-8 already checked) into a table of text columns, every cell's JSON type
/// checked against its column's kind. `kind` classifies a column name.
pub(crate) fn read(
    origin: &str,
    bytes: &[u8],
    kind: impl Fn(&str) -> ColumnKind,
) -> Result<RawTable, DataError> {
    check_depth(origin, bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let document: Document = serde_json::from_slice(bytes).map_err(|e| {
        let mut err = DataError::new(K::Format, origin, "a JSON array of objects, one per model")
            .value(e.to_string())
            .fix("check the file's structure against datasets/README.md");
        if e.line() > 0 {
            err = err.line(e.line());
        }
        err
    })?;
    let elements = match document {
        Document::Array(elements) => elements,
        Document::Other(what) => {
            return Err(DataError::new(
                K::Format,
                origin,
                "a JSON array of objects, one per model",
            )
            .value(format!("{what} at the top level"))
            .fix(SHAPE_FIX));
        }
    };
    let mut rows: Vec<Vec<(String, Cell)>> = Vec::with_capacity(elements.len());
    for (i, element) in elements.into_iter().enumerate() {
        match element {
            Element::Object(entries) => rows.push(entries),
            Element::Other(what) => {
                return Err(
                    DataError::new(K::Format, origin, "an object (one per model)")
                        .row(i + 1, None)
                        .value(what)
                        .fix(SHAPE_FIX),
                );
            }
        }
    }
    let slug_of = |row: &[(String, Cell)]| -> Option<String> {
        row.iter().find_map(|(k, v)| match (k.as_str(), v) {
            ("slug", Cell::Text(s)) => Some(s.clone()),
            _ => None,
        })
    };
    // Columns in order of first appearance; each row must carry each once.
    let mut names: Vec<String> = Vec::new();
    let mut first_row: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (j, (key, _)) in row.iter().enumerate() {
            if row[..j].iter().any(|(k, _)| k == key) {
                return Err(DataError::new(K::Format, origin, "each column once per object")
                    .row(i + 1, slug_of(row).as_deref())
                    .column(key)
                    .value(format!("'{key}' given twice"))
                    .fix("remove one of the two; a repeated key would silently replace the first value"));
            }
            if !names.contains(key) {
                names.push(key.clone());
                first_row.push(i);
            }
        }
    }
    for (i, row) in rows.iter().enumerate() {
        for (name, first) in names.iter().zip(&first_row) {
            if !row.iter().any(|(k, _)| k == name) {
                return Err(DataError::new(
                    K::MissingColumn,
                    origin,
                    format!("every object to have the same keys ('{name}' is in row {})", first + 1),
                )
                .row(i + 1, slug_of(row).as_deref())
                .column(name)
                .value("key absent")
                .fix(format!(
                    "write \"{name}\": null for a value that was not published; a missing key is never read as missing silently"
                )));
            }
        }
    }
    let mut columns = Vec::with_capacity(names.len());
    for name in &names {
        let column_kind = kind(name);
        let mut values: Vec<Option<String>> = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let cell = &row
                .iter()
                .find(|(k, _)| k == name)
                .expect("checked above")
                .1;
            let wrong = |kind: K, expected: String, fix: &str| {
                DataError::new(kind, origin, expected)
                    .row(i + 1, slug_of(row).as_deref())
                    .column(name)
                    .value(cell.describe())
                    .fix(fix)
            };
            let value = match (column_kind, cell) {
                (_, Cell::Null) | (ColumnKind::Unknown, _) => None,
                (ColumnKind::Numeric(_), Cell::Number(n) | Cell::Text(n)) => Some(n.clone()),
                (ColumnKind::Numeric(unit), Cell::Bool(_)) => {
                    return Err(wrong(
                        K::NotANumber,
                        unit.describe().to_string(),
                        "a boolean is not a score; write the number, or null if it was not published",
                    ));
                }
                (ColumnKind::Numeric(unit), Cell::Nested(_)) => {
                    return Err(wrong(
                        K::NotANumber,
                        unit.describe().to_string(),
                        "a cell holds one number (or null); nested arrays and objects are not values",
                    ));
                }
                (ColumnKind::Text { .. }, Cell::Text(t)) => Some(t.clone()),
                (ColumnKind::Text { bool_ok: true }, Cell::Bool(b)) => Some(b.to_string()),
                (ColumnKind::Text { bool_ok }, _) => {
                    let expected = if bool_ok {
                        "text (a JSON string) or a boolean"
                    } else {
                        "text (a JSON string)"
                    };
                    return Err(wrong(
                        K::WrongType,
                        expected.to_string(),
                        &format!(
                            "write the value in quotes (\"{}\"); a number or boolean is not read as text silently",
                            cell.describe()
                        ),
                    ));
                }
            };
            values.push(value);
        }
        columns.push(RawColumn {
            name: name.clone(),
            dtype: "str".to_string(),
            cells: Cells::Text(values),
        });
    }
    Ok(RawTable {
        origin: origin.to_string(),
        format: SourceFormat::Json,
        sha256: String::new(),
        columns,
        rows: rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reweigh_evals::registry::Unit;

    fn kinds(name: &str) -> ColumnKind {
        match name {
            "slug" | "model" => ColumnKind::Text { bool_ok: false },
            "is_reasoning" => ColumnKind::Text { bool_ok: true },
            "hle" => ColumnKind::Numeric(Unit::Fraction),
            _ => ColumnKind::Unknown,
        }
    }

    fn err(text: &str) -> DataError {
        read("t.json", text.as_bytes(), kinds).unwrap_err()
    }

    #[test]
    fn depth_scanner_respects_strings_and_escapes() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        let e = check_depth("d.json", deep.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("nested at most 64 levels"), "{e}");
        let exactly = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(check_depth("d.json", exactly.as_bytes()).is_ok());
        // Brackets inside strings, and escaped quotes, do not count.
        let in_string = format!(r#"[{{"slug":"{}\"{}"}}]"#, "[".repeat(100), "{".repeat(100));
        assert!(check_depth("d.json", in_string.as_bytes()).is_ok());
        let escaped_backslash = format!(r#"[{{"slug":"a\\"}},{}]"#, "[".repeat(70));
        assert!(check_depth("d.json", escaped_backslash.as_bytes()).is_err());
    }

    #[test]
    fn cells_keep_their_type() {
        let table = read(
            "t.json",
            br#"[{"slug":"a","hle":0.4325,"is_reasoning":true},{"slug":"b","hle":"NA","is_reasoning":null}]"#,
            kinds,
        )
        .unwrap();
        let text = |name: &str| {
            let column = table.columns.iter().find(|c| c.name == name).unwrap();
            match &column.cells {
                Cells::Text(cells) => cells.clone(),
                other => panic!("{name}: {other:?}"),
            }
        };
        assert_eq!(
            text("hle"),
            [Some("0.4325".to_string()), Some("NA".to_string())]
        );
        assert_eq!(text("is_reasoning"), [Some("true".to_string()), None]);
    }

    #[test]
    fn type_and_shape_errors_name_row_column_value() {
        let e = err(r#"[{"slug":"a","hle":true}]"#);
        assert_eq!(e.kind, K::NotANumber);
        assert!(
            e.to_string().contains(
                "row 1 (slug 'a'), column 'hle', value 'true': expected a fraction in [0, 1]"
            ),
            "{e}"
        );
        let e = err(r#"[{"slug":"a","hle":[0.5]}]"#);
        assert!(e.to_string().contains("value 'an array'"), "{e}");
        let e = err(r#"[{"slug":7}]"#);
        assert_eq!(e.kind, K::WrongType);
        assert!(
            e.to_string()
                .contains("column 'slug', value '7': expected text"),
            "{e}"
        );
        let e = err(r#"[{"slug":"a","model":false}]"#);
        assert_eq!(e.kind, K::WrongType, "{e}");
        let e = err(r#"[{"slug":"a","hle":0.1},{"slug":"b"}]"#);
        assert_eq!(e.kind, K::MissingColumn);
        assert!(
            e.to_string().contains("row 2 (slug 'b'), column 'hle'"),
            "{e}"
        );
        let e = err(r#"[{"slug":"a","hle":0.1,"hle":0.9}]"#);
        assert!(e.to_string().contains("'hle' given twice"), "{e}");
        let e = err(r#"{"slug":"a"}"#);
        assert!(
            e.to_string().contains("value 'an object at the top level'"),
            "{e}"
        );
        let e = err(r#"[{"slug":"a"}, 3]"#);
        assert!(e.to_string().contains("row 2, value 'a number'"), "{e}");
        let e = err("[{\"slug\":\"a\",\n\"hle\":0.1,}]");
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
