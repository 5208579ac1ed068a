//! Results of `reweigh history`: the captures a history holds, and models' values and ranks over
//! them. (The history itself is read and reshaped at the edge, in reweigh-data.)

/// One capture of a history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaptureSummary {
    pub captured_at: String,
    pub capture: String,
    pub index_version: Option<String>,
    pub source_shape: String,
    pub capture_source: String,
    pub capture_sha256: String,
    /// Models listed, models with a published index, models with a known cost of running it.
    pub models: usize,
    pub with_index: usize,
    pub with_cost: usize,
}

/// The captures of a history, oldest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HistoryListing {
    pub history: String,
    pub captures: Vec<CaptureSummary>,
}

/// A model in one capture.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesPoint {
    pub slug: String,
    pub captured_at: String,
    pub capture: String,
    pub index_version: Option<String>,
    /// Rank by published index among the capture's models with one (1 = highest; ties by slug).
    pub rank: Option<usize>,
    pub ranked: Option<usize>,
    /// The chosen columns' values, in the order asked (null: not published in that capture).
    #[serde(serialize_with = "crate::serial::sorted_map")]
    pub values: Vec<(String, Option<f64>)>,
}

/// Models over the captures.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HistorySeries {
    pub history: String,
    pub columns: Vec<String>,
    /// Every capture in which a chosen model appears, per model, oldest first.
    pub points: Vec<SeriesPoint>,
    /// Chosen models found in no capture.
    pub not_found: Vec<String>,
}
