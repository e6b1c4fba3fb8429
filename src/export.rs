//! Files a reader can download: a chart's figures as CSV, and the whole dataset as JSON with
//! derived values computed and marked. Both carry the post's address.

use serde::Serialize;

use crate::charts::ChartSpec;
use crate::data::{Dataset, Figure, Origin};
use crate::i18n::Lang;
use crate::view::ChartKind;

/// File name stem shared by every download, so files from this infographic group together.
pub const FILE_STEM: &str = "coalition-2017";

/// The header row of the CSV export. `qualifier` is the id of the figure's
/// [`crate::data::Wording`]; `source_url` is the post's address, on every row so that a row
/// copied out of the file still says where it comes from.
pub const CSV_HEADER: [&str; 14] = [
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
    "context",
    "when",
    "source_url",
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
/// figure with its qualifier, scope, period, whether it is derived, its quote and context,
/// the relative words of its period and the source's address.
pub fn chart_csv(data: &Dataset, kind: ChartKind) -> String {
    chart_csv_in(data, kind, Lang::En)
}

/// [`chart_csv`] with the words a reader reads in `lang`: label, value as shown, scope,
/// period and how a derived value is computed. The header row (the columns' ids, which
/// programs read), the ids, numbers and qualifier ids, and the post's quotes stay as they are
/// in every language, so one program reads every language's file.
pub fn chart_csv_in(data: &Dataset, kind: ChartKind, lang: Lang) -> String {
    let data = crate::translated::translate(data, lang);
    let words = lang.words();
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    let url = data.source.url.as_deref().unwrap_or_default();
    for f in ChartSpec::of(kind)
        .figures
        .iter()
        .filter_map(|id| data.figure(id))
    {
        let (how, quote, context, when) = match &f.origin {
            Origin::Stated {
                quote,
                context,
                when,
                ..
            } => ("", quote.as_str(), context.as_deref(), when.as_deref()),
            Origin::Derived { how, .. } => (how.as_str(), "", None, None),
        };
        let value = format!("{}", f.value);
        let shown = crate::format::figure_value_in(f, lang);
        let row: [&str; CSV_HEADER.len()] = [
            &f.id,
            &f.label,
            // Shortest form that reads back to the same number.
            &value,
            unit_id(f),
            f.wording().id,
            &shown,
            words.scope(f.scope),
            &f.period,
            if f.is_derived() { "true" } else { "false" },
            how,
            quote,
            context.unwrap_or_default(),
            when.unwrap_or_default(),
            url,
        ];
        for (i, text) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&field(&crate::csv_cell::neutralise(text)));
        }
        out.push_str("\r\n");
    }
    out
}

/// The shape of the JSON export: the source (its address included), every figure, derived
/// ones included, and every quantity the text mentions that is not a figure.
#[derive(Serialize)]
pub struct Export<'a> {
    /// Where the figures come from.
    pub source: &'a crate::data::Source,
    /// Every figure, with `origin` saying stated or derived.
    pub figures: &'a [Figure],
    /// The text's other quantities, each with why it is not a figure.
    pub uncharted: &'a [crate::data::Uncharted],
}

impl<'a> Export<'a> {
    /// The export of `data`.
    pub fn of(data: &'a Dataset) -> Self {
        Export {
            source: &data.source,
            figures: &data.figures,
            uncharted: &data.uncharted,
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
    fn chart_csv_has_a_row_per_figure_and_the_source_address() {
        let data = Dataset::embedded().expect("data");
        let csv = chart_csv(&data, ChartKind::Returns);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines.len(),
            1 + ChartSpec::of(ChartKind::Returns).figures.len()
        );
        assert!(lines[0].starts_with("id,label,value"));
        assert!(lines[0].ends_with(",context,when,source_url"));
        for line in &lines[1..] {
            assert!(
                line.ends_with(&format!(",{}", crate::data::SOURCE_URL)),
                "{line}"
            );
        }
        assert!(
            csv.contains(",approximately,approximately 35,000,")
                || csv.contains(",approximately,\"approximately 35,000\",")
        );
        assert!(!csv.contains("raqqa-not-returned"));

        let liberation = chart_csv(&data, ChartKind::Liberation);
        assert!(liberation.contains(",as_stated,62%,"));
        assert!(liberation.contains(",derived_from_as_stated,38%,"));
        assert!(liberation.contains(",true,100% minus 62%,"));
        assert!(!liberation.contains("exact"));
    }

    #[test]
    fn dataset_json_marks_derived_values_and_carries_the_address_and_mentions() {
        let data = Dataset::embedded().expect("data");
        let json: serde_json::Value = serde_json::from_str(&dataset_json(&data)).expect("json");
        let figures = json["figures"].as_array().expect("figures");
        let derived = figures
            .iter()
            .find(|f| f["id"] == "iraq-not-liberated")
            .expect("figure");
        assert_eq!(derived["origin"]["kind"], "derived");
        assert_eq!(derived["value"], 38.0);
        assert_eq!(derived["qualifier"], "derived_from_as_stated");
        let stated = figures
            .iter()
            .find(|f| f["id"] == "raqqa-returned")
            .expect("figure");
        assert_eq!(stated["qualifier"], "approximately");
        assert!(stated["origin"]["context"]
            .as_str()
            .is_some_and(|c| c.contains("Raqqa campaign")));
        assert_eq!(
            stated["origin"]["when"],
            "Since the start of the Coalition-supported Raqqa campaign last November"
        );
        assert_eq!(json["source"]["publisher"], "U.S. Department of State");
        assert_eq!(json["source"]["url"], crate::data::SOURCE_URL);
        let mentions = json["uncharted"].as_array().expect("uncharted");
        assert_eq!(mentions.len(), data.uncharted.len());
        assert!(mentions
            .iter()
            .any(|m| m["quote"] == "7 minutes read time" && m["kind"] == "page_furniture"));
        assert!(!dataset_json(&data).contains("\"exact\""));
    }
}
