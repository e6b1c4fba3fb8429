//! A figure in words, for tooltips and for screen readers: the same facts the tables give,
//! in the order a reader needs them.

use serde::Serialize;

use crate::data::{Figure, Origin, Qualifier, Unit};
use crate::format::{amount_in, figure_value_in};
use crate::i18n::{fill, Lang};

/// What a tooltip shows for one figure; each field is plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    /// Figure id.
    pub id: String,
    /// What the figure is.
    pub label: String,
    /// Value with qualifier: "more than $22.2 billion".
    pub value: String,
    /// How to read the qualifier, the scope and the period.
    pub meta: String,
    /// "Derived: …" for computed figures.
    pub derived: Option<String>,
    /// The post's words, in curly quotes, for stated figures, followed by the context quote
    /// where the label rests on one: "“…” Context: “…”".
    pub quote: Option<String>,
    /// The language of every field but `quote`, whose words are the post's, in English.
    #[serde(skip)]
    pub lang: Lang,
}

/// How to read a stated figure's qualifier, in a few words (from [`Qualifier::wording`]).
pub fn qualifier_note(q: Qualifier) -> &'static str {
    q.wording().note
}

/// The tooltip of `figure`.
pub fn details(figure: &Figure) -> Details {
    details_in(figure, Lang::En)
}

/// The tooltip of `figure` in `lang`, its words already translated (see
/// [`crate::i18n::translate`]). The post's quotes stay as the post wrote them, in English.
pub fn details_in(figure: &Figure, lang: Lang) -> Details {
    let words = lang.words();
    let (derived, quote) = match &figure.origin {
        Origin::Stated { quote, context, .. } => {
            let quoted = match context {
                Some(context) => format!("“{quote}”{}“{context}”", words.describe.context),
                None => format!("“{quote}”"),
            };
            (None, Some(quoted))
        }
        Origin::Derived { how, .. } => (Some(fill(words.describe.derived_how, &[how])), None),
    };
    Details {
        id: figure.id.clone(),
        label: figure.label.clone(),
        value: figure_value_in(figure, lang),
        meta: fill(
            words.describe.meta,
            &[
                words.wording(figure).note,
                words.scope(figure.scope),
                &figure.period,
            ],
        ),
        derived,
        quote,
        lang,
    }
}

/// A full sentence for a live region when keyboard focus reaches a figure, with its full
/// label (a chart's short one leans on the chart around it): "Provided by Coalition members
/// for stabilization, …: more than $22.2 billion, a lower bound. Iraq and Syria, Since 2014.
/// Figure 1 of 4."
pub fn announcement(figure: &Figure, position: usize, total: usize) -> String {
    announcement_in(figure, position, total, Lang::En)
}

/// [`announcement`] in `lang`, of a figure whose words are already translated.
pub fn announcement_in(figure: &Figure, position: usize, total: usize, lang: Lang) -> String {
    let words = lang.words();
    let derived = if figure.is_derived() {
        words.describe.announcement_derived
    } else {
        ""
    };
    let count = |n: usize| amount_in(n as f64, Unit::Count, lang);
    let position = fill(words.describe.position, &[&count(position), &count(total)]);
    fill(
        words.describe.announcement,
        &[
            &figure.label,
            &figure_value_in(figure, lang),
            words.wording(figure).hedge,
            words.scope(figure.scope),
            &figure.period,
            derived,
            &position,
        ],
    )
}

/// What a chart shows, figure by figure, for its `aria-label`: each figure's full label,
/// value, qualifier, scope and period, and whether it is derived. "Money for stabilization
/// …. Provided by Coalition members for stabilization, …: more than $22.2 billion, a lower
/// bound; Iraq and Syria, Since 2014. …"
pub fn chart_summary(data: &crate::Dataset, kind: crate::view::ChartKind) -> String {
    chart_summary_in(data, kind, Lang::En)
}

/// [`chart_summary`] in `lang`, from the dataset as shipped (it translates the figures).
pub fn chart_summary_in(data: &crate::Dataset, kind: crate::view::ChartKind, lang: Lang) -> String {
    let words = lang.words();
    let data = crate::translated::translate(data, lang);
    let spec = words.spec(kind);
    let mut out = format!("{}.", spec.title);
    for f in spec.figures.iter().filter_map(|id| data.figure(id)) {
        let derived = if f.is_derived() {
            words.describe.summary_derived
        } else {
            ""
        };
        out += &fill(
            words.describe.summary_item,
            &[
                &f.label,
                &figure_value_in(f, lang),
                words.wording(f).hedge,
                derived,
                words.scope(f.scope),
                &f.period,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dataset;

    #[test]
    fn details_carry_qualifier_scope_period_and_quote() {
        let data = Dataset::embedded().expect("data");
        let f = data.figure("funding-provided").expect("figure");
        let d = details(f);
        assert_eq!(d.value, "more than $22.2 billion");
        assert!(d.meta.starts_with("Lower bound"));
        assert!(d.meta.contains("Iraq and Syria") && d.meta.contains("Since 2014"));
        assert!(d
            .quote
            .as_deref()
            .is_some_and(|q| q.starts_with('“') && q.contains("$22.2 billion")));
        assert_eq!(d.derived, None);

        let expected = details(data.figure("funding-expected").expect("figure"));
        assert_eq!(expected.value, "approximately $2 billion");
        assert!(expected.meta.starts_with("Approximate (“approximately”)"));

        let returned = details(data.figure("raqqa-returned").expect("figure"));
        assert_eq!(
            returned.quote.as_deref(),
            Some(
                "“Approximately 27,000 have already returned home following expeditious clearance \
                 operations by Coalition-supported C-ISIS forces.” Context: “Since the start of the \
                 Coalition-supported Raqqa campaign last November, military operations have \
                 generated approximately 35,000 IDPs.”"
            )
        );

        let members = details(data.figure("coalition-members").expect("figure"));
        assert!(members.meta.starts_with("As stated"), "{}", members.meta);

        let derived = details(data.figure("iraq-not-liberated").expect("figure"));
        assert_eq!(derived.quote, None);
        assert_eq!(derived.value, "38%");
        assert!(derived.meta.starts_with("Derived from figures as stated"));
        assert!(derived
            .derived
            .as_deref()
            .is_some_and(|s| s.contains("100% minus 62%")));
    }

    #[test]
    fn summaries_keep_every_figure_with_its_qualifier_scope_and_period() {
        let data = Dataset::embedded().expect("data");
        let s = chart_summary(&data, crate::view::ChartKind::Funding);
        assert!(s.starts_with(crate::charts::ChartSpec::of(crate::view::ChartKind::Funding).title));
        assert!(s.contains(
            "Provided by Coalition members for stabilization, demining, economic support and \
             humanitarian assistance: more than $22.2 billion, a lower bound; Iraq and Syria, Since 2014."
        ));
        assert!(s.contains("approximately $2 billion, approximate; Iraq and Syria, For 2017"));
        assert!(!s.contains("about"), "{s}");
        let r = chart_summary(&data, crate::view::ChartKind::Returns);
        assert!(r.contains("Raqqa campaign"), "{r}");
        assert!(r.contains("Since November 2016"), "{r}");
        let t = chart_summary(&data, crate::view::ChartKind::Liberation);
        assert!(
            t.contains(
                "in Iraq not stated as liberated by Coalition operations: 38%, derived from the \
                 post’s figures; Iraq, As of March 2017."
            ),
            "{t}"
        );
        assert!(t.contains("liberated: 62%, as stated; Iraq"), "{t}");
        for kind in crate::view::ChartKind::ALL {
            let s = chart_summary(&data, kind);
            assert!(!s.contains("exact") && !s.contains("not yet"), "{s}");
            for id in crate::charts::ChartSpec::of(kind).figures {
                let f = data.figure(id).expect("figure");
                assert!(s.contains(&f.period) && s.contains(f.scope.label()), "{id}");
            }
        }
    }

    #[test]
    fn announcements_are_sentences() {
        let data = Dataset::embedded().expect("data");
        let f = data.figure("syria-not-liberated").expect("figure");
        assert_eq!(
            announcement(f, 4, 4),
            "Territory once held by ISIS in Syria not stated as liberated by Coalition operations: \
             70%. Syria, As of March 2017. Derived from the post’s figures, not stated in it. \
             Figure 4 of 4."
        );
        let f = data.figure("raqqa-displaced").expect("figure");
        assert_eq!(
            announcement(f, 1, 3),
            "People displaced (IDPs) by military operations since the start of the Raqqa \
             campaign: approximately 35,000, approximate. Syria, Since November 2016 \
             (“last November”). Figure 1 of 3."
        );
        let f = data.figure("syria-liberated").expect("figure");
        assert!(announcement(f, 3, 4).starts_with(
            "Territory once held by ISIS in Syria that \
             Coalition operations have liberated: 30%, as stated. Syria"
        ));
    }
}
