//! Where a figure's details go beside its chart: a plain function of the drawing's layout, the
//! size of the details and the pointer, so the rule is tested natively and the browser code
//! only applies it.
//!
//! The rule, in order of weight: never under the pointer; never over the figure itself (its
//! bar and value label); inside the drawing, below its title; inside the window; over as
//! little of the other figures as possible (their ink first, then the empty row around them);
//! and near the figure. A pointer moving from one bar to the next therefore finds that bar
//! uncovered, and the details never hide what they describe.

use crate::charts::{Mark, Rect};

/// Least space kept between the details and what they must not cover.
pub const GAP: f64 = 8.0;

/// What the reader reads of a figure, its bar (with the cue at its end) and its value label,
/// as one rectangle: what the places beside it start from.
fn datum(mark: &Mark) -> Rect {
    mark.bar.union(&mark.extent).union(&mark.label)
}

/// Where details may go in a drawing `height` high with `marks`: across the figures' rows (not
/// into the drawing's side margins, which an embedded chart reaches past its frame with), from
/// the first row (below the chart's title) down to the foot of the drawing.
pub fn area(marks: &[Mark], height: f64) -> Rect {
    if marks.is_empty() {
        return Rect::default();
    }
    let (mut left, mut top, mut right) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for m in marks {
        left = left.min(m.hit.x);
        top = top.min(m.hit.y);
        right = right.max(m.hit.right());
    }
    Rect::from_edges(left, top, right, height.max(top))
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

/// `v` kept within `lo..=hi`, `lo` winning when the range is empty (min then max, not clamp,
/// whose bounds check would bring float formatting into the WebAssembly).
fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

/// The top-left corner, in a drawing `height` high with `marks`, for details of `size` (width,
/// height) about mark `target`, with the pointer at `pointer` (None for the keyboard) and the
/// window's top and bottom edges at `window` in the drawing. Of a few places beside, above
/// and below the figure, and at the edges of the [`area`], it takes the one that costs least:
/// under the pointer, over the figure itself, past the window's edges, over other figures'
/// bars and labels, over the rest of their rows, far from the figure, in that order of
/// weight. Details larger than the area start at its top-left corner.
pub fn place(
    size: (f64, f64),
    target: usize,
    (marks, height): (&[Mark], f64),
    pointer: Option<(f64, f64)>,
    (window_top, window_bottom): (f64, f64),
) -> (f64, f64) {
    let (tw, th) = size;
    let Some(mark) = marks.get(target) else {
        return (0.0, 0.0);
    };
    let area = area(marks, height);
    let (d, row) = (datum(mark), mark.hit);
    let near = pointer.map(|(x, y)| Rect {
        x: x - GAP,
        y: y - GAP,
        w: 2.0 * GAP,
        h: 2.0 * GAP,
    });
    let cx = pointer.map_or(d.x + d.w / 2.0, |(x, _)| x);
    // Beside the pointer or the figure, at the area's edges, and beside or between the other
    // figures (just past one's bar and label, just above or below one's row).
    let fixed_x = [
        cx + 2.0 * GAP,
        cx - 2.0 * GAP - tw,
        cx - tw / 2.0,
        area.x,
        area.right(),
    ];
    let fixed_y = [row.y + row.h / 2.0 - th / 2.0, area.y, area.bottom()];
    let x_at = |i: usize| match marks.get(i / 2) {
        Some(m) if i % 2 == 0 => datum(m).right() + GAP,
        Some(m) => datum(m).x - GAP - tw,
        None => fixed_x[i - 2 * marks.len()],
    };
    let y_at = |i: usize| match marks.get(i / 2) {
        Some(m) if i % 2 == 0 => m.hit.bottom().max(datum(m).bottom()) + GAP,
        Some(m) => m.hit.y.min(datum(m).y) - GAP - th,
        None => fixed_y[i - 2 * marks.len()],
    };
    let mut best = (f64::INFINITY, (area.x, area.y));
    for yi in 0..2 * marks.len() + fixed_y.len() {
        for xi in 0..2 * marks.len() + fixed_x.len() {
            let tip = Rect {
                x: within(x_at(xi), area.x, area.right() - tw),
                y: within(y_at(yi), area.y, area.bottom() - th),
                w: tw,
                h: th,
            };
            let dx = (d.x - tip.right()).max(tip.x - d.right()).max(0.0);
            let dy = (d.y - tip.bottom()).max(tip.y - d.bottom()).max(0.0);
            let mut cost = 40.0 * (dx + dy);
            if near.is_some_and(|n| overlap(&tip, &n) > 0.0) {
                cost += 1e12;
            }
            for (i, m) in marks.iter().enumerate() {
                // The bar and its label apart: a label under the far end of a long bar leaves
                // the space between them free.
                let ink = overlap(&tip, &m.bar.union(&m.extent)) + overlap(&tip, &m.label);
                cost += if i == target {
                    1e7 * ink
                } else {
                    200.0 * ink + 0.25 * (overlap(&tip, &m.hit) - ink).max(0.0)
                };
            }
            // Details past the window are not seen: on a phone, where they go above or below
            // the figure's row, they cover another row (a tap goes through them) rather than
            // open even partly off screen.
            let outside = (window_top - tip.y).max(0.0) + (tip.bottom() - window_bottom).max(0.0);
            cost += 1000.0 * tw * outside;
            if cost < best.0 {
                best = (cost, (tip.x, tip.y));
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// Four rows like the funding chart's at 1038 px: long first bar, three short ones.
    fn funding() -> Vec<Mark> {
        [
            (
                rect(284.0, 92.0, 514.0, 24.0),
                rect(822.0, 95.0, 132.0, 17.0),
            ),
            (
                rect(284.0, 143.0, 53.0, 24.0),
                rect(361.0, 146.0, 124.0, 17.0),
            ),
            (
                rect(284.0, 194.0, 46.0, 24.0),
                rect(339.0, 197.0, 87.0, 17.0),
            ),
            (
                rect(284.0, 245.0, 6.0, 24.0),
                rect(314.0, 248.0, 131.0, 17.0),
            ),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (bar, label))| mark(i, bar, label, rect(20.0, bar.y - 5.0, 998.0, 33.0)))
        .collect()
    }

    /// Figure `i`'s mark: its bar (the cue at its end included), value label and row.
    fn mark(i: usize, bar: Rect, label: Rect, hit: Rect) -> Mark {
        Mark {
            figure: format!("f{i}"),
            bar,
            dot: false,
            extent: bar,
            label,
            hit,
            text: String::new(),
        }
    }

    const HEIGHT: f64 = 384.0;
    const SIZE: (f64, f64) = (300.0, 110.0);

    fn tip(at: (f64, f64)) -> Rect {
        rect(at.0, at.1, SIZE.0, SIZE.1)
    }

    /// Details of SIZE about `target` of the funding rows, with the whole drawing in the window.
    fn funding_tip(marks: &[Mark], target: usize, pointer: Option<(f64, f64)>) -> Rect {
        tip(place(
            SIZE,
            target,
            (marks, HEIGHT),
            pointer,
            (-100.0, 1000.0),
        ))
    }

    #[test]
    fn never_covers_its_figure_the_pointer_or_the_title() {
        let marks = funding();
        let room = area(&marks, HEIGHT);
        for (target, mark) in marks.iter().enumerate() {
            let d = datum(mark);
            for pointer in [
                None,
                Some((d.x + d.w / 2.0, d.y + d.h / 2.0)),
                Some((900.0, d.y)),
            ] {
                let t = funding_tip(&marks, target, pointer);
                assert_eq!(overlap(&t, &d), 0.0, "covers figure {target}: {t:?}");
                if let Some((x, y)) = pointer {
                    assert!(!t.contains(x, y), "under the pointer: {t:?}");
                }
                assert!(t.y >= 87.0, "over the title: {t:?}");
                assert!(t.x >= room.x && t.right() <= room.right() && t.bottom() <= HEIGHT);
            }
        }
    }

    #[test]
    fn the_bar_above_stays_uncovered() {
        // From the lowest bar to the one above, and from each bar to its neighbours: the
        // details of one never lie over the ink of another.
        let marks = funding();
        for (target, mark) in marks.iter().enumerate() {
            let d = datum(mark);
            let pointer = Some((d.x + 3.0, d.y + 12.0));
            let t = funding_tip(&marks, target, pointer);
            for (i, other) in marks.iter().enumerate() {
                if i != target {
                    assert_eq!(
                        overlap(&t, &datum(other)),
                        0.0,
                        "{target} covers {i}: {t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn stays_in_the_window_when_it_can() {
        // Only the drawing's lower part is on screen.
        let at = place(SIZE, 2, (&funding(), HEIGHT), None, (200.0, 1000.0));
        assert!(at.1 >= 200.0, "{at:?}");
    }

    /// Four rows like a phone's: each label above its bar, the rows as wide as the drawing.
    fn phone() -> Vec<Mark> {
        (0..4u8)
            .map(|i| {
                let y = 100.0 + 100.0 * f64::from(i);
                let bar = rect(10.0, y + 30.0, 200.0 - 40.0 * f64::from(i), 20.0);
                let label = rect(14.0, y + 55.0, 140.0, 17.0);
                mark(usize::from(i), bar, label, rect(10.0, y, 306.0, 96.0))
            })
            .collect()
    }

    #[test]
    fn on_a_phone_covers_another_row_rather_than_open_below_the_window() {
        // Below the last row nothing is covered, but the window ends at 520.
        let size = (300.0, 200.0);
        let marks = phone();
        let at = place(size, 1, (&marks, 800.0), None, (0.0, 520.0));
        let t = rect(at.0, at.1, size.0, size.1);
        assert!(
            t.y >= 0.0 && t.bottom() <= 520.0,
            "outside the window: {t:?}"
        );
        assert_eq!(
            overlap(&t, &datum(&marks[1])),
            0.0,
            "covers its figure: {t:?}"
        );
        // With the whole drawing in the window, it covers no other row's ink.
        let at = place(size, 1, (&marks, 800.0), None, (0.0, 900.0));
        let t = rect(at.0, at.1, size.0, size.1);
        for (i, m) in marks.iter().enumerate() {
            assert_eq!(overlap(&t, &datum(m)), 0.0, "covers {i}: {t:?}");
        }
    }

    #[test]
    fn details_too_big_for_the_drawing_start_below_the_title() {
        let at = place(
            (2000.0, 2000.0),
            1,
            (&funding(), HEIGHT),
            None,
            (0.0, 1000.0),
        );
        assert_eq!(at, (20.0, 87.0));
        // No figure at all: a corner, no panic.
        assert_eq!(
            place((10.0, 10.0), 9, (&[], 100.0), None, (0.0, 100.0)),
            (0.0, 0.0)
        );
    }

    #[test]
    fn the_area_spans_the_rows_down_to_the_foot() {
        assert_eq!(area(&funding(), HEIGHT), rect(20.0, 87.0, 998.0, 297.0));
        assert_eq!(area(&[], 0.0), Rect::default());
    }
}
