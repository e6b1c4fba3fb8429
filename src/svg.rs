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
    Ok((xml_safe(out), layout))
}

/// plotters escapes markup in text, but characters XML cannot hold at all (most control
/// characters, U+FFFE, U+FFFF) would still make the document unreadable, and dataset text may
/// contain them; they become U+FFFD. The markup plotters writes itself is plain ASCII, so
/// only text is touched.
fn xml_safe(svg: String) -> String {
    if svg.chars().all(xml_char) {
        return svg;
    }
    svg.chars()
        .map(|c| if xml_char(c) { c } else { '\u{fffd}' })
        .collect()
}

/// True for the characters XML 1.0 allows in a document.
fn xml_char(c: char) -> bool {
    !matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
    )
}
