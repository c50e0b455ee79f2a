//! `deltagare`: the participants of an insats, counted by kön — aggregates only.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The participants of an insats in the period, counted by kön. Never a name, a personnummer
/// or a row per person: a förbund has no legal support for personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Participants {
    /// Women.
    pub women: u32,
    /// Men.
    pub men: u32,
}

impl Participants {
    /// Women and men together.
    pub fn total(self) -> u32 {
        self.women.saturating_add(self.men)
    }
}

/// What vplan says when a follow-up tries to hold data about single persons.
pub const PERSONAL_DATA: &str = "uppföljningen tar bara emot antal deltagare per kön, som `deltagare: { kvinnor: 23, män: 17 }`; \
    namn, personnummer och rader per person hör inte hemma här, eftersom lagen inte ger förbunden stöd att hantera personuppgifter";

/// The most participants an insats may report: far beyond any förbund, so that sums stay exact.
pub const MAX_PARTICIPANTS: u64 = 1_000_000;

impl<'de> Deserialize<'de> for Participants {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParticipantsVisitor;

        impl<'de> Visitor<'de> for ParticipantsVisitor {
            type Value = Participants;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("antal deltagare per kön, { kvinnor: …, män: … }")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Participants, A::Error> {
                Err(de::Error::custom(format!("en lista med deltagare tas inte emot: {PERSONAL_DATA}")))
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Participants, E> {
                Err(E::custom(format!("deltagare anges som antal per kön: {PERSONAL_DATA}")))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Participants, A::Error> {
                let mut counts = Participants::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value: u64 = match key.as_str() {
                        "kvinnor" | "män" => map.next_value()?,
                        other => {
                            return Err(de::Error::custom(format!(
                                "okänd nyckel `{other}` under `deltagare`: {PERSONAL_DATA}"
                            )));
                        }
                    };
                    if value > MAX_PARTICIPANTS {
                        return Err(de::Error::custom(format!(
                            "{value} deltagare är fler än vplan tar emot (högst {MAX_PARTICIPANTS})"
                        )));
                    }
                    let value = value as u32;
                    if key == "kvinnor" { counts.women = value } else { counts.men = value }
                }
                Ok(counts)
            }
        }

        deserializer.deserialize_any(ParticipantsVisitor)
    }
}

impl JsonSchema for Participants {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Participants".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Antal deltagare per kön. Bara antal: namn, personnummer och rader per person tas inte emot, eftersom lagen inte ger förbunden stöd att hantera personuppgifter.",
            "examples": [{ "kvinnor": 23, "män": 17 }],
            "type": "object",
            "properties": {
                "kvinnor": { "type": "integer", "minimum": 0, "description": "Antal kvinnor." },
                "män": { "type": "integer", "minimum": 0, "description": "Antal män." },
            },
            "additionalProperties": false,
        })
    }
}
