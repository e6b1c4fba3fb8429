//! A laid-out chart as plain data: every shape and line of text in drawing order, the rings
//! of emphasis apart, and the [`Layout`] that hit-testing, focus order and tooltips read.
//! Laying out paints nothing; [`Scene::paint`] walks the shapes through any plotters
//! backend, so the canvas and SVG draw one scene the same way.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::{Align, Layout};
use super::paint::Font;
use super::text::FONT_FAMILY;
use super::theme::Rgb;
use super::ChartError;

/// plotters' backends render a font of size `s` at `s / 1.24` pixels: its SVG backend divides
/// by it, and the page's canvas backend (`web/canvas.rs`) divides by this constant so both
/// agree. Scenes give sizes in pixels, and multiply by it once, here.
pub const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// One thing drawn, in whole device-independent pixels where plotters takes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// The whole area filled with a colour.
    Clear(Rgb),
    /// A filled rectangle, its corners rounded to whole pixels.
    Fill {
        /// Top-left and bottom-right corners.
        corners: [(i32, i32); 2],
        /// Its colour.
        color: Rgb,
    },
    /// Connected straight segments.
    Polyline {
        /// The points, in order.
        points: Vec<(i32, i32)>,
        /// Stroke colour.
        color: Rgb,
        /// Stroke width in pixels.
        width: u32,
    },
    /// A filled polygon.
    Polygon {
        /// Its corners, in order.
        points: Vec<(i32, i32)>,
        /// Its colour.
        color: Rgb,
    },
    /// One line of text, centred vertically on `at`.
    Text {
        /// The line.
        text: String,
        /// The anchor point: its x by `align`, its y the middle of the line box.
        at: (i32, i32),
        /// Size and weight.
        font: Font,
        /// Its colour.
        color: Rgb,
        /// How `at` anchors the line.
        align: Align,
    },
}

/// A chart laid out in a given size: what to paint, and where each figure went.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// The plain drawing, in painting order.
    pub shapes: Vec<Shape>,
    /// The rings of emphasis (hover, focus), painted last, over everything else.
    pub rings: Vec<Shape>,
    /// Every mark and label box, the content height and the text scale.
    pub layout: Layout,
}

impl Scene {
    /// Paints the plain drawing and then the rings on `area`, handing the shapes over to the
    /// backend (no copy of their points), and gives back the layout.
    pub fn paint<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<Layout, ChartError> {
        paint(area, self.shapes)?;
        paint(area, self.rings)?;
        Ok(self.layout)
    }
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Paints `shapes` on `area` in order.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shapes: Vec<Shape>,
) -> Result<(), ChartError> {
    for shape in shapes {
        match shape {
            Shape::Clear(c) => area.fill(&color(c)).map_err(err)?,
            Shape::Fill { corners, color: c } => area
                .draw(&Rectangle::new(corners, color(c).filled()))
                .map_err(err)?,
            Shape::Polyline {
                points,
                color: c,
                width,
            } => area
                .draw(&PathElement::new(points, color(c).stroke_width(width)))
                .map_err(err)?,
            Shape::Polygon { points, color: c } => area
                .draw(&Polygon::new(points, color(c).filled()))
                .map_err(err)?,
            Shape::Text {
                text,
                at,
                font,
                color: c,
                align,
            } => {
                let h = match align {
                    Align::Left => HPos::Left,
                    Align::Center => HPos::Center,
                    Align::Right => HPos::Right,
                };
                let rgb = color(c);
                // FontDesc::new, not `(family, size).into_font()`: the conversion lower-cases
                // the family name, which drags Unicode case tables into the wasm.
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
                area.draw(&Text::new(text, at, style)).map_err(err)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::charts::{layout, Emphasis, TextScale, Theme};
    use crate::data::Dataset;
    use crate::view::{ChartKind, View};

    /// The plain drawing does not depend on what is emphasised: a page restores it from a
    /// copy to take rings away, and paints the scene's rings alone to add them.
    #[test]
    fn rings_are_kept_apart_from_the_plain_drawing() {
        let data = Dataset::embedded().expect("data");
        for kind in ChartKind::ALL {
            let view = View {
                chart: kind,
                ..View::default()
            };
            let at = |emphasis| {
                layout(
                    &data,
                    &view,
                    kind,
                    Theme::LIGHT,
                    emphasis,
                    TextScale::ARIAL,
                    (640, 1),
                )
                .expect("laid out")
            };
            let plain = at(Emphasis::default());
            assert!(plain.rings.is_empty(), "{kind:?}: no emphasis, no rings");
            assert!(plain.shapes.len() > 10, "{kind:?}: a drawing");
            let figure = plain.layout.marks[0].figure.clone();
            let focused = at(Emphasis {
                focus: Some(&figure),
                ..Emphasis::default()
            });
            assert_eq!(
                focused.shapes, plain.shapes,
                "{kind:?}: the same plain drawing"
            );
            assert_eq!(focused.rings.len(), 1, "{kind:?}: one ring");
            assert!(
                plain.layout.content_height > 100.0,
                "{kind:?}: a height without painting"
            );
        }
    }
}
