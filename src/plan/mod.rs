//! What the user wrote.
//!
//! The model: what the user wrote. In: the YAML text, through serde. Out: the typed [`Plan`]
//! exactly as the user wrote it, and, once [`crate::load`] has read and checked it, a
//! [`Loaded`] plan with its folder (the only place its images may come from) and the files it
//! names, resolved. The model is split per top-level key, one file each; [`crate::validate`]
//! checks what serde cannot, and nothing here computes: the arithmetic is in
//! [`crate::compute`], the warnings in [`crate::lint`].

mod amount;
mod association;
mod budget;
mod checks;
mod contributions;
mod decision;
mod document;
mod goals;
mod headings;
mod history;
pub mod keys;
mod look;
mod sections;

use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, json_schema};
use serde::Deserialize;
use serde_saphyr::Spanned;

pub use self::amount::{AMOUNT_PATTERN, Amount, amount_literal, parse_swedish_amount, within_bounds};
pub use self::association::{Association, Logo, Member, MemberKind};
pub use self::budget::{
    BudgetPlan, Cell, ContributionLink, Equity, Line, LineGroup, Part, Signs, Status, SummaryFigure,
    SummaryRow, Unit,
};
pub use self::checks::{
    Allotted, Checks, ControlFigure, DEFAULT_ADMINISTRATION_MAX, DEFAULT_EQUITY_MAX, PLACEHOLDERS, RULE_NAMES,
};
pub use self::contributions::{ContributionRow, ContributionTables, Contributions, Rounding};
pub use self::decision::{Decision, Signature};
pub use self::document::{Document, PreamblePlacement, YearInTitle};
pub use self::goals::{Action, GoalArea, Target};
pub(crate) use self::headings::all_facts;
pub use self::headings::{CoverFact, HeadingStyle};
pub use self::history::{EquityHistory, HistoryRow};
pub use self::look::{
    Colour, Colours, Cover, CoverPicture, CoverPlacement, FontFamily, Footer, Header, Look,
};
pub use self::sections::{Align, BLOCK_NAMES, Block, BudgetExtract, Column, Image, Section, Table};
use crate::error::{Diagnostic, Error, Position};
pub use crate::yaml::position;

/// The deepest heading level a plan may use (1, 1.1, 1.1.1).
pub const MAX_SECTION_DEPTH: usize = 3;
/// The most year columns a budget may have.
pub const MAX_BUDGET_YEARS: usize = 4;
/// The years a plan, its budget, its contributions and its history may name: four digits in
/// this century, so that no year arithmetic (the next year, the year before) can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;
/// The years an eget kapital history may go back to: a long history is a record, and no year
/// arithmetic is done on it.
pub const HISTORY_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

/// Markdown text with the place where it starts in the plan file.
pub type Text = Spanned<String>;

/// A verksamhetsplan as the kansli wrote it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En verksamhetsplan för ett samordningsförbund, som vplan bygger till en PDF.")]
pub struct Plan {
    /// The förbund that owns the plan.
    #[serde(rename = "förbund")]
    #[schemars(description = "Förbundet som planen gäller: namn, medlemmar och logotyp.", example = serde_json::json!({"namn": "Nedansiljans samordningsförbund", "medlemmar": [{"namn": "Leksands kommun", "typ": "kommun"}]}))]
    pub association: Association,
    /// Facts about the document: title, year, date, decision.
    #[serde(rename = "dokument")]
    #[schemars(description = "Fakta om dokumentet: titel, år, datum och beslut.", example = serde_json::json!({"år": 2026, "datum": "2025-11-26", "ansvarig": "Styrelsen"}))]
    pub document: Document,
    /// The narrative sections, in order.
    #[serde(rename = "avsnitt", default)]
    #[schemars(description = "Planens avsnitt i ordning, vart och ett med `rubrik`, `text`, `innehåll` och egna underavsnitt (högst tre rubriknivåer).", example = serde_json::json!([{"rubrik": "Inledning", "text": "Förbundets uppdrag är …"}]))]
    pub sections: Vec<Section>,
    /// The plan's målområden, shown where a section places the `målområden` block.
    #[serde(rename = "målområden", default)]
    #[schemars(description = "Planens målområden med insatser och verksamhetsmål; de visas där ett avsnitt har blocket `målområden` i sitt `innehåll`.", example = serde_json::json!([{"id": "individ", "rubrik": "Målområde 1, Individinriktade insatser", "insatser": ["Unga vuxna"]}]))]
    pub goal_areas: Vec<GoalArea>,
    /// The budget, shown where a section places the `budget` block.
    #[serde(default)]
    #[schemars(description = "Budgeten: bara radernas belopp, aldrig summor — vplan räknar ut summor, resultat och eget kapital. Visas där ett avsnitt har blocket `budget`.", example = serde_json::json!({"enhet": "tkr", "år": [2026], "intäkter": {"rader": [{"namn": "Medlemsavgifter", "belopp": [6184]}]}, "kostnader": {"rader": [{"namn": "Kansli", "belopp": [2100]}]}}))]
    pub budget: Option<BudgetPlan>,
    /// What each member pays, shown where a section places the `medlemsbidrag` block.
    #[serde(rename = "medlemsbidrag", default)]
    #[schemars(description = "Medlemsbidragen: vad varje medlem betalar, som andelar av en summa, efter invånare eller som belopp; en tabell eller en lista av tabeller. Visas där ett avsnitt har blocket `medlemsbidrag`.", example = serde_json::json!({"år": 2026, "summa": 6184000, "rader": [{"namn": "Försäkringskassan", "andel": 50}]}))]
    pub contributions: ContributionTables,
    /// The eget kapital history, shown where a section places the `eget_kapital_historik` block.
    #[serde(rename = "eget_kapital_historik", default)]
    #[schemars(description = "Eget kapital år för år; visas där ett avsnitt har blocket `eget_kapital_historik`.", example = serde_json::json!({"enhet": "tkr", "rader": [{"år": 2024, "medelstilldelning": 6000, "budget": 6400, "eget_kapital": 1631}]}))]
    pub equity_history: Option<EquityHistory>,
    /// Last year's plan file, in this plan's folder: its figures can stand beside this year's
    /// and its closing eget kapital is checked against this plan's opening balance.
    #[serde(rename = "föregående", default)]
    #[schemars(
        with = "Option<String>",
        description = "Förra årets planfil, relativt den här och i samma mapp. vplan kontrollerar då att ingående eget kapital stämmer med förra planen, och budgeten kan visa förra årets siffror (`föregående_kolumn`). `vplan ny` skriver nyckeln.",
        example = "nedansiljan-2026.yaml"
    )]
    pub predecessor: Option<Spanned<String>>,
    /// How the Finsam checks are tuned, and which are switched off.
    #[serde(rename = "kontroller", default)]
    #[schemars(description = "Hur kontrollerna ställs in: gränser för eget kapital och administration, tal ur beslutet och avstängda kontroller. Alla nycklar kan utelämnas.", example = serde_json::json!({"eget_kapital_högst": 20, "eget_kapital_lägst": 400000, "administration_högst": 15}))]
    pub checks: Checks,
    /// The closing proposal, set last in the plan.
    #[serde(rename = "förslag_till_beslut", default)]
    #[schemars(description = "Förslag till beslut, som sätts sist i planen.", example = serde_json::json!({"inledning": "Styrelsen föreslås besluta", "att": ["godkänna verksamhetsplan och budget 2026"], "underskrifter": [{"namn": "Anna Andersson", "roll": "Ordförande"}]}))]
    pub decision: Option<Decision>,
    /// The förbund's own look: colours, fonts, cover, running header and footer, own templates.
    #[serde(rename = "utseende", default)]
    #[schemars(
        description = "Förbundets eget utseende: färger, typsnitt, försättsblad, sidhuvud, sidfot och egna mallar. Alla nycklar kan utelämnas.",
        example = serde_json::json!({"färger": {"accent": "#1f4e79"}, "typsnitt": "Caladea", "sidfot": {"text": "www.exempel.se"}})
    )]
    pub look: Look,
}

impl Plan {
    /// Which year this plan is for: `dokument.år`, the one home of the plan year. A valid plan
    /// with a budget has this year among the budget's (`budget.år`).
    pub fn year(&self) -> i32 {
        self.document.year.value
    }
}

/// What `vplan ny` writes where the kansli still has something to fill in; `check` warns
/// about every field that still holds it.
pub const TO_FILL: &str = "ATT FYLLA I";

/// The default of the many keys that are on unless the plan turns them off.
pub(crate) fn yes() -> bool {
    true
}

/// `schema` with a description and examples; a reference is wrapped, since draft-07 ignores the
/// siblings of `$ref`.
pub(crate) fn described(schema: &Schema, description: &str, examples: serde_json::Value) -> Schema {
    let mut schema =
        if schema.get("$ref").is_some() { json_schema!({ "allOf": [schema] }) } else { schema.clone() };
    schema.insert("description".into(), description.into());
    schema.insert("examples".into(), examples);
    schema
}

/// A plan read from disk, checked, with everything later stages need to know about its file.
/// Warnings about it are not here: [`crate::lint`] finds them from the plan and its figures.
#[derive(Debug)]
pub struct Loaded {
    /// The path as the user gave it.
    pub file: PathBuf,
    /// The plan's folder, canonical: images are read from here and nowhere else.
    pub folder: PathBuf,
    /// The file's text, for error messages.
    pub source: String,
    /// The plan.
    pub plan: Plan,
    /// The document date, parsed.
    pub date: NaiveDate,
    /// The predecessor plan's file (`föregående`), resolved inside the plan's folder.
    pub predecessor: Option<PathBuf>,
    /// The folder of the user's own Typst templates (`utseende.mallar`), canonical.
    pub templates: Option<PathBuf>,
}

impl Loaded {
    /// A plan error at a place in this plan's file.
    pub fn error(&self, diagnostics: Vec<Diagnostic>) -> Error {
        Error::in_file(&self.file, self.source.clone(), diagnostics)
    }
}

/// The position of byte `offset` inside a text scalar that starts at `location`.
///
/// Block scalars (`|`, `>`) start on the line after their indicator; their lines map one to
/// one onto the file. Flow scalars are mapped from their first character.
pub fn position_in_text(source: &str, text: &Text, offset: usize) -> Option<Position> {
    let start = position(&text.referenced, 1)?;
    let value = &text.value;
    // An offset is a byte offset; one that falls inside a character (or past the end) is taken
    // at that character's start, so a place can never split a character.
    let mut end = offset.min(value.len());
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    let before = &value[..end];
    let line_delta = before.matches('\n').count();
    let column_in_line = before.rsplit('\n').next().unwrap_or("").chars().count();
    let start_line = source.lines().nth(start.line - 1).unwrap_or("");
    let rest: String = start_line.chars().skip(start.column - 1).collect();
    // A block scalar may be located at its `|` indicator; its text starts on the next line.
    let first_line = if rest.starts_with('|') || rest.starts_with('>') { start.line + 1 } else { start.line };
    let line = first_line + line_delta;
    let column = if line_delta == 0 && first_line == start.line {
        let quoted = usize::from(rest.starts_with('"') || rest.starts_with('\''));
        start.column + quoted + column_in_line
    } else {
        // Later lines of a scalar lose their indentation in the value; take it from the file.
        let indent =
            source.lines().nth(line - 1).map(|l| l.chars().take_while(|c| *c == ' ').count()).unwrap_or(0);
        indent + column_in_line + 1
    };
    Some(Position { line, column, width: 1 })
}

/// The start of a plan for unit tests: a förbund with all four kinds of member the law
/// requires, and a document.
#[cfg(test)]
pub(crate) const TEST_MEMBERS: &str = r#"
förbund:
  namn: Test
  medlemmar:
    - { namn: Försäkringskassan, typ: försäkringskassan }
    - { namn: Arbetsförmedlingen, typ: arbetsförmedlingen }
    - { namn: Region Dalarna, typ: region }
    - { namn: Avesta kommun, typ: kommun }
    - { namn: Hedemora kommun, typ: kommun }
    - { namn: Säters kommun, typ: kommun }
dokument: { år: 2026, datum: 2025-11-26 }
"#;
