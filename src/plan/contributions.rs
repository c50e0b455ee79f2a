//! `medlemsbidrag`: what each member pays, as shares of a total, by population or as
//! amounts; one table, or a list of tables (per year, or a base and an extra contribution).
//!
//! In: the YAML under `medlemsbidrag`. Out: [`ContributionTables`]; the split is computed in
//! [`crate::compute`].

use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
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
    /// The table's heading, e.g. "Medlemsavgift 2021".
    #[serde(rename = "rubrik", default)]
    #[schemars(description = "Tabellens rubrik, till exempel ”Medlemsavgift 2021”.", example = &"Medlemsavgift 2021")]
    pub heading: Option<String>,
    /// The column headings in table order: name, share, amount.
    #[serde(rename = "kolumnrubriker", default)]
    #[schemars(description = "Kolumnrubrikerna i tabellens ordning: namn, andel och belopp; förval ”Medlem”, ”Andel” och ”Bidrag ÅR”.", example = serde_json::json!(["Medlem", "Procentuell fördelning", "Medlemsavgift 2021"]), with = "Option<Vec<String>>")]
    pub column_headings: Option<Spanned<Vec<String>>>,
    /// How many decimals the shares are shown with.
    #[serde(rename = "decimaler", default)]
    #[schemars(
        description = "Hur många decimaler andelarna visas med, alltid så många (`2` ger 1,04 % och 25,00 %); utan nyckeln högst en decimal, och bara där andelen har en.",
        example = 2,
        with = "Option<u32>"
    )]
    pub decimals: Option<Spanned<u32>>,
    /// What the amounts are rounded to.
    #[serde(rename = "avrundning", default)]
    #[schemars(description = "Vad beloppen avrundas till: `kronor` (förval) eller `tkr` (hela tusental kronor).", example = &"tkr")]
    pub rounding: Rounding,
    /// The row that absorbs the rounding; default the largest remainders.
    #[serde(rename = "avrundning_till", default)]
    #[schemars(description = "Raden (dess `namn`) som tar upp avrundningen, så att summan stämmer; förval får de största resterna en enhet var.", example = &"Försäkringskassan", with = "Option<String>")]
    pub rounding_to: Option<Spanned<String>>,
    /// The date the populations in `invånare` are counted at.
    #[serde(rename = "invånare_datum", default)]
    #[schemars(description = "Dagen då invånarna i `invånare` räknades, till exempel 2024-11-01; visas under tabellen.", example = &"2024-11-01")]
    pub population_date: Option<String>,
    /// Label of the total row.
    #[serde(rename = "summarad", default = "default_sum_label")]
    #[schemars(description = "Summaradens rubrik; förval ”Summa”.", example = &"Summa")]
    pub total_label: String,
}

/// What contribution amounts are rounded to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Vad medlemsbidragen avrundas till.")]
pub enum Rounding {
    /// Whole kronor.
    #[default]
    #[serde(rename = "kronor")]
    #[schemars(description = "Hela kronor.")]
    Kronor,
    /// Whole thousands of kronor.
    #[serde(rename = "tkr")]
    #[schemars(description = "Hela tusental kronor.")]
    Tkr,
}

/// The plan's contribution tables: `medlemsbidrag` as one mapping or a list of them.
#[derive(Debug, Default)]
pub struct ContributionTables(pub Vec<Contributions>);

impl Deref for ContributionTables {
    type Target = Vec<Contributions>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ContributionTables {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TablesVisitor;

        impl<'de> Visitor<'de> for TablesVisitor {
            type Value = ContributionTables;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en tabell med medlemsbidrag (`år`, `rader` …), eller en lista av sådana")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let one = Contributions::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ContributionTables(vec![one]))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut tables = Vec::new();
                while let Some(table) = seq.next_element::<Contributions>()? {
                    tables.push(table);
                }
                Ok(ContributionTables(tables))
            }
        }

        deserializer.deserialize_any(TablesVisitor)
    }
}

/// Accepts what [`ContributionTables`]' `Deserialize` accepts: one table or a list of them.
impl JsonSchema for ContributionTables {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ContributionTables".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let one = generator.subschema_for::<Contributions>();
        json_schema!({
            "description": "En tabell med medlemsbidrag, eller en lista av tabeller (en per år, eller ett grundbidrag och ett extra bidrag), var och en med egen rubrik.",
            "anyOf": [one.clone(), { "type": "array", "items": one }],
        })
    }
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
    /// The population, for a row that shares by population what the `andel` rows leave.
    #[serde(rename = "invånare", default)]
    #[schemars(
        description = "Antal invånare: raderna med `invånare` delar det som raderna med `andel` lämnar (till exempel kommunernas fjärdedel) efter folkmängd.",
        example = 12345,
        with = "Option<Amount>"
    )]
    pub population: Option<Spanned<Amount>>,
    /// The amount in kronor.
    #[serde(rename = "belopp", default)]
    #[schemars(description = "Beloppet i kronor.", example = 1546000, with = "Option<Amount>")]
    pub amount: Option<Spanned<Amount>>,
}
