//! Right-to-left charts: a laid-out scene turned left for right, so bars grow from the right,
//! labels sit on the right and axes read from right to left, as Arabic newsrooms draw them.
//! The text is not mirrored: each line keeps its glyphs and is set as one right-to-left run
//! ([`Lang::run`]), anchored where its mirror image would start.

use crate::i18n::Lang;

#[cfg(not(target_arch = "wasm32"))]
use super::layout::TextRun;
use super::layout::{Align, Layout, Rect};
use super::scene::{Scene, Shape};

/// `scene`, laid out in an area `width` pixels wide, mirrored for `lang`'s direction.
pub fn mirror_scene(scene: &mut Scene, width: f64, lang: Lang) {
    let w = width.round() as i32;
    for shape in scene.shapes.iter_mut().chain(scene.rings.iter_mut()) {
        mirror_shape(shape, w, lang);
    }
    mirror_layout(&mut scene.layout, width);
}

/// `layout`'s boxes mirrored in an area `width` pixels wide; mirroring twice gives it back.
pub fn mirror_layout(layout: &mut Layout, width: f64) {
    for mark in &mut layout.marks {
        for rect in [
            &mut mark.bar,
            &mut mark.extent,
            &mut mark.label,
            &mut mark.hit,
        ] {
            *rect = mirror_rect(*rect, width);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    for run in &mut layout.texts {
        mirror_run(run, width);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn mirror_run(run: &mut TextRun, width: f64) {
    run.at = mirror_rect(run.at, width);
    run.align = flip(run.align);
}

fn mirror_rect(r: Rect, width: f64) -> Rect {
    Rect {
        x: width - r.right(),
        ..r
    }
}

fn flip(align: Align) -> Align {
    match align {
        Align::Left => Align::Right,
        Align::Center => Align::Center,
        Align::Right => Align::Left,
    }
}

fn mirror_shape(shape: &mut Shape, w: i32, lang: Lang) {
    match shape {
        Shape::Clear(_) => {}
        Shape::Fill { corners, .. } => {
            let [(x0, y0), (x1, y1)] = *corners;
            *corners = [(w - x1, y0), (w - x0, y1)];
        }
        Shape::Polyline { points, .. } | Shape::Polygon { points, .. } => {
            for p in points {
                p.0 = w - p.0;
            }
        }
        Shape::Text {
            text, at, align, ..
        } => {
            at.0 = w - at.0;
            *align = flip(*align);
            *text = lang.run(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::paint::Font;
    use crate::charts::theme::Rgb;

    #[test]
    fn shapes_and_boxes_turn_left_for_right() {
        let black = Rgb(0, 0, 0);
        let mut scene = Scene {
            shapes: vec![
                Shape::Fill {
                    corners: [(10, 0), (40, 5)],
                    color: black,
                },
                Shape::Text {
                    text: "نص".into(),
                    at: (10, 3),
                    font: Font {
                        px: 12.0,
                        bold: false,
                    },
                    color: black,
                    align: Align::Left,
                },
            ],
            rings: vec![Shape::Polygon {
                points: vec![(0, 0), (5, 5)],
                color: black,
            }],
            layout: Layout::default(),
        };
        mirror_scene(&mut scene, 100.0, Lang::Ar);
        assert_eq!(
            scene.shapes[0],
            Shape::Fill {
                corners: [(60, 0), (90, 5)],
                color: black
            }
        );
        let Shape::Text {
            text, at, align, ..
        } = &scene.shapes[1]
        else {
            panic!("text");
        };
        assert_eq!((*at, *align), ((90, 3), Align::Right));
        assert_eq!(text, "\u{2067}نص\u{2069}");
        assert_eq!(
            scene.rings[0],
            Shape::Polygon {
                points: vec![(100, 0), (95, 5)],
                color: black
            }
        );
    }

    #[test]
    fn mirroring_a_layout_twice_gives_it_back() {
        let mut layout = Layout::default();
        layout.marks.push(crate::charts::Mark {
            figure: "f".into(),
            bar: Rect::from_edges(10.0, 0.0, 30.0, 4.0),
            dot: false,
            extent: Rect::from_edges(10.0, 0.0, 30.0, 4.0),
            label: Rect::from_edges(32.0, 0.0, 50.0, 4.0),
            hit: Rect::from_edges(0.0, 0.0, 60.0, 4.0),
            text: "x".into(),
        });
        let before = layout.clone();
        mirror_layout(&mut layout, 200.0);
        assert_eq!(
            layout.marks[0].bar,
            Rect::from_edges(170.0, 0.0, 190.0, 4.0)
        );
        mirror_layout(&mut layout, 200.0);
        assert_eq!(layout, before);
    }
}
