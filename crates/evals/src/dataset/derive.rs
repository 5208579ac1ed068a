//! Columns derived from others: GDPval's Elo from its normalised percent, the Omniscience rates from
//! outcome counts, non-hallucination from the hallucination rate. A value given and derived must
//! agree (within the published rounding).

use crate::error::{DataError, DataErrorKind as K};
use crate::normalise::gdpval_elo_from_norm_pct;
use crate::omniscience::Outcomes;

use super::Dataset;
use super::validate::Builder;

impl Builder<'_> {
    pub(super) fn derive(&self, d: &mut Dataset) -> Result<(), DataError> {
        for (elo, pct) in [
            ("gdpval_elo", "gdpval_norm_pct"),
            ("gdpval_v2_elo", "gdpval_v2_norm_pct"),
        ] {
            self.derive_elo(d, elo, pct)?;
        }
        self.derive_omniscience(d)?;
        self.check_cost_parts(d)
    }

    /// The cost of running the index adds up: total = input + output and output = reasoning +
    /// answer, within a cent (AA rounds each to 4 decimals). Checked where the whole (the total or
    /// the output cost) is known and above 0 (AA writes 0 for unknown) and both parts are given.
    fn check_cost_parts(&self, d: &Dataset) -> Result<(), DataError> {
        const PARTS: [(&str, &str, &str); 2] = [
            (
                "index_cost_usd",
                "index_cost_input_usd",
                "index_cost_output_usd",
            ),
            (
                "index_cost_output_usd",
                "index_cost_reasoning_usd",
                "index_cost_answer_usd",
            ),
        ];
        for (whole, a, b) in PARTS {
            for i in 0..d.len() {
                let (Some(w), Some(x), Some(y)) = (d.value(i, whole), d.value(i, a), d.value(i, b))
                else {
                    continue;
                };
                if w > 0.0 && (w - x - y).abs() > COST_TOLERANCE_USD {
                    return Err(self
                        .err(
                            K::Inconsistent,
                            i,
                            Some(&d.rows[i].slug),
                            format!("'{whole}' = '{a}' + '{b}' ({x} + {y} = {})", x + y),
                        )
                        .column(whole)
                        .value(w.to_string())
                        .fix("the parts of a cost must add up to it within a cent; check the three values against the source, or write NA for the ones it does not publish"));
                }
            }
        }
        Ok(())
    }

    fn derive_elo(&self, d: &mut Dataset, elo: &str, pct: &str) -> Result<(), DataError> {
        let Some(pcts) = d.columns.get(pct).cloned() else {
            return Ok(());
        };
        let from_pct: Vec<Option<f64>> = pcts
            .iter()
            .map(|p| p.map(gdpval_elo_from_norm_pct))
            .collect();
        let merged = self.merge(d, elo, pct, from_pct, 1e-6)?;
        d.columns.insert(elo.to_string(), merged);
        Ok(())
    }

    /// Merges derived values into `target`: a value given in both must agree within `tolerance`.
    fn merge(
        &self,
        d: &mut Dataset,
        target: &str,
        source: &str,
        derived: Vec<Option<f64>>,
        tolerance: f64,
    ) -> Result<Vec<Option<f64>>, DataError> {
        let Some(given) = d.columns.get(target) else {
            d.derived.push(target.to_string());
            return Ok(derived);
        };
        let mut out = given.clone();
        for (i, (g, v)) in given.iter().zip(&derived).enumerate() {
            match (g, v) {
                (Some(g), Some(v)) if (g - v).abs() > tolerance => {
                    return Err(self
                        .err(
                            K::Inconsistent,
                            i,
                            Some(&d.rows[i].slug),
                            format!(
                                "'{target}' to agree with the value implied by '{source}' ({v})"
                            ),
                        )
                        .column(target)
                        .value(g.to_string())
                        .fix(format!(
                            "give only one of '{target}' and '{source}', or correct one of them"
                        )));
                }
                (None, Some(v)) => out[i] = Some(*v),
                _ => {}
            }
        }
        Ok(out)
    }

    fn derive_omniscience(&self, d: &mut Dataset) -> Result<(), DataError> {
        const COUNTS: [&str; 4] = [
            "omniscience_correct",
            "omniscience_incorrect",
            "omniscience_partial",
            "omniscience_not_attempted",
        ];
        let present: Vec<&str> = COUNTS.into_iter().filter(|c| d.has_column(c)).collect();
        if !present.is_empty() && present.len() < COUNTS.len() {
            let missing: Vec<&str> = COUNTS.into_iter().filter(|c| !d.has_column(c)).collect();
            return Err(DataError::new(
                K::MissingColumn,
                self.origin,
                "all four Omniscience outcome counts together",
            )
            .column(missing[0])
            .fix(format!("add the column(s) {}", missing.join(", "))));
        }
        // Rates (with a 0.05 % tolerance: published rates are rounded) from counts.
        if present.len() == COUNTS.len() {
            let n = d.len();
            let mut acc = vec![None; n];
            let mut hall = vec![None; n];
            let mut attempt = vec![None; n];
            for i in 0..n {
                let c: Vec<Option<f64>> = COUNTS.iter().map(|c| d.value(i, c)).collect();
                let (Some(correct), Some(incorrect), Some(partial), Some(not_attempted)) =
                    (c[0], c[1], c[2], c[3])
                else {
                    continue;
                };
                let o = Outcomes {
                    correct,
                    incorrect,
                    partial,
                    not_attempted,
                };
                let slug = d.rows[i].slug.clone();
                if let Some(total) = d.value(i, "omniscience_questions")
                    && (o.total() - total).abs() > 0.5
                {
                    return Err(self
                        .err(K::Inconsistent, i, Some(&slug), format!(
                            "correct + incorrect + partial + not_attempted = omniscience_questions ({total})"
                        ))
                        .column("omniscience_questions")
                        .value(format!(
                            "{correct} + {incorrect} + {partial} + {not_attempted} = {}",
                            o.total()
                        ))
                        .fix("the four outcome counts must add up to the number of questions"));
                }
                let Some(m) = o.metrics() else {
                    return Err(self
                        .err(K::Inconsistent, i, Some(&slug), "at least one question")
                        .column("omniscience_correct")
                        .value("0 + 0 + 0 + 0")
                        .fix("write NA for all four counts if the model was not evaluated"));
                };
                acc[i] = Some(m.accuracy);
                hall[i] = Some(m.hallucination_rate);
                attempt[i] = Some(m.attempt_rate);
            }
            let source = "omniscience outcome counts";
            let merged = self.merge(d, "omniscience_accuracy", source, acc, 5e-4)?;
            d.columns.insert("omniscience_accuracy".into(), merged);
            let merged = self.merge(d, "omniscience_hallucination_rate", source, hall, 5e-4)?;
            d.columns
                .insert("omniscience_hallucination_rate".into(), merged);
            let merged = self.merge(d, "omniscience_attempt_rate", source, attempt, 5e-4)?;
            d.columns.insert("omniscience_attempt_rate".into(), merged);
        }
        if let Some(h) = d.columns.get("omniscience_hallucination_rate").cloned() {
            let non: Vec<Option<f64>> = h.iter().map(|h| h.map(|h| 1.0 - h)).collect();
            let merged = self.merge(
                d,
                "omniscience_nonhallucination",
                "omniscience_hallucination_rate",
                non,
                5e-4,
            )?;
            d.columns
                .insert("omniscience_nonhallucination".into(), merged);
        }
        Ok(())
    }
}

/// How far the parts of a cost may be from adding up to it, in US dollars.
pub const COST_TOLERANCE_USD: f64 = 0.01;
