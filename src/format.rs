//! How numbers read on the page: "more than $22.2 billion", "62%", "about 8,000".

use crate::data::{Figure, Unit};

/// A figure's value with its qualifier, as readers see it ("more than $22.2 billion").
pub fn figure_value(figure: &Figure) -> String {
    format!(
        "{}{}",
        figure.qualifier.display_prefix(),
        amount(figure.value, figure.unit)
    )
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

/// At most `places` decimals, trailing zeros dropped: 22.2, 2, 1.5.
fn decimal(value: f64, places: usize) -> String {
    let s = format!("{value:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
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
    fn amounts_read_like_the_release() {
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
}
