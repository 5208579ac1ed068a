//! `tokens`: output tokens spent running the index, by model, split into reasoning and answer
//! tokens (derived: cost ÷ price), most first, with the comparison group's median marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use reweigh_composite::cost::CostReport;

use super::{Chart, FAMILY, GREY, PALETTE, err, horizontal_bars};

pub struct Bar {
    pub label: String,
    /// Millions of tokens.
    pub output: f64,
    pub reasoning: Option<f64>,
    pub answer: Option<f64>,
}

pub struct TokensChart {
    pub bars: Vec<Bar>,
    /// Millions of tokens, and what it is the median of.
    pub median: (f64, String),
}

impl TokensChart {
    /// The `top` best-ranked models with output tokens, or the chosen ones, most tokens first.
    pub fn new(
        r: &CostReport,
        top: usize,
        chosen: &std::collections::HashSet<&str>,
    ) -> TokensChart {
        let mut bars: Vec<Bar> = r
            .models
            .iter()
            .filter(|m| {
                if chosen.is_empty() {
                    m.rank.is_some()
                } else {
                    chosen.contains(m.slug.as_str())
                }
            })
            .filter_map(|m| {
                Some(Bar {
                    label: m.model.clone(),
                    output: m.output_tokens? / 1e6,
                    reasoning: m.reasoning_tokens.map(|t| t / 1e6),
                    answer: m.answer_tokens.map(|t| t / 1e6),
                })
            })
            .take(if chosen.is_empty() { top } else { usize::MAX })
            .collect();
        bars.sort_by(|a, b| b.output.total_cmp(&a.output));
        let of = match r.group.kind {
            "all" => format!("all {} models", r.group.size),
            "top" => format!("the top {}", r.group.size),
            _ => format!("{} chosen models", r.group.size),
        };
        TokensChart {
            bars,
            median: (r.group.median_output_tokens / 1e6, of),
        }
    }
}

impl Chart for TokensChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        if self.bars.is_empty() {
            return Err("none of the chosen models has derived output tokens".into());
        }
        let n = self.bars.len();
        let max = self
            .bars
            .iter()
            .map(|b| b.output)
            .fold(self.median.0, f64::max);
        let x_max = ((max * 1.18 / 10.0).ceil() * 10.0).max(10.0);
        let labels: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        let mut chart = horizontal_bars(
            area,
            x_max,
            &labels,
            300,
            38,
            "output tokens used to run the Intelligence Index (millions; derived: cost ÷ price)",
        )?;
        let y = |i: usize| (n - 1 - i) as f64;
        let split: Vec<(usize, f64, f64)> = self
            .bars
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((i, b.reasoning?, b.answer?)))
            .collect();
        chart
            .draw_series(split.iter().map(|&(i, r, _)| {
                Rectangle::new([(0.0, y(i) + 0.15), (r, y(i) + 0.85)], PALETTE[3].filled())
            }))
            .map_err(err)?
            .label("reasoning tokens")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], PALETTE[3].filled()));
        chart
            .draw_series(split.iter().map(|&(i, r, a)| {
                Rectangle::new(
                    [(r, y(i) + 0.15), (r + a, y(i) + 0.85)],
                    PALETTE[0].filled(),
                )
            }))
            .map_err(err)?
            .label("answer tokens")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], PALETTE[0].filled()));
        let unsplit: Vec<(usize, f64)> = self
            .bars
            .iter()
            .enumerate()
            .filter(|(_, b)| b.reasoning.is_none() || b.answer.is_none())
            .map(|(i, b)| (i, b.output))
            .collect();
        if !unsplit.is_empty() {
            chart
                .draw_series(unsplit.iter().map(|&(i, o)| {
                    Rectangle::new(
                        [(0.0, y(i) + 0.15), (o, y(i) + 0.85)],
                        GREY.mix(0.6).filled(),
                    )
                }))
                .map_err(err)?
                .label("split unknown")
                .legend(|(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], GREY.mix(0.6).filled())
                });
        }
        let (m, of) = &self.median;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(*m, 0.0), (*m, n as f64)],
                6,
                4,
                BLACK.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("median of {of}: {m:.1}M"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BLACK.stroke_width(2)));
        // Values last, on a white ground, so the median line never runs through them.
        let style = TextStyle::from((FAMILY, 14).into_font()).color(&BLACK);
        for (i, b) in self.bars.iter().enumerate() {
            let text = format!("{:.1}M", b.output);
            let (w, _) = area.estimate_text_size(&text, &style).map_err(err)?;
            let (px, py) = chart.backend_coord(&(b.output, y(i) + 0.5));
            let base = area.get_base_pixel();
            let (x, yc) = (px - base.0 + 4, py - base.1);
            area.draw(&Rectangle::new(
                [(x - 1, yc - 9), (x + w as i32 + 3, yc + 9)],
                WHITE.filled(),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                text,
                (x + 1, yc),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
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
