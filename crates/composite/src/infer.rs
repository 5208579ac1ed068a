//! Inferring a methodology's weights from a snapshot: the published index regressed on the component
//! scores, by least squares on the simplex (every weight ≥ 0, the weights summing to 1), so each weight
//! is that component's share of the index.
//!
//! The component scores come from a *reference* methodology (the one the dataset states, or one the
//! caller names): it says which column each component reads, how the column is normalised, and how a
//! frozen value is resolved (a frozen column, a value solved from a published sub-index, or the live
//! value). Its weights are not used, except inside such a solve (v4.0's GDPval is solved from the
//! Agentic Index with AA's 2:1; the output says so).
//!
//! Solver: a primal active-set method for the convex quadratic programme
//! `min ½‖A w − y‖²  s.t.  w ≥ 0, Σ w = 1` (exact up to rounding for the handful of components an index
//! has). Uncertainty: the bootstrap over models (rows resampled with replacement, seeded). Exact simple
//! fractions are reported when every weight lies within its uncertainty of a fraction with a small
//! denominator, the fractions sum to exactly 1, and the fit with them is as good as the free fit.

use rand::RngExt;

use reweigh_evals::Dataset;

use crate::methodology::{Category, Methodology, NormaliserSpec};
use crate::sampling::stream;
use crate::score::{FreezeSource, ScoreError, ScoreOptions, score};

/// Which rows the weights were fitted on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Basis {
    /// Every row with all components and a published index.
    AllRows,
    /// Only the rows where `component` (frozen by the publisher, read live here) scores 0, so its
    /// frozen and live values agree; they fitted within 1e-3.
    FreezeFreeRows { component: String, rows: usize },
}

/// How residuals are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Estimator {
    /// Least squares: every row counts by its squared residual.
    LeastSquares,
    /// Least absolute deviations: robust to a minority of rows the components cannot explain (a
    /// frozen value the dataset does not hold); the rest are fitted exactly when the weights allow.
    LeastAbsolute,
}

impl Estimator {
    fn solve(self, a: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
        match self {
            Estimator::LeastSquares => simplex_least_squares(a, y),
            Estimator::LeastAbsolute => simplex_least_absolute(a, y),
        }
    }
}

/// What to infer, and how to measure its uncertainty.
#[derive(Debug, Clone)]
pub struct InferOptions {
    pub estimator: Estimator,
    /// Component ids (or columns) of the reference methodology to use; all when empty.
    pub components: Vec<String>,
    /// Bootstrap resamples for the weights' uncertainty.
    pub bootstrap: usize,
    pub seed: u64,
    /// Largest denominator tried for exact fractions.
    pub max_denominator: u64,
}

impl Default for InferOptions {
    fn default() -> Self {
        InferOptions {
            estimator: Estimator::LeastAbsolute,
            components: Vec::new(),
            bootstrap: 200,
            seed: 1,
            max_denominator: 100,
        }
    }
}

/// One component's inferred share of the index.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InferredWeight {
    /// The component id in the reference methodology.
    pub id: String,
    /// The dataset column it reads.
    pub column: String,
    /// Its share of the index (the weights sum to 1).
    pub weight: f64,
    /// Bootstrap standard error, and the 2.5 % and 97.5 % bootstrap quantiles.
    pub se: f64,
    pub lower: f64,
    pub upper: f64,
    /// The exact fraction (`1/6`), when the fit supports exact fractions.
    pub fraction: Option<String>,
    /// The reference methodology's share, for comparison.
    pub reference_weight: f64,
    /// How the component's frozen value was resolved, over the rows used: `frozen`, `solved` or
    /// `live` counts (all zero for a component without a freeze).
    pub frozen_rows: usize,
    pub solved_rows: usize,
    pub live_rows: usize,
    /// If this component alone carried the residual, the RMS change of its raw values (in the
    /// column's unit: Elo points for an Elo, a fraction otherwise) that would explain it; small
    /// relative to `column_sd` means the residual could well live in this column (GDPval's freeze).
    pub implied_rms_change: Option<f64>,
    pub column_sd: f64,
    /// Rows where this component scores 0 (a clamped Elo below its floor, a zero pass rate), and the
    /// median |residual| on them and on the other rows. A component that carries the residual (a
    /// frozen value the dataset lacks) leaves none where it contributes nothing: a median far below
    /// the other rows' points at it.
    pub zero_rows: usize,
    pub median_residual_at_zero: Option<f64>,
    pub median_residual_elsewhere: Option<f64>,
    /// True for a component frozen by the publisher but read live here, when at least 3 rows score
    /// it 0 and their median |residual| is below a tenth of the others' (the others' above 1e-3).
    pub carries_residual: bool,
}

/// A row's residual.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowResidual {
    pub slug: String,
    pub model: String,
    pub published: f64,
    pub fitted: f64,
    /// published − fitted.
    pub residual: f64,
    pub flags: Vec<String>,
}

/// How well the weights explain the published index.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fit {
    pub rows_used: usize,
    /// Rows fitted within 1e-3 index points.
    pub rows_within_1e_3: usize,
    pub max_abs_residual: f64,
    pub rms_residual: f64,
}

/// The result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Inference {
    pub estimator: Estimator,
    pub basis: Basis,
    /// The methodology whose columns, normalisers and freeze rules gave the component scores.
    pub reference: String,
    pub dataset: String,
    pub published_column: String,
    pub components: Vec<InferredWeight>,
    pub fit: Fit,
    /// The fit with the exact fractions, when they are supported.
    pub fraction_fit: Option<Fit>,
    /// Rows with the largest |residual|, largest first.
    pub largest_residuals: Vec<RowResidual>,
    /// Rows not used, by reason, with counts.
    #[serde(serialize_with = "crate::serial::reason_counts")]
    pub excluded: Vec<(String, usize)>,
    pub bootstrap: usize,
    pub seed: u64,
    pub notes: Vec<String>,
}

/// Infers the weights of `reference`'s components from `dataset`'s published index.
pub fn infer(
    dataset: &Dataset,
    reference: &Methodology,
    options: &InferOptions,
) -> Result<Inference, ScoreError> {
    let published_column = reference.published_column.clone().ok_or_else(|| {
        ScoreError::Options(format!(
            "methodology {} names no published_column, so there is no published index to infer from",
            reference.name
        ))
    })?;
    let chosen: Vec<usize> = if options.components.is_empty() {
        (0..reference.components.len()).collect()
    } else {
        let mut out = Vec::new();
        for c in &options.components {
            let i = reference
                .components
                .iter()
                .position(|k| k.id == *c || k.column == *c)
                .ok_or_else(|| {
                    ScoreError::Options(format!(
                        "--components: '{c}' is not a component of {} (its components: {})",
                        reference.name,
                        reference
                            .components
                            .iter()
                            .map(|k| k.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    };
    if chosen.len() < 2 {
        return Err(ScoreError::Options(
            "inferring weights needs at least two components".into(),
        ));
    }
    let scored = score(dataset, reference, &ScoreOptions::default())?;
    let mut excluded: Vec<(String, usize)> = Vec::new();
    let mut exclude = |reason: &str| match excluded.iter_mut().find(|(r, _)| r == reason) {
        Some((_, n)) => *n += 1,
        None => excluded.push((reason.to_string(), 1)),
    };
    let ids: Vec<&str> = chosen
        .iter()
        .map(|&i| reference.components[i].id.as_str())
        .collect();
    let mut rows = Vec::new();
    let mut a: Vec<Vec<f64>> = Vec::new();
    let mut y: Vec<f64> = Vec::new();
    for m in &scored.models {
        let Some(p) = m.published_index else {
            exclude("no published index");
            continue;
        };
        if m.index.is_none() {
            exclude("a component is missing");
            continue;
        }
        if m.flags.iter().any(|f| f.starts_with("missing-zero:")) {
            exclude("a component is missing (scored 0 by the methodology's rule)");
            continue;
        }
        let x: Option<Vec<f64>> = ids
            .iter()
            .map(|id| {
                m.scores
                    .iter()
                    .find(|(k, _)| k == id)
                    .map(|(_, s)| reference.scale * s)
            })
            .collect();
        let Some(x) = x else {
            exclude("a component is missing");
            continue;
        };
        rows.push(m);
        a.push(x);
        y.push(p);
    }
    if rows.len() < chosen.len() {
        return Err(ScoreError::Options(format!(
            "{} rows have every component and a published index; inferring {} weights needs at least as many rows",
            rows.len(),
            chosen.len()
        )));
    }
    let k = chosen.len();
    // The rows the weights are fitted on: all of them, unless a frozen component had to be read live
    // and enough rows score it 0, where its frozen value cannot differ from the live one (both at the
    // floor): if those rows fit exactly, they give the weights free of the freeze.
    let mut basis = Basis::AllRows;
    let mut fit_rows: Vec<usize> = (0..rows.len()).collect();
    for (j, &i) in chosen.iter().enumerate() {
        let comp = &reference.components[i];
        let live = rows.iter().any(|m| {
            m.freeze
                .iter()
                .any(|(id, src)| *id == comp.id && *src == FreezeSource::Live)
        });
        if !live {
            continue;
        }
        let at_zero: Vec<usize> = (0..rows.len()).filter(|&r| a[r][j] == 0.0).collect();
        if at_zero.len() < k + 2 {
            continue;
        }
        let sa: Vec<Vec<f64>> = at_zero.iter().map(|&r| a[r].clone()).collect();
        let sy: Vec<f64> = at_zero.iter().map(|&r| y[r]).collect();
        let sw = options.estimator.solve(&sa, &sy);
        if fit_of(&sa, &sy, &sw).max_abs_residual <= 1e-3 {
            basis = Basis::FreezeFreeRows {
                component: comp.id.clone(),
                rows: at_zero.len(),
            };
            fit_rows = at_zero;
            break;
        }
    }
    let fa: Vec<Vec<f64>> = fit_rows.iter().map(|&r| a[r].clone()).collect();
    let fy: Vec<f64> = fit_rows.iter().map(|&r| y[r]).collect();
    let w = options.estimator.solve(&fa, &fy);
    let fit = fit_of(&a, &y, &w);
    // Bootstrap over models (of the rows the weights are fitted on).
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(options.bootstrap); k];
    let mut rng = stream(options.seed, 0x1f3e);
    let n = rows.len();
    let nf = fa.len();
    // One resample buffer, refilled in place: no allocation per resampled row.
    let mut ra: Vec<Vec<f64>> = fa.clone();
    let mut ry: Vec<f64> = fy.clone();
    for _ in 0..options.bootstrap {
        for (row, t) in ra.iter_mut().zip(ry.iter_mut()) {
            let i = rng.random_range(0..nf);
            row.copy_from_slice(&fa[i]);
            *t = fy[i];
        }
        for (j, v) in options.estimator.solve(&ra, &ry).into_iter().enumerate() {
            draws[j].push(v);
        }
    }
    let reference_shares = reference.effective_weights();
    let residuals: Vec<f64> = a.iter().zip(&y).map(|(x, p)| p - dot(x, &w)).collect();
    let mut components: Vec<InferredWeight> = chosen
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let comp = &reference.components[i];
            let (se, lower, upper) = spread(&mut draws[j]);
            let count = |src: FreezeSource| {
                rows.iter()
                    .filter(|m| m.freeze.iter().any(|(id, s)| *id == comp.id && *s == src))
                    .count()
            };
            // Raw units per score unit: the normaliser's slope.
            let slope = match comp.normaliser {
                NormaliserSpec::Linear { min, max, .. } => max - min,
                NormaliserSpec::Percent => 100.0,
                _ => 1.0,
            };
            let implied_rms_change = (w[j] > 1e-9).then(|| {
                let ms: f64 = residuals
                    .iter()
                    .map(|r| (r / (w[j] * reference.scale) * slope).powi(2))
                    .sum::<f64>()
                    / n as f64;
                ms.sqrt()
            });
            let col: Vec<f64> = a.iter().map(|x| x[j] / reference.scale * slope).collect();
            let mean = col.iter().sum::<f64>() / n as f64;
            let column_sd = (col.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
            let (zero, other): (Vec<f64>, Vec<f64>) = {
                let mut zero = Vec::new();
                let mut other = Vec::new();
                for (x, r) in a.iter().zip(&residuals) {
                    if x[j] == 0.0 {
                        zero.push(r.abs());
                    } else {
                        other.push(r.abs());
                    }
                }
                (zero, other)
            };
            let at_zero = median(zero.clone());
            let elsewhere = median(other);
            // Only a component the publisher freezes and the dataset holds live can carry a freeze
            // residual; rows where another component scores 0 often coincide (weak models), so the
            // contrast alone would blame it too.
            let read_live = count(FreezeSource::Live) > 0;
            let carries_residual = read_live
                && zero.len() >= 3
                && matches!((at_zero, elsewhere), (Some(z), Some(e)) if e > 1e-3 && z < e / 10.0);
            InferredWeight {
                zero_rows: zero.len(),
                median_residual_at_zero: at_zero,
                median_residual_elsewhere: elsewhere,
                carries_residual,
                id: comp.id.clone(),
                column: comp.column.clone(),
                weight: w[j],
                se,
                lower,
                upper,
                fraction: None,
                reference_weight: reference_shares
                    .iter()
                    .find(|(id, _)| *id == comp.id)
                    .map_or(0.0, |(_, v)| *v),
                frozen_rows: count(FreezeSource::Frozen),
                solved_rows: count(FreezeSource::Solved),
                live_rows: count(FreezeSource::Live),
                implied_rms_change,
                column_sd,
            }
        })
        .collect();
    // Exact fractions, when the fit supports them.
    let mut fraction_fit = None;
    let fractions: Option<Vec<(u64, u64)>> = components
        .iter()
        .map(|c| {
            // Within the bootstrap's uncertainty (at least 1e-6: a noiseless fit has none); 1e-4
            // without a bootstrap.
            let allowed = if c.se.is_finite() {
                (3.0 * c.se).max(1e-6)
            } else {
                1e-4
            };
            simplest_fraction(c.weight, allowed, options.max_denominator)
        })
        .collect();
    if let Some(fr) = fractions
        && sums_to_one(&fr)
    {
        let wf: Vec<f64> = fr.iter().map(|(p, q)| *p as f64 / *q as f64).collect();
        // On the rows the weights were fitted on, as good as the free fit up to the published
        // index's own rounding (4 decimals: 5e-5).
        let on_basis = fit_of(&fa, &fy, &wf).max_abs_residual;
        let f = fit_of(&a, &y, &wf);
        if on_basis <= fit_of(&fa, &fy, &w).max_abs_residual + 1e-4 {
            for (c, (p, q)) in components.iter_mut().zip(&fr) {
                c.fraction = Some(if *p == 0 {
                    "0".into()
                } else {
                    format!("{p}/{q}")
                });
            }
            fraction_fit = Some(f);
        }
    }
    let mut largest: Vec<RowResidual> = rows
        .iter()
        .zip(&a)
        .zip(&y)
        .map(|((m, x), p)| RowResidual {
            slug: m.slug.clone(),
            model: m.model.clone(),
            published: *p,
            fitted: dot(x, &w),
            residual: p - dot(x, &w),
            flags: m.flags.clone(),
        })
        .collect();
    largest.sort_by(|a, b| {
        b.residual
            .abs()
            .total_cmp(&a.residual.abs())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    largest.truncate(10);
    let mut notes = Vec::new();
    for c in &components {
        if c.solved_rows > 0 {
            notes.push(format!(
                "{}: the frozen value of {} rows was solved from a published sub-index with the reference methodology's own fixed weights (see its freeze.solve_from)",
                c.id, c.solved_rows
            ));
        }
        if c.live_rows > 0 {
            notes.push(format!(
                "{}: {} rows use the live value (the frozen one is not in the dataset): expect residual there",
                c.id, c.live_rows
            ));
        }
    }
    Ok(Inference {
        estimator: options.estimator,
        basis,
        reference: reference.name.clone(),
        dataset: dataset.origin.clone(),
        published_column,
        components,
        fit,
        fraction_fit,
        largest_residuals: largest,
        excluded,
        bootstrap: options.bootstrap,
        seed: options.seed,
        notes,
    })
}

impl Inference {
    /// A methodology with the inferred weights and the reference's categories, columns, normalisers
    /// and freeze rules; exact fractions become whole relative weights (1/6, 1/12 → 4, 2 over 24).
    pub fn methodology(&self, reference: &Methodology, name: &str) -> Methodology {
        let weights: Vec<f64> = match self.exact_integers() {
            Some(ints) => ints.into_iter().map(|v| v as f64).collect(),
            None => self.components.iter().map(|c| c.weight).collect(),
        };
        let mut components = Vec::new();
        for (c, w) in self.components.iter().zip(&weights) {
            if *w <= 0.0 {
                continue;
            }
            let mut k = reference
                .components
                .iter()
                .find(|k| k.id == c.id)
                .expect("inferred from this methodology")
                .clone();
            k.weight = *w;
            components.push(k);
        }
        let categories: Vec<Category> = reference
            .categories
            .iter()
            .filter_map(|cat| {
                let total: f64 = components
                    .iter()
                    .filter(|k| k.category == cat.id)
                    .map(|k| k.weight)
                    .sum();
                (total > 0.0).then(|| Category {
                    weight: total,
                    ..cat.clone()
                })
            })
            .collect();
        Methodology {
            name: name.to_string(),
            version: "inferred".into(),
            description: format!(
                "weights inferred from {} ({} rows, max |residual| {:.2e}) with the columns of {}",
                self.dataset, self.fit.rows_used, self.fit.max_abs_residual, self.reference
            ),
            scale: reference.scale,
            published_column: reference.published_column.clone(),
            categories,
            components,
            origin: None,
        }
    }

    /// The exact fractions over their least common denominator, when supported.
    fn exact_integers(&self) -> Option<Vec<u64>> {
        self.fraction_fit.as_ref()?;
        let fr: Vec<(u64, u64)> = self
            .components
            .iter()
            .map(|c| parse_fraction(c.fraction.as_deref()?))
            .collect::<Option<_>>()?;
        let l = fr.iter().fold(1u64, |l, (_, q)| lcm(l, *q));
        Some(fr.iter().map(|(p, q)| p * (l / q)).collect())
    }
}

fn parse_fraction(text: &str) -> Option<(u64, u64)> {
    if text == "0" {
        return Some((0, 1));
    }
    let (p, q) = text.split_once('/')?;
    Some((p.parse().ok()?, q.parse().ok()?))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn fit_of(a: &[Vec<f64>], y: &[f64], w: &[f64]) -> Fit {
    let r: Vec<f64> = a.iter().zip(y).map(|(x, p)| p - dot(x, w)).collect();
    Fit {
        rows_used: y.len(),
        rows_within_1e_3: r.iter().filter(|v| v.abs() <= 1e-3).count(),
        max_abs_residual: r.iter().fold(0.0f64, |m, v| m.max(v.abs())),
        rms_residual: (r.iter().map(|v| v * v).sum::<f64>() / r.len().max(1) as f64).sqrt(),
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Standard deviation and the 2.5 % / 97.5 % quantiles (nearest rank) of the draws.
fn spread(draws: &mut [f64]) -> (f64, f64, f64) {
    if draws.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let n = draws.len() as f64;
    let mean = draws.iter().sum::<f64>() / n;
    let sd = (draws.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
    draws.sort_by(f64::total_cmp);
    let at = |q: f64| draws[((q * n).ceil() as usize).clamp(1, draws.len()) - 1];
    (sd, at(0.025), at(0.975))
}

/// The fraction p/q with the smallest denominator q ≤ `max_q` within `tolerance` of x in [0, 1].
fn simplest_fraction(x: f64, tolerance: f64, max_q: u64) -> Option<(u64, u64)> {
    if !(0.0..=1.0).contains(&x) {
        return None;
    }
    (1..=max_q).find_map(|q| {
        let p = (x * q as f64).round() as u64;
        ((x - p as f64 / q as f64).abs() <= tolerance).then_some(if p == 0 {
            (0, 1)
        } else {
            (p, q)
        })
    })
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn lcm(a: u64, b: u64) -> u64 {
    a / gcd(a, b).max(1) * b
}

/// Whether fractions add up to exactly 1 (exact integer arithmetic).
fn sums_to_one(fr: &[(u64, u64)]) -> bool {
    let l = fr.iter().fold(1u64, |l, (_, q)| lcm(l, *q));
    fr.iter().map(|(p, q)| p * (l / q)).sum::<u64>() == l
}

/// `argmin ½‖A w − y‖²` over the simplex (w ≥ 0, Σ w = 1), by a primal active-set method.
pub fn simplex_least_squares(a: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let k = a.first().map_or(0, Vec::len);
    let mut q = vec![vec![0.0; k]; k];
    let mut c = vec![0.0; k];
    for (x, t) in a.iter().zip(y) {
        for i in 0..k {
            c[i] += x[i] * t;
            for j in 0..k {
                q[i][j] += x[i] * x[j];
            }
        }
    }
    simplex_qp(&q, &c)
}

/// `argmin Σ |A w − y|` over the simplex (least absolute deviations), by iteratively reweighted
/// least squares from the least-squares solution. Robust to a minority of rows whose published index
/// used values the dataset does not hold (a frozen Elo): those rows keep their residual, the others
/// are fitted exactly.
pub fn simplex_least_absolute(a: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let mut w = simplex_least_squares(a, y);
    // Residuals below this count as zero (AA publishes the index to 4 decimals).
    const FLOOR: f64 = 1e-6;
    let mut wa: Vec<Vec<f64>> = a.to_vec();
    let mut wy: Vec<f64> = y.to_vec();
    for _ in 0..100 {
        for (i, (x, t)) in a.iter().zip(y).enumerate() {
            let r = (t - dot(x, &w)).abs().max(FLOOR);
            let s = (1.0 / r).sqrt();
            for (dst, v) in wa[i].iter_mut().zip(x) {
                *dst = v * s;
            }
            wy[i] = t * s;
        }
        let next = simplex_least_squares(&wa, &wy);
        let moved = next
            .iter()
            .zip(&w)
            .fold(0.0f64, |m, (p, q)| m.max((p - q).abs()));
        w = next;
        if moved < 1e-12 {
            break;
        }
    }
    w
}

/// `argmin ½ wᵀQw − cᵀw` over the simplex, Q symmetric positive semi-definite.
fn simplex_qp(q: &[Vec<f64>], c: &[f64]) -> Vec<f64> {
    let k = c.len();
    if k == 0 {
        return Vec::new();
    }
    // A tiny ridge keeps the equality-constrained systems solvable when columns are collinear.
    let trace: f64 = (0..k).map(|i| q[i][i]).sum();
    let ridge = 1e-13 * trace.max(1.0) / k as f64;
    let mut w = vec![1.0 / k as f64; k];
    let mut free = vec![true; k];
    for _ in 0..(50 * k + 50) {
        let f: Vec<usize> = (0..k).filter(|&i| free[i]).collect();
        let (target, lambda) = equality_solve(q, c, &f, ridge);
        let step: Vec<f64> = (0..k)
            .map(|i| if free[i] { target[i] - w[i] } else { 0.0 })
            .collect();
        if step.iter().all(|s| s.abs() <= 1e-15) {
            // Stationary on the free set: release the bound with the most negative multiplier.
            let grad: Vec<f64> = (0..k)
                .map(|i| dot(&q[i], &w) + ridge * w[i] - c[i])
                .collect();
            let scale = grad.iter().fold(1.0f64, |m, g| m.max(g.abs()));
            let worst = (0..k)
                .filter(|&i| !free[i])
                .map(|i| (grad[i] - lambda, i))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            match worst {
                Some((mu, i)) if mu < -1e-12 * scale => free[i] = true,
                _ => return w,
            }
            continue;
        }
        // Go as far towards the target as the bounds allow.
        let mut alpha = 1.0;
        let mut blocking = None;
        for &i in &f {
            if step[i] < 0.0 {
                let a = -w[i] / step[i];
                if a < alpha {
                    alpha = a;
                    blocking = Some(i);
                }
            }
        }
        for i in 0..k {
            w[i] += alpha * step[i];
        }
        if let Some(i) = blocking {
            w[i] = 0.0;
            free[i] = false;
        }
        // Renormalise away rounding drift so Σ w stays exactly on the simplex.
        let total: f64 = w.iter().sum();
        for v in &mut w {
            *v = v.max(0.0) / total;
        }
    }
    w
}

/// Minimises ½ wᵀQw − cᵀw with w zero outside `free` and Σ w = 1: the KKT system
/// `[Q_FF 1; 1ᵀ 0] [w_F; −λ] = [c_F; 1]`. Returns w and λ.
fn equality_solve(q: &[Vec<f64>], c: &[f64], free: &[usize], ridge: f64) -> (Vec<f64>, f64) {
    let m = free.len();
    let mut sys = vec![vec![0.0; m + 2]; m + 1];
    for (r, &i) in free.iter().enumerate() {
        for (s, &j) in free.iter().enumerate() {
            sys[r][s] = q[i][j] + if i == j { ridge } else { 0.0 };
        }
        sys[r][m] = 1.0;
        sys[r][m + 1] = c[i];
    }
    for v in sys[m].iter_mut().take(m) {
        *v = 1.0;
    }
    sys[m][m + 1] = 1.0;
    let x = gauss(sys);
    let mut w = vec![0.0; c.len()];
    for (r, &i) in free.iter().enumerate() {
        w[i] = x[r];
    }
    (w, -x[m])
}

/// Solves an augmented system by Gaussian elimination with partial pivoting.
fn gauss(mut a: Vec<Vec<f64>>) -> Vec<f64> {
    let n = a.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .expect("rows remain");
        a.swap(col, pivot);
        let p = a[col][col];
        if p.abs() < 1e-300 {
            continue;
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / p;
                if f != 0.0 {
                    for (v, pv) in row.iter_mut().zip(&pivot_row).skip(col) {
                        *v -= f * pv;
                    }
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            if a[i][i].abs() < 1e-300 {
                0.0
            } else {
                a[i][n] / a[i][i]
            }
        })
        .collect()
}

/// A methodology for a snapshot that states none: the weights inferred with each candidate's
/// columns, normalisers and freeze rules (candidates the dataset cannot be scored under are
/// skipped), the best fit (smallest RMS residual) kept. `None` when no candidate applies.
pub fn infer_methodology(
    dataset: &Dataset,
    candidates: &[Methodology],
    name: &str,
) -> Option<(Methodology, Inference)> {
    let options = InferOptions {
        bootstrap: 0,
        ..InferOptions::default()
    };
    candidates
        .iter()
        .filter_map(|reference| {
            let inference = infer(dataset, reference, &options).ok()?;
            (inference.fit.rows_used > 0)
                .then(|| (inference.methodology(reference, name), inference))
        })
        .min_by(|x, y| x.1.fit.rms_residual.total_cmp(&y.1.fit.rms_residual))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_known_weights_exactly_from_noiseless_data() {
        // Synthetic (seeded): 40 rows of 4 components, index = 100·(0.5, 0.25, 0.25, 0)·x.
        let mut rng = stream(7, 1);
        let truth = [0.5, 0.25, 0.25, 0.0];
        let a: Vec<Vec<f64>> = (0..40)
            .map(|_| (0..4).map(|_| 100.0 * rng.random::<f64>()).collect())
            .collect();
        let y: Vec<f64> = a.iter().map(|x| dot(x, &truth)).collect();
        let w = simplex_least_squares(&a, &y);
        for (got, want) in w.iter().zip(truth) {
            assert!((got - want).abs() < 1e-9, "{w:?}");
        }
        assert!(w[3] >= 0.0 && w[3] < 1e-9, "{w:?}");
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_negative_unconstrained_solution_is_clipped_to_the_simplex() {
        // y depends negatively on the second column: the simplex optimum puts it at 0.
        let a = vec![
            vec![1.0, 0.0],
            vec![2.0, 1.0],
            vec![3.0, 3.0],
            vec![4.0, 1.0],
        ];
        let y: Vec<f64> = a.iter().map(|x| 1.2 * x[0] - 0.2 * x[1]).collect();
        let w = simplex_least_squares(&a, &y);
        assert!(w[1] == 0.0 && (w[0] - 1.0).abs() < 1e-12, "{w:?}");
    }

    #[test]
    fn fractions() {
        assert_eq!(simplest_fraction(1.0 / 6.0 + 1e-5, 2e-5, 100), Some((1, 6)));
        assert_eq!(simplest_fraction(0.0625, 1e-9, 100), Some((1, 16)));
        assert_eq!(simplest_fraction(0.14, 1e-9, 100), Some((7, 50)));
        assert_eq!(simplest_fraction(0.0, 1e-9, 100), Some((0, 1)));
        assert_eq!(simplest_fraction(0.123456, 1e-9, 100), None);
        assert!(sums_to_one(&[(1, 6), (1, 12), (3, 4)]));
        assert!(!sums_to_one(&[(1, 3), (1, 3), (1, 4)]));
        assert_eq!(lcm(12, 16), 48);
    }
}
