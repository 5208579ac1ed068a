//! `ranking`: horizontal bars of the index, stacked by the four category contributions, with the
//! published value marked where it differs.

use plotters::coord::Shift;
use plotters::prelude::*;

use reweigh_composite::{Methodology, Scored};

use super::{Chart, FAMILY, GREY, PALETTE, err, horizontal_bars};

pub struct Ranking {
    /// Category names, in methodology order.
    pub categories: Vec<String>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub label: String,
    /// Index points contributed by each category.
    pub segments: Vec<f64>,
    pub index: f64,
    pub published: Option<f64>,
}

impl Ranking {
    /// The `top` best models, or the listed ones, in rank order.
    pub fn new(
        scored: &Scored,
        m: &Methodology,
        top: usize,
        models: &std::collections::HashSet<&str>,
    ) -> Ranking {
        let rows = scored
            .models
            .iter()
            .filter(|s| s.index.is_some())
            .filter(|s| {
                if models.is_empty() {
                    s.rank.is_some_and(|r| r <= top)
                } else {
                    models.contains(s.slug.as_str())
                }
            })
            .map(|s| Row {
                label: format!("{}. {}", s.rank.unwrap_or(0), s.model),
                segments: m
                    .categories
                    .iter()
                    .map(|c| {
                        m.components_of(&c.id)
                            .filter_map(|k| s.contribution(&k.id))
                            .sum()
                    })
                    .collect(),
                index: s.index.unwrap_or(0.0),
                published: s.published_index,
            })
            .collect();
        Ranking {
            categories: m.categories.iter().map(|c| c.name.clone()).collect(),
            rows,
        }
    }
}

impl Chart for Ranking {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.rows.len().max(1);
        let max = self
            .rows
            .iter()
            .map(|r| r.index.max(r.published.unwrap_or(0.0)))
            .fold(0.0f64, f64::max);
        // Room on the right for the value labels and the legend.
        let x_max = ((max * 1.25 / 10.0).ceil() * 10.0).max(10.0);
        let labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        let mut chart = horizontal_bars(
            area,
            x_max,
            &labels,
            330,
            42,
            "Intelligence Index (index points)",
        )?;
        for (c, name) in self.categories.iter().enumerate() {
            let color = PALETTE[c % PALETTE.len()];
            let bars = self.rows.iter().enumerate().map(|(i, r)| {
                let y = (n - 1 - i) as f64;
                let start: f64 = r.segments[..c].iter().sum();
                let end = start + r.segments[c];
                Rectangle::new([(start, y + 0.15), (end, y + 0.85)], color.filled())
            });
            chart
                .draw_series(bars)
                .map_err(err)?
                .label(crate::escape::visible(name).into_owned())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
                });
        }
        let values = self.rows.iter().enumerate().map(|(i, r)| {
            let y = (n - 1 - i) as f64 + 0.5;
            Text::new(
                format!("{:.2}", r.index),
                (r.index + x_max * 0.005, y + 0.12),
                (FAMILY, 14).into_font().color(&BLACK),
            )
        });
        chart.draw_series(values).map_err(err)?;
        let differs: Vec<(usize, f64)> = self
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                r.published
                    .filter(|p| (p - r.index).abs() >= 0.005)
                    .map(|p| (i, p))
            })
            .collect();
        if !differs.is_empty() {
            chart
                .draw_series(differs.iter().map(|&(i, p)| {
                    let y = (n - 1 - i) as f64;
                    PathElement::new(vec![(p, y + 0.05), (p, y + 0.95)], BLACK.stroke_width(3))
                }))
                .map_err(err)?
                .label("published value (where it differs)")
                .legend(|(x, y)| {
                    PathElement::new(vec![(x + 7, y - 7), (x + 7, y + 7)], BLACK.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .label_font((FAMILY, 15))
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
