//! What a chart shows, before any pixel: panels of rows of bar segments. Each chart builds one
//! from the dataset; [`super::render`] lays it out and draws it.

use crate::data::{Figure, Qualifier, Unit};
use crate::format;
use crate::i18n::Lang;
use crate::view::ChartKind;

use super::theme::Rgb;

/// How a mark shows its qualifier, so it is visible without colour. Whatever the ending, a
/// bar's length is its value: no cue adds length that could be read as more of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A plain square end: the value as stated.
    Exact,
    /// A lower bound ("more than"): a small chevron in the label's colour just past the
    /// value, a sign rather than more bar.
    Open,
    /// An approximate figure ("approximately", "nearly", "some"): a ragged end whose teeth
    /// reach the value and never pass it; a hollow dot on a log axis.
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
    /// A segment for a figure, from 0 (or `from`) to its value, labelled in `lang` with
    /// `suffix` after the value (e.g. " liberated"); derived figures get "(derived)".
    pub fn of(
        figure: &Figure,
        lang: Lang,
        from: f64,
        color: Rgb,
        suffix: &str,
        place: LabelPlace,
    ) -> Segment {
        let mut label = format!("{}{suffix}", format::figure_value_in(figure, lang));
        if figure.is_derived() {
            label.push_str(lang.words().chart.derived_mark);
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

impl AxisKind {
    /// On a log axis a bar's length from the axis's arbitrary floor means nothing, so its
    /// amounts are drawn as dots, placed at their values.
    pub fn draws_dots(self) -> bool {
        self == AxisKind::Log
    }
}

/// A legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Explains [`Ending::Open`] on a bar.
    LowerBound,
    /// Explains [`Ending::Open`] on a dot.
    LowerBoundDot,
    /// Explains [`Ending::Rough`] on a bar.
    Approximate,
    /// Explains [`Ending::Rough`] on a dot.
    ApproximateDot,
    /// Explains hatching.
    Derived,
}

impl Key {
    /// Legend text, in English.
    pub fn text(self) -> &'static str {
        self.text_in(Lang::En)
    }

    /// Legend text in `lang`.
    pub fn text_in(self, lang: Lang) -> &'static str {
        let w = &lang.words().chart;
        match self {
            Key::LowerBound | Key::LowerBoundDot => w.key_lower_bound,
            Key::Approximate => w.key_approximate,
            Key::ApproximateDot => w.key_approximate_dot,
            Key::Derived => w.key_derived,
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
    /// Caveats drawn under the panels, so every copy of the chart carries them.
    pub notes: Vec<&'static str>,
    /// The language it speaks; a right-to-left one is laid out mirrored.
    pub lang: Lang,
}

impl ChartModel {
    /// The legend entries this chart needs, in a fixed order.
    pub fn keys(&self) -> Vec<Key> {
        // Which keys are needed, in the order they are listed; one pass over the segments.
        let mut need = [false; 5];
        for panel in &self.panels {
            let dots = panel.axis.draws_dots();
            for s in panel.rows.iter().flat_map(|r| &r.segments) {
                match s.ending {
                    Ending::Open => need[usize::from(dots)] = true,
                    Ending::Rough => need[2 + usize::from(dots)] = true,
                    Ending::Exact => {}
                }
                need[4] |= s.derived;
            }
        }
        let mut keys = Vec::new();
        for (key, needed) in [
            Key::LowerBound,
            Key::LowerBoundDot,
            Key::Approximate,
            Key::ApproximateDot,
            Key::Derived,
        ]
        .into_iter()
        .zip(need)
        {
            if needed {
                keys.push(key);
            }
        }
        keys
    }
}
