//! Comparing rankings: the same models scored under several policies (or methodologies).

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::score::Scored;

/// One model across the compared scorings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    pub slug: String,
    pub model: String,
    /// Index under each scoring, in the order given.
    pub index: Vec<f64>,
    /// Rank among the compared models under each scoring (1 = best; ties broken by slug).
    pub rank: Vec<usize>,
    /// Rank under the last scoring minus rank under the first (negative = moved up).
    pub rank_change: i64,
}

/// Agreement between two scorings' rankings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Agreement {
    pub a: String,
    pub b: String,
    /// Kendall's τ-b on the index values.
    pub kendall_tau: f64,
    /// Spearman's ρ on the average ranks of the index values.
    pub spearman_rho: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Excluded {
    pub slug: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The scorings' labels (abstention policy, or methodology name).
    pub labels: Vec<String>,
    /// Models with an index under every scoring, ordered by rank under the first.
    pub rows: Vec<Row>,
    pub agreements: Vec<Agreement>,
    pub excluded: Vec<Excluded>,
}

impl Comparison {
    /// The `n` models whose rank moved most between the first and last scoring (ties by slug).
    pub fn largest_movers(&self, n: usize) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().filter(|r| r.rank_change != 0).collect();
        rows.sort_by(|a, b| {
            b.rank_change
                .abs()
                .cmp(&a.rank_change.abs())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        rows.truncate(n);
        rows
    }
}

/// `compare --format json`: the scorings' labels, every ranked model (its `index` and `rank` under
/// each scoring, in the order of `scorings`), the agreements, the ten largest movers, the excluded.
impl serde::Serialize for Comparison {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let movers: Vec<&str> = self
            .largest_movers(10)
            .iter()
            .map(|r| r.slug.as_str())
            .collect();
        let mut st = s.serialize_struct("Comparison", 5)?;
        st.serialize_field("scorings", &self.labels)?;
        st.serialize_field("models", &self.rows)?;
        st.serialize_field("agreements", &self.agreements)?;
        st.serialize_field("largest_movers", &movers)?;
        st.serialize_field("excluded", &self.excluded)?;
        st.end()
    }
}

/// Compares scorings of the same dataset. Only models with an index under every scoring are ranked;
/// the others are listed as excluded with the reason.
pub fn compare(labels: Vec<String>, scorings: &[&Scored]) -> Comparison {
    let first = scorings[0];
    // Each scoring's models by slug: one hash lookup per model and scoring, not a scan.
    let by_slug: Vec<HashMap<&str, &crate::score::ModelScore>> = scorings
        .iter()
        .map(|s| s.models.iter().map(|m| (m.slug.as_str(), m)).collect())
        .collect();
    let mut rows = Vec::new();
    let mut excluded = Vec::new();
    'models: for m in &first.models {
        let mut index = Vec::with_capacity(scorings.len());
        for (label, s) in labels.iter().zip(&by_slug) {
            let other = s.get(m.slug.as_str()).copied();
            match other.and_then(|o| o.index) {
                Some(i) => index.push(i),
                None => {
                    let missing = other.map(|o| o.missing.join(", ")).unwrap_or_default();
                    excluded.push(Excluded {
                        slug: m.slug.clone(),
                        reason: format!("no index under {label} (missing {missing})"),
                    });
                    continue 'models;
                }
            }
        }
        rows.push(Row {
            slug: m.slug.clone(),
            model: m.model.clone(),
            index,
            rank: Vec::new(),
            rank_change: 0,
        });
    }
    for j in 0..scorings.len() {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&x, &y| by_index(&rows[x], &rows[y], j));
        for (r, &i) in order.iter().enumerate() {
            rows[i].rank.push(r + 1);
        }
    }
    let last = scorings.len() - 1;
    for r in &mut rows {
        r.rank_change = r.rank[last] as i64 - r.rank[0] as i64;
    }
    rows.sort_by(|x, y| x.rank[0].cmp(&y.rank[0]));
    let mut agreements = Vec::new();
    for a in 0..scorings.len() {
        for b in a + 1..scorings.len() {
            let xa: Vec<f64> = rows.iter().map(|r| r.index[a]).collect();
            let xb: Vec<f64> = rows.iter().map(|r| r.index[b]).collect();
            agreements.push(Agreement {
                a: labels[a].clone(),
                b: labels[b].clone(),
                kendall_tau: kendall_tau_b(&xa, &xb),
                spearman_rho: spearman_rho(&xa, &xb),
            });
        }
    }
    Comparison {
        labels,
        rows,
        agreements,
        excluded,
    }
}

fn by_index(a: &Row, b: &Row, j: usize) -> Ordering {
    b.index[j]
        .total_cmp(&a.index[j])
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Kendall's τ-b: (concordant − discordant) / √((n0 − n1)(n0 − n2)), ties handled; NaN when either
/// ranking is all ties.
///
/// Knight's O(n log n) algorithm: sort the pairs by (x, y), count the ties in x and the joint ties,
/// then merge-sort by y counting the exchanges (the discordant pairs) and the ties in y. Values are
/// compared with `total_cmp`. The counts are the same integers the pairwise definition gives.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let mut pairs: Vec<(f64, f64)> = x.iter().copied().zip(y.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let n1 = tied_pairs(&pairs, |a, b| a.0.total_cmp(&b.0) == Ordering::Equal);
    let n3 = tied_pairs(&pairs, |a, b| {
        a.0.total_cmp(&b.0) == Ordering::Equal && a.1.total_cmp(&b.1) == Ordering::Equal
    });
    let mut ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let swaps = merge_sort_counting(&mut ys);
    let n2 = tied_pairs(&ys, |a, b| a.total_cmp(b) == Ordering::Equal);
    let n0 = (n as u64) * (n as u64).saturating_sub(1) / 2;
    // concordant − discordant = n0 − n1 − n2 + n3 − 2·swaps.
    let difference = n0 as i128 - n1 as i128 - n2 as i128 + n3 as i128 - 2 * swaps as i128;
    let denominator = (((n0 - n1) as i128 * (n0 - n2) as i128) as f64).sqrt();
    if denominator == 0.0 {
        f64::NAN
    } else {
        difference as f64 / denominator
    }
}

/// The number of pairs within runs of neighbours that `same` joins (in sorted values: tied pairs).
fn tied_pairs<T>(sorted: &[T], same: impl Fn(&T, &T) -> bool) -> u64 {
    let pairs = |run: u64| run * (run - 1) / 2;
    let (mut total, mut run) = (0u64, 1u64);
    for w in sorted.windows(2) {
        if same(&w[0], &w[1]) {
            run += 1;
        } else {
            total += pairs(run);
            run = 1;
        }
    }
    total + pairs(run)
}

/// Sorts ascending (by `total_cmp`, stable) and returns the number of exchanges: pairs i < j with
/// v[i] > v[j].
fn merge_sort_counting(v: &mut [f64]) -> u64 {
    let n = v.len();
    let mut buffer = vec![0.0; n];
    let mut swaps = 0u64;
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if v[j].total_cmp(&v[i]) == Ordering::Less {
                    buffer[k] = v[j];
                    swaps += (mid - i) as u64;
                    j += 1;
                } else {
                    buffer[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            buffer[k..k + (mid - i)].copy_from_slice(&v[i..mid]);
            k += mid - i;
            buffer[k..k + (end - j)].copy_from_slice(&v[j..end]);
            v[start..end].copy_from_slice(&buffer[start..end]);
        }
        width *= 2;
    }
    swaps
}

/// Spearman's ρ: Pearson's correlation of the average ranks.
pub fn spearman_rho(x: &[f64], y: &[f64]) -> f64 {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Ranks 1..n (ascending), ties sharing the average of their positions.
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = average;
        }
        i = j + 1;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlations_of_known_rankings() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(kendall_tau_b(&x, &x), 1.0);
        assert_eq!(spearman_rho(&x, &x), 1.0);
        let reversed = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert_eq!(kendall_tau_b(&x, &reversed), -1.0);
        assert!((spearman_rho(&x, &reversed) + 1.0).abs() < 1e-15);
        // One adjacent swap: 9 concordant, 1 discordant → τ = 0.8; ρ = 1 − 6·2/(5·24) = 0.9.
        let swapped = [1.0, 2.0, 3.0, 5.0, 4.0];
        assert!((kendall_tau_b(&x, &swapped) - 0.8).abs() < 1e-15);
        assert!((spearman_rho(&x, &swapped) - 0.9).abs() < 1e-12);
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 5.0]),
            vec![2.0, 3.5, 3.5, 1.0]
        );
        assert!(kendall_tau_b(&[1.0, 1.0], &[2.0, 3.0]).is_nan());
        assert!(kendall_tau_b(&[], &[]).is_nan());
    }

    /// The pairwise definition, O(n²): the reference for Knight's algorithm.
    fn kendall_pairwise(x: &[f64], y: &[f64]) -> f64 {
        let (mut c, mut d, mut tx, mut ty) = (0i64, 0i64, 0i64, 0i64);
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                let (dx, dy) = (x[i].total_cmp(&x[j]), y[i].total_cmp(&y[j]));
                match (dx, dy) {
                    (Ordering::Equal, Ordering::Equal) => {}
                    (Ordering::Equal, _) => tx += 1,
                    (_, Ordering::Equal) => ty += 1,
                    _ if dx == dy => c += 1,
                    _ => d += 1,
                }
            }
        }
        (c - d) as f64 / (((c + d + tx) * (c + d + ty)) as f64).sqrt()
    }

    /// Synthetic (seeded) rankings with many ties: Knight's algorithm gives the pairwise value
    /// bit for bit.
    #[test]
    fn knight_matches_the_pairwise_definition() {
        use rand::RngExt;
        let mut rng = crate::sampling::stream(99, 0);
        for case in 0..200 {
            let n = 2 + case % 60;
            let levels = 1 + case % 7;
            let x: Vec<f64> = (0..n).map(|_| rng.random_range(0..levels) as f64).collect();
            let y: Vec<f64> = (0..n)
                .map(|_| rng.random_range(0..levels + 2) as f64 * 0.5)
                .collect();
            let (fast, slow) = (kendall_tau_b(&x, &y), kendall_pairwise(&x, &y));
            assert!(
                fast.to_bits() == slow.to_bits() || (fast.is_nan() && slow.is_nan()),
                "case {case}: {fast} vs {slow}"
            );
        }
    }
}
