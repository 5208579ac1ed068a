//! A result with the scoring it was computed on: what every output names. Its JSON is the
//! methodology, the abstention policy, the dataset and each component's share of the index
//! (`effective_weights`), then the result's own fields, then the
//! receipt (what produced it, to re-run it).

use serde::{Serialize, Serializer};

use crate::abstention::Policy;
use crate::methodology::MethodologyId;
use crate::receipt::Receipt;
use crate::score::Scored;

/// `result` computed on `scored`.
#[derive(Debug, Clone, Copy)]
pub struct Scoped<'a, T> {
    pub scored: &'a Scored,
    pub result: &'a T,
}

impl<'a, T> Scoped<'a, T> {
    pub fn new(scored: &'a Scored, result: &'a T) -> Self {
        Scoped { scored, result }
    }
}

#[derive(Serialize)]
struct Doc<'a, T: Serialize> {
    methodology: &'a MethodologyId,
    #[serde(serialize_with = "crate::serial::display")]
    abstention: &'a Policy,
    dataset: &'a str,
    #[serde(serialize_with = "crate::serial::sorted_map")]
    effective_weights: &'a [(String, f64)],
    #[serde(flatten)]
    result: &'a T,
    receipt: &'a Receipt,
}

impl<T: Serialize> Serialize for Scoped<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Doc {
            methodology: &self.scored.methodology,
            abstention: &self.scored.abstention,
            dataset: &self.scored.dataset,
            effective_weights: &self.scored.effective_weights,
            result: self.result,
            receipt: &self.scored.receipt,
        }
        .serialize(s)
    }
}
