//! `bokföring:` in a follow-up: which SIE file holds the books, and which accounts (and
//! object) each plan line takes its utfall from. What the user wrote, nothing computed.
//!
//! ```yaml
//! bokföring:
//!   fil: bokforing-2026-08.se
//!   koppling:
//!     Finansiella anslag: { konton: "3000-3099" }
//!     Styrelse: { konton: ["4010-4019", "7000-7099"], objekt: "1:100" }
//!   okopplade: fel
//! ```

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::records::{Account, ObjectRef};

/// The `bokföring:` block.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Bokföringen som utfallet hämtas ur: en SIE-fil och vilka konton varje budgetrad motsvarar."
)]
pub struct BooksMapping {
    /// The SIE file, relative to the follow-up's folder.
    #[serde(rename = "fil")]
    #[schemars(
        description = "SIE-filen (typ 2, 3 eller 4), relativt uppföljningens mapp.",
        example = "bokforing-2026-08.se",
        with = "String"
    )]
    pub file: Spanned<String>,
    /// Plan line → its accounts, in the order written.
    #[serde(rename = "koppling")]
    #[schemars(
        description = "Budgetrad (namn, `id` eller `Grupp/Rad`) → dess konton och eventuellt ett objekt."
    )]
    pub links: Links,
    /// Whether a result account no line claims is an error or a warning.
    #[serde(rename = "okopplade", default)]
    #[schemars(
        description = "Om ett resultatkonto med belopp som ingen rad kopplar är ett fel (`fel`, förval) eller en varning (`varning`)."
    )]
    pub unmapped: UnmappedPolicy,
}

/// What an unmapped result account is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "`fel` (förval) eller `varning`.")]
pub enum UnmappedPolicy {
    /// An error: every amount must be accounted for.
    #[default]
    #[serde(rename = "fel")]
    #[schemars(description = "Ett okopplat konto med belopp är ett fel.")]
    Error,
    /// A warning, listed with the amounts.
    #[serde(rename = "varning")]
    #[schemars(description = "Ett okopplat konto med belopp är en varning.")]
    Warning,
}

/// The `koppling:` mapping, in the order written, with each key's position.
#[derive(Debug, Default)]
pub struct Links(pub Vec<(Spanned<String>, Link)>);

/// One plan line's accounts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En budgetrads konton, och eventuellt ett objekt (kostnadsställe, projekt).")]
pub struct Link {
    /// Account ranges: `"3000-3099"`, `4010`, or a list of them.
    #[serde(rename = "konton")]
    #[schemars(
        description = "Ett konto eller ett kontointervall (`\"3000-3099\"`), eller en lista av dem.",
        example = &"3000-3099",
        with = "AccountRanges"
    )]
    pub accounts: Spanned<AccountRanges>,
    /// One object of a dimension, `dimension:objekt`.
    #[serde(rename = "objekt", default)]
    #[schemars(
        description = "Ett objekt, skrivet `dimension:objekt`: `\"1:100\"` är kostnadsställe 100 när dimension 1 är kostnadsställe.",
        example = &"1:100",
        with = "Option<String>"
    )]
    pub object: Option<Spanned<ObjectSpec>>,
}

/// An inclusive range of account numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountRange {
    /// The first account.
    pub from: Account,
    /// The last account.
    pub to: Account,
}

impl AccountRange {
    /// Whether `account` is in the range.
    pub fn contains(self, account: Account) -> bool {
        (self.from..=self.to).contains(&account)
    }
}

impl fmt::Display for AccountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}–{}", self.from, self.to)
        }
    }
}

/// One or more account ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRanges(pub Vec<AccountRange>);

/// `dimension:objekt`, as written under `objekt:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectSpec(pub ObjectRef);

const RANGE_HELP: &str = "ett konto eller kontointervall, som 4010 eller \"3000-3099\"";

/// Parses `"3000-3099"` or `"4010"`.
pub fn parse_range(text: &str) -> Result<AccountRange, String> {
    let number = |t: &str| -> Result<Account, String> {
        let t = t.trim();
        if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{text}` är inget konto eller kontointervall; skriv {RANGE_HELP}"));
        }
        Ok(t.parse().expect("at most nine digits"))
    };
    let (from, to) = match text.split_once(['-', '–']) {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let n = number(text)?;
            (n, n)
        }
    };
    if to < from {
        return Err(format!("intervallet `{text}` slutar före sin början; skriv det lägsta kontot först"));
    }
    Ok(AccountRange { from, to })
}

/// Parses `"1:100"`.
pub fn parse_object(text: &str) -> Result<ObjectRef, String> {
    let help = "skriv `dimension:objekt`, till exempel \"1:100\" för objekt 100 i dimension 1";
    let (dimension, object) =
        text.split_once(':').ok_or_else(|| format!("`{text}` saknar dimension; {help}"))?;
    let dimension = dimension.trim();
    if dimension.is_empty() || dimension.len() > 9 || !dimension.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{dimension}` är inget dimensionsnummer; {help}"));
    }
    if object.is_empty() {
        return Err(format!("`{text}` saknar objekt; {help}"));
    }
    Ok(ObjectRef { dimension: dimension.parse().expect("at most nine digits"), object: object.to_owned() })
}

impl<'de> Deserialize<'de> for AccountRanges {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RangesVisitor;

        impl<'de> Visitor<'de> for RangesVisitor {
            type Value = AccountRanges;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{RANGE_HELP}, eller en lista av dem")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AccountRanges, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AccountRanges, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<AccountRanges, E> {
                parse_range(v).map(|r| AccountRanges(vec![r])).map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AccountRanges, A::Error> {
                let mut out = Vec::new();
                while let Some(one) = seq.next_element::<AccountRanges>()? {
                    out.extend(one.0);
                }
                if out.is_empty() {
                    return Err(de::Error::custom(format!("listan av konton är tom; skriv {RANGE_HELP}")));
                }
                Ok(AccountRanges(out))
            }
        }

        deserializer.deserialize_any(RangesVisitor)
    }
}

impl JsonSchema for AccountRanges {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AccountRanges".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ett konto (4010) eller ett kontointervall (\"3000-3099\"), eller en lista av dem.",
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": "^\\s*[0-9]+\\s*([-–]\\s*[0-9]+\\s*)?$" },
                { "type": "array", "items": { "anyOf": [{ "type": "integer" }, { "type": "string" }] }, "minItems": 1 },
            ],
        })
    }
}

impl<'de> Deserialize<'de> for ObjectSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_object(&text).map(ObjectSpec).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Links {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LinksVisitor;

        impl<'de> Visitor<'de> for LinksVisitor {
            type Value = Links;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("budgetrader med sina konton, till exempel `Styrelse: { konton: \"4010-4019\" }`")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Links, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let link = map.next_value::<Link>()?;
                    out.push((key, link));
                }
                Ok(Links(out))
            }
        }

        deserializer.deserialize_map(LinksVisitor)
    }
}

impl JsonSchema for Links {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Links".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let link = generator.subschema_for::<Link>();
        json_schema!({
            "description": "Budgetrad (namn, `id` eller `Grupp/Rad`) → dess konton och eventuellt ett objekt.",
            "type": "object",
            "additionalProperties": link,
            "examples": [{ "Styrelse": { "konton": ["4010-4019", "7000-7099"], "objekt": "1:100" } }],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_objects_parse() {
        assert_eq!(parse_range("3000-3099"), Ok(AccountRange { from: 3000, to: 3099 }));
        assert_eq!(parse_range(" 4010 "), Ok(AccountRange { from: 4010, to: 4010 }));
        assert!(parse_range("3099-3000").is_err());
        assert!(parse_range("30a0").is_err());
        assert_eq!(parse_object("1:100"), Ok(ObjectRef { dimension: 1, object: "100".into() }));
        assert!(parse_object("100").is_err());
        assert!(parse_object("x:100").is_err());
    }

    #[test]
    fn the_block_reads_from_yaml() {
        let yaml = "fil: b.se\nkoppling:\n  Styrelse: { konton: [\"4010-4019\", 7000], objekt: \"1:100\" }\n  Finansiella anslag: { konton: \"3000-3099\" }\nokopplade: varning\n";
        let m: BooksMapping = serde_saphyr::from_str(yaml).unwrap();
        assert_eq!(m.file.value, "b.se");
        assert_eq!(m.unmapped, UnmappedPolicy::Warning);
        assert_eq!(m.links.0[0].0.value, "Styrelse");
        assert_eq!(m.links.0[0].1.accounts.value.0.len(), 2);
        assert_eq!(m.links.0[1].0.value, "Finansiella anslag");
    }
}
