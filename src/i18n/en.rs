//! English: the post's own language. The charts' titles and notes are written in
//! `charts/spec.rs` and the qualifiers' wording in `vocabulary.rs`, where the rest of the code
//! reads them; this file gathers them with the words written nowhere else.

use super::{ChartWords, DescribeWords, Lang, Numbers, Plural, PluralRule, Words};
use crate::charts::spec::{FUNDING, LIBERATION, LOG_NOTE, RETURNS, SOURCE_LINE};
use crate::vocabulary::{DERIVED_FROM_AS_STATED, WORDINGS};

/// Every word of the charts in English.
pub(super) const WORDS: Words = Words {
    lang: Lang::En,
    rtl: false,
    name: "English",
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
