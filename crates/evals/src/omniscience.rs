//! AA-Omniscience outcome metrics (arXiv 2511.13029).
//!
//! Each answer is graded CORRECT (C), INCORRECT (I), PARTIAL_ANSWER (P) or NOT_ATTEMPTED (A);
//! N = C + I + P + A. The metrics:
//!
//! - accuracy = C/N
//! - hallucination rate h = I/(N − C) = I/(I + P + A); non-hallucination = 1 − h
//! - Omniscience Index = 100 · (C − I)/N = 100 · (accuracy − (1 − accuracy) · h), range −100..100
//! - attempt rate = (C + I + P)/N
//!
//! ```
//! use reweigh_evals::omniscience::Outcomes;
//! let m = Outcomes { correct: 300.0, incorrect: 200.0, partial: 0.0, not_attempted: 500.0 }.metrics().unwrap();
//! assert_eq!(m.accuracy, 0.3);
//! assert!((m.hallucination_rate - 200.0 / 700.0).abs() < 1e-15);
//! assert!((m.index - 10.0).abs() < 1e-12);
//! ```

/// Outcome counts of one model on AA-Omniscience.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcomes {
    pub correct: f64,
    pub incorrect: f64,
    pub partial: f64,
    pub not_attempted: f64,
}

/// The published metrics, all as fractions except `index` (−100..100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub accuracy: f64,
    pub hallucination_rate: f64,
    pub nonhallucination: f64,
    pub attempt_rate: f64,
    pub index: f64,
}

/// Per-question shares of the four outcomes (they sum to 1). `partial_or_abstained` is exact from the
/// rates; `partial` and `not_attempted` separately only when counts (or an attempt rate) are known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shares {
    pub correct: f64,
    pub incorrect: f64,
    pub partial_or_abstained: f64,
}

impl Outcomes {
    pub fn total(&self) -> f64 {
        self.correct + self.incorrect + self.partial + self.not_attempted
    }

    /// The metrics, or `None` when there are no questions. With every answer correct the
    /// hallucination rate has no wrong-or-abstained answers to count and is defined as 0.
    pub fn metrics(&self) -> Option<Metrics> {
        let n = self.total();
        if n <= 0.0 {
            return None;
        }
        let accuracy = self.correct / n;
        let not_correct = n - self.correct;
        let hallucination_rate = if not_correct > 0.0 {
            self.incorrect / not_correct
        } else {
            0.0
        };
        Some(Metrics {
            accuracy,
            hallucination_rate,
            nonhallucination: 1.0 - hallucination_rate,
            attempt_rate: (self.correct + self.incorrect + self.partial) / n,
            index: 100.0 * (self.correct - self.incorrect) / n,
        })
    }
}

/// Shares of the outcomes recovered from the two published rates:
/// I/N = h·(1 − acc), (P + A)/N = (1 − acc)(1 − h).
pub fn shares_from_rates(accuracy: f64, hallucination_rate: f64) -> Shares {
    Shares {
        correct: accuracy,
        incorrect: hallucination_rate * (1.0 - accuracy),
        partial_or_abstained: (1.0 - accuracy) * (1.0 - hallucination_rate),
    }
}

/// The Omniscience Index (−100..100) from the two published rates.
pub fn index_from_rates(accuracy: f64, hallucination_rate: f64) -> f64 {
    100.0 * (accuracy - (1.0 - accuracy) * hallucination_rate)
}

/// The hallucination rate at which a model with `accuracy` has the Omniscience Index `index`
/// (−100..100): the inverse of [`index_from_rates`] in the rate, for iso-index lines. Undefined
/// (infinite) at an accuracy of 1.
pub fn hallucination_rate_for_index(index: f64, accuracy: f64) -> f64 {
    (accuracy - index / 100.0) / (1.0 - accuracy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iso_index_rate_inverts_the_index() {
        for (index, accuracy) in [(-40.0, 0.2), (0.0, 0.301), (20.0, 0.5), (60.0, 0.75)] {
            let h = hallucination_rate_for_index(index, accuracy);
            assert!((index_from_rates(accuracy, h) - index).abs() < 1e-12);
        }
        // AA's example: accuracy 30.1 %, hallucination 22.9 % is an index of 14.1.
        assert!(
            (hallucination_rate_for_index(index_from_rates(0.301, 0.229), 0.301) - 0.229).abs()
                < 1e-15
        );
    }

    #[test]
    fn qwen37_max_seed_rates_imply_about_two_percent_partial() {
        // AA's seed figures for Qwen3.7 Max: accuracy 30.1 %, hallucination 22.9 %, attempt 48.0 %.
        let s = shares_from_rates(0.301, 0.229);
        assert!((s.correct + s.incorrect + s.partial_or_abstained - 1.0).abs() < 1e-15);
        let attempted_without_partial = s.correct + s.incorrect;
        let partial = 0.480 - attempted_without_partial;
        assert!((partial - 0.019).abs() < 0.001, "partial share {partial}");
    }

    #[test]
    fn counts_and_rates_agree() {
        let o = Outcomes {
            correct: 1806.0,
            incorrect: 962.0,
            partial: 114.0,
            not_attempted: 3118.0,
        };
        let m = o.metrics().unwrap();
        assert_eq!(m.accuracy, 1806.0 / 6000.0);
        assert_eq!(m.hallucination_rate, 962.0 / 4194.0);
        assert_eq!(m.attempt_rate, 2882.0 / 6000.0);
        let s = shares_from_rates(m.accuracy, m.hallucination_rate);
        assert!((s.incorrect - 962.0 / 6000.0).abs() < 1e-15);
        assert!((s.partial_or_abstained - 3232.0 / 6000.0).abs() < 1e-15);
        assert!((index_from_rates(m.accuracy, m.hallucination_rate) - m.index).abs() < 1e-12);
    }

    #[test]
    fn all_correct_and_empty() {
        let all = Outcomes {
            correct: 10.0,
            incorrect: 0.0,
            partial: 0.0,
            not_attempted: 0.0,
        };
        assert_eq!(all.metrics().unwrap().hallucination_rate, 0.0);
        let none = Outcomes {
            correct: 0.0,
            incorrect: 0.0,
            partial: 0.0,
            not_attempted: 0.0,
        };
        assert_eq!(none.metrics(), None);
    }
}
