//! Bounds on the plan's text as a whole, checked on the text values as the parser reads them,
//! so that `vplan check` refuses what `vplan build` could not make: headings and other short
//! texts that become strings in the PDF (its outline, title, alternative texts) no longer than
//! [`MAX_SHORT_TEXT`], headings that show something, characters from Unicode's private-use
//! areas (a PDF/A document cannot say what they mean), and no more text than vplan lays out
//! within its bounds of time and memory ([`MAX_TEXT_LINES`], [`MAX_MARKDOWN_NODES`]).
//!
//! In: the plan's source and its values ([`serde_json::Value`]). Out: errors, each located at
//! the line of the file where the text stands.

use crate::error::{Diagnostic, Position};

/// The longest a heading, name, title or alternative text may be, in characters. Each becomes a
/// string in the PDF, where PDF/A allows at most 32 767 bytes; no heading comes near this.
pub const MAX_SHORT_TEXT: usize = 1_000;

/// The keys whose texts are short texts ([`MAX_SHORT_TEXT`]): headings, names, titles, labels
/// and alternative texts.
const SHORT_KEYS: &[&str] = &[
    "rubrik",
    "titel",
    "undertitel",
    "namn",
    "kortnamn",
    "alt",
    "bildtext",
    "ämne",
    "nyckelord",
    "kolumnrubriker",
    "radrubrik",
    "summarad",
    "insatser_rubrik",
    "omslagsrad",
    "slogan",
    "roll",
    "ort",
    "avsändare",
    "diarienummer",
];

/// The most lines of text a plan may have, all its texts together (blank lines not counted):
/// each paragraph or list item costs the layout time and memory. A 200-page plan has about
/// 6 000.
pub const MAX_TEXT_LINES: usize = 15_000;
/// The most Markdown elements (paragraphs, list items, emphases, links, runs of text…) a plan
/// may have, all its texts together.
pub const MAX_MARKDOWN_NODES: usize = 150_000;

/// Characters that show nothing: a heading made only of them (and spaces) is empty.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether `c` is a private-use character (or a noncharacter), whose meaning a PDF/A document
/// cannot carry even when a font happens to have a glyph for it (U+F8FF on a Mac).
pub fn private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF)
        // U+FFFE and U+FFFF are refused with the control characters.
        || ((c as u32 & 0xFFFE) == 0xFFFE && c as u32 > 0xFFFF)
}

/// Every error about the plan's text as a whole.
pub fn check(source: &str, value: &serde_json::Value) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    walk(value, &mut Vec::new(), &mut texts);
    for (path, text) in &texts {
        let key = path.last().copied().unwrap_or_default();
        let parent = path.iter().rev().nth(1).copied().unwrap_or_default();
        let count = text.chars().count();
        if SHORT_KEYS.contains(&key) && count > MAX_SHORT_TEXT {
            errors.push(
                Diagnostic::new(format!("texten under `{key}` är {count} tecken lång"))
                    .at(place_of(source, key, text))
                    .note(format!(
                        "rubriker, namn, titlar och alternativtexter får vara högst {MAX_SHORT_TEXT} tecken; de blir text i PDF-filens innehållsförteckning och uppgifter"
                    ))
                    .hint("korta texten, och flytta det som blir över till en vanlig text under rubriken"),
            );
        }
        let heading = (key == "rubrik"
            && matches!(parent, "avsnitt" | "målområden" | "förslag_till_beslut" | "kolumner"))
            || (key == "titel" && parent == "dokument");
        // A section's blank heading has its own error (super::sections).
        let reported = parent == "avsnitt" && text.trim().is_empty();
        if heading && !reported && text.chars().all(invisible) {
            let what = match (key, parent) {
                ("titel", _) => "dokumentets titel",
                (_, "kolumner") => "tabellkolumnens rubrik",
                _ => "rubriken",
            };
            errors.push(
                Diagnostic::new(format!("{what} är tom"))
                    .at(place_of(source, key, text))
                    .note("en rubrik som bara har blanksteg eller osynliga tecken syns inte, men står kvar i innehållsförteckningen och för skärmläsare")
                    .hint(format!("skriv text efter `{key}:`")),
            );
        }
    }
    let mut private: Vec<char> =
        texts.iter().flat_map(|(_, t)| t.chars()).filter(|&c| private_use(c)).collect();
    private.sort_unstable();
    private.dedup();
    if !private.is_empty() {
        let list: Vec<String> = private.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
        errors.push(
            Diagnostic::new(format!("texten har tecken ur Unicodes privata område: {}", list.join(", ")))
                .at(super::glyphs::first_place(source, &private))
                .note("tecknen betyder olika saker på olika datorer (U+F8FF är Apples logotyp på en Mac), och en PDF som ska arkiveras (PDF/A) får inte ha dem")
                .hint("ta bort tecknen, eller skriv det de ska visa med ord"),
        );
    }
    errors.extend(volume(source, &texts));
    errors
}

/// Every string in `value`, with the keys above it (list positions left out).
fn walk<'a>(value: &'a serde_json::Value, path: &mut Vec<&'a str>, texts: &mut Vec<(Vec<&'a str>, &'a str)>) {
    match value {
        serde_json::Value::String(s) => texts.push((path.clone(), s)),
        serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, path, texts)),
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                path.push(key);
                walk(item, path, texts);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The place of the text `text` under `key`: the first line with the key and the text's
/// beginning, or (for an empty text) the first line where the key has nothing that shows.
fn place_of(source: &str, key: &str, text: &str) -> Option<Position> {
    let start: String = text.lines().next().unwrap_or_default().trim().chars().take(40).collect();
    // A text of only invisible characters is looked for as an empty one: in the file they are
    // usually escapes (`"\u200B"`).
    let start = if start.chars().all(invisible) { String::new() } else { start };
    let found = source.lines().enumerate().find_map(|(index, line)| {
        let (column, rest) = after_key(line, key)?;
        let shown = without_escapes(rest.trim().trim_matches(|c| c == '"' || c == '\''));
        let matches = if start.is_empty() { shown.chars().all(invisible) } else { rest.contains(&start) };
        matches.then_some(Position { line: index + 1, column: column + 1, width: key.chars().count() })
    });
    found.or_else(|| {
        // A text written on the lines after its key (`rubrik: >`): the line where it begins.
        (!start.is_empty())
            .then(|| {
                source.lines().enumerate().find_map(|(index, line)| {
                    let at = line.find(&start)?;
                    Some(Position { line: index + 1, column: line[..at].chars().count() + 1, width: 1 })
                })
            })
            .flatten()
    })
}

/// `text` without YAML's numeric escapes (`\u200B`, `\xAD`, `\U0001F600`).
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = match after.chars().next() {
            Some('x') => 2,
            Some('u') => 4,
            Some('U') => 8,
            _ => 0,
        };
        let hex = after.get(1..1 + digits).is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        if digits > 0 && hex {
            rest = &after[1 + digits..];
        } else {
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// What follows `key:` on a line of YAML: a line that starts with the key (in a list or not), or
/// a flow mapping on the line (`{ rubrik: "" }`, then up to the next `,` or `}`). The column of
/// the key comes with it.
fn after_key<'a>(line: &'a str, key: &str) -> Option<(usize, &'a str)> {
    let pattern = format!("{key}:");
    let mut from = 0;
    while let Some(found) = line[from..].find(&pattern) {
        let at = from + found;
        let before = line[..at].trim();
        let starts = before.is_empty() || before == "-" || before.ends_with('{') || before.ends_with(',');
        if starts {
            let rest = &line[at + pattern.len()..];
            let rest =
                if line[..at].contains('{') { rest.split([',', '}']).next().unwrap_or(rest) } else { rest };
            return Some((line[..at].chars().count(), rest));
        }
        from = at + pattern.len();
    }
    None
}

/// The error for a plan with more text than vplan lays out within its bounds of time and memory
/// ([`MAX_TEXT_LINES`], [`MAX_MARKDOWN_NODES`]), at the line where the limit is passed.
fn volume(source: &str, texts: &[(Vec<&str>, &str)]) -> Option<Diagnostic> {
    let lines: usize = texts.iter().map(|(_, s)| s.lines().filter(|l| !l.trim().is_empty()).count()).sum();
    let nodes = || -> usize {
        let options =
            pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_FOOTNOTES;
        let mut nodes = 0;
        for (_, s) in texts {
            nodes += pulldown_cmark::Parser::new_ext(s, options).take(MAX_MARKDOWN_NODES + 1).count();
            if nodes > MAX_MARKDOWN_NODES {
                break;
            }
        }
        nodes
    };
    let (what, limit) = if lines > MAX_TEXT_LINES {
        (
            format!("planen har {lines} rader text"),
            format!("högst {MAX_TEXT_LINES} rader text (tomma rader räknas inte)"),
        )
    } else if nodes() > MAX_MARKDOWN_NODES {
        (
            "planens texter har för många delar (stycken, punkter, betoningar, länkar)".to_owned(),
            format!("högst {MAX_MARKDOWN_NODES} delar i alla texter tillsammans"),
        )
    } else {
        return None;
    };
    // The place: the line of the file where the count of lines passes the limit, or the last.
    let mut seen = 0;
    let line = source
        .lines()
        .position(|l| {
            seen += usize::from(!l.trim().is_empty());
            seen > MAX_TEXT_LINES
        })
        .unwrap_or_else(|| source.lines().count().saturating_sub(1));
    Some(
        Diagnostic::new(format!("{what}, mer än vplan sätter"))
            .at(Some(Position { line: line + 1, column: 1, width: 1 }))
            .note(format!("en plan får ha {limit}; en plan på 200 sidor har omkring 6 000 rader"))
            .hint("dela upp planen i flera dokument, eller korta texterna"),
    )
}
