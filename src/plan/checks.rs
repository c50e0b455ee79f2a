//! `kontroller`: how the Finsam checks are tuned or switched off.
//!
//! In: the YAML under `kontroller`. Out: [`Checks`]. The checks themselves are lint rules
//! ([`crate::lint`]); what they compare is computed in [`crate::compute`].

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::Amount;

/// The names of every lint rule, which `kontroller.av` may name; `crate::lint` tests that its
/// rule table has exactly these names.
pub const RULE_NAMES: &[&str] = &[
    "medlemmar-saknas",
    "att-fylla-i",
    "platshallare",
    "block-visas-inte",
    "ingaende-eget-kapital",
    "lagens-fordelning",
    "avrundning-flyttar",
    "eget-kapital-hogt",
    "eget-kapital-under-golv",
    "eget-kapital-negativt",
    "administration-hog",
    "kontrolltal",
    "grupp-med-tom-rad",
    "medlemsbidrag-skiljer",
    "lag-kontrast",
];

/// Text that `vplan ny-plan` and `vplan ny` leave for the kansli to replace: the markers and
/// the starter plan's example names. `vplan check` counts them and the PDF marks them.
pub const PLACEHOLDERS: &[&str] = &[
    "ATT ANPASSA",
    super::TO_FILL,
    "Exempelby kommun",
    "Region Exempel",
    "Exempelbygdens samordningsförbund",
];

/// The recommended highest eget kapital, in percent of the year's tilldelade medel, when the
/// plan sets none (Nationella rådet's recommendation of 2013-10-02 for small förbund).
pub const DEFAULT_EQUITY_MAX: u32 = 20;

/// The highest share of the year's costs that administration may take, in percent, when the
/// plan marks administrative lines but sets no share.
pub const DEFAULT_ADMINISTRATION_MAX: u32 = 15;

/// How the Finsam checks are tuned, and which are switched off.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur kontrollerna av planen ställs in, och vilka som är avstängda.")]
pub struct Checks {
    /// Rules switched off, by name.
    #[serde(rename = "av", default)]
    #[schemars(description = "Kontroller som är avstängda, med namn (se listan i README).", example = serde_json::json!(["administration-hog"]), with = "Vec<String>")]
    pub off: Vec<Spanned<String>>,
    /// The highest eget kapital at the end of a year, in percent of the year's tilldelade medel.
    #[serde(rename = "eget_kapital_högst", default)]
    #[schemars(
        description = "Högsta eget kapital vid årets slut, i procent av årets tilldelade medel; förval 20 (Nationella rådets rekommendation 2013-10-02).",
        example = 20,
        with = "Option<Amount>"
    )]
    pub equity_max: Option<Spanned<Amount>>,
    /// What counts as tilldelade medel.
    #[serde(rename = "tilldelade_medel", default)]
    #[schemars(description = "Vad som räknas som tilldelade medel: `intäkter` (årets intäkter i budgeten, förval) eller `medlemsbidrag` (medlemsbidragens summa, för deras år).", example = &"intäkter")]
    pub allotted: Allotted,
    /// The lowest eget kapital at the end of a year, in the budget's unit.
    #[serde(rename = "eget_kapital_lägst", default)]
    #[schemars(
        description = "Lägsta eget kapital vid årets slut, i budgetens enhet.",
        example = 400000,
        with = "Option<Amount>"
    )]
    pub equity_min: Option<Spanned<Amount>>,
    /// The highest share of the year's costs for the lines marked `administration`.
    #[serde(rename = "administration_högst", default)]
    #[schemars(
        description = "Högsta andel av årets kostnader, i procent, för budgetrader med `administration: true`; förval 15.",
        example = 15,
        with = "Option<Amount>"
    )]
    pub administration_max: Option<Spanned<Amount>>,
    /// Figures typed from the adopted decision, compared with the computed ones.
    #[serde(rename = "kontrolltal", default)]
    #[schemars(description = "Tal ur det fattade beslutet som vplan jämför med de uträknade.", example = serde_json::json!([{"år": 2026, "värde": "resultat", "belopp": -71360}, {"år": 2026, "rad": "Navet", "belopp": 2100000}]))]
    pub controls: Vec<ControlFigure>,
}

/// What counts as a year's tilldelade medel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Vad som räknas som tilldelade medel.")]
pub enum Allotted {
    /// The year's income in the budget.
    #[default]
    #[serde(rename = "intäkter")]
    #[schemars(description = "Årets intäkter i budgeten.")]
    Income,
    /// The member contributions' total, for their year.
    #[serde(rename = "medlemsbidrag")]
    #[schemars(description = "Medlemsbidragens summa, för deras år.")]
    Contributions,
}

/// A figure from the adopted decision: a total, the result or a line, for a year.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett tal ur beslutet: en summa, resultatet eller en rad, för ett år.")]
pub struct ControlFigure {
    /// The year.
    #[serde(rename = "år")]
    #[schemars(description = "Året.", example = 2026, with = "i32")]
    pub year: Spanned<i32>,
    /// A computed figure.
    #[serde(rename = "värde", default)]
    #[schemars(description = "En uträknad siffra: `intäkter`, `kostnader`, `resultat`, `ingående_eget_kapital`, `utgående_eget_kapital` eller `beslutsutrymme`.", example = &"resultat")]
    pub figure: Option<super::SummaryFigure>,
    /// A budget line or group, by its label.
    #[serde(rename = "rad", default)]
    #[schemars(description = "En budgetrad eller grupp, med sitt namn.", example = &"Navet", with = "Option<String>")]
    pub line: Option<Spanned<String>>,
    /// The amount as adopted, in the budget's unit, with costs positive.
    #[serde(rename = "belopp")]
    #[schemars(description = "Beloppet som det beslutades, i budgetens enhet och med kostnader positiva.", example = -71360, with = "Amount")]
    pub amount: Spanned<Amount>,
}
