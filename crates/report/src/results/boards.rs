//! Layout of `reweigh boards`: per other board, the shared models with both ranks, the agreement,
//! the largest divergences and the unmatched names on both sides.

use reweigh_composite::boards::BoardComparison;
use reweigh_composite::results::Boards;
use reweigh_composite::{Scoped, Scored};

use crate::layout::{Cell, Table, with_selection};
use crate::render::Layout;

impl Layout for Scoped<'_, Boards> {
    fn tables(&self) -> Vec<Table> {
        let tables = self
            .result
            .comparisons
            .iter()
            .flat_map(|c| tables(c, self.scored, self.result.shown))
            .collect();
        with_selection(tables, self.scored)
    }
}

/// The tables of one comparison: shared models, unmatched board names, unmatched AA models (the
/// best `top_unmatched` in table formats; all in CSV and JSON).
fn tables(c: &BoardComparison, s: &Scored, top_unmatched: usize) -> Vec<Table> {
    let with_ci = c.shared.iter().any(|r| r.aa_interval.is_some());
    let mut headers: Vec<String> = [
        "AA rank",
        "board rank",
        "difference",
        "slug",
        "board name",
        "AA index",
    ]
    .map(String::from)
    .to_vec();
    if with_ci {
        headers.extend(["AA 95% lower", "AA 95% upper"].map(String::from));
    }
    headers.extend(
        [
            "board score",
            "board ci ±",
            "AA rank overall",
            "board rank published",
        ]
        .map(String::from),
    );
    let rows = c
        .shared
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Int(r.aa_rank),
                Cell::Int(r.board_rank),
                Cell::Signed(r.rank_difference),
                Cell::Text(r.slug.clone()),
                Cell::Text(r.name.clone()),
                Cell::num(r.aa_index, 2),
            ];
            if with_ci {
                row.push(Cell::opt(r.aa_interval.map(|b| b.lower), 2));
                row.push(Cell::opt(r.aa_interval.map(|b| b.upper), 2));
            }
            row.extend([
                Cell::num(r.board_score, 0),
                Cell::opt(r.board_ci, 0),
                Cell::Int(r.aa_rank_overall),
                r.board_rank_published.map_or(Cell::Empty, Cell::Int),
            ]);
            row
        })
        .collect();
    let fmt = |x: Option<f64>| {
        x.map_or(
            "undefined (fewer than two shared models)".to_string(),
            |v| format!("{v:.4}"),
        )
    };
    let mut notes = vec![
        format!(
            "{} of the board's {} entries matched an AA model ({} {}; aliases {} sha256 {}); ranks are among these {} shared models, 1 = best, ties by name",
            c.shared.len(),
            c.board_entries,
            c.board,
            c.origin,
            c.aliases,
            c.aliases_sha256,
            c.shared.len()
        ),
        format!(
            "agreement on the shared models: Kendall's tau-b {}, Spearman's rho {}",
            fmt(c.kendall_tau_b),
            fmt(c.spearman_rho)
        ),
        format!(
            "AA score: {}; difference = board rank − AA rank (positive: the board ranks it lower than AA)",
            if c.aa_score == "published" {
                "AA's published Intelligence Index as the dataset carries it"
            } else {
                "reweigh's recomputed index (methodology and policy below)"
            }
        ),
    ];
    if with_ci {
        notes.push("AA 95% interval: analytic, of reweigh's recomputed index (evaluation sampling error, docs/uncertainty.md); the board's ci is its own published 95% half-width".into());
    }
    if !c.largest_divergences.is_empty() {
        let by_slug = |slug: &str| c.shared.iter().find(|r| r.slug == slug);
        notes.push(format!(
            "largest divergences: {}",
            c.largest_divergences
                .iter()
                .filter_map(|slug| by_slug(slug))
                .map(|r| format!(
                    "{} (AA {} vs board {}, {:+})",
                    r.name, r.aa_rank, r.board_rank, r.rank_difference
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if let Some(url) = &c.source_url {
        notes.push(format!(
            "board source: {url}{}",
            c.fetched_at
                .as_ref()
                .map(|f| format!(", fetched {f}"))
                .unwrap_or_default()
        ));
    }
    notes.extend(s.receipt.lines());
    let mut out = vec![Table {
        title: format!("AA vs {}: ranks on the shared models", c.board),
        headers,
        rows,
        notes,
    }];
    out.push(Table {
        title: format!("{}: names not matched to a counted AA model", c.board),
        headers: ["board rank published", "board name", "reason"]
            .map(String::from)
            .to_vec(),
        rows: c
            .unmatched_names
            .iter()
            .map(|u| {
                vec![
                    u.board_rank_published.map_or(Cell::Empty, Cell::Int),
                    Cell::Text(u.name.clone()),
                    Cell::Text(u.reason.clone()),
                ]
            })
            .collect(),
        notes: vec![format!(
            "{} of {} board entries unmatched",
            c.unmatched_names.len(),
            c.board_entries
        )],
    });
    let shown = c.unmatched_models.len().min(top_unmatched);
    out.push(Table {
        title: format!("AA models not on {}", c.board),
        headers: ["AA rank", "slug", "model"].map(String::from).to_vec(),
        rows: c
            .unmatched_models
            .iter()
            .take(shown)
            .map(|u| {
                vec![
                    u.aa_rank.map_or(Cell::Empty, Cell::Int),
                    Cell::Text(u.slug.clone()),
                    Cell::Text(u.model.clone()),
                ]
            })
            .collect(),
        notes: vec![format!(
            "{} counted AA models have no entry on {} that the alias table maps to them{}",
            c.unmatched_models.len(),
            c.board,
            if shown < c.unmatched_models.len() {
                format!("; the best {shown} are shown (CSV and JSON list all; --top N)")
            } else {
                String::new()
            }
        )],
    });
    out
}
