//! `history`: the captures of a history; models over the captures; methodology change points.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::changes::ChangeScan;
use reweigh_composite::history::{HistoryListing, HistorySeries};

impl Layout for HistoryListing {
    fn tables(&self) -> Vec<Table> {
        let headers = [
            "captured at",
            "capture",
            "index version",
            "shape",
            "models",
            "with index",
            "with cost",
        ]
        .map(String::from)
        .to_vec();
        let rows = self
            .captures
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(c.captured_at.clone()),
                    Cell::Text(c.capture.clone()),
                    Cell::Text(c.index_version.clone().unwrap_or_else(|| "unknown".into())),
                    Cell::Text(c.source_shape.clone()),
                    Cell::Int(c.models),
                    Cell::Int(c.with_index),
                    Cell::Int(c.with_cost),
                ]
            })
            .collect();
        let mut notes = vec![format!(
            "history {}: {} captures; numbers are Artificial Analysis' published results",
            self.history,
            self.captures.len()
        )];
        if let (Some(first), Some(last)) = (self.captures.first(), self.captures.last()) {
            notes.push(format!(
                "sources: {} … {} (each capture's source and SHA-256 in --format json)",
                first.capture_source, last.capture_source
            ));
        }
        vec![Table {
            title: "captures".into(),
            headers,
            rows,
            notes,
        }]
    }
}

impl Layout for HistorySeries {
    fn tables(&self) -> Vec<Table> {
        let mut headers: Vec<String> = ["slug", "captured at", "index version", "rank", "of"]
            .map(String::from)
            .to_vec();
        headers.extend(self.columns.iter().cloned());
        let rows = self
            .points
            .iter()
            .map(|p| {
                let mut row = vec![
                    Cell::Text(p.slug.clone()),
                    Cell::Text(p.captured_at.clone()),
                    Cell::Text(p.index_version.clone().unwrap_or_else(|| "unknown".into())),
                    p.rank.map_or(Cell::Empty, Cell::Int),
                    p.ranked.map_or(Cell::Empty, Cell::Int),
                ];
                row.extend(p.values.iter().map(|(_, v)| Cell::opt(*v, 4)));
                row
            })
            .collect();
        let mut notes = vec![format!(
            "history {}; rank by AA's published index among the capture's models with one (1 = highest; ties by slug); empty: not published in that capture",
            self.history
        )];
        if !self.not_found.is_empty() {
            notes.push(format!("in no capture: {}", self.not_found.join(", ")));
        }
        vec![Table {
            title: "models over the captures".into(),
            headers,
            rows,
            notes,
        }]
    }
}

impl Layout for ChangeScan {
    fn tables(&self) -> Vec<Table> {
        let headers = [
            "capture",
            "previous",
            "compared under",
            "classification",
            "stable",
            "moved",
            "data changes",
            "added",
            "removed",
        ]
        .map(String::from)
        .to_vec();
        let rows = self
            .steps
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.capture.clone()),
                    Cell::Text(s.previous.clone()),
                    Cell::Text(s.methodology.name.clone()),
                    Cell::Text(s.classification.name().into()),
                    Cell::Int(s.stable),
                    Cell::Int(s.stable_moved),
                    Cell::Int(s.unfrozen_changes),
                    Cell::Int(s.added),
                    Cell::Int(s.removed),
                ]
            })
            .collect();
        let mut notes = vec![format!(
            "{} captures; methodology in force at the first: {} ({:?}); a change where more than {:.0} % of the models whose unfrozen components did not change moved their published index by more than {}",
            self.captures,
            self.initial.name,
            self.initial_basis,
            100.0 * self.moved_share_threshold,
            self.tolerance
        )];
        notes.push(format!("{} change(s) found", self.changes.len()));
        for c in &self.changes {
            notes.push(format!("change at {} (after {})", c.capture, c.previous));
            notes.extend(c.evidence.iter().map(|e| format!("  {e}")));
            if let (Some(m), Some(from)) = (&c.inferred, &c.inferred_from) {
                notes.push(format!(
                    "  inferred after it: {} from {} ({} rows, max |residual| {:.2e}, RMS {:.2e}): {}",
                    m.name,
                    from,
                    c.rows_used,
                    c.max_abs_residual.unwrap_or(f64::NAN),
                    c.rms_residual.unwrap_or(f64::NAN),
                    c.weights
                        .iter()
                        .map(|w| format!(
                            "{} {}",
                            w.component,
                            w.fraction.clone().unwrap_or_else(|| format!("{:.4}", w.weight))
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        vec![Table {
            title: "methodology changes over the captures".into(),
            headers,
            rows,
            notes,
        }]
    }
}
