//! Any chart, drawn by kind, and the footnote every chart carries.

use plotters::coord::Shift;
use plotters::prelude::*;

use reweigh_composite::Scored;

use super::Chart;
use super::abstention::AbstentionChart;
use super::compare::Slope;
use super::cost::CostChart;
use super::history::HistoryChart;
use super::omniscience::OmniscienceChart;
use super::ranking::Ranking;
use super::tokens::TokensChart;
use super::waterfall::Waterfall;
use super::weights::WeightsChart;

/// Any chart.
pub enum AnyChart {
    Ranking(Ranking),
    Waterfall(Waterfall),
    Abstention(Box<AbstentionChart>),
    Omniscience(OmniscienceChart),
    Compare(Slope),
    Cost(CostChart),
    Tokens(TokensChart),
    Weights(WeightsChart),
    History(HistoryChart),
}

impl Chart for AnyChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        match self {
            AnyChart::Ranking(c) => c.draw(area),
            AnyChart::Waterfall(c) => c.draw(area),
            AnyChart::Abstention(c) => c.draw(area),
            AnyChart::Omniscience(c) => c.draw(area),
            AnyChart::Compare(c) => c.draw(area),
            AnyChart::Cost(c) => c.draw(area),
            AnyChart::Tokens(c) => c.draw(area),
            AnyChart::Weights(c) => c.draw(area),
            AnyChart::History(c) => c.draw(area),
        }
    }
}

/// The footnote: data source and snapshot, methodology with hash, abstention policy.
pub fn footnote(scored: &Scored, policy: &str) -> String {
    format!(
        "Data: Artificial Analysis (published results), {} · methodology {} {} (sha256 {}) · abstention {}\nComputed with {}",
        scored.dataset.trim_start_matches("embedded:"),
        scored.methodology.name,
        scored.methodology.version,
        &scored.methodology.hash[..12],
        policy,
        scored.receipt.engine
    )
}
