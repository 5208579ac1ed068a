//! AA's ranking against another leaderboard (LMArena's text or code board, or any `model,score[,ci]`
//! table): models matched through an alias table kept as data, ranks on the shared models, Kendall's
//! τ-b and Spearman's ρ (from [`crate::compare`]), the largest divergences, and every name that could
//! not be matched on either side with the reason.
//!
//! Boards are read by reweigh-data (`read_board`).
//!
//! ```
//! use reweigh_composite::boards::Aliases;
//! let a = Aliases::parse("a.toml", "[[alias]]\nname = \"m-1\"\nslug = \"m1\"\nwhy = \"same name\"\n").unwrap();
//! assert_eq!(a.alias["m-1"].0, "m1");
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::compare::{kendall_tau_b, spearman_rho};
use crate::score::{Scored, rank};
use crate::selection::{LeftOutRule, Selection};

/// The built-in alias table for LMArena (datasets/arena/aliases.toml).
pub const ARENA_ALIASES: &str = include_str!("../../../datasets/arena/aliases.toml");

// A board's entries are read at the edge (reweigh-data) into evals' types.
pub use reweigh_evals::board::{Board, Entry, MAX_ENTRIES};

/// The alias table: board name → AA slug with the evidence, and names known not to match with the
/// reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Aliases {
    pub origin: String,
    pub sha256: String,
    /// name → (AA slug, why)
    pub alias: BTreeMap<String, (String, String)>,
    /// name → why it matches no AA row
    pub unmatched: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasesToml {
    #[serde(default)]
    alias: Vec<AliasToml>,
    #[serde(default)]
    unmatched: Vec<UnmatchedToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasToml {
    name: String,
    slug: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnmatchedToml {
    name: String,
    why: String,
}

impl Aliases {
    /// The built-in Arena table.
    pub fn arena() -> Aliases {
        Aliases::parse("datasets/arena/aliases.toml", ARENA_ALIASES)
            .expect("the built-in alias table is valid")
    }

    /// Parses an alias table (errors are sentences; the caller names the file).
    pub fn parse(origin: &str, text: &str) -> Result<Aliases, String> {
        let parsed: AliasesToml = toml::from_str(text).map_err(|e| {
            format!(
                "not an alias table: {}; expected [[alias]] name, slug, why and [[unmatched]] name, why",
                e.message()
            )
        })?;
        let mut alias = BTreeMap::new();
        let mut unmatched = BTreeMap::new();
        for a in parsed.alias {
            if a.why.trim().is_empty() {
                return Err(format!(
                    "alias '{}' gives no evidence; write why = \"…\"",
                    a.name
                ));
            }
            if alias.insert(a.name.clone(), (a.slug, a.why)).is_some() {
                return Err(format!("'{}' has two [[alias]] entries; keep one", a.name));
            }
        }
        for u in parsed.unmatched {
            if u.why.trim().is_empty() {
                return Err(format!(
                    "[[unmatched]] '{}' gives no reason; write why = \"…\"",
                    u.name
                ));
            }
            if alias.contains_key(&u.name) || unmatched.insert(u.name.clone(), u.why).is_some() {
                return Err(format!(
                    "'{}' has more than one entry ([[alias]] or [[unmatched]]); keep one",
                    u.name
                ));
            }
        }
        Ok(Aliases {
            origin: origin.to_string(),
            sha256: reweigh_evals::sha256_hex(text.as_bytes()),
            alias,
            unmatched,
        })
    }
}

/// A 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    pub lower: f64,
    pub upper: f64,
}

/// One model on both boards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shared {
    /// The other board's name for it.
    pub name: String,
    pub slug: String,
    pub model: String,
    /// AA's score (published or recomputed, see [`BoardComparison::aa_score`]).
    pub aa_index: f64,
    /// Rank among every AA model counted.
    pub aa_rank_overall: usize,
    pub board_score: f64,
    pub board_ci: Option<f64>,
    pub board_rank_published: Option<usize>,
    /// Ranks among the shared models (1 = best; ties by name).
    pub aa_rank: usize,
    pub board_rank: usize,
    /// `board_rank − aa_rank`: positive = the other board ranks it lower than AA.
    pub rank_difference: i64,
    /// AA's 95% interval (analytic, of reweigh's recomputed index), with `--ci`.
    pub aa_interval: Option<Bounds>,
    /// The alias table's evidence for the match.
    pub why: String,
}

/// A board name that matched no counted AA model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmatchedName {
    pub name: String,
    pub board_rank_published: Option<usize>,
    pub reason: String,
}

/// A counted AA model that no board name matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmatchedModel {
    pub slug: String,
    pub model: String,
    pub aa_rank: Option<usize>,
}

/// AA against one other board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardComparison {
    pub board: String,
    pub origin: String,
    pub sha256: String,
    pub source_url: Option<String>,
    pub fetched_at: Option<String>,
    /// The alias table used, and its SHA-256.
    pub aliases: String,
    pub aliases_sha256: String,
    /// `published` (AA's published index) or `recomputed` (reweigh's index).
    pub aa_score: String,
    pub board_entries: usize,
    pub shared: Vec<Shared>,
    /// On the shared models' scores; NaN (written null) with fewer than two.
    pub kendall_tau_b: Option<f64>,
    pub spearman_rho: Option<f64>,
    /// Slugs of the shared models whose ranks differ most, largest |difference| first.
    pub largest_divergences: Vec<String>,
    pub unmatched_names: Vec<UnmatchedName>,
    pub unmatched_models: Vec<UnmatchedModel>,
}

/// The same result with AA's published index as the score (rows without one have none), re-ranked.
pub fn by_published(scored: &Scored) -> Scored {
    let mut out = scored.clone();
    for m in &mut out.models {
        m.index = m.published_index;
    }
    rank(&mut out.models);
    out
}

/// Compares AA's ranked models (`aa`, after any selection) with a board. `all` is the same result
/// before the selection (to say why an aliased row is not ranked); `intervals` maps slugs to AA's
/// 95% interval; `top` is how many divergences to list.
pub fn compare_boards(
    aa: &Scored,
    all: &Scored,
    board: &Board,
    aliases: &Aliases,
    aa_score: &str,
    intervals: &HashMap<String, Bounds>,
    top: usize,
) -> BoardComparison {
    let ranked: HashMap<&str, &crate::ModelScore> = aa
        .models
        .iter()
        .filter(|m| m.index.is_some())
        .map(|m| (m.slug.as_str(), m))
        .collect();
    let everything: HashMap<&str, &crate::ModelScore> =
        all.models.iter().map(|m| (m.slug.as_str(), m)).collect();
    let selection: Option<&Selection> = aa.receipt.selection.as_ref();
    let mut shared = Vec::new();
    let mut unmatched_names = Vec::new();
    let mut matched_slugs = std::collections::HashSet::new();
    for e in &board.entries {
        let unmatched = |reason: String| UnmatchedName {
            name: e.name.clone(),
            board_rank_published: e.rank,
            reason,
        };
        let Some((slug, why)) = aliases.alias.get(&e.name) else {
            unmatched_names.push(unmatched(match aliases.unmatched.get(&e.name) {
                Some(why) => why.clone(),
                None => format!(
                    "not in the alias table {}; add an [[alias]] (name → AA slug, with evidence) or an [[unmatched]] entry (with the reason)",
                    aliases.origin
                ),
            }));
            continue;
        };
        if let Some(first) = shared.iter().find(|s: &&Shared| &s.slug == slug) {
            unmatched_names.push(unmatched(format!(
                "aliased to AA '{slug}', which is already matched to '{}' on this board (a model is counted once)",
                first.name
            )));
            continue;
        }
        if let Some(m) = ranked.get(slug.as_str()) {
            matched_slugs.insert(slug.clone());
            shared.push(Shared {
                name: e.name.clone(),
                slug: slug.clone(),
                model: m.model.clone(),
                aa_index: m.index.unwrap_or(f64::NAN),
                aa_rank_overall: m.rank.unwrap_or(0),
                board_score: e.score,
                board_ci: e.ci,
                board_rank_published: e.rank,
                aa_rank: 0,
                board_rank: 0,
                rank_difference: 0,
                aa_interval: intervals.get(slug).copied(),
                why: why.clone(),
            });
            continue;
        }
        let reason = if let Some(l) =
            selection.and_then(|s| s.left_out.iter().find(|l| &l.slug == slug))
        {
            format!(
                "aliased to AA '{slug}', which is not counted ({}: {})",
                match l.rule {
                    LeftOutRule::ReleasedAfter => "released after --as-of",
                    LeftOutRule::NoReleaseDate => "no release date",
                    LeftOutRule::InvalidReleaseDate => "release date not YYYY-MM-DD",
                    LeftOutRule::UnknownValue => "value unknown",
                    LeftOutRule::NotSelected => "not selected by --where",
                },
                l.detail
            )
        } else if let Some(f) = selection.and_then(|s| {
            s.folded
                .iter()
                .find(|f| f.folded.iter().any(|v| &v.slug == slug))
        }) {
            format!(
                "aliased to AA '{slug}', which --dedupe folded into '{}' (the board lists the variants separately)",
                f.kept
            )
        } else if let Some(m) = everything.get(slug.as_str()) {
            if aa_score == "published" {
                format!(
                    "aliased to AA '{slug}', which has no published index in {}",
                    all.dataset
                )
            } else {
                format!(
                    "aliased to AA '{slug}', which has no index under {}: {}",
                    all.methodology.name,
                    m.no_index_reason()
                )
            }
        } else {
            format!(
                "aliased to AA '{slug}', which {} does not have",
                all.dataset
            )
        };
        unmatched_names.push(unmatched(reason));
    }
    // Ranks among the shared models.
    let n = shared.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        shared[b]
            .aa_index
            .total_cmp(&shared[a].aa_index)
            .then_with(|| shared[a].name.cmp(&shared[b].name))
    });
    for (r, &i) in order.iter().enumerate() {
        shared[i].aa_rank = r + 1;
    }
    order.sort_by(|&a, &b| {
        shared[b]
            .board_score
            .total_cmp(&shared[a].board_score)
            .then_with(|| shared[a].name.cmp(&shared[b].name))
    });
    for (r, &i) in order.iter().enumerate() {
        shared[i].board_rank = r + 1;
    }
    for s in &mut shared {
        s.rank_difference = s.board_rank as i64 - s.aa_rank as i64;
    }
    shared.sort_by_key(|s| s.aa_rank);
    let aa_scores: Vec<f64> = shared.iter().map(|s| s.aa_index).collect();
    let other: Vec<f64> = shared.iter().map(|s| s.board_score).collect();
    let finite = |x: f64| x.is_finite().then_some(x);
    let (tau, rho) = if n >= 2 {
        (
            finite(kendall_tau_b(&aa_scores, &other)),
            finite(spearman_rho(&aa_scores, &other)),
        )
    } else {
        (None, None)
    };
    let mut divergent: Vec<&Shared> = shared.iter().filter(|s| s.rank_difference != 0).collect();
    divergent.sort_by(|a, b| {
        b.rank_difference
            .abs()
            .cmp(&a.rank_difference.abs())
            .then_with(|| a.name.cmp(&b.name))
    });
    let largest_divergences = divergent.iter().take(top).map(|s| s.slug.clone()).collect();
    let unmatched_models = aa
        .models
        .iter()
        .filter(|m| m.index.is_some() && !matched_slugs.contains(&m.slug))
        .map(|m| UnmatchedModel {
            slug: m.slug.clone(),
            model: m.model.clone(),
            aa_rank: m.rank,
        })
        .collect();
    BoardComparison {
        board: board.label.clone(),
        origin: board.origin.clone(),
        sha256: board.sha256.clone(),
        source_url: board.source_url.clone(),
        fetched_at: board.fetched_at.clone(),
        aliases: aliases.origin.clone(),
        aliases_sha256: aliases.sha256.clone(),
        aa_score: aa_score.to_string(),
        board_entries: board.entries.len(),
        shared,
        kendall_tau_b: tau,
        spearman_rho: rho,
        largest_divergences,
        unmatched_names,
        unmatched_models,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arena_alias_table_is_valid_and_covers_both_boards() {
        let a = Aliases::arena();
        for file in [
            include_str!("../../../datasets/arena/arena_text_2026-07-04.json"),
            include_str!("../../../datasets/arena/arena_code_2026-07-04.json"),
        ] {
            // The names only: reading a board is reweigh-data's.
            let doc: serde_json::Value = serde_json::from_str(file).unwrap();
            let names: Vec<&str> = doc["models"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["model"].as_str().unwrap())
                .collect();
            assert!(names.len() >= 30);
            let missing: Vec<&str> = names
                .into_iter()
                .filter(|n| !a.alias.contains_key(*n) && !a.unmatched.contains_key(*n))
                .collect();
            assert!(missing.is_empty(), "not in the alias table: {missing:?}");
        }
    }

    #[test]
    fn aliases_refuse_ambiguity() {
        let two = "[[alias]]\nname = \"a\"\nslug = \"s\"\nwhy = \"w\"\n[[alias]]\nname = \"a\"\nslug = \"t\"\nwhy = \"w\"\n";
        assert!(Aliases::parse("t", two).unwrap_err().contains("two"));
        let both = "[[alias]]\nname = \"a\"\nslug = \"s\"\nwhy = \"w\"\n[[unmatched]]\nname = \"a\"\nwhy = \"w\"\n";
        assert!(Aliases::parse("t", both).is_err());
        assert!(
            Aliases::parse("t", "[[alias]]\nname = \"a\"\nslug = \"s\"\nwhy = \"\"\n").is_err()
        );
    }
}
