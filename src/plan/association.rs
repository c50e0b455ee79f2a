//! `förbund`: the samordningsförbund, its members and its logo.
//!
//! In: the YAML under `förbund`. Out: [`Association`] as the user wrote it.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_json::json;
use serde_saphyr::Spanned;

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

/// The four kinds of party in a samordningsförbund (lag 2003:1210). A landsting is the
/// region's older name, which older plans and many förbundsordningar still use; it is the
/// same party as a region but keeps its own name wherever vplan shows the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MemberKind {
    /// A kommun.
    #[serde(rename = "kommun", alias = "Kommun")]
    Kommun,
    /// A region.
    #[serde(rename = "region", alias = "Region")]
    Region,
    /// A landsting (or landstingskommun): a region by its older name.
    #[serde(
        rename = "landsting",
        alias = "Landsting",
        alias = "landstingskommun",
        alias = "Landstingskommun"
    )]
    Landsting,
    /// Försäkringskassan (the state).
    #[serde(rename = "försäkringskassan", alias = "Försäkringskassan")]
    Forsakringskassan,
    /// Arbetsförmedlingen (the state).
    #[serde(rename = "arbetsförmedlingen", alias = "Arbetsförmedlingen")]
    Arbetsformedlingen,
}

impl MemberKind {
    /// Whether this is the region's party (a region, or a landsting by its older name).
    pub fn is_region(self) -> bool {
        matches!(self, Self::Region | Self::Landsting)
    }
}

/// Written by hand for the aliases (`Försäkringskassan`, `Landsting` …) that the parser also
/// accepts.
impl JsonSchema for MemberKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MemberKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let kind = |name: &str, description: &str| json!({ "type": "string", "const": name, "description": description });
        json_schema!({
            "description": "Vilken sorts part: `kommun`, `region` (eller `landsting`), `försäkringskassan` eller `arbetsförmedlingen`.",
            "oneOf": [
                kind("kommun", "En kommun."),
                kind("region", "En region."),
                kind("landsting", "Ett landsting: samma part som en region, med det äldre namnet som många förbundsordningar använder."),
                kind("landstingskommun", "Samma som `landsting`."),
                kind("Kommun", "Samma som `kommun`."),
                kind("Region", "Samma som `region`."),
                kind("Landsting", "Samma som `landsting`."),
                kind("Landstingskommun", "Samma som `landsting`."),
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
