//! How numbers read on the page: "more than $22.2 billion", "62%", "approximately 35,000".

use crate::vocabulary::{Figure, Unit};

/// A figure's value with its qualifier, as readers see it ("more than $22.2 billion").
pub fn figure_value(figure: &Figure) -> String {
    format!(
        "{}{}",
        figure.wording().prefix,
        amount(figure.value, figure.unit)
    )
}

/// `text` between double quotes, for messages that repeat what a reader typed: quotes and
/// backslashes escaped, control characters shown as `\u{…}`, so the message reads as one line.
/// It writes what `{:?}` would for ordinary text without pulling the standard library's
/// `Debug` escaping (and its Unicode tables) into the WebAssembly.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                out.push_str("\\u{");
                out.push_str(&hex(u32::from(c)));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `n` in lower-case hexadecimal, without leading zeros.
fn hex(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdef"[(n % 16) as usize]);
        n /= 16;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// A bare amount in its unit, with no qualifier ("$22.2 billion", "62%", "8,200 tons").
pub fn amount(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Usd => format!("${}", scaled(value)),
        Unit::Percent => format!("{}%", decimal(value, 1)),
        Unit::Fraction => fraction(value),
        Unit::Count => scaled(value),
        Unit::Tons => format!("{} tons", scaled(value)),
    }
}

/// A short axis label for a tick ("$5B", "$500M", "20k", "40%").
pub fn tick(value: f64, unit: Unit) -> String {
    let short = |v: f64| -> String {
        let a = v.abs();
        if a >= 1e9 {
            format!("{}B", decimal(v / 1e9, 1))
        } else if a >= 1e6 {
            format!("{}M", decimal(v / 1e6, 1))
        } else if a >= 1e4 {
            format!("{}k", decimal(v / 1e3, 1))
        } else {
            grouped(v)
        }
    };
    match unit {
        Unit::Usd => format!("${}", short(value)),
        Unit::Percent => format!("{}%", decimal(value, 1)),
        Unit::Fraction => format!("{}%", decimal(value * 100.0, 1)),
        Unit::Count | Unit::Tons => short(value),
    }
}

/// 1.5 million, 22.2 billion, 90,000: words for millions and up, digit groups below.
fn scaled(value: f64) -> String {
    if value.abs() >= 1e9 {
        format!("{} billion", decimal(value / 1e9, 1))
    } else if value.abs() >= 1e6 {
        format!("{} million", decimal(value / 1e6, 1))
    } else {
        grouped(value)
    }
}

fn fraction(value: f64) -> String {
    const WORDS: [(f64, &str); 4] = [
        (0.5, "half"),
        (1.0 / 3.0, "one-third"),
        (2.0 / 3.0, "two-thirds"),
        (0.25, "one-quarter"),
    ];
    WORDS
        .iter()
        .find(|(v, _)| (v - value).abs() < 1e-9)
        .map(|(_, w)| (*w).to_string())
        .unwrap_or_else(|| format!("{}%", decimal(value * 100.0, 1)))
}

/// At most `places` decimals, trailing zeros dropped: 22.2, 2, 1.5. Written with integer
/// arithmetic rather than the standard float formatting, whose code would be a tenth of the
/// page's WebAssembly; exact for anything below 10^15 (the dataset's limit), halves rounded
/// away from zero.
pub fn decimal(value: f64, places: u32) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    let unit = 10u64.pow(places.min(6));
    let scaled = (value.abs() * unit as f64).round();
    // Past 2^63 the integer no longer holds it; such values are refused as data anyway.
    if scaled >= 9.2e18 {
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}{}", u64::MAX);
    }
    let n = scaled as u64;
    let mut out = String::new();
    if value < 0.0 && n != 0 {
        out.push('-');
    }
    out += &(n / unit).to_string();
    let frac = n % unit;
    if frac != 0 {
        let digits = format!("{frac:0width$}", width = places.min(6) as usize);
        out.push('.');
        out += digits.trim_end_matches('0');
    }
    out
}

/// Rounded to a whole number with comma groups: 90,000.
fn grouped(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{}", rounded.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_reads_as_debug_does_for_what_readers_type() {
        for text in [
            "funding",
            "",
            "a b",
            "caf\u{e9}",
            "say \"hi\"",
            "back\\slash",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"), "{text}");
        }
        assert_eq!(quoted("a\nb\u{7f}"), "\"a\\u{a}b\\u{7f}\"");
        assert!(!quoted("<x>\r\n").contains(['\r', '\n']));
    }

    #[test]
    fn amounts_read_like_the_post() {
        assert_eq!(amount(22.2e9, Unit::Usd), "$22.2 billion");
        assert_eq!(amount(2e9, Unit::Usd), "$2 billion");
        assert_eq!(amount(240e6, Unit::Usd), "$240 million");
        assert_eq!(amount(62.0, Unit::Percent), "62%");
        assert_eq!(amount(0.5, Unit::Fraction), "half");
        assert_eq!(amount(1.0 / 3.0, Unit::Fraction), "one-third");
        assert_eq!(amount(0.1, Unit::Fraction), "10%");
        assert_eq!(amount(1.5e6, Unit::Count), "1.5 million");
        assert_eq!(amount(90_000.0, Unit::Count), "90,000");
        assert_eq!(amount(8_200.0, Unit::Tons), "8,200 tons");
        assert_eq!(amount(350.0, Unit::Count), "350");
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(tick(5e9, Unit::Usd), "$5B");
        assert_eq!(tick(0.0, Unit::Usd), "$0");
        assert_eq!(tick(100e6, Unit::Usd), "$100M");
        assert_eq!(tick(20_000.0, Unit::Count), "20k");
        assert_eq!(tick(1.5e6, Unit::Count), "1.5M");
        assert_eq!(tick(40.0, Unit::Percent), "40%");
    }

    #[test]
    fn decimals_round_and_drop_trailing_zeros() {
        assert_eq!(decimal(22.2, 1), "22.2");
        assert_eq!(decimal(2.0, 1), "2");
        assert_eq!(decimal(0.05, 1), "0.1");
        assert_eq!(decimal(-0.04, 1), "0");
        assert_eq!(decimal(-1.25, 2), "-1.25");
        assert_eq!(decimal(10.483_870_967, 3), "10.484");
        assert_eq!(decimal(0.000_5, 3), "0.001");
        assert_eq!(decimal(1e15, 1), "1000000000000000");
        assert_eq!(decimal(f64::NAN, 1), "NaN");
        assert_eq!(decimal(1e300, 1), u64::MAX.to_string());
    }
}
