//! Explaining an index: each component's contribution, and the exact decomposition of the difference
//! between two models into per-component terms that sum to it.

use reweigh_evals::Dataset;

use crate::abstention::{self, Policy};
use crate::methodology::{Methodology, NormaliserSpec};
use crate::score::{ModelScore, Scored};

/// One term of an explanation, in index points.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    /// A component id; an abstention policy's Omniscience term is split into
    /// `omniscience:accuracy` and `omniscience:hallucination_abstention`.
    pub id: String,
    pub name: String,
    /// MODEL's contribution (for a split term: its share of the difference is in `difference`).
    pub model: Option<f64>,
    /// OTHER's contribution, with `--vs`.
    pub other: Option<f64>,
    /// MODEL minus OTHER, with `--vs`.
    pub difference: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub model: ModelScore,
    pub other: Option<ModelScore>,
    pub terms: Vec<Term>,
    /// MODEL's index minus OTHER's, with `--vs`.
    pub total_difference: Option<f64>,
    /// Caveats about the decomposition.
    pub notes: Vec<String>,
    /// With `--vs`, the cost and token differences (when the dataset has the cost columns).
    pub cost: Option<crate::cost::CostComparison>,
}

/// Finds a model by slug, or says which slugs are close.
/// `explain --format json`: `terms` (component id → index points) sum to `total_difference` with
/// `--vs`, else to `index`; `components` has every term's both sides.
impl serde::Serialize for Explanation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let vs = self.other.as_ref();
        let terms: std::collections::BTreeMap<&str, f64> = self
            .terms
            .iter()
            .filter_map(|t| {
                let v = if vs.is_some() { t.difference } else { t.model };
                Some((t.id.as_str(), v?))
            })
            .collect();
        let mut st = s.serialize_struct("Explanation", 9)?;
        st.serialize_field("model", &self.model.slug)?;
        st.serialize_field("vs", &vs.map(|b| b.slug.as_str()))?;
        st.serialize_field("index", &self.model.index)?;
        st.serialize_field("other_index", &vs.and_then(|b| b.index))?;
        st.serialize_field("total_difference", &self.total_difference)?;
        st.serialize_field("terms", &terms)?;
        st.serialize_field("components", &self.terms)?;
        st.serialize_field("notes", &self.notes)?;
        // With --vs and a dataset with costs only.
        match &self.cost {
            Some(cost) => st.serialize_field("cost", cost)?,
            None => st.skip_field("cost")?,
        }
        st.end()
    }
}

pub fn find<'a>(scored: &'a Scored, slug: &str) -> Result<&'a ModelScore, String> {
    if let Some(m) = scored.models.iter().find(|m| m.slug == slug) {
        return Ok(m);
    }
    Err(unknown_slug(
        slug,
        scored.models.iter().map(|m| m.slug.as_str()),
        &scored.dataset,
    ))
}

/// The message for a slug that is not in `dataset`: the closest slugs (edit distance, or
/// containing what was typed), or where to find the slugs.
pub fn unknown_slug<'a>(
    slug: &str,
    slugs: impl IntoIterator<Item = &'a str>,
    dataset: &str,
) -> String {
    let close = reweigh_evals::suggest::closest(slug, slugs, 8);
    match reweigh_evals::suggest::did_you_mean(&close) {
        Some(hint) => format!("no model with slug '{slug}' in {dataset}; {hint}"),
        None => format!(
            "no model with slug '{slug}' in {dataset}; `reweigh score{}` lists the slugs",
            if dataset.starts_with("embedded:") {
                String::new()
            } else {
                format!(" {dataset}")
            }
        ),
    }
}

/// Explains `slug` (and its difference from `vs`) under the applied methodology `m` that produced
/// `scored`.
pub fn explain(
    dataset: &Dataset,
    m: &Methodology,
    scored: &Scored,
    slug: &str,
    vs: Option<&str>,
) -> Result<Explanation, String> {
    let a = find(scored, slug)?;
    let b = vs.map(|v| find(scored, v)).transpose()?;
    for s in std::iter::once(a).chain(b) {
        if s.index.is_none() {
            return Err(format!(
                "{} has no index under {}: {}",
                s.slug,
                scored.methodology.name,
                s.no_index_reason()
            ));
        }
    }
    let mut terms = Vec::new();
    let mut notes = Vec::new();
    for k in &m.components {
        let ca = a.contribution(&k.id);
        let cb = b.and_then(|b| b.contribution(&k.id));
        let split = match (k.normaliser, b) {
            (NormaliserSpec::Omniscience { policy }, Some(b)) => {
                split_omniscience(dataset, policy, &k.id, a, b)
            }
            _ => None,
        };
        match split {
            Some((accuracy, rest)) => {
                terms.push(Term {
                    id: format!("{}:accuracy", k.id),
                    name: format!("{}: accuracy part", k.name),
                    model: None,
                    other: None,
                    difference: Some(accuracy),
                });
                terms.push(Term {
                    id: format!("{}:hallucination_abstention", k.id),
                    name: format!("{}: hallucination and abstention part", k.name),
                    model: None,
                    other: None,
                    difference: Some(rest),
                });
            }
            None => terms.push(Term {
                id: k.id.clone(),
                name: k.name.clone(),
                model: ca,
                other: cb,
                difference: b.map(|_| ca.unwrap_or(0.0) - cb.unwrap_or(0.0)),
            }),
        }
    }
    if let Some(b) = b {
        for s in [a, b] {
            if s.flags.iter().any(|f| f.starts_with("renormalized:")) {
                notes.push(format!(
                    "{} has renormalised weights ({}); terms compare contributions under different weights",
                    s.slug,
                    s.flags.join(" ")
                ));
            }
        }
        if scored.abstention == Policy::Aa
            && m.components
                .iter()
                .any(|k| k.column == "omniscience_accuracy")
        {
            notes.push(
                "under aa the Omniscience terms are AA's own two components: accuracy and non-hallucination"
                    .into(),
            );
        }
    }
    Ok(Explanation {
        model: a.clone(),
        other: b.cloned(),
        total_difference: b.map(|b| a.index.unwrap_or(0.0) - b.index.unwrap_or(0.0)),
        terms,
        notes,
        cost: b.and_then(|b| crate::cost::compare(dataset, a, b)),
    })
}

/// Splits an abstention policy's Omniscience difference into the part due to accuracy and the part
/// due to wrong answers and abstentions: the two-factor Shapley split, averaging the accuracy effect
/// over both orders, so the parts add up to the difference exactly.
fn split_omniscience(
    dataset: &Dataset,
    policy: Policy,
    id: &str,
    a: &ModelScore,
    b: &ModelScore,
) -> Option<(f64, f64)> {
    let (ca, cb) = (a.contribution(id)?, b.contribution(id)?);
    // The component's weight in index points (contribution = weight · score).
    let weight = a.weights.iter().find(|(k, _)| k == id).map(|(_, w)| *w)?;
    let sa = abstention::shares(dataset, dataset.find(&a.slug)?)?;
    let sb = abstention::shares(dataset, dataset.find(&b.slug)?)?;
    let f = |s: &abstention::Shares| policy.score(s);
    let (fa, fb) = (f(&sa)?, f(&sb)?);
    let fa_with_b_accuracy = f(&sa.with_correct(sb.correct))?;
    let fb_with_a_accuracy = f(&sb.with_correct(sa.correct))?;
    let accuracy = weight * 0.5 * ((fa - fa_with_b_accuracy) + (fb_with_a_accuracy - fb));
    Some((accuracy, (ca - cb) - accuracy))
}
