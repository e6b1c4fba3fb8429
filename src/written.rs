//! Reads a figure as the release writes it ("more than $22.2 billion", "Ten", "one-third")
//! back into a qualifier and a number, so a dataset cannot say one thing in its quote and
//! another in its value.

use crate::data::Qualifier;

/// A written figure, read back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Written {
    /// The hedge the words carry.
    pub qualifier: Qualifier,
    /// The number the words name, in the figure's unit (percent as 0–100, fractions as 0–1).
    pub value: f64,
}

const WORD_NUMBERS: [(&str, f64); 16] = [
    ("two-thirds", 2.0 / 3.0),
    ("one-third", 1.0 / 3.0),
    ("one-quarter", 0.25),
    ("half", 0.5),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
];

const SCALES: [(&str, f64); 3] = [("thousand", 1e3), ("million", 1e6), ("billion", 1e9)];

/// Reads `text`; the error says what could not be read.
pub fn parse_written(text: &str) -> Result<Written, String> {
    let lower = text.trim().to_lowercase();
    let (qualifier, rest) = split_qualifier(&lower);
    let (value, rest) = leading_number(rest)?;
    let rest = rest.trim_start();
    let (value, rest) = match SCALES.iter().find(|(word, _)| rest.starts_with(word)) {
        Some((word, factor)) => (value * factor, &rest[word.len()..]),
        None => (value, rest),
    };
    // What follows is the unit noun ("percent", "tons", "-member"): words only, no second number.
    if rest.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!("has more than one number: '{rest}'"));
    }
    Ok(Written { qualifier, value })
}

fn split_qualifier(text: &str) -> (Qualifier, &str) {
    for q in Qualifier::ALL {
        for phrase in q.source_phrases() {
            if let Some(rest) = text.strip_prefix(phrase) {
                if rest.starts_with(' ') {
                    return (q, rest.trim_start());
                }
            }
        }
    }
    (Qualifier::Exact, text)
}

fn leading_number(text: &str) -> Result<(f64, &str), String> {
    for (word, value) in WORD_NUMBERS {
        if let Some(rest) = text.strip_prefix(word) {
            if !rest.starts_with(|c: char| c.is_alphabetic()) {
                return Ok((value, rest));
            }
        }
    }
    let text = text.strip_prefix('$').unwrap_or(text);
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let digits: String = text[..end].chars().filter(|&c| c != ',').collect();
    let digits = digits.trim_end_matches('.');
    if digits.is_empty() {
        return Err("names no number".to_string());
    }
    let value = digits
        .parse::<f64>()
        .map_err(|_| format!("'{digits}' is not a number"))?;
    Ok((value, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Qualifier, f64) {
        let w = parse_written(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (w.qualifier, w.value)
    }

    #[test]
    fn reads_the_release_forms() {
        assert_eq!(
            read("more than $22.2 billion"),
            (Qualifier::MoreThan, 22.2e9)
        );
        assert_eq!(
            read("approximately $2 billion"),
            (Qualifier::Approximately, 2e9)
        );
        assert_eq!(
            read("Approximately 27,000"),
            (Qualifier::Approximately, 27_000.0)
        );
        assert_eq!(read("62 percent"), (Qualifier::Exact, 62.0));
        assert_eq!(read("68-member"), (Qualifier::Exact, 68.0));
        assert_eq!(read("Ten"), (Qualifier::Exact, 10.0));
        assert_eq!(read("more than half"), (Qualifier::MoreThan, 0.5));
        assert_eq!(read("some 8,200 tons"), (Qualifier::Some, 8200.0));
        assert_eq!(read("nearly 90,000"), (Qualifier::Nearly, 90_000.0));
        assert_eq!(read("more than 1.5 million"), (Qualifier::MoreThan, 1.5e6));
        let (q, v) = read("one-third");
        assert_eq!(q, Qualifier::Exact);
        assert!((v - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(parse_written("many").is_err());
        assert!(parse_written("more than").is_err());
        assert!(parse_written("12 of 40").is_err());
        assert!(parse_written("tenth").is_err());
    }
}
