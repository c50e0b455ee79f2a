//! Numbers and punctuation in Swedish prose, in one place.
//!
//! In: plain text a user wrote (a Markdown text run, a heading, a caption), before it is
//! escaped. Out: the same text as a Swedish typesetter would set it:
//! - straight double quotes become ” and straight single quotes ’ (Swedish uses the same mark
//!   to open and close);
//! - a hyphen between two numbers ("2026-2028", "16-64 år") becomes an en dash, and a hyphen
//!   standing alone between words (" - ") a spaced en dash;
//! - a number is never broken: the spaces between its digit groups ("1 500"), between it and
//!   its unit ("700 tkr", "60 %", "3 år") and after "cirka", "ca" or "§" become no-break
//!   spaces;
//! - a % typed right after its number ("20%") gets its no-break space ("20 %").
//!
//! Code spans and web addresses never reach this module: the Markdown step passes them by.
//! A word that looks like an address ("www.x.se/2020-2021", "https://…") is left as it is.

use crate::swedish::NBSP;

/// Units that stay on the line of the number before them.
const UNITS: &[&str] = &["kr", "tkr", "mnkr", "mkr", "Mkr", "kronor", "%", "procent", "år", "st"];
/// Words that stay on the line of the number after them.
const BEFORE_NUMBER: &[&str] = &["cirka", "ca", "Cirka", "Ca", "§"];

/// The text with Swedish quotes, dashes and unbreakable numbers (see the module docs).
pub fn prose(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // An address: copy the whole word untouched.
        if starts_word(&chars, i) && looks_like_address(&chars[i..]) {
            while i < chars.len() && !chars[i].is_whitespace() {
                out.push(chars[i]);
                i += 1;
            }
            continue;
        }
        match c {
            '"' => out.push('”'),
            '\'' => out.push('’'),
            '-' if is_number_range(&chars, i) => out.push('–'),
            '-' if i > 0
                && chars[i - 1] == ' '
                && chars.get(i + 1) == Some(&' ')
                && i >= 2
                && !chars[i - 2].is_whitespace() =>
            {
                out.push('–');
            }
            ' ' if keeps_together(&chars, i) => out.push(NBSP),
            // "20%": Swedish sets a space, a no-break one, between the number and its %.
            '%' if i > 0 && chars[i - 1].is_ascii_digit() => {
                out.push(NBSP);
                out.push('%');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_word(chars: &[char], i: usize) -> bool {
    i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '('
}

fn looks_like_address(rest: &[char]) -> bool {
    let word: String = rest.iter().take_while(|c| !c.is_whitespace()).collect();
    word.contains("://") || word.starts_with("www.") || (word.contains('@') && word.contains('.'))
}

/// The digits of the number ending just before `end` (exclusive), if any.
fn digits_before(chars: &[char], end: usize) -> &[char] {
    let mut start = end;
    while start > 0 && chars[start - 1].is_ascii_digit() {
        start -= 1;
    }
    &chars[start..end]
}

fn digits_after(chars: &[char], start: usize) -> &[char] {
    let mut end = start;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    &chars[start..end]
}

/// A hyphen between exactly two numbers, as in a range of years: not a date (2025-11-26),
/// not a number that starts with 0 (a phone number, 08-123 45 67).
fn is_number_range(chars: &[char], i: usize) -> bool {
    let left = digits_before(chars, i);
    let right = digits_after(chars, i + 1);
    if left.is_empty() || right.is_empty() || left[0] == '0' {
        return false;
    }
    let left_start = i - left.len();
    let right_end = i + 1 + right.len();
    let before = left_start.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(right_end).copied();
    // A third group makes it a date or a code.
    let joined = |c: Option<char>| c.is_some_and(|c| c == '-' || c == '/' || c.is_alphanumeric());
    !joined(before) && !joined(after)
}

/// Whether the space at `i` sits inside a number ("1 500"), between a number and its unit
/// or after a word that must stay with the number after it.
fn keeps_together(chars: &[char], i: usize) -> bool {
    let left = digits_before(chars, i);
    let right = digits_after(chars, i + 1);
    // A thousands group: "1 500", "23 000 000".
    if !left.is_empty() && right.len() == 3 && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit()) {
        let left_start = i - left.len();
        let starts_number = left_start == 0 || !chars[left_start - 1].is_alphanumeric();
        if left.len() <= 3 && starts_number {
            return true;
        }
    }
    if !left.is_empty() {
        let word: String = chars[i + 1..].iter().take_while(|c| c.is_alphanumeric() || **c == '%').collect();
        if UNITS.contains(&word.as_str()) {
            return true;
        }
    }
    if !right.is_empty() {
        let mut start = i;
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let word: String = chars[start..i].iter().collect();
        if BEFORE_NUMBER.contains(&word.as_str()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(text: &str) -> String {
        text.replace('~', &NBSP.to_string())
    }

    #[test]
    fn straight_quotes_become_swedish_ones() {
        assert_eq!(prose(r#"vad "ett gott resultat" är"#), "vad ”ett gott resultat” är");
        assert_eq!(prose("förbundets 'egna' medel"), "förbundets ’egna’ medel");
    }

    #[test]
    fn a_range_of_numbers_gets_an_en_dash() {
        assert_eq!(prose("2026-2028"), "2026–2028");
        assert_eq!(prose("ålder (16-64 år)"), nb("ålder (16–64~år)"));
    }

    #[test]
    fn dates_codes_and_phone_numbers_keep_their_hyphens() {
        assert_eq!(prose("2025-11-26"), "2025-11-26");
        assert_eq!(prose("08-123"), "08-123");
        assert_eq!(prose("ESF-2024"), "ESF-2024");
        assert_eq!(prose("Covid-19"), "Covid-19");
    }

    #[test]
    fn a_lone_hyphen_between_words_is_a_dash() {
        assert_eq!(prose("Arvika - Eda"), "Arvika – Eda");
        assert_eq!(prose("- a"), "- a");
        assert_eq!(prose("själv-"), "själv-");
    }

    #[test]
    fn numbers_stay_whole_and_with_their_units() {
        assert_eq!(prose("cirka 1 500 tkr vid"), nb("cirka~1~500~tkr vid"));
        assert_eq!(prose("23 000 000 kr"), nb("23~000~000~kr"));
        assert_eq!(prose("60 % av heltid"), nb("60~% av heltid"));
        assert_eq!(prose("enligt § 5"), nb("enligt §~5"));
        assert_eq!(prose("i 3 år"), nb("i 3~år"));
    }

    #[test]
    fn a_percent_sign_right_after_a_number_gets_its_space() {
        assert_eq!(prose("20% av medlen"), nb("20~% av medlen"));
        assert_eq!(prose("17,5%"), nb("17,5~%"));
        assert_eq!(prose("20 % och 15 %"), nb("20~% och 15~%"));
        assert_eq!(prose("%-sats"), "%-sats");
        assert_eq!(
            prose("Akademikerförbundet - SSR och Region - Dalarna"),
            "Akademikerförbundet – SSR och Region – Dalarna"
        );
    }

    #[test]
    fn words_and_numbers_that_are_not_one_number_stay_apart() {
        assert_eq!(prose("år 2025 och 100 personer"), "år 2025 och 100 personer");
        assert_eq!(prose("de 12 samordningsförbunden"), "de 12 samordningsförbunden");
        assert_eq!(prose("2019 2020"), "2019 2020");
        assert_eq!(prose("kr 500"), "kr 500");
        assert_eq!(prose("krona"), "krona");
        assert_eq!(prose("5 årsskiften"), "5 årsskiften");
    }

    #[test]
    fn addresses_are_left_alone() {
        assert_eq!(prose("se https://x.se/a\"b-2020-2021 nu"), "se https://x.se/a\"b-2020-2021 nu");
        assert_eq!(prose("www.x.se/2020-2021"), "www.x.se/2020-2021");
    }
}
