//! Charts as SVG documents, drawn by the same code as the canvas.

use plotters::prelude::*;

use crate::charts::{self, ChartError, Emphasis, Layout, Theme};
use crate::data::Dataset;
use crate::view::{ChartKind, View};

/// Draws chart `kind` at `width` × `height` CSS pixels and returns the SVG text with its layout.
pub fn render_svg(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    (width, height): (u32, u32),
) -> Result<(String, Layout), ChartError> {
    let mut out = String::new();
    let layout = {
        let area =
            SVGBackend::with_string(&mut out, (width.max(1), height.max(1))).into_drawing_area();
        charts::draw(&area, data, view, kind, theme, Emphasis::default())?
    };
    Ok((out, layout))
}
