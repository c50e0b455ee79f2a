//! `förslag_till_beslut`: the closing proposal — who proposes, the att-satser, place, date and
//! signatures.
//!
//! In: the YAML under `förslag_till_beslut`. Out: [`Decision`]; it is set last in the plan by
//! `templates/beslut.typ`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The closing proposal (Förslag till beslut).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Förslag till beslut, sist i planen: vem som föreslås besluta, att-satserna, ort och datum och en eller flera underskrifter."
)]
pub struct Decision {
    /// The heading.
    #[serde(rename = "rubrik", default = "default_heading")]
    #[schemars(description = "Rubriken; förval ”Förslag till beslut”.", example = &"Förslag till beslut")]
    pub heading: String,
    /// Whether the heading is in the contents list.
    #[serde(rename = "i_innehållsförteckningen", default = "super::yes")]
    #[schemars(description = "Om rubriken står i innehållsförteckningen; förval `true`.", example = false)]
    pub in_contents: bool,
    /// The proposing body's sentence, e.g. "Fryksdalens samordningsförbund föreslås besluta".
    #[serde(rename = "inledning")]
    #[schemars(description = "Meningen före att-satserna.", example = &"Styrelsen föreslås besluta")]
    pub lead: String,
    /// The att-satser, each without its leading "att".
    #[serde(rename = "att")]
    #[schemars(description = "Att-satserna, var och en utan det inledande ”att”.", example = serde_json::json!(["godkänna verksamhetsplan och budget 2026"]), with = "Vec<String>")]
    pub clauses: Spanned<Vec<String>>,
    /// The place where it is signed.
    #[serde(rename = "ort", default)]
    #[schemars(description = "Orten där beslutet skrivs under.", example = &"Torsby")]
    pub place: Option<String>,
    /// The date, YYYY-MM-DD; default the document's date.
    #[serde(rename = "datum", default)]
    #[schemars(description = "Datumet, ÅÅÅÅ-MM-DD; förval dokumentets datum.", example = &"2025-11-20", with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    /// A line above the signatures, e.g. the förbund's name.
    #[serde(rename = "avsändare", default)]
    #[schemars(description = "En rad ovanför underskrifterna, till exempel förbundets namn.", example = &"Fryksdalens samordningsförbund")]
    pub sender: Option<String>,
    /// Who signs, each with a line to sign on.
    #[serde(rename = "underskrifter", default)]
    #[schemars(description = "De som skriver under, var och en med en rad att skriva på.", example = serde_json::json!([{"namn": "Tommy Olsson", "roll": "Ordförande"}]))]
    pub signatures: Vec<Signature>,
}

fn default_heading() -> String {
    "Förslag till beslut".to_owned()
}

/// A signature line: a name and a role.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En underskrift: namn och roll.")]
pub struct Signature {
    /// The name.
    #[serde(rename = "namn")]
    #[schemars(description = "Namnet.", example = &"Tommy Olsson")]
    pub name: String,
    /// The role.
    #[serde(rename = "roll", default)]
    #[schemars(description = "Rollen.", example = &"Ordförande")]
    pub role: Option<String>,
}
