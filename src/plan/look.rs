//! `utseende`: the förbund's own look — colours, fonts, cover, running header and footer,
//! own templates.
//!
//! In: the YAML under `utseende`. Out: [`Look`], every key defaulting to vplan's look.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::Deserializer;
use serde_saphyr::Spanned;

use super::{Align, yes};

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
    /// How headings are written: capitals, a full stop after the number.
    #[serde(rename = "rubriker", default)]
    #[schemars(
        description = "Hur rubrikerna skrivs: huvudrubrikerna med versaler, punkt efter numret.",
        example = serde_json::json!({"versaler": true, "punkt_efter_nummer": true})
    )]
    pub headings: super::HeadingStyle,
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
    /// Which facts stand on the cover or under the title block; default all four.
    #[serde(rename = "uppgifter", default = "super::all_facts")]
    #[schemars(
        description = "Vilka uppgifter som visas på försättsbladet, eller under titelblocket när det inte har en egen sida: `datum`, `ansvarig`, `diarienummer`, `beslut`; förval alla fyra (de som står i `dokument`). `[]` visar inga.",
        example = serde_json::json!(["datum", "beslut"])
    )]
    pub facts: Vec<super::CoverFact>,
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
            facts: super::all_facts(),
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
