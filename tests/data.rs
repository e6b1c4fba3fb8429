//! The shipped dataset against the honesty rules: every stated figure carries its qualifier,
//! the words the release uses and a verbatim quote; derived figures say so and agree with
//! their inputs; bad datasets are refused with the path of the bad field.

use coalition_infographic::data::{
    DataError, DeriveOp, Origin, Qualifier, Scope, Unit, EMBEDDED_JSON,
};
use coalition_infographic::format::figure_value;
use coalition_infographic::Dataset;

fn data() -> Dataset {
    Dataset::embedded().expect("the shipped dataset is valid")
}

#[test]
fn every_stated_figure_has_a_quote_containing_its_number_as_written() {
    for f in data().figures {
        if let Origin::Stated { written, quote } = &f.origin {
            assert!(!quote.trim().is_empty(), "{}: empty quote", f.id);
            assert!(
                quote.contains(written.as_str()),
                "{}: quote lacks {written:?}",
                f.id
            );
            assert!(
                quote.chars().count() <= 200,
                "{}: quote is not a short fragment",
                f.id
            );
        }
    }
}

#[test]
fn quotes_keep_the_release_typography() {
    // The release uses curly quotes and apostrophes; a straight one means a retyped quote.
    for f in data().figures {
        if let Some(q) = f.quote() {
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
fn the_release_figures_are_all_there_with_their_qualifiers() {
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
        ("iraq-liberated", 62.0, Qualifier::Exact, Scope::Iraq),
        ("syria-liberated", 30.0, Qualifier::Exact, Scope::Syria),
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
            Qualifier::Exact,
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
        ("demining-members", 10.0, Qualifier::Exact, Scope::Iraq),
        ("demining-share", 1.0 / 3.0, Qualifier::Exact, Scope::Iraq),
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
fn derived_figures_are_flagged_computed_and_say_how() {
    let d = data();
    let not_returned = d.figure("raqqa-not-returned").expect("figure");
    assert!(not_returned.is_derived());
    assert_eq!(not_returned.value, 8_000.0);
    assert_eq!(
        not_returned.qualifier,
        Qualifier::Approximately,
        "difference of two approximations"
    );
    assert_eq!(figure_value(not_returned), "about 8,000");
    match &not_returned.origin {
        Origin::Derived { op, of, how } => {
            assert_eq!(*op, DeriveOp::Difference);
            assert_eq!(of, &["raqqa-displaced", "raqqa-returned"]);
            assert_eq!(how, "about 35,000 minus about 27,000");
        }
        Origin::Stated { .. } => panic!("must be derived"),
    }
    let iraq_rest = d.figure("iraq-not-liberated").expect("figure");
    assert!(iraq_rest.is_derived());
    assert_eq!(iraq_rest.value, 38.0);
    assert_eq!(iraq_rest.qualifier, Qualifier::Exact);
    assert_eq!(d.figure("syria-not-liberated").map(|f| f.value), Some(70.0));
    // Only these three are derived; everything else is stated with a quote.
    let derived: Vec<_> = d
        .figures
        .iter()
        .filter(|f| f.is_derived())
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        derived,
        [
            "iraq-not-liberated",
            "syria-not-liberated",
            "raqqa-not-returned"
        ]
    );
    assert!(d
        .figures
        .iter()
        .all(|f| f.is_derived() || f.quote().is_some()));
}

#[test]
fn qualifier_words_match_the_qualifier() {
    for f in data().figures {
        if let Origin::Stated { written, .. } = &f.origin {
            let lower = written.to_lowercase();
            let starts = |q: Qualifier| q.source_phrases().iter().any(|p| lower.starts_with(p));
            for q in Qualifier::ALL {
                if q != Qualifier::Exact {
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

#[test]
fn derivations_are_checked() {
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    let figures = json["figures"].as_array_mut().expect("array");
    let last = figures.len() - 1;
    // A derived figure may not carry a stated value.
    figures[last]["value"] = 8000.into();
    let err = Dataset::from_json(&json.to_string()).expect_err("refused");
    assert_eq!(err.to_string(), format!("figures[{last}].value: must be absent on a derived figure: it is computed from its inputs"));

    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    json["figures"][last]["derived"]["of"][1] = "nowhere".into();
    let err = Dataset::from_json(&json.to_string()).expect_err("refused");
    assert!(
        err.to_string()
            .starts_with(&format!("figures[{last}].derived.of[1]")),
        "{err}"
    );

    // A difference involving a lower bound has no honest value.
    let mut json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    json["figures"][last]["derived"]["of"][1] = "iraq-returned".into();
    let err = Dataset::from_json(&json.to_string()).expect_err("refused");
    assert!(err.to_string().contains("no honest bound"), "{err}");
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

/// The dataset as the Rust source of src/embedded_table.rs.
fn table_source(data: &Dataset) -> String {
    let s = &data.source;
    let mut out = String::from(
        "//! The shipped dataset as compiled-in data, so the page starts without a JSON reader.\n\
         //! Written from data/coalition-2017.json by tests/data.rs\n\
         //! (`UPDATE_SNAPSHOTS=1 cargo test --test data`); do not edit by hand.\n\n\
         use crate::data::DeriveOp::*;\n\
         use crate::data::Qualifier::*;\n\
         use crate::data::Scope::*;\n\
         use crate::data::TableFigure as F;\n\
         use crate::data::TableOrigin::*;\n\
         use crate::data::Unit::*;\n\n",
    );
    out += &format!(
        "/// Title, publisher, kind, date and occasion of the release.\n#[rustfmt::skip]\n\
         pub(crate) const SOURCE: [&str; 5] = [\n    {:?},\n    {:?},\n    {:?},\n    {:?},\n    {:?},\n];\n\n",
        s.title, s.publisher, s.kind, s.date, s.occasion
    );
    out += "/// Every figure, in file order, derived values computed.\n#[rustfmt::skip]\npub(crate) const FIGURES: &[F] = &[\n";
    for f in &data.figures {
        let origin = match &f.origin {
            Origin::Stated { written, quote } => {
                format!("Stated {{ written: {written:?}, quote: {quote:?} }}")
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
    assert_eq!(Dataset::built_in(), data());
}
