//! What the interactive explorer page (`reweigh report`, index.html) recomputes from: the
//! methodology before any option, and for every model the normalised component scores and the
//! AA-Omniscience rates an abstention policy re-scores, with the text the selection rules test.
//!
//! The page's JavaScript applies the same steps as the CLI, in the same order of floating-point
//! operations: the abstention policy ([`Methodology::with_abstention`]), the weight overrides
//! ([`Overrides::apply`](crate::overrides::Overrides::apply)), the per-row scoring of
//! [`score`](crate::score) and the selection of [`selection::select`](crate::selection::select).
//! The document's fields are described in docs/explorer.md.
//!
//! Nothing here depends on a weight or a policy: a component's normalised score (its frozen value
//! resolved as the scorer resolves it) is the same under every option the page offers, so it is
//! computed once, by the scorer itself.

use serde::Serialize;

use reweigh_evals::Dataset;

use crate::methodology::Methodology;
use crate::receipt::ENGINE;
use crate::score::{FreezeSource, MissingOverride, ScoreError, ScoreOptions, score_applied};
use crate::selection::{self, Variants};

/// The document's format, raised when a field changes meaning.
pub const FORMAT: &str = "reweigh-explorer/1";

/// The columns `--where` tests whose value the document carries per model (`slug` is the model's
/// own field; `group` needs a group file, which the page does not take).
pub const WHERE_COLUMNS: [&str; 8] = [
    "creator",
    "open_weights",
    "license",
    "is_reasoning",
    "variant",
    "model",
    "index_version",
    "release_date",
];

/// The explorer's data: one JSON document embedded in the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explorer {
    /// `reweigh-explorer/1`.
    pub format: String,
    pub engine: String,
    pub dataset: ExplorerDataset,
    /// The methodology before any option, in its canonical form (the JSON its SHA-256 is taken of).
    pub methodology: Methodology,
    /// SHA-256 of the canonical form above (what `methodology show` prints for it).
    pub methodology_hash: String,
    /// Where the methodology came from: a built-in name or a file.
    pub methodology_source: String,
    /// What the equivalent command line puts between `reweigh score` and the options: the dataset
    /// path and `--methodology` as the report was given them (empty for the defaults).
    pub command: Vec<String>,
    /// The state the page opens with when its URL has none: the report's own options, in the URL
    /// hash's vocabulary (`abstention=penalty:1&weight=hle:2`).
    pub initial_state: String,
    /// The `--where` columns each model's `where` object holds.
    pub where_columns: Vec<String>,
    /// The dedupe rule's variants file (`--dedupe`), for the page to name.
    pub variants: String,
    /// One per dataset row, in slug order (byte order): the order ties are broken in.
    pub models: Vec<ExplorerModel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplorerDataset {
    /// The file path, or `embedded:NAME`.
    pub origin: String,
    pub sha256: String,
    pub rows: usize,
}

/// One dataset row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplorerModel {
    pub slug: String,
    /// The display name (`model`, else the slug), raw: the page shows control and bidirectional
    /// characters escaped, as every text output does.
    pub model: String,
    /// `--dedupe`'s grouping key ([`selection::model_key`]): rows with the same key are variants
    /// of one model.
    pub dedupe_key: String,
    /// The value `--where COLUMN=…` tests, by column ([`WHERE_COLUMNS`]), trimmed as the test
    /// trims it: the dataset's text column, else reweigh's attribute table (creator, licence);
    /// `null` when unknown.
    #[serde(rename = "where")]
    pub where_values: std::collections::BTreeMap<String, Option<String>>,
    /// `release_date` as the dataset gives it, trimmed (`--as-of` compares it); empty when absent.
    pub release_date: String,
    /// Each component's normalised score in [0, 1], by component id of the methodology (frozen
    /// values resolved: frozen column, else solved from a published value, else live); `null` when
    /// the row has no value for it.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub scores: Vec<(String, Option<f64>)>,
    /// How each frozen component's value was resolved.
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub freeze: Vec<(String, FreezeSource)>,
    /// AA-Omniscience rates, from which an abstention policy scores the row; `null` without
    /// accuracy or a hallucination rate.
    pub omniscience: Option<OmniscienceRates>,
    /// AA's published index (the methodology's `published_column`).
    pub published_index: Option<f64>,
}

/// The rates [`abstention::shares`](crate::abstention::shares) reads: correct share c = accuracy,
/// incorrect share i = h·(1 − c), abstained share a = 1 − attempt rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OmniscienceRates {
    pub accuracy: f64,
    /// The hallucination rate h, or 1 − `omniscience_nonhallucination` when the dataset gives only
    /// that (derived).
    pub hallucination_rate: f64,
    pub attempt_rate: Option<f64>,
}

/// The explorer's data for a dataset and a methodology (before any option). `command` and
/// `options` say how the report was run: they become the page's equivalent command line and its
/// opening state.
pub fn explorer(
    dataset: &Dataset,
    m: &Methodology,
    command: Vec<String>,
    options: &ScoreOptions,
) -> Result<Explorer, ScoreError> {
    // Scoring with every missing component dropped lists, for each row, every component that has a
    // value with the score the scorer uses for it (the missing rules only decide what happens to
    // the others), and how each frozen value was resolved.
    let resolved = score_applied(
        dataset,
        m,
        &ScoreOptions {
            missing: MissingOverride::Renormalize,
            ..ScoreOptions::default()
        },
    )?;
    let mut by_row: Vec<Option<&crate::ModelScore>> = vec![None; dataset.len()];
    for s in &resolved.models {
        by_row[s.row] = Some(s);
    }
    let variants = Variants::builtin();
    let attrs = selection::attributes();
    let mut models: Vec<ExplorerModel> = dataset
        .rows
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let s = by_row[row].expect("the scorer scores every row");
            let scores = m
                .components
                .iter()
                .map(|k| {
                    let v = s.scores.iter().find(|(id, _)| *id == k.id).map(|(_, v)| *v);
                    (k.id.clone(), v)
                })
                .collect();
            ExplorerModel {
                slug: r.slug.clone(),
                model: r.model().to_string(),
                dedupe_key: selection::model_key(r.model(), &r.slug, &variants),
                where_values: WHERE_COLUMNS
                    .iter()
                    .map(|c| {
                        (
                            c.to_string(),
                            selection::value_of(dataset, row, c, &attrs)
                                .map(|v| v.trim().to_string()),
                        )
                    })
                    .collect(),
                release_date: r
                    .text
                    .get("release_date")
                    .map(|d| d.trim().to_string())
                    .unwrap_or_default(),
                scores,
                freeze: s.freeze.clone(),
                omniscience: rates(dataset, row),
                published_index: m
                    .published_column
                    .as_deref()
                    .and_then(|c| dataset.value(row, c)),
            }
        })
        .collect();
    models.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(Explorer {
        format: FORMAT.into(),
        engine: ENGINE.into(),
        dataset: ExplorerDataset {
            origin: dataset.origin.clone(),
            sha256: dataset.sha256.clone(),
            rows: dataset.len(),
        },
        methodology: m.clone(),
        methodology_hash: m.hash(),
        methodology_source: m.source(),
        command,
        initial_state: state(options),
        where_columns: WHERE_COLUMNS.iter().map(|c| c.to_string()).collect(),
        variants: variants.origin,
        models,
    })
}

/// The rates [`abstention::shares`](crate::abstention::shares) reads, as it reads them.
fn rates(dataset: &Dataset, row: usize) -> Option<OmniscienceRates> {
    let accuracy = dataset.value(row, "omniscience_accuracy")?;
    let hallucination_rate = dataset
        .value(row, "omniscience_hallucination_rate")
        .or_else(|| {
            dataset
                .value(row, "omniscience_nonhallucination")
                .map(|n| 1.0 - n)
        })?;
    Some(OmniscienceRates {
        accuracy,
        hallucination_rate,
        attempt_rate: dataset.value(row, "omniscience_attempt_rate"),
    })
}

/// Scoring options in the page's URL-hash vocabulary: `weight=hle:2,gpqa:1&category=agents:2&
/// drop=ifbench&abstention=penalty:1&missing=renormalize`. The abstention policy is always written
/// (so that a state is never empty: the page's empty hash means the report's own options); other
/// defaults are left out. Weights are written as the receipts write them, which read back to the
/// same numbers.
pub fn state(options: &ScoreOptions) -> String {
    let mut parts = Vec::new();
    let mut list = |key: &str, prefix: &str| {
        let items: Vec<String> = options
            .overrides
            .describe()
            .iter()
            .filter_map(|d| d.strip_prefix(prefix))
            .map(|a| a.replacen('=', ":", 1))
            .collect();
        if !items.is_empty() {
            parts.push(format!("{key}={}", items.join(",")));
        }
    };
    list("weight", "weight ");
    list("category", "category ");
    list("drop", "drop ");
    parts.push(format!("abstention={}", options.abstention));
    if options.missing != MissingOverride::AsDeclared {
        parts.push(format!("missing={}", options.missing.name()));
    }
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abstention::{Policy, shares};
    use crate::overrides::Overrides;

    fn dataset() -> Dataset {
        let csv = "slug,model,release_date,gdpval_elo,tau2_telecom,terminalbench_hard,scicode,aa_lcr,\
omniscience_accuracy,omniscience_nonhallucination,ifbench,hle,gpqa,critpt\n\
b,Model B (high),2026-01-02 ,1500,0.6,0.3,0.3,0.5,0.2,0.4,0.5,0.2,0.8,0.1\n\
a,Model A,,NA,0.5,0.2,0.3,0.5,0.3,0.5,0.5,0.1,0.7,NA\n";
        Dataset::from_plain_csv("synthetic.csv", csv, &reweigh_evals::LoadOptions::default())
            .unwrap()
    }

    #[test]
    fn rows_carry_resolved_scores_and_rates_in_slug_order() {
        let d = dataset();
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let e = explorer(&d, &m, Vec::new(), &ScoreOptions::default()).unwrap();
        assert_eq!(e.methodology_hash, m.hash());
        let slugs: Vec<&str> = e.models.iter().map(|x| x.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
        let (a, b) = (&e.models[0], &e.models[1]);
        let score = |x: &ExplorerModel, id: &str| x.scores.iter().find(|(k, _)| k == id).unwrap().1;
        // GDPval (1500 Elo, linear 500..2500) is live for b; a has no GDPval and no CritPt.
        assert_eq!(score(b, "gdpval"), Some(0.5));
        assert_eq!(b.freeze, [("gdpval".to_string(), FreezeSource::Live)]);
        assert_eq!((score(a, "gdpval"), score(a, "critpt")), (None, None));
        assert_eq!(score(a, "hle"), Some(0.1));
        assert_eq!(b.release_date, "2026-01-02");
        assert_eq!(b.dedupe_key, "model b");
        assert_eq!(
            b.where_values["release_date"].as_deref(),
            Some("2026-01-02")
        );
        assert_eq!(a.where_values["creator"], None);
        // The rates give the scorer's shares with the same operations.
        for (row, x) in [(1usize, a), (0, b)] {
            let r = x.omniscience.unwrap();
            let s = shares(&d, row).unwrap();
            assert_eq!(s.correct, r.accuracy);
            assert_eq!(s.incorrect, r.hallucination_rate * (1.0 - r.accuracy));
            assert_eq!(s.abstained, r.attempt_rate.map(|t| 1.0 - t));
        }
        assert_eq!(a.omniscience.unwrap().hallucination_rate, 1.0 - 0.5);
    }

    #[test]
    fn the_state_is_the_options_in_the_hash_vocabulary() {
        assert_eq!(state(&ScoreOptions::default()), "abstention=aa");
        let options = ScoreOptions {
            abstention: Policy::Penalty(1.0),
            missing: MissingOverride::Renormalize,
            overrides: Overrides {
                weights: vec![("hle".into(), 4.0), ("gpqa".into(), 1e308)],
                categories: vec![("agents".into(), 0.5)],
                drop: vec!["ifbench".into(), "critpt".into()],
            },
            ..ScoreOptions::default()
        };
        assert_eq!(
            state(&options),
            "weight=hle:4,gpqa:1e308&category=agents:0.5&drop=ifbench,critpt&abstention=penalty:1&missing=renormalize"
        );
    }
}
