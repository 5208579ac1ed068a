//! Is a ranking an artefact of the weights? Weightings sampled from a Dirichlet distribution centred
//! on the methodology's effective weights, w ~ Dirichlet(K·w₀); each model's rank distribution.
//!
//! The kernel works on plain slices (a models × components score matrix), in fixed chunks of draws
//! with one seeded random stream per chunk, so results do not depend on the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use crate::sampling::{Ranker, dirichlet, gammas, rank_into, stream};
use crate::score::Scored;

/// Scores of the models with an index under the methodology's own weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub slugs: Vec<String>,
    pub models: Vec<String>,
    pub components: Vec<String>,
    /// models × components, row-major: normalised scores in [0, 1].
    pub scores: Vec<f64>,
    /// The methodology's effective weights (sum 1), per component.
    pub weights: Vec<f64>,
}

impl Matrix {
    /// From a scored dataset: the rows whose weights are the methodology's (rows with renormalised
    /// or zeroed components are left out, and counted in `excluded`).
    pub fn new(scored: &Scored) -> (Matrix, usize) {
        let components: Vec<String> = scored
            .effective_weights
            .iter()
            .map(|(k, _)| k.clone())
            .collect();
        let weights: Vec<f64> = scored.effective_weights.iter().map(|(_, w)| *w).collect();
        let mut m = Matrix {
            slugs: Vec::new(),
            models: Vec::new(),
            components,
            scores: Vec::new(),
            weights,
        };
        let mut excluded = 0;
        for s in scored.models.iter().filter(|s| s.index.is_some()) {
            if s.scores.len() != m.components.len()
                || s.flags.iter().any(|f| f.starts_with("renormalized:"))
            {
                excluded += 1;
                continue;
            }
            m.slugs.push(s.slug.clone());
            m.models.push(s.model.clone());
            m.scores.extend(s.scores.iter().map(|(_, v)| *v));
        }
        (m, excluded)
    }

    pub fn rows(&self) -> usize {
        self.slugs.len()
    }
}

/// One model's rank distribution over the sampled weightings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RankStats {
    pub slug: String,
    pub model: String,
    /// Rank under the methodology's own weights.
    pub rank: usize,
    pub median: usize,
    pub p5: usize,
    pub p95: usize,
    /// P(rank 1).
    pub p_first: f64,
}

const CHUNK: usize = 1024;

/// The most models a rank histogram covers: it is models × models counts (4 bytes each), 400 MB at
/// this size.
pub const MAX_MODELS: usize = 10_000;

/// The most draws × models a run may take (the work: one weighted sum and one sort per draw).
pub const MAX_DRAW_MODELS: f64 = 2e8;

/// The most memory the per-thread histograms may take together; fewer threads are used when more
/// would exceed it (the result does not depend on the number of threads).
const HISTOGRAM_BUDGET: usize = 512 << 20;

/// Checks that `draws` weightings over `models` models fit the limits, before anything is
/// allocated; the message names what to change.
pub fn check_size(models: usize, draws: usize) -> Result<(), String> {
    if models > MAX_MODELS {
        return Err(format!(
            "{models} models: the rank histogram covers at most {MAX_MODELS} models ({MAX_MODELS}² counts); use a dataset with fewer models"
        ));
    }
    let work = models as f64 * draws as f64;
    if work > MAX_DRAW_MODELS {
        return Err(format!(
            "--draws {draws} × {models} models = {work:.3e}, above the limit of {MAX_DRAW_MODELS:.0e}; use --draws {} or fewer",
            (MAX_DRAW_MODELS / models as f64).floor()
        ));
    }
    Ok(())
}

/// Why a robustness run stopped.
fn degenerate(count: u64, concentration: f64) -> String {
    format!(
        "{count} Dirichlet draws at concentration {concentration} had every Gamma variate underflow (no valid weighting); use a larger --concentration"
    )
}

/// The rank histogram (models × ranks) over `draws` weightings, on all available cores.
pub fn rank_histogram(
    m: &Matrix,
    concentration: f64,
    draws: usize,
    seed: u64,
) -> Result<Vec<u32>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    rank_histogram_on(m, concentration, draws, seed, threads)
}

/// [`rank_histogram`] on a given number of threads (the result does not depend on it).
///
/// Chunk c of [`CHUNK`] draws always comes from the random stream `stream(seed, c)`; the threads
/// take chunks as they free up and each adds into its own histogram, and the histograms are summed
/// (integer counts, so in any order). Per draw: the Dirichlet weights, the indices of all models as
/// one product with the transposed score matrix ([`indices`]), the order under the methodology's
/// weights re-sorted ([`Ranker`]) and one count per model. Nothing is allocated per draw.
pub fn rank_histogram_on(
    m: &Matrix,
    concentration: f64,
    draws: usize,
    seed: u64,
    threads: usize,
) -> Result<Vec<u32>, String> {
    let (n, k) = (m.rows(), m.components.len());
    check_size(n, draws)?;
    let chunks = draws.div_ceil(CHUNK);
    let per_thread = (n * n * size_of::<u32>()).max(1);
    let threads = threads
        .min(HISTOGRAM_BUDGET / per_thread)
        .clamp(1, chunks.max(1));
    let g = gammas(&m.weights, concentration)?;
    let st = transpose(&m.scores, n, k);
    // Every draw starts from the order under the methodology's weights.
    let ranker = {
        let mut v = vec![0.0; n];
        indices(&st, &m.weights, &mut v);
        let mut ranker = Ranker::new((0..n as u32).collect());
        let start = ranker.rank(&v).iter().map(|&k| Ranker::position(k) as u32);
        Ranker::new(start.collect())
    };
    let next = AtomicUsize::new(0);
    let partial: Vec<(Vec<u32>, u64)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (g, st, ranker, next) = (&g, &st, &ranker, &next);
                scope.spawn(move || {
                    let mut hist = vec![0u32; n * n];
                    let mut degenerate = 0u64;
                    let (mut w, mut v) = (vec![0.0; k], vec![0.0; n]);
                    let mut ranker = ranker.clone();
                    loop {
                        let c = next.fetch_add(1, AtomicOrdering::Relaxed);
                        if c >= chunks {
                            break;
                        }
                        let mut rng = stream(seed, c as u64);
                        let in_chunk = CHUNK.min(draws - c * CHUNK);
                        for _ in 0..in_chunk {
                            if dirichlet(g, &mut rng, &mut w).is_err() {
                                degenerate += 1;
                                continue;
                            }
                            indices(st, &w, &mut v);
                            for (r, &key) in ranker.rank(&v).iter().enumerate() {
                                hist[Ranker::position(key) * n + r] += 1;
                            }
                        }
                    }
                    (hist, degenerate)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let mut partial = partial.into_iter();
    let (mut hist, mut degenerate_draws) = partial.next().unwrap_or_default();
    for (p, d) in partial {
        degenerate_draws += d;
        for (h, x) in hist.iter_mut().zip(p) {
            *h += x;
        }
    }
    if degenerate_draws > 0 {
        return Err(degenerate(degenerate_draws, concentration));
    }
    Ok(hist)
}

/// The models × components matrix as components × models.
fn transpose(scores: &[f64], n: usize, k: usize) -> Vec<f64> {
    let mut t = vec![0.0; n * k];
    for (i, row) in scores.chunks_exact(k).enumerate() {
        for (j, s) in row.iter().enumerate() {
            t[j * n + i] = *s;
        }
    }
    t
}

/// Models per block of [`indices`]: 16 accumulators (four AVX or eight SSE registers).
const LANES: usize = 16;

/// Every model's index under weights `w`, from the transposed scores `st` (components × models):
/// v = S·w as a blocked product, each block of [`LANES`] models accumulated in registers over the
/// components. Each value is summed over the components in their order, starting from the empty
/// sum, so it is bit for bit `row.iter().zip(w).map(|(s, w)| s * w).sum()`: the ranks (and the
/// outputs) are those of the straightforward loop.
#[inline(never)]
pub fn indices(st: &[f64], w: &[f64], v: &mut [f64]) {
    let n = v.len();
    let zero: f64 = std::iter::empty::<f64>().sum();
    let blocks = n / LANES;
    for (b, out) in v.chunks_exact_mut(LANES).enumerate() {
        let mut acc = [zero; LANES];
        for (j, wj) in w.iter().enumerate() {
            let s: &[f64; LANES] = st[j * n + b * LANES..][..LANES]
                .try_into()
                .expect("a block");
            for l in 0..LANES {
                acc[l] += s[l] * wj;
            }
        }
        out.copy_from_slice(&acc);
    }
    for i in blocks * LANES..n {
        let mut acc = zero;
        for (j, wj) in w.iter().enumerate() {
            acc += st[j * n + i] * wj;
        }
        v[i] = acc;
    }
}

/// Each model's rank distribution, in the order of its rank under the methodology's weights.
pub fn robustness(
    m: &Matrix,
    concentration: f64,
    draws: usize,
    seed: u64,
) -> Result<Vec<RankStats>, String> {
    let n = m.rows();
    let hist = rank_histogram(m, concentration, draws, seed)?;
    let k = m.components.len();
    let base: Vec<f64> = m
        .scores
        .chunks_exact(k)
        .map(|row| row.iter().zip(&m.weights).map(|(s, w)| s * w).sum())
        .collect();
    let (mut order, mut base_rank) = (vec![0usize; n], vec![0u32; n]);
    rank_into(&base, &mut order, &mut base_rank);
    let mut out: Vec<RankStats> = (0..n)
        .map(|i| {
            let row = &hist[i * n..(i + 1) * n];
            let at = |q: f64| {
                let target = (q * draws as f64).ceil().max(1.0) as u64;
                let mut seen = 0u64;
                for (r, c) in row.iter().enumerate() {
                    seen += u64::from(*c);
                    if seen >= target {
                        return r + 1;
                    }
                }
                n
            };
            RankStats {
                slug: m.slugs[i].clone(),
                model: m.models[i].clone(),
                rank: base_rank[i] as usize,
                median: at(0.5),
                p5: at(0.05),
                p95: at(0.95),
                p_first: f64::from(row[0]) / draws as f64,
            }
        })
        .collect();
    out.sort_by_key(|s| s.rank);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> Matrix {
        // Synthetic (labelled): three models, two components.
        Matrix {
            slugs: vec!["a".into(), "b".into(), "c".into()],
            models: vec!["A".into(), "B".into(), "C".into()],
            components: vec!["x".into(), "y".into()],
            scores: vec![0.9, 0.1, 0.1, 0.9, 0.2, 0.2],
            weights: vec![0.6, 0.4],
        }
    }

    #[test]
    fn thread_count_does_not_change_the_result_and_high_concentration_keeps_the_order() {
        let m = matrix();
        let a = rank_histogram_on(&m, 5.0, 5000, 42, 1).unwrap();
        assert_eq!(a, rank_histogram_on(&m, 5.0, 5000, 42, 3).unwrap());
        assert_ne!(a, rank_histogram_on(&m, 5.0, 5000, 43, 1).unwrap());
        assert_eq!(a.iter().map(|c| u64::from(*c)).sum::<u64>(), 3 * 5000);
        let sharp = robustness(&m, 1e6, 2000, 1).unwrap();
        assert_eq!(sharp[0].slug, "a");
        assert_eq!((sharp[0].median, sharp[0].p5, sharp[0].p95), (1, 1, 1));
        assert_eq!(sharp[0].p_first, 1.0);
        // c is last whatever the weights.
        let loose = robustness(&m, 1.0, 4000, 3).unwrap();
        assert_eq!(loose[2].slug, "c");
        assert!(loose[0].p_first > 0.5 && loose[0].p_first < 1.0);
        // At the smallest accepted concentration the ranks spread (the weights are nearly one-hot:
        // a ranks first when x has nearly all the weight, about 60% of draws, and last behind c
        // when y has it), never a silent zero.
        let smallest = robustness(&m, crate::sampling::MIN_CONCENTRATION, 4000, 3).unwrap();
        assert_eq!(smallest[0].slug, "a");
        assert!(
            (smallest[0].p_first - 0.6).abs() < 0.05,
            "{}",
            smallest[0].p_first
        );
        assert_eq!((smallest[0].p5, smallest[0].p95), (1, 3));
        assert!(robustness(&m, 1e-10, 10, 1).is_err());
    }

    /// The kernel's histogram is the one of the straightforward loop — each draw's indices summed
    /// row by row, one full sort per draw — bit for bit, on a synthetic matrix (seeded, labelled
    /// as such) with a repeated row (exact ties), a row of zeros and nearly tied rows.
    #[test]
    fn the_kernel_gives_the_reference_histogram() {
        use rand::RngExt;
        let (n, k) = (70, 7);
        let mut rng = stream(4, 0);
        let mut scores: Vec<f64> = (0..n * k).map(|_| rng.random::<f64>()).collect();
        scores.copy_within(0..k, 5 * k);
        scores[9 * k..10 * k].fill(0.0);
        for j in 0..k {
            scores[11 * k + j] = scores[12 * k + j] + 1e-15;
        }
        let m = Matrix {
            slugs: (0..n).map(|i| format!("m{i}")).collect(),
            models: (0..n).map(|i| format!("M{i}")).collect(),
            components: (0..k).map(|j| format!("c{j}")).collect(),
            scores,
            weights: vec![0.1, 0.2, 0.05, 0.3, 0.15, 0.1, 0.1],
        };
        for (concentration, draws) in [(100.0, 3000usize), (2.0, 2500)] {
            let g = gammas(&m.weights, concentration).unwrap();
            let mut want = vec![0u32; n * n];
            let (mut w, mut v) = (vec![0.0; k], vec![0.0; n]);
            let (mut order, mut rank) = (vec![0usize; n], vec![0u32; n]);
            for c in 0..draws.div_ceil(CHUNK) {
                let mut rng = stream(8, c as u64);
                for _ in 0..CHUNK.min(draws - c * CHUNK) {
                    dirichlet(&g, &mut rng, &mut w).unwrap();
                    for (vi, row) in v.iter_mut().zip(m.scores.chunks_exact(k)) {
                        *vi = row.iter().zip(&w).map(|(s, w)| s * w).sum();
                    }
                    rank_into(&v, &mut order, &mut rank);
                    for (i, r) in rank.iter().enumerate() {
                        want[i * n + (*r as usize - 1)] += 1;
                    }
                }
            }
            for threads in [1, 2, 5] {
                let got = rank_histogram_on(&m, concentration, draws, 8, threads).unwrap();
                assert_eq!(got, want, "K {concentration}, {threads} threads");
            }
        }
    }

    #[test]
    fn sizes_are_checked_before_allocating() {
        assert!(check_size(384, 100_000).is_ok());
        let e = check_size(384, 100_000_000_000).unwrap_err();
        assert!(e.contains("use --draws 520833 or fewer"), "{e}");
        assert!(
            check_size(MAX_MODELS + 1, 1)
                .unwrap_err()
                .contains("at most 10000 models")
        );
    }
}
