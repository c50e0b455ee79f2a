//! `dokument`: facts about the document — title, year, date, decision.
//!
//! In: the YAML under `dokument`. Out: [`Document`] as the user wrote it.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::yes;

/// Facts about the document itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Fakta om dokumentet.")]
pub struct Document {
    /// Title, default "Verksamhetsplan".
    #[serde(rename = "titel", default = "default_title")]
    #[schemars(description = "Dokumentets titel; förval ”Verksamhetsplan”.", example = &"Verksamhetsplan")]
    pub title: String,
    /// A line under the title and year on the cover, e.g. "samt prognos 2026 och 2027".
    #[serde(rename = "undertitel", default)]
    #[schemars(
        description = "En rad under titel och år på omslaget.",
        example = "samt prognos 2026 och 2027"
    )]
    pub subtitle: Option<String>,
    /// The plan year.
    #[serde(rename = "år")]
    #[schemars(description = "Planens år, med fyra siffror.", example = 2026, with = "i32")]
    pub year: Spanned<i32>,
    /// The document's date, `ÅÅÅÅ-MM-DD`.
    #[serde(rename = "datum")]
    #[schemars(
        description = "Dokumentets datum, ÅÅÅÅ-MM-DD. `ATT FYLLA I` (som `vplan ny` skriver) ger en varning tills datumet är ifyllt.",
        example = "2025-11-26",
        with = "String"
    )]
    pub date: Spanned<String>,
    /// Who is responsible, e.g. "Styrelsen".
    #[serde(rename = "ansvarig", default)]
    #[schemars(description = "Vem som ansvarar för planen.", example = &"Styrelsen")]
    pub responsible: Option<String>,
    /// Diarienummer, e.g. "NSSF/2025:16".
    #[serde(rename = "diarienummer", default)]
    #[schemars(with = "Option<String>", description = "Diarienummer.", example = "NSSF/2025:16")]
    pub registry_number: Option<Spanned<String>>,
    /// The decision line, e.g. "Beslutad vid styrelsemöte den 20 november 2025".
    #[serde(rename = "beslut", default)]
    #[schemars(
        with = "Option<String>",
        description = "Beslutsraden.",
        example = "Beslutad vid styrelsemöte den 20 november 2025"
    )]
    pub decision: Option<Spanned<String>>,
    /// A motto or vision, shown on the cover.
    #[serde(default)]
    #[schemars(
        description = "Ett motto eller en vision, som visas på omslaget.",
        example = "Finsam finansierar samverkan så att fler får möjlighet att försörja sig själva"
    )]
    pub motto: Option<String>,
    /// Whether headings are numbered 1 / 1.1 / 1.1.1.
    #[serde(rename = "numrerade_rubriker", default = "yes")]
    #[schemars(description = "Om rubrikerna numreras 1 / 1.1 / 1.1.1; förval `true`.", example = true)]
    pub numbered_headings: bool,
    /// Whether a contents list is shown.
    #[serde(rename = "innehållsförteckning", default = "yes")]
    #[schemars(description = "Om planen har en innehållsförteckning; förval `true`.", example = true)]
    pub contents: bool,
    /// The PDF's subject; default "Verksamhetsplan ÅR för FÖRBUND".
    #[serde(rename = "ämne", default)]
    #[schemars(
        description = "PDF-filens ämne; förval ”Verksamhetsplan ÅR för FÖRBUND”.",
        example = "Verksamhetsplan 2026 för Nedansiljans samordningsförbund"
    )]
    pub subject: Option<String>,
    /// The PDF's keywords.
    #[serde(rename = "nyckelord", default)]
    #[schemars(description = "PDF-filens nyckelord.", example = serde_json::json!(["Finsam", "samordningsförbund", "verksamhetsplan"]))]
    pub keywords: Vec<String>,
}

fn default_title() -> String {
    "Verksamhetsplan".to_owned()
}
