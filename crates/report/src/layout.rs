//! The layout every table-like exporter renders: a titled [`Table`] of typed [`Cell`]s with notes,
//! and the lines every result's notes share. Each result's own layout is in results/.

use reweigh_composite::{Policy, Scored};

use crate::render::Layout;

/// One cell. Numbers keep full precision; `decimals` is for human-facing formats only.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num {
        value: f64,
        decimals: usize,
    },
    Int(usize),
    /// A signed whole number shown with its sign (`+2`) for people, a plain number (`2`) for
    /// machines, so spreadsheets can sum it.
    Signed(i64),
    Empty,
}

impl Cell {
    pub fn num(value: f64, decimals: usize) -> Cell {
        Cell::Num { value, decimals }
    }
    pub fn opt(value: Option<f64>, decimals: usize) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::num(v, decimals))
    }
    /// The human-facing text (rounded numbers).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num { value, decimals } => {
                let text = format!("{value:.decimals$}");
                // A value that rounds to zero prints without a sign ("-0.0000" reads as a miss).
                if text
                    .trim_start_matches('-')
                    .chars()
                    .all(|c| c == '0' || c == '.')
                {
                    text.trim_start_matches('-').to_string()
                } else {
                    text
                }
            }
            Cell::Int(i) => i.to_string(),
            Cell::Signed(i) => format!("{i:+}"),
            Cell::Empty => String::new(),
        }
    }
    /// The machine-facing text (shortest representation that reads back to the same f64).
    pub fn exact(&self) -> String {
        match self {
            Cell::Num { value, .. } => format!("{value}"),
            Cell::Signed(i) => i.to_string(),
            other => other.display(),
        }
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Cell::Num { .. } | Cell::Int(_) | Cell::Signed(_))
    }
}

/// A titled table with notes (methodology, dataset, caveats) printed after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
}

/// The methodology line every result carries: name, version, hash, abstention policy.
pub(crate) fn identity(s: &Scored) -> String {
    format!(
        "methodology {} (version {}, sha256 {}), abstention {}",
        s.methodology.name, s.methodology.version, s.methodology.hash, s.abstention
    )
}

/// Each component's share of the index, in percent.
pub(crate) fn effective_weights(s: &Scored) -> String {
    let parts: Vec<String> = s
        .effective_weights
        .iter()
        .map(|(id, w)| format!("{id} {:.2}%", 100.0 * w))
        .collect();
    format!("effective weights: {}", parts.join(", "))
}

/// The post-hoc caveat, for any policy other than AA's own.
pub(crate) fn abstention_caveat(policy: Policy) -> Option<String> {
    (policy != Policy::Aa).then(|| format!(
        "abstention {policy} re-scores AA's published results post hoc at fixed behaviour: each model chose when to abstain under AA's prompt and scoring, not under this policy"
    ))
}

/// A command's tables followed by those its selection adds (`--dedupe` folds, group standings).
pub(crate) fn with_selection(mut tables: Vec<Table>, s: &Scored) -> Vec<Table> {
    if let Some(selection) = &s.receipt.selection {
        tables.extend(crate::selection::tables(selection));
    }
    tables
}

/// A bare table (the methodology commands' output) is its own layout.
impl Layout for Table {
    fn tables(&self) -> Vec<Table> {
        vec![self.clone()]
    }
}
