//! The three charts. Each is laid out as a [`Scene`] (plain data: shapes, rings, and a
//! [`Layout`] of what goes where), which paints through plotters' `DrawingBackend`, so the
//! same scene is the page's canvas and the SVG files.

mod builders;
pub mod layout;
pub mod mirror;
pub mod model;
pub mod paint;
mod render;
pub mod scene;
mod spec;
pub mod text;
pub mod theme;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use thiserror::Error;

use crate::data::Dataset;
use crate::view::{ChartKind, View};

pub use builders::build;
pub use layout::{Layout, Mark, Rect, TextRun};
pub use scene::{Scene, Shape};
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
    let scene = layout(
        data,
        view,
        kind,
        theme,
        emphasis,
        scale,
        area.dim_in_pixel(),
    )?;
    let layout = scene.paint(area)?;
    area.present()
        .map_err(|e| ChartError::Draw(e.to_string()))?;
    Ok(layout)
}

/// Chart `kind` laid out in an area of `size` pixels, with text `scale` times as wide as
/// Arial's: everything it will paint and where each figure goes, painting nothing.
pub fn layout(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    emphasis: Emphasis<'_>,
    scale: TextScale,
    size: (u32, u32),
) -> Result<Scene, ChartError> {
    let model = build(data, view, kind, &theme)?;
    let size = (size.0.max(1), size.1.max(1));
    let painter = paint::Painter::new(size, theme, scale);
    // A right-to-left chart is laid out left to right and then mirrored, so the layout code
    // knows one direction; a bar animating from an earlier, mirrored, drawing starts from
    // that drawing turned back.
    let rtl = model.lang.is_rtl();
    let turned_back = emphasis.transition.filter(|_| rtl).map(|t| {
        let mut from = t.from.clone();
        mirror::mirror_layout(&mut from, f64::from(size.0));
        from
    });
    let emphasis = match (&turned_back, emphasis.transition) {
        (Some(from), Some(t)) => Emphasis {
            transition: Some(Transition { from, ..t }),
            ..emphasis
        },
        _ => emphasis,
    };
    let layout = render::render(&painter, &model, &emphasis)?;
    let (shapes, rings) = painter.take_shapes();
    let mut scene = Scene {
        shapes,
        rings,
        layout,
    };
    if rtl {
        mirror::mirror_scene(&mut scene, f64::from(size.0), model.lang);
    }
    Ok(scene)
}

/// Paints only the rings of `emphasis` for a drawing that placed `layout`, over whatever
/// `area` holds. Over the pixels of a drawing made without emphasis this gives the pixels
/// [`draw`] gives with it: rings are the last thing a scene paints.
pub fn draw_emphasis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    theme: Theme,
    emphasis: &Emphasis<'_>,
) -> Result<(), ChartError> {
    // Rings set no text: the scale is immaterial.
    let painter = paint::Painter::new(area.dim_in_pixel(), theme, TextScale::ARIAL);
    render::draw_rings(&painter, &layout.marks, emphasis)?;
    let (shapes, _) = painter.take_shapes();
    scene::paint(area, shapes)?;
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
    natural_height_scaled(data, view, kind, width, TextScale::ARIAL)
}

/// [`natural_height`] with text `scale` times as wide as Arial's: a chart's layout, which
/// paints nothing, gives it.
pub fn natural_height_scaled(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    width: u32,
    scale: TextScale,
) -> Result<f64, ChartError> {
    let scene = layout(
        data,
        view,
        kind,
        Theme::LIGHT,
        Emphasis::default(),
        scale,
        (width, 1),
    )?;
    Ok(scene.layout.content_height)
}
