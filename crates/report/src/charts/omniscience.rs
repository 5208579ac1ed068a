//! `omniscience`: AA-Omniscience accuracy against hallucination rate for every model, with iso-lines
//! of the Omniscience Index 100·(c − (1 − c)·h); chosen models labelled.

use plotters::coord::Shift;
use plotters::prelude::*;
use reweigh_evals::omniscience::hallucination_rate_for_index;

use super::{Chart, FAMILY, GREY, PALETTE, clip, err};

pub struct Point {
    pub label: String,
    pub accuracy: f64,
    pub hallucination: f64,
    pub highlighted: bool,
}

pub struct OmniscienceChart {
    pub points: Vec<Point>,
}

impl Chart for OmniscienceChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let mut chart = ChartBuilder::on(area)
            .margin_left(16)
            .margin_right(30)
            .margin_top(8)
            .x_label_area_size(52)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..100.0, 0.0..100.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_desc("accuracy: correct answers per question (%)")
            .y_desc("hallucination rate: wrong answers among questions not answered correctly (%)")
            .label_style((FAMILY, 15))
            .axis_desc_style((FAMILY, 16))
            .draw()
            .map_err(err)?;
        // Iso-lines of the Omniscience Index (the formula is evals').
        for k in (-80..=80).step_by(20) {
            let line: Vec<(f64, f64)> = (0..=1000)
                .map(|i| i as f64 / 1000.0 * 0.999)
                .map(|c| (c, hallucination_rate_for_index(k as f64, c)))
                .filter(|(_, h)| (0.0..=1.0).contains(h))
                .map(|(c, h)| (100.0 * c, 100.0 * h))
                .collect();
            // Label each line where it enters the plot: on the x axis (K >= 0) or the left edge.
            let Some(&(lx, ly)) = line.first() else {
                continue;
            };
            chart
                .draw_series(LineSeries::new(line, GREY.mix(0.5).stroke_width(1)))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("index {k}"),
                    (lx + 0.8, (ly + 4.0).min(97.0)),
                    (FAMILY, 13).into_font().color(&GREY),
                )))
                .map_err(err)?;
        }
        chart
            .draw_series(self.points.iter().filter(|p| !p.highlighted).map(|p| {
                Circle::new(
                    (100.0 * p.accuracy, 100.0 * p.hallucination),
                    3,
                    PALETTE[0].mix(0.45).filled(),
                )
            }))
            .map_err(err)?;
        for (i, p) in self.points.iter().filter(|p| p.highlighted).enumerate() {
            let color = PALETTE[(i + 1) % PALETTE.len()];
            let at = (100.0 * p.accuracy, 100.0 * p.hallucination);
            chart
                .draw_series(std::iter::once(Circle::new(at, 6, color.filled())))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    clip(&p.label, 34),
                    (at.0 + 1.0, at.1 + 1.5),
                    (FAMILY, 15).into_font().color(&color),
                )))
                .map_err(err)?;
        }
        Ok(())
    }
}
