//! `budget`: the budget as typed — only the lines' amounts, never a total.
//!
//! In: the YAML under `budget`. Out: [`BudgetPlan`]; the sums are computed in
//! [`crate::compute`].

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::json;
use serde_saphyr::{Location, Spanned};

use super::amount::AmountVisitor;
use super::{Amount, described};

/// The budget as typed: only the lines' amounts, never a total.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Budgeten som den skrivs: bara radernas belopp.")]
pub struct BudgetPlan {
    /// The unit the amounts are written in.
    #[serde(rename = "enhet")]
    #[schemars(description = "Enheten som beloppen skrivs i: `kr` eller `tkr`.", example = &"tkr")]
    pub unit: Unit,
    /// The year columns, in the order the table shows them.
    #[serde(rename = "år")]
    #[schemars(description = "Årskolumnerna, i den ordning tabellen visar dem (högst fyra).", example = serde_json::json!([2026, 2027, 2028]), with = "Vec<i32>")]
    pub years: Spanned<Vec<i32>>,
    /// Column headings; default the years.
    #[serde(rename = "kolumnrubriker", default)]
    #[schemars(description = "Kolumnrubriker; förval åren.", example = serde_json::json!(["Budget 2026", "Prognos 2027", "Prognos 2028"]), with = "Option<Vec<String>>")]
    pub column_headings: Option<Spanned<Vec<String>>>,
    /// How signs are shown (the arithmetic is the same).
    #[serde(rename = "tecken", default)]
    #[schemars(description = "Hur tecknen visas; räkningen är densamma. Förval `vanliga`.", example = &"kostnader_negativa")]
    pub signs: Signs,
    /// Heading of an ID column (cost centres and accounts); the column is shown if set.
    #[serde(rename = "id_kolumn", default)]
    #[schemars(description = "Rubrik för en ID-kolumn (kostnadsställen, konton); kolumnen visas om den anges.", example = &"Kst")]
    pub id_heading: Option<String>,
    /// Heading over the labels, e.g. "Beskrivning".
    #[serde(rename = "radrubrik", default)]
    #[schemars(description = "Rubrik ovanför radernas namn.", example = &"Beskrivning")]
    pub label_heading: Option<String>,
    /// Which part comes first in the table.
    #[serde(rename = "ordning", default = "default_order")]
    #[schemars(description = "Vilken del som kommer först i tabellen; förval `[intäkter, kostnader]`.", example = serde_json::json!(["kostnader", "intäkter"]), with = "Vec<Part>")]
    pub order: Spanned<Vec<Part>>,
    /// Income lines.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Intäktsraderna.", example = serde_json::json!({"rubrik": "Intäkter", "rader": [{"namn": "Medlemsavgifter", "belopp": [6184]}], "summa": "Summa intäkter"}))]
    pub income: LineGroup,
    /// The eget kapital chain, if the plan states an opening balance.
    #[serde(rename = "eget_kapital", default)]
    #[schemars(description = "Eget kapital: det första årets ingående balans; vplan räknar fram resten.", example = serde_json::json!({"ingående": 1631, "rubrik": "Överskott från tidigare år"}))]
    pub equity: Option<Equity>,
    /// Cost lines and groups (cost centres).
    #[serde(rename = "kostnader")]
    #[schemars(description = "Kostnadsraderna och grupper av rader (kostnadsställen).", example = serde_json::json!({"rubrik": "Kostnader", "rader": [{"namn": "Kansli", "belopp": [2100]}], "summa": "Summa kostnader"}))]
    pub costs: LineGroup,
    /// Summary rows after both parts, always shown with their natural sign.
    #[serde(rename = "summering", default)]
    #[schemars(description = "Summeringsrader efter båda delarna.", example = serde_json::json!([{"rubrik": "Årets resultat", "värde": "resultat"}]))]
    pub summary: Vec<SummaryRow>,
    /// Label of the result row; the row is shown only if labelled.
    #[serde(rename = "resultat", default)]
    #[schemars(
        description = "Resultatradens rubrik; raden visas bara om den har en rubrik.",
        example = "Årets resultat"
    )]
    pub result_label: Option<String>,
    /// Heading of a column with the predecessor plan's figures for its own year, shown after
    /// this year's column, e.g. "Budget 2025"; needs `föregående`.
    #[serde(rename = "föregående_kolumn", default)]
    #[schemars(
        with = "Option<String>",
        description = "Rubrik för en kolumn med förra årets plans siffror för dess planår, efter årets första kolumn. Kräver `föregående` överst i planen.",
        example = "Budget 2026"
    )]
    pub predecessor_column: Option<Spanned<String>>,
}

fn default_order() -> Spanned<Vec<Part>> {
    Spanned::new(vec![Part::Income, Part::Costs], Location::UNKNOWN, Location::UNKNOWN)
}

/// The unit the budget's amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Enheten för beloppen: `kr` eller `tkr`.")]
pub enum Unit {
    /// Kronor.
    #[serde(rename = "kr")]
    #[schemars(description = "Kronor.")]
    Kr,
    /// Thousands of kronor.
    #[serde(rename = "tkr")]
    #[schemars(description = "Tusentals kronor.")]
    Tkr,
}

impl Unit {
    /// The unit as written after an amount.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Kr => "kr",
            Unit::Tkr => "tkr",
        }
    }
}

/// How the budget table shows signs. The arithmetic is the same for all three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(
    description = "Hur budgettabellen visar tecken: `vanliga`, `kostnader_negativa` eller `intäkter_negativa`."
)]
pub enum Signs {
    /// Income and costs both as positive amounts.
    #[default]
    #[serde(rename = "vanliga")]
    #[schemars(description = "Intäkter och kostnader som positiva belopp (förval).")]
    Plain,
    /// Costs shown negative (seed 002).
    #[serde(rename = "kostnader_negativa")]
    #[schemars(description = "Kostnader visas negativa.")]
    CostsNegative,
    /// Income shown negative, as in accounting (seed 003).
    #[serde(rename = "intäkter_negativa")]
    #[schemars(description = "Intäkter visas negativa, som i bokföringen.")]
    IncomeNegative,
}

/// The two parts of a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "En del av budgeten: `intäkter` eller `kostnader`.")]
pub enum Part {
    /// The income part.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Intäktsdelen.")]
    Income,
    /// The cost part.
    #[serde(rename = "kostnader")]
    #[schemars(description = "Kostnadsdelen.")]
    Costs,
}

/// A summary row at the foot of the budget table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En summeringsrad längst ned i budgettabellen.")]
pub struct SummaryRow {
    /// The row's label, e.g. "Intäkter totalt".
    #[serde(rename = "rubrik")]
    #[schemars(description = "Radens rubrik.", example = "Intäkter totalt")]
    pub label: String,
    /// Which computed figure it shows.
    #[serde(rename = "värde")]
    #[schemars(description = "Vilken uträknad siffra raden visar.", example = &"resultat")]
    pub figure: SummaryFigure,
}

/// The computed figures a summary row can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "En uträknad siffra i budgeten.")]
pub enum SummaryFigure {
    /// Total income.
    #[serde(rename = "intäkter")]
    #[schemars(description = "Summa intäkter.")]
    Income,
    /// Total costs.
    #[serde(rename = "kostnader")]
    #[schemars(description = "Summa kostnader.")]
    Costs,
    /// Income minus costs.
    #[serde(rename = "resultat")]
    #[schemars(description = "Intäkter minus kostnader.")]
    Result,
    /// Opening eget kapital.
    #[serde(rename = "ingående_eget_kapital")]
    #[schemars(description = "Ingående eget kapital.")]
    Opening,
    /// Closing eget kapital.
    #[serde(rename = "utgående_eget_kapital")]
    #[schemars(description = "Utgående eget kapital.")]
    Closing,
    /// Income plus opening eget kapital.
    #[serde(rename = "beslutsutrymme")]
    #[schemars(description = "Intäkter plus ingående eget kapital (beslutsutrymme).")]
    Available,
}

/// Income or costs: an optional header row, the lines, an optional total row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Intäkter eller kostnader: en rubrikrad, raderna och en summarad.")]
pub struct LineGroup {
    /// A header row above the lines, e.g. "Intäkter".
    #[serde(rename = "rubrik", default)]
    #[schemars(description = "En rubrikrad ovanför raderna.", example = &"Intäkter")]
    pub heading: Option<String>,
    /// The lines (and groups of lines).
    #[serde(rename = "rader")]
    #[schemars(description = "Raderna (och grupper av rader).", example = serde_json::json!([{"namn": "Medlemsavgifter", "belopp": [6184, 6184]}]))]
    pub lines: Vec<Line>,
    /// Label of the total row; the row is shown only if labelled (`""` shows it unlabelled).
    #[serde(rename = "summa", default)]
    #[schemars(
        description = "Summaradens rubrik; raden visas bara om den har en rubrik (`\"\"` visar den utan).",
        example = "Summa intäkter"
    )]
    pub total_label: Option<String>,
}

/// A budget line, or a group of lines (a cost centre) when it has `rader`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En budgetrad, eller en grupp av rader (ett kostnadsställe) när den har `rader`.")]
pub struct Line {
    /// The line's label; for a line that names an insats, default the insats's name.
    #[serde(rename = "namn", default)]
    #[schemars(description = "Radens namn; för en rad med `insats` förval insatsens namn.", example = &"Medlemsavgifter", with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// A cost centre's or account's number, shown in the ID column.
    #[serde(default)]
    #[schemars(description = "Kostnadsställets eller kontots nummer, som visas i ID-kolumnen.", example = &"4010")]
    pub id: Option<String>,
    /// The amounts, one per year; `~` leaves a year blank. On a group: its total for the
    /// years its lines leave blank.
    #[serde(rename = "belopp", default)]
    #[schemars(description = "Beloppen, ett per år; `~` lämnar ett år tomt. På en grupp: gruppens summa för år där raderna står tomma.", example = serde_json::json!([3262, 3262, 3262]), with = "Option<Vec<Option<Cell>>>")]
    pub amounts: Option<Spanned<Vec<Option<Cell>>>>,
    /// An insats (by its `id` under `målområden`) whose amounts this line shows.
    #[serde(rename = "insats", default)]
    #[schemars(description = "En insats (dess `id` under `målområden`) vars belopp raden visar.", example = &"individ", with = "Option<String>")]
    pub action: Option<Spanned<String>>,
    /// The lines of a group.
    #[serde(rename = "rader", default)]
    #[schemars(description = "Gruppens rader; en rad med `rader` är en grupp (ett kostnadsställe).", example = serde_json::json!([{"namn": "Lön", "belopp": [1500]}, {"namn": "Lokaler", "belopp": [200]}]))]
    pub lines: Option<Vec<Line>>,
    /// Label of a group's subtotal row (`""` shows it unlabelled).
    #[serde(rename = "delsumma", default)]
    #[schemars(
        description = "Rubrik för gruppens delsumma (`\"\"` visar den utan rubrik).",
        example = "Summa kansli"
    )]
    pub subtotal_label: Option<String>,
    /// Whether the line (or group) is administration, for the check of administrative costs.
    #[serde(rename = "administration", default)]
    #[schemars(
        description = "Om raden (eller gruppen) är administration, för kontrollen av administrationens andel av kostnaderna.",
        example = true
    )]
    pub administration: bool,
    /// What of `medlemsbidrag` this income line shows for the contributions' year: a row (by
    /// its `namn`), a member, `summa` for the total, ”kommunerna”, ”regionen” or ”staten” for
    /// every row of that party, or a list of such names.
    #[serde(rename = "medlemsbidrag", default)]
    #[schemars(description = "Vad av `medlemsbidrag` raden visar för medlemsbidragens år, så att beloppet skrivs en gång: en rad (dess `namn`) eller medlem, `summa` för hela summan, `kommunerna`, `regionen` eller `staten` för alla rader med sådana medlemmar, eller en lista av namn.", example = &"Försäkringskassan", with = "ContributionLink")]
    pub contribution: Option<Spanned<ContributionLink>>,
    /// The members this income line stands for, when its name does not say it: member names,
    /// rows of `medlemsbidrag`, or ”kommunerna”, ”regionen”, ”staten”.
    #[serde(rename = "parter", default)]
    #[schemars(description = "Medlemmarna som intäktsraden står för, när namnet inte säger det: medlemmarnas eller medlemsbidragsradernas namn, eller `kommunerna`, `regionen`, `staten`. Raden jämförs då med medlemsbidragen.", example = serde_json::json!(["Avesta kommun", "Hedemora kommun"]), with = "Option<Vec<String>>")]
    pub parties: Option<Spanned<Vec<String>>>,
    /// A note printed under the table and marked on this line's label.
    #[serde(rename = "not", default)]
    #[schemars(
        description = "En not som skrivs under tabellen och markeras vid radens namn.",
        example = "Inklusive lokalhyra"
    )]
    pub note: Option<String>,
}

impl Line {
    /// The label as written, if any.
    pub fn label(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    /// The names this line stands for among the members: its `medlemsbidrag`, else its
    /// `parter`; `None` when it says neither.
    pub fn member_names(&self) -> Option<&[String]> {
        match (&self.contribution, &self.parties) {
            (Some(link), _) => Some(&link.value.0),
            (None, Some(parties)) => Some(&parties.value),
            (None, None) => None,
        }
    }
}

/// What a budget line takes from `medlemsbidrag`: one name (`summa`, a row, a member,
/// ”kommunerna”) or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLink(pub Vec<String>);

impl ContributionLink {
    /// The names as a message writes them: `summa`, or `[A, B]`.
    pub fn written(&self) -> String {
        match self.0.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        }
    }
}

impl<'de> Deserialize<'de> for ContributionLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LinkVisitor;

        impl<'de> Visitor<'de> for LinkVisitor {
            type Value = ContributionLink;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett namn i medlemsbidragen (eller `summa`), eller en lista av namn")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ContributionLink, E> {
                Ok(ContributionLink(vec![v.to_owned()]))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<ContributionLink, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(ContributionLink(names))
            }
        }

        deserializer.deserialize_any(LinkVisitor)
    }
}

/// Accepts what [`ContributionLink`]'s `Deserialize` accepts: a name or a list of names.
impl JsonSchema for ContributionLink {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ContributionLink".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ett namn i medlemsbidragen (en rad eller medlem, `summa`, `kommunerna`, `regionen` eller `staten`), eller en lista av namn.",
            "examples": ["summa", "Försäkringskassan", ["Avesta kommun", "Hedemora kommun"]],
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } },
            ],
        })
    }
}

/// One amount in a budget line or table: a number, or `{ belopp, not, status }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The amount.
    pub amount: Amount,
    /// A note marked on this amount and printed under the table.
    pub note: Option<String>,
    /// Whether the amount is a forecast or a request (marked `*` and `**`).
    pub status: Option<Status>,
}

/// What kind of figure an amount in a history table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Vad för slags belopp det är: `prognos` (markeras *) eller `äskat` (markeras **).")]
pub enum Status {
    /// A forecast, marked `*`.
    #[serde(rename = "prognos")]
    #[schemars(description = "En prognos, markeras *.")]
    Forecast,
    /// An amount asked for, marked `**`.
    #[serde(rename = "äskat")]
    #[schemars(description = "Ett äskat belopp, markeras **.")]
    Requested,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;

        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett belopp, eller { belopp: …, not: … }")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                AmountVisitor.visit_i64(v).map(Cell::plain)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                AmountVisitor.visit_u64(v).map(Cell::plain)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                AmountVisitor.visit_f64(v).map(Cell::plain)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                AmountVisitor.visit_str(v).map(Cell::plain)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
                const FIELDS: &[&str] = &["belopp", "not", "status"];
                let (mut amount, mut note, mut status) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "belopp" => amount = Some(map.next_value::<Amount>()?),
                        "not" => note = Some(map.next_value::<String>()?),
                        "status" => status = Some(map.next_value::<Status>()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let amount = amount.ok_or_else(|| de::Error::missing_field("belopp"))?;
                Ok(Cell { amount, note, status })
            }
        }

        deserializer.deserialize_any(CellVisitor)
    }
}

/// Accepts what [`Cell`]'s `Deserialize` accepts: an amount, or a mapping with `belopp` and
/// optionally `not` and `status`.
impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let amount = generator.subschema_for::<Amount>();
        let text = generator.subschema_for::<String>();
        let status = generator.subschema_for::<Status>();
        json_schema!({
            "description": "Ett belopp, eller `{ belopp: …, not: …, status: … }` för ett belopp med not eller status.",
            "examples": [3262, "1 631 000", { "belopp": 6400, "status": "prognos" }],
            "anyOf": [
                amount.clone(),
                {
                    "type": "object",
                    "properties": {
                        "belopp": described(&amount, "Beloppet.", json!([6400])),
                        "not": described(&text, "En not som markeras vid beloppet och skrivs under tabellen.", json!(["Enligt beslut i styrelsen"])),
                        "status": described(&status, "`prognos` (markeras *) eller `äskat` (markeras **).", json!(["prognos"])),
                    },
                    "required": ["belopp"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl Cell {
    /// An amount without note or status.
    pub fn plain(amount: Amount) -> Self {
        Self { amount, note: None, status: None }
    }
}

/// The eget kapital chain: the first year's opening balance and the rows' labels.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Eget kapital: det första årets ingående balans och radernas rubriker.")]
pub struct Equity {
    /// The opening balance of the first budget year.
    #[serde(rename = "ingående")]
    #[schemars(
        description = "Det första budgetårets ingående eget kapital.",
        example = "1 631 000",
        with = "Amount"
    )]
    pub opening: Spanned<Amount>,
    /// Label of the opening-balance row, e.g. "Överskott från tidigare år"; shown only if set.
    #[serde(rename = "rubrik", default)]
    #[schemars(
        description = "Rubrik för raden med ingående eget kapital; raden visas bara om den anges.",
        example = "Överskott från tidigare år"
    )]
    pub label: Option<String>,
    /// Label of the row income + opening balance, e.g. "Totalt ingående beslutsutrymme".
    #[serde(rename = "summa", default)]
    #[schemars(
        description = "Rubrik för raden intäkter + ingående eget kapital.",
        example = "Totalt ingående beslutsutrymme"
    )]
    pub total_label: Option<String>,
}
