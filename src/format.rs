//! How numbers read on the page: "more than $22.2 billion", "62%", "approximately 35,000", in
//! each language of [`crate::i18n`] ("plus de 22,2 milliards de dollars", "أكثر من ٢٢٫٢ مليار
//! دولار"). Numbers are written here, in Rust, for every language, so the charts, tooltips and
//! tables never disagree with a browser's formatter.

use crate::i18n::{fill, Lang, Numbers, Plural};
use crate::vocabulary::{Figure, Unit};

/// A figure's value with its qualifier, as readers see it ("more than $22.2 billion").
pub fn figure_value(figure: &Figure) -> String {
    figure_value_in(figure, Lang::En)
}

/// A figure's value with its qualifier in `lang` ("plus de 22,2 milliards de dollars").
pub fn figure_value_in(figure: &Figure, lang: Lang) -> String {
    let words = lang.words();
    format!(
        "{}{}",
        words.wording(figure).prefix,
        amount_in(figure.value, figure.unit, lang)
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
    amount_in(value, unit, Lang::En)
}

/// A bare amount in its unit, in `lang`.
pub fn amount_in(value: f64, unit: Unit, lang: Lang) -> String {
    let n = &lang.words().numbers;
    match unit {
        Unit::Usd => scaled(value, n, n.usd, &n.usd_million, &n.usd_billion),
        Unit::Percent => fill(n.percent, &[&local(&decimal(value, 1), n)]),
        Unit::Fraction => fraction(value, n),
        Unit::Count => scaled(value, n, "{}", &n.million, &n.billion),
        Unit::Tons => fill(n.plural.pick(&n.tons, value), &[&local(&grouped(value), n)]),
    }
}

/// A short axis label for a tick ("$5B", "$500M", "20k", "40%").
pub fn tick(value: f64, unit: Unit) -> String {
    tick_in(value, unit, Lang::En)
}

/// A short axis label for a tick, in `lang` ("5 Md$", "٢٠ ألف").
pub fn tick_in(value: f64, unit: Unit, lang: Lang) -> String {
    let n = &lang.words().numbers;
    let short = |v: f64, t: [&str; 4]| -> String {
        let a = v.abs();
        let (template, digits) = if a >= 1e9 {
            (t[0], decimal(v / 1e9, 1))
        } else if a >= 1e6 {
            (t[1], decimal(v / 1e6, 1))
        } else if a >= 1e4 {
            (t[2], decimal(v / 1e3, 1))
        } else {
            (t[3], grouped(v))
        };
        fill(template, &[&local(&digits, n)])
    };
    let [b, m, k] = n.tick_count;
    match unit {
        Unit::Usd => short(value, n.tick_usd),
        Unit::Percent => fill(n.percent, &[&local(&decimal(value, 1), n)]),
        Unit::Fraction => fill(n.percent, &[&local(&decimal(value * 100.0, 1), n)]),
        Unit::Count | Unit::Tons => short(value, [b, m, k, "{}"]),
    }
}

/// 1.5 million, 22.2 billion, 90,000: words for millions and up, digit groups below, each
/// through its template (`plain` below a million).
fn scaled(value: f64, n: &Numbers, plain: &str, million: &Plural, billion: &Plural) -> String {
    let (template, digits) = if value.abs() >= 1e9 {
        let v = value / 1e9;
        (n.plural.pick(billion, v), decimal(v, 1))
    } else if value.abs() >= 1e6 {
        let v = value / 1e6;
        (n.plural.pick(million, v), decimal(v, 1))
    } else {
        (plain, grouped(value))
    };
    fill(template, &[&local(&digits, n)])
}

fn fraction(value: f64, n: &Numbers) -> String {
    const SHARES: [f64; 4] = [0.5, 1.0 / 3.0, 2.0 / 3.0, 0.25];
    SHARES
        .iter()
        .position(|v| (v - value).abs() < 1e-9)
        .map(|i| n.fractions[i].to_string())
        .unwrap_or_else(|| fill(n.percent, &[&local(&decimal(value * 100.0, 1), n)]))
}

/// `ascii` (digits, `.` and `,` as [`decimal`] and [`grouped`] write them) in the digits and
/// separators of `n`.
fn local(ascii: &str, n: &Numbers) -> String {
    if n.zero == '0' && n.decimal == '.' && n.group == ',' {
        return ascii.to_string();
    }
    ascii
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(n.zero) + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => n.decimal,
            ',' => n.group,
            c => c,
        })
        .collect()
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
    fn amounts_read_as_french_and_arabic_write_them() {
        let fr = |v, u| amount_in(v, u, Lang::Fr);
        assert_eq!(fr(22.2e9, Unit::Usd), "22,2 milliards de dollars");
        assert_eq!(fr(1.5e9, Unit::Usd), "1,5 milliard de dollars");
        assert_eq!(fr(240e6, Unit::Usd), "240 millions de dollars");
        assert_eq!(fr(62.0, Unit::Percent), "62\u{202f}%");
        assert_eq!(fr(1.5e6, Unit::Count), "1,5 million");
        assert_eq!(fr(35_000.0, Unit::Count), "35\u{202f}000");
        assert_eq!(fr(8_200.0, Unit::Tons), "8\u{202f}200 tonnes");
        assert_eq!(fr(0.5, Unit::Fraction), "la moitié");
        let ar = |v, u| amount_in(v, u, Lang::Ar);
        assert_eq!(ar(22.2e9, Unit::Usd), "٢٢٫٢ مليار دولار");
        assert_eq!(ar(35_000.0, Unit::Count), "٣٥٬٠٠٠");
        assert_eq!(ar(62.0, Unit::Percent), "٦٢٪");
        assert_eq!(tick_in(5e9, Unit::Usd, Lang::Fr), "5\u{a0}Md$");
        assert_eq!(tick_in(20_000.0, Unit::Count, Lang::Ar), "٢٠ ألف");
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
