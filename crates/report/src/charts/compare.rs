//! `compare`: a slope chart of ranks under two scorings (policies or methodologies).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, FAMILY, PALETTE, clip, err};

pub struct Slope {
    pub left: String,
    pub right: String,
    /// (model, rank left, rank right)
    pub rows: Vec<(String, usize, usize)>,
}

impl Chart for Slope {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let worst = self.rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(1) as f64;
        let mut chart = ChartBuilder::on(area)
            .margin(16)
            .x_label_area_size(40)
            .build_cartesian_2d(-1.2..2.2, -(worst + 0.8)..1.2)
            .map_err(err)?;
        chart
            .draw_series([
                Text::new(
                    crate::escape::visible(&self.left).into_owned(),
                    (-0.05, 0.9),
                    (FAMILY, 18).into_font().color(&BLACK),
                ),
                Text::new(
                    crate::escape::visible(&self.right).into_owned(),
                    (0.95, 0.9),
                    (FAMILY, 18).into_font().color(&BLACK),
                ),
            ])
            .map_err(err)?;
        for (i, (model, a, b)) in self.rows.iter().enumerate() {
            let color = if a == b {
                RGBColor(150, 150, 150)
            } else {
                PALETTE[i % PALETTE.len()]
            };
            let (ya, yb) = (-(*a as f64), -(*b as f64));
            chart
                .draw_series(LineSeries::new(
                    [(0.0, ya), (1.0, yb)],
                    color.stroke_width(2),
                ))
                .map_err(err)?;
            chart
                .draw_series([
                    Circle::new((0.0, ya), 4, color.filled()),
                    Circle::new((1.0, yb), 4, color.filled()),
                ])
                .map_err(err)?;
            let name = clip(model, 34);
            chart
                .draw_series([
                    Text::new(
                        format!("{name}  {a}"),
                        (-1.15, ya + 0.15),
                        (FAMILY, 14).into_font().color(&color),
                    ),
                    Text::new(
                        format!("{b}  {name}"),
                        (1.06, yb + 0.15),
                        (FAMILY, 14).into_font().color(&color),
                    ),
                ])
                .map_err(err)?;
        }
        Ok(())
    }
}
