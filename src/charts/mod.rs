//! The three charts. Each draws through plotters' `DrawingBackend`, so the same code paints the
//! page's canvas and writes SVG, and returns a [`Layout`] of what it drew where.

mod builders;
pub mod layout;
mod measure;
pub mod model;
pub mod paint;
mod render;
mod spec;
pub mod text;
pub mod theme;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea};
use thiserror::Error;

use crate::data::Dataset;
use crate::view::{ChartKind, View};

pub use builders::build;
pub use layout::{Layout, Mark, Rect, TextRun};
pub use spec::{ChartSpec, SOURCE_LINE};
pub use text::TextScale;
pub use theme::Theme;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ChartError {
    /// The dataset lacks a figure the chart needs.
    #[error("the {chart} chart needs the figure '{id}', which the dataset does not have")]
    MissingFigure {
        /// Chart id.
        chart: &'static str,
        /// Figure id.
        id: &'static str,
    },
    /// A figure is in another unit than the chart's axis.
    #[error("the {chart} chart needs the figure '{id}' in its axis unit")]
    WrongUnit {
        /// Chart id.
        chart: &'static str,
        /// Figure id.
        id: &'static str,
    },
    /// The backend failed.
    #[error("drawing failed: {0}")]
    Draw(String),
}

/// What to emphasise in a drawing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Emphasis<'a> {
    /// Figure id under the pointer: drawn with a thin ring.
    pub highlight: Option<&'a str>,
    /// Figure id with keyboard focus: drawn with a heavy ring, the canvas's focus indicator.
    pub focus: Option<&'a str>,
    /// An animation frame between an earlier drawing and this one.
    pub transition: Option<Transition<'a>>,
}

/// One frame of the animation from an earlier layout to the one being drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition<'a> {
    /// The drawing animated from; bars it lacks grow from the axis.
    pub from: &'a Layout,
    /// How far along, 0 (as `from`) to 1 (as the new drawing), already eased.
    pub progress: f64,
}

/// Ease-out cubic: fast start, gentle landing; `t` is clamped to 0..1.
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t).powi(3)
}

/// Draws chart `kind` on `area`, filling it, and says where each figure went; text is laid
/// out in Arial's metrics, those of every picture and SVG this crate writes.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    emphasis: Emphasis<'_>,
) -> Result<Layout, ChartError> {
    draw_scaled(area, data, view, kind, theme, emphasis, TextScale::ARIAL)
}

/// [`draw`] with text laid out for a face `scale` times as wide as Arial: the face a
/// browser sets the text in, measured.
pub fn draw_scaled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    emphasis: Emphasis<'_>,
    scale: TextScale,
) -> Result<Layout, ChartError> {
    let model = build(data, view, kind, &theme)?;
    let painter = paint::Painter::new(area, theme, scale);
    let layout = render::render(&painter, &model, &emphasis)?;
    area.present()
        .map_err(|e| ChartError::Draw(e.to_string()))?;
    Ok(layout)
}

/// Draws only the rings of `emphasis` for a drawing that placed `layout`, over whatever
/// `area` holds. Over the pixels of a drawing made without emphasis this gives the pixels
/// [`draw`] gives with it: rings are the last thing a drawing paints.
pub fn draw_emphasis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    theme: Theme,
    emphasis: &Emphasis<'_>,
) -> Result<(), ChartError> {
    // Rings set no text: the scale is immaterial.
    let painter = paint::Painter::new(area, theme, TextScale::ARIAL);
    render::draw_rings(&painter, &layout.marks, emphasis)?;
    area.present().map_err(|e| ChartError::Draw(e.to_string()))
}

/// Everything the rings of `emphasis` may paint on a drawing that placed `layout`, one
/// rectangle per ring: what to restore from a copy of the plain drawing to take them away.
pub fn emphasis_bounds(layout: &Layout, emphasis: &Emphasis<'_>) -> Vec<Rect> {
    render::ring_bounds(&layout.marks, emphasis)
}

/// The height chart `kind` needs at `width`, so a page can size its canvas to the content
/// rather than leave blank space or squeeze rows.
pub fn natural_height(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    width: u32,
) -> Result<f64, ChartError> {
    natural_height_on(
        measure::Measure::new(width, 1),
        data,
        view,
        kind,
        TextScale::ARIAL,
    )
}

/// [`natural_height`] on a backend of the caller's that draws nothing and is as wide as the
/// chart will be, with text `scale` times as wide as Arial's: a page that already draws
/// through one backend type sizes its charts through the same one, and so carries one copy
/// of the chart code.
pub fn natural_height_on<DB: DrawingBackend>(
    backend: DB,
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    scale: TextScale,
) -> Result<f64, ChartError> {
    let area = backend.into_drawing_area();
    let layout = draw_scaled(
        &area,
        data,
        view,
        kind,
        Theme::LIGHT,
        Emphasis::default(),
        scale,
    )?;
    Ok(layout.content_height)
}
