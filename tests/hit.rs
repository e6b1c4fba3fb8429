//! Pointer positions to figures, straight from the layout a drawing returns: every bar's
//! centre and edges, the gaps between rows, the axes and the margins, at several widths and
//! after a resize. Positions are CSS pixels, so the device pixel ratio never enters (the
//! canvas backend scales to device pixels below the layout).

use coalition_infographic::charts::{self, Layout, Theme};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, ScaleKind, View};
use coalition_infographic::Dataset;

fn layout(kind: ChartKind, width: u32) -> Layout {
    layout_on(kind, ScaleKind::Linear, width)
}

fn layout_on(kind: ChartKind, scale: ScaleKind, width: u32) -> Layout {
    let data = Dataset::embedded().expect("data");
    let view = View {
        chart: kind,
        scale,
        ..View::default()
    };
    let height = charts::natural_height(&data, &view, kind, width).expect("height") as u32;
    render_svg(&data, &view, kind, Theme::LIGHT, (width, height))
        .expect("drawn")
        .1
}

fn check(kind: ChartKind, l: &Layout) {
    let name = format!("{kind:?} at {}", l.width);
    for (i, m) in l.marks.iter().enumerate() {
        let mid_y = m.bar.y + m.bar.h / 2.0;
        assert_eq!(
            l.hit(m.bar.x + m.bar.w / 2.0, mid_y),
            Some(i),
            "{name}: centre of {}",
            m.figure
        );
        assert_eq!(
            l.hit(m.bar.x + 0.5, mid_y),
            Some(i),
            "{name}: left edge of {}",
            m.figure
        );
        assert_eq!(
            l.hit(m.bar.right() - 0.5, mid_y),
            Some(i),
            "{name}: right edge of {}",
            m.figure
        );
        assert_eq!(
            l.hit(m.bar.x + 1.0, m.bar.y + 0.5),
            Some(i),
            "{name}: top edge of {}",
            m.figure
        );
        assert_eq!(
            l.hit(m.bar.x + 1.0, m.bar.bottom() - 0.5),
            Some(i),
            "{name}: bottom edge of {}",
            m.figure
        );
        // Its value label selects it too.
        let label = (m.label.x + m.label.w / 2.0, m.label.y + m.label.h / 2.0);
        assert_eq!(
            l.hit(label.0, label.1),
            Some(i),
            "{name}: label of {}",
            m.figure
        );
    }
    // The gap between two rows belongs to neither.
    for pair in l.marks.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.hit.y > a.hit.bottom() + 2.0 {
            let y = (a.hit.bottom() + b.hit.y) / 2.0;
            assert_eq!(
                l.hit(a.bar.x + 1.0, y),
                None,
                "{name}: gap between {} and {}",
                a.figure,
                b.figure
            );
        }
    }
    // Tick labels under the last row of a panel, the title, and the margins are not figures.
    let last = l.marks.iter().map(|m| m.hit.bottom()).fold(0.0, f64::max);
    assert_eq!(
        l.hit(l.width / 2.0, last + 8.0),
        None,
        "{name}: axis under the bars"
    );
    assert_eq!(l.hit(l.width / 2.0, 10.0), None, "{name}: title");
    assert_eq!(l.hit(2.0, l.height / 2.0), None, "{name}: left margin");
    assert_eq!(
        l.hit(l.width - 2.0, l.height / 2.0),
        None,
        "{name}: right margin"
    );
    assert_eq!(
        l.hit(l.width / 2.0, l.height - 2.0),
        None,
        "{name}: bottom margin"
    );
    assert_eq!(l.hit(-5.0, -5.0), None, "{name}: outside");
}

#[test]
fn every_bar_its_edges_and_the_empty_places() {
    for kind in ChartKind::ALL {
        for width in [320, 360, 480, 768, 960, 1280] {
            check(kind, &layout(kind, width));
        }
    }
}

#[test]
fn on_the_log_scale_every_dot_and_its_label_select_it() {
    // The amounts are dots there: a mark's `bar` is its dot's box.
    for width in [280, 360, 480, 768, 960, 1280] {
        let l = layout_on(ChartKind::Funding, ScaleKind::Log, width);
        assert!(l.marks.iter().all(|m| m.dot), "dots at {width}");
        check(ChartKind::Funding, &l);
    }
}

#[test]
fn after_a_resize_the_same_point_may_mean_another_bar_but_centres_still_hit() {
    for kind in ChartKind::ALL {
        let wide = layout(kind, 1100);
        let narrow = layout(kind, 420);
        assert_ne!(
            wide.marks[0].bar, narrow.marks[0].bar,
            "{kind:?}: the resize moved the bars"
        );
        check(kind, &narrow);
        check(kind, &wide);
        // Figures keep their reading order at every width.
        let ids = |l: &Layout| l.marks.iter().map(|m| m.figure.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&wide), ids(&narrow));
    }
}
