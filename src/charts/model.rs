//! What a chart shows, before any pixel: panels of rows of bar segments. Each chart builds one
//! from the dataset; [`super::render`] lays it out and draws it.

use crate::data::{Figure, Qualifier, Unit};
use crate::format;
use crate::view::ChartKind;

use super::theme::Rgb;

/// How a bar ends, so its qualifier is visible without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A plain square end: the value as stated.
    Exact,
    /// A dashed, open-ended continuation: a lower bound ("more than").
    Open,
    /// A ragged end: an approximate figure ("about", "nearly", "some").
    Rough,
}

impl Ending {
    /// The ending that shows a qualifier.
    pub fn of(q: Qualifier) -> Ending {
        match q {
            Qualifier::Exact => Ending::Exact,
            Qualifier::MoreThan => Ending::Open,
            Qualifier::Nearly | Qualifier::Approximately | Qualifier::Some => Ending::Rough,
        }
    }
}

/// Where a segment's value label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlace {
    /// Right of the bar's end.
    After,
    /// Under the bar, aligned with the segment's start.
    BelowStart,
    /// Under the bar, aligned with the segment's end.
    BelowEnd,
}

/// One bar, or one part of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Figure id.
    pub figure: String,
    /// Where the segment starts, in the panel's unit.
    pub from: f64,
    /// Where it ends.
    pub to: f64,
    /// Fill colour, or hatch colour when derived.
    pub color: Rgb,
    /// Derived figures are hatched and labelled so.
    pub derived: bool,
    /// Drawn end.
    pub ending: Ending,
    /// Value label, qualifier included.
    pub label: String,
    /// Where the label goes.
    pub place: LabelPlace,
}

impl Segment {
    /// A segment for a figure, from 0 (or `from`) to its value, labelled with `suffix` after
    /// the value (e.g. " liberated"); derived figures get "(derived)".
    pub fn of(figure: &Figure, from: f64, color: Rgb, suffix: &str, place: LabelPlace) -> Segment {
        let mut label = format!("{}{suffix}", format::figure_value(figure));
        if figure.is_derived() {
            label.push_str(" (derived)");
        }
        Segment {
            figure: figure.id.clone(),
            from,
            to: from + figure.value,
            color,
            derived: figure.is_derived(),
            ending: Ending::of(figure.qualifier),
            label,
            place,
        }
    }
}

/// One row: a label and its segments.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Main label.
    pub label: String,
    /// Second line: scope and period.
    pub sublabel: String,
    /// Left to right.
    pub segments: Vec<Segment>,
}

/// Linear or logarithmic axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisKind {
    /// From zero.
    Linear,
    /// Whole decades.
    Log,
    /// 0 to 100, fixed.
    Percent,
}

/// Rows sharing one axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// Heading over the panel, when a chart has several.
    pub title: Option<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// The axis.
    pub axis: AxisKind,
    /// Unit of the values, for tick labels.
    pub unit: Unit,
    /// Axis caption.
    pub axis_title: String,
}

/// A legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Explains [`Ending::Open`].
    LowerBound,
    /// Explains [`Ending::Rough`].
    Approximate,
    /// Explains hatching.
    Derived,
}

impl Key {
    /// Legend text.
    pub fn text(self) -> &'static str {
        match self {
            Key::LowerBound => "Open end: lower bound (“more than”)",
            Key::Approximate => "Ragged end: approximate (“about”, “nearly”, “some”)",
            Key::Derived => "Hatched: derived, not stated in the release",
        }
    }
}

/// A chart, ready to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    /// Which chart.
    pub kind: ChartKind,
    /// Headline.
    pub title: String,
    /// Scope and period.
    pub subtitle: String,
    /// One or more panels with independent axes.
    pub panels: Vec<Panel>,
}

impl ChartModel {
    /// The legend entries this chart needs, in a fixed order.
    pub fn keys(&self) -> Vec<Key> {
        let segs = || {
            self.panels
                .iter()
                .flat_map(|p| &p.rows)
                .flat_map(|r| &r.segments)
        };
        let mut keys = Vec::new();
        if segs().any(|s| s.ending == Ending::Open) {
            keys.push(Key::LowerBound);
        }
        if segs().any(|s| s.ending == Ending::Rough) {
            keys.push(Key::Approximate);
        }
        if segs().any(|s| s.derived) {
            keys.push(Key::Derived);
        }
        keys
    }
}
