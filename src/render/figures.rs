//! Figures in prose: `{{ namn }}` in a plan's Markdown text becomes a computed figure.
//!
//! In: a text field and the named figures of [`crate::compute::Computed`]. Out: the text with
//! every reference replaced by its formatted value (`1 030 589 kr`, `35 %`), or the byte
//! offsets of references that name no figure. This runs before Markdown, so a figure is
//! plain text to the Markdown converter and is escaped like any other text.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::compute::Figure;

/// A reference that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadReference {
    /// Byte offset of the `{{` in the text.
    pub offset: usize,
    /// The name as written, or `None` when the `}}` is missing.
    pub name: Option<String>,
}

/// A text with its figure references filled in, and where each figure came from, so that a
/// place found in the filled text (by the Markdown converter) can be shown in the text the user
/// wrote.
#[derive(Debug, Clone)]
pub struct Filled<'t> {
    /// The text with every reference replaced by its figure.
    pub text: Cow<'t, str>,
    /// Each replacement: its byte range in the filled text and in the written text.
    replaced: Vec<(Range<usize>, Range<usize>)>,
}

impl Filled<'_> {
    /// The byte offset in the written text of byte `offset` of the filled text: a place inside
    /// a figure is the figure's `{{`, a place after it moves by what the replacements changed.
    pub fn written_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (filled, written) in &self.replaced {
            if offset < filled.start {
                break;
            }
            if offset < filled.end {
                return written.start;
            }
            shift = written.end as isize - filled.end as isize;
        }
        offset.saturating_add_signed(shift)
    }
}

/// Replaces every `{{ namn }}` with its figure.
pub fn substitute<'t>(
    text: &'t str,
    figures: &BTreeMap<String, Figure>,
) -> Result<Filled<'t>, Vec<BadReference>> {
    if !text.contains("{{") {
        return Ok(Filled { text: Cow::Borrowed(text), replaced: Vec::new() });
    }
    let mut out = String::with_capacity(text.len());
    let mut replaced = Vec::new();
    let mut errors = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            errors.push(BadReference { offset: consumed + start, name: None });
            rest = "";
            break;
        };
        let name = after[..end].trim();
        let written = consumed + start..consumed + start + 2 + end + 2;
        match figures.get(name) {
            Some(figure) => {
                let from = out.len();
                out.push_str(&figure.text());
                replaced.push((from..out.len(), written));
            }
            None => errors.push(BadReference { offset: consumed + start, name: Some(name.to_owned()) }),
        }
        consumed += start + 2 + end + 2;
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if errors.is_empty() { Ok(Filled { text: Cow::Owned(out), replaced }) } else { Err(errors) }
}

/// The figure names closest to a misspelt one, for the error message.
pub fn suggestions<'f>(name: &str, figures: &'f BTreeMap<String, Figure>) -> Vec<&'f str> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let year = name.rsplit_once('.').map(|(_, year)| year);
    let mut same_stem: Vec<&str> =
        figures.keys().map(String::as_str).filter(|k| k.starts_with(stem)).collect();
    if same_stem.is_empty() {
        same_stem = figures
            .keys()
            .map(String::as_str)
            .filter(|k| year.is_some_and(|y| k.ends_with(y)) && !k.starts_with("förändring"))
            .collect();
    }
    same_stem.truncate(8);
    same_stem
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::FigureKind;
    use crate::plan::Unit;
    use rust_decimal_macros::dec;

    fn figures() -> BTreeMap<String, Figure> {
        BTreeMap::from([
            (
                "eget_kapital.utgående.2026".to_owned(),
                Figure { value: dec!(1030589), kind: FigureKind::Amount(Unit::Kr) },
            ),
            ("eget_kapital.andel.2026".to_owned(), Figure { value: dec!(34.77), kind: FigureKind::Percent }),
        ])
    }

    #[test]
    fn references_become_formatted_figures() {
        let text = "Kapitalet blir {{ eget_kapital.utgående.2026 }}, {{eget_kapital.andel.2026}} av medlen.";
        assert_eq!(
            substitute(text, &figures()).unwrap().text,
            "Kapitalet blir 1\u{a0}030\u{a0}589\u{a0}kr, 35\u{a0}% av medlen."
        );
        assert!(matches!(substitute("Inga tal här { }.", &figures()).unwrap().text, Cow::Borrowed(_)));
    }

    #[test]
    fn unknown_and_unclosed_references_are_located() {
        let errors = substitute("Ett {{ resultat.2029 }} och {{ eget", &figures()).unwrap_err();
        assert_eq!(
            errors,
            [
                BadReference { offset: 4, name: Some("resultat.2029".into()) },
                BadReference { offset: 28, name: None }
            ]
        );
    }

    #[test]
    fn suggestions_share_the_stem_or_the_year() {
        let f = figures();
        assert_eq!(suggestions("eget_kapital.utgående.2029", &f), ["eget_kapital.utgående.2026"]);
        assert_eq!(
            suggestions("resultat.2026", &f),
            ["eget_kapital.andel.2026", "eget_kapital.utgående.2026"]
        );
    }

    #[test]
    fn a_place_in_the_filled_text_is_found_in_the_written_text() {
        let written = "Blir {{ eget_kapital.utgående.2026 }} och åååå <b>.";
        let filled = substitute(written, &figures()).unwrap();
        let in_filled = filled.text.find('<').unwrap();
        assert_eq!(filled.written_offset(in_filled), written.find('<').unwrap());
        // Inside a figure: the figure's `{{`.
        let figure_start = filled.text.find("Blir ").unwrap() + 5;
        assert_eq!(filled.written_offset(figure_start + 1), written.find("{{").unwrap());
        // Before any figure: unchanged.
        assert_eq!(filled.written_offset(2), 2);
    }
}
