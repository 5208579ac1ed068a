//! reweigh-report: turning results into bytes — a text table, CSV, JSON and Markdown; JUnit and
//! GitHub annotations for verification; charts and the HTML report.
//!
//! A result is laid out as [`Table`]s (results/, one file per result) and serialised by serde for
//! JSON; one [`Exporter`] per format (table.rs, csv.rs, json.rs, markdown.rs) turns any [`Render`]
//! into bytes. Every exporter is pure (result in, bytes out); writing files is the caller's business.

pub mod charts;
pub mod csv;
pub mod escape;
pub mod explorer;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod layout;
pub mod markdown;
pub mod methodologies;
pub mod render;
mod results;
pub mod selection;
pub mod table;

pub use layout::{Cell, Table};
pub use render::{Exporter, Layout, Render};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 4] = [Format::Table, Format::Csv, Format::Json, Format::Markdown];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// What the format is, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "Aligned text for a terminal",
            Format::Csv => "Comma-separated values, full precision",
            Format::Json => "JSON with every number at full precision",
            Format::Markdown => "A Markdown table (alias md)",
        }
    }

    /// Other names the format answers to.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["md"],
            _ => &[],
        }
    }

    /// The exporter that writes this format.
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            Format::Table => &table::Text,
            Format::Csv => &csv::Csv,
            Format::Json => &json::Json,
            Format::Markdown => &markdown::Markdown,
        }
    }

    /// Any result in this format.
    pub fn export(self, result: &dyn Render) -> Vec<u8> {
        self.exporter().export(result)
    }
}
