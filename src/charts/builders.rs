//! Turns the dataset into each chart's model: which figures, in which rows and panels.

use crate::data::{Dataset, Figure, Unit};
use crate::view::{ChartKind, ScaleKind, View};

use super::model::{AxisKind, ChartModel, LabelPlace, Panel, Row, Segment};
use super::spec::{ChartSpec, LOG_NOTE};
use super::theme::Theme;
use super::ChartError;

/// The model of `kind` for this data and view.
pub fn build(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: &Theme,
) -> Result<ChartModel, ChartError> {
    let spec = ChartSpec::of(kind);
    let get = |id: &'static str, unit: Unit| -> Result<&Figure, ChartError> {
        let f = data.figure(id).ok_or(ChartError::MissingFigure {
            chart: kind.id(),
            id,
        })?;
        if f.unit != unit {
            return Err(ChartError::WrongUnit {
                chart: kind.id(),
                id,
            });
        }
        Ok(f)
    };
    let [blue, vermillion, _] = theme.series;
    let panels = match kind {
        ChartKind::Funding => {
            let mut rows = Vec::new();
            for id in spec.figures {
                let f = get(id, Unit::Usd)?;
                rows.push(Row {
                    label: f.short_label.clone(),
                    sublabel: format!("{} · {}", f.scope.label(), f.period),
                    segments: vec![Segment::of(f, 0.0, blue, "", LabelPlace::After)],
                });
            }
            let (axis, axis_title) = match view.scale {
                ScaleKind::Linear => (AxisKind::Linear, "U.S. dollars, linear scale"),
                ScaleKind::Log => (
                    AxisKind::Log,
                    "U.S. dollars, log scale: each gridline is 10 times the one before",
                ),
            };
            vec![Panel {
                title: None,
                rows,
                axis,
                unit: Unit::Usd,
                axis_title: axis_title.into(),
            }]
        }
        ChartKind::Liberation => {
            let mut rows = Vec::new();
            for pair in spec.figures.chunks(2) {
                let (done, rest) = (get(pair[0], Unit::Percent)?, get(pair[1], Unit::Percent)?);
                rows.push(Row {
                    label: done.scope.label().to_string(),
                    sublabel: done.period.clone(),
                    segments: vec![
                        Segment::of(done, 0.0, blue, " liberated", LabelPlace::BelowStart),
                        Segment::of(
                            rest,
                            done.value,
                            theme.axis,
                            " not stated as liberated",
                            LabelPlace::BelowEnd,
                        ),
                    ],
                });
            }
            vec![Panel {
                title: None,
                rows,
                axis: AxisKind::Percent,
                unit: Unit::Percent,
                axis_title: "Share of the territories ISIS once controlled in the country".into(),
            }]
        }
        ChartKind::Returns => {
            let displaced = get(spec.figures[0], Unit::Count)?;
            let returned = get(spec.figures[1], Unit::Count)?;
            let iraq = get(spec.figures[2], Unit::Count)?;
            let row = |f: &Figure, color| Row {
                label: f.short_label.clone(),
                sublabel: String::new(),
                segments: vec![Segment::of(f, 0.0, color, "", LabelPlace::After)],
            };
            vec![
                Panel {
                    title: Some(format!(
                        "Raqqa campaign, {} · {}",
                        displaced.scope.label(),
                        displaced.period
                    )),
                    rows: vec![row(displaced, vermillion), row(returned, blue)],
                    axis: AxisKind::Linear,
                    unit: Unit::Count,
                    axis_title: "People".into(),
                },
                Panel {
                    title: Some(format!("{} · {}", iraq.scope.label(), iraq.period)),
                    rows: vec![Row {
                        label: "Iraqis returned home".into(),
                        sublabel: String::new(),
                        segments: vec![Segment::of(iraq, 0.0, blue, "", LabelPlace::After)],
                    }],
                    axis: AxisKind::Linear,
                    unit: Unit::Count,
                    axis_title: "People, on this panel’s own scale".into(),
                },
            ]
        }
    };
    // A host page that sets its own headline asks for none (`notitle=1`); the source line,
    // drawn apart from these, stays.
    let words = |s: &str| {
        if view.notitle {
            String::new()
        } else {
            s.to_string()
        }
    };
    let mut notes = spec.drawn_notes.to_vec();
    if panels.iter().any(|p| p.axis.draws_dots()) {
        notes.push(LOG_NOTE);
    }
    Ok(ChartModel {
        kind,
        title: words(spec.title),
        subtitle: words(spec.subtitle),
        panels,
        notes,
    })
}
