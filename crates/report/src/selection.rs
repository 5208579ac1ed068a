//! Layout of a selection's detail (`--dedupe`, `--group-file`): which variants were folded into
//! which model, and each group's standings. The counts and rules themselves are in every output's
//! receipt lines.

use reweigh_composite::selection::Selection;

use crate::layout::{Cell, Table};

/// The tables a selection adds after a command's own: the folds (with `--dedupe`) and the standings
/// (with a group file). Empty when there is nothing to show.
pub(crate) fn tables(s: &Selection) -> Vec<Table> {
    let mut out = Vec::new();
    if !s.standings.is_empty() {
        out.push(Table {
            title: "standings: overall and within each group".into(),
            headers: [
                "group",
                "rank in group",
                "rank overall",
                "slug",
                "model",
                "index",
                "sentence",
            ]
            .map(String::from)
            .to_vec(),
            rows: s
                .standings
                .iter()
                .map(|g| {
                    vec![
                        Cell::Text(g.group.clone()),
                        Cell::Int(g.rank_in_group),
                        Cell::Int(g.rank_overall),
                        Cell::Text(g.slug.clone()),
                        Cell::Text(g.model.clone()),
                        Cell::num(g.index, 2),
                        Cell::Text(g.sentence.clone()),
                    ]
                })
                .collect(),
            notes: vec![format!(
                "ranks overall are among {}; a group's members are those its file lists (by creator or slug)",
                s.counted
            )],
        });
    }
    if !s.folded.is_empty() {
        out.push(Table {
            title: "dedupe: variants folded into each model (the best-scoring variant is kept)".into(),
            headers: ["model", "kept", "kept index", "folded variants", "rule"]
                .map(String::from)
                .to_vec(),
            rows: s
                .folded
                .iter()
                .map(|f| {
                    vec![
                        Cell::Text(f.model.clone()),
                        Cell::Text(f.kept.clone()),
                        Cell::opt(f.kept_index, 2),
                        Cell::Text(
                            f.folded
                                .iter()
                                .map(|v| match v.index {
                                    Some(i) => format!("{} ({i:.2})", v.slug),
                                    None => format!("{} (no index)", v.slug),
                                })
                                .collect::<Vec<_>>()
                                .join(" "),
                        ),
                        Cell::Text(f.rule.clone()),
                    ]
                })
                .collect(),
            notes: vec![
                "rule 'name': the display name without a parenthesis naming only reasoning modes or efforts (datasets/groups/variants.toml says the rule; its entries override it by slug)".into(),
            ],
        });
    }
    out
}
