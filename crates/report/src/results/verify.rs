//! `verify`: one row per check beyond tolerance, summaries in the notes.

use crate::layout::{Cell, Table};
use crate::render::Layout;
use reweigh_composite::verify::{CheckKind, Outcome};
use reweigh_composite::{Scoped, Scored, Verification};

/// The verification report: one row per check beyond tolerance, summaries in the notes.
fn verification(v: &Verification, scored: &Scored) -> Table {
    let headers = [
        "slug",
        "model",
        "quantity",
        "computed",
        "published",
        "delta",
        "tolerance",
        "flags",
    ]
    .map(String::from)
    .to_vec();
    let rows = v
        .failures()
        .into_iter()
        .map(|c| {
            vec![
                Cell::Text(c.slug.clone()),
                Cell::Text(c.model.clone()),
                Cell::Text(c.quantity.clone()),
                Cell::num(c.computed, 4),
                Cell::num(c.published, 4),
                Cell::num(c.delta, 6),
                Cell::num(c.tolerance, 4),
                Cell::Text(c.flags.join(" ")),
            ]
        })
        .collect();
    let mut notes = vec![
        format!(
            "methodology {} (version {}, sha256 {}); dataset {}",
            scored.methodology.name,
            scored.methodology.version,
            scored.methodology.hash,
            scored.dataset
        ),
        format!("tolerance {} index points", v.tolerance),
    ];
    for s in v.summaries() {
        let mut line = match s.kind {
            _ if s.independent == 0 => format!("{}: nothing checked independently", s.quantity),
            CheckKind::Reproduce => format!(
                "{}: {} rows checked independently, max |delta| {:.3e}",
                s.quantity, s.independent, s.max_abs_delta
            ),
            CheckKind::Plausibility => format!(
                "{}: {} solved values checked against the live value, max |delta| {:.4} (band {})",
                s.quantity, s.independent, s.max_abs_delta, s.tolerance
            ),
        };
        if s.failed > 0 {
            line.push_str(&format!(", {} beyond", s.failed));
        }
        if s.by_construction > 0 {
            line.push_str(&format!(
                "; {} rows agree by construction (a frozen value was solved from this published value) and are not counted",
                s.by_construction
            ));
        }
        notes.push(line);
    }
    if !v.unchecked_solved.is_empty() {
        notes.push(format!(
            "{} solved values have no independent check (no plausibility band in the methodology, or no live value): {}",
            v.unchecked_solved.len(),
            v.unchecked_solved
                .iter()
                .map(|(slug, id)| format!("{slug} {id}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for s in &v.skipped {
        notes.push(format!("skipped {} ({}): {}", s.slug, s.model, s.reason));
    }
    notes.extend(scored.receipt.lines());
    notes.push(format!(
        "checked: {} quantities independently, {} agree by construction (not counted)",
        v.independent(),
        v.by_construction()
    ));
    let failures = v.failures().len();
    notes.push(match v.outcome() {
        Outcome::NothingCompared => "result: nothing-compared: no quantity could be checked independently (no row could be recomputed and had a published value, or every published value was used to solve a frozen one)".to_string(),
        Outcome::Pass => "result: pass: every independently checked value is within tolerance".to_string(),
        Outcome::Fail => format!("result: fail: {failures} values beyond tolerance (listed above)"),
    });
    Table {
        title: "verification: values beyond tolerance".into(),
        headers,
        rows,
        notes,
    }
}

impl Layout for Scoped<'_, Verification> {
    fn tables(&self) -> Vec<Table> {
        vec![verification(self.result, self.scored)]
    }
}
