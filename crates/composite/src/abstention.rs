//! Scoring AA-Omniscience abstention: policies that turn a model's outcome shares into one score.
//!
//! A model answers each question correctly (share c = C/N), incorrectly (i = I/N), partially (p) or
//! abstains (a); c + i + p + a = 1. From AA's two published rates (accuracy, hallucination rate h) only
//! c, i = h·(1 − c) and p + a = (1 − c)(1 − h) are known; the split of p + a needs an attempt rate
//! (a = 1 − attempt) or the outcome counts. A policy that needs the split says so when it is missing.
//!
//! Re-scoring published results is post-hoc at fixed behaviour: each model chose when to abstain under
//! AA's prompt and scoring, not under the policy applied here.

use std::fmt;

use reweigh_evals::Dataset;

/// An abstention policy. See docs/abstention.md for formulas, ranges and what each rewards.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Policy {
    /// AA's two components: accuracy and non-hallucination (1 − h), as the methodology declares them.
    #[default]
    Aa,
    /// c: abstaining counts as not knowing.
    Accuracy,
    /// (c − P·i + P)/(1 + P): a wrong answer costs P correct ones; P = 1 is the Omniscience Index.
    Penalty(f64),
    /// Kalai et al.'s confidence target t: penalty t/(1 − t).
    Confidence(f64),
    /// c + K·a: an abstention earns K of a correct answer (needs the split).
    Credit(f64),
    /// c/(c + i + p): accuracy on attempted questions (needs the split).
    Attempted,
    /// Harmonic mean of c and c/(c + i + p), as SimpleQA reports (needs the split).
    F1,
}

/// The forms `Policy::parse` accepts, for error messages and help.
pub const ACCEPTED: &str = "aa, accuracy, penalty:P (0 <= P <= 1e6), confidence:T (0 < T < 1), credit:K (0 <= K <= 1), attempted, f1";

/// The largest penalty per wrong answer: beyond it (c − P·i + P)/(1 + P) differs from its limit
/// 1 − i by less than 1e-6.
pub const MAX_PENALTY: f64 = 1e6;

impl Policy {
    pub fn parse(text: &str) -> Result<Policy, String> {
        let bad =
            |why: &str| format!("abstention policy '{text}' {why}; accepted forms: {ACCEPTED}");
        let (name, arg) = match text.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (text, None),
        };
        let number = || -> Result<f64, String> {
            let a = arg.ok_or_else(|| bad("needs a parameter after ':'"))?;
            a.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad(&format!("has a parameter '{a}' that is not a number")))
        };
        let no_arg = |p: Policy| match arg {
            None => Ok(p),
            Some(_) => Err(bad("takes no parameter")),
        };
        match name {
            "aa" => no_arg(Policy::Aa),
            "accuracy" => no_arg(Policy::Accuracy),
            "attempted" => no_arg(Policy::Attempted),
            "f1" => no_arg(Policy::F1),
            "penalty" => {
                let p = number()?;
                if p < 0.0 {
                    return Err(bad(
                        "has a negative penalty (a wrong answer would earn credit)",
                    ));
                }
                if p > MAX_PENALTY {
                    return Err(bad(
                        "has a penalty above 1e6 (the score is then 1 - i to 6 digits)",
                    ));
                }
                Ok(Policy::Penalty(p))
            }
            "confidence" => {
                let t = number()?;
                if !(t > 0.0 && t < 1.0) {
                    return Err(bad("needs a confidence target strictly between 0 and 1"));
                }
                Ok(Policy::Confidence(t))
            }
            "credit" => {
                let k = number()?;
                if !(0.0..=1.0).contains(&k) {
                    return Err(bad("needs a credit between 0 and 1"));
                }
                Ok(Policy::Credit(k))
            }
            _ => Err(bad("is not a policy")),
        }
    }

    /// Whether the policy needs partial answers and abstentions separately.
    pub fn needs_split(self) -> bool {
        matches!(self, Policy::Credit(_) | Policy::Attempted | Policy::F1)
    }

    /// The penalty per wrong answer, for the penalty-family policies.
    pub fn penalty(self) -> Option<f64> {
        match self {
            Policy::Penalty(p) => Some(p),
            Policy::Confidence(t) => Some(t / (1.0 - t)),
            _ => None,
        }
    }

    /// The policy's score in [0, 1] from outcome shares. `None` when it needs the split and the
    /// shares lack it. For `aa` this is the mean of accuracy and non-hallucination.
    pub fn score(self, s: &Shares) -> Option<f64> {
        Some(match self {
            Policy::Aa => {
                let rest = 1.0 - s.correct;
                let h = if rest > 0.0 { s.incorrect / rest } else { 0.0 };
                (s.correct + 1.0 - h) / 2.0
            }
            Policy::Accuracy => s.correct,
            Policy::Penalty(_) | Policy::Confidence(_) => {
                let p = self.penalty().expect("penalty family");
                (s.correct - p * s.incorrect + p) / (1.0 + p)
            }
            Policy::Credit(k) => s.correct + k * s.abstained?,
            Policy::Attempted => attempted_accuracy(s)?,
            Policy::F1 => {
                let q = attempted_accuracy(s)?;
                if s.correct + q > 0.0 {
                    2.0 * s.correct * q / (s.correct + q)
                } else {
                    0.0
                }
            }
        })
    }
}

/// c/(c + i + p) = c/(1 − a); 0 when nothing was attempted.
fn attempted_accuracy(s: &Shares) -> Option<f64> {
    let attempted = 1.0 - s.abstained?;
    Some(if attempted > 0.0 {
        s.correct / attempted
    } else {
        0.0
    })
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Policy::Aa => write!(f, "aa"),
            Policy::Accuracy => write!(f, "accuracy"),
            Policy::Penalty(p) => write!(f, "penalty:{p}"),
            Policy::Confidence(t) => write!(f, "confidence:{t}"),
            Policy::Credit(k) => write!(f, "credit:{k}"),
            Policy::Attempted => write!(f, "attempted"),
            Policy::F1 => write!(f, "f1"),
        }
    }
}

impl serde::Serialize for Policy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Policy::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl std::str::FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Policy::parse(s)
    }
}

/// Per-question outcome shares of one model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shares {
    /// c = C/N
    pub correct: f64,
    /// i = I/N
    pub incorrect: f64,
    /// a = A/N, when known (from an attempt rate or counts).
    pub abstained: Option<f64>,
}

impl Shares {
    /// A copy with the accuracy of `other` (for the accuracy/hallucination split of a difference).
    pub fn with_correct(self, correct: f64) -> Shares {
        Shares { correct, ..self }
    }
}

/// A row's shares from the dataset's Omniscience columns (rates derived from counts by the loader).
pub fn shares(dataset: &Dataset, row: usize) -> Option<Shares> {
    let c = dataset.value(row, "omniscience_accuracy")?;
    let h = dataset
        .value(row, "omniscience_hallucination_rate")
        .or_else(|| {
            dataset
                .value(row, "omniscience_nonhallucination")
                .map(|n| 1.0 - n)
        })?;
    Some(Shares {
        correct: c,
        incorrect: h * (1.0 - c),
        abstained: dataset
            .value(row, "omniscience_attempt_rate")
            .map(|attempt| 1.0 - attempt),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_with_the_accepted_forms() {
        assert_eq!(Policy::parse("aa"), Ok(Policy::Aa));
        assert_eq!(Policy::parse("penalty:1"), Ok(Policy::Penalty(1.0)));
        assert_eq!(
            Policy::parse("confidence:0.75"),
            Ok(Policy::Confidence(0.75))
        );
        assert_eq!(Policy::parse("credit:0.5"), Ok(Policy::Credit(0.5)));
        for bad in [
            "penalty:-1",
            "confidence:1",
            "confidence:0",
            "credit:2",
            "nonsense",
            "penalty",
            "f1:2",
            "penalty:x",
        ] {
            let e = Policy::parse(bad).unwrap_err();
            assert!(e.contains(bad) && e.contains(ACCEPTED), "{e}");
        }
    }

    #[test]
    fn penalty_one_is_the_omniscience_index_rescaled() {
        // Qwen3.7 Max, AA seed figures: accuracy 30.1 %, hallucination rate 22.9 %.
        let s = Shares {
            correct: 0.301,
            incorrect: 0.229 * (1.0 - 0.301),
            abstained: Some(1.0 - 0.480),
        };
        let index = reweigh_evals::omniscience::index_from_rates(0.301, 0.229);
        let score = Policy::Penalty(1.0).score(&s).unwrap();
        assert!((score - (index / 100.0 + 1.0) / 2.0).abs() < 1e-15);
        assert_eq!(
            Policy::Confidence(0.5).score(&s),
            Policy::Penalty(1.0).score(&s)
        );
        assert_eq!(Policy::Penalty(0.0).score(&s), Some(0.301));
        // The split-needing policies use a = 1 − attempt rate = 0.52.
        assert!((Policy::Credit(0.5).score(&s).unwrap() - (0.301 + 0.26)).abs() < 1e-15);
        assert!((Policy::Attempted.score(&s).unwrap() - 0.301 / 0.48).abs() < 1e-15);
        let no_split = Shares {
            abstained: None,
            ..s
        };
        assert_eq!(Policy::Credit(0.5).score(&no_split), None);
        assert!(Policy::Accuracy.score(&no_split).is_some());
    }
}
