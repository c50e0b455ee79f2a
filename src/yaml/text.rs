//! Where things stand on a line of YAML, and the allowed word nearest a misspelt one: the
//! measures [`super`]'s messages use to point at a key or value and to suggest a fix.

use crate::error::Position;

/// `at` widened to the key that starts there (up to its `:`).
pub(super) fn key_span(source: &str, at: Option<Position>) -> Option<Position> {
    at.map(|p| {
        let line = source.lines().nth(p.line - 1).unwrap_or("");
        let rest: String = line.chars().skip(p.column - 1).collect();
        let width = rest.find(':').map(|i| rest[..i].chars().count()).unwrap_or(1);
        Position { width, ..p }
    })
}

/// `at` widened to the value that starts there (up to a comment or the end of a flow item).
pub(super) fn value_span(source: &str, at: Option<Position>) -> Option<Position> {
    at.map(|p| {
        let line = source.lines().nth(p.line - 1).unwrap_or("");
        let rest: String = line.chars().skip(p.column - 1).collect();
        let value = rest.split(" #").next().unwrap_or("").trim_end();
        let value = value.strip_suffix(['}', ']', ',']).unwrap_or(value).trim_end();
        Position { width: value.chars().count().max(1), ..p }
    })
}

/// The number of spaces a line is indented by.
pub(super) fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

/// The column (1-based) of the first `: ` (or final `:`) on a line, outside quotes.
pub(super) fn first_colon(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut quote = None;
    for (i, c) in chars.iter().enumerate() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(*c),
            (Some(q), c) if q == *c => quote = None,
            (None, ':') if chars.get(i + 1).is_none_or(|n| *n == ' ') => return Some(i + 1),
            (None, '#') if i > 0 && chars[i - 1] == ' ' => return None,
            _ => {}
        }
    }
    None
}

/// Where a line's content starts, for lining up: a list item at its `-`, a key at its
/// first letter; and the column of the key inside a list item (`- rubrik:` has its key two
/// columns to the right of the `-`).
pub(super) fn columns(line: &str) -> (usize, Option<usize>) {
    let indent = indentation(line);
    let rest = &line[indent..];
    if let Some(item) = rest.strip_prefix("- ") {
        let key =
            (first_colon(item).is_some() && !item.starts_with(['{', '[', '"', '\''])).then_some(indent + 2);
        (indent, key)
    } else {
        (indent, Some(indent))
    }
}

/// The allowed name closest to a misspelt one, if any is close.
pub(super) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The position of a byte offset in `text`.
pub(super) fn offset_position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Position { line, column, width: 1 }
}
