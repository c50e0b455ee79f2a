//! `målområden`: målområden with their insatser and verksamhetsmål.
//!
//! In: the YAML under `målområden`. Out: [`GoalArea`]s with [`Action`]s and [`Target`]s.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::json;
use serde_saphyr::Spanned;

use super::{Block, Cell, Text, described};

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
    #[schemars(description = "Årets insatser: en rad Markdown vardera, eller en insats med `id`, `text`, `namn` och `belopp` som en budgetrad kan visa, och `slag` som grupperar insatserna.", example = serde_json::json!(["Förstärkt samverkan kring unga", {"id": "unga", "text": "Unga vuxna", "belopp": [1200]}]), with = "Vec<Action>")]
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
    /// The kind of insats, e.g. "Individinriktade insatser": insatser of one kind stand
    /// together under it as their own heading line.
    pub kind: Option<String>,
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
                Ok(Action { id: None, text: text.to_owned(), name: None, amounts: None, kind: None })
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Action, A::Error> {
                const FIELDS: &[&str] = &["id", "text", "namn", "belopp", "slag"];
                let mut action =
                    Action { id: None, text: String::new(), name: None, amounts: None, kind: None };
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
                        "slag" => action.kind = Some(map.next_value()?),
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
                        "slag": described(&text, "Insatsens slag; insatser av samma slag står tillsammans under slaget som rubrikrad, i stället för under `insatser_rubrik`.", json!(["Individinriktade insatser"])),
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
    /// An identifier a follow-up refers to; default `målområde-id.N`, N counted from 1 in
    /// the målområde's order.
    #[serde(default)]
    #[schemars(description = "En identifierare som uppföljningen (delårsrapport, årsredovisning) hänvisar till; förval målområdets `id`, en punkt och målets nummer i ordning, som `individ.1`.", example = &"egen-forsorjning", with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// What is measured.
    #[serde(rename = "mål")]
    #[schemars(description = "Vad som mäts.", example = "Antal deltagare i individinsatser")]
    pub goal: String,
    /// The target value, e.g. "minst 60 personer" or "35 %".
    #[serde(rename = "målvärde")]
    #[schemars(description = "Målvärdet.", example = "minst 60 personer")]
    pub value: String,
}

impl GoalArea {
    /// The identifiers of this målområde's verksamhetsmål, in order: a goal's own `id`, else
    /// the målområde's `id` (or its number, `number`, counted from 1) and the goal's number,
    /// as in `individ.1`.
    pub fn target_ids(&self, number: usize) -> Vec<String> {
        let area = self.id.as_ref().map(|id| id.value.clone()).unwrap_or_else(|| number.to_string());
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                t.id.as_ref().map(|id| id.value.clone()).unwrap_or_else(|| format!("{area}.{}", i + 1))
            })
            .collect()
    }
}
