//! The native chart tests' way of drawing a chart (tests/charts.rs, tests/marks.rs,
//! tests/languages.rs): the shipped dataset, drawn as SVG at the height the chart needs at a
//! width, and the snapshots a person reviews.
// Each test file uses some of these.
#![allow(dead_code)]

use std::path::PathBuf;

use coalition_infographic::charts::{self, Layout, Theme};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, Lang, ScaleKind, View};
use coalition_infographic::Dataset;

/// The dataset the site ships.
pub fn data() -> Dataset {
    Dataset::embedded().expect("valid dataset")
}

/// Chart `kind` on `scale`, light, `width` px wide and as tall as it needs: its SVG and layout.
pub fn draw(kind: ChartKind, scale: ScaleKind, width: u32) -> (String, Layout) {
    draw_in(kind, scale, Lang::En, width)
}

/// [`draw`], in `lang`.
pub fn draw_in(kind: ChartKind, scale: ScaleKind, lang: Lang, width: u32) -> (String, Layout) {
    let d = data();
    let view = View {
        chart: kind,
        scale,
        lang,
        ..View::default()
    };
    let height = charts::natural_height(&d, &view, kind, width).expect("height") as u32;
    render_svg(&d, &view, kind, Theme::LIGHT, (width, height)).expect("drawn")
}

/// Compares with `tests/snapshots/NAME.svg`. On a difference, writes `NAME-changed.svg` beside
/// it for a person to look at and fails; `UPDATE_SNAPSHOTS=1` accepts the new drawing.
pub fn assert_snapshot(name: &str, svg: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let path = dir.join(format!("{name}.svg"));
    let changed = dir.join(format!("{name}-changed.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).expect("write snapshot");
        let _ = std::fs::remove_file(&changed);
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    if expected != svg {
        std::fs::write(&changed, svg).expect("write changed snapshot");
        panic!(
            "{name} differs from its snapshot; see {}",
            changed.display()
        );
    }
    let _ = std::fs::remove_file(&changed);
}
