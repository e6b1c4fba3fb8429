//! Lays out a [`ChartModel`] in the space it is given, as the shapes of a scene: title and
//! subtitle on top, legend and source at the bottom, panels of labelled horizontal bars
//! between.

use super::layout::{Layout, Mark, Rect};
use super::model::{AxisKind, ChartModel, Ending, Key, LabelPlace, Panel, Row};
use super::paint::{Align, Font, Painter};
use super::theme::Rgb;
use super::{ChartError, Emphasis};
use crate::format;
use crate::i18n::Lang;
use crate::scale::Scale;

/// Below this width, labels go above their bars instead of beside them.
const WIDE_PANEL: f64 = 480.0;
/// Above this width, a chart's panels sit side by side.
const SIDE_BY_SIDE: f64 = 640.0;
/// How far a lower bound's chevron reaches past its value: a sign a few pixels wide, too
/// small and in the wrong colour to be read as more bar.
const CHEVRON: f64 = 4.0;
/// How deep a ragged end's teeth cut back from the value; their tips are the value.
const TOOTH: f64 = 4.0;
/// Radius of the dots a log axis places its amounts with.
const DOT: f64 = 6.0;
const LABEL_GAP: f64 = 6.0;
/// Space between rows when the drawing is as short as it can be.
const MIN_ROW_GAP: f64 = 18.0;

// No chart text is set below 12 px, at any width; values are set larger.
const TICK_FONT: Font = Font::regular(12.0);
const ROW_FONT: Font = Font::bold(13.0);
const SUB_FONT: Font = Font::regular(12.0);
const VALUE_FONT: Font = Font::regular(13.0);
const PANEL_FONT: Font = Font::bold(14.0);
const SMALL_FONT: Font = Font::regular(12.0);
/// Space between the notes under the panels, and around them.
const NOTE_GAP: f64 = 6.0;

/// Lays `model` out filling the painter's area, with the emphasis and animation frame asked
/// for.
pub fn render(
    p: &Painter,
    model: &ChartModel,
    emphasis: &Emphasis<'_>,
) -> Result<Layout, ChartError> {
    let (w, h) = p.size();
    let theme = p.theme;
    p.clear()?;
    let narrow = w < WIDE_PANEL;
    let pad = if narrow { 12.0 } else { 20.0 };
    let inner = (w - 2.0 * pad).max(1.0);

    // Everything outside the panels has the chart's inner width.
    let full = (pad, pad + inner);

    let title_font = Font::bold(if narrow { 16.0 } else { 19.0 });
    let sub_font = Font::regular(if narrow { 12.0 } else { 13.0 });
    let mut y = p.lines(
        &p.wrap(title_font, &model.title, inner),
        (pad, pad),
        title_font,
        theme.text,
        full,
    )?;
    y = p.lines(
        &p.wrap(sub_font, &model.subtitle, inner),
        (pad, y + 2.0),
        sub_font,
        theme.muted,
        full,
    )?;
    y += 14.0;

    // A translated chart says so where it credits its source, on a line of its own: run on
    // after the post's address, it read as part of it.
    let words = model.lang.words();
    let mut source = p.wrap(SMALL_FONT, words.source_line, inner);
    if !words.unofficial.is_empty() {
        source.extend(p.wrap(SMALL_FONT, words.unofficial, inner));
    }
    let mut notes = Vec::with_capacity(model.notes.len());
    let mut notes_h = 0.0;
    for note in &model.notes {
        let lines = p.wrap(SMALL_FONT, note, inner);
        notes_h += lines.len() as f64 * SMALL_FONT.line_height() + NOTE_GAP;
        notes.push(lines);
    }
    let legend = place_legend(p, &model.keys(), inner, model.lang);
    let legend_lines = legend
        .iter()
        .map(|l| l.line + l.text.len().max(1))
        .max()
        .unwrap_or(0);
    let legend_h =
        legend_lines as f64 * SMALL_FONT.line_height() + if legend_lines > 0 { 6.0 } else { 0.0 };
    let bottom_h = notes_h + legend_h + source.len() as f64 * SMALL_FONT.line_height();
    // Panels take what the frame leaves; with less than they need they keep their natural
    // size and the drawing grows past `h`, which is how `natural_height` measures it.
    let plot = Rect {
        x: pad,
        y,
        w: inner,
        h: (h - pad - bottom_h - 14.0 - y).max(0.0),
    };

    let mut marks = Vec::new();
    let mut plot_bottom = plot.y;
    let regions = panel_regions(plot, model.panels.len());
    let mut previous: Option<Rect> = None;
    for (panel, region) in model.panels.iter().zip(&regions) {
        // Stacked panels follow on from where the one above really ended, at their natural
        // height, so the drawing's height depends on its width alone.
        let region = match previous {
            Some(prev) if region.x <= prev.x => Rect {
                y: prev.bottom() + PANEL_GAP,
                h: 0.0,
                ..*region
            },
            None if regions.len() > 1 && regions[1].x <= region.x => Rect { h: 0.0, ..*region },
            _ => *region,
        };
        let bottom = draw_panel(p, panel, region, emphasis, &mut marks, model.lang)?;
        let used = Rect {
            h: bottom - region.y,
            ..region
        };
        if let Some(prev) = previous {
            separate(p, prev, used)?;
        }
        previous = Some(used);
        plot_bottom = plot_bottom.max(bottom);
    }

    let mut y = plot_bottom + 14.0;
    // The caveats a reader must not miss go with the drawing itself, so every export of it
    // carries them.
    for note in &notes {
        y = p.lines(note, (pad, y), SMALL_FONT, theme.muted, full)? + NOTE_GAP;
    }
    for item in &legend {
        let ly = y + item.line as f64 * SMALL_FONT.line_height();
        draw_key(p, item.key, pad + item.x, ly)?;
        let x = pad + item.x + KEY_SWATCH + 6.0;
        p.lines(&item.text, (x, ly), SMALL_FONT, theme.muted, (x, full.1))?;
    }
    y += legend_h;
    let y = p.lines(&source, (pad, y), SMALL_FONT, theme.muted, full)?;
    // Rings go on last, over labels and neighbouring bars, so nothing hides the focus
    // indicator and a page can add or remove them over a copy of the plain drawing.
    p.begin_rings();
    draw_rings(p, &marks, emphasis)?;

    Ok(Layout {
        width: w,
        height: h,
        content_height: (y + pad).ceil(),
        marks,
        #[cfg(not(target_arch = "wasm32"))]
        texts: p.take_runs(),
        text_scale: p.scale().factor(),
    })
}

/// Space between a bar and the ring that emphasises it: (focus, highlight).
const RING_GAP: (f64, f64) = (3.0, 2.0);
/// Stroke width of the rings: (focus, highlight).
const RING_WIDTH: (u32, u32) = (3, 1);

/// The ring around `mark`, if `emphasis` asks for one: where and how heavy, focus first.
fn ring(mark: &Mark, emphasis: &Emphasis<'_>) -> Option<(Rect, u32, bool)> {
    let figure = Some(mark.figure.as_str());
    let (gap, width, focus) = if emphasis.focus == figure {
        (RING_GAP.0, RING_WIDTH.0, true)
    } else if emphasis.highlight == figure {
        (RING_GAP.1, RING_WIDTH.1, false)
    } else {
        return None;
    };
    let e = mark.extent;
    let rect = Rect {
        x: e.x - gap,
        y: e.y - gap,
        w: e.w + 2.0 * gap,
        h: e.h + 2.0 * gap,
    };
    Some((rect, width, focus))
}

/// Draws the focus and highlight rings of `emphasis` around `marks`, and nothing else.
pub fn draw_rings(p: &Painter, marks: &[Mark], emphasis: &Emphasis<'_>) -> Result<(), ChartError> {
    for (rect, width, focus) in marks.iter().filter_map(|m| ring(m, emphasis)) {
        let color = if focus { p.theme.focus } else { p.theme.text };
        p.outline(rect, color, width)?;
    }
    Ok(())
}

/// Everything the rings of `emphasis` may paint, one rectangle per ring: what must be
/// restored to take them away. Generous by the stroke and a pixel of rounding and smoothing.
pub fn ring_bounds(marks: &[Mark], emphasis: &Emphasis<'_>) -> Vec<Rect> {
    marks
        .iter()
        .filter_map(|m| ring(m, emphasis))
        .map(|(r, width, _)| {
            let m = f64::from(width) + 2.0;
            Rect::from_edges(r.x - m, r.y - m, r.right() + m, r.bottom() + m)
        })
        .collect()
}

const KEY_SWATCH: f64 = 30.0;

struct LegendItem {
    key: Key,
    x: f64,
    line: usize,
    text: Vec<String>,
}

/// Flows legend entries left to right, wrapping to new lines; an entry too long for one
/// line wraps its own text and takes whole lines.
fn place_legend(p: &Painter, keys: &[Key], width: f64, lang: Lang) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let (mut x, mut line) = (0.0, 0);
    let text_room = (width - KEY_SWATCH - 6.0).max(1.0);
    for &key in keys {
        let text = p.wrap(SMALL_FONT, key.text_in(lang), text_room);
        let w = KEY_SWATCH
            + 6.0
            + text
                .iter()
                .map(|t| p.width(SMALL_FONT, t))
                .fold(0.0, f64::max);
        if x > 0.0 && (x + w > width || text.len() > 1) {
            x = 0.0;
            line += 1;
        }
        let lines = text.len().max(1);
        items.push(LegendItem { key, x, line, text });
        if lines > 1 {
            line += lines;
            x = 0.0;
        } else {
            x += w + 18.0;
        }
    }
    items
}

fn draw_key(p: &Painter, key: Key, x: f64, y: f64) -> Result<(), ChartError> {
    let color = p.theme.series[0];
    let bar = Rect {
        x,
        y: y + 2.0,
        w: 20.0,
        h: 12.0,
    };
    match key {
        Key::LowerBound => draw_bar(p, bar, color, false, Ending::Open),
        Key::LowerBoundDot => draw_dot(p, (x + 10.0, bar.y + bar.h / 2.0), color, Ending::Open),
        Key::Approximate => draw_bar(p, bar, color, false, Ending::Rough),
        Key::ApproximateDot => draw_dot(p, (x + 10.0, bar.y + bar.h / 2.0), color, Ending::Rough),
        Key::Derived => draw_bar(
            p,
            Rect { w: 24.0, ..bar },
            p.theme.axis,
            true,
            Ending::Exact,
        ),
    }
}

/// Splits the plot area between panels: side by side where there is room, else stacked.
const PANEL_GAP: f64 = 32.0;

fn panel_regions(plot: Rect, n: usize) -> Vec<Rect> {
    if n <= 1 {
        return vec![plot];
    }
    let gap = PANEL_GAP;
    let nf = n as f64;
    if plot.w >= SIDE_BY_SIDE {
        let w = (plot.w - gap * (nf - 1.0)) / nf;
        (0..n)
            .map(|i| Rect {
                x: plot.x + i as f64 * (w + gap),
                w,
                ..plot
            })
            .collect()
    } else {
        let h = ((plot.h - gap * (nf - 1.0)) / nf).max(0.0);
        (0..n)
            .map(|i| Rect {
                y: plot.y + i as f64 * (h + gap),
                h,
                ..plot
            })
            .collect()
    }
}

/// A rule between two panels, so separate axes read as separate.
fn separate(p: &Painter, a: Rect, b: Rect) -> Result<(), ChartError> {
    let c = p.theme.axis;
    if b.x > a.right() {
        let x = (a.right() + b.x) / 2.0;
        p.polyline(&[(x, b.y), (x, a.bottom().max(b.bottom()))], c, 1)
    } else {
        let y = (a.bottom() + b.y) / 2.0;
        p.polyline(&[(b.x, y), (b.right(), y)], c, 1)
    }
}

fn scale_for(panel: &Panel, x0: f64, x1: f64) -> Scale {
    let values = || panel.rows.iter().flat_map(|r| &r.segments).map(|s| s.to);
    let max = values().fold(0.0, f64::max);
    match panel.axis {
        AxisKind::Percent => Scale::Linear {
            domain: (0.0, 100.0),
            range: (x0, x1),
        },
        AxisKind::Linear => Scale::linear_from_zero(max, (x0, x1)),
        AxisKind::Log => {
            let min = values().filter(|v| *v > 0.0).fold(f64::INFINITY, f64::min);
            Scale::log_decades(if min.is_finite() { min } else { 1.0 }, max, (x0, x1))
        }
    }
}

/// How far a mark's ink reaches past its value: a bar's chevron, or a dot's radius and its
/// chevron.
fn end_extent(ending: Ending, dots: bool) -> f64 {
    let cue = if ending == Ending::Open { CHEVRON } else { 0.0 };
    if dots {
        DOT + cue + if cue > 0.0 { 1.0 } else { 0.0 }
    } else {
        cue
    }
}

struct RowPlan {
    labels: Vec<String>,
    subs: Vec<String>,
    below_lines: usize,
}

impl RowPlan {
    fn labels_h(&self) -> f64 {
        self.labels.len() as f64 * ROW_FONT.line_height()
            + self.subs.len() as f64 * SUB_FONT.line_height()
    }
}

fn draw_panel(
    p: &Painter,
    panel: &Panel,
    region: Rect,
    emphasis: &Emphasis<'_>,
    marks: &mut Vec<Mark>,
    lang: Lang,
) -> Result<f64, ChartError> {
    let theme = p.theme;
    let mut y = region.y;
    if let Some(title) = &panel.title {
        y = p.lines(
            &p.wrap(PANEL_FONT, title, region.w),
            (region.x, y),
            PANEL_FONT,
            theme.text,
            (region.x, region.right()),
        )?;
        y += 6.0;
    }
    let wide = region.w >= WIDE_PANEL;
    let dots = panel.axis.draws_dots();
    let segments = || panel.rows.iter().flat_map(|r| &r.segments);

    let label_w = if wide {
        let natural = panel
            .rows
            .iter()
            .map(|r| {
                p.width(ROW_FONT, &r.label)
                    .max(p.width(SUB_FONT, &r.sublabel))
            })
            .fold(0.0, f64::max);
        // min then max, not clamp: clamp's check of its bounds formats floats, code the
        // page would otherwise not carry.
        natural.min(region.w * 0.34).max(60.0)
    } else {
        region.w
    };
    let label_room = (region.x, region.x + label_w);
    let bar_x0 = if wide {
        region.x + label_w + 14.0
    } else {
        region.x
    };

    // Room on the right for labels after the bars; when that would squeeze the bars too
    // much, and always where the row labels sit above the bars (phones), those labels go
    // under the bars instead, and the bars have the whole width: a short bar stays a few
    // pixels long rather than one.
    // And, whatever goes where, room for the ink past the values.
    let (mut after_w, mut tail) = (0.0_f64, 0.0_f64);
    for s in segments() {
        let reach = end_extent(s.ending, dots);
        tail = tail.max(reach);
        if s.place == LabelPlace::After {
            after_w = after_w.max(p.width(VALUE_FONT, &s.label) + LABEL_GAP + reach);
        }
    }
    let mut after_below = false;
    let mut bar_x1 = region.right() - after_w.max(8.0);
    if !wide || bar_x1 - bar_x0 < (region.w * 0.3).max(100.0) {
        after_below = true;
        bar_x1 = region.right() - tail - 4.0;
    }
    let bar_x1 = bar_x1.max(bar_x0 + 20.0);
    let scale = scale_for(panel, bar_x0, bar_x1);

    let thickness = if wide { 24.0 } else { 20.0 };
    let plans: Vec<RowPlan> = panel
        .rows
        .iter()
        .map(|row| {
            plan_row(
                p,
                row,
                &scale,
                if wide { label_w } else { region.w },
                after_below,
            )
        })
        .collect();
    let natural = |plan: &RowPlan| {
        let below = plan.below_lines as f64 * VALUE_FONT.line_height();
        let below = if below > 0.0 { below + 4.0 } else { 0.0 };
        if wide {
            plan.labels_h().max(thickness) + below
        } else {
            plan.labels_h() + 4.0 + thickness + below
        }
    };
    let axis_title = p.wrap(TICK_FONT, &panel.axis_title, region.right() - bar_x0);
    let axis_h = TICK_FONT.line_height() * (1 + axis_title.len()) as f64 + 10.0;
    let total: f64 = plans.iter().map(natural).sum();
    let n = plans.len().max(1) as f64;
    let gap = ((region.bottom() - y - axis_h - total) / n).clamp(MIN_ROW_GAP, 40.0);

    // Row positions first, so gridlines can go under the bars.
    let mut rows_at = Vec::with_capacity(plans.len());
    let mut ry = y + gap / 2.0;
    for plan in &plans {
        rows_at.push(ry);
        ry += natural(plan) + gap;
    }
    let rows_top = y;
    let rows_bottom = ry - gap / 2.0;

    let ticks = scale.ticks(if wide { 5 } else { 4 });
    // Where labels sit above their bars, gridlines and the axis run only beside the bars
    // and the space under the last one, so they never cross a label.
    let spans: Vec<(f64, f64)> = if wide {
        vec![(rows_top, rows_bottom)]
    } else {
        plans
            .iter()
            .zip(&rows_at)
            .enumerate()
            .map(|(i, (plan, &top))| {
                let bar_top = top + plan.labels_h();
                let end = rows_at.get(i + 1).map_or(rows_bottom, |next| next - 2.0);
                (bar_top, end)
            })
            .collect()
    };
    for &t in &ticks {
        let x = scale.px(t);
        for &(a, b) in &spans {
            p.polyline(&[(x, a), (x, b)], theme.grid, 1)?;
        }
    }

    // The axis goes under the bars too: over them it would hide the first pixel of a bar
    // only a few pixels long.
    for &(a, b) in &spans {
        p.polyline(&[(bar_x0, a), (bar_x0, b)], theme.axis, 1)?;
    }

    for ((row, plan), &top) in panel.rows.iter().zip(&plans).zip(&rows_at) {
        let h = natural(plan);
        let bar_y = if wide {
            top + (plan.labels_h().max(thickness) - thickness) / 2.0
        } else {
            top + plan.labels_h() + 4.0
        };
        let label_y = if wide {
            top + (plan.labels_h().max(thickness) - plan.labels_h()) / 2.0
        } else {
            top
        };
        let ly = p.lines(
            &plan.labels,
            (region.x, label_y),
            ROW_FONT,
            theme.text,
            label_room,
        )?;
        p.lines(
            &plan.subs,
            (region.x, ly),
            SUB_FONT,
            theme.muted,
            label_room,
        )?;
        draw_row(
            p,
            row,
            &scale,
            region,
            Rect {
                x: bar_x0,
                y: bar_y,
                w: bar_x1 - bar_x0,
                h: thickness,
            },
            top,
            h,
            after_below,
            dots,
            emphasis,
            marks,
        )?;
    }

    draw_ticks(p, &scale, &ticks, panel, region, rows_bottom, lang)?;
    let title_y = rows_bottom + TICK_FONT.line_height() + 6.0;
    p.lines(
        &axis_title,
        (bar_x0, title_y),
        TICK_FONT,
        theme.muted,
        (bar_x0, region.right()),
    )
}

fn plan_row(p: &Painter, row: &Row, scale: &Scale, width: f64, after_below: bool) -> RowPlan {
    let starts = row
        .segments
        .iter()
        .filter(|s| s.place == LabelPlace::BelowStart);
    let ends = row
        .segments
        .iter()
        .filter(|s| s.place == LabelPlace::BelowEnd);
    let start_w: f64 = starts.clone().map(|s| p.width(VALUE_FONT, &s.label)).sum();
    let end_w: f64 = ends.clone().map(|s| p.width(VALUE_FONT, &s.label)).sum();
    let span = scale.px(row.segments.last().map_or(0.0, |s| s.to)) - scale.px(scale.domain_start());
    let mut below_lines = match (starts.count(), ends.count()) {
        (0, 0) => 0,
        (a, b) if a > 0 && b > 0 && start_w + end_w + 12.0 > span => 2,
        _ => 1,
    };
    if after_below && row.segments.iter().any(|s| s.place == LabelPlace::After) {
        below_lines += 1;
    }
    RowPlan {
        labels: p.wrap(ROW_FONT, &row.label, width),
        subs: if row.sublabel.is_empty() {
            Vec::new()
        } else {
            p.wrap(SUB_FONT, &row.sublabel, width)
        },
        below_lines,
    }
}

#[allow(clippy::too_many_arguments)] // one row's geometry; a struct would only rename these
fn draw_row(
    p: &Painter,
    row: &Row,
    scale: &Scale,
    region: Rect,
    bar_box: Rect,
    top: f64,
    height: f64,
    after_below: bool,
    dots: bool,
    emphasis: &Emphasis<'_>,
    marks: &mut Vec<Mark>,
) -> Result<(), ChartError> {
    let theme = p.theme;
    let below_y = bar_box.bottom() + 4.0;
    let mid = bar_box.y + bar_box.h / 2.0;
    let mut line = 0.0;
    let start_label_end = row
        .segments
        .iter()
        .filter(|s| s.place == LabelPlace::BelowStart)
        .map(|s| scale.px(s.from.max(scale.domain_start())) + p.width(VALUE_FONT, &s.label))
        .fold(f64::MIN, f64::max);
    let last = row.segments.len().saturating_sub(1);
    for (i, seg) in row.segments.iter().enumerate() {
        let x0 = scale.px(seg.from.max(scale.domain_start()));
        // A positive amount under a pixel long still shows: a pixel is within a pixel.
        let x1 = match scale.px(seg.to) {
            x1 if !dots && seg.to > seg.from && x1 - x0 < 1.0 => x0 + 1.0,
            x1 => x1,
        };
        let before = emphasis.transition.and_then(|t| {
            t.from
                .marks
                .iter()
                .find(|m| m.figure == seg.figure)
                .map(|m| (t, m))
        });
        // During an animation the mark (and a label riding on its end) is drawn between
        // where it was and where it is going; the layout records where it ends up.
        let (bar, drawn) = if dots {
            let at = |x: f64| Rect {
                x: x - DOT,
                y: mid - DOT,
                w: 2.0 * DOT,
                h: 2.0 * DOT,
            };
            let x = match before {
                Some((t, m)) => lerp(value_x(m), x1, t.progress),
                None => x1,
            };
            draw_dot(p, (x, mid), seg.color, seg.ending)?;
            (at(x1), at(x))
        } else {
            let (ax0, ax1) = match before {
                // A dot has no length to grow from: the bar grows out to where it was.
                Some((t, m)) if m.dot => (x0, lerp(value_x(m), x1, t.progress)),
                Some((t, m)) => (
                    lerp(m.bar.x, x0, t.progress),
                    lerp(m.bar.right(), x1, t.progress),
                ),
                None => (x0, x1),
            };
            let drawn = Rect::from_edges(ax0, bar_box.y, ax1, bar_box.bottom());
            draw_bar(p, drawn, seg.color, seg.derived, seg.ending)?;
            (Rect::from_edges(x0, bar_box.y, x1, bar_box.bottom()), drawn)
        };
        let reach = end_extent(seg.ending, dots) - if dots { DOT } else { 0.0 };
        let extent = Rect {
            w: drawn.w + reach,
            ..drawn
        };
        let w = p.width(VALUE_FONT, &seg.label);
        let lh = VALUE_FONT.line_height();
        // Where the label ends up, and how far from there it is drawn in this frame (a label
        // beside a bar rides on the bar's end while it grows).
        let (label_rect, shift, align) = match seg.place {
            LabelPlace::After if !after_below => {
                let x = bar.right() + reach + LABEL_GAP;
                let y = bar_box.y + (bar_box.h - lh) / 2.0;
                (
                    Rect { x, y, w, h: lh },
                    drawn.right() - bar.right(),
                    Align::Left,
                )
            }
            LabelPlace::After | LabelPlace::BelowStart => {
                let y = below_y + line * lh;
                // Clear of the axis line a bar starts on; under its dot, as far as the row
                // allows, for a dot.
                let x = if dots {
                    bar.x.min(region.right() - w).max(region.x)
                } else {
                    x0 + 3.0
                };
                if seg.place == LabelPlace::After {
                    line += 1.0;
                }
                (Rect { x, y, w, h: lh }, 0.0, Align::Left)
            }
            LabelPlace::BelowEnd => {
                if x1 - w - 12.0 < start_label_end {
                    line += 1.0;
                }
                let y = below_y + line * lh;
                (
                    Rect {
                        x: x1 - w,
                        y,
                        w,
                        h: lh,
                    },
                    0.0,
                    Align::Right,
                )
            }
        };
        // Gridlines stop at a label rather than run through its letters.
        let at = Rect {
            x: label_rect.x + shift,
            ..label_rect
        };
        p.fill(at, theme.background)?;
        let x = if align == Align::Right {
            at.right()
        } else {
            at.x
        };
        p.text(
            &seg.label,
            (x, at.y),
            VALUE_FONT,
            theme.text,
            align,
            (region.x, region.right()),
        )?;
        let hit_x0 = if i == 0 { region.x } else { x0 };
        let hit_x1 = if i == last { region.right() } else { x1 };
        // Hit areas split a row at segment boundaries and reach down over the labels, so
        // neighbours never overlap however the labels are placed.
        let hit = Rect::from_edges(
            hit_x0,
            top.min(label_rect.y),
            hit_x1,
            (top + height).max(label_rect.bottom()),
        );
        marks.push(Mark {
            figure: seg.figure.clone(),
            bar,
            dot: dots,
            extent,
            label: label_rect,
            hit,
            text: seg.label.clone(),
        });
    }
    Ok(())
}

/// Where a mark places its value: a bar's end, a dot's centre.
fn value_x(m: &Mark) -> f64 {
    if m.dot {
        m.bar.x + m.bar.w / 2.0
    } else {
        m.bar.right()
    }
}

/// Draws one bar, its length its value, with the end that shows its qualifier.
fn draw_bar(
    p: &Painter,
    bar: Rect,
    color: Rgb,
    derived: bool,
    ending: Ending,
) -> Result<(), ChartError> {
    let (x1, top, bottom) = (bar.right(), bar.y, bar.bottom());
    if derived {
        p.hatch(bar, color, 5.0)?;
        p.outline(bar, color, 1)?;
    } else if ending == Ending::Rough {
        // A saw-tooth edge whose tips are the value: the end is known only roughly, and
        // the roughness takes length away, never adds it.
        let depth = TOOTH.min(bar.w / 2.0);
        let body = Rect {
            w: bar.w - depth,
            ..bar
        };
        p.fill(body, color)?;
        let teeth = 4;
        let step = bar.h / teeth as f64;
        let mut pts = vec![(body.right(), top)];
        for k in 0..teeth {
            let y = top + k as f64 * step;
            pts.push((x1, y + step * 0.5));
            pts.push((body.right(), y + step));
        }
        pts.push((body.right(), bottom));
        p.polygon(&pts, color)?;
    } else {
        p.fill(bar, color)?;
    }
    if ending == Ending::Open {
        chevron(p, x1, (top + bottom) / 2.0)?;
    }
    Ok(())
}

/// A circle of radius [`DOT`] on whole pixels (the painter's grid), round to the eye and a
/// plain polygon on every backend.
const DISC: [(i8, i8); 24] = [
    (6, 0),
    (6, 1),
    (5, 3),
    (4, 4),
    (3, 5),
    (1, 6),
    (0, 6),
    (-1, 6),
    (-3, 5),
    (-4, 4),
    (-5, 3),
    (-6, 1),
    (-6, 0),
    (-6, -1),
    (-5, -3),
    (-4, -4),
    (-3, -5),
    (-1, -6),
    (0, -6),
    (1, -6),
    (3, -5),
    (4, -4),
    (5, -3),
    (6, -1),
];

/// [`DISC`] about (`x`, `y`), scaled by `scale`.
fn disc(p: &Painter, (x, y): (f64, f64), scale: f64, color: Rgb) -> Result<(), ChartError> {
    let mut pts = Vec::with_capacity(DISC.len());
    for &(dx, dy) in &DISC {
        pts.push((x + f64::from(dx) * scale, y + f64::from(dy) * scale));
    }
    p.polygon(&pts, color)
}

/// A dot at its value: filled, hollow when approximate, with a chevron after it when a lower
/// bound.
fn draw_dot(p: &Painter, at: (f64, f64), color: Rgb, ending: Ending) -> Result<(), ChartError> {
    disc(p, at, 1.0, color)?;
    if ending == Ending::Rough {
        // A ring 2 px wide: the same outer edge as a filled dot.
        disc(p, at, (DOT - 2.0) / DOT, p.theme.background)?;
    }
    if ending == Ending::Open {
        chevron(p, at.0 + DOT + 1.0, at.1)?;
    }
    Ok(())
}

/// "›" from `x` to `x` + [`CHEVRON`], centred on `y`, in the value labels' colour: "and
/// more", next to the mark rather than part of it. Filled rather than stroked, so no line
/// join can carry it further than its points.
fn chevron(p: &Painter, x: f64, y: f64) -> Result<(), ChartError> {
    let (arm, stroke) = (6.0, 2.0);
    p.polygon(
        &[
            (x, y - arm),
            (x + CHEVRON, y),
            (x, y + arm),
            (x, y + arm - 3.0),
            (x + CHEVRON - stroke, y),
            (x, y - arm + 3.0),
        ],
        p.theme.text,
    )
}

fn draw_ticks(
    p: &Painter,
    scale: &Scale,
    ticks: &[f64],
    panel: &Panel,
    region: Rect,
    y: f64,
    lang: Lang,
) -> Result<(), ChartError> {
    let labels: Vec<String> = ticks
        .iter()
        .map(|&t| format::tick_in(t, panel.unit, lang))
        .collect();
    // Thin the labels until neighbours no longer touch.
    let mut every = 1;
    loop {
        let mut last_right = f64::MIN;
        let mut fits = true;
        for (i, (t, l)) in ticks.iter().zip(&labels).enumerate() {
            if i % every != 0 {
                continue;
            }
            let w = p.width(TICK_FONT, l);
            let left = scale.px(*t) - w / 2.0;
            if left < last_right + 8.0 {
                fits = false;
                break;
            }
            last_right = left + w;
        }
        if fits || every >= ticks.len().max(1) {
            break;
        }
        every += 1;
    }
    for (i, (t, l)) in ticks.iter().zip(&labels).enumerate() {
        if i % every != 0 {
            continue;
        }
        let x = scale.px(*t);
        p.polyline(&[(x, y), (x, y + 4.0)], p.theme.axis, 1)?;
        let w = p.width(TICK_FONT, l);
        let (x, align) = if x - w / 2.0 < region.x {
            (region.x, Align::Left)
        } else if x + w / 2.0 > region.right() {
            (region.right(), Align::Right)
        } else {
            (x, Align::Center)
        };
        p.text(
            l,
            (x, y + 5.0),
            TICK_FONT,
            p.theme.muted,
            align,
            (region.x, region.right()),
        )?;
    }
    Ok(())
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{TextScale, Theme};
    use crate::data::Dataset;
    use crate::view::{ChartKind, View};

    /// Rings are painted last, over the labels: a ring's stroke must stop a pixel short of
    /// its figure's value label, beside the bar or under it, or its smoothed edge runs into
    /// the first letter.
    #[test]
    fn rings_stop_short_of_their_labels() {
        let data = Dataset::embedded().expect("data");
        for kind in ChartKind::ALL {
            for width in [280, 360, 640, 960, 1400] {
                let view = View {
                    chart: kind,
                    ..View::default()
                };
                let layout = crate::charts::layout(
                    &data,
                    &view,
                    kind,
                    Theme::LIGHT,
                    Emphasis::default(),
                    TextScale::ARIAL,
                    (width, 1),
                )
                .expect("laid out")
                .layout;
                for m in &layout.marks {
                    for emphasis in [
                        Emphasis {
                            focus: Some(&m.figure),
                            ..Emphasis::default()
                        },
                        Emphasis {
                            highlight: Some(&m.figure),
                            ..Emphasis::default()
                        },
                    ] {
                        let (r, stroke, _) = ring(m, &emphasis).expect("a ring");
                        let half = f64::from(stroke) / 2.0;
                        let at = format!(
                            "{} at {width} px: ring {r:?}, label {:?}",
                            m.figure, m.label
                        );
                        if m.label.x >= m.extent.right() {
                            assert!(
                                r.right() + half + 1.0 <= m.label.x,
                                "{at}: ring reaches the label"
                            );
                        } else {
                            // A label's box starts with its line's leading, 2 px at the least
                            // at these sizes, above the glyphs.
                            assert!(
                                r.bottom() + half + 1.0 <= m.label.y + 2.0,
                                "{at}: ring reaches the label"
                            );
                        }
                    }
                }
            }
        }
    }
}
