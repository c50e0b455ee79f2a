//! Characters in the plan's text that no embedded font has. A PDF/A and PDF/UA document must
//! be able to show every character it holds, so such a character is an error, the same in
//! `vplan check` and `vplan build`, located at its first place in the file.

use std::path::Path;

use crate::error::{Diagnostic, Position};
use crate::fonts::fonts_cover;

/// The errors about the plan's text values (`source`, the file `file`) as a whole: characters
/// no font covers or a PDF/A cannot hold, and the bounds of [`super::text`].
pub fn text_errors(file: &Path, source: &str) -> Vec<Diagnostic> {
    // The text values as the parser reads them, without the file's comments and keys.
    let Ok(value) = crate::yaml::parse::<serde_json::Value>(file, source) else { return Vec::new() };
    let mut errors = super::text::check(source, &value);
    errors.extend(missing(source, &value));
    errors
}

/// The error for the characters of the plan's text values that no font covers, if there are
/// any.
fn missing(source: &str, value: &serde_json::Value) -> Option<Diagnostic> {
    let mut text = String::new();
    collect_text(value, &mut text);
    if let Some(control) = controls(source, &text) {
        return Some(control);
    }
    // The composed form is what the layout asks the fonts for: `<` and a combining stroke
    // become `≮`, which no font here has.
    let composed: String = {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect()
    };
    let mut missing = fonts_cover(&text);
    missing.extend(fonts_cover(&composed));
    // Private-use characters have their own error (super::text).
    missing.retain(|&c| !super::text::private_use(c));
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return uncomposed(source, &text);
    }
    let list: Vec<String> = missing.iter().map(|c| format!("{} (U+{:04X})", shown(*c), *c as u32)).collect();
    Some(
        Diagnostic::new(format!("tecken som vplans typsnitt saknar: {}", list.join(", ")))
            .at(first_place(source, &missing))
            .note("en PDF som går att arkivera och läsa med skärmläsare (PDF/A, PDF/UA) måste kunna visa varje tecken")
            .hint("byt ut tecknen, till exempel en emoji mot ett ord eller ett kinesiskt namn mot en transkribering"),
    )
}

/// The error for control characters in the plan's text (other than line breaks and tabs):
/// they show nothing, can empty a heading, and could act on a terminal that shows the plan.
fn controls(source: &str, text: &str) -> Option<Diagnostic> {
    // U+FEFF and U+FFFE are not characters a PDF/A may hold either.
    let mut found: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        return None;
    }
    let list: Vec<String> = found.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
    // A control character is often written as an escape (`"\u0007"`) in the file; point at
    // the first such escape or character.
    let at = first_place(source, &found).or_else(|| {
        source.lines().enumerate().find_map(|(index, line)| {
            let column = line.find("\\u00").or_else(|| line.find("\\x")).or_else(|| line.find("\\e"))?;
            Some(Position { line: index + 1, column: line[..column].chars().count() + 1, width: 2 })
        })
    });
    Some(
        Diagnostic::new(format!("texten har styrtecken som inte kan visas: {}", list.join(", ")))
            .at(at)
            .note("styrtecken följer ibland med när text klistras in från webben eller Word")
            .hint("ta bort tecknen ur texten"),
    )
}

/// The error for letters with accents the fonts cannot set: a combining mark that does not
/// compose with its letter into one character (`q̃`, `é́`). The fonts have precomposed letters
/// (`á`, `ä`, `ȫ`) but cannot place a mark on any letter.
fn uncomposed(source: &str, text: &str) -> Option<Diagnostic> {
    use unicode_general_category::{GeneralCategory, get_general_category};
    use unicode_normalization::UnicodeNormalization;
    let is_mark = |c: char| {
        matches!(
            get_general_category(c),
            GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark | GeneralCategory::EnclosingMark
        )
    };
    // A letter with its marks, as written; it can be set only when it composes (NFC) into one
    // character that a text font has (Carlito or Caladea set the prose; a symbol font's `≮`
    // does not help a `<` with a stroke in Carlito).
    let settable = |cluster: &str| {
        let composed: Vec<char> = cluster.nfc().collect();
        composed.len() == 1 && text_font_has(composed[0])
    };
    let mut clusters: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_mark(c) && (i == 0 || !is_mark(chars[i - 1])) {
            let start = i.saturating_sub(1);
            let end = chars[i..].iter().position(|&m| !is_mark(m)).map_or(chars.len(), |n| i + n);
            let cluster: String = chars[start..end].iter().collect();
            if !settable(&cluster) && !clusters.contains(&cluster) {
                clusters.push(cluster);
            }
        }
    }
    if clusters.is_empty() {
        return None;
    }
    // Its place: the first line with one of the marks.
    let marks: Vec<char> = clusters.iter().flat_map(|c| c.chars().filter(|&m| is_mark(m))).collect();
    Some(
        Diagnostic::new(format!("tecken med accenter som vplans typsnitt inte kan sätta: {}", clusters.join(", ")))
            .at(first_place(source, &marks))
            .note("typsnitten har färdiga bokstäver som á, ä och ö, men kan inte sätta en accent på vilken bokstav som helst")
            .hint("skriv bokstaven utan den extra accenten, eller som en färdig bokstav"),
    )
}

/// Whether a text font (Carlito or Caladea, which set the prose) has `c`.
fn text_font_has(c: char) -> bool {
    crate::fonts::FONTS.1.iter().any(|font| {
        matches!(font.info().family.as_str(), "Carlito" | "Caladea")
            && font.info().coverage.contains(c as u32)
    })
}

/// A character as a message may show it: a combining mark on a dotted circle, a character
/// that shows nothing (a private-use or format character) by its number only.
fn shown(c: char) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
    {
        out.push('◌');
        out.push(c);
    } else if matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF) || c.is_control() {
        let _ = write!(out, "?");
    } else {
        out.push(c);
    }
    out
}

/// Appends every string in `value`, one per line.
fn collect_text(value: &serde_json::Value, text: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            text.push_str(s);
            text.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_text(item, text)),
        serde_json::Value::Object(map) => map.values().for_each(|item| collect_text(item, text)),
        _ => {}
    }
}

/// Where the first of `chars` stands in the file, written as itself or as a YAML escape
/// (`"\u0007"`, `"\x07"`, `"\e"`), as a character that shows nothing usually is.
pub(super) fn first_place(source: &str, chars: &[char]) -> Option<Position> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for &c in chars {
        let code = c as u32;
        forms.push((c.to_string(), 1));
        for escape in [
            format!("\\u{code:04x}"),
            format!("\\u{code:04X}"),
            format!("\\U{code:08x}"),
            format!("\\U{code:08X}"),
        ] {
            forms.push((escape, 6));
        }
        if code < 0x100 {
            forms.push((format!("\\x{code:02x}"), 4));
            forms.push((format!("\\x{code:02X}"), 4));
        }
        if c == '\u{1b}' {
            forms.push(("\\e".to_owned(), 2));
        }
    }
    source.lines().enumerate().find_map(|(index, line)| {
        let (at, width) = forms
            .iter()
            .filter_map(|(form, width)| line.find(form.as_str()).map(|at| (at, *width)))
            .min_by_key(|(at, _)| *at)?;
        Some(Position { line: index + 1, column: line[..at].chars().count() + 1, width })
    })
}
