//! "Did you mean …?": the closest names to a mistyped one (slugs, columns, policy names).

/// Levenshtein distance (insertions, deletions, substitutions), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.chars().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The length of the longest common subsequence of two strings, by characters.
fn common_subsequence(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev = vec![0; b.len() + 1];
    let mut cur = vec![0; b.len() + 1];
    for ca in a.chars() {
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == *cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidates closest to `typed` (case-insensitive): those at the smallest edit distance when it
/// is small for the name's length (at most a third of it, and at least 2), then those containing
/// what was typed; at most `limit`, closest first.
pub fn closest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let needle = typed.to_lowercase();
    let threshold = (needle.chars().count() / 3).max(2);
    let mut near: Vec<(usize, &str)> = Vec::new();
    let mut containing: Vec<&str> = Vec::new();
    for c in candidates {
        let lower = c.to_lowercase();
        // The distance is at least the difference in length: skip the quadratic work then.
        if lower.chars().count().abs_diff(needle.chars().count()) <= threshold {
            let d = edit_distance(&needle, &lower);
            if d <= threshold {
                near.push((d, c));
                continue;
            }
        }
        if !needle.is_empty() && lower.contains(&needle) {
            containing.push(c);
        }
    }
    // The smallest distance; among those, the most characters in common, in order (a dropped
    // character is a likelier typo than an added one: `qwen37-max` is `qwen3-7-max`, not
    // `qwen3-max`).
    let best = near.iter().map(|(d, _)| *d).min();
    let mut tied: Vec<(usize, &str)> = near
        .iter()
        .filter(|(d, _)| Some(*d) == best)
        .map(|(_, c)| (common_subsequence(&needle, &c.to_lowercase()), *c))
        .collect();
    let most = tied.iter().map(|(l, _)| *l).max();
    tied.retain(|(l, _)| Some(*l) == most);
    tied.sort_unstable_by(|a, b| a.1.cmp(b.1));
    let mut out: Vec<&str> = tied.into_iter().map(|(_, c)| c).collect();
    containing.sort_unstable();
    out.extend(containing);
    out.truncate(limit);
    out
}

/// `did you mean 'x'?` or `did you mean one of: x, y, z`; `None` when nothing is close.
pub fn did_you_mean(close: &[&str]) -> Option<String> {
    match close {
        [] => None,
        [one] => Some(format!("did you mean '{one}'?")),
        many => Some(format!("did you mean one of: {}", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("qwen37-max", "qwen3-7-max"), 1);
        let slugs = [
            "qwen3-7-max",
            "qwen3-6-max",
            "qwen3-7-plus",
            "gpt-5-5",
            "qwen3-max",
        ];
        assert_eq!(closest("qwen37-max", slugs, 8), vec!["qwen3-7-max"]);
        assert_eq!(closest("QWEN3-7-MAX", slugs, 8), vec!["qwen3-7-max"]);
        assert_eq!(
            closest("qwen3-7", slugs, 8),
            vec!["qwen3-7-max", "qwen3-7-plus"]
        );
        assert!(closest("nobody", slugs, 8).is_empty());
        assert_eq!(
            did_you_mean(&closest("gpt-55", slugs, 8)).unwrap(),
            "did you mean 'gpt-5-5'?"
        );
        assert_eq!(did_you_mean(&[]), None);
    }
}
