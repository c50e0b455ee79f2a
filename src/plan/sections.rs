//! `avsnitt`: the narrative sections and their blocks (text, tables, images, and the places
//! where generated tables stand).
//!
//! In: the YAML under `avsnitt`. Out: [`Section`]s with their [`Block`]s.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::json;
use serde_saphyr::{Location, Spanned};

use super::{Text, described, yes};

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
    #[schemars(description = "Block som visas efter texten: `text`, `tabell`, `bild`, `sidbrytning`, `målområden` (alla, eller några med `- målområden: [id, id]`), `budget`, `medlemsbidrag` eller `eget_kapital_historik`.", example = serde_json::json!(["målområden", {"text": "Mer text."}, "budget"]), with = "Vec<Block>")]
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
    /// The plan's målområden, as sub-headings of this section: all of them, or the ones whose
    /// `id` the block names (`- målområden: [individ, struktur]`), in that order, so that a
    /// plan can show its målområden in more than one place.
    GoalAreas(Option<Spanned<Vec<String>>>),
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
                    "målområden" => Ok(Block::GoalAreas(None)),
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
                    "målområden" => Block::GoalAreas(map.next_value()?),
                    "sidbrytning" | "medlemsbidrag" | "eget_kapital_historik" => {
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
                one(
                    "målområden",
                    "Planens målområden, som underrubriker till avsnittet: alla, eller de vars `id` listas, i den ordningen.",
                    generator.subschema_for::<Option<Vec<String>>>(),
                    json!(["individ", "struktur"]),
                ),
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
