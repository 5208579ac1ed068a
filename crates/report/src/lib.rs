//! reweigh-report: turning results into bytes — a text table, CSV, JSON and Markdown.
//!
//! Results are first laid out as a [`Table`] (headers, typed cells, notes); the table, CSV and
//! Markdown exporters render any table, and JSON serialises the result's own structure. Every exporter
//! is pure (result in, bytes out); writing files is the caller's business.

pub mod charts;
pub mod cost;
pub mod csv;
pub mod escape;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod layout;
pub mod markdown;
pub mod methodologies;
pub mod table;

pub use layout::{Cell, Table};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["table", "csv", "json", "markdown"];

    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "table" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// Renders a laid-out table in this format (JSON renders the table's rows as objects).
    pub fn render(self, table: &Table) -> Vec<u8> {
        match self {
            Format::Table => table::render(table),
            Format::Csv => csv::render(table),
            Format::Markdown => markdown::render(table),
            Format::Json => json::table(table),
        }
    }

    /// Renders several tables one after another, separated by an empty line (in CSV: sections,
    /// each with its own header row).
    pub fn render_all(self, tables: &[Table]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            out.extend(self.render(t));
        }
        out
    }
}
