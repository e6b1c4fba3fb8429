//! Text an attacker might put in a dataset, shared by the tests of both crates that check it
//! stays text: `tests/robustness.rs` (charts, SVG) and `cli/tests/hostile_pages.rs` (pages).
// Each test file uses a part of it.
#![allow(dead_code)]

use coalition_infographic::data::MAX_TEXT_CHARS;
use coalition_infographic::Dataset;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// `cases` unless `PROPTEST_CASES` asks for another number.
pub fn config(cases: u32) -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(cases)
    }
}

/// Text an attacker or a broken editor might put anywhere: markup, script breakers,
/// right-to-left overrides, combining marks, zero-width and control characters.
pub const HOSTILE: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "<![CDATA[x]]>",
    "<!-- x -->",
    "&amp;&lt;&#0;&unknown;",
    "javascript:alert(1)",
    "\u{202e}gnp.exe",
    "مرحبا بالعالم",
    "שלום עולם",
    "e\u{301}\u{301}\u{301}\u{301}",
    "Z\u{334}\u{321}\u{322}a\u{337}l\u{336}g\u{338}o",
    "\u{200b}\u{200d}\u{feff}",
    "👩\u{200d}👩\u{200d}👧",
    "\u{0}\u{1b}[31m\u{7f}",
    "\u{fffe}\u{ffff}",
    "%3Cimg%20src%3Dx%3E",
    "%zz%",
    "%",
    "+",
    "&",
    "=",
    "?",
    "#",
    " ",
    "",
];

/// Tags that hostile text would open if it were not escaped.
pub const INJECTED_TAGS: &[&str] = &[
    "<img",
    "<script",
    "</script",
    "<svg onload",
    "<![cdata",
    "<!--",
];

pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(HOSTILE).prop_map(str::to_string),
        prop::collection::vec(prop::sample::select(HOSTILE), 1..6).prop_map(|v| v.concat()),
        any::<String>(),
        "\\PC{0,40}",
    ]
}

/// Text the loader must accept: not blank and at most `MAX_TEXT_CHARS` characters.
pub fn acceptable_text() -> impl Strategy<Value = String> {
    (hostile_text(), 1usize..=MAX_TEXT_CHARS)
        .prop_map(|(text, len)| {
            let text = format!("{text} label");
            // Repeating reaches the longest accepted text, not only short ones.
            text.chars()
                .cycle()
                .take(len.max(text.chars().count().min(MAX_TEXT_CHARS)))
                .collect()
        })
        .prop_filter("not blank", |t: &String| !t.trim().is_empty())
}

/// Element names in markup: what follows each `<`.
pub fn tag_names(markup: &str) -> BTreeSet<String> {
    markup
        .split('<')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '/' | '!' | '?' | '-' | '[')
                })
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

pub fn embedded() -> Value {
    serde_json::from_str(coalition_infographic::data::EMBEDDED_JSON).expect("the shipped JSON")
}

/// The shipped dataset with `texts` as the labels, short labels and periods, in turn, loaded
/// through the loader so only what it accepts is drawn.
pub fn relabelled(texts: &[String]) -> Dataset {
    let mut doc = embedded();
    let figures = doc["figures"].as_array_mut().expect("figures");
    let mut next = texts.iter().cycle();
    for figure in figures {
        for field in ["label", "short_label", "period"] {
            figure[field] = json!(next.next().expect("cycles"));
        }
    }
    Dataset::from_json(&doc.to_string()).expect("short texts are accepted")
}
