//! JSON: the result's own serde serialisation (labelled fields, declared key order, full precision),
//! pretty-printed with a trailing newline. A bare [`Table`] serialises as
//! `{"title", "rows": [{header: value}], "notes"}`.

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::layout::{Cell, Table};
use crate::render::{Exporter, Render};

/// JSON with every number at full precision.
pub struct Json;

impl Exporter for Json {
    fn export(&self, result: &dyn Render) -> Vec<u8> {
        result.json()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let keys = unique_keys(&self.headers);
        let rows: Vec<Row> = self
            .rows
            .iter()
            .map(|cells| Row { keys: &keys, cells })
            .collect();
        let mut st = s.serialize_struct("Table", 3)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("rows", &rows)?;
        st.serialize_field("notes", &self.notes)?;
        st.end()
    }
}

/// One row as an object keyed by the table's headers, in column order.
struct Row<'a> {
    keys: &'a [String],
    cells: &'a [Cell],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (key, cell) in self.keys.iter().zip(self.cells) {
            match cell {
                Cell::Text(t) => map.serialize_entry(key, t)?,
                Cell::Num { value, .. } => map.serialize_entry(key, value)?,
                Cell::Int(i) => map.serialize_entry(key, i)?,
                Cell::Signed(i) => map.serialize_entry(key, i)?,
                Cell::Empty => map.serialize_entry(key, &())?,
            }
        }
        map.end()
    }
}

/// Object keys for a table's headers: a header that repeats gets ` (2)`, ` (3)`… so no column is
/// ever dropped.
fn unique_keys(headers: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(headers.len());
    for h in headers {
        let mut key = h.clone();
        let mut n = 1;
        while keys.contains(&key) {
            n += 1;
            key = format!("{h} ({n})");
        }
        keys.push(key);
    }
    keys
}
