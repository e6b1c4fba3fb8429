//! The shipped dataset against the honesty rules, checked from the project's own copy of the
//! post (data/source.txt): every stated figure carries its qualifier, the words the post
//! uses and verbatim quotes that occur once in the text; every relative date resolves to the
//! period the figure states; every other quantity the text mentions is listed as uncharted,
//! with its reason; derived figures say so and agree with their inputs; bad datasets are
//! refused with the path of the bad field.

use std::ops::Range;

use coalition_infographic::data::{
    DataError, DeriveOp, Origin, Qualifier, Scope, UnchartedKind, Unit, EMBEDDED_JSON, SOURCE_TEXT,
    SOURCE_URL,
};
use coalition_infographic::format::figure_value;
use coalition_infographic::written::{resolve_when, Date};
use coalition_infographic::Dataset;
use sha2::{Digest, Sha256};

fn data() -> Dataset {
    Dataset::embedded().expect("the shipped dataset is valid")
}

/// The SHA-256 of the post's text as the State Department published it.
const SOURCE_SHA256: &str = "5f6aa06f0965c1e421a676bc03dfd183852ff0ae084a76729b7e694b519351f4";

/// data/source.txt, read from the checkout rather than through [`SOURCE_TEXT`], so the test
/// checks the file a reader finds in the project.
fn source_file() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/source.txt");
    std::fs::read_to_string(path).expect("data/source.txt")
}

#[test]
fn the_shipped_source_is_the_post_byte_for_byte() {
    let text = source_file();
    let digest: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest, SOURCE_SHA256,
        "data/source.txt is not the post as published"
    );
    assert_eq!(text, SOURCE_TEXT, "the compiled-in text is the file");
    assert!(text.starts_with("Global Coalition Remains United in Fight to Defeat ISIS\n"));
    assert_eq!(
        text.lines().next(),
        Some(data().source.title.as_str()),
        "the post's headline is the source's title"
    );
}

/// Where `part` occurs in the text: exactly once, or the test fails naming `what`.
fn only_place(text: &str, part: &str, what: &str) -> Range<usize> {
    let places: Vec<usize> = text.match_indices(part).map(|(at, _)| at).collect();
    assert_eq!(
        places.len(),
        1,
        "{what}: {part:?} occurs {} times in data/source.txt, not once",
        places.len()
    );
    places[0]..places[0] + part.len()
}

#[test]
fn every_quote_and_context_occurs_once_in_the_post_and_holds_its_written_form() {
    let text = source_file();
    let mut quoted = 0;
    for f in data().figures {
        let Origin::Stated {
            written,
            quote,
            context,
            when,
        } = &f.origin
        else {
            continue;
        };
        quoted += 1;
        let at = only_place(&text, quote, &format!("{} quote", f.id));
        // The written form, with the post's capitalisation, inside the quote's place.
        assert!(
            text[at.clone()].contains(written.as_str()),
            "{}: the quote lacks {written:?} as the post writes it",
            f.id
        );
        let context_at = context
            .as_deref()
            .map(|c| only_place(&text, c, &format!("{} context", f.id)));
        if let Some(when) = when {
            let in_context = context_at
                .as_ref()
                .is_some_and(|r| text[r.clone()].contains(when.as_str()));
            assert!(
                text[at].contains(when.as_str()) || in_context,
                "{}: {when:?} is in neither its quote nor its context",
                f.id
            );
        }
    }
    assert_eq!(quoted, 17, "every stated figure was checked");
}

#[test]
fn quotes_keep_the_post_typography() {
    // The post uses curly quotes and apostrophes; a straight one means a retyped quote.
    for f in data().figures {
        for q in [f.quote(), f.context()].into_iter().flatten() {
            assert!(
                !q.contains('\'') && !q.contains('"'),
                "{}: straight quote in {q:?}",
                f.id
            );
        }
    }
    let fighters = data()
        .figure("fighters-reduction")
        .cloned()
        .expect("figure");
    assert!(fighters.quote().is_some_and(|q| q.contains("“caliphate,”")));
}

#[test]
fn the_source_is_the_state_department_post_with_its_address() {
    let source = data().source;
    assert_eq!(source.publisher, "U.S. Department of State");
    assert_eq!(
        source.kind,
        "Blog post (DipNote, the U.S. Department of State’s official blog)"
    );
    assert_eq!(source.url.as_deref(), Some(SOURCE_URL));
    assert!(SOURCE_URL.starts_with("https://blogs.state.gov/stories/2017/03/22/"));
    assert_eq!(source.date, "2017-03-22");
    let note = source
        .date_note
        .as_deref()
        .expect("says where the date comes from");
    assert!(
        note.contains("22 March 2017") && note.contains("address"),
        "{note}"
    );
    assert!(note.contains("Washington") && note.contains("State Department’s own pages"));
    // The text gives neither: no date of 2017-03-22 in words, and "Washington" only for last
    // July's conference.
    let text = source_file();
    assert!(!text.contains("March 22") && !text.contains("22 March"));
    assert_eq!(text.matches("Washington").count(), 1);
    assert!(text.contains("Iraq Pledging Conference held in Washington, DC"));
}

#[test]
fn nothing_calls_the_post_a_press_release() {
    let lower = EMBEDDED_JSON.to_lowercase();
    assert!(!lower.contains("press release"));
    assert!(!lower.contains("the release"));
}

#[test]
fn the_post_figures_are_all_there_with_their_qualifiers() {
    let d = data();
    let expect = [
        (
            "funding-provided",
            22.2e9,
            Qualifier::MoreThan,
            Scope::IraqAndSyria,
        ),
        ("funding-pledged", 2.3e9, Qualifier::MoreThan, Scope::Iraq),
        (
            "funding-expected",
            2e9,
            Qualifier::Approximately,
            Scope::IraqAndSyria,
        ),
        (
            "undp-stabilization",
            240e6,
            Qualifier::MoreThan,
            Scope::Iraq,
        ),
        ("iraq-liberated", 62.0, Qualifier::AsStated, Scope::Iraq),
        ("syria-liberated", 30.0, Qualifier::AsStated, Scope::Syria),
        ("iraq-returned", 1.5e6, Qualifier::MoreThan, Scope::Iraq),
        (
            "raqqa-displaced",
            35_000.0,
            Qualifier::Approximately,
            Scope::Syria,
        ),
        (
            "raqqa-returned",
            27_000.0,
            Qualifier::Approximately,
            Scope::Syria,
        ),
        (
            "coalition-members",
            68.0,
            Qualifier::AsStated,
            Scope::Coalition,
        ),
        ("isf-trained", 90_000.0, Qualifier::Nearly, Scope::Iraq),
        (
            "equipment-donated",
            8_200.0,
            Qualifier::Some,
            Scope::IraqAndSyria,
        ),
        (
            "fighters-reduction",
            0.5,
            Qualifier::MoreThan,
            Scope::IraqAndSyria,
        ),
        (
            "children-in-school",
            32_000.0,
            Qualifier::Nearly,
            Scope::Iraq,
        ),
        ("undp-projects", 350.0, Qualifier::MoreThan, Scope::Iraq),
        ("demining-members", 10.0, Qualifier::AsStated, Scope::Iraq),
        (
            "demining-share",
            1.0 / 3.0,
            Qualifier::AsStated,
            Scope::Iraq,
        ),
    ];
    for (id, value, qualifier, scope) in expect {
        let f = d.figure(id).unwrap_or_else(|| panic!("missing {id}"));
        assert!(
            (f.value - value).abs() < 1e-9 * value.max(1.0),
            "{id} value"
        );
        assert_eq!(f.qualifier, qualifier, "{id} qualifier");
        assert_eq!(f.scope, scope, "{id} scope");
        assert!(!f.is_derived(), "{id} is stated");
        assert!(!f.period.is_empty(), "{id} period");
    }
}

#[test]
fn every_relative_date_resolves_to_the_period_the_figure_states() {
    let d = data();
    let published = Date::from_iso(&d.source.date).expect("an ISO date");
    let mut resolved = Vec::new();
    for f in &d.figures {
        let Some(when) = f.when() else { continue };
        let period = resolve_when(when, published)
            .unwrap_or_else(|e| panic!("{}: {e}", f.id))
            .words();
        assert!(
            f.period.starts_with(&period),
            "{}: {when:?} is {period:?} against {}, but the period says {:?}",
            f.id,
            d.source.date,
            f.period
        );
        resolved.push((f.id.as_str(), period));
    }
    let expect = [
        ("fighters-reduction", "Since 2014"),
        ("isf-trained", "To 22 March 2017"),
        ("equipment-donated", "To 22 March 2017"),
        ("funding-provided", "Since 2014"),
        ("funding-pledged", "July 2016"),
        ("funding-expected", "For 2017"),
        ("undp-stabilization", "March 2015 to March 2017"),
        ("undp-projects", "To 22 March 2017"),
        ("children-in-school", "As of 22 March 2017"),
        ("demining-members", "Through 2018"),
        ("demining-share", "Through 2018"),
        ("raqqa-displaced", "Since November 2016"),
        ("raqqa-returned", "Since November 2016"),
    ];
    let resolved: Vec<(&str, &str)> = resolved.iter().map(|(id, p)| (*id, p.as_str())).collect();
    assert_eq!(resolved, expect);
}

/// Words that make a period relative to the post's date, lowercased.
const RELATIVE: [&str; 8] = [
    "last ",
    "to date",
    "today",
    "since ",
    "for 20",
    "through 20",
    "over the",
    "ago",
];

#[test]
fn a_figure_whose_words_hold_a_relative_date_records_it() {
    for f in data().figures {
        let words = [f.quote(), f.context()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let found: Vec<&str> = RELATIVE
            .iter()
            .copied()
            .filter(|r| words.contains(r))
            .collect();
        if !found.is_empty() {
            let when = f.when().unwrap_or_else(|| {
                panic!("{}: its words say {found:?} but it records no `when`", f.id)
            });
            let when = when.to_lowercase();
            assert!(
                found.iter().any(|r| when.contains(r.trim_end())),
                "{}: `when` {when:?} is none of {found:?}",
                f.id
            );
        }
    }
}

/// Every numeral and number word of the text, with where it is.
fn quantities(text: &str) -> Vec<(Range<usize>, &str)> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "dozen",
        "dozens",
        "tens",
        "scores",
        "first",
        "second",
        "third",
        "thirds",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "half",
        "halves",
        "quarter",
        "quarters",
        "majority",
        "minority",
        "percent",
        "percentage",
        "twice",
        "double",
        "triple",
        "single",
        "several",
        "many",
        "few",
        "fewer",
        "more",
        "most",
        "less",
        "least",
        "numerous",
        "multiple",
        "couple",
        "all",
        "both",
        "every",
        "each",
        "total",
        "largest",
        "lowest",
        "highest",
        "number",
        "increased",
        "increase",
        "reduction",
        "additional",
    ];
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                let lower = word.to_lowercase();
                if word.chars().any(|c| c.is_ascii_digit()) || WORDS.contains(&lower.as_str()) {
                    out.push((s..i, word));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_quantity_in_the_post_is_a_figure_or_listed_as_uncharted() {
    let text = source_file();
    let d = data();
    let mut covered: Vec<Range<usize>> = Vec::new();
    for f in &d.figures {
        for part in [f.quote(), f.context()].into_iter().flatten() {
            covered.push(only_place(&text, part, &f.id));
        }
    }
    let figures_end = covered.len();
    for (i, u) in d.uncharted.iter().enumerate() {
        let at = only_place(&text, &u.quote, &format!("uncharted[{i}]"));
        // A mention inside a figure's words would be charted after all.
        for figure in &covered[..figures_end] {
            assert!(
                at.end <= figure.start || at.start >= figure.end,
                "uncharted[{i}] {:?} overlaps a figure's quote or context",
                u.quote
            );
        }
        assert!(!u.why.trim().is_empty());
        covered.push(at);
    }
    let found = quantities(&text);
    assert!(found.len() > 40, "the scan finds the text's numbers");
    let missed: Vec<&str> = found
        .iter()
        .filter(|(at, _)| {
            !covered
                .iter()
                .any(|c| c.start <= at.start && at.end <= c.end)
        })
        .map(|(_, word)| *word)
        .collect();
    assert!(
        missed.is_empty(),
        "in no figure's quote or context and listed nowhere as uncharted: {missed:?}"
    );
}

#[test]
fn the_scan_would_catch_a_quantity_left_out() {
    let text = source_file();
    let words: Vec<&str> = quantities(&text).into_iter().map(|(_, w)| w).collect();
    for word in [
        "7",
        "first",
        "thousands",
        "millions",
        "majority",
        "tens",
        "one",
        "2014",
        "Ten",
    ] {
        assert!(words.contains(&word), "{word}");
    }
    // Parts of words are not numbers.
    assert!(!words.contains(&"attention") && !words.contains(&"often"));
}

#[test]
fn uncharted_mentions_name_the_vague_and_the_not_amounts() {
    let d = data();
    let has = |part: &str, kind: UnchartedKind| {
        d.uncharted
            .iter()
            .any(|u| u.quote.contains(part) && u.kind == kind)
    };
    for part in [
        "thousands of Syrians",
        "tens of thousands of IDPs",
        "The majority of IDPs",
    ] {
        assert!(has(part, UnchartedKind::Vague), "{part}");
    }
    // "millions of people" is said twice; each mention has its own words.
    let millions: Vec<_> = d
        .uncharted
        .iter()
        .filter(|u| u.quote.contains("millions of people"))
        .collect();
    assert_eq!(millions.len(), 2);
    assert_ne!(millions[0].quote, millions[1].quote);
    assert_eq!(source_file().matches("millions of people").count(), 2);
    assert!(has("the first full Meeting", UnchartedKind::NotAnAmount));
    assert!(has("since 2014", UnchartedKind::NotAnAmount));
    assert!(has("number one priority", UnchartedKind::NotAnAmount));
    assert!(has("7 minutes read time", UnchartedKind::PageFurniture));
}

#[test]
fn the_territory_not_stated_as_liberated_is_called_only_that() {
    let d = data();
    for id in ["iraq-not-liberated", "syria-not-liberated"] {
        let f = d.figure(id).expect("figure");
        assert!(
            f.label
                .ends_with("not stated as liberated by Coalition operations"),
            "{}",
            f.label
        );
    }
    let lower = EMBEDDED_JSON.to_lowercase();
    for phrase in ["not yet", "still held", "remaining", "remain under"] {
        assert!(!lower.contains(phrase), "the dataset says {phrase:?}");
    }
}

/// Names a label may use only if its quote or context (or a derived figure's inputs') does.
const NAMES: [&str; 12] = [
    "Iraq",
    "Syria",
    "Mosul",
    "Raqqa",
    "Washington",
    "UNDP",
    "IDPs",
    "ISIS",
    "Coalition",
    "Pledging Conference",
    "boys and girls",
    "2014",
];

/// A stated figure's words, or for a derived one its inputs'.
fn words_behind(d: &Dataset, id: &str) -> String {
    let f = d.figure(id).expect("figure");
    match &f.origin {
        Origin::Stated { .. } => [f.quote(), f.context()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        Origin::Derived { of, .. } => of.iter().map(|i| words_behind(d, i)).collect(),
    }
}

/// A city the text places in a country, and the sentence that does.
const PLACED: [(&str, &str, &str); 2] = [
    (
        "Mosul",
        "Iraq",
        "The Coalition has also supported our Iraqi partners to achieve significant progress in the fight to retake Mosul.",
    ),
    (
        "Raqqa",
        "Syria",
        "As the Coalition-backed forces make rapid progress in military operations to isolate Raqqa, we are applying lessons learned from Iraq to facilitate the stabilization of liberated territories in Syria.",
    ),
];

#[test]
fn labels_and_scopes_use_only_the_facts_of_their_quotes() {
    let d = data();
    let text = source_file();
    for (city, country, sentence) in PLACED {
        assert!(
            text.contains(sentence),
            "the text places {city} in {country}"
        );
    }
    for f in &d.figures {
        let behind = words_behind(&d, &f.id);
        for name in NAMES {
            if f.label.contains(name) || f.short_label.contains(name) {
                assert!(
                    behind.contains(name),
                    "{}: the label says {name:?}, its words do not",
                    f.id
                );
            }
        }
        let named = |place: &str| {
            behind.contains(place)
                || PLACED
                    .iter()
                    .any(|(city, country, _)| place == *country && behind.contains(city))
        };
        let places: &[&str] = match f.scope {
            Scope::Iraq => &["Iraq"],
            Scope::Syria => &["Syria"],
            Scope::IraqAndSyria => &["Iraq", "Syria"],
            Scope::Coalition => &["Coalition"],
        };
        for place in places {
            assert!(named(place), "{}: scope {place}, not in its words", f.id);
        }
    }
    let label = |id: &str| d.figure(id).expect("figure").label.clone();
    assert!(label("funding-expected").contains("for 2017"));
    assert!(!EMBEDDED_JSON.contains("in 2017"));
    // The post's claim about the projects is its own, in its quote, not the label's.
    assert!(!label("undp-projects").contains("on time"));
    assert!(d
        .figure("undp-projects")
        .and_then(|f| f.quote())
        .is_some_and(|q| q.contains("on time and at cost")));
}

#[test]
fn derived_figures_are_flagged_computed_and_say_how() {
    let d = data();
    let iraq_rest = d.figure("iraq-not-liberated").expect("figure");
    assert!(iraq_rest.is_derived());
    assert_eq!(iraq_rest.value, 38.0);
    // Computed from an unhedged figure, it is neither "as stated" nor anything exact.
    assert_eq!(iraq_rest.qualifier, Qualifier::AsStated);
    assert_eq!(iraq_rest.wording().id, "derived_from_as_stated");
    assert_eq!(figure_value(iraq_rest), "38%");
    match &iraq_rest.origin {
        Origin::Derived { op, of, how } => {
            assert_eq!(*op, DeriveOp::Complement);
            assert_eq!(of, &["iraq-liberated"]);
            assert_eq!(how, "100% minus 62%");
        }
        Origin::Stated { .. } => panic!("must be derived"),
    }
    assert_eq!(d.figure("syria-not-liberated").map(|f| f.value), Some(70.0));
    // Only these two are derived; everything else is stated with a quote. The displaced
    // minus the returned is not among them: the post does not say the returned are among the
    // displaced, and the difference of two approximations has no stated precision.
    let derived: Vec<_> = d
        .figures
        .iter()
        .filter(|f| f.is_derived())
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(derived, ["iraq-not-liberated", "syria-not-liberated"]);
    assert!(d.figure("raqqa-not-returned").is_none());
    assert!(d
        .figures
        .iter()
        .all(|f| f.is_derived() || f.quote().is_some()));
}

#[test]
fn no_reader_facing_word_is_exact_and_approximately_is_not_about() {
    for q in Qualifier::ALL {
        let w = q.wording();
        for text in [w.id, w.prefix, w.column, w.note, w.hedge] {
            assert!(
                !text.contains("exact") && !text.contains("about"),
                "{text:?}"
            );
        }
    }
    assert_eq!(Qualifier::Approximately.wording().prefix, "approximately ");
    assert_eq!(Qualifier::AsStated.as_str(), "as_stated");
    for f in data().figures {
        let w = f.wording();
        if f.is_derived() {
            assert_ne!(w.id, "as_stated", "{}", f.id);
            assert!(!w.column.starts_with("as stated") && !w.note.starts_with("As stated"));
        }
        assert!(!figure_value(&f).contains("about"), "{}", f.id);
    }
    assert!(!EMBEDDED_JSON.contains("\"exact\""));
}

#[test]
fn a_dataset_that_still_says_exact_loads_as_stated() {
    let old = EMBEDDED_JSON.replace("\"as_stated\"", "\"exact\"");
    assert_ne!(old, EMBEDDED_JSON);
    let data = Dataset::from_json(&old).expect("the former name still loads");
    assert_eq!(data, self::data());
    assert_eq!(
        data.figure("coalition-members").map(|f| f.qualifier),
        Some(Qualifier::AsStated)
    );
}

#[test]
fn qualifier_words_match_the_qualifier() {
    for f in data().figures {
        if let Origin::Stated { written, .. } = &f.origin {
            let lower = written.to_lowercase();
            let starts = |q: Qualifier| q.source_phrases().iter().any(|p| lower.starts_with(p));
            for q in Qualifier::ALL {
                if q != Qualifier::AsStated {
                    assert_eq!(
                        starts(q),
                        q == f.qualifier,
                        "{}: {written:?} vs {:?}",
                        f.id,
                        f.qualifier
                    );
                }
            }
        }
    }
}

fn with_first_figure(edit: impl Fn(&mut serde_json::Value)) -> Result<Dataset, DataError> {
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    edit(&mut json["figures"][0]);
    Dataset::from_json(&json.to_string())
}

fn path_of(result: Result<Dataset, DataError>) -> String {
    match result {
        Err(DataError::Invalid { path, .. }) => path,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn bad_datasets_name_the_bad_field() {
    assert_eq!(
        path_of(with_first_figure(|f| f["value"] = 69.into())),
        "figures[0].value"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["qualifier"] = "more_than".into())),
        "figures[0].qualifier"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["quote"] = "no number here".into())),
        "figures[0].written"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["value"] = (-1).into())),
        "figures[0].value"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["id"] = "Bad Id".into())),
        "figures[0].id"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["label"] = "".into())),
        "figures[0].label"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["label"] = "x".repeat(400).into())),
        "figures[0].label"
    );
    assert_eq!(
        path_of(with_first_figure(|f| {
            f.as_object_mut().map(|o| o.remove("quote"));
        })),
        "figures[0].quote"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["when"] = "last July".into())),
        "figures[0].when"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["context"] = "".into())),
        "figures[0].context"
    );
    assert_eq!(
        path_of(with_first_figure(|f| f["context"] = "x".repeat(301).into())),
        "figures[0].context"
    );
    // A `when` may come from the context instead of the quote.
    assert!(with_first_figure(|f| {
        f["context"] = "Last July, at the Iraq Pledging Conference".into();
        f["when"] = "Last July".into();
    })
    .is_ok());
    assert!(matches!(
        with_first_figure(|f| f["unit"] = "furlongs".into()),
        Err(DataError::Syntax { .. })
    ));
    assert!(matches!(
        Dataset::from_json("{"),
        Err(DataError::Syntax { .. })
    ));
    assert!(matches!(
        Dataset::from_json("[]"),
        Err(DataError::Syntax { .. })
    ));
}

/// The shipped dataset with one more figure at the end.
fn with_extra_figure(figure: serde_json::Value) -> (serde_json::Value, usize) {
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    let figures = json["figures"].as_array_mut().expect("array");
    figures.push(figure);
    let last = figures.len() - 1;
    (json, last)
}

fn difference() -> serde_json::Value {
    serde_json::json!({
        "id": "raqqa-difference",
        "label": "Displaced minus returned, in a custom dataset",
        "unit": "count",
        "scope": "syria",
        "period": "Since November 2016",
        "derived": { "op": "difference", "of": ["raqqa-displaced", "raqqa-returned"] }
    })
}

#[test]
fn derivations_are_checked() {
    // A custom dataset may still derive a difference; it is computed and marked.
    let (json, last) = with_extra_figure(difference());
    let d = Dataset::from_json(&json.to_string()).expect("a difference is still supported");
    let f = &d.figures[last];
    assert_eq!(f.value, 8_000.0);
    assert_eq!(f.qualifier, Qualifier::Approximately);
    assert_eq!(figure_value(f), "approximately 8,000");
    match &f.origin {
        Origin::Derived { how, .. } => {
            assert_eq!(how, "approximately 35,000 minus approximately 27,000")
        }
        Origin::Stated { .. } => panic!("must be derived"),
    }

    // A derived figure may not carry a stated value, quote, context or relative date.
    for field in ["value", "context", "when"] {
        let (mut json, last) = with_extra_figure(difference());
        json["figures"][last][field] = if field == "value" {
            8000.into()
        } else {
            "last November".into()
        };
        let err = Dataset::from_json(&json.to_string()).expect_err("refused");
        assert_eq!(err.to_string(), format!("figures[{last}].{field}: must be absent on a derived figure: it is computed from its inputs"));
    }

    let (mut json, last) = with_extra_figure(difference());
    json["figures"][last]["derived"]["of"][1] = "nowhere".into();
    let err = Dataset::from_json(&json.to_string()).expect_err("refused");
    assert!(
        err.to_string()
            .starts_with(&format!("figures[{last}].derived.of[1]")),
        "{err}"
    );

    // A difference involving a lower bound has no honest value.
    let (mut json, last) = with_extra_figure(difference());
    json["figures"][last]["derived"]["of"][1] = "iraq-returned".into();
    let err = Dataset::from_json(&json.to_string()).expect_err("refused");
    assert!(err.to_string().contains("no honest bound"), "{err}");
}

#[test]
fn the_source_address_and_mentions_are_checked() {
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    json["source"]["url"] = "javascript:alert(1)".into();
    match Dataset::from_json(&json.to_string()) {
        Err(DataError::Invalid { path, .. }) => assert_eq!(path, "source.url"),
        other => panic!("expected a field error, got {other:?}"),
    }
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    json["uncharted"][2]["why"] = " ".into();
    match Dataset::from_json(&json.to_string()) {
        Err(DataError::Invalid { path, .. }) => assert_eq!(path, "uncharted[2].why"),
        other => panic!("expected a field error, got {other:?}"),
    }
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    json["uncharted"][0]["kind"] = "guess".into();
    assert!(matches!(
        Dataset::from_json(&json.to_string()),
        Err(DataError::Syntax { .. })
    ));
    // A dataset from before the address, the note and the list still loads.
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    let source = json["source"].as_object_mut().expect("source");
    source.remove("url");
    source.remove("date_note");
    json.as_object_mut().expect("doc").remove("uncharted");
    let old = Dataset::from_json(&json.to_string()).expect("loads");
    assert_eq!(old.source.url, None);
    assert!(old.uncharted.is_empty());
}

#[test]
fn units_are_what_the_charts_need() {
    let d = data();
    for id in [
        "funding-provided",
        "funding-pledged",
        "funding-expected",
        "undp-stabilization",
    ] {
        assert_eq!(d.figure(id).map(|f| f.unit), Some(Unit::Usd));
    }
}

#[test]
fn shape_errors_name_the_path() {
    let err = with_first_figure(|f| f["unit"] = "furlongs".into()).expect_err("refused");
    match &err {
        DataError::Syntax { path, .. } => assert_eq!(path, "figures[0].unit"),
        other => panic!("expected a shape error, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("figures[0].unit: unknown variant `furlongs`"),
        "{err}"
    );
    let missing = Dataset::from_json(r#"{"source": {}, "figures": []}"#).expect_err("refused");
    assert!(
        missing
            .to_string()
            .starts_with("source: missing field `title`"),
        "{missing}"
    );
}

/// An optional text as Rust source; spelt out because `Some` is also a qualifier there.
fn optional(text: &Option<String>) -> String {
    match text {
        Some(text) => format!("Option::Some({text:?})"),
        None => "None".to_string(),
    }
}

/// The dataset as the Rust source of src/embedded_table.rs.
fn table_source(data: &Dataset) -> String {
    let s = &data.source;
    let mut out = String::from(
        "//! The shipped dataset as compiled-in data, so the page starts without a JSON reader.\n\
         //! Written from data/coalition-2017.json by tests/data.rs\n\
         //! (`UPDATE_SNAPSHOTS=1 cargo test --test data`); do not edit by hand.\n\n\
         use crate::vocabulary::DeriveOp::*;\n\
         use crate::vocabulary::Qualifier::*;\n\
         use crate::vocabulary::Scope::*;\n\
         use crate::vocabulary::TableFigure as F;\n\
         use crate::vocabulary::TableOrigin::*;\n\
         use crate::vocabulary::TableSource;\n\
         use crate::vocabulary::Unit::*;\n\n",
    );
    out += &format!(
        "/// Where the figures come from: the post.\n#[rustfmt::skip]\n\
         pub(crate) const SOURCE: TableSource = TableSource {{\n    title: {:?},\n    publisher: {:?},\n    \
         kind: {:?},\n    url: {},\n    date: {:?},\n    date_note: {},\n    occasion: {:?},\n}};\n\n",
        s.title,
        s.publisher,
        s.kind,
        optional(&s.url),
        s.date,
        optional(&s.date_note),
        s.occasion
    );
    out += "/// Every figure, in file order, derived values computed.\n#[rustfmt::skip]\npub(crate) const FIGURES: &[F] = &[\n";
    for f in &data.figures {
        let origin = match &f.origin {
            Origin::Stated {
                written,
                quote,
                context,
                when,
            } => {
                format!(
                    "Stated {{ written: {written:?}, quote: {quote:?}, context: {}, when: {} }}",
                    optional(context),
                    optional(when)
                )
            }
            Origin::Derived { op, of, how } => format!(
                "Derived {{ op: {op:?}, of: &[{}], how: {how:?} }}",
                of.iter()
                    .map(|id| format!("{id:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out += &format!(
            "    F {{\n        id: {:?},\n        label: {:?},\n        short_label: {:?},\n        \
             value: {:?},\n        unit: {:?},\n        qualifier: {:?},\n        scope: {:?},\n        \
             period: {:?},\n        origin: {origin},\n    }},\n",
            f.id, f.label, f.short_label, f.value, f.unit, f.qualifier, f.scope, f.period
        );
    }
    out += "];\n\n";
    out +=
        "/// Every other quantity the text mentions, with why it is not a figure. Only the full\n\
            /// module carries them (in the JSON download); the viewer draws figures alone.\n\
            #[cfg(feature = \"extras\")]\n#[rustfmt::skip]\n\
            pub(crate) const UNCHARTED: &[crate::vocabulary::TableUncharted] = &[\n";
    for u in &data.uncharted {
        out += &format!(
            "    crate::vocabulary::TableUncharted {{ quote: {:?}, why: {:?}, kind: crate::vocabulary::UnchartedKind::{:?} }},\n",
            u.quote, u.why, u.kind
        );
    }
    out += "];\n";
    out
}

/// The page starts from a compiled-in table, not the JSON file: the two must be the same
/// figures, and the table must be what the file says today.
#[test]
fn the_compiled_in_table_is_the_json_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/embedded_table.rs");
    let expected = table_source(&data());
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &expected).expect("write src/embedded_table.rs");
        } else {
            panic!(
                "src/embedded_table.rs does not match data/coalition-2017.json; \
                 rewrite it with UPDATE_SNAPSHOTS=1 cargo test --test data"
            );
        }
    }
    let mut expected = data();
    // The viewer module (no `extras`) draws figures only and carries no uncharted list.
    if cfg!(not(feature = "extras")) {
        expected.uncharted.clear();
    }
    assert_eq!(Dataset::built_in(), expected);
}
