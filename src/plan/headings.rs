//! `utseende.rubriker` and `utseende.omslag.uppgifter`: how headings are written and which
//! facts the cover shows, as förbund write them in Word.
//!
//! In: the YAML under those keys. Out: [`HeadingStyle`] and [`CoverFact`]s.

use schemars::JsonSchema;
use serde::Deserialize;

/// How headings are written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur rubrikerna skrivs.")]
pub struct HeadingStyle {
    /// Level-1 headings (and their lines in the contents list) in capitals, as typed otherwise.
    #[serde(rename = "versaler", default)]
    #[schemars(
        description = "Om huvudrubrikerna (nivå 1) och deras rader i innehållsförteckningen skrivs med versaler; skriv rubriken som vanligt. PDF:ens bokmärken behåller rubriken som den är skriven. Förval `false`.",
        example = true
    )]
    pub uppercase: bool,
    /// A full stop after the number of a level-1 heading: "1." instead of "1".
    #[serde(rename = "punkt_efter_nummer", default)]
    #[schemars(
        description = "Om huvudrubrikernas nummer skrivs med punkt, ”1.”, i stället för ”1”; underrubrikerna numreras 1.1, 1.1.1. Förval `false`.",
        example = true
    )]
    pub full_stop: bool,
}

/// A fact the cover (or the title block) can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "En uppgift på försättsbladet.")]
pub enum CoverFact {
    /// `dokument.datum`.
    #[serde(rename = "datum")]
    #[schemars(description = "Dokumentets datum.")]
    Date,
    /// `dokument.ansvarig`.
    #[serde(rename = "ansvarig")]
    #[schemars(description = "Vem som ansvarar för planen.")]
    Responsible,
    /// `dokument.diarienummer`.
    #[serde(rename = "diarienummer")]
    #[schemars(description = "Diarienumret.")]
    RegistryNumber,
    /// `dokument.beslut`.
    #[serde(rename = "beslut")]
    #[schemars(description = "Beslutsraden.")]
    Decision,
}

/// All four facts, the default.
pub(crate) fn all_facts() -> Vec<CoverFact> {
    vec![CoverFact::Date, CoverFact::Responsible, CoverFact::RegistryNumber, CoverFact::Decision]
}
