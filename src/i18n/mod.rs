//! The languages the charts speak, and every word the charts, their tooltips and what a
//! screen reader hears say in each: one file per language (`en.rs`, `fr.rs`, `ar.rs`), each a
//! [`Words`] value, so a missing word is a compile error. French and Arabic are unofficial
//! translations; the post's own words (its quotes) stay in English in every language.

// The page's viewer module (wasm32 without `extras`) speaks English only, which keeps French
// and Arabic's words out of the bytes every reader fetches; a page in another language loads
// the full module, as a custom dataset does.
#[cfg(any(feature = "extras", not(target_arch = "wasm32")))]
mod ar;
mod en;
#[cfg(any(feature = "extras", not(target_arch = "wasm32")))]
mod fr;
pub mod page;

use crate::chart_kind::ChartKind;
use crate::lang::is_rtl_letter;
pub use crate::lang::Lang;
use crate::vocabulary::{Figure, Qualifier, Scope, Wording};

pub use en::{LOG_NOTE, SOURCE_LINE};

impl Lang {
    /// True for a language written right to left, whose charts are mirrored.
    pub fn is_rtl(self) -> bool {
        self.words().rtl
    }

    /// Everything the charts say in this language (English in the viewer module, which has
    /// no other).
    pub fn words(self) -> &'static Words {
        match self {
            #[cfg(any(feature = "extras", not(target_arch = "wasm32")))]
            Lang::Fr => &fr::WORDS,
            #[cfg(any(feature = "extras", not(target_arch = "wasm32")))]
            Lang::Ar => &ar::WORDS,
            _ => &en::WORDS,
        }
    }

    /// What the site's pages say in this language, around the charts (native only: the
    /// build writes the pages).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn page(self) -> &'static page::PageWords {
        match self {
            Lang::En => &en::PAGE,
            Lang::Fr => &fr::PAGE,
            Lang::Ar => &ar::PAGE,
        }
    }

    /// What the pages' scripts say in this language (native only, as [`Lang::page`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn script(self) -> &'static page::ScriptWords {
        match self {
            Lang::En => &en::SCRIPT,
            Lang::Fr => &fr::SCRIPT,
            Lang::Ar => &ar::SCRIPT,
        }
    }

    /// `text` as one run in this language's direction: for a right-to-left language,
    /// between RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE, so a canvas, an SVG viewer
    /// and the PNG renderer, each of which starts a line left to right, put its parts (words,
    /// digits, `%`, `:`) in the order an Arabic reader reads them.
    /// A web address in it (a word with a `/` and no right-to-left letter) is a left-to-right
    /// isolate within that run, so a `-` or `/` where a line breaks it stays at its end.
    pub fn run(self, text: &str) -> String {
        if !self.is_rtl() || text.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 8);
        out.push('\u{2067}');
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if word.contains('/') && !word.chars().any(is_rtl_letter) {
                out.push('\u{2066}');
                out.push_str(word);
                out.push('\u{2069}');
            } else {
                out.push_str(word);
            }
        }
        out.push('\u{2069}');
        out
    }
}

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
    /// The spec of `kind`, in English.
    pub fn of(kind: ChartKind) -> &'static ChartSpec {
        Lang::En.words().spec(kind)
    }
}

impl ChartKind {
    /// The chart that shows the figure `id`, if one does: a link that names a figure opens
    /// the chart it is on.
    pub fn holding(id: &str) -> Option<ChartKind> {
        ChartKind::ALL
            .into_iter()
            .find(|&k| ChartSpec::of(k).figures.contains(&id))
    }
}

/// A word whose form follows the number before it ("1,5 milliard", "22,2 milliards").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    /// After a number the language's rule calls singular.
    pub one: &'static str,
    /// After 3 to 10 in Arabic (a plural of few); the other form elsewhere.
    pub few: &'static str,
    /// After every other number.
    pub other: &'static str,
}

impl Plural {
    /// The same word after every number.
    pub const fn same(word: &'static str) -> Plural {
        Plural {
            one: word,
            few: word,
            other: word,
        }
    }
}

/// Which form of a [`Plural`] a number takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralRule {
    /// One form for every number (English's "billion", "million").
    None,
    /// Singular below 2 ("1,5 milliard"), as French writes it.
    BelowTwo,
    /// A plural of few after the whole numbers 3 to 10, as Arabic writes it; the singular
    /// (as after 11 and up, and after a decimal) elsewhere.
    ArabicFew,
}

impl PluralRule {
    /// The form of `plural` after `n`.
    pub fn pick(self, plural: &Plural, n: f64) -> &'static str {
        match self {
            PluralRule::None => plural.other,
            PluralRule::BelowTwo if n.abs() < 2.0 => plural.one,
            PluralRule::BelowTwo => plural.other,
            PluralRule::ArabicFew if n.fract() == 0.0 && (3.0..=10.0).contains(&n.abs()) => {
                plural.few
            }
            PluralRule::ArabicFew => plural.other,
        }
    }
}

/// How a language writes numbers. Templates hold `{}` where the number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    /// Decimal separator: `.`, `,`, `٫`.
    pub decimal: char,
    /// Digit group separator: `,`, a narrow no-break space, `٬`.
    pub group: char,
    /// The digit zero; the other nine follow it in Unicode (`0`, or `٠` for Arabic-Indic).
    pub zero: char,
    /// Which form of a unit word a number takes.
    pub plural: PluralRule,
    /// Dollars below a million: "${}", "{} $".
    pub usd: &'static str,
    /// Millions of dollars: "${} million", "{} millions de dollars".
    pub usd_million: Plural,
    /// Billions of dollars: "${} billion", "{} milliards de dollars".
    pub usd_billion: Plural,
    /// A count in millions: "{} million".
    pub million: Plural,
    /// A count in billions: "{} billion".
    pub billion: Plural,
    /// A percentage: "{}%", "{} %".
    pub percent: &'static str,
    /// Metric tons: "{} tons".
    pub tons: Plural,
    /// The shares the post writes in words: half, one-third, two-thirds, one-quarter.
    pub fractions: [&'static str; 4],
    /// Axis ticks in dollars: billions, millions, thousands, below ("${}B", "${}M", "${}k",
    /// "${}").
    pub tick_usd: [&'static str; 4],
    /// Axis ticks of counts: billions, millions, thousands ("{}B", "{}M", "{}k").
    pub tick_count: [&'static str; 3],
}

/// The words of the charts' axes, rows, marks and legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartWords {
    /// Funding's axis, linear.
    pub usd_linear: &'static str,
    /// Funding's axis, log.
    pub usd_log: &'static str,
    /// Territory's axis.
    pub territory_axis: &'static str,
    /// After the liberated share's value: " liberated".
    pub liberated: &'static str,
    /// After the rest's value: " not stated as liberated".
    pub not_liberated: &'static str,
    /// Returns' first panel: "Raqqa campaign, {} · {}" (scope, period).
    pub raqqa_panel: &'static str,
    /// Returns' first axis.
    pub people: &'static str,
    /// Returns' second row.
    pub iraqis_returned: &'static str,
    /// Returns' second axis.
    pub people_own_scale: &'static str,
    /// After a derived value: " (derived)".
    pub derived_mark: &'static str,
    /// Legend: a lower bound.
    pub key_lower_bound: &'static str,
    /// Legend: a ragged end.
    pub key_approximate: &'static str,
    /// Legend: a hollow dot.
    pub key_approximate_dot: &'static str,
    /// Legend: hatching.
    pub key_derived: &'static str,
}

/// The words of a figure's tooltip and of what a screen reader hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DescribeWords {
    /// Before the context quote: " Context: ".
    pub context: &'static str,
    /// A derived figure's line: "Derived, not stated in the post: {}".
    pub derived_how: &'static str,
    /// After a derived value in an announcement.
    pub announcement_derived: &'static str,
    /// After a derived value in a chart's summary.
    pub summary_derived: &'static str,
    /// The position in an announcement: "Figure {} of {}."
    pub position: &'static str,
    /// How a derived difference reads: "{} minus {}".
    pub difference: &'static str,
    /// How a derived complement reads: "100% minus {}" (the 100% written in this language).
    pub complement: &'static str,
    /// A tooltip's second line: "{} · {} · {}" (how to read the qualifier, scope, period).
    pub meta: &'static str,
    /// What a screen reader hears when focus reaches a figure: "{}: {}{}. {}, {}.{} {}"
    /// (label, value, hedge, scope, period, derived or nothing, position).
    pub announcement: &'static str,
    /// One figure in a chart's summary: " {}: {}{}{}; {}, {}." (label, value, hedge, derived
    /// or nothing, scope, period).
    pub summary_item: &'static str,
    /// The link from a pinned tooltip to the figure's place in the post.
    pub where_in_post: &'static str,
    /// Said where a figure's words are the post's, not this language's; empty in English.
    /// "Citation en anglais, texte original : ".
    pub quote_in_english: &'static str,
}

/// A shipped figure's words in a language: the English it translates, so a custom dataset
/// that reuses an id with other words keeps its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureWords {
    /// The figure's id.
    pub id: &'static str,
    /// Its label, as the shipped dataset writes it in English.
    pub english_label: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Its short label; empty where the dataset has none.
    pub short_label: &'static str,
    /// Its period.
    pub period: &'static str,
}

/// Everything the charts say in one language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Words {
    /// The language.
    pub lang: Lang,
    /// Written right to left: the charts are mirrored.
    pub rtl: bool,
    /// Said where the text is a translation: empty in English.
    pub unofficial: &'static str,
    /// How numbers read.
    pub numbers: Numbers,
    /// Each qualifier's wording, in [`crate::vocabulary::Qualifier::ALL`] order.
    pub wordings: [Wording; 5],
    /// A value derived from unhedged figures.
    pub derived_wording: Wording,
    /// Each scope's name: Iraq, Syria, Iraq and Syria, Coalition-wide.
    pub scopes: [&'static str; 4],
    /// The three charts' titles and notes, in [`ChartKind::ALL`] order.
    pub charts: [ChartSpec; 3],
    /// The credit line under every chart.
    pub source_line: &'static str,
    /// Drawn whenever amounts sit on a log axis.
    pub log_note: &'static str,
    /// Axes, rows, marks and legend.
    pub chart: ChartWords,
    /// Tooltips and announcements.
    pub describe: DescribeWords,
    /// The shipped figures' labels and periods; empty in English, whose are the dataset's.
    pub figures: &'static [FigureWords],
}

impl Words {
    /// The spec of `kind` in this language.
    pub fn spec(&self, kind: ChartKind) -> &ChartSpec {
        let i = ChartKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.charts[i]
    }

    /// The name of `scope`.
    pub fn scope(&self, scope: Scope) -> &'static str {
        self.scopes[match scope {
            Scope::Iraq => 0,
            Scope::Syria => 1,
            Scope::IraqAndSyria => 2,
            Scope::Coalition => 3,
        }]
    }

    /// How `figure`'s qualifier reads: its qualifier's, except that a value derived from
    /// unhedged figures reads as derived, never as stated (as [`Figure::wording`] in English).
    pub fn wording(&self, figure: &Figure) -> &Wording {
        if figure.is_derived() && figure.qualifier == Qualifier::AsStated {
            &self.derived_wording
        } else {
            &self.wordings[figure.qualifier as usize]
        }
    }

    /// The translation of figure `id`, if its English label is still `english_label`.
    pub fn figure(&self, id: &str, english_label: &str) -> Option<&FigureWords> {
        self.figures
            .iter()
            .find(|f| f.id == id && f.english_label == english_label)
    }
}

/// `template` with each `{}` replaced by the next of `parts`, in order. Walked by character,
/// so it neither searches for a pattern nor slices (and so cannot panic), which keeps the
/// viewer's WebAssembly small.
pub fn fill(template: &str, parts: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + parts.iter().map(|p| p.len()).sum::<usize>());
    let mut parts = parts.iter();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && chars.peek() == Some(&'}') {
            chars.next();
            out.push_str(parts.next().copied().unwrap_or(""));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_back() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_id(lang.id()), Some(lang));
            assert_eq!(lang.words().lang, lang);
        }
        assert_eq!(Lang::from_id("de"), None);
        assert_eq!(Lang::from_id("EN"), None);
    }

    #[test]
    fn templates_fill_in_order() {
        assert_eq!(fill("{} minus {}", &["a", "b"]), "a minus b");
        assert_eq!(fill("no holes", &["a"]), "no holes");
        assert_eq!(fill("{}{}", &["a"]), "a");
    }

    #[test]
    fn plural_rules_pick_the_form_the_language_writes() {
        let p = Plural {
            one: "one",
            few: "few",
            other: "other",
        };
        assert_eq!(PluralRule::BelowTwo.pick(&p, 1.5), "one");
        assert_eq!(PluralRule::BelowTwo.pick(&p, 2.0), "other");
        assert_eq!(PluralRule::ArabicFew.pick(&p, 3.0), "few");
        assert_eq!(PluralRule::ArabicFew.pick(&p, 2.3), "other");
        assert_eq!(PluralRule::ArabicFew.pick(&p, 22.2), "other");
        assert_eq!(PluralRule::None.pick(&p, 1.0), "other");
    }

    #[test]
    fn right_to_left_text_runs_isolated() {
        assert_eq!(Lang::Ar.run("أ ١"), "\u{2067}أ ١\u{2069}");
        assert_eq!(Lang::Fr.run("a"), "a");
        assert_eq!(Lang::Ar.run(""), "");
        assert_eq!(
            Lang::Ar.run("المصدر: blogs.state.gov/en/global-"),
            "\u{2067}المصدر: \u{2066}blogs.state.gov/en/global-\u{2069}\u{2069}"
        );
        assert_eq!(Lang::Ar.run("آذار/مارس"), "\u{2067}آذار/مارس\u{2069}");
    }
}
