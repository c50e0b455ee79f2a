//! Amounts as a plan writes them: a whole YAML number, or text in Swedish notation
//! (`"1 631 000"`, `"2,5"`), never a float.
//!
//! In: a YAML scalar. Out: an exact [`Amount`]; [`amount_literal`] writes one back.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use rust_decimal::Decimal;

/// An amount as written in the plan: a YAML number, or a string in Swedish notation
/// (`"1 631 000"`, `"2,5"`). Never a float inside vplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

/// Reads an amount from a YAML number or text.
pub(super) struct AmountVisitor;

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // As text, so that vplan sees exactly what was typed: YAML would read `1.000` as one.
        deserializer.deserialize_str(AmountVisitor)
    }
}

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett belopp, till exempel 3262 eller 1631000")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        bounded(Decimal::from(v)).map(Amount).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        bounded(Decimal::from(v)).map(Amount).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        // A whole number beyond 64 bits arrives here as a float too.
        if !v.is_finite() || v.abs() >= 1e28 || (v.fract() == 0.0 && v.abs() >= 9.2e18) {
            return Err(E::custom(too_large()));
        }
        // Only reached inside `{ belopp: … }` and lists, where YAML has already turned the text
        // into a float: `1.000` and `1.0` look the same here, so a decimal point is refused.
        Err(E::custom(DECIMAL_POINT))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        parse_swedish_amount(v).map(Amount).map_err(E::custom)
    }
}

/// Accepts what [`Amount`]'s `Deserialize` accepts: a whole YAML number, or text in Swedish
/// notation as [`parse_swedish_amount`] reads it (a decimal point is refused in both).
impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ett belopp: ett heltal som 3262, eller text med mellanslag mellan tusentalen och decimalkomma, som \"1 631 000\" eller \"2,5\". Punkt och enhet skrivs inte i beloppet.",
            "examples": [3262, "1 631 000", "2,5"],
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": AMOUNT_PATTERN },
            ],
        })
    }
}

/// The text form of an amount that [`parse_swedish_amount`] reads, as a regular expression
/// for the schema: optional minus, digits (grouped by threes with a space after the first
/// group of one to three), optional decimal comma.
pub const AMOUNT_PATTERN: &str =
    "^\\s*[-\u{2212}]?\\s*([0-9]+|[0-9]{1,3}([ \u{a0}\u{202f}][0-9]{3})+)(,[0-9]+)?\\s*$";

/// The most digits an amount may have before its decimal comma: up to 999 999 999 999 999, far
/// beyond any förbund's budget, so that no sum, unit conversion or share of amounts a plan can
/// hold (at most [`crate::yaml::MAX_NODES`] of them) can leave the range of exact arithmetic.
pub const MAX_WHOLE_DIGITS: usize = 15;

/// The most decimals an amount may have.
pub const MAX_DECIMALS: usize = 6;

fn too_many_decimals(decimals: usize) -> String {
    format!(
        "beloppet har {decimals} decimaler; vplan räknar med högst {MAX_DECIMALS}, så avrunda till \
         {MAX_DECIMALS} decimaler eller färre, till exempel \"2,5\""
    )
}

fn too_large() -> String {
    format!(
        "beloppet är för stort; vplan räknar med belopp upp till {MAX_WHOLE_DIGITS} siffror före \
         decimalkommat och {MAX_DECIMALS} decimaler"
    )
}

/// Whether `value` is an amount a plan may hold.
pub fn within_bounds(value: Decimal) -> bool {
    bounded(value).is_ok()
}

/// `value` if it is within the bounds of an amount.
fn bounded(value: Decimal) -> Result<Decimal, String> {
    let whole = value.abs().trunc();
    if whole.to_string().len() > MAX_WHOLE_DIGITS {
        return Err(too_large());
    }
    if value.scale() as usize > MAX_DECIMALS {
        return Err(too_many_decimals(value.scale() as usize));
    }
    Ok(value)
}

const DECIMAL_POINT: &str = "ett belopp med punkt eller exponent är tvetydigt (är 1.000 tusen eller ett?); \
    skriv tusental utan punkt, som 1000 eller \"1 000\", och decimaler med komma, som \"2,5\"";

/// Parses an amount typed as text the unambiguous Swedish way: digits grouped by single
/// spaces (`1 631 000`) and an optional decimal comma (`2,5`), with a leading minus.
pub fn parse_swedish_amount(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let looks_numeric = trimmed.chars().all(|c| c.is_ascii_digit() || ".eE+- ".contains(c));
    if looks_numeric
        && (trimmed.contains('.') || trimmed.contains(['e', 'E']))
        && trimmed.chars().any(|c| c.is_ascii_digit())
    {
        return Err(format!("`{trimmed}`: {DECIMAL_POINT}"));
    }
    if let Some(number) = trimmed.strip_suffix('%') {
        let number = number.trim_end();
        return Err(format!(
            "`{trimmed}` har ett procenttecken; en andel skrivs alltid i procent, så skriv bara talet: \
             `\"{number}\"` (inom citattecken när det har decimalkomma)"
        ));
    }
    if let Some(unit) = ["tkr", "kr", "kronor", "mkr", "SEK"].iter().find(|u| trimmed.ends_with(*u)) {
        return Err(format!(
            "`{trimmed}` har enheten `{unit}` i beloppet; skriv bara talet, enheten anges en gång med `enhet:`"
        ));
    }
    let (negative, body) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let (integer, fraction) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = integer.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped_ok = !groups.is_empty()
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1 || groups[0].len() <= 3)
        && groups[1..].iter().all(|g| g.len() == 3);
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !grouped_ok || !fraction_ok {
        return Err(format!(
            "`{trimmed}` är inget belopp vplan kan läsa; skriv siffror utan tecken, som 1631000, \
             eller med mellanslag mellan tusentalen och decimalkomma, som \"1 631 000\" eller \"2,5\""
        ));
    }
    let mut digits = groups.concat();
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    let whole_digits = groups.concat().trim_start_matches('0').len();
    if whole_digits > MAX_WHOLE_DIGITS {
        return Err(too_large());
    }
    if let Some(fraction) = fraction.filter(|f| f.len() > MAX_DECIMALS) {
        return Err(too_many_decimals(fraction.len()));
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| too_large())?;
    Ok(if negative { -value } else { value })
}

/// An amount as a plan writes it, so that `vplan ny` and hints write what the parser reads
/// back exactly: digits for whole amounts, a quoted decimal comma otherwise.
pub fn amount_literal(value: Decimal) -> String {
    let value = value.normalize();
    if value.fract().is_zero() {
        value.to_string()
    } else {
        format!("\"{}\"", value.to_string().replace('.', ","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn swedish_amount_text_parses_unambiguous_forms() {
        assert_eq!(parse_swedish_amount("1 631 000"), Ok(dec!(1631000)));
        assert_eq!(parse_swedish_amount("2,5"), Ok(dec!(2.5)));
        assert_eq!(parse_swedish_amount("−343"), Ok(dec!(-343)));
        assert_eq!(parse_swedish_amount("3262"), Ok(dec!(3262)));
    }

    #[test]
    fn too_many_decimals_is_not_too_large() {
        let message = parse_swedish_amount("1,1234567").unwrap_err();
        assert!(message.contains("7 decimaler") && !message.contains("för stort"), "{message}");
        let percent = parse_swedish_amount("12,5 %").unwrap_err();
        assert!(percent.contains("\"12,5\"") && !percent.contains("enhet"), "{percent}");
    }

    #[test]
    fn swedish_amount_text_refuses_ambiguous_forms() {
        for text in [
            "1.000.000",
            "1.000",
            "1.5",
            "1e30",
            "1 00",
            "3 262 tkr",
            "1,5,0",
            "12 3456",
            "",
            "0x10",
            "1_000",
        ] {
            assert!(parse_swedish_amount(text).is_err(), "{text} should be refused");
        }
    }
}
