//! Binomial variates with the set-up done once per (n, p), drawing exactly what statrs draws.
//!
//! The bootstrap draws tens of millions of binomial variates from a few thousand fixed (n, p)
//! pairs. `statrs::distribution::Binomial` recomputes its algorithm's constants on every draw (a
//! square root, a logarithm and several divisions, more than the draw itself). [`Sampler`] computes
//! them once and then runs the same algorithm on the same random numbers, so a seeded stream gives
//! the same variates as statrs 0.19 — the tests compare the two draw for draw.
//!
//! The algorithms are BINV (inversion, n·min(p, 1 − p) < 10) and BTPE (triangle, parallelogram and
//! exponential rejection) of Kachitvichyanukul & Schmeiser (1988), Binomial random variate
//! generation, Communications of the ACM 31(2), 216–222, transcribed from statrs 0.19.1
//! (src/distribution/binomial/sampling.rs, MIT licence, itself adapted from rand_distr) with the
//! per-(n, p) constants hoisted out of the draw and every floating-point expression kept as it is
//! there, so the arithmetic — and so every variate — is bit for bit the same.

use std::cmp::Ordering;

use rand::RngExt;
use rand::distr::Distribution;
use rand_pcg::Pcg64Mcg;

/// A binomial(n, p) sampler whose constants are computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampler {
    n: u64,
    /// The variate counts failures (p > 1/2 was reflected to 1 − p) and is returned as n − x.
    flipped: bool,
    path: Path,
}

#[derive(Debug, Clone, PartialEq)]
enum Path {
    /// p = 0, p = 1 or n = 0.
    Constant(u64),
    /// 1 − p rounds to 1 (p ≤ 2⁻⁵⁴): statrs's Poisson limit, drawn by statrs itself.
    Statrs {
        p: f64,
    },
    /// `factors[x − 1]` = a/x − s, the inversion's x-th factor, when precomputed.
    Binv {
        s: f64,
        a: f64,
        r0: f64,
        factors: Option<Box<[f64; BINV_MAX_X as usize]>>,
    },
    Btpe(Btpe, Option<Box<Ratios>>),
}

/// BTPE's step 5.1 compares with f(y)/f(m), a product (y > m) or quotient (y < m) of |y − m|
/// factors a/i − s evaluated in a loop with one or two divisions per factor — most of a draw's
/// time when it gets there. For |y − m| ≤ 20 (the squeeze threshold) the 41 ratios are
/// precomputed, each by the very loop a draw would run, so they are the same f64 values.
#[derive(Debug, Clone, PartialEq)]
struct Ratios([f64; 2 * SQUEEZE_THRESHOLD as usize + 1]);

/// Below this |y − m| BTPE evaluates the ratio f(y)/f(m) directly.
const SQUEEZE_THRESHOLD: u64 = 20;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Btpe {
    p: f64,
    q: f64,
    n_f: f64,
    npq: f64,
    m: u64,
    p1: f64,
    x_m: f64,
    x_l: f64,
    x_r: f64,
    c: f64,
    p2: f64,
    p3: f64,
    p4: f64,
    lambda_l: f64,
    lambda_r: f64,
    /// Step 5.1's p/q and (n + 1)·p/q.
    s: f64,
    a: f64,
    /// Step 5.3's m + 1, n − m + 1 and their Stirling terms. (Left in the draw, the compiler
    /// hoists these eight divisions to its start, where they cost more than the draw itself.)
    f1: f64,
    z: f64,
    stirling_f1: f64,
    stirling_z: f64,
}

/// The tail of ln k! beyond Stirling's formula (13860/166320 = 1/12, 462/166320 = 1/360, …).
#[inline(always)]
fn stirling(a: f64) -> f64 {
    let a2 = a * a;
    (13860.0 - (462.0 - (132.0 - (99.0 - 140.0 / a2) / a2) / a2) / a2) / a / 166320.0
}

impl Sampler {
    /// Binomial(n, p) for p in [0, 1] (statrs's `Binomial::new(p, n)` accepts the same).
    pub fn new(n: u64, p: f64) -> Sampler {
        if p <= 0.0 || n == 0 {
            return Sampler {
                n,
                flipped: false,
                path: Path::Constant(0),
            };
        }
        if p >= 1.0 {
            return Sampler {
                n,
                flipped: false,
                path: Path::Constant(n),
            };
        }
        let flipped = p > 0.5;
        let p = if flipped { 1.0 - p } else { p };
        let q = 1.0 - p;
        let path = if q == 1.0 {
            Path::Statrs { p }
        } else if n as f64 * p < 10.0 {
            let s = p / q;
            Path::Binv {
                s,
                a: (n as f64 + 1.0) * s,
                r0: ((-p).ln_1p() * n as f64).exp(),
                factors: None,
            }
        } else {
            Path::Btpe(Btpe::new(n, p, q), None)
        };
        Sampler { n, flipped, path }
    }

    /// [`Sampler::new`] with BTPE's ratios near the mode precomputed as well (worth it for a
    /// sampler used many times; about 400 divisions once).
    pub fn with_tables(n: u64, p: f64) -> Sampler {
        let mut sampler = Sampler::new(n, p);
        match &mut sampler.path {
            Path::Btpe(b, tables) => *tables = Some(Box::new(b.ratios())),
            Path::Binv { s, a, factors, .. } => {
                let mut f = [0.0; BINV_MAX_X as usize];
                for (x, slot) in (1..).zip(f.iter_mut()) {
                    *slot = *a / (x as f64) - *s;
                }
                *factors = Some(Box::new(f));
            }
            _ => {}
        }
        sampler
    }

    /// One variate.
    #[inline]
    pub fn sample(&self, rng: &mut Pcg64Mcg) -> u64 {
        let x = match &self.path {
            Path::Constant(x) => return *x,
            Path::Statrs { p } => {
                // The reduced p is below 1/2, so statrs takes the same (unflipped) path.
                let d = statrs::distribution::Binomial::new(*p, self.n).expect("p in [0, 1]");
                let x: u64 = d.sample(rng);
                return if self.flipped { self.n - x } else { x };
            }
            Path::Binv {
                s,
                a,
                r0,
                factors: None,
            } => binv(rng, *r0, |x| *a / (x as f64) - *s),
            Path::Binv {
                r0,
                factors: Some(f),
                ..
            } => binv(rng, *r0, |x| f[x as usize - 1]),
            Path::Btpe(b, tables) => b.sample(rng, self.n, tables.as_deref()),
        };
        if self.flipped { self.n - x } else { x }
    }
}

/// BINV's restart point: a result beyond 110 is more than 31 standard deviations out for
/// n·p < 10 (as statrs, GSL and rand_distr).
const BINV_MAX_X: u64 = 110;

/// BINV: sequential inversion from x = 0, the x-th factor (a/x − s) given by `factor`.
#[inline(always)]
fn binv(rng: &mut Pcg64Mcg, r0: f64, factor: impl Fn(u64) -> f64) -> u64 {
    'restart: loop {
        let mut r = r0;
        let mut u: f64 = rng.random();
        let mut x = 0u64;
        while u > r {
            u -= r;
            x += 1;
            if x > BINV_MAX_X {
                continue 'restart;
            }
            r *= factor(x);
        }
        return x;
    }
}

impl Btpe {
    fn new(n: u64, p: f64, q: f64) -> Btpe {
        let n_f = n as f64;
        let np = n_f * p;
        let npq = np * q;
        let f_m = np + p;
        let m = f_m as u64;
        let p1 = (2.195 * npq.sqrt() - 4.6 * q).floor() + 0.5;
        let x_m = m as f64 + 0.5;
        let x_l = x_m - p1;
        let x_r = x_m + p1;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        let p2 = p1 * (1.0 + 2.0 * c);
        let lambda = |a: f64| a * (1.0 + 0.5 * a);
        let lambda_l = lambda((f_m - x_l) / (f_m - x_l * p));
        let lambda_r = lambda((x_r - f_m) / (x_r * q));
        let p3 = p2 + c / lambda_l;
        let p4 = p3 + c / lambda_r;
        let s = p / q;
        let f1 = (m + 1) as f64;
        let z = ((n - m) + 1) as f64;
        Btpe {
            p,
            q,
            n_f,
            npq,
            m,
            p1,
            x_m,
            x_l,
            x_r,
            c,
            p2,
            p3,
            p4,
            lambda_l,
            lambda_r,
            s,
            a: s * (n_f + 1.0),
            f1,
            z,
            stirling_f1: stirling(f1),
            stirling_z: stirling(z),
        }
    }

    /// Step 5.1's ratio f(y)/f(m), by its loop.
    fn ratio(&self, y: u64) -> f64 {
        let (m, a, s) = (self.m, self.a, self.s);
        let mut f = 1.0;
        match m.cmp(&y) {
            Ordering::Less => {
                for i in (m + 1)..=y {
                    f *= a / (i as f64) - s;
                }
            }
            Ordering::Greater => {
                for i in (y + 1)..=m {
                    f /= a / (i as f64) - s;
                }
            }
            Ordering::Equal => {}
        }
        f
    }

    /// The ratios for y = m − 20 ..= m + 20 (entries for y < 0 are never read).
    fn ratios(&self) -> Ratios {
        let t = SQUEEZE_THRESHOLD as i64;
        let mut r = [f64::NAN; 2 * SQUEEZE_THRESHOLD as usize + 1];
        for (slot, y) in r.iter_mut().zip(self.m as i64 - t..) {
            if y >= 0 {
                *slot = self.ratio(y as u64);
            }
        }
        Ratios(r)
    }

    #[inline]
    fn sample(&self, rng: &mut Pcg64Mcg, n: u64, tables: Option<&Ratios>) -> u64 {
        let Btpe {
            p,
            q,
            n_f,
            npq,
            m,
            p1,
            x_m,
            x_l,
            x_r,
            c,
            p2,
            p3,
            p4,
            lambda_l,
            lambda_r,
            f1,
            z,
            stirling_f1,
            stirling_z,
            ..
        } = *self;
        loop {
            let u: f64 = rng.random::<f64>() * p4;
            let mut v: f64 = rng.random();
            let y: u64;
            if u <= p1 {
                return (x_m - p1 * v + u) as u64;
            } else if u <= p2 {
                let x = x_l + (u - p1) / c;
                v = v * c + 1.0 - (x - x_m).abs() / p1;
                if v > 1.0 {
                    continue;
                }
                y = x as u64;
            } else if u <= p3 {
                let y_tmp = x_l + v.ln() / lambda_l;
                if y_tmp < 0.0 {
                    continue;
                }
                y = y_tmp as u64;
                v *= (u - p2) * lambda_l;
            } else {
                let y_tmp = x_r - v.ln() / lambda_r;
                if y_tmp > n_f {
                    continue;
                }
                y = y_tmp as u64;
                v *= (u - p3) * lambda_r;
            }
            let k = y.abs_diff(m);
            if k <= SQUEEZE_THRESHOLD || (k as f64) >= 0.5 * npq - 1.0 {
                let f = match tables {
                    Some(Ratios(r)) if k <= SQUEEZE_THRESHOLD => {
                        r[(y + SQUEEZE_THRESHOLD - m) as usize]
                    }
                    _ => self.ratio(y),
                };
                if v <= f {
                    return y;
                }
                continue;
            }
            let kf = k as f64;
            let rho = (kf / npq) * ((kf * (kf / 3.0 + 0.625) + 1.0 / 6.0) / npq + 0.5);
            let t = -0.5 * kf * kf / npq;
            let alpha = v.ln();
            if alpha < t - rho {
                return y;
            }
            if alpha > t + rho {
                continue;
            }
            let x1 = (y + 1) as f64;
            let w = ((n - y) + 1) as f64;
            let y_sub_m = if y > m {
                (y - m) as f64
            } else {
                -((m - y) as f64)
            };
            if alpha
                <= x_m * (f1 / x1).ln()
                    + (((n - m) as f64) + 0.5) * (z / w).ln()
                    + y_sub_m * (w * p / (x1 * q)).ln()
                    + stirling_f1
                    + stirling_z
                    - stirling(x1)
                    - stirling(w)
            {
                return y;
            }
        }
    }
}

/// The most table entries an [`Inversion`] sampler keeps (512 KiB); wider distributions (about
/// n·p·(1 − p) > 10⁸) are drawn by BTPE.
const MAX_ENTRIES: usize = 1 << 16;

/// Binomial(n, p) by inversion of its tabulated distribution function: one uniform per variate,
/// found with a guide table in one or two comparisons (Chen & Asau, 1974).
///
/// The table covers every k whose probability is above 10⁻³⁰ of the mode's (beyond it the tail
/// mass is below 10⁻²⁵, far below the 2⁻⁵³ resolution of a uniform f64). The probabilities come
/// from the ratio recurrence P(k + 1)/P(k) = (n − k)/(k + 1) · p/(1 − p) outward from the mode
/// and are normalised by their sum, so the last entry of the distribution function is exactly 1.
#[derive(Debug, Clone, PartialEq)]
pub enum Inversion {
    Table {
        /// The smallest k in the table.
        lo: u64,
        /// cdf[i] = P(X ≤ lo + i).
        cdf: Vec<f64>,
        /// guide[j] = the first i with cdf[i] > j/len(guide).
        guide: Vec<u32>,
    },
    /// p ≤ 0, p ≥ 1, n = 0, or too wide a table: BTPE/BINV as [`Sampler`].
    Other(Sampler),
}

impl Inversion {
    /// Binomial(n, p) (p ≤ 0 gives 0 and p ≥ 1 gives n, as [`Sampler::new`]).
    pub fn new(n: u64, p: f64) -> Inversion {
        if !(p > 0.0 && p < 1.0 && n > 0) || (n as f64 * p * (1.0 - p)) > 1e8 {
            return Inversion::Other(Sampler::with_tables(n, p));
        }
        let q = 1.0 - p;
        let ratio = p / q;
        // The mode, where the recurrence starts with weight 1.
        let mode = (((n + 1) as f64 * p).floor() as u64).min(n);
        let floor = 1e-30;
        let mut up = Vec::new();
        let mut w = 1.0;
        let mut k = mode;
        while k < n {
            w *= (n - k) as f64 / (k + 1) as f64 * ratio;
            if w < floor {
                break;
            }
            up.push(w);
            k += 1;
            if up.len() > MAX_ENTRIES {
                return Inversion::Other(Sampler::with_tables(n, p));
            }
        }
        let mut down = Vec::new();
        let mut w = 1.0;
        let mut k = mode;
        while k > 0 {
            w *= k as f64 / (n - k + 1) as f64 / ratio;
            if w < floor {
                break;
            }
            down.push(w);
            k -= 1;
            if down.len() + up.len() > MAX_ENTRIES {
                return Inversion::Other(Sampler::with_tables(n, p));
            }
        }
        let lo = mode - down.len() as u64;
        let weights: Vec<f64> = down
            .iter()
            .rev()
            .copied()
            .chain(std::iter::once(1.0))
            .chain(up)
            .collect();
        let total: f64 = weights.iter().sum();
        let mut cdf = Vec::with_capacity(weights.len());
        let mut acc = 0.0;
        for w in &weights {
            acc += w;
            cdf.push(acc / total);
        }
        // acc = total here, so the last entry is total/total = 1 exactly; every u < 1 is found.
        let len = cdf.len();
        let mut guide = Vec::with_capacity(len);
        let mut i = 0usize;
        for j in 0..len {
            let t = j as f64 / len as f64;
            while cdf[i] <= t {
                i += 1;
            }
            guide.push(i as u32);
        }
        Inversion::Table { lo, cdf, guide }
    }

    /// One variate.
    #[inline]
    pub fn sample(&self, rng: &mut Pcg64Mcg) -> u64 {
        match self {
            Inversion::Table { lo, cdf, guide } => {
                let u: f64 = rng.random();
                let mut i =
                    guide[((u * guide.len() as f64) as usize).min(guide.len() - 1)] as usize;
                while cdf[i] <= u {
                    i += 1;
                }
                lo + i as u64
            }
            Inversion::Other(s) => s.sample(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// Draw for draw the same variates as statrs (and the same random numbers consumed: the streams
    /// stay in step), over both algorithms, both reflections and the edge cases.
    #[test]
    fn the_same_variates_as_statrs() {
        let mut cases: Vec<(u64, f64)> = vec![
            (0, 0.3),
            (10, 0.0),
            (10, 1.0),
            (1, 0.5),
            (44, 0.02),
            (44, 0.98),
            (70, 0.011429),
            (6000, 0.215167),
            (6000, 0.5),
            (6000, 0.999),
            (2158, 0.184893),
            (4712, 0.911871),
            (1_000_000, 0.3),
            (50, 1e-17),
            (50, 1.0 - 1e-16),
        ];
        let mut pick = Pcg64Mcg::seed_from_u64(11);
        for _ in 0..200 {
            let n = pick.random_range(1..8000u64);
            cases.push((n, pick.random::<f64>()));
        }
        for (case, (n, p)) in cases.into_iter().enumerate() {
            let theirs = statrs::distribution::Binomial::new(p, n).unwrap();
            for ours in [Sampler::new(n, p), Sampler::with_tables(n, p)] {
                let (mut a, mut b) = (
                    Pcg64Mcg::seed_from_u64(case as u64),
                    Pcg64Mcg::seed_from_u64(case as u64),
                );
                for draw in 0..2000 {
                    let x: u64 = theirs.sample(&mut b);
                    assert_eq!(ours.sample(&mut a), x, "n {n}, p {p}, draw {draw}");
                }
                assert_eq!(
                    a.random::<u64>(),
                    b.random::<u64>(),
                    "n {n}, p {p}: streams"
                );
            }
        }
    }

    /// The inversion sampler's table is the binomial distribution (its mean and variance to 1e-9
    /// relative), and its draws (seeded) have the right mean and variance and reach both tails.
    #[test]
    fn inversion_draws_the_binomial_distribution() {
        for (n, p) in [
            (44, 0.3),
            (70, 0.011429),
            (6000, 0.215167),
            (2158, 0.9),
            (1, 0.5),
            (114, 0.98538),
            (3_000_000, 0.4),
        ] {
            let s = Inversion::new(n, p);
            let (mean, var) = (n as f64 * p, n as f64 * p * (1.0 - p));
            let Inversion::Table { lo, cdf, .. } = &s else {
                panic!("a table for n {n}, p {p}");
            };
            let mut prev = 0.0;
            let (mut m1, mut m2) = (0.0, 0.0);
            for (i, c) in cdf.iter().enumerate() {
                let (k, pk) = ((lo + i as u64) as f64, c - prev);
                m1 += k * pk;
                m2 += k * k * pk;
                prev = *c;
            }
            assert_eq!(*cdf.last().unwrap(), 1.0);
            assert!(
                (m1 - mean).abs() <= 1e-9 * mean.max(1.0),
                "n {n}, p {p}: mean {m1}"
            );
            assert!(
                ((m2 - m1 * m1) - var).abs() <= 1e-6 * var.max(1.0),
                "n {n}, p {p}"
            );
            let mut rng = Pcg64Mcg::seed_from_u64(n);
            let draws = 200_000;
            let xs: Vec<f64> = (0..draws).map(|_| s.sample(&mut rng) as f64).collect();
            let m = xs.iter().sum::<f64>() / draws as f64;
            let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (draws - 1) as f64;
            assert!(
                (m - mean).abs() < 5.0 * (var / draws as f64).sqrt(),
                "n {n}, p {p}: {m}"
            );
            assert!(
                (v / var - 1.0).abs() < 0.03,
                "n {n}, p {p}: variance {v} vs {var}"
            );
            if var > 4.0 {
                let sd = var.sqrt();
                assert!(xs.iter().any(|x| *x < mean - 3.0 * sd));
                assert!(xs.iter().any(|x| *x > mean + 3.0 * sd));
            }
        }
        assert!(matches!(Inversion::new(10, 0.0), Inversion::Other(_)));
        assert!(matches!(Inversion::new(0, 0.5), Inversion::Other(_)));
    }
}
