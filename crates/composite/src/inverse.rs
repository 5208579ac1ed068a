//! Inverse queries: the smallest change of weights that reverses two models, and the share of the
//! weight simplex where a model ranks first.
//!
//! `flip`: with weights W on a simplex and per-dimension differences d = score_A − score_B (index
//! points), the gap is D(W) = Σ W·d. Minimising ‖W − W₀‖₁ subject to Σ W = 1, W ≥ 0 and a reversed
//! gap is a fractional knapsack: all mass goes to the dimension where the trailing model is strongest,
//! taken first from the dimensions where the leading model is strongest. Each unit moved costs 2 in
//! L1 and changes the gap by the two dimensions' difference. A reversal exists iff the trailing model
//! is strictly better on at least one dimension.

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use crate::methodology::Methodology;
use crate::sampling::{dirichlet, gammas};
use crate::score::{ModelScore, Scored};

/// Which weights may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Over {
    /// The category weights (components' weights within categories fixed).
    Categories,
    /// The components' effective weights directly.
    Components,
}

/// The gap by which the returned weights reverse the pair (index points), so that the order flips
/// rather than ties.
pub const MARGIN: f64 = 1e-6;

/// The answer for one kind of weights.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Flip {
    pub over: Over,
    /// A's index minus B's under the current weights.
    pub difference: f64,
    /// The ids of the dimensions, their current and new weights (each summing to 1).
    pub ids: Vec<String>,
    pub current: Vec<f64>,
    /// `None` when no weighting on the simplex reverses the pair.
    pub weights: Option<Vec<f64>>,
    /// ‖new − current‖₁.
    pub l1: Option<f64>,
    /// The gap under the new weights (opposite sign to `difference`, |gap| = MARGIN).
    pub new_difference: Option<f64>,
    pub reason: Option<String>,
}

/// The per-dimension values (index points) of one model: category scores or scale × component scores.
fn values(s: &ModelScore, m: &Methodology, over: Over) -> Vec<f64> {
    match over {
        Over::Categories => m
            .categories
            .iter()
            .map(|c| s.category(&c.id).unwrap_or(0.0))
            .collect(),
        Over::Components => m
            .components
            .iter()
            .map(|k| {
                m.scale
                    * s.scores
                        .iter()
                        .find(|(id, _)| *id == k.id)
                        .map_or(0.0, |(_, v)| *v)
            })
            .collect(),
    }
}

/// The current weights of a kind (sum 1).
fn current(m: &Methodology, over: Over) -> (Vec<String>, Vec<f64>) {
    match over {
        Over::Categories => (
            m.categories.iter().map(|c| c.id.clone()).collect(),
            m.categories
                .iter()
                .map(|c| m.category_weight(&c.id))
                .collect(),
        ),
        Over::Components => {
            let w = m.effective_weights();
            (
                w.iter().map(|(k, _)| k.to_string()).collect(),
                w.iter().map(|(_, v)| *v).collect(),
            )
        }
    }
}

/// The smallest L1 change of `over` weights that reverses `a` and `b`.
pub fn flip(m: &Methodology, a: &ModelScore, b: &ModelScore, over: Over) -> Result<Flip, String> {
    for s in [a, b] {
        if s.index.is_none() || s.flags.iter().any(|f| f.starts_with("renormalized:")) {
            return Err(format!(
                "{} has no index under the methodology's own weights: {}",
                s.slug,
                s.no_index_reason()
            ));
        }
    }
    let (ids, w0) = current(m, over);
    let (va, vb) = (values(a, m, over), values(b, m, over));
    let d: Vec<f64> = va.iter().zip(&vb).map(|(x, y)| x - y).collect();
    let gap: f64 = w0.iter().zip(&d).map(|(w, d)| w * d).sum();
    let mut result = Flip {
        over,
        difference: gap,
        ids,
        current: w0.clone(),
        weights: None,
        l1: None,
        new_difference: None,
        reason: None,
    };
    match reverse_weights(&d, &w0) {
        Some(w) => {
            result.l1 = Some(w.iter().zip(&w0).map(|(x, y)| (x - y).abs()).sum());
            result.new_difference = Some(w.iter().zip(&d).map(|(w, d)| w * d).sum());
            result.weights = Some(w);
        }
        None => {
            let (leader, trailer) = if gap >= 0.0 { (a, b) } else { (b, a) };
            result.reason = Some(format!(
                "no weighting of the {} reverses them: {} is at least as good as {} on every one",
                match over {
                    Over::Categories => "categories",
                    Over::Components => "components",
                },
                leader.slug,
                trailer.slug
            ));
        }
    }
    Ok(result)
}

/// The weights closest to `w0` in L1 (on the simplex) under which the gap Σ w·d changes sign, by
/// MARGIN beyond zero; `None` when the trailing side is nowhere strictly better.
pub fn reverse_weights(d: &[f64], w0: &[f64]) -> Option<Vec<f64>> {
    let gap: f64 = w0.iter().zip(d).map(|(w, d)| w * d).sum();
    // The leader's advantage per dimension; reversing means Σ w·e ≤ −MARGIN.
    let sign = if gap >= 0.0 { 1.0 } else { -1.0 };
    let e: Vec<f64> = d.iter().map(|x| sign * x).collect();
    let (j, &ej) = e
        .iter()
        .enumerate()
        .min_by(|x, y| x.1.total_cmp(y.1).then(x.0.cmp(&y.0)))?;
    if ej >= 0.0 {
        return None;
    }
    let mut need = sign * gap + MARGIN;
    let mut w = w0.to_vec();
    let mut donors: Vec<usize> = (0..e.len()).filter(|&i| i != j).collect();
    donors.sort_by(|&x, &y| e[y].total_cmp(&e[x]).then(x.cmp(&y)));
    for i in donors {
        let per_unit = e[i] - ej;
        if need <= 0.0 || per_unit <= 0.0 || w[i] <= 0.0 {
            continue;
        }
        let moved = w[i].min(need / per_unit);
        w[i] -= moved;
        w[j] += moved;
        need -= moved * per_unit;
    }
    (need <= 1e-12).then_some(w)
}

/// The share of the weight simplex (uniform) on which `slug` ranks first, with its Monte-Carlo
/// standard error.
///
/// One random stream (`Pcg64Mcg::seed_from_u64(seed)`) gives the weightings in order. Per sample
/// the work is the model's index and a comparison with its competitors, most likely winners first,
/// stopping at the first that is not strictly below. Only competitors on the Pareto front of the
/// others are compared ([`competitors`]): a row that another non-target row matches or beats on
/// every dimension is never above that row under non-negative weights — not even after rounding —
/// so it cannot be first when that row is not. The answer is the one of comparing with every model.
pub fn first_share(
    scored: &Scored,
    m: &Methodology,
    slug: &str,
    over: Over,
    samples: usize,
    seed: u64,
) -> Result<(f64, f64), String> {
    let rows: Vec<&ModelScore> = scored
        .models
        .iter()
        .filter(|s| s.index.is_some() && !s.flags.iter().any(|f| f.starts_with("renormalized:")))
        .collect();
    let target = rows.iter().position(|s| s.slug == slug).ok_or_else(|| {
        let reason = scored
            .models
            .iter()
            .find(|s| s.slug == slug)
            .map(|s| s.no_index_reason())
            .unwrap_or_default();
        format!("{slug} has no index under the methodology's own weights: {reason}")
    })?;
    let table: Vec<Vec<f64>> = rows.iter().map(|s| values(s, m, over)).collect();
    share_first(&table, target, samples, seed)
}

/// [`first_share`] on a table of per-dimension values (one row per model).
pub fn share_first(
    table: &[Vec<f64>],
    target: usize,
    samples: usize,
    seed: u64,
) -> Result<(f64, f64), String> {
    let dims = table[0].len();
    let mine_row = &table[target];
    let rivals = competitors(table, target);
    // Dimension-major copy of the competitors' values, LANES at a time; the last block is padded
    // with the first competitor again (a repeat changes no comparison).
    let blocks = rivals.len().div_ceil(LANES);
    let mut t = vec![0.0; blocks * LANES * dims];
    for r in 0..blocks * LANES {
        let i = rivals.get(r).unwrap_or(&rivals[0]);
        let (blk, lane) = (r / LANES, r % LANES);
        for (j, v) in table[*i].iter().enumerate() {
            t[(blk * dims + j) * LANES + lane] = *v;
        }
    }
    // Dirichlet(1, …, 1): uniform on the simplex.
    let uniform = gammas(&vec![1.0; dims], 1.0)?;
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut w = vec![0.0; dims];
    let mut wins = 0usize;
    let zero: f64 = std::iter::empty::<f64>().sum();
    for _ in 0..samples {
        // Gamma(1) variates are exponential: a sum below the smallest normal f64 has probability
        // below 1e-300, and is an error rather than a silent weighting.
        dirichlet(&uniform, &mut rng, &mut w)
            .map_err(|_| "a uniform weighting underflowed; use another --seed".to_string())?;
        let mine: f64 = mine_row.iter().zip(&w).map(|(v, w)| v * w).sum();
        // Each competitor's sum in the same order as `mine`: bit for bit the plain sum.
        let first = t.chunks_exact(LANES * dims).all(|block| {
            let mut acc = [zero; LANES];
            for (col, wj) in block.chunks_exact(LANES).zip(&w) {
                for l in 0..LANES {
                    acc[l] += col[l] * wj;
                }
            }
            acc.iter().all(|v| *v < mine)
        });
        wins += usize::from(first);
    }
    let p = wins as f64 / samples as f64;
    Ok((p, (p * (1.0 - p) / samples as f64).sqrt()))
}

/// [`first_share`] for each kind of weights in `overs`, each on its own thread: every kind draws
/// from its own stream, so the results are those of calling [`first_share`] once per kind.
pub fn first_shares(
    scored: &Scored,
    m: &Methodology,
    slug: &str,
    overs: &[Over],
    samples: usize,
    seed: u64,
) -> Result<Vec<(Over, f64, f64)>, String> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = overs
            .iter()
            .map(|&over| {
                scope.spawn(move || {
                    first_share(scored, m, slug, over, samples, seed).map(|(p, se)| (over, p, se))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    })
}

/// Competitors per block of [`first_share`]'s comparison.
const LANES: usize = 8;

/// The rows other than `target` that no other non-target row covers, the likeliest winners first
/// (largest value under equal weights, then position).
///
/// Row a covers row b when a ≥ b on every dimension (and a comes first if they are equal). For
/// weights w ≥ 0 every rounded product and partial sum of b is then at most a's (rounding is
/// monotone), so b's computed index never exceeds a's; a row covered by one that is below the
/// target's index is below it too. Coverage is transitive, so the uncovered rows suffice. Rows
/// with a non-finite value are always kept.
pub fn competitors(table: &[Vec<f64>], target: usize) -> Vec<usize> {
    let finite = |r: &[f64]| r.iter().all(|v| v.is_finite());
    let covers = |a: usize, b: usize| {
        finite(&table[a])
            && finite(&table[b])
            && table[a].iter().zip(&table[b]).all(|(x, y)| x >= y)
            && (a < b || table[a] != table[b])
    };
    let mut kept: Vec<usize> = (0..table.len())
        .filter(|&b| {
            b != target && !(0..table.len()).any(|a| a != target && a != b && covers(a, b))
        })
        .collect();
    let centre = |r: &[f64]| r.iter().sum::<f64>();
    kept.sort_by(|&a, &b| {
        centre(&table[b])
            .total_cmp(&centre(&table[a]))
            .then(a.cmp(&b))
    });
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    /// Synthetic tables (seeded, labelled as such) with covered rows, repeated rows, a target that
    /// others cover and more rows than one block: the same share as comparing with every row.
    #[test]
    fn pruned_comparison_gives_the_plain_share() {
        let mut rng = Pcg64Mcg::seed_from_u64(21);
        let mut shares = Vec::new();
        for case in 0..12 {
            let dims = 2 + case % 9;
            let n = 5 + 7 * case;
            let mut table: Vec<Vec<f64>> = (0..n)
                .map(|_| (0..dims).map(|_| rng.random::<f64>() * 60.0).collect())
                .collect();
            table[1] = table[0].clone();
            table[3] = table[2].iter().map(|v| v * 0.9).collect();
            let target = case % 4;
            // Near the top in some dimensions, so that it is first under some weightings.
            for j in (0..dims).step_by(2) {
                table[target][j] = 40.0 + table[target][j] / 2.0;
            }
            let samples = 3000;
            let want = {
                let uniform = gammas(&vec![1.0; dims], 1.0).unwrap();
                let mut rng = Pcg64Mcg::seed_from_u64(case as u64);
                let mut w = vec![0.0; dims];
                let mut wins = 0usize;
                for _ in 0..samples {
                    dirichlet(&uniform, &mut rng, &mut w).unwrap();
                    let mine: f64 = table[target].iter().zip(&w).map(|(v, w)| v * w).sum();
                    let first = table.iter().enumerate().all(|(i, row)| {
                        i == target || row.iter().zip(&w).map(|(v, w)| v * w).sum::<f64>() < mine
                    });
                    wins += usize::from(first);
                }
                wins as f64 / samples as f64
            };
            let (got, _) = share_first(&table, target, samples, case as u64).unwrap();
            assert_eq!(got, want, "case {case}");
            shares.push(got);
            assert!(competitors(&table, target).len() < n - 1);
        }
        // Neither never nor always first, in most cases: the comparisons decide.
        assert!(
            shares.iter().filter(|p| **p > 0.0 && **p < 1.0).count() >= 6,
            "{shares:?}"
        );
    }

    /// Dense random search (synthetic differences, seeded): no reversing weighting is closer in L1
    /// than the knapsack solution.
    #[test]
    fn no_random_weighting_reverses_with_a_smaller_change() {
        let mut rng = Pcg64Mcg::seed_from_u64(7);
        for case in 0..40 {
            let dims = 2 + case % 5;
            let d: Vec<f64> = (0..dims)
                .map(|_| rng.random::<f64>() * 20.0 - 8.0)
                .collect();
            let w0: Vec<f64> = {
                let raw: Vec<f64> = (0..dims).map(|_| 0.1 + rng.random::<f64>()).collect();
                let t: f64 = raw.iter().sum();
                raw.iter().map(|x| x / t).collect()
            };
            let gap: f64 = w0.iter().zip(&d).map(|(w, d)| w * d).sum();
            let best = reverse_weights(&d, &w0).map(|w| {
                let g: f64 = w.iter().zip(&d).map(|(w, d)| w * d).sum();
                assert!(g.signum() != gap.signum(), "case {case}: not reversed");
                w.iter().zip(&w0).map(|(x, y)| (x - y).abs()).sum::<f64>()
            });
            for _ in 0..20000 {
                // Local perturbations of w0 and uniform points of the simplex.
                let step = rng.random::<f64>();
                let raw: Vec<f64> = w0
                    .iter()
                    .map(|w| (w + step * (rng.random::<f64>() - 0.5)).max(0.0))
                    .collect();
                let t: f64 = raw.iter().sum();
                if t <= 0.0 {
                    continue;
                }
                let w: Vec<f64> = raw.iter().map(|x| x / t).collect();
                let g: f64 = w.iter().zip(&d).map(|(w, d)| w * d).sum();
                if g.signum() != gap.signum() && g.abs() >= MARGIN {
                    let l1: f64 = w.iter().zip(&w0).map(|(x, y)| (x - y).abs()).sum();
                    let best = best.expect("a random search found a reversal the solver missed");
                    assert!(
                        l1 >= best - 1e-9,
                        "case {case}: random {l1} < solver {best}"
                    );
                }
            }
        }
    }
}
