//! Drawing primitives over any plotters backend, in f64 CSS pixels, with the chart font.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use super::layout::Align;
use super::layout::Rect;
#[cfg(not(target_arch = "wasm32"))]
use super::layout::TextRun;
use super::text::{self, TextScale, FONT_FAMILY};
use super::theme::{Rgb, Theme};
use super::ChartError;

/// plotters' backends render a font of size `s` at `s / 1.24` pixels (its SVG backend divides,
/// and the canvas backend here does the same so both agree); sizes are given in pixels here.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// A font size and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size in CSS pixels.
    pub px: f64,
    /// Bold or regular.
    pub bold: bool,
}

impl Font {
    /// Regular weight.
    pub const fn regular(px: f64) -> Font {
        Font { px, bold: false }
    }

    /// Bold weight.
    pub const fn bold(px: f64) -> Font {
        Font { px, bold: true }
    }

    /// Line height for stacked lines.
    pub fn line_height(&self) -> f64 {
        (self.px * 1.3).round()
    }
}

/// Paints on one drawing area with one theme, measuring text at one [`TextScale`], and keeps
/// a record of every line of text it set.
pub struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// The colours in use.
    pub theme: Theme,
    scale: TextScale,
    /// What [`Layout::texts`](super::Layout::texts) reports, natively.
    #[cfg(not(target_arch = "wasm32"))]
    runs: std::cell::RefCell<Vec<TextRun>>,
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    /// A painter for `area` whose text widths are Arial's times `scale`.
    pub fn new(area: &'a DrawingArea<DB, Shift>, theme: Theme, scale: TextScale) -> Self {
        Painter {
            area,
            theme,
            scale,
            #[cfg(not(target_arch = "wasm32"))]
            runs: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Width of `s` set in `font` by the face in use.
    pub fn width(&self, font: Font, s: &str) -> f64 {
        // Widths grow with the size: a face k times as wide is Arial at k times the size.
        text::width(s, font.px * self.scale.factor(), font.bold)
    }

    /// `s` set in `font`, broken into lines of at most `max` pixels in the face in use.
    pub fn wrap(&self, font: Font, s: &str, max: f64) -> Vec<String> {
        text::wrap(s, font.px * self.scale.factor(), font.bold, max)
    }

    /// The text scale widths are measured at.
    pub fn scale(&self) -> TextScale {
        self.scale
    }

    /// Every line of text set so far, leaving none.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn take_runs(&self) -> Vec<TextRun> {
        self.runs.take()
    }

    /// Size of the area in pixels.
    pub fn size(&self) -> (f64, f64) {
        let (w, h) = self.area.dim_in_pixel();
        (f64::from(w), f64::from(h))
    }

    /// Fills the whole area with the background.
    pub fn clear(&self) -> Result<(), ChartError> {
        self.area.fill(&color(self.theme.background)).map_err(err)
    }

    /// A filled rectangle.
    pub fn fill(&self, r: Rect, c: Rgb) -> Result<(), ChartError> {
        if r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        self.area
            .draw(&Rectangle::new(
                [pt(r.x, r.y), pt(r.right(), r.bottom())],
                color(c).filled(),
            ))
            .map_err(err)
    }

    /// A rectangle outline.
    pub fn outline(&self, r: Rect, c: Rgb, width: u32) -> Result<(), ChartError> {
        self.polyline(
            &[
                (r.x, r.y),
                (r.right(), r.y),
                (r.right(), r.bottom()),
                (r.x, r.bottom()),
                (r.x, r.y),
            ],
            c,
            width,
        )
    }

    /// Connected straight segments.
    pub fn polyline(&self, points: &[(f64, f64)], c: Rgb, width: u32) -> Result<(), ChartError> {
        let points: Vec<_> = points.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area
            .draw(&PathElement::new(points, color(c).stroke_width(width)))
            .map_err(err)
    }

    /// A filled polygon.
    pub fn polygon(&self, points: &[(f64, f64)], c: Rgb) -> Result<(), ChartError> {
        let points: Vec<_> = points.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area
            .draw(&Polygon::new(points, color(c).filled()))
            .map_err(err)
    }

    /// Diagonal hatching inside `r`, for values that are derived rather than stated.
    pub fn hatch(&self, r: Rect, c: Rgb, spacing: f64) -> Result<(), ChartError> {
        if r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        // Lines x + y = k ("/" on screen), clipped to the rectangle, k stepping across it.
        let mut k = r.x + r.y + spacing / 2.0;
        while k < r.right() + r.bottom() {
            let (mut x0, mut y0) = (k - r.bottom(), r.bottom());
            if x0 < r.x {
                (x0, y0) = (r.x, k - r.x);
            }
            let (mut x1, mut y1) = (k - r.y, r.y);
            if x1 > r.right() {
                (x1, y1) = (r.right(), k - r.right());
            }
            if x1 > x0 {
                self.polyline(&[(x0, y0), (x1, y1)], c, 1)?;
            }
            k += spacing;
        }
        Ok(())
    }

    /// One line of text at `(x, y)`, `y` the top of the line box, in the horizontal `room`
    /// (left and right edges) the layout gave it, which the record of runs keeps.
    #[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
    pub fn text(
        &self,
        s: &str,
        (x, y): (f64, f64),
        font: Font,
        c: Rgb,
        align: Align,
        room: (f64, f64),
    ) -> Result<(), ChartError> {
        if s.is_empty() {
            return Ok(());
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let w = self.width(font, s);
            let left = match align {
                Align::Left => x,
                Align::Center => x - w / 2.0,
                Align::Right => x - w,
            };
            self.runs.borrow_mut().push(TextRun {
                text: s.to_string(),
                px: font.px,
                bold: font.bold,
                align,
                at: Rect {
                    x: left,
                    y,
                    w,
                    h: font.line_height(),
                },
                room,
            });
        }
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let rgb = color(c);
        // FontDesc::new, not `(family, size).into_font()`: the conversion lower-cases the
        // family name, which drags Unicode case tables into the wasm.
        let weight = if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            font.px * PLOTTERS_FONT_SCALE,
            weight,
        );
        let style = desc.color(&rgb).pos(Pos::new(h, VPos::Center));
        // Centre on the middle of the line box: baselines then agree between canvas and SVG.
        let mid = y + font.line_height() / 2.0;
        self.area
            .draw(&Text::new(s.to_string(), pt(x, mid), style))
            .map_err(err)
    }

    /// Stacked left-aligned lines from `(x, y)` down, each in `room`; returns the y below
    /// the last line.
    pub fn lines(
        &self,
        lines: &[String],
        (x, y): (f64, f64),
        font: Font,
        c: Rgb,
        room: (f64, f64),
    ) -> Result<f64, ChartError> {
        let mut y = y;
        for line in lines {
            self.text(line, (x, y), font, c, Align::Left, room)?;
            y += font.line_height();
        }
        Ok(y)
    }
}
