//! `cost`: the index against the cost of running it (log scale), every model with a cost as a dot,
//! the Pareto frontier drawn as the staircase of the best index at each cost, chosen models labelled
//! (labels never overlap: see [`labels`](super::labels)).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use reweigh_composite::cost::CostReport;

use super::labels::{Label, Rect, place};
use super::{Chart, FAMILY, GREY, PALETTE, clip, err};

pub struct Point {
    pub label: String,
    /// USD.
    pub cost: f64,
    pub index: f64,
    pub on_frontier: bool,
    pub labelled: bool,
}

pub struct CostChart {
    pub points: Vec<Point>,
    /// How many labelled points are not on the frontier (for the legend).
    pub chosen: bool,
}

impl CostChart {
    /// Every model with an index and a cost; `chosen` slugs labelled, or the frontier when none.
    pub fn new(r: &CostReport, chosen: &std::collections::HashSet<&str>) -> CostChart {
        let points = r
            .models
            .iter()
            .filter_map(|m| {
                let on = m.on_frontier?;
                Some(Point {
                    label: m.model.clone(),
                    cost: m.cost?,
                    index: m.index?,
                    on_frontier: on,
                    labelled: if chosen.is_empty() {
                        on
                    } else {
                        chosen.contains(m.slug.as_str())
                    },
                })
            })
            .collect();
        CostChart {
            points,
            chosen: !chosen.is_empty(),
        }
    }
}

/// `$1`, `$20`, `$500`, `$2k`: a tick label for USD.
fn dollars(v: f64) -> String {
    if v >= 1000.0 {
        format!("${}k", v / 1000.0)
    } else if v >= 1.0 {
        format!("${v}")
    } else {
        format!("${v:.2}")
    }
}

impl Chart for CostChart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String> {
        if self.points.is_empty() {
            return Err("no model has both an index and a known cost".into());
        }
        let lx = |c: f64| c.log10();
        let (mut x0, mut x1) = self.points.iter().fold((f64::MAX, f64::MIN), |(a, b), p| {
            (a.min(lx(p.cost)), b.max(lx(p.cost)))
        });
        x0 -= 0.12;
        x1 = (x1 + 0.3).max(x0 + 1.0);
        let (mut y0, mut y1) = self.points.iter().fold((f64::MAX, f64::MIN), |(a, b), p| {
            (a.min(p.index), b.max(p.index))
        });
        y0 = ((y0 - 2.0) / 5.0).floor() * 5.0;
        y1 = ((y1 + 4.0) / 5.0).ceil() * 5.0;
        // Ticks at 1, 2 and 5 times the powers of ten inside the range.
        let mut ticks = Vec::new();
        for e in (x0.floor() as i32)..=(x1.ceil() as i32) {
            for m in [1.0, 2.0, 5.0] {
                let t = (m * 10f64.powi(e)).log10();
                if t >= x0 && t <= x1 {
                    ticks.push(t);
                }
            }
        }
        let mut chart = ChartBuilder::on(area)
            .margin_left(16)
            .margin_right(30)
            .margin_top(8)
            .x_label_area_size(52)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GREY.mix(0.15))
            .disable_x_mesh()
            .x_labels(0)
            .x_desc("cost to run the Intelligence Index (USD, AA's published cost; log scale)")
            .y_desc("Intelligence Index (index points)")
            .label_style((FAMILY, 15))
            .axis_desc_style((FAMILY, 16))
            .draw()
            .map_err(err)?;
        // The x ticks, drawn here: plotters' own would fall at fractions of a decade.
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let base = area.get_base_pixel();
        let rel = |x: i32, y: i32| (x - base.0, y - base.1);
        let tick_style = TextStyle::from((FAMILY, 15).into_font()).color(&BLACK);
        for &t in &ticks {
            chart
                .draw_series(LineSeries::new(
                    vec![(t, y0), (t, y1)],
                    GREY.mix(0.15).stroke_width(1),
                ))
                .map_err(err)?;
            let text = dollars((10f64.powf(t) * 1e6).round() / 1e6);
            let (w, _) = area.estimate_text_size(&text, &tick_style).map_err(err)?;
            let (px, _) = chart.backend_coord(&(t, y0));
            area.draw(&PathElement::new(
                vec![rel(px, yr.end), rel(px, yr.end + 5)],
                BLACK.stroke_width(1),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                text,
                rel(px - w as i32 / 2, yr.end + 8),
                tick_style.clone(),
            ))
            .map_err(err)?;
        }
        // The frontier: the best index at each cost, a staircase through the frontier models.
        let mut frontier: Vec<(f64, f64)> = self
            .points
            .iter()
            .filter(|p| p.on_frontier)
            .map(|p| (lx(p.cost), p.index))
            .collect();
        frontier.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut stairs = Vec::new();
        for (i, &(x, y)) in frontier.iter().enumerate() {
            if i > 0 {
                stairs.push((x, frontier[i - 1].1));
            }
            stairs.push((x, y));
        }
        if let Some(&(_, y)) = frontier.last() {
            stairs.push((x1, y));
        }
        let line = PALETTE[4];
        let stairs_px: Vec<(i32, i32)> = stairs.iter().map(|c| chart.backend_coord(c)).collect();
        chart
            .draw_series(LineSeries::new(stairs, line.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(
                self.points
                    .iter()
                    .filter(|p| !p.on_frontier)
                    .map(|p| Circle::new((lx(p.cost), p.index), 3, PALETTE[0].mix(0.45).filled())),
            )
            .map_err(err)?;
        chart
            .draw_series(
                self.points
                    .iter()
                    .filter(|p| p.on_frontier)
                    .map(|p| Circle::new((lx(p.cost), p.index), 5, line.filled())),
            )
            .map_err(err)?;
        let chosen_colour = PALETTE[1];
        chart
            .draw_series(
                self.points
                    .iter()
                    .filter(|p| p.labelled && !p.on_frontier)
                    .map(|p| Circle::new((lx(p.cost), p.index), 5, chosen_colour.filled())),
            )
            .map_err(err)?;
        // The legend, lower right (where a cost chart has no models: expensive and weak).
        let font = TextStyle::from((FAMILY, 15).into_font()).color(&BLACK);
        let mut entries: Vec<(String, RGBColor)> = vec![
            (
                "frontier: no model has a higher index for less".into(),
                line,
            ),
            ("other models".into(), PALETTE[0]),
        ];
        if self.chosen {
            entries.push(("chosen models".into(), chosen_colour));
        }
        let width = entries
            .iter()
            .map(|(t, _)| {
                area.estimate_text_size(t, &font)
                    .map_or(300, |s| s.0 as i32)
            })
            .max()
            .unwrap_or(300)
            + 44;
        let legend = Rect {
            x0: xr.end - width - 10,
            y0: yr.end - 22 * entries.len() as i32 - 18,
            x1: xr.end - 10,
            y1: yr.end - 10,
        };
        area.draw(&Rectangle::new(
            [rel(legend.x0, legend.y0), rel(legend.x1, legend.y1)],
            ShapeStyle::from(&WHITE.mix(0.9)).filled(),
        ))
        .map_err(err)?;
        area.draw(&Rectangle::new(
            [rel(legend.x0, legend.y0), rel(legend.x1, legend.y1)],
            GREY,
        ))
        .map_err(err)?;
        for (i, (text, colour)) in entries.iter().enumerate() {
            let y = legend.y0 + 10 + 22 * i as i32;
            area.draw(&Circle::new(rel(legend.x0 + 16, y + 8), 5, colour.filled()))
                .map_err(err)?;
            area.draw(&Text::new(
                text.clone(),
                rel(legend.x0 + 30, y),
                font.clone(),
            ))
            .map_err(err)?;
        }
        // Labels: placed in pixels, never over each other, a labelled point or the legend.
        let bounds = Rect {
            x0: xr.start + 2,
            y0: yr.start + 2,
            x1: xr.end - 2,
            y1: yr.end - 2,
        };
        let labelled: Vec<&Point> = self.points.iter().filter(|p| p.labelled).collect();
        let texts: Vec<String> = labelled.iter().map(|p| clip(&p.label, 30)).collect();
        // Boxes a little larger than the text, which is drawn centred in them: the estimate is the
        // glyphs' tight height, and glyphs are drawn from the font's ascent.
        let label_font = TextStyle::from((FAMILY, 14).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let mut wanted = Vec::with_capacity(labelled.len());
        for (p, t) in labelled.iter().zip(&texts) {
            let (w, _) = area.estimate_text_size(t, &label_font).map_err(err)?;
            wanted.push(Label {
                anchor: chart.backend_coord(&(lx(p.cost), p.index)),
                size: (w as i32 + 6, 20),
            });
        }
        // Best not hidden: the other models' dots, and the frontier line (sampled every 4 pixels,
        // so that a label across it costs more the more of it it covers).
        let mut others: Vec<((i32, i32), f64)> = self
            .points
            .iter()
            .filter(|p| !p.labelled)
            .map(|p| (chart.backend_coord(&(lx(p.cost), p.index)), 12.0))
            .collect();
        for w in stairs_px.windows(2) {
            let (a, b) = (w[0], w[1]);
            let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 4).max(1);
            for k in 0..=steps {
                let t = k as f64 / steps as f64;
                let p = (
                    a.0 + ((b.0 - a.0) as f64 * t).round() as i32,
                    a.1 + ((b.1 - a.1) as f64 * t).round() as i32,
                );
                others.push((p, 40.0));
            }
        }
        let spots = place(&wanted, bounds, 6, &others, &[legend]);

        for ((l, t), spot) in wanted.iter().zip(&texts).zip(&spots) {
            let Some(r) = spot else { continue };
            let near = r.nearest(l.anchor);
            let far = (near.0 - l.anchor.0).pow(2) + (near.1 - l.anchor.1).pow(2) > 14 * 14;
            if far {
                area.draw(&PathElement::new(
                    vec![rel(l.anchor.0, l.anchor.1), rel(near.0, near.1)],
                    GREY.stroke_width(1),
                ))
                .map_err(err)?;
            }
            area.draw(&Text::new(
                t.clone(),
                rel(r.x0 + 3, (r.y0 + r.y1) / 2),
                label_font.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}
