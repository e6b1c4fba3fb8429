//! Reads a figure as the post writes it ("more than $22.2 billion", "Ten", "one-third")
//! back into a qualifier and a number, so a dataset cannot say one thing in its quote and
//! another in its value; and reads the relative words a figure's period rests on ("Last
//! July", "to date", "over the last two years") against the post's date, so the period a
//! dataset states can be checked against the words.

use crate::vocabulary::Qualifier;

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
    // ASCII case folding is enough: every word and phrase matched is ASCII. (Full Unicode
    // lowercasing would bring its tables to the page for no difference in what matches.)
    let lower = text.trim().to_ascii_lowercase();
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
    (Qualifier::AsStated, text)
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
    let value = decimal_number(digits).ok_or_else(|| format!("'{digits}' is not a number"))?;
    Ok((value, &text[end..]))
}

/// Reads ASCII digits with at most one decimal point ("22.2", "90000", ".5"), or `None`.
/// Correctly rounded, as `str::parse::<f64>` is, for up to 15 significant digits and 22
/// decimals (every figure a post writes); longer numbers come within a few units in the
/// last place. Written out because the standard parser brings a 10 KB table of powers of
/// five to the page.
fn decimal_number(digits: &str) -> Option<f64> {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // value = mantissa × 10^exponent, keeping the first 19 significant digits (a u64 holds them).
    let significant = whole
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|&b| b == b'0')
        .count();
    let dropped = significant.saturating_sub(19);
    let mut mantissa = 0u64;
    for b in whole
        .bytes()
        .chain(fraction.bytes())
        .take(whole.len() + fraction.len() - dropped)
    {
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let exponent = dropped as i64 - fraction.len() as i64;
    let power = |n: u64| (0..n).fold(1.0_f64, |p, _| p * 10.0);
    let m = mantissa as f64;
    // Both operands exact (m below 2^53, 10^22 the largest exact power of ten): one rounding.
    Some(if exponent >= 0 {
        m * power(exponent.unsigned_abs().min(400))
    } else if exponent >= -22 {
        m / power(exponent.unsigned_abs())
    } else {
        m / power(22) / power((exponent.unsigned_abs() - 22).min(400))
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date: the post's, which relative words are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
}

impl Date {
    /// Reads an ISO date ("2017-03-22"), or `None`.
    pub fn from_iso(iso: &str) -> Option<Date> {
        let mut parts = iso.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
    }

    /// "22 March 2017".
    pub fn words(self) -> String {
        format!("{} {}", self.day, month_year(self.year, self.month))
    }

    /// The month's English name ("March"); "?" for a month outside 1 to 12.
    pub fn month_name(self) -> &'static str {
        month_name(self.month)
    }
}

/// The English name of `month` (1 to 12), or "?".
fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// "March 2017".
fn month_year(year: u16, month: u8) -> String {
    format!("{} {year}", month_name(month))
}

/// The period that relative words name, read against the post's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One calendar month: "Last July" in March 2017 is July 2016.
    Month {
        /// The year.
        year: u16,
        /// 1 to 12.
        month: u8,
    },
    /// From a month to the post's date: "since … last November" is since November 2016.
    SinceMonth {
        /// The year.
        year: u16,
        /// 1 to 12.
        month: u8,
    },
    /// From a year to the post's date: "Since 2014".
    SinceYear(u16),
    /// The months back to the post's month: "over the last two years" in March 2017 is
    /// March 2015 to March 2017.
    MonthsTo {
        /// First year.
        from_year: u16,
        /// Last year.
        to_year: u16,
        /// The month both ends fall in.
        month: u8,
    },
    /// Up to the post's date: "to date".
    UpTo(Date),
    /// On the post's date: "Today".
    AsOf(Date),
    /// A calendar year, ahead or under way: "for 2017".
    For(u16),
    /// To the end of a year: "through 2018".
    Through(u16),
}

impl Period {
    /// The period in words, as a dataset's `period` begins: "July 2016", "Since November
    /// 2016", "March 2015 to March 2017", "To 22 March 2017", "For 2017", "Through 2018".
    pub fn words(self) -> String {
        match self {
            Period::Month { year, month } => month_year(year, month),
            Period::SinceMonth { year, month } => format!("Since {}", month_year(year, month)),
            Period::SinceYear(year) => format!("Since {year}"),
            Period::MonthsTo {
                from_year,
                to_year,
                month,
            } => format!(
                "{} to {}",
                month_year(from_year, month),
                month_year(to_year, month)
            ),
            Period::UpTo(date) => format!("To {}", date.words()),
            Period::AsOf(date) => format!("As of {}", date.words()),
            Period::For(year) => format!("For {year}"),
            Period::Through(year) => format!("Through {year}"),
        }
    }
}

/// A four-digit year, or `None`.
fn year(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The month named `word` ("november", any case), 1 to 12.
fn month_named(word: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The latest `month` before the post's month: "last July" in March 2017 is July 2016, and
/// "last March" in March 2017 is March 2016.
fn last(month: u8, published: Date) -> (u16, u8) {
    if month < published.month {
        (published.year, month)
    } else {
        (published.year.saturating_sub(1), month)
    }
}

/// Reads the relative words a period rests on ("Last July", "to date", "over the last two
/// years", "for 2017", "through 2018", "Since 2014", "Today", "since … last November",
/// "since its peak in 2014") against the post's date. The error says what could not be read.
pub fn resolve_when(words: &str, published: Date) -> Result<Period, String> {
    let lower = words
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .to_ascii_lowercase();
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let unread = || format!("'{words}' is not a period this reader knows");
    match tokens.as_slice() {
        ["to", "date"] => Ok(Period::UpTo(published)),
        ["today"] => Ok(Period::AsOf(published)),
        ["for", y] => year(y).map(Period::For).ok_or_else(unread),
        ["through", y] => year(y).map(Period::Through).ok_or_else(unread),
        ["last", m] => {
            let (year, month) = last(month_named(m).ok_or_else(unread)?, published);
            Ok(Period::Month { year, month })
        }
        [.., "the", "last", n, "years" | "year"] => {
            let (count, rest) = leading_number(n)?;
            if !rest.is_empty() || count < 1.0 || count.fract() != 0.0 || count > 100.0 {
                return Err(unread());
            }
            Ok(Period::MonthsTo {
                from_year: published.year.saturating_sub(count as u16),
                to_year: published.year,
                month: published.month,
            })
        }
        ["since", .., "last", m] => {
            let (year, month) = last(month_named(m).ok_or_else(unread)?, published);
            Ok(Period::SinceMonth { year, month })
        }
        ["since", m] if month_named(m).is_some() => {
            // "since November", said in March: the November before.
            let month = month_named(m).ok_or_else(unread)?;
            let year = if month <= published.month {
                published.year
            } else {
                published.year.saturating_sub(1)
            };
            Ok(Period::SinceMonth { year, month })
        }
        ["since", .., y] => year(y).map(Period::SinceYear).ok_or_else(unread),
        _ => Err(unread()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Qualifier, f64) {
        let w = parse_written(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (w.qualifier, w.value)
    }

    #[test]
    fn reads_the_post_forms() {
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
        assert_eq!(read("62 percent"), (Qualifier::AsStated, 62.0));
        assert_eq!(read("68-member"), (Qualifier::AsStated, 68.0));
        assert_eq!(read("Ten"), (Qualifier::AsStated, 10.0));
        assert_eq!(read("more than half"), (Qualifier::MoreThan, 0.5));
        assert_eq!(read("some 8,200 tons"), (Qualifier::Some, 8200.0));
        assert_eq!(read("nearly 90,000"), (Qualifier::Nearly, 90_000.0));
        assert_eq!(read("more than 1.5 million"), (Qualifier::MoreThan, 1.5e6));
        let (q, v) = read("one-third");
        assert_eq!(q, Qualifier::AsStated);
        assert!((v - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn reads_decimals_as_the_standard_parser_does() {
        let mut cases: Vec<String> = [
            "0",
            "5",
            ".5",
            "22.2",
            "2.3",
            "1.5",
            "0.1",
            "0.3",
            "90000",
            "007",
            "1.000",
            "123456789012345",
            "12345678901234.5",
            "0.000000000000000000001",
            "9007199254740993",
            "18446744073709551615",
            "99999999999999999999999",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Arbitrary digit strings of up to 15 significant digits and up to 22 decimals.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = (state % 10u64.pow((state >> 60) as u32 % 16)).to_string();
            let point = (state >> 40) as usize % (digits.len() + 8);
            let s = if point >= digits.len() {
                digits
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            };
            cases.push(s);
        }
        for s in &cases {
            let expected: f64 = s.parse().expect("a number");
            let got = decimal_number(s).expect("read");
            let close = (got - expected).abs() <= expected.abs() * 4.0 * f64::EPSILON;
            let significant = s.trim_start_matches(['0', '.']).replace('.', "").len();
            if significant <= 15 {
                assert_eq!(got.to_bits(), expected.to_bits(), "{s}");
            } else {
                assert!(close, "{s}: {got} against {expected}");
            }
        }
        for bad in ["", ".", "1.2.3", "..5", "1,0", "1e5", "-1"] {
            assert_eq!(decimal_number(bad), None, "{bad}");
        }
        assert_eq!(decimal_number(&"9".repeat(400)), Some(f64::INFINITY));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(parse_written("many").is_err());
        assert!(parse_written("more than").is_err());
        assert!(parse_written("12 of 40").is_err());
        assert!(parse_written("tenth").is_err());
    }

    const POSTED: Date = Date {
        year: 2017,
        month: 3,
        day: 22,
    };

    fn period(words: &str) -> String {
        resolve_when(words, POSTED)
            .unwrap_or_else(|e| panic!("{words}: {e}"))
            .words()
    }

    #[test]
    fn relative_words_resolve_against_the_post_date() {
        assert_eq!(Date::from_iso("2017-03-22"), Some(POSTED));
        assert_eq!(period("Last July"), "July 2016");
        assert_eq!(period("last November"), "November 2016");
        assert_eq!(period("last March"), "March 2016");
        assert_eq!(period("last February"), "February 2017");
        assert_eq!(
            period("Since the start of the Coalition-supported Raqqa campaign last November"),
            "Since November 2016"
        );
        assert_eq!(period("since November"), "Since November 2016");
        assert_eq!(period("since February"), "Since February 2017");
        assert_eq!(
            period("over the last two years"),
            "March 2015 to March 2017"
        );
        assert_eq!(period("in the last 3 years"), "March 2014 to March 2017");
        assert_eq!(period("to date"), "To 22 March 2017");
        assert_eq!(period("To date,"), "To 22 March 2017");
        assert_eq!(period("Today"), "As of 22 March 2017");
        assert_eq!(period("for 2017"), "For 2017");
        assert_eq!(period("through 2018."), "Through 2018");
        assert_eq!(period("Since 2014"), "Since 2014");
        assert_eq!(period("since its peak in 2014"), "Since 2014");
        let january = Date {
            year: 2018,
            month: 1,
            day: 5,
        };
        assert_eq!(
            resolve_when("last December", january).map(Period::words),
            Ok("December 2017".to_string())
        );
    }

    #[test]
    fn unknown_period_words_are_refused() {
        for words in [
            "",
            "recently",
            "last week",
            "for 17",
            "through the year",
            "over the last many years",
            "over the last 0 years",
            "since the start",
            "last Julember",
        ] {
            assert!(resolve_when(words, POSTED).is_err(), "{words}");
        }
        for iso in [
            "2017-13-01",
            "2017-3-22",
            "March 2017",
            "2017-00-10",
            "2017-03-22-1",
        ] {
            assert_eq!(Date::from_iso(iso), None, "{iso}");
        }
    }
}
