//! Other leaderboards: an Arena capture (`.json`) or a plain `model,score[,ci]` CSV, read into a
//! [`Board`].
//!
//! ```
//! use reweigh_data::boards::read_board;
//! let b = read_board("b.csv", b"model,score,ci\nm-1,1500,4\nm-2,1490,NA\n").unwrap();
//! assert_eq!(b.entries[1].ci, None);
//! ```

use std::collections::HashMap;

use reweigh_evals::board::{Board, Entry, MAX_ENTRIES};
use serde::Deserialize;

#[derive(Deserialize)]
struct ArenaJson {
    meta: ArenaMeta,
    models: Vec<ArenaModel>,
}

#[derive(Deserialize)]
struct ArenaMeta {
    leaderboard: String,
    source_url: Option<String>,
    fetched_at: Option<String>,
}

#[derive(Deserialize)]
struct ArenaModel {
    rank: Option<usize>,
    model: String,
    score: f64,
    ci: Option<f64>,
    votes: Option<f64>,
}

/// Reads a board: an Arena capture (`.json`: `{meta {leaderboard, source_url, fetched_at}, models
/// [{rank, model, score, ci, votes}]}`) or a CSV with the header `model,score` or `model,score,ci`
/// (`NA` or empty for an unknown ci). Errors are sentences naming the row and the value.
pub fn read_board(origin: &str, bytes: &[u8]) -> Result<Board, String> {
    let sha256 = reweigh_evals::sha256_hex(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text: {e}"))?;
    let lower = origin.to_ascii_lowercase();
    let (label, source_url, fetched_at, entries) = if lower.ends_with(".json") {
        // An Arena capture needs 3 levels; no parser recurses deeper than the datasets' limit.
        crate::json::check_depth(origin, bytes).map_err(|e| {
            format!(
                "{}: expected {}",
                e.at.value.clone().unwrap_or_default(),
                e.at.expected
            )
        })?;
        let doc: ArenaJson = serde_json::from_str(text).map_err(|e| {
            format!("not an Arena capture ({e}); expected {{\"meta\": {{\"leaderboard\": …}}, \"models\": [{{\"model\", \"score\", \"ci\", \"rank\", \"votes\"}}]}}")
        })?;
        let entries = doc
            .models
            .into_iter()
            .map(|m| Entry {
                name: m.model,
                score: m.score,
                ci: m.ci,
                rank: m.rank,
                votes: m.votes,
            })
            .collect();
        (
            format!("arena {}", doc.meta.leaderboard),
            doc.meta.source_url,
            doc.meta.fetched_at,
            entries,
        )
    } else if lower.ends_with(".csv") {
        (
            std::path::Path::new(origin)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| origin.to_string()),
            None,
            None,
            read_csv(text)?,
        )
    } else {
        return Err(
            "expected a .json Arena capture or a .csv with columns model,score[,ci]".into(),
        );
    };
    if entries.len() > MAX_ENTRIES {
        return Err(format!(
            "{} entries; a board may have at most {MAX_ENTRIES}",
            entries.len()
        ));
    }
    let mut seen = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.name.trim().is_empty() {
            return Err(format!("entry {}: the model name is empty", i + 1));
        }
        if !e.score.is_finite() {
            return Err(format!(
                "entry {} ({}): score {} is not a finite number",
                i + 1,
                e.name,
                e.score
            ));
        }
        if let Some(ci) = e.ci
            && !(ci.is_finite() && ci >= 0.0)
        {
            return Err(format!(
                "entry {} ({}): ci {ci} is not a finite half-width of 0 or more",
                i + 1,
                e.name
            ));
        }
        if let Some(first) = seen.insert(e.name.as_str(), i) {
            return Err(format!(
                "model '{}' appears twice (entries {} and {}); a board lists each model once",
                e.name,
                first + 1,
                i + 1
            ));
        }
    }
    Ok(Board {
        label,
        origin: origin.to_string(),
        sha256,
        source_url,
        fetched_at,
        entries,
    })
}

fn read_csv(text: &str) -> Result<Vec<Entry>, String> {
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, h)| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .unwrap_or_default();
    let with_ci = match header.as_str() {
        "model,score" => false,
        "model,score,ci" => true,
        other => {
            return Err(format!(
                "row 1: header '{other}'; expected 'model,score' or 'model,score,ci'"
            ));
        }
    };
    let mut out = Vec::new();
    for (i, line) in lines {
        let row = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.contains('"') {
            return Err(format!(
                "row {row}: quoted fields are not read; write model names without commas or quotes"
            ));
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        if f.len() != if with_ci { 3 } else { 2 } {
            return Err(format!(
                "row {row}: {} fields; the header has {}",
                f.len(),
                if with_ci { 3 } else { 2 }
            ));
        }
        let number = |column: &str, v: &str| -> Result<f64, String> {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("row {row}, column {column}: '{v}' is not a finite number"))
        };
        let ci = if with_ci && !(f[2].is_empty() || f[2] == "NA") {
            Some(number("ci", f[2])?)
        } else {
            None
        };
        out.push(Entry {
            name: f[0].to_string(),
            score: number("score", f[1])?,
            ci,
            rank: None,
            votes: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boards_read_and_refuse() {
        let arena = include_bytes!("../../../datasets/arena/arena_text_2026-07-04.json");
        let b = read_board("arena_text_2026-07-04.json", arena).unwrap();
        assert_eq!(b.label, "arena text");
        assert_eq!(b.entries.len(), 30);
        assert_eq!(b.entries[0].name, "claude-fable-5");
        assert_eq!(b.entries[0].score, 1509.0);
        assert_eq!(b.entries[0].ci, Some(9.0));
        assert!(
            read_board("b.csv", b"name,score\nx,1\n")
                .unwrap_err()
                .contains("header")
        );
        assert!(
            read_board("b.csv", b"model,score\nx,abc\n")
                .unwrap_err()
                .contains("row 2")
        );
        assert!(
            read_board("b.csv", b"model,score\nx,1\nx,2\n")
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            read_board("b.csv", b"model,score,ci\nx,1,-2\n")
                .unwrap_err()
                .contains("ci")
        );
        assert!(read_board("b.txt", b"").is_err());
        assert!(read_board("b.json", b"{}").unwrap_err().contains("Arena"));
    }
}
