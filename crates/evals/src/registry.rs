//! The registry of the dataset columns reweigh understands: the single source of truth for a
//! column's name, unit and valid range. A [`ColumnSpec`] is a numeric column a dataset may carry, in
//! the unit its source publishes; [`TEXT_COLUMNS`] are the text columns. Which evaluations make an
//! index, in which categories and with which weights, is not here: it is the methodology files'
//! (datasets/methodologies/), the only place it is stated.

/// The unit a raw dataset column is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A fraction in [0, 1] (pass@1, accuracy, a rate).
    Fraction,
    /// An Elo rating.
    Elo,
    /// GDPval's normalised score ×100 as AInsights publishes it: 100·(Elo − 500)/2000, not clamped.
    GdpvalNormPct,
    /// A whole number of questions.
    Count,
    /// Index points on AA's 0..100 scale.
    IndexPoints,
    /// A percent in [0, 100].
    Percent,
    /// Any finite number (a user's column read by a linear normaliser).
    Number,
    /// US dollars (the cost of running an index), 0 to 1e9; AA's 0 means unknown.
    Usd,
    /// US dollars per million tokens (a price), 0 to 1e6; AA's 0 means unknown.
    UsdPerMillionTokens,
    /// A whole number of tokens (a context window), 0 to 1e12.
    Tokens,
    /// Output tokens per second (a median speed), 0 to 1e7; AA's 0 means unknown.
    TokensPerSecond,
}

impl Unit {
    /// The closed range of valid values.
    pub fn range(self) -> (f64, f64) {
        match self {
            Unit::Fraction => (0.0, 1.0),
            Unit::Elo => (-1000.0, 4000.0),
            Unit::GdpvalNormPct => (-75.0, 175.0),
            Unit::Count => (0.0, 1.0e7),
            Unit::IndexPoints => (0.0, 100.0),
            Unit::Percent => (0.0, 100.0),
            Unit::Number => (f64::MIN, f64::MAX),
            Unit::Usd => (0.0, 1.0e9),
            Unit::UsdPerMillionTokens => (0.0, 1.0e6),
            Unit::Tokens => (0.0, 1.0e12),
            Unit::TokensPerSecond => (0.0, 1.0e7),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Unit::Fraction => "a fraction in [0, 1]",
            Unit::Elo => "an Elo rating in [-1000, 4000]",
            Unit::GdpvalNormPct => {
                "GDPval's normalised percent 100·(Elo−500)/2000 in [-75, 175] (Elo −1000..4000)"
            }
            Unit::Count => "a whole number of questions, 0 or more",
            Unit::IndexPoints => "index points in [0, 100]",
            Unit::Percent => "a percent in [0, 100]",
            Unit::Number => "a finite number",
            Unit::Usd => "US dollars from 0 to 1e9 (0 or NA: unknown)",
            Unit::UsdPerMillionTokens => {
                "US dollars per 1M tokens from 0 to 1e6 (0 or NA: unknown)"
            }
            Unit::Tokens => "a whole number of tokens from 0 to 1e12",
            Unit::TokensPerSecond => "output tokens per second from 0 to 1e7 (0 or NA: unknown)",
        }
    }
}

/// A numeric column a dataset may carry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub unit: Unit,
    pub description: &'static str,
}

const fn col(name: &'static str, unit: Unit, description: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        unit,
        description,
    }
}

/// Text columns: identity, provenance. `slug` is required; the others are optional. The last eight
/// are written by `reweigh import` (crates/data/src/import): AA's licence wording and open-weights
/// flag, and where each row came from.
pub const TEXT_COLUMNS: [&str; 18] = [
    "slug",
    "model",
    "variant",
    "is_reasoning",
    "release_date",
    "snapshot_date",
    "index_version",
    "source",
    "creator",
    "cost_source",
    "license",
    "open_weights",
    "source_shape",
    "retrieved_at",
    "source_endpoint",
    "source_sha256",
    "attribution",
    "source_unmapped",
];

/// Every numeric column reweigh knows, in the unit its source publishes.
pub const NUMERIC_COLUMNS: [ColumnSpec; 58] = [
    col("gdpval_elo", Unit::Elo, "GDPval-AA live leaderboard Elo"),
    col(
        "gdpval_norm_pct",
        Unit::GdpvalNormPct,
        "GDPval-AA as AInsights publishes it: 100·(Elo−500)/2000 of the live Elo",
    ),
    col(
        "gdpval_elo_frozen",
        Unit::Elo,
        "GDPval-AA Elo frozen when the model was added to the index",
    ),
    col("gdpval_v2_elo", Unit::Elo, "GDPval-AA v2 live Elo"),
    col(
        "gdpval_v2_norm_pct",
        Unit::GdpvalNormPct,
        "GDPval-AA v2 as published: 100·(Elo−500)/2000",
    ),
    col(
        "gdpval_v2_elo_frozen",
        Unit::Elo,
        "GDPval-AA v2 Elo frozen when the model was added",
    ),
    col(
        "gdpval_v21_elo",
        Unit::Elo,
        "GDPval-AA v2.1 live Elo (v4.3.x)",
    ),
    col(
        "gdpval_v21_elo_frozen",
        Unit::Elo,
        "GDPval-AA v2.1 Elo frozen when the model was added",
    ),
    col(
        "briefcase_elo",
        Unit::Elo,
        "AA-Briefcase v1.1 live Elo (v4.3.x)",
    ),
    col(
        "briefcase_elo_frozen",
        Unit::Elo,
        "AA-Briefcase v1.1 Elo frozen when the model was added",
    ),
    col(
        "automationbench_aa",
        Unit::Fraction,
        "AutomationBench-AA score (v4.3.x)",
    ),
    col(
        "terminalbench_40",
        Unit::Fraction,
        "Terminal-Bench 4.0 pass@1 (v4.3.x)",
    ),
    col(
        "gdp_pdf_allpass",
        Unit::Fraction,
        "GDP.pdf all-pass rate (v4.3.x)",
    ),
    col(
        "aa_lcr_v11",
        Unit::Fraction,
        "AA-LCR v1.1 accuracy (v4.3.x)",
    ),
    col("tau2_telecom", Unit::Fraction, "τ²-Bench Telecom pass@1"),
    col("tau3_banking", Unit::Fraction, "τ³-Bench Banking pass@1"),
    col(
        "terminalbench_hard",
        Unit::Fraction,
        "Terminal-Bench Hard pass@1",
    ),
    col(
        "terminalbench_v21",
        Unit::Fraction,
        "Terminal-Bench 2.1 pass@1",
    ),
    col("scicode", Unit::Fraction, "SciCode pass@1"),
    col("aa_lcr", Unit::Fraction, "AA-LCR accuracy"),
    col("ifbench", Unit::Fraction, "IFBench accuracy"),
    col("hle", Unit::Fraction, "Humanity's Last Exam accuracy"),
    col("gpqa", Unit::Fraction, "GPQA Diamond accuracy"),
    col("critpt", Unit::Fraction, "CritPt pass@1"),
    col(
        "omniscience_accuracy",
        Unit::Fraction,
        "AA-Omniscience accuracy C/N",
    ),
    col(
        "omniscience_nonhallucination",
        Unit::Fraction,
        "AA-Omniscience non-hallucination rate 1 − I/(N − C)",
    ),
    col(
        "omniscience_hallucination_rate",
        Unit::Fraction,
        "AA-Omniscience hallucination rate I/(N − C)",
    ),
    col(
        "omniscience_attempt_rate",
        Unit::Fraction,
        "AA-Omniscience attempt rate (C + I + P)/N",
    ),
    col(
        "omniscience_correct",
        Unit::Count,
        "AA-Omniscience answers graded CORRECT",
    ),
    col(
        "omniscience_incorrect",
        Unit::Count,
        "AA-Omniscience answers graded INCORRECT",
    ),
    col(
        "omniscience_partial",
        Unit::Count,
        "AA-Omniscience answers graded PARTIAL_ANSWER",
    ),
    col(
        "omniscience_not_attempted",
        Unit::Count,
        "AA-Omniscience questions NOT_ATTEMPTED (abstentions)",
    ),
    col(
        "omniscience_questions",
        Unit::Count,
        "AA-Omniscience question count N (checks the four counts)",
    ),
    col(
        "published_index",
        Unit::IndexPoints,
        "AA's published Intelligence Index",
    ),
    col(
        "published_agentic_index",
        Unit::IndexPoints,
        "AA's published Agentic Index",
    ),
    col(
        "published_coding_index",
        Unit::IndexPoints,
        "AA's published Coding Index",
    ),
    col(
        "items_gpqa",
        Unit::Count,
        "number of GPQA questions behind the score",
    ),
    col(
        "items_hle",
        Unit::Count,
        "number of HLE questions behind the score",
    ),
    col(
        "items_aa_lcr",
        Unit::Count,
        "number of AA-LCR questions behind the score",
    ),
    col(
        "items_critpt",
        Unit::Count,
        "number of CritPt challenges behind the score",
    ),
    col(
        "items_ifbench",
        Unit::Count,
        "number of IFBench prompts behind the score",
    ),
    col(
        "items_tau2_telecom",
        Unit::Count,
        "number of τ²-Bench Telecom tasks behind the score",
    ),
    col(
        "items_terminalbench_hard",
        Unit::Count,
        "number of Terminal-Bench Hard tasks behind the score",
    ),
    col(
        "items_scicode",
        Unit::Count,
        "number of SciCode problems behind the score",
    ),
    col(
        "items_tau3_banking",
        Unit::Count,
        "number of τ³-Bench Banking tasks behind the score",
    ),
    col(
        "items_terminalbench_v21",
        Unit::Count,
        "number of Terminal-Bench 2.1 tasks behind the score",
    ),
    col(
        "gdpval_elo_se",
        Unit::Elo,
        "standard error of the GDPval-AA Elo",
    ),
    col(
        "gdpval_v2_elo_se",
        Unit::Elo,
        "standard error of the GDPval-AA v2 Elo",
    ),
    col(
        "index_cost_usd",
        Unit::Usd,
        "AA's cost of running the Intelligence Index: input + output",
    ),
    col(
        "index_cost_input_usd",
        Unit::Usd,
        "input part of the cost (uncached and cached input tokens)",
    ),
    col(
        "index_cost_output_usd",
        Unit::Usd,
        "output part of the cost: reasoning + answer",
    ),
    col(
        "index_cost_reasoning_usd",
        Unit::Usd,
        "reasoning-token part of the output cost",
    ),
    col(
        "index_cost_answer_usd",
        Unit::Usd,
        "answer-token part of the output cost",
    ),
    col(
        "price_input_per_1m_usd",
        Unit::UsdPerMillionTokens,
        "price per 1M input tokens",
    ),
    col(
        "price_output_per_1m_usd",
        Unit::UsdPerMillionTokens,
        "price per 1M output tokens (reasoning tokens included)",
    ),
    col(
        "price_cache_hit_per_1m_usd",
        Unit::UsdPerMillionTokens,
        "price per 1M cached (cache-hit) input tokens",
    ),
    col(
        "output_speed_tps",
        Unit::TokensPerSecond,
        "median output speed, tokens per second",
    ),
    col(
        "context_window_tokens",
        Unit::Tokens,
        "context window, tokens",
    ),
];

/// Looks a numeric column up by name.
pub fn numeric_column(name: &str) -> Option<&'static ColumnSpec> {
    NUMERIC_COLUMNS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = NUMERIC_COLUMNS.iter().map(|c| c.name).collect();
        names.extend(TEXT_COLUMNS);
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn datasets_readme_documents_every_column() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        for c in NUMERIC_COLUMNS {
            assert!(
                readme.contains(c.name),
                "datasets/README.md does not document '{}'",
                c.name
            );
        }
        for name in TEXT_COLUMNS {
            assert!(
                readme.contains(&format!("`{name}`")),
                "datasets/README.md does not document '{name}'"
            );
        }
    }
}
