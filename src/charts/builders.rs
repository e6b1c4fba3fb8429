//! Turns the dataset into each chart's model: which figures, in which rows and panels.

use crate::data::{Dataset, Figure, Unit};
use crate::view::{ChartKind, ScaleKind, View};

use super::model::{AxisKind, ChartModel, LabelPlace, Panel, Row, Segment};
use super::theme::Theme;
use super::ChartError;
use crate::i18n::fill;

/// The model of `kind` for this data and view.
pub fn build(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: &Theme,
) -> Result<ChartModel, ChartError> {
    let lang = view.lang;
    let translated = crate::translated::translate(data, lang);
    let data = &*translated;
    let words = lang.words();
    let w = &words.chart;
    let spec = words.spec(kind);
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
                    sublabel: format!("{} · {}", words.scope(f.scope), f.period),
                    segments: vec![Segment::of(f, lang, 0.0, blue, "", LabelPlace::After)],
                });
            }
            let (axis, axis_title) = match view.scale {
                ScaleKind::Linear => (AxisKind::Linear, w.usd_linear),
                ScaleKind::Log => (AxisKind::Log, w.usd_log),
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
                    label: words.scope(done.scope).to_string(),
                    sublabel: done.period.clone(),
                    segments: vec![
                        Segment::of(done, lang, 0.0, blue, w.liberated, LabelPlace::BelowStart),
                        Segment::of(
                            rest,
                            lang,
                            done.value,
                            theme.axis,
                            w.not_liberated,
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
                axis_title: w.territory_axis.into(),
            }]
        }
        ChartKind::Returns => {
            let displaced = get(spec.figures[0], Unit::Count)?;
            let returned = get(spec.figures[1], Unit::Count)?;
            let iraq = get(spec.figures[2], Unit::Count)?;
            let row = |f: &Figure, color| Row {
                label: f.short_label.clone(),
                sublabel: String::new(),
                segments: vec![Segment::of(f, lang, 0.0, color, "", LabelPlace::After)],
            };
            vec![
                Panel {
                    title: Some(fill(
                        w.raqqa_panel,
                        &[words.scope(displaced.scope), &displaced.period],
                    )),
                    rows: vec![row(displaced, vermillion), row(returned, blue)],
                    axis: AxisKind::Linear,
                    unit: Unit::Count,
                    axis_title: w.people.into(),
                },
                Panel {
                    title: Some(format!("{} · {}", words.scope(iraq.scope), iraq.period)),
                    rows: vec![Row {
                        label: w.iraqis_returned.into(),
                        sublabel: String::new(),
                        segments: vec![Segment::of(iraq, lang, 0.0, blue, "", LabelPlace::After)],
                    }],
                    axis: AxisKind::Linear,
                    unit: Unit::Count,
                    axis_title: w.people_own_scale.into(),
                },
            ]
        }
    };
    // A host page that sets its own headline asks for none (`notitle=1`); the source line,
    // drawn apart from these, stays.
    let headline = |s: &str| {
        if view.notitle {
            String::new()
        } else {
            s.to_string()
        }
    };
    let mut notes = spec.drawn_notes.to_vec();
    if panels.iter().any(|p| p.axis.draws_dots()) {
        notes.push(words.log_note);
    }
    Ok(ChartModel {
        kind,
        title: headline(spec.title),
        subtitle: headline(spec.subtitle),
        panels,
        notes,
        lang,
    })
}
