//! Rule `platshallare`: text left from `vplan ny-plan` or `vplan ny` — ”ATT ANPASSA”,
//! ”ATT FYLLA I” and the starter plan's example names — counted and located.

use crate::compute::Computed;
use crate::error::{Diagnostic, Position};
use crate::plan::{Loaded, PLACEHOLDERS, TO_FILL, position};

/// Warns once, at the first placeholder, with the count and the lines of all of them. The
/// document fields that rule `att-fylla-i` names are left to it, and comments are skipped.
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    let document = &loaded.plan.document;
    let reported: Vec<usize> =
        [Some(&document.date), document.registry_number.as_ref(), document.decision.as_ref()]
            .into_iter()
            .flatten()
            .filter(|field| field.value.contains(TO_FILL))
            .filter_map(|field| position(&field.referenced, 1).map(|p| p.line))
            .collect();
    let found = find(&loaded.source, &reported);
    let Some(first) = found.first() else { return Vec::new() };
    let mut lines: Vec<String> = found.iter().map(|(p, _)| p.line.to_string()).collect();
    lines.dedup();
    let count = found.len();
    vec![
        Diagnostic::new(format!(
            "planen har {} kvar från mallen: ”{}”",
            if count == 1 { "en platshållare".to_owned() } else { format!("{count} platshållare") },
            first.1
        ))
        .at(Some(first.0))
        .note(format!("på rad {}; PDF:en markerar dem med gul bakgrund", lines.join(", ")))
        .hint("skriv förbundets egen text och egna namn i stället för mallens platshållare"),
    ]
}

/// Every placeholder outside comments and outside the lines in `skip`, in file order.
pub(crate) fn find(source: &str, skip: &[usize]) -> Vec<(Position, &'static str)> {
    let mut found = Vec::new();
    for (index, line) in source.lines().enumerate() {
        if skip.contains(&(index + 1)) {
            continue;
        }
        let text = without_comment(line);
        let mut hits: Vec<(usize, &'static str)> =
            PLACEHOLDERS.iter().flat_map(|p| text.match_indices(p).map(move |(at, _)| (at, *p))).collect();
        hits.sort_unstable();
        for (at, placeholder) in hits {
            found.push((
                Position {
                    line: index + 1,
                    column: text[..at].chars().count() + 1,
                    width: placeholder.chars().count(),
                },
                placeholder,
            ));
        }
    }
    found
}

/// The line without a YAML comment: from a `#` at the start or after a blank, outside quotes.
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return &line[..at],
            _ => {}
        }
        previous = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_outside_comments_and_counted() {
        let source = "a: ATT ANPASSA # ATT ANPASSA\n# Exempelby kommun\nb: \"x # Region Exempel\"\n";
        let found = find(source, &[]);
        let lines: Vec<(usize, usize)> = found.iter().map(|(p, _)| (p.line, p.column)).collect();
        assert_eq!(lines, [(1, 4), (3, 9)]);
        assert!(find(source, &[1, 3]).is_empty());
    }
}
