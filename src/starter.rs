//! `vplan ny-plan`: a complete starter plan for a förbund without one.
//!
//! In: the förbund's name and the plan year (both optional). Out: a YAML plan written from
//! `templates/ny-plan.yaml` — every section a plan usually has, the standard Finsam texts marked
//! `ATT ANPASSA`, and a budget skeleton — that `vplan check` and `vplan build` accept as it is.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// The starter plan, with `{{…}}` placeholders.
const TEMPLATE: &str = include_str!("../templates/ny-plan.yaml");

/// What the starter plan is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starter {
    /// The förbund's full name.
    pub name: String,
    /// The plan year.
    pub year: i32,
}

impl Starter {
    /// The plan's YAML text.
    pub fn yaml(&self) -> String {
        let year = self.year;
        TEMPLATE
            .replace("{{FÖRBUND}}", &yaml_string(&self.name))
            .replace("{{FÖRBUND_TEXT}}", &markdown_text(&self.name))
            .replace("{{FÖRBUND_KOMMENTAR}}", &self.name)
            .replace("{{DATUM}}", &format!("{}-11-30", year - 1))
            .replace("{{ÅR1}}", &(year + 1).to_string())
            .replace("{{ÅR2}}", &(year + 2).to_string())
            .replace("{{ÅR}}", &year.to_string())
    }

    /// The default file name: the name in lower case without Swedish letters, and the year,
    /// e.g. `exempelbygdens-samordningsforbund-2027.yaml`.
    pub fn file_name(&self) -> PathBuf {
        let slug: String = self
            .name
            .to_lowercase()
            .chars()
            .map(|c| match c {
                'å' | 'ä' => 'a',
                'ö' => 'o',
                c if c.is_ascii_alphanumeric() => c,
                _ => '-',
            })
            .collect();
        let slug = slug.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
        PathBuf::from(format!("{}-{}.yaml", if slug.is_empty() { "plan" } else { &slug }, self.year))
    }
}

/// Writes the starter plan to `output`; an existing file is never overwritten.
pub fn write(starter: &Starter, output: &Path) -> Result<(), Error> {
    if starter.name.chars().any(char::is_control) || starter.name.trim().is_empty() {
        return Err(Error::User(
            Diagnostic::new("förbundets namn får inte vara tomt eller innehålla radbrytningar").hint(
                "skriv namnet inom citattecken, till exempel --förbund \"Exempelbygdens samordningsförbund\"",
            ),
        ));
    }
    if output.exists() {
        return Err(Error::User(
            Diagnostic::new(format!("filen {} finns redan", output.display()))
                .hint("välj ett annat namn med -o, så skrivs ingen befintlig plan över"),
        ));
    }
    crate::files::write_atomically(output, starter.yaml().as_bytes())
}

/// `text` as a double-quoted YAML string.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `text` with Markdown's punctuation escaped, so that a name shows as typed.
fn markdown_text(text: &str) -> String {
    text.chars().flat_map(|c| if c.is_ascii_punctuation() { vec!['\\', c] } else { vec![c] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_all_filled() {
        let yaml = Starter { name: "Exempelbygdens \"samordningsförbund\"".into(), year: 2027 }.yaml();
        assert!(!yaml.contains("{{Å") && !yaml.contains("{{F") && !yaml.contains("{{D"), "{yaml}");
        assert!(yaml.contains("namn: \"Exempelbygdens \\\"samordningsförbund\\\"\""));
        assert!(yaml.contains("år: [2027, 2028, 2029]"));
        assert!(yaml.contains("datum: 2026-11-30"));
        assert!(yaml.contains("{{ resultat.2027 }}"), "figure references keep their braces");
    }

    #[test]
    fn file_names_are_plain() {
        let starter =
            Starter { name: "Västra Värmlands & Norra Dalslands samordningsförbund".into(), year: 2026 };
        assert_eq!(
            starter.file_name(),
            PathBuf::from("vastra-varmlands-norra-dalslands-samordningsforbund-2026.yaml")
        );
    }
}
