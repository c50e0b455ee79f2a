//! Stage 1: read a plan file and check it.
//!
//! In: the path of a YAML plan. Out: a [`Loaded`] plan — the typed [`Plan`] exactly as the
//! user wrote it, its folder (the only place its images may come from) and any warnings —
//! or every error found, each at its file:line:column. Nothing here computes; the budget
//! arithmetic is in [`crate::budget`].

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::json;
use serde_saphyr::{Location, Spanned};

use crate::error::{Diagnostic, Error, Position};
use crate::yaml;

/// The deepest heading level a plan may use (1, 1.1, 1.1.1).
pub const MAX_SECTION_DEPTH: usize = 3;
/// The most year columns a budget may have.
pub const MAX_BUDGET_YEARS: usize = 4;

/// Markdown text with the place where it starts in the plan file.
pub type Text = Spanned<String>;

/// A verksamhetsplan as the kansli wrote it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En verksamhetsplan för ett samordningsförbund, som vplan bygger till en PDF.")]
pub struct Plan {
    /// The förbund that owns the plan.
    #[serde(rename = "förbund")]
    #[schemars(description = "Förbundet som planen gäller: namn, medlemmar och logotyp.", example = serde_json::json!({"namn": "Nedansiljans samordningsförbund", "medlemmar": [{"namn": "Leksands kommun", "typ": "kommun"}]}))]
    pub association: Association,
    /// Facts about the document: title, year, date, decision.
    #[serde(rename = "dokument")]
    #[schemars(description = "Fakta om dokumentet: titel, år, datum och beslut.", example = serde_json::json!({"år": 2026, "datum": "2025-11-26", "ansvarig": "Styrelsen"}))]
    pub document: Document,
    /// The narrative sections, in order.
    #[serde(rename = "avsnitt", default)]
    #[schemars(description = "Planens avsnitt i ordning, vart och ett med `rubrik`, `text`, `innehåll` och egna underavsnitt (högst tre rubriknivåer).", example = serde_json::json!([{"rubrik": "Inledning", "text": "Förbundets uppdrag är …"}]))]
    pub sections: Vec<Section>,
    /// The plan's målområden, shown where a section places the `målområden` block.
    #[serde(rename = "målområden", default)]
    #[schemars(description = "Planens målområden med insatser och verksamhetsmål; de visas där ett avsnitt har blocket `målområden` i sitt `innehåll`.", example = serde_json::json!([{"id": "individ", "rubrik": "Målområde 1, Individinriktade insatser", "insatser": ["Unga vuxna"]}]))]
    pub goal_areas: Vec<GoalArea>,
    /// The budget, shown where a section places the `budget` block.
    #[serde(default)]
    #[schemars(description = "Budgeten: bara radernas belopp, aldrig summor — vplan räknar ut summor, resultat och eget kapital. Visas där ett avsnitt har blocket `budget`.", example = serde_json::json!({"enhet": "tkr", "år": [2026], "intäkter": {"rader": [{"namn": "Medlemsavgifter", "belopp": [6184]}]}, "kostnader": {"rader": [{"namn": "Kansli", "belopp": [2100]}]}}))]
    pub budget: Option<BudgetPlan>,
    /// What each member pays, shown where a section places the `medlemsbidrag` block.
    #[serde(rename = "medlemsbidrag", default)]
    #[schemars(description = "Medlemsbidragen: vad varje medlem betalar, som andelar av en summa eller som belopp. Visas där ett avsnitt har blocket `medlemsbidrag`.", example = serde_json::json!({"år": 2026, "summa": 6184000, "rader": [{"namn": "Försäkringskassan", "andel": 50}]}))]
    pub contributions: Option<Contributions>,
    /// The eget kapital history, shown where a section places the `eget_kapital_historik` block.
    #[serde(rename = "eget_kapital_historik", default)]
    #[schemars(description = "Eget kapital år för år; visas där ett avsnitt har blocket `eget_kapital_historik`.", example = serde_json::json!({"enhet": "tkr", "rader": [{"år": 2024, "medelstilldelning": 6000, "budget": 6400, "eget_kapital": 1631}]}))]
    pub equity_history: Option<EquityHistory>,
    /// Last year's plan file, in this plan's folder: its figures can stand beside this year's
    /// and its closing eget kapital is checked against this plan's opening balance.
    #[serde(rename = "föregående", default)]
    #[schemars(
        with = "Option<String>",
        description = "Förra årets planfil, relativt den här och i samma mapp. vplan kontrollerar då att ingående eget kapital stämmer med förra planen, och budgeten kan visa förra årets siffror (`föregående_kolumn`). `vplan ny` skriver nyckeln.",
        example = "nedansiljan-2026.yaml"
    )]
    pub predecessor: Option<Spanned<String>>,
    /// The förbund's own look: colours, fonts, cover, running header and footer, own templates.
    #[serde(rename = "utseende", default)]
    #[schemars(
        description = "Förbundets eget utseende: färger, typsnitt, försättsblad, sidhuvud, sidfot och egna mallar. Alla nycklar kan utelämnas.",
        example = serde_json::json!({"färger": {"accent": "#1f4e79"}, "typsnitt": "Caladea", "sidfot": {"text": "www.exempel.se"}})
    )]
    pub look: Look,
}

/// What `vplan ny` writes where the kansli still has something to fill in; `check` warns
/// about every field that still holds it.
pub const TO_FILL: &str = "ATT FYLLA I";

/// The samordningsförbund.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Samordningsförbundet.")]
pub struct Association {
    /// Full name, e.g. "Nedansiljans samordningsförbund".
    #[serde(rename = "namn")]
    #[schemars(description = "Förbundets fullständiga namn.", example = "Nedansiljans samordningsförbund")]
    pub name: String,
    /// Short name, e.g. "Nedansiljan".
    #[serde(rename = "kortnamn", default)]
    #[schemars(description = "Förbundets korta namn, till exempel i sidhuvudet.", example = &"Nedansiljan")]
    pub short_name: Option<String>,
    /// The members (parterna).
    #[serde(rename = "medlemmar")]
    #[schemars(description = "Förbundets medlemmar (parterna): minst en kommun, en region, Försäkringskassan och Arbetsförmedlingen.", example = serde_json::json!([{"namn": "Leksands kommun", "typ": "kommun"}, {"namn": "Försäkringskassan", "typ": "försäkringskassan"}]), with = "Vec<Member>")]
    pub members: Spanned<Vec<Member>>,
    /// A line on the cover, e.g. "MORA • ORSA • ÄLVDALEN".
    #[serde(rename = "omslagsrad", default)]
    #[schemars(
        description = "En rad på omslaget, till exempel kommunerna.",
        example = "MORA • ORSA • ÄLVDALEN"
    )]
    pub tagline: Option<String>,
    /// The förbund's logo, shown on the cover.
    #[serde(rename = "logotyp", default)]
    #[schemars(description = "Förbundets logotyp, som visas på omslaget.", example = serde_json::json!({"fil": "bilder/logga.png", "alt": "Förbundets logotyp"}))]
    pub logo: Option<Logo>,
}

/// One member of the förbund.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En medlem (part) i förbundet.")]
pub struct Member {
    /// The member's name, e.g. "Leksands kommun".
    #[serde(rename = "namn")]
    #[schemars(description = "Medlemmens namn.", example = "Leksands kommun")]
    pub name: String,
    /// What kind of party it is.
    #[serde(rename = "typ")]
    #[schemars(description = "Vilken sorts part medlemmen är.", example = &"kommun")]
    pub kind: MemberKind,
}

/// The four kinds of party in a samordningsförbund (lag 2003:1210).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MemberKind {
    /// A kommun.
    #[serde(rename = "kommun")]
    Kommun,
    /// A region.
    #[serde(rename = "region")]
    Region,
    /// Försäkringskassan (the state).
    #[serde(rename = "försäkringskassan", alias = "Försäkringskassan")]
    Forsakringskassan,
    /// Arbetsförmedlingen (the state).
    #[serde(rename = "arbetsförmedlingen", alias = "Arbetsförmedlingen")]
    Arbetsformedlingen,
}

/// Written by hand for the aliases (`Försäkringskassan`, `Arbetsförmedlingen`) that the
/// parser also accepts.
impl JsonSchema for MemberKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MemberKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let kind = |name: &str, description: &str| json!({ "type": "string", "const": name, "description": description });
        json_schema!({
            "description": "Vilken sorts part: `kommun`, `region`, `försäkringskassan` eller `arbetsförmedlingen`.",
            "oneOf": [
                kind("kommun", "En kommun."),
                kind("region", "En region."),
                kind("försäkringskassan", "Försäkringskassan (staten)."),
                kind("arbetsförmedlingen", "Arbetsförmedlingen (staten)."),
                kind("Försäkringskassan", "Samma som `försäkringskassan`."),
                kind("Arbetsförmedlingen", "Samma som `arbetsförmedlingen`."),
            ],
        })
    }
}

/// The förbund's logo.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Förbundets logotyp.")]
pub struct Logo {
    /// Image file, relative to the plan file.
    #[serde(rename = "fil")]
    #[schemars(
        description = "Bildfilen (PNG, JPEG, GIF, WebP eller SVG), relativt planfilen och i planens mapp.",
        example = "bilder/logga.png",
        with = "String"
    )]
    pub file: Spanned<String>,
    /// Alternative text; required unless the logo is decorative.
    #[serde(default)]
    #[schemars(
        description = "Alternativtext: vad logotypen visar, för den som inte ser bilden. Krävs om inte `dekorativ: true`.",
        example = "Nedansiljans samordningsförbunds logotyp"
    )]
    pub alt: Option<String>,
    /// Whether the logo only decorates (it then needs no alt text).
    #[serde(rename = "dekorativ", default)]
    #[schemars(
        description = "`true` om logotypen bara pryder; den behöver då ingen alternativtext.",
        example = false
    )]
    pub decorative: bool,
}

/// The förbund's own look (`utseende`); every key is optional and defaults to vplan's look.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Förbundets eget utseende.")]
pub struct Look {
    /// Colours of headings, table headers and rules.
    #[serde(rename = "färger", default)]
    #[schemars(
        description = "Färger som hexkoder inom citattecken.",
        example = serde_json::json!({"accent": "#1f4e79", "tabellhuvud": "#e9f0f7", "linjer": "#9fb3c8"})
    )]
    pub colours: Colours,
    /// The font of the running text, default Carlito.
    #[serde(rename = "typsnitt", default)]
    #[schemars(description = "Brödtextens typsnitt; förval Carlito.", example = &"Caladea")]
    pub font: Option<FontFamily>,
    /// The font of headings and the cover's title, default the running text's.
    #[serde(rename = "rubriktypsnitt", default)]
    #[schemars(
        description = "Typsnittet för rubriker och försättsbladets titel; förval brödtextens.",
        example = &"Carlito"
    )]
    pub heading_font: Option<FontFamily>,
    /// Justified, hyphenated running text instead of the default ragged right.
    #[serde(rename = "marginaljusterad", default)]
    #[schemars(
        description = "Brödtexten marginaljusterad (jämn högerkant, med avstavning) i stället för ojämn högerkant utan avstavning; förval false.",
        example = &true
    )]
    pub justified: bool,
    /// How the cover looks.
    #[serde(rename = "omslag", default)]
    #[schemars(
        description = "Försättsbladets uppställning.",
        example = serde_json::json!({"egen_sida": true, "placering": "mitten", "versaler": false})
    )]
    pub cover: Cover,
    /// The running header from page 2 on.
    #[serde(rename = "sidhuvud", default)]
    #[schemars(
        description = "Sidhuvudet från sidan 2: text till vänster och till höger.",
        example = serde_json::json!({"vänster": "Nedansiljans samordningsförbund", "höger": "Verksamhetsplan 2026"})
    )]
    pub header: Header,
    /// The footer from page 2 on.
    #[serde(rename = "sidfot", default)]
    #[schemars(
        description = "Sidfoten från sidan 2; ”Sida N av M” står alltid kvar.",
        example = serde_json::json!({"text": "www.exempel.se"})
    )]
    pub footer: Footer,
    /// A folder (relative to the plan) of the user's own Typst files replacing vplan's, file by file.
    #[serde(rename = "mallar", default)]
    #[schemars(
        with = "Option<String>",
        description = "En mapp med egna Typst-mallar, relativt planfilen och i planens mapp. En fil där ersätter vplans fil med samma namn (se `vplan mallar`).",
        example = "mallar/"
    )]
    pub templates: Option<Spanned<String>>,
}

/// A colour key: absent (`None`), or present with its text — `None` inside when YAML read no
/// value, as happens to an unquoted `#1f4e79` (YAML takes `#` for a comment).
pub type Colour = Option<Spanned<Option<String>>>;

/// The theme's colours, each a hex code such as `"#1f4e79"`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Dokumentets färger, var och en en hexkod som \"#1f4e79\".")]
pub struct Colours {
    /// Headings, the cover's title, links and the budget table's heavy rules.
    #[serde(default, deserialize_with = "present")]
    #[schemars(
        with = "Option<String>",
        description = "Rubriker, försättsbladets titel, länkar och budgettabellens kraftiga linjer. Skriv koden inom citattecken, annars läser YAML `#` som en kommentar.",
        example = "#1f4e79",
        regex(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
    )]
    pub accent: Colour,
    /// The background of table header rows.
    #[serde(rename = "tabellhuvud", default, deserialize_with = "present")]
    #[schemars(
        with = "Option<String>",
        description = "Bakgrunden i tabellernas rubrikrader.",
        example = "#e9f0f7",
        regex(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
    )]
    pub table_header: Colour,
    /// Thin rules: table lines, the running header's line.
    #[serde(rename = "linjer", default, deserialize_with = "present")]
    #[schemars(
        with = "Option<String>",
        description = "Tunna linjer: tabellernas linjer och sidhuvudets linje.",
        example = "#9fb3c8",
        regex(pattern = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
    )]
    pub rules: Colour,
}

/// A key that is present, even with an empty value.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Colour, D::Error> {
    Spanned::<Option<String>>::deserialize(deserializer).map(Some)
}

/// The text fonts embedded in vplan (see `fonts/README.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Ett av typsnitten som finns i vplan.")]
pub enum FontFamily {
    /// Carlito, a sans serif metrically like Calibri.
    #[default]
    #[schemars(description = "Carlito, ett sanserift typsnitt med samma mått som Calibri (förval).")]
    Carlito,
    /// Caladea, a serif metrically like Cambria.
    #[schemars(description = "Caladea, ett typsnitt med seriffer och samma mått som Cambria.")]
    Caladea,
}

impl FontFamily {
    /// The family name Typst knows the font by.
    pub fn name(self) -> &'static str {
        match self {
            Self::Carlito => "Carlito",
            Self::Caladea => "Caladea",
        }
    }
}

/// The cover's layout.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Försättsbladets uppställning.")]
pub struct Cover {
    /// Whether the cover is a page of its own; if not, a title block opens the first page.
    #[serde(rename = "egen_sida", default = "yes")]
    #[schemars(
        description = "Om försättsbladet är en egen sida; med `false` inleder ett titelblock första sidan.",
        example = true
    )]
    pub own_page: bool,
    /// Where the title block sits on the cover page.
    #[serde(rename = "placering", default)]
    #[schemars(description = "Var titeln står på försättsbladet; förval `mitten`.", example = &"mitten")]
    pub placement: CoverPlacement,
    /// How the cover's text is aligned.
    #[serde(rename = "justering", default)]
    #[schemars(description = "Hur försättsbladets text justeras; förval `vänster`.", example = &"vänster")]
    pub alignment: Align,
    /// Whether the title and the förbund's name are set in capitals.
    #[serde(rename = "versaler", default = "yes")]
    #[schemars(
        description = "Om titeln och förbundets namn skrivs med versaler; förval `true`.",
        example = false
    )]
    pub uppercase: bool,
    /// Whether the cover shows the title and year; not when the first heading already is the title.
    #[serde(rename = "visa_titel", default = "yes")]
    #[schemars(
        description = "Om försättsbladet visar titel och år; `false` när första rubriken redan är titeln.",
        example = true
    )]
    pub show_title: bool,
    /// Whether the förbund's name (and the tagline) stands above the title instead of below it.
    #[serde(rename = "förbundet_överst", default)]
    #[schemars(
        description = "Om förbundets namn (och omslagsraden) står över titeln i stället för under.",
        example = false
    )]
    pub association_first: bool,
    /// The logo's height in millimetres (the logo itself is `förbund.logotyp`).
    #[serde(rename = "logotyp_höjd", default)]
    #[schemars(
        with = "Option<u32>",
        description = "Logotypens höjd i millimeter; själva logotypen anges under `förbund.logotyp`.",
        example = 25
    )]
    pub logo_height: Option<Spanned<u32>>,
    /// A picture on the cover.
    #[serde(rename = "bild", default)]
    #[schemars(
        description = "En bild på försättsbladet.",
        example = serde_json::json!({"fil": "bilder/omslag.jpg", "alt": "Älven i vårljus"})
    )]
    pub picture: Option<CoverPicture>,
}

impl Default for Cover {
    fn default() -> Self {
        Self {
            own_page: true,
            placement: CoverPlacement::default(),
            alignment: Align::default(),
            uppercase: true,
            show_title: true,
            association_first: false,
            logo_height: None,
            picture: None,
        }
    }
}

/// Where the title block sits on the cover page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Var titeln står på försättsbladet.")]
pub enum CoverPlacement {
    /// Near the top.
    #[serde(rename = "överst")]
    #[schemars(description = "Nära sidans överkant.")]
    Top,
    /// A little above the middle (vplan's look).
    #[default]
    #[serde(rename = "mitten")]
    #[schemars(description = "Strax ovanför mitten (förval).")]
    Middle,
    /// Low on the page.
    #[serde(rename = "nederst")]
    #[schemars(description = "Långt ner på sidan.")]
    Bottom,
}

/// A picture on the cover.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En bild på försättsbladet.")]
pub struct CoverPicture {
    /// Image file, relative to the plan file.
    #[serde(rename = "fil")]
    #[schemars(
        with = "String",
        description = "Bildfilen (PNG, JPEG, GIF, WebP eller SVG), relativt planfilen och i planens mapp.",
        example = "bilder/omslag.jpg"
    )]
    pub file: Spanned<String>,
    /// Alternative text; required unless the picture is decorative.
    #[serde(default)]
    #[schemars(
        description = "Alternativtext: vad bilden visar. Krävs om inte `dekorativ: true`.",
        example = "Älven i vårljus"
    )]
    pub alt: Option<String>,
    /// Whether the picture only decorates (it then needs no alt text).
    #[serde(rename = "dekorativ", default)]
    #[schemars(
        description = "`true` om bilden bara pryder; den behöver då ingen alternativtext.",
        example = false
    )]
    pub decorative: bool,
    /// Its greatest height in millimetres, default 90.
    #[serde(rename = "höjd", default)]
    #[schemars(
        with = "Option<u32>",
        description = "Bildens största höjd i millimeter; förval 90.",
        example = 90
    )]
    pub height: Option<Spanned<u32>>,
}

/// The running header's texts; an empty text leaves that side empty.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Sidhuvudets texter; en tom text lämnar den sidan tom.")]
pub struct Header {
    /// Left side, default the förbund's name.
    #[serde(rename = "vänster", default)]
    #[schemars(
        description = "Texten till vänster; förval förbundets namn.",
        example = "Nedansiljans samordningsförbund"
    )]
    pub left: Option<String>,
    /// Right side, default the title and year.
    #[serde(rename = "höger", default)]
    #[schemars(description = "Texten till höger; förval titeln och året.", example = "Verksamhetsplan 2026")]
    pub right: Option<String>,
}

/// The footer's text, beside the page number "Sida N av M".
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Sidfotens text, bredvid sidnumret ”Sida N av M”.")]
pub struct Footer {
    /// The text, e.g. the förbund's web address.
    #[serde(default)]
    #[schemars(description = "Texten, till exempel förbundets webbadress.", example = "www.exempel.se")]
    pub text: Option<String>,
}

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

fn yes() -> bool {
    true
}

/// A narrative section with a heading.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett avsnitt med rubrik.")]
pub struct Section {
    /// The heading text, without a number.
    #[serde(rename = "rubrik")]
    #[schemars(description = "Avsnittets rubrik, utan nummer.", example = &"Inledning", with = "String")]
    pub heading: Spanned<String>,
    /// Whether this heading gets a number (when the document numbers headings).
    #[serde(rename = "numrerad", default = "yes")]
    #[schemars(
        description = "Om rubriken får ett nummer (när dokumentet numrerar rubriker); förval `true`.",
        example = false
    )]
    pub numbered: bool,
    /// Markdown text shown first.
    #[serde(default)]
    #[schemars(
        description = "Avsnittets text i Markdown, som visas först.",
        example = "Förbundet arbetar för att fler ska kunna **försörja sig själva**.",
        with = "Option<String>"
    )]
    pub text: Option<Text>,
    /// Blocks shown after the text.
    #[serde(rename = "innehåll", default)]
    #[schemars(description = "Block som visas efter texten: `text`, `tabell`, `bild`, `sidbrytning`, `målområden`, `budget`, `medlemsbidrag` eller `eget_kapital_historik`.", example = serde_json::json!(["målområden", {"text": "Mer text."}, "budget"]), with = "Vec<Block>")]
    pub blocks: Vec<Spanned<Block>>,
    /// Subsections.
    #[serde(rename = "avsnitt", default)]
    #[schemars(description = "Underavsnitt.", example = serde_json::json!([{"rubrik": "Bakgrund", "text": "…"}]))]
    pub sections: Vec<Section>,
}

/// A piece of a section's content: `- namn` or `- namn: innehåll`.
#[derive(Debug)]
pub enum Block {
    /// Markdown text.
    Text(Text),
    /// A table typed in the plan.
    Table(Table),
    /// An image from the plan's folder.
    Image(Image),
    /// A forced page break.
    PageBreak,
    /// The plan's målområden, as sub-headings of this section.
    GoalAreas,
    /// The computed budget table, whole or for some of its years.
    Budget(BudgetExtract),
    /// The member contributions table.
    Contributions,
    /// The eget kapital history table.
    EquityHistory,
}

/// Which of the budget's years a budget block shows.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Vilka av budgetens år blocket visar.")]
pub struct BudgetExtract {
    /// The years to show; default all.
    #[serde(rename = "år", default)]
    #[schemars(description = "Åren som visas; förval alla budgetens år.", example = serde_json::json!([2026]), with = "Option<Vec<i32>>")]
    pub years: Option<Spanned<Vec<i32>>>,
    /// Column headings for those years; default the budget's.
    #[serde(rename = "kolumnrubriker", default)]
    #[schemars(description = "Kolumnrubriker för de åren; förval budgetens.", example = serde_json::json!(["Budget 2026"]), with = "Option<Vec<String>>")]
    pub column_headings: Option<Spanned<Vec<String>>>,
}

/// The names of the blocks, as the plan writes them.
pub const BLOCK_NAMES: &[&str] = &[
    "text",
    "tabell",
    "bild",
    "sidbrytning",
    "målområden",
    "budget",
    "medlemsbidrag",
    "eget_kapital_historik",
];

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlockVisitor;

        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = Block;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett block: text, tabell, bild, sidbrytning, målområden, budget …")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Block, E> {
                match name {
                    "sidbrytning" => Ok(Block::PageBreak),
                    "målområden" => Ok(Block::GoalAreas),
                    "budget" => Ok(Block::Budget(BudgetExtract::default())),
                    "medlemsbidrag" => Ok(Block::Contributions),
                    "eget_kapital_historik" => Ok(Block::EquityHistory),
                    "text" | "tabell" | "bild" => Err(E::custom(format!(
                        "blocket `{name}` behöver ett innehåll: skriv `- {name}:` följt av det"
                    ))),
                    other => Err(E::unknown_variant(other, BLOCK_NAMES)),
                }
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                let name: String = map
                    .next_key()?
                    .ok_or_else(|| de::Error::custom("ett tomt block; skriv till exempel `- text: …`"))?;
                let block = match name.as_str() {
                    "text" => Block::Text(map.next_value()?),
                    "tabell" => Block::Table(map.next_value()?),
                    "bild" => Block::Image(map.next_value()?),
                    "budget" => Block::Budget(map.next_value::<Option<BudgetExtract>>()?.unwrap_or_default()),
                    "sidbrytning" | "målområden" | "medlemsbidrag" | "eget_kapital_historik" => {
                        map.next_value::<()>()?;
                        self.visit_str::<A::Error>(&name)?
                    }
                    other => return Err(de::Error::unknown_variant(other, BLOCK_NAMES)),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "`{extra}` står i samma block som `{name}`; varje block börjar på en egen rad med `- `"
                    )));
                }
                Ok(block)
            }
        }

        deserializer.deserialize_any(BlockVisitor)
    }
}

/// Accepts what [`Block`]'s `Deserialize` accepts: a bare block name, or a mapping with exactly
/// one block name as its key.
impl JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<String>();
        let table = generator.subschema_for::<Table>();
        let image = generator.subschema_for::<Image>();
        let extract = generator.subschema_for::<Option<BudgetExtract>>();
        let one = |name: &str, description: &str, value: Schema, example: serde_json::Value| {
            json_schema!({
                "type": "object",
                "description": description,
                "properties": { name: described(&value, description, json!([example])) },
                "required": [name],
                "additionalProperties": false,
            })
        };
        let empty = || json_schema!({ "type": "null" });
        json_schema!({
            "description": "Ett block i ett avsnitt: ett namn (`- sidbrytning`, `- budget` …) eller ett namn med innehåll (`- text: …`, `- tabell: …`, `- bild: …`). Varje block börjar på en egen rad med `- `.",
            "examples": ["sidbrytning", "målområden", { "text": "Text i **Markdown**." }],
            "anyOf": [
                {
                    "type": "string",
                    "description": "Ett block utan innehåll.",
                    "enum": ["sidbrytning", "målområden", "budget", "medlemsbidrag", "eget_kapital_historik"],
                },
                one("text", "Text i Markdown.", text, json!("Förbundet finansierar **samverkan**.")),
                one(
                    "tabell",
                    "En tabell som skrivs i planen.",
                    table,
                    json!({ "kolumner": [{ "rubrik": "Insats" }, { "rubrik": "Tid" }], "rader": [["Unga vuxna", "2026"]] }),
                ),
                one("bild", "En bild från planens mapp.", image, json!({ "fil": "bilder/karta.png", "alt": "Karta över förbundets område" })),
                one("budget", "Den uträknade budgeten, hel eller för några av åren.", extract, json!({ "år": [2026] })),
                one("sidbrytning", "En sidbrytning.", empty(), json!(null)),
                one("målområden", "Planens målområden, som underrubriker till avsnittet.", empty(), json!(null)),
                one("medlemsbidrag", "Tabellen med medlemsbidragen.", empty(), json!(null)),
                one("eget_kapital_historik", "Tabellen med eget kapital år för år.", empty(), json!(null)),
            ],
        })
    }
}

/// A table typed in the plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En tabell som skrivs i planen.")]
pub struct Table {
    /// The columns, with their headings.
    #[serde(rename = "kolumner")]
    #[schemars(description = "Tabellens kolumner med rubriker.", example = serde_json::json!([{"rubrik": "Insats"}, {"rubrik": "Belopp", "justering": "höger"}]))]
    pub columns: Vec<Column>,
    /// The rows; each a list of Markdown cells, one per column.
    #[serde(rename = "rader")]
    #[schemars(description = "Tabellens rader: en lista med en Markdown-cell per kolumn.", example = serde_json::json!([["Individinsatser", "1 200"]]), with = "Vec<Vec<String>>")]
    pub rows: Vec<Spanned<Vec<Text>>>,
    /// A caption under the table.
    #[serde(rename = "bildtext", default)]
    #[schemars(description = "En bildtext under tabellen.", example = "Tabell 1. Insatser 2026")]
    pub caption: Option<String>,
}

/// A table column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En tabellkolumn.")]
pub struct Column {
    /// The column heading.
    #[serde(rename = "rubrik")]
    #[schemars(description = "Kolumnens rubrik.", example = &"Insats")]
    pub heading: String,
    /// How cells are aligned.
    #[serde(rename = "justering", default)]
    #[schemars(description = "Hur cellerna justeras; förval `vänster`.", example = &"höger")]
    pub align: Align,
    /// Relative width (default 1).
    #[serde(rename = "bredd", default = "one")]
    #[schemars(description = "Kolumnens relativa bredd; förval 1.", example = 2, with = "u32")]
    pub width: Spanned<u32>,
}

fn one() -> Spanned<u32> {
    Spanned::new(1, Location::UNKNOWN, Location::UNKNOWN)
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Hur en kolumns celler justeras.")]
pub enum Align {
    /// Left (the default).
    #[default]
    #[serde(rename = "vänster")]
    #[schemars(description = "Vänster (förval).")]
    Left,
    /// Right, for figures.
    #[serde(rename = "höger")]
    #[schemars(description = "Höger, för siffror.")]
    Right,
    /// Centred.
    #[serde(rename = "centrerad")]
    #[schemars(description = "Centrerad.")]
    Center,
}

/// An image block.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En bild från planens mapp.")]
pub struct Image {
    /// Image file, relative to the plan file.
    #[serde(rename = "fil")]
    #[schemars(
        description = "Bildfilen (PNG, JPEG, GIF, WebP eller SVG), relativt planfilen och i planens mapp.",
        example = "bilder/karta.png",
        with = "String"
    )]
    pub file: Spanned<String>,
    /// Alternative text for readers who cannot see the image.
    #[schemars(
        description = "Alternativtext: vad bilden visar, för den som inte ser den.",
        example = "Karta över förbundets tre kommuner",
        with = "String"
    )]
    pub alt: Spanned<String>,
    /// A caption under the image.
    #[serde(rename = "bildtext", default)]
    #[schemars(description = "En bildtext under bilden.", example = "Förbundets område")]
    pub caption: Option<String>,
    /// Width in percent of the text width.
    #[serde(rename = "bredd", default)]
    #[schemars(description = "Bildens bredd i procent av textbredden.", example = 60, with = "Option<u32>")]
    pub width: Option<Spanned<u32>>,
}

/// A målområde with the year's insatser and verksamhetsmål.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett målområde med årets insatser och verksamhetsmål.")]
pub struct GoalArea {
    /// An identifier for references, e.g. `individ`.
    #[serde(default)]
    #[schemars(description = "En identifierare som budgetrader och hänvisningar använder.", example = &"individ", with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The heading, e.g. "Målområde 1, Finansiering av individinriktade insatser".
    #[serde(rename = "rubrik")]
    #[schemars(
        description = "Målområdets rubrik.",
        example = "Målområde 1, Finansiering av individinriktade insatser",
        with = "String"
    )]
    pub heading: Spanned<String>,
    /// Markdown description, shown before the insatser.
    #[serde(default)]
    #[schemars(
        description = "Beskrivning i Markdown, som visas före insatserna.",
        example = "Insatser som stödjer individer närmare arbete eller studier.",
        with = "Option<String>"
    )]
    pub text: Option<Text>,
    /// The year's insatser: a line of Markdown each, or an insats with a name and amounts.
    #[serde(rename = "insatser", default)]
    #[schemars(description = "Årets insatser: en rad Markdown vardera, eller en insats med `id`, `text`, `namn` och `belopp` som en budgetrad kan visa.", example = serde_json::json!(["Förstärkt samverkan kring unga", {"id": "unga", "text": "Unga vuxna", "belopp": [1200]}]), with = "Vec<Action>")]
    pub actions: Vec<Spanned<Action>>,
    /// The line above the insatser; default "Insatser under ÅR:".
    #[serde(rename = "insatser_rubrik", default)]
    #[schemars(
        description = "Raden ovanför insatserna; förval ”Insatser under ÅR:”.",
        example = "Pågående insatser:"
    )]
    pub actions_heading: Option<String>,
    /// Measurable goals.
    #[serde(rename = "verksamhetsmål", default)]
    #[schemars(description = "Mätbara verksamhetsmål.", example = serde_json::json!([{"mål": "Antal deltagare", "målvärde": "minst 60 personer"}]))]
    pub targets: Vec<Target>,
    /// Blocks shown after the insatser and goals.
    #[serde(rename = "tillägg", default)]
    #[schemars(description = "Block som visas efter insatserna och målen.", example = serde_json::json!([{"text": "Mer om målområdet."}]), with = "Vec<Block>")]
    pub blocks: Vec<Spanned<Block>>,
}

/// An insats: its text in the list, and optionally an id, a name and amounts that a budget
/// line can show (`insats: id`), so the plan states them once.
#[derive(Debug)]
pub struct Action {
    /// The identifier a budget line names.
    pub id: Option<String>,
    /// The text in the list of insatser (inline Markdown).
    pub text: String,
    /// The name a budget line shows; default the text.
    pub name: Option<String>,
    /// The amounts, one per budget year.
    pub amounts: Option<Vec<Option<Cell>>>,
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ActionVisitor;

        impl<'de> Visitor<'de> for ActionVisitor {
            type Value = Action;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en insats: en text, eller { id, text, namn, belopp }")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Action, E> {
                Ok(Action { id: None, text: text.to_owned(), name: None, amounts: None })
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Action, A::Error> {
                const FIELDS: &[&str] = &["id", "text", "namn", "belopp"];
                let mut action = Action { id: None, text: String::new(), name: None, amounts: None };
                let mut has_text = false;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => action.id = Some(map.next_value()?),
                        "text" => {
                            action.text = map.next_value()?;
                            has_text = true;
                        }
                        "namn" => action.name = Some(map.next_value()?),
                        "belopp" => action.amounts = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                if !has_text {
                    return Err(de::Error::missing_field("text"));
                }
                Ok(action)
            }
        }

        deserializer.deserialize_any(ActionVisitor)
    }
}

/// Accepts what [`Action`]'s `Deserialize` accepts: a text, or a mapping with `text` and
/// optionally `id`, `namn` and `belopp`.
impl JsonSchema for Action {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Action".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<String>();
        let amounts = generator.subschema_for::<Vec<Option<Cell>>>();
        json_schema!({
            "description": "En insats: en rad Markdown, eller en insats med `text` och gärna `id`, `namn` och `belopp` som en budgetrad kan visa med `insats: id`.",
            "examples": [
                "Förstärkt samverkan kring unga som varken arbetar eller studerar",
                { "id": "unga", "text": "Insatsen **Unga vuxna**", "namn": "Unga vuxna", "belopp": [1200, 1200, 1200] },
            ],
            "anyOf": [
                text.clone(),
                {
                    "type": "object",
                    "properties": {
                        "id": described(&text, "Identifierare som en budgetrad anger med `insats:`.", json!(["unga"])),
                        "text": described(&text, "Texten i listan över insatser (Markdown på en rad).", json!(["Insatsen **Unga vuxna**"])),
                        "namn": described(&text, "Namnet som budgetraden visar; förval texten.", json!(["Unga vuxna"])),
                        "belopp": described(&amounts, "Beloppen, ett per budgetår; `~` lämnar ett år tomt.", json!([[1200, 1200, 1200]])),
                    },
                    "required": ["text"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

/// A verksamhetsmål with its measurable target.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett verksamhetsmål med målvärde.")]
pub struct Target {
    /// What is measured.
    #[serde(rename = "mål")]
    #[schemars(description = "Vad som mäts.", example = "Antal deltagare i individinsatser")]
    pub goal: String,
    /// The target value, e.g. "minst 60 personer" or "35 %".
    #[serde(rename = "målvärde")]
    #[schemars(description = "Målvärdet.", example = "minst 60 personer")]
    pub value: String,
}

/// The budget as typed: only the lines' amounts, never a total.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Budgeten som den skrivs: bara radernas belopp.")]
pub struct BudgetPlan {
    /// The unit the amounts are written in.
    #[serde(rename = "enhet")]
    #[schemars(description = "Enheten som beloppen skrivs i: `kr` eller `tkr`.", example = &"tkr")]
    pub unit: Unit,
    /// The year columns, in the order the table shows them.
    #[serde(rename = "år")]
    #[schemars(description = "Årskolumnerna, i den ordning tabellen visar dem (högst fyra).", example = serde_json::json!([2026, 2027, 2028]), with = "Vec<i32>")]
    pub years: Spanned<Vec<i32>>,
    /// Column headings; default the years.
    #[serde(rename = "kolumnrubriker", default)]
    #[schemars(description = "Kolumnrubriker; förval åren.", example = serde_json::json!(["Budget 2026", "Prognos 2027", "Prognos 2028"]), with = "Option<Vec<String>>")]
    pub column_headings: Option<Spanned<Vec<String>>>,
    /// How signs are shown (the arithmetic is the same).
    #[serde(rename = "tecken", default)]
    #[schemars(description = "Hur tecknen visas; räkningen är densamma. Förval `vanliga`.", example = &"kostnader_negativa")]
    pub signs: Signs,
    /// Heading of an ID column (cost centres and accounts); the column is shown if set.
    #[serde(rename = "id_kolumn", default)]
    #[schemars(description = "Rubrik för en ID-kolumn (kostnadsställen, konton); kolumnen visas om den anges.", example = &"Kst")]
    pub id_heading: Option<String>,
    /// Heading over the labels, e.g. "Beskrivning".
    #[serde(rename = "radrubrik", default)]
    #[schemars(description = "Rubrik ovanför radernas namn.", example = &"Beskrivning")]
    pub label_heading: Option<String>,
    /// Which part comes first in the table.
    #[serde(rename = "ordning", default = "default_order")]
    #[schemars(description = "Vilken del som kommer först i tabellen; förval `[intäkter, kostnader]`.", example = serde_json::json!(["kostnader", "intäkter"]), with = "Vec<Part>")]
    pub order: Spanned<Vec<Part>>,
    /// Income lines.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Intäktsraderna.", example = serde_json::json!({"rubrik": "Intäkter", "rader": [{"namn": "Medlemsavgifter", "belopp": [6184]}], "summa": "Summa intäkter"}))]
    pub income: LineGroup,
    /// The eget kapital chain, if the plan states an opening balance.
    #[serde(rename = "eget_kapital", default)]
    #[schemars(description = "Eget kapital: det första årets ingående balans; vplan räknar fram resten.", example = serde_json::json!({"ingående": 1631, "rubrik": "Överskott från tidigare år"}))]
    pub equity: Option<Equity>,
    /// Cost lines and groups (cost centres).
    #[serde(rename = "kostnader")]
    #[schemars(description = "Kostnadsraderna och grupper av rader (kostnadsställen).", example = serde_json::json!({"rubrik": "Kostnader", "rader": [{"namn": "Kansli", "belopp": [2100]}], "summa": "Summa kostnader"}))]
    pub costs: LineGroup,
    /// Summary rows after both parts, always shown with their natural sign.
    #[serde(rename = "summering", default)]
    #[schemars(description = "Summeringsrader efter båda delarna.", example = serde_json::json!([{"rubrik": "Årets resultat", "värde": "resultat"}]))]
    pub summary: Vec<SummaryRow>,
    /// Label of the result row; the row is shown only if labelled.
    #[serde(rename = "resultat", default)]
    #[schemars(
        description = "Resultatradens rubrik; raden visas bara om den har en rubrik.",
        example = "Årets resultat"
    )]
    pub result_label: Option<String>,
    /// Heading of a column with the predecessor plan's figures for its own year, shown after
    /// this year's column, e.g. "Budget 2025"; needs `föregående`.
    #[serde(rename = "föregående_kolumn", default)]
    #[schemars(
        with = "Option<String>",
        description = "Rubrik för en kolumn med förra årets plans siffror för dess planår, efter årets första kolumn. Kräver `föregående` överst i planen.",
        example = "Budget 2026"
    )]
    pub predecessor_column: Option<Spanned<String>>,
}

fn default_order() -> Spanned<Vec<Part>> {
    Spanned::new(vec![Part::Income, Part::Costs], Location::UNKNOWN, Location::UNKNOWN)
}

/// The unit the budget's amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Enheten för beloppen: `kr` eller `tkr`.")]
pub enum Unit {
    /// Kronor.
    #[serde(rename = "kr")]
    #[schemars(description = "Kronor.")]
    Kr,
    /// Thousands of kronor.
    #[serde(rename = "tkr")]
    #[schemars(description = "Tusentals kronor.")]
    Tkr,
}

impl Unit {
    /// The unit as written after an amount.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Kr => "kr",
            Unit::Tkr => "tkr",
        }
    }
}

/// How the budget table shows signs. The arithmetic is the same for all three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(
    description = "Hur budgettabellen visar tecken: `vanliga`, `kostnader_negativa` eller `intäkter_negativa`."
)]
pub enum Signs {
    /// Income and costs both as positive amounts.
    #[default]
    #[serde(rename = "vanliga")]
    #[schemars(description = "Intäkter och kostnader som positiva belopp (förval).")]
    Plain,
    /// Costs shown negative (seed 002).
    #[serde(rename = "kostnader_negativa")]
    #[schemars(description = "Kostnader visas negativa.")]
    CostsNegative,
    /// Income shown negative, as in accounting (seed 003).
    #[serde(rename = "intäkter_negativa")]
    #[schemars(description = "Intäkter visas negativa, som i bokföringen.")]
    IncomeNegative,
}

/// The two parts of a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "En del av budgeten: `intäkter` eller `kostnader`.")]
pub enum Part {
    /// The income part.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Intäktsdelen.")]
    Income,
    /// The cost part.
    #[serde(rename = "kostnader")]
    #[schemars(description = "Kostnadsdelen.")]
    Costs,
}

/// A summary row at the foot of the budget table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En summeringsrad längst ned i budgettabellen.")]
pub struct SummaryRow {
    /// The row's label, e.g. "Intäkter totalt".
    #[serde(rename = "rubrik")]
    #[schemars(description = "Radens rubrik.", example = "Intäkter totalt")]
    pub label: String,
    /// Which computed figure it shows.
    #[serde(rename = "värde")]
    #[schemars(description = "Vilken uträknad siffra raden visar.", example = &"resultat")]
    pub figure: SummaryFigure,
}

/// The computed figures a summary row can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "En uträknad siffra i budgeten.")]
pub enum SummaryFigure {
    /// Total income.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Summa intäkter.")]
    Income,
    /// Total costs.
    #[serde(rename = "kostnader")]
    #[schemars(description = "Summa kostnader.")]
    Costs,
    /// Income minus costs.
    #[serde(rename = "resultat")]
    #[schemars(description = "Intäkter minus kostnader.")]
    Result,
    /// Opening eget kapital.
    #[serde(rename = "ingående_eget_kapital")]
    #[schemars(description = "Ingående eget kapital.")]
    Opening,
    /// Closing eget kapital.
    #[serde(rename = "utgående_eget_kapital")]
    #[schemars(description = "Utgående eget kapital.")]
    Closing,
    /// Income plus opening eget kapital.
    #[serde(rename = "beslutsutrymme")]
    #[schemars(description = "Intäkter plus ingående eget kapital (beslutsutrymme).")]
    Available,
}

/// Income or costs: an optional header row, the lines, an optional total row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Intäkter eller kostnader: en rubrikrad, raderna och en summarad.")]
pub struct LineGroup {
    /// A header row above the lines, e.g. "Intäkter".
    #[serde(rename = "rubrik", default)]
    #[schemars(description = "En rubrikrad ovanför raderna.", example = &"Intäkter")]
    pub heading: Option<String>,
    /// The lines (and groups of lines).
    #[serde(rename = "rader")]
    #[schemars(description = "Raderna (och grupper av rader).", example = serde_json::json!([{"namn": "Medlemsavgifter", "belopp": [6184, 6184]}]))]
    pub lines: Vec<Line>,
    /// Label of the total row; the row is shown only if labelled (`""` shows it unlabelled).
    #[serde(rename = "summa", default)]
    #[schemars(
        description = "Summaradens rubrik; raden visas bara om den har en rubrik (`\"\"` visar den utan).",
        example = "Summa intäkter"
    )]
    pub total_label: Option<String>,
}

/// A budget line, or a group of lines (a cost centre) when it has `rader`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En budgetrad, eller en grupp av rader (ett kostnadsställe) när den har `rader`.")]
pub struct Line {
    /// The line's label; for a line that names an insats, default the insats's name.
    #[serde(rename = "namn", default)]
    #[schemars(description = "Radens namn; för en rad med `insats` förval insatsens namn.", example = &"Medlemsavgifter", with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// A cost centre's or account's number, shown in the ID column.
    #[serde(default)]
    #[schemars(description = "Kostnadsställets eller kontots nummer, som visas i ID-kolumnen.", example = &"4010")]
    pub id: Option<String>,
    /// The amounts, one per year; `~` leaves a year blank. On a group: its total for the
    /// years its lines leave blank.
    #[serde(rename = "belopp", default)]
    #[schemars(description = "Beloppen, ett per år; `~` lämnar ett år tomt. På en grupp: gruppens summa för år där raderna står tomma.", example = serde_json::json!([3262, 3262, 3262]), with = "Option<Vec<Option<Cell>>>")]
    pub amounts: Option<Spanned<Vec<Option<Cell>>>>,
    /// An insats (by its `id` under `målområden`) whose amounts this line shows.
    #[serde(rename = "insats", default)]
    #[schemars(description = "En insats (dess `id` under `målområden`) vars belopp raden visar.", example = &"individ", with = "Option<String>")]
    pub action: Option<Spanned<String>>,
    /// The lines of a group.
    #[serde(rename = "rader", default)]
    #[schemars(description = "Gruppens rader; en rad med `rader` är en grupp (ett kostnadsställe).", example = serde_json::json!([{"namn": "Lön", "belopp": [1500]}, {"namn": "Lokaler", "belopp": [200]}]))]
    pub lines: Option<Vec<Line>>,
    /// Label of a group's subtotal row (`""` shows it unlabelled).
    #[serde(rename = "delsumma", default)]
    #[schemars(
        description = "Rubrik för gruppens delsumma (`\"\"` visar den utan rubrik).",
        example = "Summa kansli"
    )]
    pub subtotal_label: Option<String>,
    /// A note printed under the table and marked on this line's label.
    #[serde(rename = "not", default)]
    #[schemars(
        description = "En not som skrivs under tabellen och markeras vid radens namn.",
        example = "Inklusive lokalhyra"
    )]
    pub note: Option<String>,
}

impl Line {
    /// The label as written, if any.
    pub fn label(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }
}

/// One amount in a budget line or table: a number, or `{ belopp, not, status }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The amount.
    pub amount: Amount,
    /// A note marked on this amount and printed under the table.
    pub note: Option<String>,
    /// Whether the amount is a forecast or a request (marked `*` and `**`).
    pub status: Option<Status>,
}

/// What kind of figure an amount in a history table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Vad för slags belopp det är: `prognos` (markeras *) eller `äskat` (markeras **).")]
pub enum Status {
    /// A forecast, marked `*`.
    #[serde(rename = "prognos")]
    #[schemars(description = "En prognos, markeras *.")]
    Forecast,
    /// An amount asked for, marked `**`.
    #[serde(rename = "äskat")]
    #[schemars(description = "Ett äskat belopp, markeras **.")]
    Requested,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;

        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett belopp, eller { belopp: …, not: … }")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                AmountVisitor.visit_i64(v).map(Cell::plain)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                AmountVisitor.visit_u64(v).map(Cell::plain)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                AmountVisitor.visit_f64(v).map(Cell::plain)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                AmountVisitor.visit_str(v).map(Cell::plain)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
                const FIELDS: &[&str] = &["belopp", "not", "status"];
                let (mut amount, mut note, mut status) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "belopp" => amount = Some(map.next_value::<Amount>()?),
                        "not" => note = Some(map.next_value::<String>()?),
                        "status" => status = Some(map.next_value::<Status>()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let amount = amount.ok_or_else(|| de::Error::missing_field("belopp"))?;
                Ok(Cell { amount, note, status })
            }
        }

        deserializer.deserialize_any(CellVisitor)
    }
}

/// Accepts what [`Cell`]'s `Deserialize` accepts: an amount, or a mapping with `belopp` and
/// optionally `not` and `status`.
impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let amount = generator.subschema_for::<Amount>();
        let text = generator.subschema_for::<String>();
        let status = generator.subschema_for::<Status>();
        json_schema!({
            "description": "Ett belopp, eller `{ belopp: …, not: …, status: … }` för ett belopp med not eller status.",
            "examples": [3262, "1 631 000", { "belopp": 6400, "status": "prognos" }],
            "anyOf": [
                amount.clone(),
                {
                    "type": "object",
                    "properties": {
                        "belopp": described(&amount, "Beloppet.", json!([6400])),
                        "not": described(&text, "En not som markeras vid beloppet och skrivs under tabellen.", json!(["Enligt beslut i styrelsen"])),
                        "status": described(&status, "`prognos` (markeras *) eller `äskat` (markeras **).", json!(["prognos"])),
                    },
                    "required": ["belopp"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl Cell {
    /// An amount without note or status.
    pub fn plain(amount: Amount) -> Self {
        Self { amount, note: None, status: None }
    }
}

/// The eget kapital chain: the first year's opening balance and the rows' labels.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Eget kapital: det första årets ingående balans och radernas rubriker.")]
pub struct Equity {
    /// The opening balance of the first budget year.
    #[serde(rename = "ingående")]
    #[schemars(
        description = "Det första budgetårets ingående eget kapital.",
        example = "1 631 000",
        with = "Amount"
    )]
    pub opening: Spanned<Amount>,
    /// Label of the opening-balance row, e.g. "Överskott från tidigare år"; shown only if set.
    #[serde(rename = "rubrik", default)]
    #[schemars(
        description = "Rubrik för raden med ingående eget kapital; raden visas bara om den anges.",
        example = "Överskott från tidigare år"
    )]
    pub label: Option<String>,
    /// Label of the row income + opening balance, e.g. "Totalt ingående beslutsutrymme".
    #[serde(rename = "summa", default)]
    #[schemars(
        description = "Rubrik för raden intäkter + ingående eget kapital.",
        example = "Totalt ingående beslutsutrymme"
    )]
    pub total_label: Option<String>,
}

/// What each member pays (medlemsbidrag), given per member or as shares of a total.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Vad varje medlem betalar, som andelar av en summa eller som belopp.")]
pub struct Contributions {
    /// The year the contributions are for.
    #[serde(rename = "år")]
    #[schemars(description = "Året som medlemsbidragen gäller.", example = 2026)]
    pub year: i32,
    /// The total to share out; required with `andel`, checked against the sum with `belopp`.
    #[serde(rename = "summa", default)]
    #[schemars(
        description = "Summan som fördelas; krävs med `andel`, kontrolleras mot raderna med `belopp`.",
        example = 6184000,
        with = "Option<Amount>"
    )]
    pub total: Option<Spanned<Amount>>,
    /// The rows, one per member or group of members.
    #[serde(rename = "rader")]
    #[schemars(description = "Raderna, en per medlem eller grupp av medlemmar.", example = serde_json::json!([{"namn": "Försäkringskassan", "andel": 50}, {"namn": "Region Dalarna", "andel": 25}]), with = "Vec<ContributionRow>")]
    pub rows: Spanned<Vec<ContributionRow>>,
    /// Label of the total row.
    #[serde(rename = "summarad", default = "default_sum_label")]
    #[schemars(description = "Summaradens rubrik; förval ”Summa”.", example = &"Summa")]
    pub total_label: String,
}

fn default_sum_label() -> String {
    "Summa".to_owned()
}

/// One row of the member contributions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En rad i medlemsbidragen.")]
pub struct ContributionRow {
    /// The row's label; a member's name unless `parter` names the members.
    #[serde(rename = "namn")]
    #[schemars(
        description = "Radens namn: en medlems namn, om inte `parter` anger medlemmarna.",
        example = "Leksands kommun",
        with = "String"
    )]
    pub name: Spanned<String>,
    /// The members the row stands for, when the label is not one member's name.
    #[serde(rename = "parter", default)]
    #[schemars(description = "Medlemmarna som raden står för, när namnet inte är en medlems.", example = serde_json::json!(["Leksands kommun", "Rättviks kommun"]))]
    pub members: Option<Vec<String>>,
    /// The share of the total, in percent.
    #[serde(rename = "andel", default)]
    #[schemars(description = "Andelen av summan, i procent.", example = 25, with = "Option<Amount>")]
    pub share: Option<Spanned<Amount>>,
    /// The amount in kronor.
    #[serde(rename = "belopp", default)]
    #[schemars(description = "Beloppet i kronor.", example = 1546000, with = "Option<Amount>")]
    pub amount: Option<Spanned<Amount>>,
}

/// The history of eget kapital: members' funding, budget and closing balance per year.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Eget kapital år för år: medelstilldelning, budget och utgående eget kapital.")]
pub struct EquityHistory {
    /// The unit of the amounts.
    #[serde(rename = "enhet")]
    #[schemars(description = "Enheten som beloppen skrivs i: `kr` eller `tkr`.", example = &"tkr")]
    pub unit: Unit,
    /// Headings of the three columns.
    #[serde(rename = "kolumnrubriker", default = "default_history_headings")]
    #[schemars(description = "Rubrikerna för de tre kolumnerna: medelstilldelning, budget och eget kapital.", example = serde_json::json!(["Medelstilldelning från medlemmarna", "Budget", "Eget kapital 31/12"]), with = "Vec<String>")]
    pub headings: Spanned<Vec<String>>,
    /// One row per year, in order.
    #[serde(rename = "rader")]
    #[schemars(description = "En rad per år, i stigande ordning.", example = serde_json::json!([{"år": 2024, "medelstilldelning": 6000, "budget": 6400, "eget_kapital": 1631}]), with = "Vec<HistoryRow>")]
    pub rows: Vec<Spanned<HistoryRow>>,
}

fn default_history_headings() -> Spanned<Vec<String>> {
    Spanned::new(
        vec!["Medelstilldelning från medlemmarna".into(), "Budget".into(), "Eget kapital 31/12".into()],
        Location::UNKNOWN,
        Location::UNKNOWN,
    )
}

/// One year of the eget kapital history.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett år i historiken över eget kapital.")]
pub struct HistoryRow {
    /// The year.
    #[serde(rename = "år")]
    #[schemars(description = "Året.", example = 2024)]
    pub year: i32,
    /// Funding from the members; for a budget year, default the budget's total income.
    #[serde(rename = "medelstilldelning", default)]
    #[schemars(
        description = "Medelstilldelning från medlemmarna; för ett budgetår förval budgetens intäkter.",
        example = 6184
    )]
    pub funding: Option<Cell>,
    /// The budget (costs); for a budget year, default the budget's total costs.
    #[serde(default)]
    #[schemars(
        description = "Budgeten (kostnaderna); för ett budgetår förval budgetens kostnader.",
        example = 6400
    )]
    pub budget: Option<Cell>,
    /// Eget kapital at 31 December.
    #[serde(rename = "eget_kapital")]
    #[schemars(description = "Eget kapital den 31 december.", example = 1631)]
    pub equity: Cell,
}

/// An amount as written in the plan: a YAML number, or a string in Swedish notation
/// (`"1 631 000"`, `"2,5"`). Never a float inside vplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

/// Reads an amount from a YAML number or text.
struct AmountVisitor;

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // As text, so that vplan sees exactly what was typed: YAML would read `1.000` as one.
        deserializer.deserialize_str(AmountVisitor)
    }
}

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ett belopp, till exempel 3262 eller 1631000")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        // A whole number beyond 64 bits arrives here as a float too.
        if !v.is_finite() || v.abs() >= 1e28 || (v.fract() == 0.0 && v.abs() >= 9.2e18) {
            return Err(E::custom(too_large()));
        }
        // Only reached inside `{ belopp: … }` and lists, where YAML has already turned the text
        // into a float: `1.000` and `1.0` look the same here, so a decimal point is refused.
        Err(E::custom(DECIMAL_POINT))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        parse_swedish_amount(v).map(Amount).map_err(E::custom)
    }
}

/// Accepts what [`Amount`]'s `Deserialize` accepts: a whole YAML number, or text in Swedish
/// notation as [`parse_swedish_amount`] reads it (a decimal point is refused in both).
impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ett belopp: ett heltal som 3262, eller text med mellanslag mellan tusentalen och decimalkomma, som \"1 631 000\" eller \"2,5\". Punkt och enhet skrivs inte i beloppet.",
            "examples": [3262, "1 631 000", "2,5"],
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": AMOUNT_PATTERN },
            ],
        })
    }
}

/// `schema` with a description and examples; a reference is wrapped, since draft-07 ignores the
/// siblings of `$ref`.
fn described(schema: &Schema, description: &str, examples: serde_json::Value) -> Schema {
    let mut schema =
        if schema.get("$ref").is_some() { json_schema!({ "allOf": [schema] }) } else { schema.clone() };
    schema.insert("description".into(), description.into());
    schema.insert("examples".into(), examples);
    schema
}

/// The text form of an amount that [`parse_swedish_amount`] reads, as a regular expression
/// for the schema: optional minus, digits (grouped by threes with a space after the first
/// group of one to three), optional decimal comma.
pub const AMOUNT_PATTERN: &str =
    "^\\s*[-\u{2212}]?\\s*([0-9]+|[0-9]{1,3}([ \u{a0}\u{202f}][0-9]{3})+)(,[0-9]+)?\\s*$";

fn too_large() -> String {
    "beloppet är för stort; vplan räknar med belopp upp till 28 siffror".to_owned()
}

const DECIMAL_POINT: &str = "ett belopp med punkt eller exponent är tvetydigt (är 1.000 tusen eller ett?); \
    skriv tusental utan punkt, som 1000 eller \"1 000\", och decimaler med komma, som \"2,5\"";

/// Parses an amount typed as text the unambiguous Swedish way: digits grouped by single
/// spaces (`1 631 000`) and an optional decimal comma (`2,5`), with a leading minus.
pub fn parse_swedish_amount(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let looks_numeric = trimmed.chars().all(|c| c.is_ascii_digit() || ".eE+- ".contains(c));
    if looks_numeric
        && (trimmed.contains('.') || trimmed.contains(['e', 'E']))
        && trimmed.chars().any(|c| c.is_ascii_digit())
    {
        return Err(format!("`{trimmed}`: {DECIMAL_POINT}"));
    }
    if let Some(unit) = ["tkr", "kr", "kronor", "%", "mkr", "SEK"].iter().find(|u| trimmed.ends_with(*u)) {
        return Err(format!(
            "`{trimmed}` har enheten `{unit}` i beloppet; skriv bara talet, enheten anges en gång med `enhet:`"
        ));
    }
    let (negative, body) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let (integer, fraction) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = integer.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped_ok = !groups.is_empty()
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1 || groups[0].len() <= 3)
        && groups[1..].iter().all(|g| g.len() == 3);
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !grouped_ok || !fraction_ok {
        return Err(format!(
            "`{trimmed}` är inget belopp vplan kan läsa; skriv siffror utan tecken, som 1631000, \
             eller med mellanslag mellan tusentalen och decimalkomma, som \"1 631 000\" eller \"2,5\""
        ));
    }
    let mut digits = groups.concat();
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    if digits.chars().filter(char::is_ascii_digit).count() > 28 {
        return Err(too_large());
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| too_large())?;
    Ok(if negative { -value } else { value })
}

/// An amount as a plan writes it, so that `vplan ny` and hints write what the parser reads
/// back exactly: digits for whole amounts, a quoted decimal comma otherwise.
pub fn amount_literal(value: Decimal) -> String {
    let value = value.normalize();
    if value.fract().is_zero() {
        value.to_string()
    } else {
        format!("\"{}\"", value.to_string().replace('.', ","))
    }
}

/// A plan read from disk, checked, with everything later stages need to know about its file.
#[derive(Debug)]
pub struct Loaded {
    /// The path as the user gave it.
    pub file: PathBuf,
    /// The plan's folder, canonical: images are read from here and nowhere else.
    pub folder: PathBuf,
    /// The file's text, for error messages.
    pub source: String,
    /// The plan.
    pub plan: Plan,
    /// The document date, parsed.
    pub date: NaiveDate,
    /// Things that are allowed but probably not meant.
    pub warnings: Vec<Diagnostic>,
    /// The predecessor plan's file (`föregående`), resolved inside the plan's folder.
    pub predecessor: Option<PathBuf>,
    /// The folder of the user's own Typst templates (`utseende.mallar`), canonical.
    pub templates: Option<PathBuf>,
}

impl Loaded {
    /// A plan error at a place in this plan's file.
    pub fn error(&self, diagnostics: Vec<Diagnostic>) -> Error {
        Error::Plan { file: self.file.clone(), source: self.source.clone(), diagnostics }
    }
}

/// Reads, parses and checks the plan at `file`, and the files it names.
pub fn load(file: &Path) -> Result<Loaded, Error> {
    load_with(file, Files::Check)
}

/// Reads, parses and checks the plan at `file`; `files` says whether the files it names are
/// checked too.
pub fn load_with(file: &Path, files: Files) -> Result<Loaded, Error> {
    // Refuse an oversized file before reading it into memory.
    if let Ok(metadata) = std::fs::metadata(file)
        && metadata.len() > crate::yaml::MAX_FILE_BYTES as u64
    {
        return Err(crate::yaml::too_large(file, metadata.len()));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        Error::User(
            Diagnostic::new(format!("kan inte läsa planen {}: {}", file.display(), crate::io_reason(&e)))
                .hint(
                    "kontrollera sökvägen; planen är en YAML-fil, till exempel plans/nedansiljan-2026.yaml",
                ),
        )
    })?;
    let folder = file
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| Error::Bug(format!("planens mapp kunde inte läsas: {e}")))?;
    load_bytes(file, &bytes, folder, files)
}

/// Whether loading a plan checks the files it names (images, the predecessor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// They must exist in the plan's folder: for building and checking.
    Check,
    /// They are not looked at: for comparing plans, and for a plan from git or a temporary
    /// file whose folder is not the plan's.
    Skip,
}

/// Parses and checks a plan's bytes; `file` names it in messages, and files it names are
/// looked up in `folder` (canonical). Used for plans read from disk and from git.
pub fn load_bytes(file: &Path, bytes: &[u8], folder: PathBuf, files: Files) -> Result<Loaded, Error> {
    if bytes.len() > crate::yaml::MAX_FILE_BYTES {
        return Err(crate::yaml::too_large(file, bytes.len() as u64));
    }
    let source = yaml::decode(file, bytes)?;
    let plan: Plan = yaml::parse(file, &source)?;
    let mut check = Check {
        folder: &folder,
        errors: Vec::new(),
        warnings: Vec::new(),
        used_actions: HashSet::new(),
        checked_actions: HashSet::new(),
        predecessor: None,
        files,
        templates: None,
    };
    let date = check.plan(&plan);
    let Check { mut errors, warnings, predecessor, templates, .. } = check;
    match date {
        Some(date) if errors.is_empty() => Ok(Loaded {
            file: file.to_path_buf(),
            folder,
            source,
            plan,
            date,
            warnings,
            predecessor,
            templates,
        }),
        _ => {
            errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
            Err(Error::Plan { file: file.to_path_buf(), source, diagnostics: errors })
        }
    }
}

/// Loads the plan named by `föregående`, if any. It must not name the plan itself.
pub fn load_predecessor(loaded: &Loaded) -> Result<Option<Loaded>, Error> {
    let Some(path) = &loaded.predecessor else { return Ok(None) };
    let this = loaded.file.canonicalize().ok();
    if this.as_ref() == Some(path) {
        let name = loaded.plan.predecessor.as_ref().expect("a resolved predecessor was named");
        return Err(loaded.error(vec![
            Diagnostic::new("planen anger sig själv som föregående plan")
                .at(position(&name.referenced, name.value.chars().count()))
                .hint("ange förra årets planfil"),
        ]));
    }
    // Name the predecessor as the user did, relative to this plan, in its messages.
    let shown = loaded
        .file
        .parent()
        .unwrap_or(Path::new(""))
        .join(&loaded.plan.predecessor.as_ref().expect("a resolved predecessor was named").value);
    let bytes = std::fs::read(path).map_err(|e| {
        Error::User(Diagnostic::new(format!(
            "kan inte läsa föregående plan {}: {}",
            shown.display(),
            crate::io_reason(&e)
        )))
    })?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_else(|| loaded.folder.clone());
    load_bytes(&shown, &bytes, folder, Files::Check).map(Some)
}

/// The position of a YAML node, if the parser knew it.
pub fn position(location: &Location, width: usize) -> Option<Position> {
    (*location != Location::UNKNOWN).then(|| Position {
        line: location.line() as usize,
        column: location.column() as usize,
        width: width.max(1),
    })
}

/// The position of byte `offset` inside a text scalar that starts at `location`.
///
/// Block scalars (`|`, `>`) start on the line after their indicator; their lines map one to
/// one onto the file. Flow scalars are mapped from their first character.
pub fn position_in_text(source: &str, text: &Text, offset: usize) -> Option<Position> {
    let start = position(&text.referenced, 1)?;
    let value = &text.value;
    let before = &value[..offset.min(value.len())];
    let line_delta = before.matches('\n').count();
    let column_in_line = before.rsplit('\n').next().unwrap_or("").chars().count();
    let start_line = source.lines().nth(start.line - 1).unwrap_or("");
    let rest: String = start_line.chars().skip(start.column - 1).collect();
    // A block scalar may be located at its `|` indicator; its text starts on the next line.
    let first_line = if rest.starts_with('|') || rest.starts_with('>') { start.line + 1 } else { start.line };
    let line = first_line + line_delta;
    let column = if line_delta == 0 && first_line == start.line {
        let quoted = usize::from(rest.starts_with('"') || rest.starts_with('\''));
        start.column + quoted + column_in_line
    } else {
        // Later lines of a scalar lose their indentation in the value; take it from the file.
        let indent =
            source.lines().nth(line - 1).map(|l| l.chars().take_while(|c| *c == ' ').count()).unwrap_or(0);
        indent + column_in_line + 1
    };
    Some(Position { line, column, width: 1 })
}

/// What belongs in a field that `vplan ny` left to fill in.
fn to_fill_hint(key: &str) -> &'static str {
    match key {
        "datum" => "dagen då styrelsen fastställer planen, till exempel `datum: 2026-11-25`",
        "diarienummer" => "planens diarienummer",
        _ => "beslutsraden, till exempel ”Beslutad vid styrelsemöte den 25 november 2026”",
    }
}

/// The semantic checks that serde cannot express; collects every problem.
struct Check<'a> {
    folder: &'a Path,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Insatser named by a budget line so far.
    used_actions: HashSet<String>,
    /// Insatser whose amounts have been checked (each is reported once).
    checked_actions: HashSet<String>,
    /// The predecessor plan's file, resolved.
    predecessor: Option<PathBuf>,
    /// Whether files named in the plan are checked.
    files: Files,
    /// The checked folder of the user's own templates.
    templates: Option<PathBuf>,
}

impl Check<'_> {
    /// Checks the whole plan; returns the parsed date when it is valid.
    fn plan(&mut self, plan: &Plan) -> Option<NaiveDate> {
        self.association(&plan.association);
        let date = self.document(&plan.document);
        self.look(&plan.look);
        let mut placed = Placed::default();
        for section in &plan.sections {
            self.section(section, 1, &mut placed);
        }
        let mut ids = HashSet::new();
        for area in &plan.goal_areas {
            if let Some(id) = &area.id {
                self.identifier(id, &mut ids);
            }
            for block in &area.blocks {
                self.block(block, MAX_SECTION_DEPTH, &mut placed, true);
            }
        }
        let actions = self.actions(plan);
        if let Some(budget) = &plan.budget {
            self.budget(budget, &actions);
            if let (Some(column), None) = (&budget.predecessor_column, &plan.predecessor) {
                self.errors.push(
                    Diagnostic::new("`föregående_kolumn` behöver en föregående plan")
                        .at(position(&column.referenced, column.value.chars().count()))
                        .hint("ange förra årets plan överst i planen, till exempel `föregående: nedansiljan-2026.yaml`"),
                );
            }
        }
        if let Some(name) = &plan.predecessor {
            self.predecessor = self.plan_file(name);
        }
        if let Some(contributions) = &plan.contributions {
            self.contributions(contributions, &plan.association.members.value);
        }
        if let Some(history) = &plan.equity_history {
            let years = plan.budget.as_ref().map(|b| b.years.value.as_slice()).unwrap_or_default();
            self.history(history, years);
        }
        self.placement(plan, &placed);
        date
    }

    fn association(&mut self, association: &Association) {
        let members = &association.members;
        if members.value.is_empty() {
            self.errors.push(
                Diagnostic::new("förbundet har inga medlemmar")
                    .at(position(&members.referenced, 1))
                    .hint("lista parterna under `medlemmar:` med `namn:` och `typ:`"),
            );
        } else {
            let has = |kind: MemberKind| members.value.iter().any(|m| m.kind == kind);
            let missing: Vec<&str> = [
                (MemberKind::Forsakringskassan, "Försäkringskassan"),
                (MemberKind::Arbetsformedlingen, "Arbetsförmedlingen"),
                (MemberKind::Region, "en region"),
                (MemberKind::Kommun, "en kommun"),
            ]
            .into_iter()
            .filter(|(kind, _)| !has(*kind))
            .map(|(_, name)| name)
            .collect();
            if !missing.is_empty() {
                self.warnings.push(
                    Diagnostic::new(format!("medlemmarna saknar {}", missing.join(", ")))
                        .at(position(&members.referenced, 1))
                        .note("ett samordningsförbund har enligt lag (2003:1210) Försäkringskassan, Arbetsförmedlingen, en region och minst en kommun som medlemmar"),
                );
            }
        }
        if let Some(logo) = &association.logo {
            self.image_file(&logo.file);
            if !logo.decorative && logo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                self.errors.push(
                    Diagnostic::new("logotypen saknar alternativtext")
                        .at(position(&logo.file.referenced, logo.file.value.chars().count()))
                        .hint(
                            "skriv `alt:` med vad bilden visar, eller `dekorativ: true` om den bara pryder",
                        ),
                );
            }
        }
    }

    /// Checks the theme: colours, sizes, the cover picture and the folder of own templates.
    fn look(&mut self, look: &Look) {
        let colours = &look.colours;
        for (key, colour) in
            [("accent", &colours.accent), ("tabellhuvud", &colours.table_header), ("linjer", &colours.rules)]
        {
            if let Some(colour) = colour {
                self.colour(key, colour);
            }
        }
        let cover = &look.cover;
        if let Some(height) = &cover.logo_height
            && !(5..=80).contains(&height.value)
        {
            self.errors.push(
                Diagnostic::new(format!("logotypens höjd {} mm går inte", height.value))
                    .at(position(&height.referenced, 1))
                    .hint("ange höjden i millimeter, 5–80; vplans egen är 25"),
            );
        }
        if let Some(picture) = &cover.picture {
            self.image_file(&picture.file);
            if !picture.decorative && picture.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                self.errors.push(
                    Diagnostic::new("omslagsbilden saknar alternativtext")
                        .at(position(&picture.file.referenced, picture.file.value.chars().count()))
                        .hint(
                            "skriv `alt:` med vad bilden visar, eller `dekorativ: true` om den bara pryder",
                        ),
                );
            }
            if let Some(height) = &picture.height
                && !(10..=200).contains(&height.value)
            {
                self.errors.push(
                    Diagnostic::new(format!("omslagsbildens höjd {} mm går inte", height.value))
                        .at(position(&height.referenced, 1))
                        .hint("ange höjden i millimeter, 10–200; utan `höjd` blir den högst 90"),
                );
            }
        }
        if let Some(folder) = &look.templates {
            self.templates = self.template_folder(folder);
        }
    }

    /// Checks a colour: `#` and six hexadecimal digits.
    fn colour(&mut self, key: &str, colour: &Spanned<Option<String>>) {
        let example = format!("`{key}: \"#1f4e79\"`");
        match &colour.value {
            None => self.errors.push(
                Diagnostic::new(format!("färgen `{key}` saknar värde"))
                    .at(position(&colour.referenced, key.chars().count()))
                    .note("YAML läser allt efter ett # utan citattecken som en kommentar")
                    .hint(format!("sätt citattecken runt färgkoden, till exempel {example}")),
            ),
            Some(text) => {
                let digits = text.trim().strip_prefix('#').unwrap_or("");
                if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                    self.errors.push(
                        Diagnostic::new(format!("`{text}` är ingen färgkod vplan kan läsa"))
                            .at(position(&colour.referenced, text.chars().count()))
                            .note("en färg skrivs som # och sex tecken 0–9 eller a–f (röd, grön, blå)")
                            .hint(format!("till exempel {example}, inom citattecken")),
                    );
                }
            }
        }
    }

    /// Checks the folder of own templates: inside the plan's folder, and holding only files
    /// that replace one of vplan's own. Returns the folder, canonical, when it is usable.
    fn template_folder(&mut self, folder: &Spanned<String>) -> Option<PathBuf> {
        if self.files == Files::Skip {
            return None;
        }
        let at = position(&folder.referenced, folder.value.chars().count());
        let names: Vec<String> =
            crate::templates::TYPST.iter().map(|(name, _)| format!("`{name}`")).collect();
        let relative = Path::new(folder.value.trim());
        let outside = relative.is_absolute()
            || relative.components().any(|c| matches!(c, std::path::Component::ParentDir));
        let resolved = (!outside).then(|| self.folder.join(relative).canonicalize().ok()).flatten();
        let problem = match &resolved {
            _ if outside => Some("ligger utanför planens mapp"),
            None => Some("finns inte"),
            Some(path) if !path.starts_with(self.folder) => Some("ligger utanför planens mapp"),
            Some(path) if !path.is_dir() => Some("är ingen mapp"),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            self.errors.push(
                Diagnostic::new(format!("mallmappen `{}` {problem}", folder.value))
                    .at(at)
                    .hint("ange en mapp i planens mapp, relativt planfilen, till exempel `mallar: mallar/`"),
            );
            return None;
        }
        let resolved = resolved?;
        let mut entries: Vec<String> = match std::fs::read_dir(&resolved) {
            Ok(entries) => {
                entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
            }
            Err(e) => {
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallmappen `{}` kan inte läsas: {}",
                        folder.value,
                        crate::io_reason(&e)
                    ))
                    .at(at)
                    .hint("kontrollera att mappen går att läsa"),
                );
                return None;
            }
        };
        entries.sort();
        let mut usable = true;
        // Hidden files (.DS_Store and the like) are an editor's or a system's, not the user's.
        for name in entries.iter().filter(|name| !name.starts_with('.')) {
            let known = crate::templates::TYPST.iter().any(|(file, _)| file == name);
            let inside = resolve_in_folder(self.folder, &format!("{}/{name}", folder.value.trim()));
            if !known {
                usable = false;
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallmappen `{}` har filen `{name}`, som inte ersätter någon av vplans mallar",
                        folder.value
                    ))
                    .at(at)
                    .note(format!("filer som kan ersättas: {}", names.join(", ")))
                    .hint("byt namn på filen till en av dem, eller flytta den ur mappen"),
                );
            } else if let Err(problem) = inside {
                usable = false;
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallen `{name}` i `{}`: {}",
                        folder.value,
                        problem.message(name)
                    ))
                    .at(at)
                    .hint("lägg mallfilen själv i mallmappen, inte en länk ut ur planens mapp"),
                );
            }
        }
        usable.then_some(resolved)
    }

    fn document(&mut self, document: &Document) -> Option<NaiveDate> {
        let year = &document.year;
        if !(2000..=2100).contains(&year.value) {
            self.errors.push(
                Diagnostic::new(format!("planåret {} är orimligt", year.value))
                    .at(position(&year.referenced, 4))
                    .hint("skriv planens år med fyra siffror, till exempel `år: 2026`"),
            );
        }
        let date = &document.date;
        let unfilled = date.value.contains(TO_FILL);
        if unfilled {
            self.warnings.push(
                Diagnostic::new("`datum` är inte ifyllt")
                    .at(position(&date.referenced, date.value.chars().count()))
                    .note("framsidan visar ”ATT FYLLA I” tills datumet är ifyllt")
                    .hint(format!("ersätt ”{TO_FILL}” med {}", to_fill_hint("datum"))),
            );
        }
        let fields =
            [("diarienummer", document.registry_number.as_ref()), ("beslut", document.decision.as_ref())];
        for (key, value) in fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
            if value.value.contains(TO_FILL) {
                self.warnings.push(
                    Diagnostic::new(format!("`{key}` är inte ifyllt"))
                        .at(position(&value.referenced, value.value.chars().count()))
                        .hint(format!("ersätt ”{TO_FILL}” med {}", to_fill_hint(key))),
                );
            }
        }
        if unfilled {
            // Until the date is known the document is dated 1 January of the plan year, so
            // that a draft still builds reproducibly.
            return NaiveDate::from_ymd_opt(year.value, 1, 1).or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1));
        }
        match NaiveDate::parse_from_str(date.value.trim(), "%Y-%m-%d") {
            Ok(parsed) if date.value.trim().len() == 10 => Some(parsed),
            _ => {
                self.errors.push(
                    Diagnostic::new(format!("`{}` är inget giltigt datum", date.value))
                        .at(position(&date.referenced, date.value.chars().count()))
                        .note("datum skrivs ÅÅÅÅ-MM-DD")
                        .hint("till exempel `datum: 2025-11-26`"),
                );
                None
            }
        }
    }

    fn section(&mut self, section: &Section, depth: usize, placed: &mut Placed) {
        if depth > MAX_SECTION_DEPTH {
            self.errors.push(
                Diagnostic::new(format!("avsnittet `{}` ligger på nivå {depth}", section.heading.value))
                    .at(position(&section.heading.referenced, section.heading.value.chars().count()))
                    .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer (1, 1.1, 1.1.1)"))
                    .hint("flytta avsnittet en nivå upp, eller gör det till fetstil i texten ovanför"),
            );
        }
        if section.heading.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("avsnittet har en tom rubrik")
                    .at(position(&section.heading.referenced, 1))
                    .hint("skriv rubrikens text efter `rubrik:`"),
            );
        }
        for block in &section.blocks {
            self.block(block, depth, placed, false);
        }
        for child in &section.sections {
            self.section(child, depth + 1, placed);
        }
    }

    fn block(&mut self, block: &Spanned<Block>, depth: usize, placed: &mut Placed, in_goal_area: bool) {
        let at = position(&block.referenced, 1);
        match &block.value {
            Block::Image(image) => self.image(image),
            Block::Table(table) => self.table(table),
            Block::GoalAreas | Block::Budget(_) | Block::Contributions | Block::EquityHistory
                if in_goal_area =>
            {
                self.errors.push(
                    Diagnostic::new("ett målområde kan inte innehålla genererade block")
                        .at(at)
                        .hint("placera `målområden` och `budget` i ett avsnitts `innehåll:`"),
                )
            }
            Block::GoalAreas => {
                if depth >= MAX_SECTION_DEPTH {
                    self.errors.push(
                        Diagnostic::new(format!("målområdena hamnar på nivå {} här", depth + 1))
                            .at(at)
                            .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer"))
                            .hint("placera `målområden` i ett avsnitt på nivå 1 eller 2"),
                    );
                }
                if placed.goal_areas.replace(at).is_some() {
                    self.errors.push(
                        Diagnostic::new("målområdena är placerade mer än en gång")
                            .at(at)
                            .hint("ta bort det ena `- målområden`"),
                    );
                }
            }
            Block::Budget(extract) => placed.budgets.push((
                at,
                extract.years.as_ref().map(|y| (y.value.clone(), position(&y.referenced, 1))),
                extract.column_headings.as_ref().map(|h| (h.value.len(), position(&h.referenced, 1))),
            )),
            Block::Contributions => placed.contributions.push(at),
            Block::EquityHistory => placed.history.push(at),
            Block::Text(_) | Block::PageBreak => {}
        }
    }

    fn placement(&mut self, plan: &Plan, placed: &Placed) {
        match &plan.budget {
            None => {
                for (at, _, _) in &placed.budgets {
                    self.errors.push(
                        Diagnostic::new("avsnittet visar budgeten, men planen har ingen `budget:`")
                            .at(*at)
                            .hint("lägg till `budget:` i planen, eller ta bort `- budget`"),
                    );
                }
            }
            Some(_) if placed.budgets.is_empty() => self.warnings.push(
                Diagnostic::new("planen har en budget som inte visas")
                    .hint("lägg `- budget` i `innehåll:` i det avsnitt där budgettabellen ska stå"),
            ),
            Some(budget) => {
                for (_, years, headings) in &placed.budgets {
                    let shown = years.as_ref().map_or(budget.years.value.len(), |(y, _)| y.len());
                    if let Some((years, at)) = years
                        && let Some(missing) = years.iter().find(|y| !budget.years.value.contains(y))
                    {
                        self.errors.push(
                            Diagnostic::new(format!("budgeten har inget år {missing}"))
                                .at(*at)
                                .note(format!("budgetens år: {}", join_years(&budget.years.value)))
                                .hint("välj bland budgetens år"),
                        );
                    }
                    if let Some((count, at)) = headings
                        && *count != shown
                    {
                        self.errors.push(
                            Diagnostic::new(format!("{count} kolumnrubriker men {shown} år"))
                                .at(*at)
                                .hint("ge en kolumnrubrik per år som visas"),
                        );
                    }
                }
            }
        }
        for (defined, places, name) in [
            (plan.contributions.is_some(), &placed.contributions, "medlemsbidrag"),
            (plan.equity_history.is_some(), &placed.history, "eget_kapital_historik"),
        ] {
            if !defined {
                for at in places {
                    self.errors.push(
                        Diagnostic::new(format!("avsnittet visar `{name}`, men planen har inget `{name}:`"))
                            .at(*at)
                            .hint(format!("lägg till `{name}:` i planen, eller ta bort `- {name}`")),
                    );
                }
            } else if places.is_empty() {
                self.warnings.push(
                    Diagnostic::new(format!("planen har `{name}:` som inte visas"))
                        .hint(format!("lägg `- {name}` i `innehåll:` i det avsnitt där tabellen ska stå")),
                );
            }
        }
        match (plan.goal_areas.is_empty(), placed.goal_areas) {
            (true, Some(at)) => self.errors.push(
                Diagnostic::new("avsnittet visar målområdena, men planen har inga `målområden:`")
                    .at(at)
                    .hint("lägg till `målområden:` i planen, eller ta bort `- målområden`"),
            ),
            (false, None) => self.warnings.push(
                Diagnostic::new("planen har målområden som inte visas")
                    .hint("lägg `- målområden` i `innehåll:` i det avsnitt där de ska stå"),
            ),
            _ => {}
        }
    }

    fn identifier(&mut self, id: &Spanned<String>, seen: &mut HashSet<String>) {
        let valid = valid_identifier(&id.value);
        let at = position(&id.referenced, id.value.chars().count());
        if !valid {
            self.errors.push(
                Diagnostic::new(format!("`{}` är inget giltigt id", id.value))
                    .at(at)
                    .hint("ett id består av bokstäver, siffror, - och _, till exempel `individ`"),
            );
        } else if !seen.insert(id.value.clone()) {
            self.errors.push(
                Diagnostic::new(format!("id `{}` används mer än en gång", id.value))
                    .at(at)
                    .hint("ge varje målområde ett eget id"),
            );
        }
    }

    fn table(&mut self, table: &Table) {
        let columns = table.columns.len();
        if columns == 0 {
            self.errors.push(
                Diagnostic::new("tabellen har inga kolumner")
                    .hint("lista kolumnerna under `kolumner:` med `rubrik:`"),
            );
        }
        for column in &table.columns {
            if column.width.value == 0 {
                self.errors.push(
                    Diagnostic::new("en kolumn kan inte ha bredden 0")
                        .at(position(&column.width.referenced, 1))
                        .hint("ange en relativ bredd från 1 och uppåt, till exempel `bredd: 2`"),
                );
            }
        }
        for row in &table.rows {
            if row.value.len() != columns {
                self.errors.push(
                    Diagnostic::new(format!(
                        "raden har {} men tabellen har {columns} kolumner",
                        crate::swedish::count(row.value.len(), "cell", "celler")
                    ))
                    .at(position(&row.referenced, 1))
                    .hint("ge varje rad en cell per kolumn; skriv \"\" för en tom cell"),
                );
            }
        }
    }

    fn image(&mut self, image: &Image) {
        self.image_file(&image.file);
        if image.alt.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("bilden har en tom alternativtext")
                    .at(position(&image.alt.referenced, 1))
                    .hint("beskriv med några ord vad bilden visar, för den som inte kan se den"),
            );
        }
        if let Some(width) = &image.width
            && !(1..=100).contains(&width.value)
        {
            self.errors.push(
                Diagnostic::new(format!("bredden {} % går inte", width.value))
                    .at(position(&width.referenced, 1))
                    .hint("ange bredden i procent av textbredden, 1–100"),
            );
        }
    }

    /// Checks that an image file exists inside the plan's folder and is an image.
    fn image_file(&mut self, file: &Spanned<String>) {
        if self.files == Files::Skip {
            return;
        }
        let at = position(&file.referenced, file.value.chars().count());
        match resolve_in_folder(self.folder, &file.value) {
            Ok(path) => {
                let head = std::fs::File::open(&path).and_then(|f| {
                    use std::io::Read;
                    let mut head = Vec::with_capacity(512);
                    f.take(512).read_to_end(&mut head).map(|_| head)
                });
                if head.as_deref().map(image_format).unwrap_or(None).is_none() {
                    self.errors.push(
                        Diagnostic::new(format!("filen `{}` är ingen bild vplan kan visa", file.value))
                            .at(at)
                            .note("vplan visar bilder i formaten PNG, JPEG, GIF, WebP och SVG")
                            .hint("spara bilden i något av de formaten, till exempel PNG"),
                    );
                }
            }
            Err(problem) => {
                self.errors.push(Diagnostic::new(problem.message(&file.value)).at(at).hint(problem.hint()))
            }
        }
    }

    /// Resolves the file of another plan (`föregående`) inside the plan's folder.
    fn plan_file(&mut self, file: &Spanned<String>) -> Option<PathBuf> {
        if self.files == Files::Skip {
            return None;
        }
        let at = position(&file.referenced, file.value.chars().count());
        match resolve_in_folder(self.folder, &file.value) {
            Ok(path) => Some(path),
            Err(problem) => {
                let hint = match problem {
                    FileProblem::Missing => {
                        "ange förra årets planfil relativt den här, till exempel `nedansiljan-2026.yaml`"
                    }
                    FileProblem::Outside => "lägg förra årets plan i samma mapp som den här planen",
                };
                self.errors.push(Diagnostic::new(problem.message(&file.value)).at(at).hint(hint));
                None
            }
        }
    }

    /// The insatser with an id, for budget lines to name; checks that ids are unique.
    fn actions<'p>(&mut self, plan: &'p Plan) -> HashMap<&'p str, &'p Spanned<Action>> {
        let mut actions = HashMap::new();
        for area in &plan.goal_areas {
            for action in &area.actions {
                let Some(id) = &action.value.id else { continue };
                if !valid_identifier(id) {
                    self.errors.push(
                        Diagnostic::new(format!("`{id}` är inget giltigt id"))
                            .at(position(&action.referenced, 1))
                            .hint("ett id består av bokstäver, siffror, - och _, till exempel `roa`"),
                    );
                } else if actions.insert(id.as_str(), action).is_some() {
                    self.errors.push(
                        Diagnostic::new(format!("insatsen `{id}` finns mer än en gång"))
                            .at(position(&action.referenced, 1))
                            .hint("ge varje insats ett eget id"),
                    );
                }
            }
        }
        actions
    }

    fn budget(&mut self, budget: &BudgetPlan, actions: &HashMap<&str, &Spanned<Action>>) {
        let years = &budget.years;
        let at_years = position(&years.referenced, 1);
        let count = years.value.len();
        let distinct: HashSet<i32> = years.value.iter().copied().collect();
        if count == 0 || count > MAX_BUDGET_YEARS {
            self.errors.push(
                Diagnostic::new(format!("budgeten har {count} år"))
                    .at(at_years)
                    .note(format!("en budget har 1–{MAX_BUDGET_YEARS} årskolumner"))
                    .hint("till exempel `år: [2026, 2027, 2028]`"),
            );
        } else if distinct.len() != count {
            self.errors.push(
                Diagnostic::new("ett år står två gånger i budgeten")
                    .at(at_years)
                    .hint("varje år har en kolumn; ta bort dubbletten"),
            );
        } else if budget.equity.is_some() && years.value.windows(2).any(|w| w[1] != w[0] + 1) {
            self.errors.push(
                Diagnostic::new("budgetens år följer inte på varandra")
                    .at(at_years)
                    .note("eget kapital förs från ett år till nästa, så åren ska stå i ordning utan luckor")
                    .hint("till exempel `år: [2026, 2027, 2028]`"),
            );
        }
        if let Some(headings) = &budget.column_headings
            && headings.value.len() != count
        {
            self.errors.push(
                Diagnostic::new(format!("{} kolumnrubriker men {count} år", headings.value.len()))
                    .at(position(&headings.referenced, 1))
                    .hint("ge en kolumnrubrik per år, eller ta bort `kolumnrubriker:` så används årtalen"),
            );
        }
        let order = &budget.order.value;
        if order.len() != 2 || order[0] == order[1] {
            self.errors.push(
                Diagnostic::new("`ordning` ska nämna båda delarna en gång")
                    .at(position(&budget.order.referenced, 1))
                    .hint("skriv `ordning: [intäkter, kostnader]` eller `ordning: [kostnader, intäkter]`"),
            );
        }
        if budget.equity.is_none() {
            for row in &budget.summary {
                if matches!(
                    row.figure,
                    SummaryFigure::Available | SummaryFigure::Opening | SummaryFigure::Closing
                ) {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "summeringsraden `{}` visar eget kapital, men budgeten har inget `eget_kapital`",
                            row.label
                        ))
                        .hint("ange `eget_kapital: { ingående: … }`, eller välj `intäkter`, `kostnader` eller `resultat`"),
                    );
                }
            }
        }
        let context = LineContext { years: count, unit: budget.unit, actions };
        for line in budget.income.lines.iter().chain(&budget.costs.lines) {
            self.line(line, &context, 1);
        }
        if let Some(equity) = &budget.equity {
            self.amount_unit(&equity.opening, budget.unit);
        }
    }

    fn line(&mut self, line: &Line, context: &LineContext, depth: usize) {
        let label = line.label().unwrap_or_default();
        let at = line.name.as_ref().and_then(|n| position(&n.referenced, n.value.chars().count()));
        let action = line.action.as_ref().map(|id| (id, context.actions.get(id.value.as_str())));
        if let Some((id, Some(_))) = &action
            && !self.used_actions.insert(id.value.clone())
        {
            self.errors.push(
                Diagnostic::new(format!("insatsen `{}` står på mer än en budgetrad", id.value))
                    .at(position(&id.referenced, id.value.chars().count()))
                    .note("då skulle dess belopp räknas två gånger")
                    .hint("låt insatsen stå på en rad"),
            );
        }
        match (&line.name, &action) {
            (None, None) => self.errors.push(
                Diagnostic::new("en budgetrad saknar `namn`")
                    .at(line.amounts.as_ref().and_then(|a| position(&a.referenced, 1)))
                    .hint("ge raden ett namn, eller hänvisa till en insats med `insats: id`"),
            ),
            (_, Some((id, None))) => self.errors.push(
                Diagnostic::new(format!("det finns ingen insats med id `{}`", id.value))
                    .at(position(&id.referenced, id.value.chars().count()))
                    .note(if context.actions.is_empty() {
                        "inga insatser har id".to_owned()
                    } else {
                        let mut ids: Vec<&str> = context.actions.keys().copied().collect();
                        ids.sort_unstable();
                        format!("insatser med id: {}", ids.join(", "))
                    })
                    .hint("ge insatsen under `målområden:` ett `id:` och samma id här"),
            ),
            _ => {}
        }
        let own_amounts = line.amounts.as_ref();
        if let Some((id, Some(action))) = &action
            && !self.checked_actions.contains(&id.value)
        {
            self.checked_actions.insert(id.value.clone());
            if own_amounts.is_some() {
                self.errors.push(
                    Diagnostic::new(format!("raden har både `belopp` och `insats: {}`", id.value))
                        .at(position(&id.referenced, 1))
                        .hint("beloppen står hos insatsen; ta bort `belopp` här"),
                );
            }
            match &action.value.amounts {
                None => self.errors.push(
                    Diagnostic::new(format!("insatsen `{}` har inga belopp", id.value))
                        .at(position(&action.referenced, 1))
                        .hint("ge insatsen `belopp:` med ett belopp per budgetår"),
                ),
                Some(cells) if cells.len() != context.years => self.errors.push(
                    Diagnostic::new(format!(
                        "insatsen `{}` har {} belopp men budgeten har {} år",
                        id.value,
                        cells.len(),
                        context.years
                    ))
                    .at(position(&action.referenced, 1))
                    .hint("skriv ett belopp per år i samma ordning som budgetens `år:`"),
                ),
                Some(cells) => self.cells_unit(cells, context.unit, position(&action.referenced, 1)),
            }
        }
        if let Some(amounts) = own_amounts {
            if amounts.value.len() != context.years {
                self.errors.push(
                    Diagnostic::new(format!(
                        "raden `{label}` har {} belopp men budgeten har {} år",
                        amounts.value.len(),
                        context.years
                    ))
                    .at(position(&amounts.referenced, 1))
                    .hint("skriv ett belopp per år i samma ordning som `år:`; `~` lämnar ett år tomt"),
                );
            }
            self.cells_unit(&amounts.value, context.unit, position(&amounts.referenced, 1));
        }
        match &line.lines {
            None => {
                if own_amounts.is_none() && line.action.is_none() {
                    self.errors.push(
                        Diagnostic::new(format!("raden `{label}` saknar `belopp`"))
                            .at(at)
                            .hint("skriv ett belopp per år, till exempel `belopp: [99, 105, 106]`"),
                    );
                }
                if line.subtotal_label.is_some() {
                    self.errors.push(
                        Diagnostic::new(format!("raden `{label}` har `delsumma` men inga `rader`"))
                            .at(at)
                            .hint("`delsumma` hör till en grupp av rader; ta bort den här"),
                    );
                }
            }
            Some(lines) => {
                if lines.is_empty() {
                    self.errors.push(
                        Diagnostic::new(format!("gruppen `{label}` har inga rader")).at(at).hint(
                            "lista gruppens rader under `rader:`, eller gör den till en rad med `belopp:`",
                        ),
                    );
                }
                if depth > 1 {
                    self.errors.push(
                        Diagnostic::new(format!("gruppen `{label}` ligger i en annan grupp"))
                            .at(at)
                            .hint("en budget har grupper i ett plan; flytta raderna upp en nivå"),
                    );
                }
                if line.action.is_some() {
                    self.errors.push(
                        Diagnostic::new(format!("gruppen `{label}` kan inte vara en insats"))
                            .at(at)
                            .hint("hänvisa till insatsen från en rad i gruppen"),
                    );
                }
                for child in lines {
                    self.line(child, context, depth + 1);
                }
                if own_amounts.is_some() && line.subtotal_label.is_none() {
                    self.errors.push(
                        Diagnostic::new(format!("gruppen `{label}` har egna belopp men ingen `delsumma`"))
                            .at(at)
                            .hint("gruppens belopp visas i dess delsumma; lägg till `delsumma: \"\"` eller en rubrik"),
                    );
                }
                // A group's own amount stands for years its lines leave blank; both would be
                // two sources for one figure.
                if let Some(amounts) = own_amounts {
                    for (year, cell) in amounts.value.iter().enumerate() {
                        let lines_have_year = lines.iter().any(|child| {
                            let cells = match (&child.amounts, &child.action) {
                                (Some(a), _) => Some(&a.value),
                                (None, Some(id)) => context
                                    .actions
                                    .get(id.value.as_str())
                                    .and_then(|a| a.value.amounts.as_ref()),
                                (None, None) => None,
                            };
                            cells.is_some_and(|c| c.get(year).is_some_and(Option::is_some))
                        });
                        if cell.is_some() && lines_have_year {
                            self.errors.push(
                                Diagnostic::new(format!(
                                    "gruppen `{label}` har ett eget belopp för kolumn {} där raderna också har belopp",
                                    year + 1
                                ))
                                .at(position(&amounts.referenced, 1))
                                .hint("vplan summerar raderna; ge gruppen belopp bara för år där raderna står tomma (`~`)"),
                            );
                        }
                    }
                }
            }
        }
    }

    /// Amounts in kronor are whole kronor.
    fn cells_unit(&mut self, cells: &[Option<Cell>], unit: Unit, at: Option<Position>) {
        self.whole_kronor(cells, unit, at, "budgeten är i kronor (`enhet: kr`); avrunda till hela kronor");
    }

    fn whole_kronor(&mut self, cells: &[Option<Cell>], unit: Unit, at: Option<Position>, hint: &str) {
        if unit == Unit::Kr
            && let Some(cell) = cells.iter().flatten().find(|c| !c.amount.0.fract().is_zero())
        {
            self.errors.push(
                Diagnostic::new(format!("beloppet {} har ören", crate::swedish::amount(cell.amount.0)))
                    .at(at)
                    .hint(hint),
            );
        }
    }

    fn amount_unit(&mut self, amount: &Spanned<Amount>, unit: Unit) {
        self.cells_unit(&[Some(Cell::plain(amount.value))], unit, position(&amount.referenced, 1));
    }

    fn contributions(&mut self, contributions: &Contributions, members: &[Member]) {
        let rows = &contributions.rows.value;
        let at_rows = position(&contributions.rows.referenced, 1);
        if rows.is_empty() {
            self.errors.push(
                Diagnostic::new("medlemsbidragen har inga rader")
                    .at(at_rows)
                    .hint("lista medlemmarna under `rader:`"),
            );
            return;
        }
        let by_share = rows.iter().filter(|r| r.share.is_some()).count();
        let by_amount = rows.iter().filter(|r| r.amount.is_some()).count();
        if (by_share != rows.len() && by_amount != rows.len()) || (by_share > 0 && by_amount > 0) {
            self.errors.push(
                Diagnostic::new("medlemsbidragen blandar `andel` och `belopp`, eller en rad saknar båda")
                    .at(at_rows)
                    .hint(
                        "ge antingen varje rad en `andel` (procent av `summa`) eller varje rad ett `belopp`",
                    ),
            );
        }
        for row in rows {
            let names: Vec<&str> = match &row.members {
                Some(list) => list.iter().map(String::as_str).collect(),
                None => vec![row.name.value.as_str()],
            };
            for name in names {
                if !members.iter().any(|m| m.name == name) {
                    self.errors.push(
                        Diagnostic::new(format!("`{name}` är ingen medlem i förbundet"))
                            .at(position(&row.name.referenced, row.name.value.chars().count()))
                            .note(format!(
                                "medlemmar: {}",
                                members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")
                            ))
                            .hint("skriv namnet som under `förbund: medlemmar:`, eller ange `parter:` med medlemmarnas namn"),
                    );
                }
            }
            for value in [&row.share, &row.amount].into_iter().flatten() {
                if value.value.0.is_sign_negative() {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "negativt medlemsbidrag: {}",
                            crate::swedish::amount(value.value.0)
                        ))
                        .at(position(&value.referenced, 1))
                        .hint("ett medlemsbidrag är noll eller mer"),
                    );
                }
            }
            if let Some(amount) = &row.amount {
                let at = position(&amount.referenced, 1);
                self.whole_kronor(
                    &[Some(Cell::plain(amount.value))],
                    Unit::Kr,
                    at,
                    "medlemsbidrag anges i hela kronor",
                );
            }
        }
        if by_share == rows.len() {
            let sum: Decimal = rows.iter().filter_map(|r| r.share.as_ref()).map(|s| s.value.0).sum();
            if sum != Decimal::ONE_HUNDRED {
                self.errors.push(
                    Diagnostic::new(format!("andelarna blir {} %, inte 100 %", sum.normalize()))
                        .at(at_rows)
                        .hint("rätta andelarna så att de tillsammans blir 100"),
                );
            }
            match &contributions.total {
                None => self.errors.push(
                    Diagnostic::new("medlemsbidragen har andelar men ingen `summa`")
                        .at(at_rows)
                        .hint("ange summan som ska fördelas, till exempel `summa: 6184000`"),
                ),
                Some(total) => self.amount_unit(total, Unit::Kr),
            }
        } else if by_amount == rows.len()
            && let Some(total) = &contributions.total
        {
            let sum: Decimal = rows.iter().filter_map(|r| r.amount.as_ref()).map(|a| a.value.0).sum();
            if sum != total.value.0 {
                self.errors.push(
                    Diagnostic::new(format!(
                        "medlemsbidragen blir {} kr men `summa` är {} kr",
                        crate::swedish::amount(sum),
                        crate::swedish::amount(total.value.0)
                    ))
                    .at(position(&total.referenced, 1))
                    .hint("rätta ett belopp, eller ta bort `summa:` så räknar vplan ut den"),
                );
            }
        }
    }

    fn history(&mut self, history: &EquityHistory, budget_years: &[i32]) {
        for row in &history.rows {
            let r = &row.value;
            if (r.funding.is_none() || r.budget.is_none()) && !budget_years.contains(&r.year) {
                self.errors.push(
                    Diagnostic::new(format!(
                        "historiken saknar medelstilldelning eller budget för {}",
                        r.year
                    ))
                    .at(position(&row.referenced, 1))
                    .note("bara för budgetens egna år hämtar vplan dem ur budgeten")
                    .hint("ange `medelstilldelning:` och `budget:` för året"),
                );
            }
        }
        if history.headings.value.len() != 3 {
            self.errors.push(
                Diagnostic::new(format!(
                    "{} kolumnrubriker men historiken har 3 kolumner",
                    history.headings.value.len()
                ))
                .at(position(&history.headings.referenced, 1))
                .hint("ge tre rubriker: medelstilldelning, budget och eget kapital"),
            );
        }
        for pair in history.rows.windows(2) {
            if pair[1].value.year <= pair[0].value.year {
                self.errors.push(
                    Diagnostic::new(if pair[1].value.year == pair[0].value.year {
                        format!("året {} står två gånger i historiken", pair[1].value.year)
                    } else {
                        format!("året {} kommer efter {}", pair[1].value.year, pair[0].value.year)
                    })
                    .at(position(&pair[1].referenced, 1))
                    .hint("skriv historikens år i stigande ordning, vart år en gång"),
                );
            }
        }
    }
}

/// What a budget line is checked against.
struct LineContext<'a, 'p> {
    years: usize,
    unit: Unit,
    actions: &'a HashMap<&'p str, &'p Spanned<Action>>,
}

/// Whether `id` can name a målområde or an insats (and so be part of a figure's name).
fn valid_identifier(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A budget block's place, chosen years and their count of headings.
type BudgetPlace =
    (Option<Position>, Option<(Vec<i32>, Option<Position>)>, Option<(usize, Option<Position>)>);

/// Where the generated blocks were placed.
#[derive(Default)]
struct Placed {
    goal_areas: Option<Option<Position>>,
    budgets: Vec<BudgetPlace>,
    contributions: Vec<Option<Position>>,
    history: Vec<Option<Position>>,
}

fn join_years(years: &[i32]) -> String {
    years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// The image format of a file, judged by its first bytes (its name may lie).
pub fn image_format(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else if String::from_utf8_lossy(head).contains("<svg") {
        Some("svg")
    } else {
        None
    }
}

/// Why a file named in a plan cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file.
    Missing,
    /// The path leaves the plan's folder (`..`, an absolute path, a link out).
    Outside,
}

impl FileProblem {
    fn message(self, name: &str) -> String {
        match self {
            Self::Missing => format!("filen `{name}` finns inte"),
            Self::Outside => format!("filen `{name}` ligger utanför planens mapp"),
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Self::Missing => "ange sökvägen relativt planfilen, till exempel `bilder/logga.png`",
            Self::Outside => "lägg bilden i planens mapp (eller en undermapp) och ange sökvägen därifrån",
        }
    }
}

/// Resolves a file named in a plan; it must exist inside `folder` after links are followed.
pub fn resolve_in_folder(folder: &Path, name: &str) -> Result<PathBuf, FileProblem> {
    let relative = Path::new(name);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(FileProblem::Outside);
    }
    let resolved = folder.join(relative).canonicalize().map_err(|_| FileProblem::Missing)?;
    if !resolved.starts_with(folder) {
        return Err(FileProblem::Outside);
    }
    if !resolved.is_file() {
        return Err(FileProblem::Missing);
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn swedish_amount_text_parses_unambiguous_forms() {
        assert_eq!(parse_swedish_amount("1 631 000"), Ok(dec!(1631000)));
        assert_eq!(parse_swedish_amount("2,5"), Ok(dec!(2.5)));
        assert_eq!(parse_swedish_amount("−343"), Ok(dec!(-343)));
        assert_eq!(parse_swedish_amount("3262"), Ok(dec!(3262)));
    }

    #[test]
    fn swedish_amount_text_refuses_ambiguous_forms() {
        for text in [
            "1.000.000",
            "1.000",
            "1.5",
            "1e30",
            "1 00",
            "3 262 tkr",
            "1,5,0",
            "12 3456",
            "",
            "0x10",
            "1_000",
        ] {
            assert!(parse_swedish_amount(text).is_err(), "{text} should be refused");
        }
    }
}
