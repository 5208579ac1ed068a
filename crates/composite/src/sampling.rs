//! Seeded random streams, Dirichlet draws and ranking, shared by the Monte-Carlo kernels
//! (bootstrap, weight robustness, first-place shares).

use rand::SeedableRng;
use rand::distr::Distribution;
use rand_pcg::Pcg64Mcg;
use statrs::distribution::Gamma;

/// The random stream for `key` (a model, a chunk of draws) under `seed`: independent of the number
/// of threads and of the other keys.
pub fn stream(seed: u64, key: u64) -> Pcg64Mcg {
    Pcg64Mcg::seed_from_u64(seed ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The smallest Dirichlet concentration K the samplers accept.
///
/// A Dirichlet(K·w) draw is K·w's Gamma variates divided by their sum. A Gamma(α) variate with α < 1
/// is below t with probability at most 1.13·t^α, so all of them are below the smallest normal f64
/// (t = 2.2e-308, where their sum loses precision or underflows to 0 and the weights become NaN)
/// with probability at most 1.13^k·t^K = 1.13^k·e^(−708·K) (Σα = K because the weights sum to 1).
/// At K = 0.1 that is below 1e-25 per draw for up to 100 components, so below 1e-18 over the most
/// draws any command takes (1e7). Below 0.1 the bound grows quickly (K = 0.01: 1e-3 per draw), so
/// smaller concentrations are refused; every draw is checked as well (see [`dirichlet`]).
pub const MIN_CONCENTRATION: f64 = 0.1;

/// The largest Dirichlet concentration K the samplers accept: a weight's standard deviation is
/// √(w(1 − w)/(K + 1)), below 1e-6 at 1e12, so larger K is the methodology's weights to 6 digits
/// (and the Gamma variates' sum stays far from overflow).
pub const MAX_CONCENTRATION: f64 = 1e12;

/// The Gamma(K·w, 1) samplers of a Dirichlet(K·w) (`None` where w = 0, or where K·w underflows to 0:
/// such a component's weight is 0 in every draw to within 1e-300).
pub fn gammas(weights: &[f64], concentration: f64) -> Result<Vec<Option<Gamma>>, String> {
    if !(MIN_CONCENTRATION..=MAX_CONCENTRATION).contains(&concentration) {
        return Err(format!(
            "Dirichlet concentration {concentration} is outside {MIN_CONCENTRATION}..={MAX_CONCENTRATION:e}"
        ));
    }
    weights
        .iter()
        .map(|w| {
            let shape = concentration * w;
            if shape > 0.0 {
                Gamma::new(shape, 1.0)
                    .map(Some)
                    .map_err(|e| format!("no Gamma sampler for shape {shape}: {e}"))
            } else {
                Ok(None)
            }
        })
        .collect()
}

/// A Dirichlet draw whose Gamma variates all underflowed (their sum is not a normal f64): its
/// weights would be NaN or rounding noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Degenerate;

/// Draws a weighting from the Dirichlet whose samplers `gammas` gives into `out` (sums to 1;
/// components without a sampler stay 0). A draw whose variates all underflowed is reported, never
/// returned as weights.
pub fn dirichlet(
    gammas: &[Option<Gamma>],
    rng: &mut Pcg64Mcg,
    out: &mut [f64],
) -> Result<(), Degenerate> {
    let mut total = 0.0;
    for (o, g) in out.iter_mut().zip(gammas) {
        *o = g.as_ref().map_or(0.0, |g| g.sample(rng));
        total += *o;
    }
    if !(total >= f64::MIN_POSITIVE && total.is_finite()) {
        return Err(Degenerate);
    }
    for o in out.iter_mut() {
        *o /= total;
    }
    Ok(())
}

/// Ranks 1..n of `values` (descending; ties by position) into `rank`, using `order` as scratch.
pub fn rank_into(values: &[f64], order: &mut [usize], rank: &mut [u32]) {
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_unstable_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    for (r, &i) in order.iter().enumerate() {
        rank[i] = (r + 1) as u32;
    }
}

/// Ranks draw after draw: a bucket pass by value, then insertion sort.
///
/// Each model's value becomes a 128-bit key — its f64 bits mapped so that unsigned order is
/// descending [`f64::total_cmp`] order, then its position — so one integer comparison orders two
/// models exactly as [`rank_into`] does (value descending, ties by position). A draw is ranked in
/// two passes without a comparison sort: the keys are distributed into about n buckets by value
/// (a counting sort: the bucket is a monotone function of the value, so buckets are in rank
/// order), visiting the models in a presorted order (the central weighting's, where draws stay
/// near it), then one insertion-sort pass puts the few keys that share a bucket in order. If that
/// pass has too much to do (more than 8 moves per model, e.g. values bunched into few buckets) a
/// full sort takes over. Every path gives the same order — the buckets only decide how much the
/// last pass moves — so the result never depends on which ran. Nothing is allocated per draw.
#[derive(Debug, Clone)]
pub struct Ranker {
    start: Vec<u32>,
    keys: Vec<u128>,
    buckets: Vec<u32>,
    counts: Vec<u32>,
}

impl Ranker {
    /// A ranker visiting the positions in the order `start` (a permutation; best first where the
    /// draws are expected to be).
    pub fn new(start: Vec<u32>) -> Ranker {
        let n = start.len();
        Ranker {
            keys: vec![0; n],
            buckets: vec![0; n],
            counts: vec![0; n.next_power_of_two().max(2) + 1],
            start,
        }
    }

    /// The positions of `values` in [`rank_into`]'s order: the r-th key's [`Ranker::position`] is
    /// the position ranked r + 1.
    pub fn rank(&mut self, values: &[f64]) -> &[u128] {
        let Ranker {
            start,
            keys,
            buckets,
            counts,
        } = self;
        let nb = counts.len() - 1;
        // The range of the values (NaN, which no draw gives, would only slow the last pass).
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &v in values {
            lo = if v < lo { v } else { lo };
            hi = if v > hi { v } else { hi };
        }
        // bucket(v) = ⌊(hi − v)·scale⌋ capped to 0..nb − 1: non-increasing in v (every step
        // rounds monotonically), so a later bucket never holds a larger value.
        let scale = if hi > lo && (hi - lo).is_finite() {
            nb as f64 / (hi - lo)
        } else {
            0.0
        };
        let top = (nb - 1) as f64;
        counts.fill(0);
        for (b, &v) in buckets.iter_mut().zip(values) {
            *b = ((hi - v) * scale).min(top) as u32;
            counts[*b as usize + 1] += 1;
        }
        let mut total = 0;
        for c in counts.iter_mut() {
            total += *c;
            *c = total;
        }
        for &i in start.iter() {
            let b = buckets[i as usize] as usize;
            keys[counts[b] as usize] = key(values[i as usize], i);
            counts[b] += 1;
        }
        let budget = 8 * keys.len();
        let mut moves = 0usize;
        for i in 1..keys.len() {
            let x = keys[i];
            if keys[i - 1] <= x {
                continue;
            }
            let mut j = i;
            while j > 0 && keys[j - 1] > x {
                keys[j] = keys[j - 1];
                j -= 1;
            }
            keys[j] = x;
            moves += i - j;
            if moves > budget {
                keys.sort_unstable();
                break;
            }
        }
        keys
    }

    /// The position a key stands for.
    #[inline(always)]
    pub fn position(key: u128) -> usize {
        key as u32 as usize
    }
}

/// A key whose unsigned order is (value descending by [`f64::total_cmp`], position ascending).
#[inline(always)]
fn key(value: f64, position: u32) -> u128 {
    let bits = value.to_bits();
    // total_cmp's order as unsigned integers: negatives (sign set) reversed, positives above them.
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    (u128::from(!ascending) << 32) | u128::from(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concentrations_outside_the_bounds_are_refused_and_tiny_shapes_are_dropped() {
        for k in [
            0.0,
            -1.0,
            0.099,
            1e-10,
            1e-323,
            1.1e12,
            f64::INFINITY,
            f64::NAN,
        ] {
            assert!(gammas(&[0.5, 0.5], k).is_err(), "{k}");
        }
        // A weight so small that K·w underflows: that component has no sampler, weight 0.
        let g = gammas(&[1.0, 5e-324], 0.1).unwrap();
        assert!(g[0].is_some() && g[1].is_none());
        let mut rng = stream(1, 0);
        let mut w = [0.0; 2];
        dirichlet(&g, &mut rng, &mut w).unwrap();
        assert_eq!(w, [1.0, 0.0]);
    }

    /// Synthetic (seeded): at the smallest accepted concentration with AA v4.0's smallest weights, no
    /// draw degenerates and the draws are far from the centre (real uncertainty, not zero), while
    /// shapes a hundred times smaller degenerate often enough to be caught.
    #[test]
    fn the_smallest_concentration_gives_valid_spread_out_draws() {
        let weights = [1.0 / 16.0; 16];
        let g = gammas(&weights, MIN_CONCENTRATION).unwrap();
        let mut rng = stream(7, 0);
        let mut w = [0.0; 16];
        let mut near_vertex = 0;
        for _ in 0..20_000 {
            dirichlet(&g, &mut rng, &mut w).expect("no degenerate draw at K = 0.1");
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            near_vertex += usize::from(w.iter().any(|x| *x > 0.99));
        }
        // Dirichlet(0.1/16, …): nearly all mass on one component in most draws.
        assert!(near_vertex > 10_000, "{near_vertex}");
        let tiny: Vec<Option<Gamma>> = weights
            .iter()
            .map(|w| Some(Gamma::new(1e-3 * w, 1.0).unwrap()))
            .collect();
        let degenerate = (0..20_000)
            .filter(|_| dirichlet(&tiny, &mut rng, &mut w).is_err())
            .count();
        assert!(degenerate > 1000, "{degenerate}");
    }

    /// Seeded synthetic values with exact ties, signed zeros and infinities: from any starting
    /// permutation (near-sorted or random, so both the insertion sort and the full sort run), the
    /// ranker gives `rank_into`'s order.
    #[test]
    fn the_ranker_gives_the_order_of_rank_into() {
        use rand::RngExt;
        let mut rng = stream(3, 0);
        for case in 0..300 {
            let n = 1 + case % 97;
            let values: Vec<f64> = (0..n)
                .map(|_| match rng.random_range(0..9) {
                    0 => 0.0,
                    1 => -0.0,
                    2 => 0.5,
                    3 => f64::INFINITY,
                    4 => -rng.random::<f64>(),
                    _ => rng.random::<f64>(),
                })
                .collect();
            let (mut want, mut rank) = (vec![0usize; n], vec![0u32; n]);
            rank_into(&values, &mut want, &mut rank);
            let mut order: Vec<u32> = (0..n as u32).collect();
            if case % 2 == 1 {
                for i in (1..n).rev() {
                    order.swap(i, rng.random_range(0..=i));
                }
            }
            let mut ranker = Ranker::new(order);
            let got: Vec<usize> = ranker
                .rank(&values)
                .iter()
                .map(|&k| Ranker::position(k))
                .collect();
            assert_eq!(got, want, "case {case}");
        }
    }
}
