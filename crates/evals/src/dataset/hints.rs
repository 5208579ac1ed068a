//! The fixes that error messages suggest.

use crate::registry::{NUMERIC_COLUMNS, TEXT_COLUMNS};
use crate::suggest::edit_distance;

pub(super) const BOOLEAN_FIX: &str = "a boolean is not a score (true is not read as 1); write the number, or NA (JSON and Parquet: null) if it was not published";

/// A percent written as text, shifted two decimal places (45.03 → 0.4503) without float noise.
pub(super) fn percent_as_fraction(text: &str, value: f64) -> String {
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    format!("{:.*}", decimals + 2, value / 100.0)
}

pub(super) fn unknown_column_fix(name: &str) -> String {
    let known = TEXT_COLUMNS
        .iter()
        .copied()
        .chain(NUMERIC_COLUMNS.iter().map(|c| c.name));
    let closest = known
        .map(|k| (edit_distance(name, k), k))
        .min()
        .filter(|(d, _)| *d <= 3);
    match closest {
        Some((_, k)) => format!(
            "did you mean '{k}'? Rename or remove the column; the known columns are listed in datasets/README.md"
        ),
        None => "remove or rename the column; the known columns are listed in datasets/README.md"
            .to_string(),
    }
}
