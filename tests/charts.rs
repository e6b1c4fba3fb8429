//! The charts drawn natively into SVG: snapshots for people to review, and layout checks that
//! hold at any size.

use coalition_infographic::charts::{self, ChartSpec, Emphasis, Layout, Theme};
use coalition_infographic::data::Origin;
use coalition_infographic::format::{amount, figure_value};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, ScaleKind, View};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};

mod drawing;
use drawing::{assert_snapshot, data, draw};

#[test]
fn snapshots() {
    for kind in ChartKind::ALL {
        for width in [960, 360] {
            let (svg, _) = draw(kind, ScaleKind::Linear, width);
            assert_snapshot(&format!("{}-{width}", kind.id()), &svg);
        }
    }
    let (svg, _) = draw(ChartKind::Funding, ScaleKind::Log, 960);
    assert_snapshot("funding-log-960", &svg);
}

#[test]
fn every_chart_figure_is_drawn_once_in_reading_order() {
    for kind in ChartKind::ALL {
        for width in [320, 480, 960, 1440] {
            let (_, layout) = draw(kind, ScaleKind::Linear, width);
            let ids: Vec<_> = layout.marks.iter().map(|m| m.figure.as_str()).collect();
            assert_eq!(ids, ChartSpec::of(kind).figures, "{kind:?} at {width}");
        }
    }
}

#[test]
fn everything_stays_inside_the_drawing() {
    for kind in ChartKind::ALL {
        for width in [320, 360, 480, 700, 960, 1440] {
            let (_, layout) = draw(kind, ScaleKind::Linear, width);
            assert!(
                layout.content_height <= layout.height + 0.5,
                "{kind:?}/{width}: content fits"
            );
            for m in &layout.marks {
                assert!(
                    m.bar.x >= 0.0 && m.bar.right() <= layout.width,
                    "{kind:?}/{width}: {} bar",
                    m.figure
                );
                assert!(
                    m.label.x >= 0.0 && m.label.right() <= layout.width,
                    "{kind:?}/{width}: {} label {:?}",
                    m.figure,
                    m.label
                );
                assert!(
                    m.hit.right() <= layout.width,
                    "{kind:?}/{width}: {} hit area",
                    m.figure
                );
                assert!(
                    m.bar.bottom() <= layout.height,
                    "{kind:?}/{width}: {} bottom",
                    m.figure
                );
            }
        }
    }
}

#[test]
fn hit_areas_do_not_overlap_and_find_their_bar() {
    for kind in ChartKind::ALL {
        for width in [360, 960] {
            let (_, layout) = draw(kind, ScaleKind::Linear, width);
            for (i, m) in layout.marks.iter().enumerate() {
                let (cx, cy) = (m.bar.x + m.bar.w / 2.0, m.bar.y + m.bar.h / 2.0);
                assert_eq!(
                    layout.hit(cx, cy),
                    Some(i),
                    "{kind:?}/{width}: centre of {}",
                    m.figure
                );
                for other in &layout.marks[i + 1..] {
                    let overlap_w = m.hit.right().min(other.hit.right()) - m.hit.x.max(other.hit.x);
                    let overlap_h =
                        m.hit.bottom().min(other.hit.bottom()) - m.hit.y.max(other.hit.y);
                    assert!(
                        overlap_w <= 0.0 || overlap_h <= 0.0,
                        "{kind:?}/{width}: {} and {} overlap",
                        m.figure,
                        other.figure
                    );
                }
            }
            assert_eq!(layout.hit(1.0, 1.0), None, "the title is not a bar");
            assert_eq!(
                layout.hit(layout.width / 2.0, layout.height - 2.0),
                None,
                "the source line is not a bar"
            );
        }
    }
}

#[test]
fn titles_state_the_finding_with_the_figures_and_whose_it_is() {
    let d = data();
    let lead: [(ChartKind, &[&str]); 3] = [
        (ChartKind::Funding, &["funding-provided"]),
        (
            ChartKind::Liberation,
            &["iraq-liberated", "syria-liberated"],
        ),
        (
            ChartKind::Returns,
            &["raqqa-displaced", "raqqa-returned", "iraq-returned"],
        ),
    ];
    for (kind, ids) in lead {
        let title = ChartSpec::of(kind).title;
        assert!(
            title.ends_with(", the State Department says"),
            "{kind:?}: {title}"
        );
        for id in ids {
            let f = d.figure(id).expect("figure");
            // The figure as the chart labels it, or in the source's own words (its case
            // aside: a sentence may start with it).
            let written = match &f.origin {
                Origin::Stated { written, .. } => written.to_lowercase(),
                Origin::Derived { .. } => String::new(),
            };
            let amount = amount(f.value, f.unit);
            assert!(
                title.contains(&figure_value(f))
                    || (title.contains(&amount) && title.to_lowercase().contains(&written)),
                "{kind:?}: the title does not say {id} as the data does: {title}"
            );
        }
    }
}

#[test]
fn labels_carry_qualifiers_and_derived_marks() {
    let (svg, layout) = draw(ChartKind::Funding, ScaleKind::Linear, 960);
    for text in [
        "more than $22.2 billion",
        "more than $2.3 billion",
        "approximately $2 billion",
        "more than $240 million",
    ] {
        assert!(svg.contains(text), "funding shows {text}");
        assert!(layout.marks.iter().any(|m| m.text == text));
    }
    assert!(svg.contains("Source: U.S. Department of State"));
    assert!(svg.contains("a lower bound (“more than”)"));

    let (svg, _) = draw(ChartKind::Returns, ScaleKind::Linear, 960);
    assert!(svg.contains("approximately 35,000"));
    assert!(svg.contains("more than 1.5 million"));

    let (svg, _) = draw(ChartKind::Liberation, ScaleKind::Linear, 960);
    assert!(svg.contains("62% liberated"));
    assert!(svg.contains("38% not stated as liberated (derived)"));
}

#[test]
fn log_scale_keeps_small_amounts_visible_as_dots() {
    let (_, log) = draw(ChartKind::Funding, ScaleKind::Log, 960);
    let x = |id: &str| {
        let m = &log.marks[log.index_of(id).expect("mark")];
        assert!(m.dot, "{id} is a dot");
        m.bar.x + m.bar.w / 2.0
    };
    // Order is kept, and the smallest amount sits well clear of the axis's floor.
    assert!(x("funding-provided") > x("funding-pledged"));
    assert!(x("funding-pledged") > x("funding-expected"));
    assert!(x("funding-expected") > x("undp-stabilization") + 100.0);
    let floor = log.marks.iter().map(|m| m.hit.x).fold(f64::MAX, f64::min);
    assert!(x("undp-stabilization") > floor + 200.0);
}

#[test]
fn returns_panels_never_share_an_axis() {
    // The Iraq bar is drawn in its own panel: it does not sit in the same column band as the
    // Raqqa bars at wide sizes, nor in the same row band at narrow ones.
    for width in [360, 960] {
        let (_, layout) = draw(ChartKind::Returns, ScaleKind::Linear, width);
        let iraq = &layout.marks[layout.index_of("iraq-returned").expect("mark")];
        for m in layout
            .marks
            .iter()
            .filter(|m| m.figure.starts_with("raqqa"))
        {
            let apart_x = iraq.bar.x >= m.hit.right() || iraq.hit.right() <= m.bar.x;
            let apart_y = iraq.bar.y >= m.hit.bottom() + 20.0;
            assert!(
                apart_x || apart_y,
                "{width}: {} shares space with iraq-returned",
                m.figure
            );
        }
    }
}

#[test]
fn odd_sizes_do_not_panic() {
    let d = data();
    for kind in ChartKind::ALL {
        for (w, h) in [(1, 1), (10, 10), (100, 40), (10_000, 300), (320, 5_000)] {
            let r = render_svg(&d, &View::default(), kind, Theme::DARK, (w, h));
            assert!(r.is_ok(), "{kind:?} at {w}x{h}");
        }
    }
}

/// An SVG document of `size` with what `paint` draws on it.
fn svg_with(size: (u32, u32), paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>)) -> String {
    let mut out = String::new();
    paint(&SVGBackend::with_string(&mut out, size).into_drawing_area());
    out
}

#[test]
fn rings_drawn_over_a_plain_drawing_equal_a_drawing_with_them() {
    // What the page does on hover: keep the plain drawing, and paint only the rings over it.
    let d = data();
    let size = (960, 900);
    for kind in ChartKind::ALL {
        let view = View {
            chart: kind,
            ..View::default()
        };
        let draw = |area: &DrawingArea<SVGBackend, Shift>, emphasis| {
            charts::draw(area, &d, &view, kind, Theme::DARK, emphasis).expect("drawn")
        };
        let mut layout = Layout::default();
        let plain = svg_with(size, |area| layout = draw(area, Emphasis::default()));
        let (first, last) = (
            &layout.marks[0].figure,
            &layout.marks[layout.marks.len() - 1].figure,
        );
        let emphasis = Emphasis {
            highlight: Some(first),
            focus: Some(last),
            transition: None,
        };
        let whole = svg_with(size, |area| {
            draw(area, emphasis);
        });
        let rings = svg_with(size, |area| {
            charts::draw_emphasis(area, &layout, Theme::DARK, &emphasis).expect("rings")
        });
        let (_, rings) = rings.split_once('\n').expect("an SVG header line");
        let rings = rings.strip_suffix("</svg>\n").expect("an SVG closing tag");
        assert_eq!(rings.matches("<polyline").count(), 2, "{kind:?}: two rings");
        let overlaid = plain.replace("</svg>\n", &format!("{rings}</svg>\n"));
        assert!(
            whole == overlaid,
            "{kind:?}: rings over the plain drawing differ"
        );
        assert_eq!(
            charts::emphasis_bounds(&layout, &emphasis).len(),
            2,
            "{kind:?}: bounds of both rings"
        );
    }
}
