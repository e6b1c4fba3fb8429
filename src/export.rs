//! Files a reader can download: a chart's figures as CSV, and the whole dataset as JSON with
//! derived values computed and marked.

use serde::Serialize;

use crate::charts::ChartSpec;
use crate::data::{Dataset, Figure, Origin};
use crate::view::ChartKind;

/// File name stem shared by every download, so files from this infographic group together.
pub const FILE_STEM: &str = "coalition-2017";

/// The header row of the CSV export.
pub const CSV_HEADER: [&str; 11] = [
    "id",
    "label",
    "value",
    "unit",
    "qualifier",
    "value_as_shown",
    "scope",
    "period",
    "derived",
    "derived_how",
    "quote",
];

/// One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn unit_id(f: &Figure) -> &'static str {
    match f.unit {
        crate::data::Unit::Usd => "usd",
        crate::data::Unit::Percent => "percent",
        crate::data::Unit::Fraction => "fraction",
        crate::data::Unit::Count => "count",
        crate::data::Unit::Tons => "tons",
    }
}

/// The figures of chart `kind` as CSV (UTF-8, CRLF line ends, a header row), one row per
/// figure with its qualifier, scope, period, whether it is derived and its quote.
pub fn chart_csv(data: &Dataset, kind: ChartKind) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for f in ChartSpec::of(kind)
        .figures
        .iter()
        .filter_map(|id| data.figure(id))
    {
        let (how, quote) = match &f.origin {
            Origin::Stated { quote, .. } => (String::new(), quote.clone()),
            Origin::Derived { how, .. } => (how.clone(), String::new()),
        };
        let row = [
            f.id.clone(),
            f.label.clone(),
            // Shortest form that reads back to the same number.
            format!("{}", f.value),
            unit_id(f).to_string(),
            f.qualifier.as_str().to_string(),
            crate::format::figure_value(f),
            f.scope.label().to_string(),
            f.period.clone(),
            f.is_derived().to_string(),
            how,
            quote,
        ];
        let row: Vec<String> = row
            .iter()
            .map(|s| field(&crate::csv_cell::neutralise(s)))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The shape of the JSON export: the source and every figure, derived ones included.
#[derive(Serialize)]
pub struct Export<'a> {
    /// Where the figures come from.
    pub source: &'a crate::data::Source,
    /// Every figure, with `origin` saying stated or derived.
    pub figures: &'a [Figure],
}

impl<'a> Export<'a> {
    /// The export of `data`.
    pub fn of(data: &'a Dataset) -> Self {
        Export {
            source: &data.source,
            figures: &data.figures,
        }
    }
}

/// The whole dataset as JSON, derived values included and marked by their `origin`.
pub fn dataset_json(data: &Dataset) -> String {
    serde_json::to_string_pretty(&Export::of(data))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Download file name for chart `kind` with extension `ext`: `coalition-2017-funding.csv`.
pub fn file_name(kind: ChartKind, ext: &str) -> String {
    format!("{FILE_STEM}-{}.{ext}", kind.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_per_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn chart_csv_has_a_row_per_figure() {
        let data = Dataset::embedded().expect("data");
        let csv = chart_csv(&data, ChartKind::Returns);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines.len(),
            1 + ChartSpec::of(ChartKind::Returns).figures.len()
        );
        assert!(lines[0].starts_with("id,label,value"));
        assert!(csv.contains("raqqa-not-returned"));
        assert!(
            csv.contains(",true,about 35,000 minus about 27,000,")
                || csv.contains(",true,\"about 35,000 minus about 27,000\",")
        );
    }

    #[test]
    fn dataset_json_marks_derived_values() {
        let data = Dataset::embedded().expect("data");
        let json: serde_json::Value = serde_json::from_str(&dataset_json(&data)).expect("json");
        let figures = json["figures"].as_array().expect("figures");
        let derived = figures
            .iter()
            .find(|f| f["id"] == "raqqa-not-returned")
            .expect("figure");
        assert_eq!(derived["origin"]["kind"], "derived");
        assert_eq!(derived["value"], 8000.0);
        assert_eq!(json["source"]["publisher"], "U.S. Department of State");
    }
}
