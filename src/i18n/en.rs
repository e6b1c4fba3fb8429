//! English: the post's own language. The qualifiers' wording is written in `vocabulary.rs`,
//! where the dataset's rules read it; every other English word the charts say is here.

use super::{ChartSpec, ChartWords, DescribeWords, Lang, Numbers, Plural, PluralRule, Words};
use crate::chart_kind::ChartKind;
use crate::vocabulary::{DERIVED_FROM_AS_STATED, WORDINGS};
/// Credit line drawn under every chart and printed under every table. The date and address
/// are the post's own (its address carries the date); the text itself gives neither.
pub const SOURCE_LINE: &str = "Source: U.S. Department of State, “Global Coalition Remains United in Fight to Defeat ISIS”, post on its DipNote blog, 22 March 2017, blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis";

/// Drawn in the chart whenever amounts are placed on a log axis, so exports carry it.
pub const LOG_NOTE: &str = "Log scale: a length from its axis means nothing, so each amount is a dot; compare positions, not lengths.";

const FUNDING_OVERLAP: &str = "The four amounts cover different places, periods and kinds of money (provided, pledged, expected); they overlap and do not add up to a total.";

const TERRITORY_REMAINDER: &str = "“Not stated as liberated” is derived: 100% minus the stated share. The State Department’s post does not say who holds that part, nor that it will be liberated.";

const RETURNS_UNLINKED: &str = "The State Department’s post does not say whether the approximately 27,000 who have already returned home are among the approximately 35,000 displaced.";

const FUNDING: ChartSpec = ChartSpec {
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

const LIBERATION: ChartSpec = ChartSpec {
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

const RETURNS: ChartSpec = ChartSpec {
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

/// Every word of the charts in English.
pub(super) const WORDS: Words = Words {
    lang: Lang::En,
    rtl: false,
    unofficial: "",
    numbers: Numbers {
        decimal: '.',
        group: ',',
        zero: '0',
        plural: PluralRule::None,
        usd: "${}",
        usd_million: Plural::same("${} million"),
        usd_billion: Plural::same("${} billion"),
        million: Plural::same("{} million"),
        billion: Plural::same("{} billion"),
        percent: "{}%",
        tons: Plural::same("{} tons"),
        fractions: ["half", "one-third", "two-thirds", "one-quarter"],
        tick_usd: ["${}B", "${}M", "${}k", "${}"],
        tick_count: ["{}B", "{}M", "{}k"],
    },
    wordings: WORDINGS,
    derived_wording: DERIVED_FROM_AS_STATED,
    scopes: ["Iraq", "Syria", "Iraq and Syria", "Coalition-wide"],
    charts: [FUNDING, LIBERATION, RETURNS],
    source_line: SOURCE_LINE,
    log_note: LOG_NOTE,
    chart: ChartWords {
        usd_linear: "U.S. dollars, linear scale",
        usd_log: "U.S. dollars, log scale: each gridline is 10 times the one before",
        territory_axis: "Share of the territories ISIS once controlled in the country",
        liberated: " liberated",
        not_liberated: " not stated as liberated",
        raqqa_panel: "Raqqa campaign, {} · {}",
        people: "People",
        iraqis_returned: "Iraqis returned home",
        people_own_scale: "People, on this panel’s own scale",
        derived_mark: " (derived)",
        key_lower_bound: "› after the value: a lower bound (“more than”)",
        key_approximate: "Ragged end: approximate (“approximately”, “nearly”, “some”)",
        key_approximate_dot: "Hollow dot: approximate (“approximately”, “nearly”, “some”)",
        key_derived: "Hatched: derived, not stated in the State Department’s post",
    },
    describe: DescribeWords {
        context: " Context: ",
        derived_how: "Derived, not stated in the post: {}",
        announcement_derived: " Derived from the post’s figures, not stated in it.",
        summary_derived: ", derived from the post’s figures",
        position: "Figure {} of {}.",
        difference: "{} minus {}",
        complement: "100% minus {}",
        meta: "{} · {} · {}",
        announcement: "{}: {}{}. {}, {}.{} {}",
        summary_item: " {}: {}{}{}; {}, {}.",
        where_in_post: "Where the post says it",
        quote_in_english: "",
    },
    figures: &[],
};
