//! The native chart tests' way of drawing a chart (tests/charts.rs, tests/marks.rs): the
//! shipped dataset, drawn as SVG at the height the chart needs at a width.

use coalition_infographic::charts::{self, Layout, Theme};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, ScaleKind, View};
use coalition_infographic::Dataset;

/// The dataset the site ships.
pub fn data() -> Dataset {
    Dataset::embedded().expect("valid dataset")
}

/// Chart `kind` on `scale`, light, `width` px wide and as tall as it needs: its SVG and layout.
pub fn draw(kind: ChartKind, scale: ScaleKind, width: u32) -> (String, Layout) {
    let d = data();
    let view = View {
        chart: kind,
        scale,
        ..View::default()
    };
    let height = charts::natural_height(&d, &view, kind, width).expect("height") as u32;
    render_svg(&d, &view, kind, Theme::LIGHT, (width, height)).expect("drawn")
}
