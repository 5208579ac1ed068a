//! One output path: a result is laid out as tables (for the table, CSV and Markdown exporters) and
//! serialised for JSON; an [`Exporter`] turns it into bytes. A command computes a result, picks a
//! [`Format`](crate::Format) once and writes what the exporter returns.
//!
//! Adding an output format is one file with an `Exporter` and one variant of `Format`; adding a result
//! is one `Layout` impl in results/ (its JSON comes from its `Serialize`).

use serde::Serialize;

use crate::layout::Table;

/// How a result is laid out as tables.
pub trait Layout {
    fn tables(&self) -> Vec<Table>;
}

/// A result that every exporter can turn into bytes.
pub trait Render {
    /// The result as tables: the table, CSV and Markdown formats.
    fn tables(&self) -> Vec<Table>;
    /// The result as a JSON document: its serde serialisation, full precision, pretty-printed with a
    /// trailing newline.
    fn json(&self) -> Vec<u8>;
}

impl<T: Layout + Serialize> Render for T {
    fn tables(&self) -> Vec<Table> {
        Layout::tables(self)
    }
    fn json(&self) -> Vec<u8> {
        reweigh_composite::serial::to_json(self)
    }
}

/// An output format: a result in, bytes out. Pure; writing is the caller's business.
pub trait Exporter {
    fn export(&self, result: &dyn Render) -> Vec<u8>;
}

/// Tables one after another, separated by an empty line (in CSV: sections, each with its own header
/// row), each rendered by `one`.
pub fn each_table(result: &dyn Render, one: impl Fn(&Table) -> Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, t) in result.tables().iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend(one(t));
    }
    out
}
