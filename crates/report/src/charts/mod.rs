//! Charts for articles, drawn with plotters: SVG or PNG, a title, axis labels with units, and a
//! footnote naming the dataset, the methodology (name and hash) and the abstention policy.
//!
//! Text is drawn with DejaVu Sans compiled into the binary (assets/fonts, Bitstream Vera licence), so
//! PNGs render the same on a machine without font packages. SVG keeps text as text (escaped).

pub mod abstention;
pub mod any;
pub mod compare;
pub mod cost;
pub mod history;
pub mod labels;
pub mod omniscience;
pub mod ranking;
pub mod tokens;
pub mod waterfall;
pub mod weights;

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FAMILY: &str = "sans-serif";

/// The four category colours (Agents, Coding, General, Scientific) and a neutral grey.
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(214, 39, 40),
    RGBColor(140, 86, 75),
];
pub(crate) const GREY: RGBColor = RGBColor(120, 120, 120);

/// Image formats, chosen by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

impl ImageFormat {
    pub fn from_name(name: &str) -> Option<ImageFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".svg") {
            Some(ImageFormat::Svg)
        } else if lower.ends_with(".png") {
            Some(ImageFormat::Png)
        } else {
            None
        }
    }
}

/// Title, footnote and size of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub title: String,
    pub footnote: String,
    pub size: (u32, u32),
}

/// The default size for an article: 1200×800.
pub const DEFAULT_SIZE: (u32, u32) = (1200, 800);

/// A chart that draws itself on any plotters backend.
pub trait Chart {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart drawing failed: {e:?}")
}

fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            panic!("the embedded DejaVu Sans font is a valid TrueType font");
        }
    });
}

/// Renders a chart to SVG text or PNG bytes.
pub fn render<C: Chart>(chart: &C, frame: &Frame, format: ImageFormat) -> Result<Vec<u8>, String> {
    register();
    let (w, h) = frame.size;
    check_size(w, h)?;
    match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, frame.size).into_drawing_area();
                compose(chart, frame, &root)?;
                root.present().map_err(err)?;
            }
            // Model names are untrusted: control characters (not allowed in XML) and bidi overrides
            // are written visibly (plotters escapes markup, not these).
            Ok(crate::escape::visible_except(&svg, &['\n', '\t', '\r'])
                .into_owned()
                .into_bytes())
        }
        ImageFormat::Png => {
            let mut rgb = vec![0u8; (w * h * 3) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, frame.size).into_drawing_area();
                compose(chart, frame, &root)?;
                root.present().map_err(err)?;
            }
            let mut png = Vec::new();
            image::codecs::png::PngEncoder::new_with_quality(
                &mut png,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(&rgb, w, h, image::ColorType::Rgb8)
            .map_err(|e| format!("PNG encoding failed: {e}"))?;
            Ok(png)
        }
    }
}

use image::ImageEncoder;

fn compose<C: Chart, DB: DrawingBackend>(
    chart: &C,
    frame: &Frame,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let (_, h) = frame.size;
    let title_height = 56;
    let foot_height = 22 * (frame.footnote.lines().count() as u32).max(1) + 12;
    let (top, rest) = root.split_vertically(title_height);
    let (body, foot) = rest.split_vertically(h - title_height - foot_height);
    top.draw(&Text::new(
        crate::escape::visible(&frame.title).into_owned(),
        (24, 16),
        (FAMILY, 28).into_font().color(&BLACK),
    ))
    .map_err(err)?;
    chart.draw(&body)?;
    for (i, line) in frame.footnote.lines().enumerate() {
        foot.draw(&Text::new(
            crate::escape::visible(line).into_owned(),
            (24, 6 + 22 * i as i32),
            (FAMILY, 14).into_font().color(&GREY),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The smallest drawable image, width × height in pixels.
pub const MIN_SIZE: (u32, u32) = (200, 150);
/// The largest image, width × height in pixels: a PNG is drawn into width × height × 3 bytes
/// (192 MB here) before it is compressed.
pub const MAX_SIZE: (u32, u32) = (8000, 8000);

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if (MIN_SIZE.0..=MAX_SIZE.0).contains(&w) && (MIN_SIZE.1..=MAX_SIZE.1).contains(&h) {
        Ok(())
    } else {
        Err(format!(
            "size {w}x{h} is not drawable; expected WIDTHxHEIGHT from {}x{} to {}x{}, for example 1200x800",
            MIN_SIZE.0, MIN_SIZE.1, MAX_SIZE.0, MAX_SIZE.1
        ))
    }
}

/// Parses `WIDTHxHEIGHT` within [`MIN_SIZE`]..=[`MAX_SIZE`].
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "'{text}' is not WIDTHxHEIGHT in pixels from {}x{} to {}x{}; for example 1200x800",
            MIN_SIZE.0, MIN_SIZE.1, MAX_SIZE.0, MAX_SIZE.1
        )
    };
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (u32, u32) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    check_size(w, h).map_err(|_| bad())?;
    Ok((w, h))
}

/// The label of the row whose middle is at `y`, for horizontal bar charts whose row i (from the top)
/// spans y = n−1−i .. n−i; empty between rows.
pub(crate) fn row_label(labels: &[String], y: f64, max: usize) -> String {
    let i = labels.len() as f64 - y - 0.5;
    let at = i.round();
    if (i - at).abs() < 1e-6 && at >= 0.0 && (at as usize) < labels.len() {
        clip(&labels[at as usize], max)
    } else {
        String::new()
    }
}

/// Shortens a label to `max` characters with an ellipsis; control characters in it (a model name
/// from a dataset) are written visibly first.
pub(crate) fn clip(label: &str, max: usize) -> String {
    let label = crate::escape::visible(label);
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The frame of a horizontal bar chart: one row per label (the first at the top), x from 0 to
/// `x_max`, labels clipped to `clip_at` characters in a label area `label_width` pixels wide.
pub(crate) fn horizontal_bars<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x_max: f64,
    labels: &[String],
    label_width: u32,
    clip_at: usize,
    x_desc: &str,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    String,
> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin_left(16)
        .margin_right(40)
        .margin_top(8)
        .x_label_area_size(48)
        .y_label_area_size(label_width)
        .build_cartesian_2d(0.0..x_max, 0.0..n as f64)
        .map_err(err)?;
    let label_of = |y: &f64| row_label(labels, *y, clip_at);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .disable_y_mesh()
        .y_labels(2 * n + 1)
        .y_label_formatter(&label_of)
        .x_desc(x_desc)
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 16))
        .draw()
        .map_err(err)?;
    Ok(chart)
}
