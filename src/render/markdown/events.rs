//! Questions about the structure of a parsed Markdown text (its events): where an element
//! ends, the footnote definitions, whether a list is tight and a paragraph a lead-in.
//!
//! In: pulldown-cmark's events with their source ranges. Out: indices and answers; nothing
//! here writes output.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::Spanned;

/// Index of the `End` event that closes the `Start` event at `start`.
pub(in crate::render) fn end_of(events: &[Spanned], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// Footnote labels match like pulldown-cmark matches them (Unicode case folding);
/// upper- then lowercasing also folds `ß` and `SS` together.
pub(in crate::render) fn fold_label(label: &str) -> String {
    label.to_uppercase().to_lowercase()
}

/// The events inside each footnote definition, by folded label. Collected up front because
/// a definition usually comes after its reference.
pub(in crate::render) fn footnote_definitions(events: &[Spanned]) -> HashMap<String, Range<usize>> {
    let mut notes = HashMap::new();
    for (i, (event, _)) in events.iter().enumerate() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            // pulldown-cmark lets the first of several definitions win; so do we.
            notes.entry(fold_label(label)).or_insert(i + 1..end_of(events, i));
        }
    }
    notes
}

/// A list is loose when any of its own items holds a paragraph; tight items have none.
pub(super) fn is_tight(events: &[Spanned], list: usize) -> bool {
    let mut depth = 0usize;
    for (event, _) in &events[list + 1..] {
        match event {
            Event::Start(Tag::Paragraph) if depth == 1 => return false,
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    true
}

/// Whether the paragraph opening at `start` introduces what follows it: its text ends in a
/// colon, or it is only bold text (a label such as "Resultatmål").
pub(super) fn introduces(events: &[Spanned], start: usize) -> bool {
    let end = end_of(events, start);
    let mut text = String::new();
    for (event, _) in &events[start + 1..end] {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let label = matches!(events.get(start + 1), Some((Event::Start(Tag::Strong), _)))
        && end_of(events, start + 1) + 1 == end;
    label || text.trim_end().ends_with(':')
}
