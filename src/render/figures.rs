//! Figures in prose: `{{ namn }}` in a plan's Markdown text becomes a computed figure.
//!
//! In: a text field and the named figures of [`crate::compute::Computed`]. Out: the text with
//! every reference replaced by its formatted value (`1 030 589 kr`, `35 %`), or the byte
//! offsets of references that name no figure. This runs before Markdown, so a figure is
//! plain text to the Markdown converter and is escaped like any other text.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::compute::Figure;

/// A reference that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadReference {
    /// Byte offset of the `{{` in the text.
    pub offset: usize,
    /// The name as written, or `None` when the `}}` is missing.
    pub name: Option<String>,
}

/// Replaces every `{{ namn }}` with its figure.
pub fn substitute<'t>(
    text: &'t str,
    figures: &BTreeMap<String, Figure>,
) -> Result<Cow<'t, str>, Vec<BadReference>> {
    if !text.contains("{{") {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
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
        match figures.get(name) {
            Some(figure) => out.push_str(&figure.text()),
            None => errors.push(BadReference { offset: consumed + start, name: Some(name.to_owned()) }),
        }
        consumed += start + 2 + end + 2;
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    if errors.is_empty() { Ok(Cow::Owned(out)) } else { Err(errors) }
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
            substitute(text, &figures()).unwrap(),
            "Kapitalet blir 1\u{a0}030\u{a0}589\u{a0}kr, 35\u{a0}% av medlen."
        );
        assert!(matches!(substitute("Inga tal här { }.", &figures()), Ok(Cow::Borrowed(_))));
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
}
