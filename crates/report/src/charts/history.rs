//! `history`: chosen models' published index (or rank) over a history's captures, with the
//! captures at which the index version changes marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, FAMILY, GREY, PALETTE, clip, err};

/// One model: its value at each capture it appears in (capture position, value).
pub struct Line {
    pub label: String,
    pub points: Vec<(usize, f64)>,
}

pub struct HistoryChart {
    /// Each capture's date, oldest first.
    pub dates: Vec<String>,
    pub lines: Vec<Line>,
    /// Capture positions where the methodology changes, with what it changes to.
    pub switches: Vec<(usize, String)>,
    /// Plot ranks (1 at the top) rather than the index.
    pub by_rank: bool,
}

impl Chart for HistoryChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.dates.len();
        if n == 0 || self.lines.iter().all(|l| l.points.is_empty()) {
            return Err("none of the chosen models is in the history".into());
        }
        let value = |v: f64| if self.by_rank { -v } else { v };
        let ys = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| value(p.1)));
        let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let pad = ((hi - lo) * 0.08).max(if self.by_rank { 0.6 } else { 0.5 });
        let x_end = (n - 1) as f64 + (n as f64 * 0.28).max(1.0);
        let mut chart = ChartBuilder::on(area)
            .margin_left(16)
            .margin_right(16)
            .margin_top(8)
            .x_label_area_size(52)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..x_end, (lo - pad)..(hi + pad))
            .map_err(err)?;
        let dates = self.dates.clone();
        let x_label = move |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 1e-9 && i >= 0.0 && (i as usize) < dates.len() {
                dates[i as usize].chars().take(10).collect()
            } else {
                String::new()
            }
        };
        let y_label = |y: &f64| {
            if self.by_rank {
                if (y - y.round()).abs() < 1e-9 && *y <= -1.0 {
                    format!("{}", -y.round() as i64)
                } else {
                    String::new()
                }
            } else {
                format!("{y:.0}")
            }
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(n.min(10))
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .x_desc("capture (date, UTC)")
            .y_desc(if self.by_rank {
                "rank by published index (1 = best)"
            } else {
                "published Intelligence Index (points)"
            })
            .label_style((FAMILY, 14))
            .axis_desc_style((FAMILY, 16))
            .draw()
            .map_err(err)?;
        for (x, label) in &self.switches {
            let x = *x as f64 - 0.5;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x, lo - pad), (x, hi + pad)],
                    6,
                    4,
                    GREY.stroke_width(2),
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (x + 0.15, hi + pad * 0.6),
                    (FAMILY, 14).into_font().color(&GREY),
                )))
                .map_err(err)?;
        }
        for (k, line) in self.lines.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let points: Vec<(f64, f64)> = line
                .points
                .iter()
                .map(|(x, y)| (*x as f64, value(*y)))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
                .map_err(err)?;
            chart
                .draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled())))
                .map_err(err)?;
            if let Some(last) = points.last() {
                chart
                    .draw_series(std::iter::once(Text::new(
                        clip(&line.label, 28),
                        (last.0 + 0.3, last.1),
                        (FAMILY, 14).into_font().color(&colour),
                    )))
                    .map_err(err)?;
            }
        }
        Ok(())
    }
}
