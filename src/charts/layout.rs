//! What a chart drew where, in CSS pixels from the chart's top-left corner: enough to find the
//! figure under a pointer, move keyboard focus, and animate between two drawings.

use serde::Serialize;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width, never negative.
    pub w: f64,
    /// Height, never negative.
    pub h: f64,
}

impl Rect {
    /// A rectangle from its edges, in any order.
    pub fn from_edges(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x: x0.min(x1),
            y: y0.min(y1),
            w: (x1 - x0).abs(),
            h: (y1 - y0).abs(),
        }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// True when the point lies inside or on the edge.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect::from_edges(
            self.x.min(other.x),
            self.y.min(other.y),
            self.right().max(other.right()),
            self.bottom().max(other.bottom()),
        )
    }

    /// Distance from the point to the rectangle (0 inside).
    pub fn distance(&self, x: f64, y: f64) -> f64 {
        let dx = (self.x - x).max(0.0).max(x - self.right());
        let dy = (self.y - y).max(0.0).max(y - self.bottom());
        // Not `hypot`: pixel distances cannot overflow, and `sqrt` is one wasm instruction.
        (dx * dx + dy * dy).sqrt()
    }
}

/// One drawn figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    /// Id of the figure in the dataset.
    pub figure: String,
    /// The bar or segment as drawn; for a dot, the dot's box.
    pub bar: Rect,
    /// Drawn as a dot (on a log axis), where position alone carries the value, rather than
    /// as a bar whose length does. Of use to the drawing code alone, so not serialized.
    #[serde(skip)]
    pub dot: bool,
    /// The bar as painted in this drawing (mid-animation, where it was then), its end
    /// decoration included: what an emphasis ring surrounds.
    pub extent: Rect,
    /// Where its value label was drawn.
    pub label: Rect,
    /// Where a pointer selects it: the bar, its value label and the row around them, so a
    /// short bar is as easy to hit as a long one.
    pub hit: Rect,
    /// The value as labelled, qualifier included.
    pub text: String,
}

/// One line of text as the layout placed it, with the room it was given: what shows that a
/// face wider than Arial still fits.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The line.
    pub text: String,
    /// Font size in CSS pixels.
    pub px: f64,
    /// Bold or regular.
    pub bold: bool,
    /// How `x` anchors the line: `left`, `center` or `right`.
    pub align: Align,
    /// The line's box as laid out (its width Arial's times the text scale); `y` is the top
    /// of the line box.
    pub at: Rect,
    /// Left and right edges of the room the line was given: its column, the chart's inner
    /// width, or the space beside a bar.
    pub room: (f64, f64),
}

/// Horizontal alignment of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

/// Everything one drawing placed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Layout {
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
    /// Height the drawing needs at this width; more is left blank, less is cut off.
    pub content_height: f64,
    /// Figures in reading order (the keyboard's order).
    pub marks: Vec<Mark>,
    /// Every line of text drawn, in drawing order. Native builds only, for tests and tools:
    /// the page's module would pay for the bookkeeping in every drawing and every byte it
    /// loads, and its tests measure the lines the canvas is asked to draw instead.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(skip)]
    pub texts: Vec<TextRun>,
    /// How much wider than Arial's the text was laid out (1 for Arial's own metrics).
    pub text_scale: f64,
}

impl Layout {
    /// Index of the mark under the point, if any. Hit areas never overlap in the charts, but
    /// if a custom dataset made them, the nearest bar wins.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        self.marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.hit.contains(x, y))
            .min_by(|(_, a), (_, b)| a.bar.distance(x, y).total_cmp(&b.bar.distance(x, y)))
            .map(|(i, _)| i)
    }

    /// Index of the mark for a figure id.
    pub fn index_of(&self, figure: &str) -> Option<usize> {
        self.marks.iter().position(|m| m.figure == figure)
    }
}
