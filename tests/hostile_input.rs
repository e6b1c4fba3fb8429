//! A hostile dataset, second round: a text too large or nested too deep is refused before
//! parsing, quickly, with the limit named; and labels written as spreadsheet formulas reach
//! a CSV download as text, not as formulas. The page checks the same limits in JavaScript
//! (`www/custom-data.js`), so the numbers must match.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use coalition_infographic::csv_cell::FORMULA_STARTS;
use coalition_infographic::data::{DataError, EMBEDDED_JSON, MAX_JSON_BYTES, MAX_JSON_DEPTH};
use coalition_infographic::export::chart_csv;
use coalition_infographic::view::ChartKind;
use coalition_infographic::Dataset;
use serde_json::{json, Value};

/// Refused quickly, for the whole document, with a position and the limit in the message.
fn refused_quickly(json: &str, words: &str) -> DataError {
    let started = Instant::now();
    let result = Dataset::from_json(json);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(500), "took {took:?}");
    match result {
        Err(error @ DataError::Syntax { .. }) => {
            let message = error.to_string();
            assert!(message.starts_with(".: "), "{message}");
            assert!(message.contains(words), "{message}");
            assert!(message.contains("(line "), "{message}");
            error
        }
        other => panic!("expected a refusal before parsing, got {other:?}"),
    }
}

#[test]
fn a_five_megabyte_file_is_refused_before_parsing() {
    // Valid JSON all the way: only its size is wrong.
    let padding = " ".repeat(5_000_000);
    let json = EMBEDDED_JSON.replacen('{', &format!("{{{padding}"), 1);
    refused_quickly(&json, &format!("longer than {MAX_JSON_BYTES} bytes"));
    // Ten thousand figures is also past the size limit, long before the figure limit.
    let mut doc: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    let first = doc["figures"][0].clone();
    doc["figures"] = Value::Array(vec![first; 10_000]);
    refused_quickly(&doc.to_string(), "bytes");
    // Just under the limit, the dataset is read as usual.
    let json = EMBEDDED_JSON.replacen(
        '{',
        &format!("{{{}", " ".repeat(MAX_JSON_BYTES - 20_000)),
        1,
    );
    assert!(Dataset::from_json(&json).is_ok());
}

#[test]
fn a_five_thousand_deep_dataset_is_refused_by_depth_first() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    for json in [
        deep.clone(),
        format!("{}1{}", "{\"a\":".repeat(5000), "}".repeat(5000)),
        EMBEDDED_JSON.replacen("\"figures\": [", &format!("\"figures\": [{deep},"), 1),
        // Never closed: refused at the limit, not at the end.
        "[".repeat(5_000_000),
    ] {
        let error = refused_quickly(&json, &format!("nest deeper than {MAX_JSON_DEPTH} levels"));
        if let DataError::Syntax { line, .. } = error {
            assert!(line >= 1);
        }
    }
    let at_limit = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH),
        "]".repeat(MAX_JSON_DEPTH)
    );
    assert!(!Dataset::from_json(&at_limit)
        .expect_err("not a dataset")
        .to_string()
        .contains("nest deeper"));
}

#[test]
fn brackets_and_quotes_inside_strings_do_not_count_as_nesting() {
    let mut doc: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    doc["figures"][0]["label"] = json!(format!("\\\"{}\\\\\"", "[{".repeat(60)));
    let data = Dataset::from_json(&doc.to_string()).expect("accepted");
    assert!(data.figures[0].label.starts_with("\\\"[{[{"));
}

#[test]
fn the_page_checks_the_same_limits() {
    let script = include_str!("../www/custom-data.js");
    let number = |name: &str| -> usize {
        let line = script
            .lines()
            .find(|l| l.starts_with(&format!("export const {name} = ")))
            .unwrap_or_else(|| panic!("{name} in custom-data.js"));
        line.rsplit(' ')
            .next()
            .unwrap_or_default()
            .trim_end_matches(';')
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("a number in {line}"))
    };
    assert_eq!(number("MAX_BYTES"), MAX_JSON_BYTES);
    assert_eq!(number("MAX_DEPTH"), MAX_JSON_DEPTH);
}

/// The release's dataset with every text a CSV row carries written as a formula.
fn hostile_dataset() -> Dataset {
    let mut doc: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    for (i, figure) in doc["figures"]
        .as_array_mut()
        .expect("figures")
        .iter_mut()
        .enumerate()
    {
        let start = FORMULA_STARTS[i % FORMULA_STARTS.len()];
        figure["label"] = json!(format!(
            "{start}HYPERLINK(\"http://example.org\",\"Details\")"
        ));
        figure["short_label"] = json!(format!("{start}1+1"));
        figure["period"] = json!(format!("{start}cmd|' /C calc'!A0"));
    }
    Dataset::from_json(&doc.to_string()).expect("formulas are text the rules accept")
}

/// Splits RFC 4180 text into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_cells_never_start_a_formula() {
    let data = hostile_dataset();
    for kind in ChartKind::ALL {
        let rows = parse_csv(&chart_csv(&data, kind));
        assert!(rows.len() > 1, "{kind:?}");
        for row in &rows[1..] {
            assert_eq!(row.len(), rows[0].len(), "{row:?}");
            for cell in row {
                assert!(!cell.starts_with(FORMULA_STARTS), "{kind:?}: {cell:?}");
            }
            // The text itself is kept, behind the apostrophe a spreadsheet hides.
            assert!(
                row[1].starts_with('\'') && row[1].contains("HYPERLINK"),
                "{row:?}"
            );
            assert!(
                row[7].starts_with('\'') && row[7].ends_with("calc'!A0"),
                "{row:?}"
            );
        }
    }
}

#[test]
fn the_release_csv_is_unchanged() {
    let data = Dataset::embedded().expect("data");
    for kind in ChartKind::ALL {
        assert!(!chart_csv(&data, kind).contains("\"'") && !chart_csv(&data, kind).contains(",'"));
    }
}
