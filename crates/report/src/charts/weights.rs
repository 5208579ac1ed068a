//! `weights`: two methodologies side by side, each component's share of the index as a pair of
//! horizontal bars (a component one methodology lacks has no bar there).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use reweigh_composite::Methodology;

use super::{Chart, FAMILY, PALETTE, err, horizontal_bars};

/// One component: its label and its share of the index (in percent) in A and in B.
pub struct Row {
    pub label: String,
    pub a: Option<f64>,
    pub b: Option<f64>,
}

pub struct WeightsChart {
    pub a: String,
    pub b: String,
    pub rows: Vec<Row>,
}

impl WeightsChart {
    /// Components of A in A's order, then B's components A lacks; matched by dataset column
    /// (the same evaluation under another id is one row), labelled by name.
    pub fn new(a: &Methodology, b: &Methodology) -> WeightsChart {
        let share = |m: &Methodology, column: &str| {
            let weights = m.effective_weights();
            m.components
                .iter()
                .zip(&weights)
                .find(|(k, _)| k.column == column)
                .map(|(_, (_, w))| 100.0 * w)
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for k in a.components.iter().chain(&b.components) {
            if seen.insert(k.column.as_str()) {
                rows.push(Row {
                    label: k.name.clone(),
                    a: share(a, &k.column),
                    b: share(b, &k.column),
                });
            }
        }
        WeightsChart {
            a: format!("{} {}", a.name, a.version),
            b: format!("{} {}", b.name, b.version),
            rows,
        }
    }
}

impl Chart for WeightsChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        if self.rows.is_empty() {
            return Err("neither methodology has a component".into());
        }
        let n = self.rows.len();
        let max = self
            .rows
            .iter()
            .flat_map(|r| [r.a, r.b])
            .flatten()
            .fold(0.0, f64::max);
        let x_max = ((max * 1.2 / 5.0).ceil() * 5.0).max(5.0);
        let labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        let mut chart = horizontal_bars(area, x_max, &labels, 300, 38, "share of the index (%)")?;
        let y = |i: usize| (n - 1 - i) as f64;
        let style = TextStyle::from((FAMILY, 13).into_font()).color(&BLACK);
        for (side, (name, colour, lo, hi)) in [
            (&self.a, PALETTE[0], 0.52, 0.88),
            (&self.b, PALETTE[1], 0.12, 0.48),
        ]
        .into_iter()
        .enumerate()
        {
            let bars: Vec<(usize, f64)> = self
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((i, if side == 0 { r.a } else { r.b }?)))
                .collect();
            chart
                .draw_series(bars.iter().map(|&(i, w)| {
                    Rectangle::new([(0.0, y(i) + lo), (w, y(i) + hi)], colour.filled())
                }))
                .map_err(err)?
                .label(name.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled())
                });
            chart
                .draw_series(bars.iter().map(|&(i, w)| {
                    Text::new(
                        format!("{w:.2}"),
                        (w, y(i) + (lo + hi) / 2.0),
                        style.pos(Pos::new(HPos::Left, VPos::Center)),
                    )
                }))
                .map_err(err)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((FAMILY, 15))
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
