//! The layout's drawing primitives, in f64 CSS pixels with the chart font: each one adds
//! shapes to a [`Scene`](super::scene::Scene) and paints nothing.

use std::cell::{Cell, RefCell};

pub use super::layout::Align;
use super::layout::Rect;
#[cfg(not(target_arch = "wasm32"))]
use super::layout::TextRun;
use super::scene::Shape;
use super::text::{self, TextScale};
use super::theme::{Rgb, Theme};
use super::ChartError;

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

/// Lays out shapes in an area of a given size with one theme, measuring text at one
/// [`TextScale`], and keeps a record of every line of text it set. Its methods return
/// `Result` so that layout code reads as drawing code; recording a shape cannot fail.
pub struct Painter {
    size: (u32, u32),
    /// The colours in use.
    pub theme: Theme,
    scale: TextScale,
    shapes: RefCell<Vec<Shape>>,
    /// Where the rings of emphasis begin among the shapes, once they have.
    rings_from: Cell<Option<usize>>,
    /// What [`Layout::texts`](super::Layout::texts) reports, natively.
    #[cfg(not(target_arch = "wasm32"))]
    runs: RefCell<Vec<TextRun>>,
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

impl Painter {
    /// A painter for an area of `size` pixels whose text widths are Arial's times `scale`.
    pub fn new(size: (u32, u32), theme: Theme, scale: TextScale) -> Self {
        Painter {
            size,
            theme,
            scale,
            shapes: RefCell::new(Vec::new()),
            rings_from: Cell::new(None),
            #[cfg(not(target_arch = "wasm32"))]
            runs: RefCell::new(Vec::new()),
        }
    }

    fn push(&self, shape: Shape) -> Result<(), ChartError> {
        self.shapes.borrow_mut().push(shape);
        Ok(())
    }

    /// From here on, the shapes are rings of emphasis, which a scene keeps apart.
    pub fn begin_rings(&self) {
        self.rings_from.set(Some(self.shapes.borrow().len()));
    }

    /// The shapes laid out so far, leaving none: the plain drawing, and the rings.
    pub fn take_shapes(&self) -> (Vec<Shape>, Vec<Shape>) {
        let mut plain = self.shapes.take();
        let rings = match self.rings_from.take() {
            Some(at) if at <= plain.len() => plain.split_off(at),
            _ => Vec::new(),
        };
        (plain, rings)
    }

    /// Width of `s` set in `font` by the face in use.
    pub fn width(&self, font: Font, s: &str) -> f64 {
        // Widths grow with the size: a face k times as wide is Arial at k times the size.
        text::width_with(
            s,
            font.px * self.scale.factor(),
            font.bold,
            self.scale.arabic(),
        )
    }

    /// `s` set in `font`, broken into lines of at most `max` pixels in the face in use.
    pub fn wrap(&self, font: Font, s: &str, max: f64) -> Vec<String> {
        text::wrap_with(
            s,
            font.px * self.scale.factor(),
            font.bold,
            self.scale.arabic(),
            max,
        )
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
        (f64::from(self.size.0), f64::from(self.size.1))
    }

    /// Fills the whole area with the background.
    pub fn clear(&self) -> Result<(), ChartError> {
        self.push(Shape::Clear(self.theme.background))
    }

    /// A filled rectangle.
    pub fn fill(&self, r: Rect, c: Rgb) -> Result<(), ChartError> {
        if r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        self.push(Shape::Fill {
            corners: [pt(r.x, r.y), pt(r.right(), r.bottom())],
            color: c,
        })
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
        self.push(Shape::Polyline {
            points: points.iter().map(|&(x, y)| pt(x, y)).collect(),
            color: c,
            width,
        })
    }

    /// A filled polygon.
    pub fn polygon(&self, points: &[(f64, f64)], c: Rgb) -> Result<(), ChartError> {
        self.push(Shape::Polygon {
            points: points.iter().map(|&(x, y)| pt(x, y)).collect(),
            color: c,
        })
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
        // Centre on the middle of the line box: baselines then agree between canvas and SVG.
        let mid = y + font.line_height() / 2.0;
        self.push(Shape::Text {
            text: s.to_string(),
            at: pt(x, mid),
            font,
            color: c,
            align,
        })
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
