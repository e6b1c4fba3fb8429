//! What each chart says in words: title, subtitle, notes and the figures it shows. The page's
//! captions and tables and the charts' own text all come from here, so they cannot disagree.

use crate::view::ChartKind;

/// Credit line drawn under every chart and printed under every table.
pub const SOURCE_LINE: &str =
    "Source: U.S. Department of State, “Global Coalition Remains United in Fight to Defeat ISIS”, March 2017";

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

const FUNDING: ChartSpec = ChartSpec {
    kind: ChartKind::Funding,
    tab: "Funding",
    title: "Money for stabilization and aid named in the release",
    subtitle: "U.S. dollars · Iraq and Syria · each amount has its own scope and period",
    notes: &[
        "The four amounts cover different places, periods and kinds of money (provided, pledged, expected); they overlap and do not add up to a total.",
        "“More than” amounts are lower bounds, drawn with an open end; the true amount may be higher.",
    ],
    figures: &[
        "funding-provided",
        "funding-pledged",
        "funding-expected",
        "undp-stabilization",
    ],
};

const LIBERATION: ChartSpec = ChartSpec {
    kind: ChartKind::Liberation,
    tab: "Territory",
    title: "Territory once held by ISIS that Coalition operations have liberated",
    subtitle: "Share of the territory ISIS once controlled in each country · as of March 2017",
    notes: &[
        "Each bar is 100% of the territory ISIS once controlled in that country; the release gives no areas, so the two bars do not compare land size.",
        "“Not yet liberated” is derived: 100% minus the stated share.",
    ],
    figures: &[
        "iraq-liberated",
        "iraq-not-liberated",
        "syria-liberated",
        "syria-not-liberated",
    ],
};

const RETURNS: ChartSpec = ChartSpec {
    kind: ChartKind::Returns,
    tab: "Returns",
    title: "People displaced and returned home",
    subtitle: "Raqqa campaign, Syria, since November 2016 · Iraq, in total",
    notes: &[
        "Two panels with separate axes: Iraq’s total covers another country and period and is far larger, so the panels are not drawn to one scale.",
    ],
    figures: &[
        "raqqa-displaced",
        "raqqa-returned",
        "iraq-returned",
    ],
};
