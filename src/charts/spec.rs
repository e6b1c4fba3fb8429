//! What each chart says in words: title, subtitle, notes and the figures it shows. The page's
//! captions and tables and the charts' own text all come from here, so they cannot disagree.

use crate::view::ChartKind;

/// Credit line drawn under every chart and printed under every table. The date and address
/// are the post's own (its address carries the date); the text itself gives neither.
pub const SOURCE_LINE: &str = "Source: U.S. Department of State, “Global Coalition Remains United in Fight to Defeat ISIS”, post on its DipNote blog, 22 March 2017, blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis";

/// Drawn in the chart whenever amounts are placed on a log axis, so exports carry it.
pub const LOG_NOTE: &str = "Log scale: a length from its axis means nothing, so each amount is a dot; compare positions, not lengths.";

const FUNDING_OVERLAP: &str = "The four amounts cover different places, periods and kinds of money (provided, pledged, expected); they overlap and do not add up to a total.";

const TERRITORY_REMAINDER: &str = "“Not stated as liberated” is derived: 100% minus the stated share. The State Department’s post does not say who holds that part, nor that it will be liberated.";

const RETURNS_UNLINKED: &str = "The State Department’s post does not say whether the approximately 27,000 who have already returned home are among the approximately 35,000 displaced.";

/// The words and figures of one chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartSpec {
    /// Which chart.
    pub kind: ChartKind,
    /// Tab label.
    pub tab: &'static str,
    /// Headline.
    pub title: &'static str,
    /// Scope and period in a line.
    pub subtitle: &'static str,
    /// Those of `notes` the chart draws inside itself, so its SVG and PNG exports carry them.
    pub drawn_notes: &'static [&'static str],
    /// Caveats a reader must see next to the chart (comparability, derived values).
    pub notes: &'static [&'static str],
    /// Ids of the figures shown, in reading order.
    pub figures: &'static [&'static str],
}

impl ChartSpec {
    /// The spec of `kind`.
    pub fn of(kind: ChartKind) -> &'static ChartSpec {
        match kind {
            ChartKind::Funding => &FUNDING,
            ChartKind::Liberation => &LIBERATION,
            ChartKind::Returns => &RETURNS,
        }
    }
}

pub(crate) const FUNDING: ChartSpec = ChartSpec {
    kind: ChartKind::Funding,
    tab: "Funding",
    title: "Coalition members have provided more than $22.2 billion in Iraq and Syria since 2014, the State Department says",
    subtitle: "U.S. dollars for stabilization, demining and aid in Iraq and Syria · each amount has its own scope and period, given under its label",
    drawn_notes: &[FUNDING_OVERLAP],
    notes: &[
        FUNDING_OVERLAP,
        "“More than” amounts are lower bounds: the mark stops at the stated amount, with › after it; the true amount may be higher.",
    ],
    figures: &[
        "funding-provided",
        "funding-pledged",
        "funding-expected",
        "undp-stabilization",
    ],
};

pub(crate) const LIBERATION: ChartSpec = ChartSpec {
    kind: ChartKind::Liberation,
    tab: "Territory",
    title: "Coalition operations have liberated 62% of the territories ISIS once controlled in Iraq and 30% in Syria, the State Department says",
    subtitle: "Share of the territories ISIS once controlled in each country, as stated on 22 March 2017",
    drawn_notes: &[TERRITORY_REMAINDER],
    notes: &[
        "Each bar is 100% of the territories ISIS once controlled in that country; the State Department’s post gives no areas, so the two bars do not compare land size.",
        TERRITORY_REMAINDER,
    ],
    figures: &[
        "iraq-liberated",
        "iraq-not-liberated",
        "syria-liberated",
        "syria-not-liberated",
    ],
};

pub(crate) const RETURNS: ChartSpec = ChartSpec {
    kind: ChartKind::Returns,
    tab: "Returns",
    title: "Raqqa campaign: approximately 35,000 displaced and approximately 27,000 already returned home; more than 1.5 million Iraqis returned, the State Department says",
    subtitle: "Raqqa campaign, Syria, since November 2016 · Iraq, in total (start not stated) · people, each panel on its own scale",
    drawn_notes: &[RETURNS_UNLINKED],
    notes: &[
        RETURNS_UNLINKED,
        "Two panels with separate axes: Iraq’s total covers another country and period and is far larger, so the panels are not drawn to one scale.",
    ],
    figures: &["raqqa-displaced", "raqqa-returned", "iraq-returned"],
};
