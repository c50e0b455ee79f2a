//! `dokument`: facts about the document — title, year, date, decision.
//!
//! In: the YAML under `dokument`. Out: [`Document`] as the user wrote it.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Text, yes};

/// Facts about the document itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Fakta om dokumentet.")]
pub struct Document {
    /// Title, default "Verksamhetsplan".
    #[serde(rename = "titel", default = "default_title")]
    #[schemars(description = "Dokumentets titel; förval ”Verksamhetsplan”.", example = &"Verksamhetsplan")]
    pub title: String,
    /// Where the year stands in the title: after it (the default), before it, or nowhere.
    #[serde(rename = "år_i_titel", default)]
    #[schemars(
        description = "Var året står i titeln: `efter` (förval; på omslaget på raden under titeln), `före` eller `nej` (titeln utan år, också i PDF:ens titel och sidhuvudet).",
        example = &"nej"
    )]
    pub year_in_title: YearInTitle,
    /// A slogan set as the cover's large title line; the title and year then stand under it.
    #[serde(rename = "slogan", default)]
    #[schemars(
        description = "En slogan som står som titelrad på omslaget, stort; titeln och året står då under den i mindre stil. PDF:ens titel och sidhuvudet behåller titeln.",
        example = "Gemensam kraft för fler i arbete"
    )]
    pub slogan: Option<String>,
    /// An unheaded preamble in Markdown.
    #[serde(rename = "ingress", default)]
    #[schemars(
        description = "En ingress utan rubrik, i Markdown: några stycken som står under titelblocket eller före innehållsförteckningen (se `ingress_placering`).",
        example = "Förbundet är en arena för samverkan mellan fyra parter.",
        with = "Option<String>"
    )]
    pub preamble: Option<Text>,
    /// Where the preamble stands.
    #[serde(rename = "ingress_placering", default)]
    #[schemars(
        description = "Var ingressen står: `under_titeln` (förval; på omslaget eller under titelblocket) eller `före_innehållet` (överst på sidan med innehållsförteckningen, eller före första rubriken).",
        example = &"före_innehållet"
    )]
    pub preamble_placement: PreamblePlacement,
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

/// Where the year stands in the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Var året står i titeln.")]
pub enum YearInTitle {
    /// After the title ("Verksamhetsplan 2026"); on the cover on the line below.
    #[default]
    #[serde(rename = "efter")]
    #[schemars(description = "Efter titeln (förval): ”Verksamhetsplan 2026”.")]
    After,
    /// Before the title ("2026 års verksamhetsplan" is written as the title itself).
    #[serde(rename = "före")]
    #[schemars(description = "Före titeln: ”2026 Verksamhetsplan”; på omslaget på raden ovanför.")]
    Before,
    /// Not at all: the title is shown as written.
    #[serde(rename = "nej", alias = "ingen")]
    #[schemars(
        description = "Inget år: titeln visas som den är skriven, till exempel när året redan står i den."
    )]
    None,
}

impl YearInTitle {
    /// The title with the year placed as the plan says, on one line.
    pub fn title(self, title: &str, year: i32) -> String {
        match self {
            Self::After => format!("{title} {year}"),
            Self::Before => format!("{year} {title}"),
            Self::None => title.to_owned(),
        }
    }
}

/// Where an unheaded preamble stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Var ingressen står.")]
pub enum PreamblePlacement {
    /// Under the title block: on the cover page, or under the title block on the first page.
    #[default]
    #[serde(rename = "under_titeln")]
    #[schemars(
        description = "Under titelblocket (förval): på omslaget, eller under titelblocket på första sidan."
    )]
    UnderTitle,
    /// Before the contents list (or before the first heading without one).
    #[serde(rename = "före_innehållet")]
    #[schemars(
        description = "Före innehållsförteckningen, eller före första rubriken om planen inte har någon."
    )]
    BeforeContents,
}
