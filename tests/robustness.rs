//! Hostile input, generated: the share-link parser and the dataset loader never panic, say
//! what is wrong with what they refuse, and whatever they accept draws and prints as text.
//!
//! Case counts are kept small so `cargo test` stays quick; `PROPTEST_CASES=10000 cargo test
//! --test robustness` runs a longer search. The `fuzz/` crate covers the same two parsers
//! with coverage-guided fuzzing.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use coalition_infographic::charts::{self, ChartError, ChartSpec, Theme};
use coalition_infographic::data::{DataError, MAX_FIGURES, MAX_TEXT_CHARS};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, ScaleKind, View};
use coalition_infographic::Dataset;
use proptest::prelude::*;

#[path = "shared/hostile.rs"]
mod hostile;
use hostile::{
    acceptable_text, config, embedded, hostile_text, relabelled, tag_names, INJECTED_TAGS,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// The share link: `View::from_query` and `View::to_query`.

/// Every parameter the view knows, with values it accepts.
const VALID_PARAMS: &[(&str, &[&str])] = &[
    ("chart", &["funding", "liberation", "returns"]),
    ("scale", &["linear", "log"]),
    ("display", &["chart", "table"]),
    ("theme", &["auto", "light", "dark"]),
    ("embed", &["0", "1", "true", "false"]),
];

fn valid_pair() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(VALID_PARAMS).prop_flat_map(|(key, values)| {
            prop::sample::select(values).prop_map(move |value| format!("{key}={value}"))
        }),
        "[a-z0-9-]{1,64}".prop_map(|id| format!("focus={id}")),
    ]
}

/// A query-string-shaped string: known and unknown keys, good and bad values, broken escapes.
fn query_like() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        prop::sample::select(VALID_PARAMS).prop_map(|(key, _)| key.to_string()),
        Just("focus".to_string()),
        Just("ch%61rt".to_string()),
        Just("CHART".to_string()),
        Just("chart%".to_string()),
        Just("utm_source".to_string()),
        hostile_text(),
    ];
    let value = prop_oneof![
        prop::sample::select(VALID_PARAMS)
            .prop_flat_map(|(_, values)| prop::sample::select(values))
            .prop_map(str::to_string),
        hostile_text(),
        Just("liber%61tion".to_string()),
        Just("%E2%80%AE".to_string()),
        Just("%ff%fe".to_string()),
    ];
    let pair = prop_oneof![
        (key.clone(), value).prop_map(|(k, v)| format!("{k}={v}")),
        key,
    ];
    (any::<bool>(), prop::collection::vec(pair, 0..8))
        .prop_map(|(mark, pairs)| format!("{}{}", if mark { "?" } else { "" }, pairs.join("&")))
}

/// What must hold for any query: the parsed view writes a query that reads back as the same
/// view with no warnings, and every warning names a parameter and what it allows.
fn check_query(query: &str) -> Result<(), TestCaseError> {
    let (view, warnings) = View::from_query(query);
    for warning in &warnings {
        let text = warning.to_string();
        prop_assert!(
            !warning.key.is_empty(),
            "a warning names its parameter: {text}"
        );
        prop_assert!(text.contains(&warning.key), "{text}");
        prop_assert!(!warning.allowed.is_empty(), "{text}");
        prop_assert!(
            warning.value.chars().count() <= 80,
            "long values are shortened: {text}"
        );
    }
    let written = view.to_query();
    let (back, rewarnings) = View::from_query(&written);
    prop_assert_eq!(&back, &view, "query {:?} wrote {:?}", query, written);
    prop_assert!(
        rewarnings.is_empty(),
        "{:?} warns: {:?}",
        written,
        rewarnings
    );
    prop_assert_eq!(back.to_query(), written);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_string_is_a_query(query in any::<String>()) {
        check_query(&query)?;
    }

    #[test]
    fn query_shaped_strings_are_read_totally(query in query_like()) {
        check_query(&query)?;
    }

    #[test]
    fn every_valid_view_round_trips(pairs in prop::collection::vec(valid_pair(), 0..8)) {
        let query = pairs.join("&");
        let (view, warnings) = View::from_query(&query);
        prop_assert!(warnings.is_empty(), "{:?} warns: {:?}", query, warnings);
        let written = view.to_query();
        prop_assert_eq!(View::from_query(&written), (view.clone(), vec![]));
        prop_assert_eq!(View::from_query(&format!("?{written}")).0, view.clone());
        // Parameters the view does not know (analytics tags and the like) change nothing.
        let tagged = format!("utm_source=x&{written}&fbclid=%3Cimg%3E");
        prop_assert_eq!(View::from_query(&tagged), (view, vec![]));
    }

    #[test]
    fn a_bad_value_never_displaces_a_good_one(
        chart in prop::sample::select(ChartKind::ALL.to_vec()),
        bad in prop::collection::vec(hostile_text(), 1..4),
    ) {
        let mut query = format!("chart={}", chart.id());
        for value in &bad {
            query.push_str("&chart=");
            query.push_str(&value.replace(['&', '#'], ""));
        }
        let (view, _) = View::from_query(&query);
        // A hostile value that is itself a chart id would rightly switch charts.
        let last_valid = bad
            .iter()
            .rev()
            .find_map(|v| ChartKind::from_id(&v.replace(['&', '#'], "").replace('+', " ")))
            .unwrap_or(chart);
        prop_assert_eq!(view.chart, last_valid);
    }

    #[test]
    fn percent_escaped_ids_read_as_the_ids(
        chart in prop::sample::select(ChartKind::ALL.to_vec()),
        mask in any::<u64>(),
    ) {
        // Escape a varying subset of the characters, in upper and lower case hex.
        let escaped: String = chart
            .id()
            .bytes()
            .enumerate()
            .map(|(i, b)| match (mask >> (2 * i)) & 3 {
                0 => (b as char).to_string(),
                1 => format!("%{b:02x}"),
                _ => format!("%{b:02X}"),
            })
            .collect();
        let (view, warnings) = View::from_query(&format!("chart={escaped}"));
        prop_assert_eq!(view.chart, chart);
        prop_assert!(warnings.is_empty());
    }
}

#[test]
fn every_chart_and_scale_round_trips() {
    for chart in ChartKind::ALL {
        for scale in [ScaleKind::Linear, ScaleKind::Log] {
            let view = View {
                chart,
                scale,
                ..View::default()
            };
            assert_eq!(View::from_query(&view.to_query()), (view, vec![]));
        }
    }
}

#[test]
fn huge_queries_are_read_and_warnings_stay_short() {
    let long_value = "\u{202e}مرحبا\u{301}<img src=x>".repeat(50_000);
    for query in [
        format!("chart={long_value}"),
        format!("chart={}", "%".repeat(1_000_000)),
        format!("chart={}", "%e2%80%ae".repeat(100_000)),
        "&".repeat(1_000_000),
        "chart=bogus&".repeat(20_000),
        format!("{}=returns", "k".repeat(1_000_000)),
    ] {
        let (view, warnings) = View::from_query(&query);
        let start: String = query.chars().take(40).collect();
        assert_eq!(view, View::default(), "{start}");
        assert!(warnings.iter().all(|w| w.value.chars().count() <= 80));
        assert!(warnings.len() <= 20_000);
    }
}

// ---------------------------------------------------------------------------------------
// The dataset: `Dataset::from_json`.

fn figure_count() -> usize {
    embedded()["figures"].as_array().expect("figures").len()
}

/// Index in `figures[N]` at the start of an error path.
fn figure_index(path: &str) -> Option<usize> {
    path.strip_prefix("figures[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

/// What must hold of any loader result; `touched` is the first figure changed, if any.
fn check_loaded(
    result: &Result<Dataset, DataError>,
    touched: Option<usize>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(data) => {
            prop_assert!(!data.figures.is_empty() && data.figures.len() <= MAX_FIGURES);
            let mut ids = BTreeSet::new();
            for f in &data.figures {
                prop_assert!(ids.insert(f.id.as_str()), "duplicate id {}", f.id);
                prop_assert!(
                    f.value.is_finite() && f.value >= 0.0,
                    "{}: {}",
                    f.id,
                    f.value
                );
                for text in [&f.label, &f.short_label, &f.period] {
                    prop_assert!(!text.trim().is_empty());
                    prop_assert!(text.chars().count() <= MAX_TEXT_CHARS);
                }
            }
        }
        Err(error @ DataError::Invalid { path, reason }) => {
            let message = error.to_string();
            prop_assert!(message.starts_with(&format!("{path}: ")), "{message}");
            prop_assert!(!reason.is_empty(), "{message}");
            prop_assert!(
                path.starts_with("figures") || path.starts_with("source."),
                "the path names a field: {message}"
            );
            if let (Some(first), Some(at)) = (touched, figure_index(path)) {
                // Figures before the first change were valid and still are.
                prop_assert!(at >= first, "{message} (changed figures[{first}])");
            }
        }
        Err(
            error @ DataError::Syntax {
                path,
                line,
                message,
                ..
            },
        ) => {
            prop_assert!(*line >= 1, "{error}");
            prop_assert!(!message.is_empty(), "{error}");
            // The path leads the message (an empty one is odd_keys_still_get_a_path_…).
            prop_assert!(error.to_string().starts_with(path.as_str()), "{error}");
            prop_assert!(
                error.to_string().contains(&format!("line {line}")),
                "{error}"
            );
        }
    }
    Ok(())
}

/// JSON text that `serde_json::Value` cannot hold: out-of-range and non-JSON numbers, deep
/// nesting.
fn raw_tokens() -> Vec<String> {
    let mut tokens: Vec<String> = [
        "1e400",
        "-1e400",
        "1e-400",
        "NaN",
        "Infinity",
        "-Infinity",
        "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.0",
        "-0",
        "0x10",
        "01",
        "1.",
        ".5",
        "+1",
        "\"\\ud800\"",
        "\"\\u0000<img src=x>\"",
    ]
    .map(str::to_string)
    .to_vec();
    for depth in [129, 10_000] {
        tokens.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        tokens.push(format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        tokens.push("[".repeat(depth));
    }
    tokens
}

#[derive(Debug, Clone)]
enum Hostile {
    Json(Value),
    Raw(String),
}

fn hostile_value() -> impl Strategy<Value = Hostile> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![-1.0, -0.0, 0.0, 1e15, 1e16, 1e308, 5e-324, 100.000001])
            .prop_map(|f| json!(f)),
        hostile_text().prop_map(Value::String),
        (1usize..=100_000).prop_map(|n| Value::String("\u{5e9}\u{301}".repeat(n / 2 + 1))),
    ];
    let value = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((hostile_text(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    prop_oneof![
        4 => value.prop_map(Hostile::Json),
        1 => prop::sample::select(raw_tokens()).prop_map(Hostile::Raw),
    ]
}

const FIGURE_FIELDS: &[&str] = &[
    "id",
    "label",
    "short_label",
    "value",
    "unit",
    "qualifier",
    "scope",
    "period",
    "written",
    "quote",
    "derived",
    "onerror",
];
const SOURCE_FIELDS: &[&str] = &["title", "publisher", "kind", "date", "occasion", "x"];

/// Where a mutation lands.
#[derive(Debug, Clone)]
enum Target {
    Figure(usize, &'static str),
    Source(&'static str),
    Top(&'static str),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => (0..figure_count(), prop::sample::select(FIGURE_FIELDS))
            .prop_map(|(i, f)| Target::Figure(i, f)),
        1 => prop::sample::select(SOURCE_FIELDS).prop_map(Target::Source),
        1 => prop::sample::select(&["source", "figures", "extra"][..]).prop_map(Target::Top),
    ]
}

/// The shipped dataset with one field replaced, as JSON text.
fn mutated(target: &Target, value: &Hostile) -> String {
    const MARK: &str = "@@raw-token@@";
    let mut doc = embedded();
    let slot = match target {
        Target::Figure(i, field) => &mut doc["figures"][*i][*field],
        Target::Source(field) => &mut doc["source"][*field],
        Target::Top(field) => &mut doc[*field],
    };
    *slot = match value {
        Hostile::Json(v) => v.clone(),
        Hostile::Raw(_) => Value::String(MARK.into()),
    };
    let text = serde_json::to_string_pretty(&doc).expect("serialises");
    match value {
        Hostile::Json(_) => text,
        Hostile::Raw(raw) => text.replacen(&format!("\"{MARK}\""), raw, 1),
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_string_is_refused_with_a_position(text in any::<String>()) {
        let result = Dataset::from_json(&text);
        prop_assert!(result.is_err());
        check_loaded(&result, None)?;
    }

    #[test]
    fn json_shaped_strings_are_refused_with_a_position(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,64}") {
        check_loaded(&Dataset::from_json(&text), None)?;
    }

    #[test]
    fn truncated_or_spliced_datasets_never_panic(
        cut in 0.0f64..1.0,
        insert in hostile_text(),
    ) {
        let json = coalition_infographic::data::EMBEDDED_JSON;
        let mut at = (json.len() as f64 * cut) as usize;
        while !json.is_char_boundary(at) {
            at -= 1;
        }
        check_loaded(&Dataset::from_json(&json[..at]), None)?;
        let spliced = format!("{}{insert}{}", &json[..at], &json[at..]);
        check_loaded(&Dataset::from_json(&spliced), None)?;
    }

    #[test]
    fn one_hostile_field_is_refused_by_name_or_kept_as_text(
        target in target(),
        value in hostile_value(),
    ) {
        let json = mutated(&target, &value);
        let result = Dataset::from_json(&json);
        let touched = match target {
            Target::Figure(i, _) => Some(i),
            _ => None,
        };
        check_loaded(&result, touched)?;
        if let (Target::Source(field), Err(DataError::Invalid { path, .. })) = (&target, &result) {
            prop_assert_eq!(path, &format!("source.{field}"));
        }
        // Shape errors stop at the first bad field, which is the one replaced.
        if let Err(DataError::Syntax { path, message, .. }) = &result {
            let within = match &target {
                Target::Figure(i, _) => format!("figures[{i}]"),
                Target::Source(_) => "source".to_string(),
                Target::Top(field) => field.to_string(),
            };
            // An unknown top-level field is an error of the whole document.
            let whole = matches!(target, Target::Top(_)) && path == ".";
            // Nesting past MAX_JSON_DEPTH is refused before parsing, for the whole text.
            let too_deep = path == "." && message.contains("nest deeper than");
            prop_assert!(
                whole || too_deep || path.starts_with(&within),
                "{} is not within {}",
                path,
                within
            );
        }
        if let Ok(data) = &result {
            draw_any(data, 320)?;
        }
    }

    #[test]
    fn any_short_text_is_kept_exactly(
        i in 0..figure_count(),
        field in prop::sample::select(vec!["label", "short_label", "period"]),
        text in acceptable_text(),
    ) {
        let mut doc = embedded();
        doc["figures"][i][field] = Value::String(text.clone());
        let json = serde_json::to_string(&doc).expect("serialises");
        let data = Dataset::from_json(&json);
        prop_assert!(data.is_ok(), "{:?} refused: {:?}", text, data);
        let data = data.expect("checked");
        let figure = &data.figures[i];
        let kept = match field {
            "label" => &figure.label,
            "short_label" => &figure.short_label,
            _ => &figure.period,
        };
        prop_assert_eq!(kept, &text);
    }
}

fn expect_invalid(json: &str, want_path: &str) -> String {
    match Dataset::from_json(json) {
        Err(error @ DataError::Invalid { .. }) => {
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("{want_path}: ")),
                "expected an error at {want_path}, got: {message}"
            );
            message
        }
        other => panic!("expected an error at {want_path}, got {other:?}"),
    }
}

fn with(figures: Vec<Value>) -> String {
    let mut doc = embedded();
    doc["figures"] = Value::Array(figures);
    doc.to_string()
}

/// `n` valid copies of the first figure, with distinct ids.
fn copies(n: usize) -> Vec<Value> {
    let first = embedded()["figures"][0].clone();
    (0..n)
        .map(|i| {
            let mut f = first.clone();
            f["id"] = json!(format!("f-{i}"));
            f
        })
        .collect()
}

#[test]
fn numbers_out_of_range_are_refused() {
    let doc = coalition_infographic::data::EMBEDDED_JSON;
    // figures[1] is 62 percent of Iraq liberated.
    let at_62 = |token: &str| doc.replacen("\"value\": 62,", &format!("\"value\": {token},"), 1);
    expect_invalid(&at_62("-1"), "figures[1].value");
    expect_invalid(&at_62("-1e-300"), "figures[1].value");
    expect_invalid(&at_62("1e308"), "figures[1].value");
    expect_invalid(&at_62("100.0000001"), "figures[1].value");
    // Rounds to 0, which disagrees with "62 percent".
    expect_invalid(&at_62("1e-400"), "figures[1].value");
    for token in ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "0x3e"] {
        match Dataset::from_json(&at_62(token)) {
            Err(DataError::Syntax { line, column, .. }) => {
                let text = doc.lines().nth(line - 1).expect("line");
                assert!(
                    text.contains("\"value\": 62"),
                    "{token}: line {line} is {text:?}"
                );
                assert!(column > 0, "{token}");
            }
            other => panic!("{token}: {other:?}"),
        }
    }
}

#[test]
fn a_written_number_beyond_f64_never_matches_a_value() {
    // 400 nines reads as infinity; infinity must not count as equal to 62.
    let nines = "9".repeat(400);
    let json = coalition_infographic::data::EMBEDDED_JSON
        .replacen(
            "\"written\": \"62 percent\"",
            &format!("\"written\": \"{nines} percent\""),
            1,
        )
        .replacen(
            "liberated 62 percent",
            &format!("liberated {nines} percent"),
            1,
        );
    expect_invalid(&json, "figures[1].written");
}

#[test]
fn figure_counts_are_bounded() {
    expect_invalid(&with(vec![]), "figures");
    assert!(Dataset::from_json(&with(copies(MAX_FIGURES))).is_ok());
    expect_invalid(&with(copies(MAX_FIGURES + 1)), "figures");
    // Three times the limit, still under MAX_JSON_BYTES (tests/limits.rs goes past that).
    let message = expect_invalid(&with(copies(3 * MAX_FIGURES)), "figures");
    assert!(message.contains(&MAX_FIGURES.to_string()), "{message}");
}

#[test]
fn long_texts_are_refused_by_field() {
    for field in ["label", "short_label", "period", "quote"] {
        let mut figures = copies(2);
        figures[1][field] = json!("\u{5d0}\u{301}".repeat(50_000));
        expect_invalid(&with(figures), &format!("figures[1].{field}"));
    }
    let mut doc = embedded();
    doc["source"]["title"] = json!("x".repeat(100_000));
    expect_invalid(&doc.to_string(), "source.title");
}

#[test]
fn blank_and_markup_ids_are_refused() {
    for id in [
        "",
        " ",
        "<img src=x>",
        "\u{202e}abc",
        "a".repeat(65).as_str(),
        "A",
    ] {
        let mut figures = copies(2);
        figures[1]["id"] = json!(id);
        expect_invalid(&with(figures), "figures[1].id");
    }
    let mut figures = copies(2);
    figures[1]["id"] = json!("f-0");
    expect_invalid(&with(figures), "figures[1].id");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let deep_object = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    for depth in [128, 129, 10_000, 100_000] {
        let doc = coalition_infographic::data::EMBEDDED_JSON;
        for json in [
            deep(depth),
            deep_object(depth),
            "[".repeat(depth),
            format!("{{\"source\": {}}}", deep(depth)),
            doc.replacen("\"value\": 62", &format!("\"value\": {}", deep(depth)), 1),
            doc.replacen(
                "\"of\": [\"iraq-liberated\"]",
                &format!("\"of\": {}", deep(depth)),
                1,
            ),
            doc.replacen(
                "\"figures\": [",
                &format!("\"figures\": [{},", deep_object(depth)),
                1,
            ),
        ] {
            let result = Dataset::from_json(&json);
            assert!(result.is_err(), "depth {depth}");
            check_loaded(&result, None).expect("a well-formed error");
        }
    }
}

#[test]
fn duplicate_and_unknown_keys_are_refused() {
    let doc = coalition_infographic::data::EMBEDDED_JSON;
    let twice = doc.replacen("\"source\": {", "\"source\": {\"title\": \"x\",", 1);
    let unknown = doc.replacen(
        "\"value\": 62",
        "\"onerror\": \"alert(1)\", \"value\": 62",
        1,
    );
    for json in [twice, unknown] {
        let error = Dataset::from_json(&json).expect_err("refused");
        assert!(matches!(error, DataError::Syntax { .. }), "{error}");
    }
}

/// Shape errors (a string where a number belongs, an unknown field) name the field's path, as
/// the validation errors do, besides the line and column.
#[test]
fn shape_errors_name_the_field_path() {
    let doc = coalition_infographic::data::EMBEDDED_JSON;
    let line = doc[..doc.find("\"value\": 62").expect("the 62 percent")]
        .matches('\n')
        .count()
        + 1;
    for json in [
        doc.replacen("\"value\": 62", "\"value\": \"62\"", 1),
        doc.replacen("\"value\": 62", "\"value\": 1e400", 1),
        doc.replacen("\"value\": 62", "\"onerror\": 1, \"value\": 62", 1),
    ] {
        let message = Dataset::from_json(&json).expect_err("refused").to_string();
        assert!(message.starts_with("figures[1]"), "{message}");
        assert!(message.contains(&format!("line {line}")), "{message}");
    }
}

/// A path that names nothing (empty, or ending in `.`) leaves the reader guessing; keys that
/// are empty or hold `.` need quoting to be told apart from nesting.
#[test]
fn odd_keys_still_get_a_path_that_names_something() {
    for json in [
        "{\"\": 1}",
        "{\"source\": {\"\": 1}}",
        "{\"figures\": [{\"\": 1}]}",
    ] {
        let error = Dataset::from_json(json).expect_err("refused");
        let DataError::Syntax { path, .. } = &error else {
            panic!("{json}: {error:?}");
        };
        assert!(
            !path.is_empty() && !path.ends_with('.') || path == ".",
            "{json}: path {path:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// What the loader accepts is drawn and printed as text.

/// Checks an SVG document: only the elements plotters writes, every `&` a known entity, no
/// character XML forbids, and none of the injected tags.
fn check_svg(svg: &str) -> Result<(), TestCaseError> {
    let allowed: BTreeSet<String> = [
        "?xml", "svg", "/svg", "rect", "/rect", "text", "/text", "polygon", "polyline", "line",
        "circle", "path", "g", "/g",
    ]
    .map(String::from)
    .into();
    let tags = tag_names(svg);
    prop_assert!(
        tags.is_subset(&allowed),
        "unexpected elements: {:?}",
        tags.difference(&allowed).collect::<Vec<_>>()
    );
    let lower = svg.to_ascii_lowercase();
    for tag in INJECTED_TAGS {
        prop_assert!(!lower.contains(tag), "raw {tag} in the SVG");
    }
    for (i, _) in svg.match_indices('&') {
        let entity = &svg[i..];
        prop_assert!(
            ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "a bare & at {}: {:?}",
            i,
            &entity[..entity.len().min(12)]
        );
    }
    let bad = svg.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    });
    prop_assert!(bad.is_none(), "{:?} cannot appear in XML", bad);
    Ok(())
}

/// Draws every chart at `width` and checks the drawings.
fn draw_all(data: &Dataset, width: u32) -> Result<(), TestCaseError> {
    for kind in ChartKind::ALL {
        for scale in [ScaleKind::Linear, ScaleKind::Log] {
            if scale == ScaleKind::Log && kind != ChartKind::Funding {
                continue;
            }
            let view = View {
                chart: kind,
                scale,
                ..View::default()
            };
            let height = charts::natural_height(data, &view, kind, width)
                .map_err(|e| TestCaseError::fail(format!("{kind:?} at {width}: {e}")))?;
            prop_assert!(
                height.is_finite() && height > 0.0,
                "{kind:?} at {width}: height {height}"
            );
            let (svg, layout) = render_svg(
                data,
                &view,
                kind,
                Theme::LIGHT,
                (width, height.ceil() as u32),
            )
            .map_err(|e| TestCaseError::fail(format!("{kind:?} at {width}: {e}")))?;
            check_svg(&svg)?;
            let ids: Vec<_> = layout.marks.iter().map(|m| m.figure.as_str()).collect();
            prop_assert_eq!(ids, ChartSpec::of(kind).figures, "{:?} at {}", kind, width);
        }
    }
    Ok(())
}

/// Draws every chart that `data` has the figures for at `width`, and checks the drawings.
fn draw_any(data: &Dataset, width: u32) -> Result<(), TestCaseError> {
    for kind in ChartKind::ALL {
        for scale in [ScaleKind::Linear, ScaleKind::Log] {
            let view = View {
                chart: kind,
                scale,
                ..View::default()
            };
            let height = match charts::natural_height(data, &view, kind, width) {
                Ok(height) => height,
                // A dataset may lack a chart's figures; saying so is the right answer.
                Err(ChartError::MissingFigure { .. } | ChartError::WrongUnit { .. }) => continue,
                Err(e) => return Err(TestCaseError::fail(format!("{kind:?} at {width}: {e}"))),
            };
            prop_assert!(
                height.is_finite() && height > 0.0,
                "{kind:?} at {width}: height {height}"
            );
            let (svg, layout) = render_svg(
                data,
                &view,
                kind,
                Theme::DARK,
                (width, height.ceil() as u32),
            )
            .map_err(|e| TestCaseError::fail(format!("{kind:?} at {width}: {e}")))?;
            check_svg(&svg)?;
            for mark in &layout.marks {
                let r = mark.bar;
                prop_assert!(
                    [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.w >= 0.0 && r.h >= 0.0,
                    "{kind:?} at {width}: {} drawn at {:?}",
                    mark.figure,
                    r
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn extreme_values_load_or_are_refused_and_draw(
        i in 0..figure_count(),
        value in prop_oneof![
            prop::sample::select(vec![0.0, 1e-9, 0.5, 1.0, 99.99, 100.0, 100.5, 1e15, 2e15]),
            0.0f64..1e15,
        ],
        width in prop_oneof![Just(0u32), Just(1), Just(10_000), 0u32..2_000],
    ) {
        // The value, its written form and its quote agree, so only the value's range decides.
        let mut doc = embedded();
        let figure = &mut doc["figures"][i];
        if figure.get("derived").is_some() {
            return Ok(());
        }
        let written = format!("{value}");
        figure["value"] = json!(value);
        figure["qualifier"] = json!("as_stated");
        // The period's relative words belong to the replaced quote.
        figure.as_object_mut().map(|f| (f.remove("when"), f.remove("context")));
        figure["written"] = json!(written);
        figure["quote"] = json!(format!("The figure is {written} in all."));
        let result = Dataset::from_json(&doc.to_string());
        check_loaded(&result, Some(i))?;
        if let Ok(data) = &result {
            // serde_json may round the last bit of a 17-digit number.
            let kept = data.figures[i].value;
            prop_assert!((kept - value).abs() <= value * 1e-15, "{} read as {}", value, kept);
            draw_any(data, width)?;
        }
    }

    #[test]
    fn hostile_labels_draw_as_text(
        texts in prop::collection::vec(acceptable_text(), 1..6),
        width in prop_oneof![Just(0u32), Just(1), Just(10_000), 0u32..2_000],
    ) {
        draw_all(&relabelled(&texts), width)?;
    }

}

#[test]
fn the_longest_accepted_labels_draw_at_any_width() {
    let texts: Vec<String> = [
        "W".repeat(MAX_TEXT_CHARS),
        "<img src=x onerror=alert(1)> ".repeat(MAX_TEXT_CHARS / 29),
        "\u{202e}مرحبا بالعالم ".repeat(MAX_TEXT_CHARS / 15),
        "e\u{301}".repeat(MAX_TEXT_CHARS / 2),
        "\u{0}\u{1b}".repeat(MAX_TEXT_CHARS / 2),
    ]
    .into();
    let data = relabelled(&texts);
    for width in [0, 1, 2, 320, 10_000] {
        draw_all(&data, width).expect("drawn");
    }
}
