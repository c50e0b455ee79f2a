//! `eget_kapital_historik`: eget kapital year by year.
//!
//! In: the YAML under `eget_kapital_historik`. Out: [`EquityHistory`].

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::{Cell, Unit};

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
