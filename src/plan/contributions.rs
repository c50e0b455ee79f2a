//! `medlemsbidrag`: what each member pays, as shares of a total or as amounts.
//!
//! In: the YAML under `medlemsbidrag`. Out: [`Contributions`]; the split is computed in
//! [`crate::compute`].

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::Amount;

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
