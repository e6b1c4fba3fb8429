//! The dataset: every figure of the State Department's post, typed and validated.
//!
//! The JSON file keeps what the post says (value, qualifier, the words it uses, a verbatim
//! quote, and where a figure needs them, a second verbatim quote for context and the words
//! its period rests on); figures the post does not state but that follow from it (e.g. 100%
//! minus a stated share) are declared as derivations and computed here, so they can never
//! drift from their inputs. Every other quantity the post mentions is listed, with its words
//! and why it is not a figure, in [`Dataset::uncharted`].

use serde::Deserialize;
use thiserror::Error;

pub use crate::vocabulary::*;
use crate::written::parse_written;

/// The shipped dataset, embedded at compile time so the page needs no extra request.
pub const EMBEDDED_JSON: &str = include_str!("../data/coalition-2017.json");

/// The whole text of the post, as published (it is a work of the U.S. Government, in the
/// public domain). Every quote in the shipped dataset is a verbatim part of it.
pub const SOURCE_TEXT: &str = include_str!("../data/source.txt");

/// The post's address on DipNote, the U.S. Department of State's official blog; the shipped
/// dataset's `source.url`.
pub const SOURCE_URL: &str =
    "https://blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis";

/// What is wrong with a dataset; `path` names the field, e.g. `figures[3].value`.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DataError {
    /// Not JSON, or not the schema's shape.
    #[error("{path}: {message}{}", position(*line, *column))]
    Syntax {
        /// Where in the document, e.g. `figures[3].unit` (`.` for the whole document).
        path: String,
        /// 1-based line; 0 when the source has no lines (a JavaScript object).
        line: usize,
        /// 1-based column; 0 when the source has no lines.
        column: usize,
        /// What serde reported.
        message: String,
    },
    /// A field has a value the schema allows but the rules do not.
    #[error("{path}: {reason}")]
    Invalid {
        /// Path of the field.
        path: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
}

/// A serde path a reader can follow: `.` for the document itself, and an empty key shown as
/// `""` rather than as nothing (`source.""`), so it cannot read as nesting.
fn readable_path(path: String) -> String {
    if path.is_empty() {
        ".".to_string()
    } else if let Some(stem) = path.strip_suffix('.') {
        format!("{stem}.\"\"")
    } else {
        path
    }
}

/// " (line 3, column 7)", or nothing for a source without lines.
fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line}, column {column})")
    }
}

fn invalid(path: impl Into<String>, reason: impl Into<String>) -> DataError {
    DataError::Invalid {
        path: path.into(),
        reason: reason.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    source: Source,
    figures: Vec<RawFigure>,
    #[serde(default)]
    uncharted: RawUncharted,
}

/// A dataset's uncharted list as read. Natively (the site build, the command line, the
/// tests) it is read and validated. The WebAssembly accepts the key and skips what it
/// holds: the page draws figures only, and reading the list would cost the full module 2.5 KB
/// of its gzip budget, so a custom dataset loaded in the browser has an empty list.
#[cfg(not(target_arch = "wasm32"))]
type RawUncharted = Vec<Uncharted>;
#[cfg(target_arch = "wasm32")]
type RawUncharted = serde::de::IgnoredAny;

/// The uncharted list of `raw`, validated.
#[cfg(not(target_arch = "wasm32"))]
fn uncharted(raw: RawUncharted) -> Result<Vec<Uncharted>, DataError> {
    if raw.len() > MAX_FIGURES {
        return Err(invalid(
            "uncharted",
            format!("holds more than {MAX_FIGURES} mentions"),
        ));
    }
    for (i, u) in raw.iter().enumerate() {
        check_text(&format!("uncharted[{i}].quote"), &u.quote)?;
        check_text(&format!("uncharted[{i}].why"), &u.why)?;
    }
    Ok(raw)
}

#[cfg(target_arch = "wasm32")]
fn uncharted(_: RawUncharted) -> Result<Vec<Uncharted>, DataError> {
    Ok(Vec::new())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: String,
    label: String,
    short_label: Option<String>,
    value: Option<f64>,
    unit: Unit,
    qualifier: Option<Qualifier>,
    scope: Scope,
    period: String,
    written: Option<String>,
    quote: Option<String>,
    context: Option<String>,
    when: Option<String>,
    derived: Option<RawDerivation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDerivation {
    op: DeriveOp,
    of: Vec<String>,
}

/// Longest label, period or quote accepted; longer text breaks layouts and is not a "short" quote.
pub const MAX_TEXT_CHARS: usize = 300;
/// Most figures a dataset may hold; keeps layout and hit-testing bounded.
pub const MAX_FIGURES: usize = 1000;

/// Largest dataset text accepted, in bytes, checked before parsing. The largest dataset the
/// rules allow in practice (1,000 figures with texts of ordinary length) is well under it.
pub const MAX_JSON_BYTES: usize = 2_000_000;
/// Deepest nesting of arrays and objects accepted, checked before parsing; the schema's own
/// is 4 (`figures[0].origin.of`).
pub const MAX_JSON_DEPTH: usize = 32;

/// Refuses a dataset text that is too large or nested too deeply before any parsing, so a
/// hostile file costs one quick pass, naming the line and column where it passes the limit.
/// The page checks the same limits (`www/custom-data.js`) before `JSON.parse`.
pub fn check_limits(json: &str) -> Result<(), DataError> {
    let (mut line, mut column) = (1, 0);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let refuse = |line, column, message: String| DataError::Syntax {
        path: ".".to_string(),
        line,
        column,
        message,
    };
    for (at, byte) in json.bytes().enumerate() {
        if at == MAX_JSON_BYTES {
            return Err(refuse(
                line,
                column,
                format!("the text is longer than {MAX_JSON_BYTES} bytes"),
            ));
        }
        column += 1;
        match byte {
            b'\n' => (line, column) = (line + 1, 0),
            _ if in_string => match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            },
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(refuse(
                        line,
                        column,
                        format!("arrays and objects nest deeper than {MAX_JSON_DEPTH} levels"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

impl Dataset {
    /// The shipped dataset. It is validated by the test suite, so failure here is a build defect.
    pub fn embedded() -> Result<Dataset, DataError> {
        Dataset::from_json(EMBEDDED_JSON)
    }

    /// Parses and validates a dataset in the shipped schema.
    pub fn from_json(json: &str) -> Result<Dataset, DataError> {
        check_limits(json)?;
        let mut de = serde_json::Deserializer::from_str(json);
        let raw: RawDataset = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = readable_path(e.path().to_string());
            let inner = e.into_inner();
            // serde_json appends the position to its message; it is given separately here.
            let message = inner.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            DataError::Syntax {
                path,
                line: inner.line(),
                column: inner.column(),
                message,
            }
        })?;
        validate(raw)
    }

    /// Parses and validates a dataset in the shipped schema from any serde deserializer. On
    /// the page that can be a JavaScript object (`JSON.parse` output) read through
    /// serde-wasm-bindgen, so the WebAssembly need not carry a JSON parser of its own. Shape
    /// errors name the path, as [`Dataset::from_json`]'s do, without a line and column.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(
        de: D,
    ) -> Result<Dataset, DataError> {
        let raw: RawDataset = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = readable_path(e.path().to_string());
            DataError::Syntax {
                path,
                line: 0,
                column: 0,
                // serde-wasm-bindgen's errors are JavaScript Errors and print as "Error: …".
                message: {
                    let m = e.into_inner().to_string();
                    m.strip_prefix("Error: ").map(str::to_string).unwrap_or(m)
                },
            }
        })?;
        validate(raw)
    }

    /// The shipped dataset from its compiled-in table (src/embedded_table.rs), with no JSON
    /// reader or validation to run: the page starts with less code. The test suite checks
    /// the table against [`Dataset::embedded`], which reads and validates the JSON file.
    pub fn built_in() -> Dataset {
        use crate::embedded_table::{FIGURES, SOURCE};
        let owned = |s: Option<&str>| s.map(str::to_string);
        let figures = FIGURES
            .iter()
            .map(|row| Figure {
                id: row.id.to_string(),
                label: row.label.to_string(),
                short_label: row.short_label.to_string(),
                value: row.value,
                unit: row.unit,
                qualifier: row.qualifier,
                scope: row.scope,
                period: row.period.to_string(),
                origin: match row.origin {
                    TableOrigin::Stated {
                        written,
                        quote,
                        context,
                        when,
                    } => Origin::Stated {
                        written: written.to_string(),
                        quote: quote.to_string(),
                        context: owned(context),
                        when: owned(when),
                    },
                    TableOrigin::Derived { op, of, how } => Origin::Derived {
                        op,
                        of: of.iter().map(|id| id.to_string()).collect(),
                        how: how.to_string(),
                    },
                },
            })
            .collect();
        // The downloads carry the list; the viewer module, which has none, leaves it out.
        #[cfg(feature = "extras")]
        let uncharted = crate::embedded_table::UNCHARTED
            .iter()
            .map(|u| Uncharted {
                quote: u.quote.to_string(),
                why: u.why.to_string(),
                kind: u.kind,
            })
            .collect();
        #[cfg(not(feature = "extras"))]
        let uncharted = Vec::new();
        Dataset {
            source: Source {
                title: SOURCE.title.to_string(),
                publisher: SOURCE.publisher.to_string(),
                kind: SOURCE.kind.to_string(),
                url: owned(SOURCE.url),
                date: SOURCE.date.to_string(),
                date_note: owned(SOURCE.date_note),
                occasion: SOURCE.occasion.to_string(),
            },
            figures,
            uncharted,
        }
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }
}

fn check_text(path: &str, text: &str) -> Result<(), DataError> {
    if text.trim().is_empty() {
        return Err(invalid(path, "must not be empty"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(invalid(
            path,
            format!("is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

fn check_id(path: &str, id: &str) -> Result<(), DataError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            path,
            "must be 1 to 64 characters of a-z, 0-9 and '-'",
        ))
    }
}

fn check_value(path: &str, value: f64, unit: Unit) -> Result<(), DataError> {
    if !value.is_finite() || value < 0.0 {
        return Err(invalid(path, "must be a finite number of at least 0"));
    }
    let limit = match unit {
        Unit::Percent => 100.0,
        Unit::Fraction => 1.0,
        Unit::Usd | Unit::Count | Unit::Tons => 1e15,
    };
    if value > limit {
        return Err(invalid(
            path,
            format!("must be at most {limit} for this unit"),
        ));
    }
    Ok(())
}

fn validate(raw: RawDataset) -> Result<Dataset, DataError> {
    if raw.figures.is_empty() {
        return Err(invalid("figures", "must hold at least one figure"));
    }
    if raw.figures.len() > MAX_FIGURES {
        return Err(invalid(
            "figures",
            format!("holds more than {MAX_FIGURES} figures"),
        ));
    }
    let source = &raw.source;
    for (field, text) in [
        ("source.title", Some(&source.title)),
        ("source.publisher", Some(&source.publisher)),
        ("source.kind", Some(&source.kind)),
        ("source.url", source.url.as_ref()),
        ("source.date", Some(&source.date)),
        ("source.date_note", source.date_note.as_ref()),
        ("source.occasion", Some(&source.occasion)),
    ] {
        if let Some(text) = text {
            check_text(field, text)?;
        }
    }
    if let Some(url) = &raw.source.url {
        // Only a web address: the page links it, and no other scheme belongs in a link.
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.bytes().any(|b| b <= b' ')
        {
            return Err(invalid(
                "source.url",
                "must be an http:// or https:// address with no spaces or control characters",
            ));
        }
    }
    let uncharted = uncharted(raw.uncharted)?;

    let mut figures: Vec<Figure> = Vec::with_capacity(raw.figures.len());
    for (i, f) in raw.figures.into_iter().enumerate() {
        let at = |field: &str| format!("figures[{i}].{field}");
        check_id(&at("id"), &f.id)?;
        if figures.iter().any(|g| g.id == f.id) {
            return Err(invalid(at("id"), format!("'{}' is used twice", f.id)));
        }
        check_text(&at("label"), &f.label)?;
        check_text(&at("period"), &f.period)?;
        if let Some(short) = &f.short_label {
            check_text(&at("short_label"), short)?;
        }
        let short_label = f.short_label.unwrap_or_else(|| f.label.clone());

        let (value, qualifier, origin) = match f.derived {
            None => stated(
                &at,
                f.value,
                f.unit,
                f.qualifier,
                Words {
                    written: f.written,
                    quote: f.quote,
                    context: f.context,
                    when: f.when,
                },
            )?,
            Some(d) => {
                for (field, present) in [
                    ("value", f.value.is_some()),
                    ("qualifier", f.qualifier.is_some()),
                    ("written", f.written.is_some()),
                    ("quote", f.quote.is_some()),
                    ("context", f.context.is_some()),
                    ("when", f.when.is_some()),
                ] {
                    if present {
                        return Err(invalid(
                            at(field),
                            "must be absent on a derived figure: it is computed from its inputs",
                        ));
                    }
                }
                derive(&at, &figures, f.unit, d)?
            }
        };
        figures.push(Figure {
            id: f.id,
            label: f.label,
            short_label,
            value,
            unit: f.unit,
            qualifier,
            scope: f.scope,
            period: f.period,
            origin,
        });
    }
    Ok(Dataset {
        source: raw.source,
        figures,
        uncharted,
    })
}

/// The words a stated figure is given in, as the file has them.
struct Words {
    written: Option<String>,
    quote: Option<String>,
    context: Option<String>,
    when: Option<String>,
}

fn stated(
    at: &dyn Fn(&str) -> String,
    value: Option<f64>,
    unit: Unit,
    qualifier: Option<Qualifier>,
    words: Words,
) -> Result<(f64, Qualifier, Origin), DataError> {
    let Words {
        written,
        quote,
        context,
        when,
    } = words;
    let value = value.ok_or_else(|| invalid(at("value"), "is required on a stated figure"))?;
    check_value(&at("value"), value, unit)?;
    let qualifier =
        qualifier.ok_or_else(|| invalid(at("qualifier"), "is required on a stated figure"))?;
    let written =
        written.ok_or_else(|| invalid(at("written"), "is required on a stated figure"))?;
    let quote = quote.ok_or_else(|| invalid(at("quote"), "is required on a stated figure"))?;
    check_text(&at("written"), &written)?;
    check_text(&at("quote"), &quote)?;
    if let Some(context) = &context {
        check_text(&at("context"), context)?;
    }
    if let Some(when) = &when {
        check_text(&at("when"), when)?;
        let in_context = context
            .as_deref()
            .is_some_and(|c| c.contains(when.as_str()));
        if !quote.contains(when.as_str()) && !in_context {
            return Err(invalid(
                at("when"),
                format!("'{when}' does not appear in the quote or the context"),
            ));
        }
    }
    if !quote.contains(written.as_str()) {
        return Err(invalid(
            at("written"),
            format!("'{written}' does not appear in the quote"),
        ));
    }
    let parsed = parse_written(&written)
        .map_err(|reason| invalid(at("written"), format!("'{written}': {reason}")))?;
    if parsed.qualifier != qualifier {
        return Err(invalid(
            at("qualifier"),
            format!(
                "is '{}' but the written form '{written}' says '{}'",
                qualifier.as_str(),
                parsed.qualifier.as_str()
            ),
        ));
    }
    if !approx_eq(parsed.value, value) {
        return Err(invalid(
            at("value"),
            format!(
                "is {value} but the written form '{written}' says {}",
                parsed.value
            ),
        ));
    }
    Ok((
        value,
        qualifier,
        Origin::Stated {
            written,
            quote,
            context,
            when,
        },
    ))
}

fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn derive(
    at: &dyn Fn(&str) -> String,
    earlier: &[Figure],
    unit: Unit,
    d: RawDerivation,
) -> Result<(f64, Qualifier, Origin), DataError> {
    let arity = match d.op {
        DeriveOp::Difference => 2,
        DeriveOp::Complement => 1,
    };
    if d.of.len() != arity {
        return Err(invalid(
            at("derived.of"),
            format!("needs exactly {arity} figure id(s) for this operation"),
        ));
    }
    let mut inputs = Vec::with_capacity(arity);
    for (k, id) in d.of.iter().enumerate() {
        let input = earlier.iter().find(|g| &g.id == id).ok_or_else(|| {
            invalid(
                format!("{}[{k}]", at("derived.of")),
                format!("'{id}' is not a figure listed before this one"),
            )
        })?;
        if input.unit != unit {
            return Err(invalid(
                format!("{}[{k}]", at("derived.of")),
                format!("'{id}' is in another unit than this figure"),
            ));
        }
        inputs.push(input);
    }
    let (value, qualifier) = match d.op {
        DeriveOp::Difference => {
            let (a, b) = (inputs[0], inputs[1]);
            let q = difference_qualifier(a.qualifier, b.qualifier).ok_or_else(|| {
                invalid(
                    at("derived"),
                    format!(
                        "the difference of a '{}' and a '{}' figure has no honest bound",
                        a.qualifier.as_str(),
                        b.qualifier.as_str()
                    ),
                )
            })?;
            (a.value - b.value, q)
        }
        DeriveOp::Complement => {
            let a = inputs[0];
            if unit != Unit::Percent {
                return Err(invalid(at("unit"), "a complement must be in percent"));
            }
            let q = complement_qualifier(a.qualifier).ok_or_else(|| {
                invalid(
                    at("derived"),
                    format!(
                        "the complement of a '{}' figure has no honest bound",
                        a.qualifier.as_str()
                    ),
                )
            })?;
            (100.0 - a.value, q)
        }
    };
    check_value(&at("derived"), value, unit)?;
    let how = match d.op {
        DeriveOp::Difference => format!(
            "{} minus {}",
            crate::format::figure_value(inputs[0]),
            crate::format::figure_value(inputs[1])
        ),
        DeriveOp::Complement => format!("100% minus {}", crate::format::figure_value(inputs[0])),
    };
    Ok((
        value,
        qualifier,
        Origin::Derived {
            op: d.op,
            of: d.of,
            how,
        },
    ))
}

/// The qualifier of `a − b`, or `None` where no honest bound exists
/// (a lower bound minus anything inexact could be anything).
fn difference_qualifier(a: Qualifier, b: Qualifier) -> Option<Qualifier> {
    use Qualifier as Q;
    match (a, b) {
        (Q::AsStated, Q::AsStated) => Some(Q::AsStated),
        (Q::MoreThan, Q::AsStated) => Some(Q::MoreThan),
        (Q::MoreThan, _) | (_, Q::MoreThan) => None,
        _ => Some(Q::Approximately),
    }
}

/// The qualifier of `100 − a`; a lower bound would become an upper bound, which the
/// qualifier set cannot say, so it is refused.
fn complement_qualifier(a: Qualifier) -> Option<Qualifier> {
    match a {
        Qualifier::AsStated => Some(Qualifier::AsStated),
        Qualifier::Approximately | Qualifier::Some => Some(Qualifier::Approximately),
        Qualifier::MoreThan | Qualifier::Nearly => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_deserializer_gives_the_same_dataset_and_paths() {
        let mut de = serde_json::Deserializer::from_str(EMBEDDED_JSON);
        let data = Dataset::from_deserializer(&mut de).expect("valid");
        assert_eq!(Some(data), Dataset::embedded().ok());

        let bad = EMBEDDED_JSON.replacen("\"unit\": \"count\"", "\"unit\": \"furlongs\"", 1);
        let mut de = serde_json::Deserializer::from_str(&bad);
        match Dataset::from_deserializer(&mut de) {
            Err(error @ DataError::Syntax { .. }) => assert!(
                error
                    .to_string()
                    .starts_with("figures[0].unit: unknown variant `furlongs`"),
                "{error}"
            ),
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn each_qualifier_has_its_own_words_under_its_data_name() {
        for q in Qualifier::ALL {
            let name = serde_json::to_string(&q).expect("serializes");
            assert_eq!(name, format!("\"{}\"", q.wording().id));
            let back: Qualifier = serde_json::from_str(&name).expect("reads back");
            assert_eq!(back, q);
        }
        let old: Qualifier = serde_json::from_str("\"exact\"").expect("the former name");
        assert_eq!(old, Qualifier::AsStated);
        assert_eq!(Qualifier::Approximately.display_prefix(), "approximately ");
        assert_ne!(DERIVED_FROM_AS_STATED.id, Qualifier::AsStated.as_str());
    }

    #[test]
    fn difference_of_lower_bounds_is_refused() {
        assert_eq!(
            difference_qualifier(Qualifier::Approximately, Qualifier::MoreThan),
            None
        );
        assert_eq!(
            difference_qualifier(Qualifier::Approximately, Qualifier::Approximately),
            Some(Qualifier::Approximately)
        );
        assert_eq!(complement_qualifier(Qualifier::Nearly), None);
    }
}
