//! Normalisers: raw published values → comparable scores in [0, 1].

/// How a raw value becomes a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Normaliser {
    /// Already a fraction in [0, 1] (pass@1, accuracy, rates); used as is.
    Fraction,
    /// A percent in [0, 100]; divided by 100.
    Percent,
    /// (x − min)/(max − min), clamped to [0, 1] when `clamp` is set (Elo-like scales).
    Linear { min: f64, max: f64, clamp: bool },
}

impl Normaliser {
    /// AA's GDPval rule: clamp((Elo − 500)/2000, 0, 1).
    pub const GDPVAL_ELO: Normaliser = Normaliser::Linear {
        min: 500.0,
        max: 2500.0,
        clamp: true,
    };

    pub fn apply(&self, raw: f64) -> f64 {
        match *self {
            Normaliser::Fraction => raw,
            Normaliser::Percent => raw / 100.0,
            Normaliser::Linear { min, max, clamp } => {
                let s = (raw - min) / (max - min);
                if clamp { s.clamp(0.0, 1.0) } else { s }
            }
        }
    }

    /// The raw value a score stands for (the inverse of [`apply`](Self::apply) on its range): used to
    /// state a solved score in the column's own unit (a solved frozen GDPval score as an Elo).
    pub fn raw(&self, score: f64) -> f64 {
        match *self {
            Normaliser::Fraction => score,
            Normaliser::Percent => score * 100.0,
            Normaliser::Linear { min, max, .. } => min + score * (max - min),
        }
    }
}

/// GDPval's normalised percent as AInsights publishes it, 100·(Elo − 500)/2000, back to an Elo.
pub fn gdpval_elo_from_norm_pct(pct: f64) -> f64 {
    500.0 + 20.0 * pct
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdpval_elo_is_clamped() {
        let n = Normaliser::GDPVAL_ELO;
        assert_eq!(n.apply(1500.0), 0.5);
        assert_eq!(n.apply(400.0), 0.0);
        assert_eq!(n.apply(2600.0), 1.0);
        // gpt-oss-120b (high), 2026-06-15: published 22.362 → Elo 947.24 → 0.22362.
        let elo = gdpval_elo_from_norm_pct(22.362);
        assert!((elo - 947.24).abs() < 1e-9);
        assert!((n.apply(elo) - 0.22362).abs() < 1e-12);
    }

    #[test]
    fn percent_and_unclamped_linear() {
        assert_eq!(Normaliser::Percent.apply(37.5), 0.375);
        let n = Normaliser::Linear {
            min: 0.0,
            max: 10.0,
            clamp: false,
        };
        assert_eq!(n.apply(12.0), 1.2);
        assert_eq!(n.raw(1.2), 12.0);
        assert_eq!(Normaliser::GDPVAL_ELO.raw(0.25), 1000.0);
        assert_eq!(Normaliser::Percent.raw(0.375), 37.5);
    }
}
