//! The charts' marks measured from the SVG they draw, as a reader would measure them on
//! the page: a bar's length against its axis, what a cue adds past the value, dots rather
//! than bars on a log axis, the size of every piece of text, the words the chart carries.
#![cfg(not(target_arch = "wasm32"))]

use coalition_infographic::charts::{ChartSpec, Mark, Theme};
use coalition_infographic::format::figure_value;
use coalition_infographic::view::{ChartKind, ScaleKind};

mod drawing;
use drawing::{data, draw};

#[test]
fn labels_carry_qualifiers_and_derived_marks() {
    let d = data();
    for kind in ChartKind::ALL {
        let (svg, layout) = draw(kind, ScaleKind::Linear, 960);
        let text = svg_text(&svg);
        for id in ChartSpec::of(kind).figures {
            let figure = d.figure(id).expect("figure");
            let value = figure_value(figure);
            assert!(text.contains(&value), "{kind:?} shows {value}");
            let mark = &layout.marks[layout.index_of(id).expect("mark")];
            assert!(mark.text.starts_with(&value), "{id}: {}", mark.text);
            assert_eq!(
                mark.text.ends_with(" (derived)"),
                figure.is_derived(),
                "{id}: {}",
                mark.text
            );
        }
        assert!(text.contains("Source: U.S. Department of State"));
        assert!(text.contains("blogs.state.gov/stories/2017/03/22/"));
    }
    let (svg, _) = draw(ChartKind::Funding, ScaleKind::Linear, 960);
    assert!(svg.contains("a lower bound (“more than”)"));
    assert!(svg.contains("Ragged end: approximate"));

    let (svg, _) = draw(ChartKind::Liberation, ScaleKind::Linear, 960);
    assert!(svg.contains("62% liberated"));
    assert!(svg.contains("38% not stated as liberated (derived)"));
    assert!(svg.contains("Hatched: derived, not stated in the State Department’s post"));
    for overreach in ["not yet", "still held", "remaining under", "release"] {
        assert!(!svg.contains(overreach), "liberation says '{overreach}'");
    }
}

#[test]
fn the_funding_chart_carries_its_caveats_in_every_copy() {
    for scale in [ScaleKind::Linear, ScaleKind::Log] {
        for width in [280, 960] {
            let (svg, _) = draw(ChartKind::Funding, scale, width);
            let text = svg_text(&svg);
            assert!(
                text.contains("they overlap and do not add up to a total"),
                "{scale:?} at {width}"
            );
            assert_eq!(
                text.contains("compare positions, not lengths"),
                scale == ScaleKind::Log,
                "{scale:?} at {width}: the log note"
            );
        }
    }
}

/// One element of a chart's SVG, reduced to what these tests measure: its colours and the
/// box its geometry spans (strokes not included).
#[derive(Debug)]
struct Ink {
    tag: String,
    fill: Option<String>,
    stroke: Option<String>,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    /// For text: its size in pixels and its words.
    font_size: f64,
    text: String,
}

impl Ink {
    fn h(&self) -> f64 {
        self.y1 - self.y0
    }
}

fn num(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// Every drawn element of `svg`, in painting order.
fn inks(svg: &str) -> Vec<Ink> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses");
    let colour = |n: roxmltree::Node, a: &str| {
        n.attribute(a)
            .filter(|c| *c != "none")
            .map(|c| c.to_ascii_uppercase())
    };
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() != "svg")
        .map(|n| {
            let tag = n.tag_name().name().to_string();
            let (x0, y0, x1, y1) = match tag.as_str() {
                "rect" => {
                    let (x, y) = (num(n, "x"), num(n, "y"));
                    (x, y, x + num(n, "width"), y + num(n, "height"))
                }
                "circle" => {
                    let (x, y, r) = (num(n, "cx"), num(n, "cy"), num(n, "r"));
                    (x - r, y - r, x + r, y + r)
                }
                "polyline" | "polygon" => {
                    let pts: Vec<(f64, f64)> = n
                        .attribute("points")
                        .unwrap_or("")
                        .split_whitespace()
                        .filter_map(|p| p.split_once(','))
                        .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                        .collect();
                    let xs = pts.iter().map(|p| p.0);
                    let ys = pts.iter().map(|p| p.1);
                    (
                        xs.clone().fold(f64::MAX, f64::min),
                        ys.clone().fold(f64::MAX, f64::min),
                        xs.fold(f64::MIN, f64::max),
                        ys.fold(f64::MIN, f64::max),
                    )
                }
                _ => {
                    let (x, y) = (num(n, "x"), num(n, "y"));
                    (x, y, x, y)
                }
            };
            Ink {
                fill: colour(n, "fill"),
                stroke: colour(n, "stroke"),
                font_size: num(n, "font-size"),
                text: n.text().unwrap_or("").trim().to_string(),
                tag,
                x0,
                y0,
                x1,
                y1,
            }
        })
        .collect()
}

fn svg_text(svg: &str) -> String {
    inks(svg)
        .iter()
        .filter(|i| i.tag == "text")
        .map(|i| i.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A drawn value axis: where its labelled ticks are, and the value of each.
struct Axis {
    y: f64,
    ticks: Vec<(f64, f64)>,
}

impl Axis {
    /// `t`'s place on this axis, from its ticks (linear, or linear in log10 for a log axis).
    fn px(&self, t: f64, log: bool) -> f64 {
        let f = |v: f64| if log { v.log10() } else { v };
        let n = self.ticks.len() as f64;
        let (mx, my) = self
            .ticks
            .iter()
            .fold((0.0, 0.0), |(a, b), &(px, v)| (a + f(v) / n, b + px / n));
        let (sxy, sxx) = self.ticks.iter().fold((0.0, 0.0), |(a, b), &(px, v)| {
            (a + (f(v) - mx) * (px - my), b + (f(v) - mx).powi(2))
        });
        my + sxy / sxx * (f(t) - mx)
    }
}

/// Reads a tick label ("$10B", "500k", "1.5M", "25%", "0") as a number.
fn tick_value(label: &str) -> Option<f64> {
    let s = label.trim_start_matches('$').trim_end_matches('%');
    let (digits, scale) = match s.chars().last()? {
        'B' => (&s[..s.len() - 1], 1e9),
        'M' => (&s[..s.len() - 1], 1e6),
        'k' => (&s[..s.len() - 1], 1e3),
        _ => (s, 1.0),
    };
    digits
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .map(|v| v * scale)
}

/// The value axes of a drawing: each labelled tick is a 4 px mark in the axis colour with its
/// label just under it.
fn axes(inks: &[Ink], theme: &Theme) -> Vec<Axis> {
    let axis = theme.axis.hex().to_ascii_uppercase();
    let mut out: Vec<Axis> = Vec::new();
    for tick in inks.iter().filter(|i| {
        i.tag == "polyline"
            && i.stroke.as_deref() == Some(axis.as_str())
            && i.x0 == i.x1
            && (i.h() - 4.0).abs() < 0.01
    }) {
        let label = inks
            .iter()
            .filter(|t| t.tag == "text" && t.y0 > tick.y1 && t.y0 < tick.y1 + 14.0)
            .filter(|t| (t.x0 - tick.x0).abs() < 60.0)
            .filter_map(|t| tick_value(&t.text).map(|v| ((t.x0 - tick.x0).abs(), v)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, value)) = label else { continue };
        match out.iter_mut().find(|a| {
            (a.y - tick.y0).abs() < 0.01
                && a.ticks
                    .last()
                    .is_some_and(|t| tick.x0 > t.0 && tick.x0 - t.0 < 400.0)
        }) {
            Some(a) => a.ticks.push((tick.x0, value)),
            None => out.push(Axis {
                y: tick.y0,
                ticks: vec![(tick.x0, value)],
            }),
        }
    }
    out
}

/// The axis a mark is read against: the nearest one under it whose span covers its start.
fn axis_of<'a>(axes: &'a [Axis], m: &Mark) -> &'a Axis {
    axes.iter()
        .filter(|a| a.y > m.bar.bottom())
        .filter(|a| {
            let (lo, hi) = (a.ticks[0].0, a.ticks[a.ticks.len() - 1].0);
            m.bar.x >= lo - 1.0 && m.bar.x <= hi + 1.0
        })
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .unwrap_or_else(|| panic!("{}: no axis under it", m.figure))
}

const WIDTHS: [u32; 5] = [280, 360, 640, 960, 1400];

#[test]
fn every_bar_is_as_long_as_its_value_and_its_cue_adds_at_most_four_pixels() {
    let d = data();
    let theme = Theme::LIGHT;
    let background = theme.background.hex().to_ascii_uppercase();
    for kind in ChartKind::ALL {
        for width in WIDTHS {
            let (svg, layout) = draw(kind, ScaleKind::Linear, width);
            let inks = inks(&svg);
            let axes = axes(&inks, &theme);
            let at = |m: &Mark| format!("{kind:?} at {width}: {}", m.figure);
            let mut row_start = None;
            for (i, m) in layout.marks.iter().enumerate() {
                assert!(!m.dot, "{}: a dot on a linear axis", at(m));
                let f = d.figure(&m.figure).expect("figure");
                let axis = axis_of(&axes, m);
                assert!(axis.ticks.len() >= 2, "{}: axis {:?}", at(m), axis.ticks);
                // A stacked segment starts where the one before it in the row ends.
                let same_row = i > 0 && layout.marks[i - 1].bar.y == m.bar.y;
                let from = if same_row {
                    row_start.unwrap_or(0.0)
                } else {
                    0.0
                };
                row_start = Some(from + f.value);
                let band = (m.bar.y, m.bar.bottom());
                // The bar: what is drawn the whole height of the bar's band, within its
                // stretch of the row (a hatched bar is its outline and hatching).
                let bar: Vec<&Ink> = inks
                    .iter()
                    .filter(|i| i.tag != "text" && i.fill.as_deref() != Some(background.as_str()))
                    .filter(|i| i.y0 >= band.0 - 0.5 && i.y1 <= band.1 + 0.5)
                    .filter(|i| i.h() >= band.1 - band.0 - 1.0)
                    .filter(|i| {
                        let c = (i.x0 + i.x1) / 2.0;
                        c >= m.bar.x - 0.5 && c <= m.bar.right() + 0.5
                    })
                    .collect();
                assert!(!bar.is_empty(), "{}: no bar drawn", at(m));
                let x0 = bar.iter().map(|i| i.x0).fold(f64::MAX, f64::min);
                let x1 = bar.iter().map(|i| i.x1).fold(f64::MIN, f64::max);
                let (want0, want1) = (axis.px(from, false), axis.px(from + f.value, false));
                assert!(
                    (x0 - want0).abs() <= 1.0 && (x1 - want1).abs() <= 1.0,
                    "{}: drawn from {x0} to {x1}, its value runs from {want0:.2} to {want1:.2}",
                    at(m)
                );
                assert!(x1 - x0 >= 1.0, "{}: too short to see", at(m));
                // Anything else drawn level with the bar (a cue) ends within 4 px of it.
                let last_in_row = layout
                    .marks
                    .get(i + 1)
                    .is_none_or(|next| next.bar.y != m.bar.y);
                if last_in_row {
                    let reach = inks
                        .iter()
                        .filter(|i| {
                            i.tag != "text" && i.fill.as_deref() != Some(background.as_str())
                        })
                        .filter(|i| i.y1 > band.0 && i.y0 < band.1)
                        .filter(|i| i.y0 >= band.0 - 8.0 && i.y1 <= band.1 + 8.0)
                        .filter(|i| i.x0 >= x0 - 0.5 && i.x0 < m.label.x)
                        .map(|i| i.x1)
                        .fold(f64::MIN, f64::max);
                    assert!(
                        reach - x1 <= 4.0,
                        "{}: drawn {:.1} px past its value",
                        at(m),
                        reach - x1
                    );
                }
            }
        }
    }
}

#[test]
fn on_the_log_scale_amounts_are_dots_placed_at_their_values_with_no_bars() {
    let d = data();
    let theme = Theme::LIGHT;
    let series: Vec<String> = theme
        .series
        .iter()
        .map(|c| c.hex().to_ascii_uppercase())
        .collect();
    for width in WIDTHS {
        let (svg, layout) = draw(ChartKind::Funding, ScaleKind::Log, width);
        let inks = inks(&svg);
        let axes = axes(&inks, &theme);
        for m in &layout.marks {
            let at = format!("log at {width}: {}", m.figure);
            assert!(m.dot, "{at}: not a dot");
            let band = (m.bar.y, m.bar.bottom());
            let level = |i: &&Ink| i.y1 > band.0 - 8.0 && i.y0 < band.1 + 8.0;
            // No bar: nothing in a series colour is drawn level with the amount but its dot.
            let drawn: Vec<&Ink> = inks
                .iter()
                .filter(level)
                .filter(|i| {
                    [&i.fill, &i.stroke]
                        .iter()
                        .any(|c| c.as_ref().is_some_and(|c| series.contains(c)))
                })
                .collect();
            assert_eq!(drawn.len(), 1, "{at}: {drawn:?}");
            let dot = drawn[0];
            assert_eq!(dot.tag, "polygon", "{at}: {dot:?}");
            assert!(
                dot.x1 - dot.x0 <= 12.0 && dot.h() <= 12.0,
                "{at}: a dot, not a bar: {dot:?}"
            );
            let f = d.figure(&m.figure).expect("figure");
            let want = axis_of(&axes, m).px(f.value, true);
            let cx = (dot.x0 + dot.x1) / 2.0;
            assert!(
                (cx - want).abs() <= 1.0,
                "{at}: dot at {cx}, its value at {want:.2}"
            );
            // Hover and focus find it by its dot and its label.
            assert!(
                m.hit.contains(cx, (dot.y0 + dot.y1) / 2.0),
                "{at}: hit area"
            );
            assert!(
                m.hit.contains(m.label.x + 1.0, m.label.y + 1.0),
                "{at}: label"
            );
        }
        let bars = inks
            .iter()
            .filter(|i| i.tag == "rect" || i.tag == "polygon")
            .filter(|i| i.fill.as_ref().is_some_and(|c| series.contains(c)))
            .filter(|i| i.h() >= 20.0)
            .count();
        assert_eq!(bars, 0, "log at {width}: bars drawn");
    }
}

#[test]
fn no_chart_text_is_smaller_than_12_px_and_values_are_13() {
    for kind in ChartKind::ALL {
        for scale in [ScaleKind::Linear, ScaleKind::Log] {
            for width in WIDTHS {
                let (svg, layout) = draw(kind, scale, width);
                let texts: Vec<Ink> = inks(&svg).into_iter().filter(|i| i.tag == "text").collect();
                assert!(texts.len() > 10);
                for t in &texts {
                    assert!(
                        t.font_size >= 12.0 - 1e-6,
                        "{kind:?}/{scale:?} at {width}: '{}' at {} px",
                        t.text,
                        t.font_size
                    );
                }
                for m in &layout.marks {
                    let label = texts
                        .iter()
                        .find(|t| t.text == m.text)
                        .unwrap_or_else(|| panic!("{}: label not drawn", m.text));
                    assert!(label.font_size >= 13.0 - 1e-6, "{}", m.text);
                }
            }
        }
    }
}
