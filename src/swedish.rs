//! Swedish number and date formatting, in one place.
//!
//! In: computed amounts, shares and dates. Out: the strings a Swedish reader expects —
//! thousands grouped with a no-break space (`3 262`), decimal comma, a real minus sign
//! (`−343`), `35 %`, `26 november 2025` and `2025-11-26`.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// No-break space: groups thousands and joins a number to its unit.
pub const NBSP: char = '\u{a0}';
/// The minus sign (U+2212), not the hyphen-minus.
pub const MINUS: char = '\u{2212}';

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Formats an amount as written: `1 631 000`, `−343`, `2,5`. Trailing zero decimals are dropped.
pub fn amount(value: Decimal) -> String {
    let normalized = value.normalize();
    let text = normalized.abs().to_string();
    let (integer, fraction) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if normalized.is_sign_negative() && !normalized.is_zero() {
        out.push(MINUS);
    }
    out.push_str(&group_thousands(integer));
    if let Some(fraction) = fraction {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// Formats an amount with an explicit plus sign for positive values (`+210`), as in a
/// column of changes.
pub fn signed_amount(value: Decimal) -> String {
    if value.is_sign_positive() && !value.is_zero() { format!("+{}", amount(value)) } else { amount(value) }
}

/// Formats a share given in percent, rounded to whole percent: `35 %`.
pub fn percent(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{}{NBSP}%", amount(rounded))
}

/// Formats a share given in percent with one decimal where it has one: `49,3 %`, `25 %`.
pub fn percent_precise(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{}{NBSP}%", amount(rounded))
}

/// Formats a share given in percent with exactly `decimals` decimals: `1,04 %`, `25,00 %`.
pub fn percent_decimals(value: Decimal, decimals: u32) -> String {
    let rounded =
        value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let mut text = amount(rounded);
    if decimals > 0 {
        let have = text.split_once(',').map(|(_, f)| f.len()).unwrap_or(0);
        if have == 0 {
            text.push(',');
        }
        text.extend(std::iter::repeat_n('0', decimals as usize - have));
    }
    format!("{text}{NBSP}%")
}

/// A count with its noun in the right number: `1 cell`, `3 celler`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A duration in seconds with two decimals and a decimal comma: `0,41 s`.
pub fn seconds(duration: std::time::Duration) -> String {
    // Whole microseconds, rounded half up to hundredths; no float rounding surprises.
    let hundredths = (duration.as_micros() + 5_000) / 10_000;
    format!("{},{:02}{NBSP}s", hundredths / 100, hundredths % 100)
}

/// A date as Swedish prose: `26 november 2025`.
pub fn date_long(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// A date in ISO form, as Swedish documents print it in tables: `2025-11-26`.
pub fn date_iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    let len = digits.chars().count();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_group_thousands_with_no_break_space() {
        assert_eq!(amount(dec!(3262)), "3\u{a0}262");
        assert_eq!(amount(dec!(1631000)), "1\u{a0}631\u{a0}000");
        assert_eq!(amount(dec!(999)), "999");
        assert_eq!(amount(dec!(0)), "0");
    }

    #[test]
    fn negative_amounts_use_the_minus_sign() {
        assert_eq!(amount(dec!(-343)), "\u{2212}343");
        assert_eq!(amount(dec!(-3035000)), "\u{2212}3\u{a0}035\u{a0}000");
        assert_eq!(amount(dec!(-0)), "0");
    }

    #[test]
    fn decimals_use_a_comma_and_drop_trailing_zeros() {
        assert_eq!(amount(dec!(2.50)), "2,5");
        assert_eq!(amount(dec!(1234.75)), "1\u{a0}234,75");
        assert_eq!(amount(dec!(4762.000)), "4\u{a0}762");
    }

    #[test]
    fn signed_amounts_show_plus() {
        assert_eq!(signed_amount(dec!(210)), "+210");
        assert_eq!(signed_amount(dec!(-1002)), "\u{2212}1\u{a0}002");
        assert_eq!(signed_amount(dec!(0)), "0");
    }

    #[test]
    fn percent_rounds_and_spaces() {
        assert_eq!(percent(dec!(34.77)), "35\u{a0}%");
        assert_eq!(percent(dec!(20)), "20\u{a0}%");
        assert_eq!(percent(dec!(12.5)), "13\u{a0}%");
    }

    #[test]
    fn seconds_have_a_decimal_comma() {
        use std::time::Duration;
        assert_eq!(seconds(Duration::from_millis(410)), "0,41\u{a0}s");
        assert_eq!(seconds(Duration::from_millis(12_345)), "12,35\u{a0}s");
        assert_eq!(seconds(Duration::from_micros(4_999)), "0,00\u{a0}s");
        assert_eq!(seconds(Duration::from_millis(1_005)), "1,01\u{a0}s");
    }

    #[test]
    fn dates_in_both_swedish_forms() {
        let date = NaiveDate::from_ymd_opt(2025, 11, 26).unwrap();
        assert_eq!(date_long(date), "26 november 2025");
        assert_eq!(date_iso(date), "2025-11-26");
        assert_eq!(date_long(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()), "1 januari 2026");
    }
}
