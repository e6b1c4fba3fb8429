//! One typeface for page and charts: the page's CSS names the charts' font stack, and where a
//! browser sets that stack in a face wider than Arial, the layout's text scale keeps every
//! line inside the room it was given. Native only: the record of lines is (see
//! `Layout::texts`); tests/e2e/typeface.test.mjs checks the page's drawing in a browser.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use coalition_infographic::charts::text::{self, FONT_FAMILY};
use coalition_infographic::charts::{self, Emphasis, Layout, Rect, TextScale, Theme};
use coalition_infographic::view::{ChartKind, ScaleKind, View};
use coalition_infographic::Dataset;
use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// DejaVu Sans's text scale: [`TextScale::measured`] over [`text::SAMPLES`] with the advance
/// widths of DejaVu Sans 2.37 (Debian's fonts-dejavu-core, DejaVuSans.ttf and
/// DejaVuSans-Bold.ttf, read from their hmtx tables once with ab_glyph; the fonts are not in
/// this repository). Bold captions are its widest sample. The browser suite
/// (tests/e2e/typeface.test.mjs) measures the same face in Chromium.
const DEJAVU_SANS: f64 = 1.226_833;

const WIDTHS: [u32; 4] = [320, 360, 768, 1280];

fn www() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www")
}

fn layout(kind: ChartKind, scale: ScaleKind, width: u32, text_scale: TextScale) -> Layout {
    let data = Dataset::embedded().expect("valid dataset");
    let view = View {
        chart: kind,
        scale,
        ..View::default()
    };
    // A frame taller than any chart: the layout then says the height it needs, and it is
    // that height the page gives the canvas.
    let mut svg = String::new();
    let area = SVGBackend::with_string(&mut svg, (width, 4000)).into_drawing_area();
    charts::draw_scaled(
        &area,
        &data,
        &view,
        kind,
        Theme::LIGHT,
        Emphasis::default(),
        text_scale,
    )
    .expect("drawn")
}

fn views() -> Vec<(ChartKind, ScaleKind)> {
    let mut views = Vec::new();
    for kind in ChartKind::ALL {
        views.push((kind, ScaleKind::default()));
    }
    // The funding chart's other scale places its labels differently.
    let other = if ScaleKind::default() == ScaleKind::Log {
        ScaleKind::Linear
    } else {
        ScaleKind::Log
    };
    views.push((ChartKind::Funding, other));
    views
}

fn overlap(a: &Rect, b: &Rect) -> f64 {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    if w > 0.0 && h > 0.0 {
        w * h
    } else {
        0.0
    }
}

/// At DejaVu Sans's scale (and at Arial's, and the widest allowed), every chart at phone,
/// tablet and desktop widths keeps every line within its room and its room within the
/// chart's inner width, no two lines of text overlap, and no value label runs into another
/// text or another value label.
#[test]
fn every_line_fits_its_room_in_a_face_wider_than_arial() {
    let eps = 1e-6;
    for text_scale in [
        TextScale::ARIAL,
        TextScale::new(DEJAVU_SANS),
        TextScale::new(TextScale::MAX),
    ] {
        for (kind, scale) in views() {
            for width in WIDTHS {
                let l = layout(kind, scale, width, text_scale);
                let at = format!("{kind:?} {scale:?} at {width} px, scale {text_scale:?}");
                assert_eq!(l.text_scale, text_scale.factor(), "{at}");
                assert!(
                    l.texts.len() > 10,
                    "{at}: only {} lines of text",
                    l.texts.len()
                );
                let pad = if width < 480 { 12.0 } else { 20.0 };
                let (inner_left, inner_right) = (pad, f64::from(width) - pad);
                for run in &l.texts {
                    let what = format!("{at}: {:?} at {:?} in {:?}", run.text, run.at, run.room);
                    assert!(
                        run.room.0 >= inner_left - eps && run.room.1 <= inner_right + eps,
                        "{what}: room outside the chart's inner width"
                    );
                    assert!(
                        run.at.x >= run.room.0 - eps && run.at.right() <= run.room.1 + eps,
                        "{what}: wider than its room"
                    );
                    assert!(
                        run.at.bottom() <= l.content_height + eps,
                        "{what}: below the chart's height {}",
                        l.content_height
                    );
                }
                for (i, a) in l.texts.iter().enumerate() {
                    for b in &l.texts[i + 1..] {
                        assert!(
                            overlap(&a.at, &b.at) == 0.0,
                            "{at}: {:?} at {:?} overlaps {:?} at {:?}",
                            a.text,
                            a.at,
                            b.text,
                            b.at
                        );
                    }
                }
                for m in &l.marks {
                    // Its own line of text is the one at its label's place.
                    let own = l
                        .texts
                        .iter()
                        .filter(|r| r.text == m.text && overlap(&r.at, &m.label) > 0.0)
                        .count();
                    assert_eq!(own, 1, "{at}: {} has no line at its label", m.figure);
                    for run in l.texts.iter().filter(|r| r.text != m.text) {
                        assert!(
                            overlap(&run.at, &m.label) == 0.0,
                            "{at}: {:?} at {:?} runs into {}'s label {:?}",
                            run.text,
                            run.at,
                            m.figure,
                            m.label
                        );
                    }
                    for other in l.marks.iter().filter(|o| o.figure != m.figure) {
                        assert!(
                            overlap(&m.label, &other.label) == 0.0,
                            "{at}: {}'s label runs into {}'s",
                            m.figure,
                            other.figure
                        );
                    }
                    // A mark's ink stops short of its own label, beside or under it.
                    assert!(
                        overlap(&m.extent, &m.label) == 0.0,
                        "{at}: {} at {:?} reaches its label {:?}",
                        m.figure,
                        m.extent,
                        m.label
                    );
                }
            }
        }
    }
}

/// The wider face's lines wrap sooner and the chart grows to hold them: the scale is an
/// input to the layout, not only a check on it.
#[test]
fn a_wider_face_wraps_sooner_and_takes_more_height() {
    let mut grew = 0;
    for (kind, scale) in views() {
        for width in WIDTHS {
            let arial = layout(kind, scale, width, TextScale::ARIAL);
            let dejavu = layout(kind, scale, width, TextScale::new(DEJAVU_SANS));
            assert!(
                dejavu.content_height >= arial.content_height,
                "{kind:?} at {width}: {} < {}",
                dejavu.content_height,
                arial.content_height
            );
            assert!(dejavu.texts.len() >= arial.texts.len());
            if dejavu.content_height > arial.content_height {
                grew += 1;
            }
            // The same text, laid out wider by the scale.
            let mut same = 0;
            for a in &arial.texts {
                for d in dejavu.texts.iter().filter(|d| d.text == a.text) {
                    assert!((d.at.w - a.at.w * DEJAVU_SANS).abs() < 1e-6, "{a:?} {d:?}");
                    same += 1;
                }
            }
            assert!(same > 5, "{kind:?} at {width}: {same} lines alike");
        }
    }
    assert!(grew >= 4, "only {grew} drawings grew");
}

/// The scale of a face is the widest ratio of its widths to Arial's over the samples, never
/// below 1 nor above the cap, and a broken measurement leaves Arial's metrics.
#[test]
fn the_scale_is_measured_against_arials_widths() {
    let arial = |s: &str, font: &text::MeasureFont| text::width(s, font.size, font.bold);
    assert_eq!(TextScale::measured(arial), TextScale::ARIAL);
    let wider = TextScale::measured(|s, font| arial(s, font) * 1.1);
    assert!((wider.factor() - 1.1).abs() < 1e-9, "{wider:?}");
    // Wider in bold figures only: the bold figures decide.
    let figures = TextScale::measured(|s, font| {
        let k = if font.bold && s.contains("22.2") {
            1.3
        } else {
            1.05
        };
        arial(s, font) * k
    });
    assert!((figures.factor() - 1.3).abs() < 1e-9, "{figures:?}");
    let narrower = TextScale::measured(|s, font| arial(s, font) * 0.9);
    assert_eq!(narrower, TextScale::ARIAL);
    assert_eq!(TextScale::measured(|_, _| f64::NAN), TextScale::ARIAL);
    assert_eq!(TextScale::measured(|_, _| 0.0), TextScale::ARIAL);
    assert_eq!(
        TextScale::measured(|_, _| f64::INFINITY),
        TextScale::ARIAL,
        "an infinite width says nothing"
    );
    assert_eq!(TextScale::new(9.0).factor(), TextScale::MAX);
    assert_eq!(
        TextScale::new(1.001),
        TextScale::ARIAL,
        "rounding, not a face"
    );
    assert_eq!(TextScale::new(f64::NAN), TextScale::ARIAL);
    // Every character the charts set is in the samples, so a face that widens only one
    // of them still moves the scale.
    let sampled: String = text::SAMPLES.concat();
    for (kind, scale) in views() {
        for run in layout(kind, scale, 1280, TextScale::ARIAL).texts {
            for c in run.text.chars() {
                assert!(
                    sampled.contains(c) || c.is_ascii_alphabetic(),
                    "{c:?} of {:?} is in no sample",
                    run.text
                );
            }
        }
    }
}

/// The value of `property` in the first rule of `css` that sets it.
fn css_value<'a>(css: &'a str, property: &str) -> &'a str {
    let start = css
        .find(&format!("{property}:"))
        .unwrap_or_else(|| panic!("no {property}"))
        + property.len()
        + 1;
    let end = start + css[start..].find(';').expect("a declaration ends");
    css[start..end].trim()
}

/// Page and charts name one font stack: the page's text face is the charts' (`FONT_FAMILY`),
/// in the page, the embeddable element's shadow root and the source page.
#[test]
fn the_page_and_the_charts_name_one_font_stack() {
    let style = fs::read_to_string(www().join("style.css")).expect("www/style.css");
    assert_eq!(
        css_value(&style, "--font"),
        FONT_FAMILY,
        "www/style.css --font"
    );
    assert!(style.contains("font-family: var(--font);"));
    let element = fs::read_to_string(www().join("coalition-infographic.css"))
        .expect("www/coalition-infographic.css");
    assert_eq!(
        css_value(&element, "font-family"),
        FONT_FAMILY,
        "www/coalition-infographic.css :host"
    );
    let source = fs::read_to_string(www().join("source.css")).expect("www/source.css");
    for (i, _) in source.match_indices("font-family:") {
        let value = css_value(&source[i..], "font-family");
        assert!(
            value == "var(--font)" || value == "var(--font-head)",
            "www/source.css names its own stack: {value}"
        );
    }
}
