//! The dataset's vocabulary: what a figure is (value, unit, qualifier and its wording,
//! scope, period, origin), the source, the quantities left uncharted, and the compiled-in
//! table's borrowed forms of them. Types only: reading and checking a dataset is
//! [`crate::data`]'s job, and every other module may use these words without it.

use serde::{Deserialize, Serialize};

/// How a qualifier reads wherever a figure is shown: the one table of these words, so the
/// value, the tables, the tooltips, what a screen reader hears and the downloads agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// Stable name in data files, CSV and JSON (`as_stated`, `more_than`, …).
    pub id: &'static str,
    /// Put before the value: "more than ", "approximately ", or nothing.
    pub prefix: &'static str,
    /// The tables' Qualifier column: "more than — a lower bound", "as stated".
    pub column: &'static str,
    /// How to read it, for tooltips: "Lower bound (“more than”)".
    pub note: &'static str,
    /// Said after the value in a sentence: ", a lower bound"; empty for a derived value,
    /// whose sentence says it is derived.
    pub hedge: &'static str,
}

/// The wording of each qualifier of a stated figure, in [`Qualifier::ALL`] order.
pub(crate) const WORDINGS: [Wording; 5] = [
    Wording {
        id: "as_stated",
        prefix: "",
        column: "as stated",
        note: "As stated (no hedge in the text)",
        hedge: ", as stated",
    },
    Wording {
        id: "more_than",
        prefix: "more than ",
        column: "more than — a lower bound",
        note: "Lower bound (“more than”)",
        hedge: ", a lower bound",
    },
    Wording {
        id: "nearly",
        prefix: "nearly ",
        column: "nearly",
        note: "Just under (“nearly”)",
        hedge: ", just under",
    },
    Wording {
        id: "approximately",
        prefix: "approximately ",
        column: "approximately",
        note: "Approximate (“approximately”)",
        hedge: ", approximate",
    },
    Wording {
        id: "some",
        prefix: "some ",
        column: "some",
        note: "Approximate (“some”)",
        hedge: ", approximate",
    },
];

/// A value computed from figures the text gives with no hedge: it is not stated, so it is
/// not "as stated" either, and it is only as precise as its inputs.
pub(crate) const DERIVED_FROM_AS_STATED: Wording = Wording {
    id: "derived_from_as_stated",
    prefix: "",
    column: "derived from figures as stated",
    note: "Derived from figures as stated",
    hedge: "",
};

/// How a figure is hedged, as the post words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Given with no hedge ("62 percent"): as stated, which says nothing of how the source
    /// rounded it. Named `as_stated` in data files; `exact`, its former name, still loads.
    #[serde(alias = "exact")]
    AsStated,
    /// A lower bound ("more than $22.2 billion").
    MoreThan,
    /// Just under the value ("nearly 90,000").
    Nearly,
    /// Around the value, either side ("approximately 35,000").
    Approximately,
    /// A loose round figure ("some 8,200 tons").
    Some,
}

impl Qualifier {
    /// The former name of [`Qualifier::AsStated`], so that code written against it builds.
    #[doc(hidden)]
    #[allow(non_upper_case_globals)]
    pub const Exact: Qualifier = Qualifier::AsStated;

    /// How this qualifier reads on a stated figure; [`Figure::wording`] gives a derived
    /// figure's.
    pub fn wording(self) -> &'static Wording {
        &WORDINGS[self as usize]
    }

    /// Words put before a value when it is shown to readers.
    pub fn display_prefix(self) -> &'static str {
        self.wording().prefix
    }

    /// The phrases the post may use for this qualifier; a stated figure's `written`
    /// text must start with one of them (and an as-stated one with none).
    pub fn source_phrases(self) -> &'static [&'static str] {
        match self {
            Qualifier::AsStated => &[],
            Qualifier::MoreThan => &["more than"],
            Qualifier::Nearly => &["nearly"],
            Qualifier::Approximately => &["approximately", "about"],
            Qualifier::Some => &["some"],
        }
    }

    /// True when the value is a floor and the truth may be higher.
    pub fn is_lower_bound(self) -> bool {
        self == Qualifier::MoreThan
    }

    /// Stable name used in data files, URLs and CSV.
    pub fn as_str(self) -> &'static str {
        self.wording().id
    }

    /// Every qualifier, for validation messages and tests.
    pub const ALL: [Qualifier; 5] = [
        Qualifier::AsStated,
        Qualifier::MoreThan,
        Qualifier::Nearly,
        Qualifier::Approximately,
        Qualifier::Some,
    ];
}

/// What a figure's value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// U.S. dollars.
    Usd,
    /// Percent, 0 to 100.
    Percent,
    /// A share between 0 and 1, shown in words where the post does ("half").
    Fraction,
    /// People, members, projects: the label says what is counted.
    Count,
    /// Metric tons.
    Tons,
}

/// Where a figure applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Iraq only.
    Iraq,
    /// Syria only.
    Syria,
    /// Iraq and Syria together, not split by the post.
    IraqAndSyria,
    /// The Coalition as a whole, not a place.
    Coalition,
}

impl Scope {
    /// Reader-facing name.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Iraq => "Iraq",
            Scope::Syria => "Syria",
            Scope::IraqAndSyria => "Iraq and Syria",
            Scope::Coalition => "Coalition-wide",
        }
    }
}

/// How a derived figure is computed from stated ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeriveOp {
    /// First input minus second.
    Difference,
    /// 100 percent minus the one input.
    Complement,
}

/// Where a figure's value comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Stated in the post, in these words, in this sentence.
    Stated {
        /// The figure as the post writes it, qualifier included ("more than $22.2 billion").
        written: String,
        /// A verbatim part of the sentence it comes from, holding `written`.
        quote: String,
        /// A second verbatim part of the text, for what the label says that the quote does
        /// not (the place, the period, who is counted).
        #[serde(skip_serializing_if = "Option::is_none")]
        context: Option<String>,
        /// The words, in the quote or the context, that the period rests on where they are
        /// relative to the post's date ("Last July", "to date", "over the last two years").
        #[serde(skip_serializing_if = "Option::is_none")]
        when: Option<String>,
    },
    /// Computed from stated figures; never shown without saying so.
    Derived {
        /// The operation.
        op: DeriveOp,
        /// Ids of the input figures, in order.
        of: Vec<String>,
        /// How it was computed, in words, for readers ("approximately 35,000 − approximately 27,000").
        how: String,
    },
}

/// One validated figure. It serializes with its [`Figure::wording`]'s id as `qualifier`, so
/// a download never calls a derived value "as stated".
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable id, used in URLs and by charts.
    pub id: String,
    /// What the figure is, in a phrase.
    pub label: String,
    /// A shorter label for chart axes; the label when the data has none.
    pub short_label: String,
    /// The number, in `unit`.
    pub value: f64,
    /// What the number counts.
    pub unit: Unit,
    /// How it is hedged; a derived figure's follows from its inputs'.
    pub qualifier: Qualifier,
    /// Where it applies.
    pub scope: Scope,
    /// When it applies, in words.
    pub period: String,
    /// Stated or derived.
    pub origin: Origin,
}

impl Figure {
    /// True for computed figures, which must be marked wherever they are shown.
    pub fn is_derived(&self) -> bool {
        matches!(self.origin, Origin::Derived { .. })
    }

    /// The verbatim quote, for stated figures.
    pub fn quote(&self) -> Option<&str> {
        match &self.origin {
            Origin::Stated { quote, .. } => Some(quote),
            Origin::Derived { .. } => None,
        }
    }

    /// The verbatim context quote, for stated figures that have one.
    pub fn context(&self) -> Option<&str> {
        match &self.origin {
            Origin::Stated { context, .. } => context.as_deref(),
            Origin::Derived { .. } => None,
        }
    }

    /// The words of the quote or context that the period rests on, if they are relative.
    pub fn when(&self) -> Option<&str> {
        match &self.origin {
            Origin::Stated { when, .. } => when.as_deref(),
            Origin::Derived { .. } => None,
        }
    }

    /// How this figure's qualifier reads: its qualifier's, except that a value derived from
    /// unhedged figures reads as derived, never as stated.
    pub fn wording(&self) -> &'static Wording {
        if self.is_derived() && self.qualifier == Qualifier::AsStated {
            &DERIVED_FROM_AS_STATED
        } else {
            self.qualifier.wording()
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Figure", 9)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("label", &self.label)?;
        s.serialize_field("short_label", &self.short_label)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("unit", &self.unit)?;
        s.serialize_field("qualifier", self.wording().id)?;
        s.serialize_field("scope", &self.scope)?;
        s.serialize_field("period", &self.period)?;
        s.serialize_field("origin", &self.origin)?;
        s.end()
    }
}

/// The publication the figures come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Headline of the post.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// What kind of document it is, and where it was published.
    pub kind: String,
    /// Its address, when it has one ([`crate::data::SOURCE_URL`] for the shipped dataset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ISO date of publication, which relative words ("last July") are read against.
    pub date: String,
    /// Where the date and the occasion come from when the text itself does not give them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// The event, in words.
    pub occasion: String,
}

/// Why a quantity the text mentions is not a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnchartedKind {
    /// A quantity with no number to draw ("thousands of Syrians", "the majority of IDPs").
    Vague,
    /// A number that counts no aid, effort or result: an ordinal, a rank, a year.
    NotAnAmount,
    /// The blog page's, not the post's ("7 minutes read time").
    PageFurniture,
}

/// A quantity the text mentions that is not a figure, in its words and with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncharted {
    /// A verbatim part of the text holding the mention.
    pub quote: String,
    /// Why it is not a figure, in a sentence.
    pub why: String,
    /// The kind of reason.
    pub kind: UnchartedKind,
}

/// The whole validated dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// Where every figure comes from.
    pub source: Source,
    /// Figures in file order.
    pub figures: Vec<Figure>,
    /// Every other quantity the text mentions, with why it is not a figure. The viewer
    /// module, which only draws the figures, is built without the shipped list.
    pub uncharted: Vec<Uncharted>,
}

/// One figure of the compiled-in dataset table: [`Figure`] with borrowed text.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct TableFigure {
    /// See [`Figure::id`].
    pub id: &'static str,
    /// See [`Figure::label`].
    pub label: &'static str,
    /// See [`Figure::short_label`].
    pub short_label: &'static str,
    /// See [`Figure::value`].
    pub value: f64,
    /// See [`Figure::unit`].
    pub unit: Unit,
    /// See [`Figure::qualifier`].
    pub qualifier: Qualifier,
    /// See [`Figure::scope`].
    pub scope: Scope,
    /// See [`Figure::period`].
    pub period: &'static str,
    /// See [`Figure::origin`].
    pub origin: TableOrigin,
}

/// [`Origin`] with borrowed text, for [`TableFigure`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum TableOrigin {
    /// See [`Origin::Stated`].
    Stated {
        /// The written form.
        written: &'static str,
        /// The quote.
        quote: &'static str,
        /// The context quote.
        context: Option<&'static str>,
        /// The relative words of the period.
        when: Option<&'static str>,
    },
    /// See [`Origin::Derived`].
    Derived {
        /// The operation.
        op: DeriveOp,
        /// Input ids.
        of: &'static [&'static str],
        /// In words.
        how: &'static str,
    },
}

/// [`Source`] with borrowed text, for the compiled-in table.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct TableSource {
    /// See [`Source::title`].
    pub title: &'static str,
    /// See [`Source::publisher`].
    pub publisher: &'static str,
    /// See [`Source::kind`].
    pub kind: &'static str,
    /// See [`Source::url`].
    pub url: Option<&'static str>,
    /// See [`Source::date`].
    pub date: &'static str,
    /// See [`Source::date_note`].
    pub date_note: Option<&'static str>,
    /// See [`Source::occasion`].
    pub occasion: &'static str,
}

/// [`Uncharted`] with borrowed text, for the compiled-in table.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct TableUncharted {
    /// See [`Uncharted::quote`].
    pub quote: &'static str,
    /// See [`Uncharted::why`].
    pub why: &'static str,
    /// See [`Uncharted::kind`].
    pub kind: UnchartedKind,
}
