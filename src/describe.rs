//! A figure in words, for tooltips and for screen readers: the same facts the tables give,
//! in the order a reader needs them.

use serde::Serialize;

use crate::data::{Figure, Origin, Qualifier};
use crate::format::figure_value;

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
    /// The release's words, in curly quotes, for stated figures.
    pub quote: Option<String>,
}

/// How to read a qualifier, in a few words.
pub fn qualifier_note(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "As stated",
        Qualifier::MoreThan => "Lower bound (“more than”)",
        Qualifier::Nearly => "Just under (“nearly”)",
        Qualifier::Approximately => "Approximate",
        Qualifier::Some => "Approximate (“some”)",
    }
}

/// The tooltip of `figure`.
pub fn details(figure: &Figure) -> Details {
    let (derived, quote) = match &figure.origin {
        Origin::Stated { quote, .. } => (None, Some(format!("“{quote}”"))),
        Origin::Derived { how, .. } => (Some(format!("Derived, not in the release: {how}")), None),
    };
    Details {
        id: figure.id.clone(),
        label: figure.label.clone(),
        value: figure_value(figure),
        meta: format!(
            "{} · {} · {}",
            qualifier_note(figure.qualifier),
            figure.scope.label(),
            figure.period
        ),
        derived,
        quote,
    }
}

/// A full sentence for a live region when keyboard focus reaches a figure:
/// "Provided by Coalition members: more than $22.2 billion, a lower bound. Iraq and Syria,
/// Since 2014. Figure 1 of 4."
pub fn announcement(figure: &Figure, position: usize, total: usize) -> String {
    let hedge = match figure.qualifier {
        Qualifier::MoreThan => ", a lower bound",
        Qualifier::Exact => "",
        Qualifier::Nearly | Qualifier::Approximately | Qualifier::Some => ", approximate",
    };
    let derived = if figure.is_derived() {
        " Derived from the release’s figures, not stated in it."
    } else {
        ""
    };
    format!(
        "{}: {}{hedge}. {}, {}.{derived} Figure {position} of {total}.",
        figure.short_label,
        figure_value(figure),
        figure.scope.label(),
        figure.period,
    )
}

/// What a chart shows, figure by figure, for its `aria-label`:
/// "Money for stabilization … release. Provided by Coalition members: more than $22.2
/// billion; …; Not yet returned: about 8,000 (derived)."
pub fn chart_summary(data: &crate::Dataset, kind: crate::view::ChartKind) -> String {
    let spec = crate::charts::ChartSpec::of(kind);
    let figures: Vec<String> = spec
        .figures
        .iter()
        .filter_map(|id| data.figure(id))
        .map(|f| {
            let derived = if f.is_derived() { " (derived)" } else { "" };
            let place = match kind {
                // The rows of the territory chart are countries; say which.
                crate::view::ChartKind::Liberation => format!("{}, ", f.scope.label()),
                _ => String::new(),
            };
            format!("{place}{}: {}{derived}", f.short_label, figure_value(f))
        })
        .collect();
    format!("{}. {}.", spec.title, figures.join("; "))
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

        let derived = details(data.figure("raqqa-not-returned").expect("figure"));
        assert_eq!(derived.quote, None);
        assert!(derived
            .derived
            .as_deref()
            .is_some_and(|s| s.contains("35,000 minus about 27,000")));
    }

    #[test]
    fn summaries_list_every_figure_with_its_qualifier() {
        let data = Dataset::embedded().expect("data");
        let s = chart_summary(&data, crate::view::ChartKind::Funding);
        assert!(s.starts_with(crate::charts::ChartSpec::of(crate::view::ChartKind::Funding).title));
        assert!(s.contains("Provided by Coalition members: more than $22.2 billion"));
        assert!(s.contains("about $2 billion"));
        let r = chart_summary(&data, crate::view::ChartKind::Returns);
        assert!(r.contains("Iraqis who have returned to their homes: more than 1.5 million"));
    }

    #[test]
    fn announcements_are_sentences() {
        let data = Dataset::embedded().expect("data");
        let f = data.figure("raqqa-not-returned").expect("figure");
        let s = announcement(f, 3, 4);
        assert_eq!(
            s,
            "Not yet returned: about 8,000, approximate. Syria, Since November 2016 (“last November”). \
             Derived from the release’s figures, not stated in it. Figure 3 of 4."
        );
    }
}
