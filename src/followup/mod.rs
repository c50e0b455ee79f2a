//! A follow-up of an adopted plan: a tertialrapport, delårsrapport or årsredovisning.
//!
//! In: the YAML text of a follow-up file, which refers to the adopted plan (`plan:`) and never
//! copies it. Out: the typed [`FollowUp`] exactly as the kansli wrote it, and, once
//! [`crate::load::load_followup`] has read the plan it names and [`resolve`] has checked every
//! reference against it, a [`LoadedFollowUp`]: the follow-up, the plan and what each key of
//! `utfall`, `prognos`, `insatser` and `mål` points at. Only aggregates are accepted
//! (deltagare by kön, never names or per-person rows): the law gives a förbund no support for
//! personal data. Nothing here computes: the figures are [`crate::compute::followup`]'s.

mod entries;
mod participants;
mod references;
mod starter;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub use self::entries::Entries;
pub use self::participants::{PERSONAL_DATA, Participants};
pub use self::references::{GoalRef, LineRef, LineSlot, RULE_NAMES, Resolved, resolve};
pub use self::starter::{STATUTORY_TASKS, quoted, starter};
use crate::error::Error;
use crate::plan::{Amount, Decision, Loaded, Signature, Text};
use crate::sie::Books;
use crate::sie::mapping::BooksMapping;

/// The top-level key that marks a YAML file as a follow-up rather than a plan.
pub const MARKER: &str = "rapport";

/// Whether `source` (a YAML file's text) is a follow-up: it has the top-level key `rapport:`.
pub fn is_followup(source: &str) -> bool {
    source
        .lines()
        .any(|line| line.strip_prefix(MARKER).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// A follow-up of an adopted plan, as the kansli wrote it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "En uppföljning av en antagen verksamhetsplan: tertialrapport, delårsrapport eller årsredovisning. Filen hänvisar till planen och kopierar den aldrig. Bara sammanräknade uppgifter tas emot (deltagare per kön), aldrig namn eller rader per person: lagen ger inte förbunden stöd att hantera personuppgifter."
)]
pub struct FollowUp {
    /// The adopted plan, relative to this file and inside its folder.
    #[serde(rename = "plan")]
    #[schemars(
        description = "Den antagna planens fil, relativt den här filen och i samma mapp (eller en undermapp).",
        example = "nedansiljan-2026.yaml",
        with = "String"
    )]
    pub plan: Spanned<String>,
    /// Which report this is.
    #[serde(rename = "rapport")]
    #[schemars(description = "Vilken rapport det är: `tertialrapport`, `delårsrapport` eller `årsredovisning`.", example = &"delårsrapport")]
    pub kind: ReportKind,
    /// The period the report covers.
    #[serde(rename = "period")]
    #[schemars(description = "Perioden som rapporten gäller, inom planens år.", example = serde_json::json!({"från": "2026-01-01", "till": "2026-08-31"}))]
    pub period: Period,
    /// Facts about the document.
    #[serde(rename = "dokument", default)]
    #[schemars(description = "Fakta om dokumentet: datum, diarienummer, beslut och titel.", example = serde_json::json!({"datum": "2026-09-24", "diarienummer": "NSSF/2026:9"}))]
    pub document: ReportDocument,
    /// The period's actual amounts per budget line, in the plan's unit.
    #[serde(rename = "utfall", default)]
    #[schemars(description = "Periodens utfall per budgetrad, i planens enhet och med samma regler för belopp som planen. En rad anges med sitt `id`, sitt namn, eller `Grupp/Rad` när namnet finns två gånger. En grupps utfall är summan av dess rader och skrivs aldrig. `~` betyder att utfallet inte är ifyllt än.", example = serde_json::json!({"Finansiella anslag": 2175, "Styrelse": 61, "Samverkansinsatser/Processtöd": 280}), with = "std::collections::BTreeMap<String, Option<Amount>>")]
    pub actual: Entries<Spanned<Option<Amount>>>,
    /// The books the utfall of mapped lines is taken from.
    #[serde(rename = "bokföring", default)]
    #[schemars(description = "Bokföringen som utfallet hämtas ur: en SIE-fil (typ 2, 3 eller 4) bredvid uppföljningen och vilka konton (och objekt) varje budgetrad motsvarar. En kopplad rad får sitt utfall ur bokföringen för perioden och skrivs inte under `utfall:`; rader som inte kopplas kan skrivas där. Se docs/bokforing.md.", example = serde_json::json!({"fil": "bokforing-2026-08.se", "koppling": {"Finansiella anslag": {"konton": "3000-3099"}, "Styrelse": {"konton": ["4010-4019", "7000-7099"], "objekt": "1:100"}}, "okopplade": "fel"}))]
    pub books: Option<BooksMapping>,
    /// The forecast for the whole year per line; a line not named keeps its budget.
    #[serde(rename = "prognos", default)]
    #[schemars(description = "Prognos för helåret per budgetrad; en rad som inte nämns behåller sin budget.", example = serde_json::json!({"Styrelse": 95}), with = "std::collections::BTreeMap<String, Option<Amount>>")]
    pub forecast: Entries<Spanned<Option<Amount>>>,
    /// The closing eget kapital, typed for an årsredovisning.
    #[serde(rename = "eget_kapital", default)]
    #[schemars(description = "Eget kapital: för en årsredovisning det faktiska utgående värdet (annars räknas det fram).", example = serde_json::json!({"utgående": 1690}))]
    pub equity: Option<EquityReport>,
    /// The plan's insatser, by their `id`.
    #[serde(rename = "insatser", default)]
    #[schemars(description = "Planens insatser, med sitt `id`: deltagare per kön, status och kommentar.", example = serde_json::json!({"roa": {"deltagare": {"kvinnor": 23, "män": 17}, "status": "pågår", "kommentar": "Full bemanning sedan mars."}}), with = "std::collections::BTreeMap<String, ActionReport>")]
    pub actions: Entries<Spanned<ActionReport>>,
    /// The plan's verksamhetsmål, by their id.
    #[serde(rename = "mål", default)]
    #[schemars(description = "Planens verksamhetsmål, med sitt `id` (förval `målområde-id.N`): utfall, bedömning och kommentar.", example = serde_json::json!({"individ.1": {"utfall": "78 %", "bedömning": "uppfylld"}}), with = "std::collections::BTreeMap<String, GoalReport>")]
    pub goals: Entries<Spanned<GoalReport>>,
    /// The narrative sections; `innehåll` places the generated blocks.
    #[serde(rename = "avsnitt", default)]
    #[schemars(description = "Rapportens avsnitt i ordning, med `rubrik`, `text`, `innehåll` och underavsnitt. `innehåll` placerar de framräknade blocken: `budgetuppföljning`, `eget_kapital`, `insatser`, `måluppfyllelse` och, i en årsredovisning, `driftredovisning`, `resultaträkning` och `balansräkning`. Ett block som inget avsnitt placerar står efter avsnitten i den ordningen.", example = serde_json::json!([{"rubrik": "Ekonomisk uppföljning", "innehåll": ["budgetuppföljning"]}]))]
    pub sections: Vec<ReportSection>,
    /// The typed resultaträkning (årsredovisning).
    #[serde(rename = "resultaträkning", default)]
    #[schemars(description = "Resultaträkningen (årsredovisning): grupper av poster med årets och förra årets belopp och notnummer; summorna räknar vplan.", example = serde_json::json!([{"rubrik": "Verksamhetens intäkter", "rader": [{"post": "Medlemsbidrag", "not": "1", "belopp": 3262, "föregående": 3352}]}]))]
    pub income_statement: Vec<StatementGroup>,
    /// The typed balansräkning (årsredovisning).
    #[serde(rename = "balansräkning", default)]
    #[schemars(description = "Balansräkningen (årsredovisning): grupper av poster med värdet 31/12 i år och förra året; summorna räknar vplan.", example = serde_json::json!([{"rubrik": "Omsättningstillgångar", "rader": [{"post": "Kassa och bank", "belopp": 1750, "föregående": 1540}]}]))]
    pub balance_sheet: Vec<StatementGroup>,
    /// The signatures of the sitting ledamöter (årsredovisning).
    #[serde(rename = "underskrifter", default)]
    #[schemars(description = "De sittande ledamöternas underskrifter (årsredovisning), med namn och roll.", example = serde_json::json!([{"namn": "Anna Andersson", "roll": "Ordförande"}]))]
    pub signatures: Vec<Signature>,
    /// How the follow-up's checks are tuned, and which are switched off.
    #[serde(rename = "kontroller", default)]
    #[schemars(description = "Hur uppföljningens kontroller ställs in, och vilka som är avstängda.", example = serde_json::json!({"förbrukat_marginal": 10}))]
    pub checks: FollowUpChecks,
    /// The closing proposal, as in the plan.
    #[serde(rename = "förslag_till_beslut", default)]
    #[schemars(description = "Förslag till beslut, som i planen.", example = serde_json::json!({"inledning": "Styrelsen föreslås besluta", "att": ["godkänna delårsrapporten"]}))]
    pub decision: Option<Decision>,
}

/// Which report a follow-up is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Rapportens slag.")]
pub enum ReportKind {
    /// A report on the first four or eight months.
    #[serde(rename = "tertialrapport")]
    #[schemars(description = "Tertialrapport.")]
    Tertial,
    /// A report on part of the year (usually January–August).
    #[serde(rename = "delårsrapport")]
    #[schemars(description = "Delårsrapport.")]
    Interim,
    /// The annual report.
    #[serde(rename = "årsredovisning")]
    #[schemars(description = "Årsredovisning.")]
    Annual,
}

impl ReportKind {
    /// The report's title as the document shows it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Tertial => "Tertialrapport",
            Self::Interim => "Delårsrapport",
            Self::Annual => "Årsredovisning",
        }
    }

    /// The key as written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Self::Tertial => "tertialrapport",
            Self::Interim => "delårsrapport",
            Self::Annual => "årsredovisning",
        }
    }

    /// Whether it is the annual report.
    pub fn is_annual(self) -> bool {
        self == Self::Annual
    }
}

/// The period a report covers, both days included.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Periodens första och sista dag, båda inräknade.")]
pub struct Period {
    /// The first day.
    #[serde(rename = "från")]
    #[schemars(description = "Periodens första dag, ÅÅÅÅ-MM-DD.", example = "2026-01-01", with = "String")]
    pub from: Spanned<String>,
    /// The last day.
    #[serde(rename = "till")]
    #[schemars(description = "Periodens sista dag, ÅÅÅÅ-MM-DD.", example = "2026-08-31", with = "String")]
    pub to: Spanned<String>,
}

/// Facts about the report document.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Fakta om rapporten som dokument.")]
pub struct ReportDocument {
    /// The title; default the report's kind.
    #[serde(rename = "titel", default)]
    #[schemars(
        description = "Titeln; förval rapportens slag (”Delårsrapport”).",
        example = "Delårsrapport januari–augusti"
    )]
    pub title: Option<String>,
    /// The date of the document (the styrelse's meeting).
    #[serde(rename = "datum", default)]
    #[schemars(
        description = "Dokumentets datum, ÅÅÅÅ-MM-DD; förval periodens sista dag.",
        example = "2026-09-24",
        with = "Option<String>"
    )]
    pub date: Option<Spanned<String>>,
    /// The registry number.
    #[serde(rename = "diarienummer", default)]
    #[schemars(description = "Diarienummer.", example = "NSSF/2026:9")]
    pub registry_number: Option<String>,
    /// The decision line on the cover.
    #[serde(rename = "beslut", default)]
    #[schemars(
        description = "Beslutsraden på omslaget.",
        example = "Beslutad av styrelsen den 24 september 2026"
    )]
    pub decision: Option<String>,
}

/// The eget kapital as reported.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Eget kapital i rapporten.")]
pub struct EquityReport {
    /// The actual closing balance (årsredovisning).
    #[serde(rename = "utgående", default)]
    #[schemars(
        description = "Det faktiska utgående egna kapitalet vid årets slut, i planens enhet (årsredovisning); annars räknar vplan fram det.",
        example = 1690,
        with = "Option<Amount>"
    )]
    pub closing: Option<Spanned<Amount>>,
}

/// What happened in an insats: aggregates only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur det gick för en insats: bara antal, aldrig uppgifter om enskilda.")]
pub struct ActionReport {
    /// The participants, counted by kön.
    #[serde(rename = "deltagare", default)]
    #[schemars(description = "Antal deltagare per kön (från Uppföljning Finsam). Bara antal: namn, personnummer och rader per person tas inte emot.", example = serde_json::json!({"kvinnor": 23, "män": 17}))]
    pub participants: Option<Participants>,
    /// Where the insats stands.
    #[serde(rename = "status", default)]
    #[schemars(description = "Var insatsen står: `planerad`, `pågår`, `pausad` eller `avslutad`.", example = &"pågår")]
    pub status: Option<ActionStatus>,
    /// A comment.
    #[serde(rename = "kommentar", default)]
    #[schemars(description = "En kommentar på en rad.", example = "Full bemanning sedan mars.")]
    pub comment: Option<String>,
    /// The verksamhetsberättelse for the insats (Markdown).
    #[serde(rename = "text", default)]
    #[schemars(
        description = "Verksamhetsberättelse för insatsen i Markdown (årsredovisning).",
        example = "Teamet har arbetat med …",
        with = "Option<String>"
    )]
    pub text: Option<Text>,
}

/// Where an insats stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Insatsens status.")]
pub enum ActionStatus {
    /// Not started yet.
    #[serde(rename = "planerad")]
    #[schemars(description = "Inte startad än.")]
    Planned,
    /// Running.
    #[serde(rename = "pågår")]
    #[schemars(description = "Pågår.")]
    Running,
    /// Paused.
    #[serde(rename = "pausad")]
    #[schemars(description = "Pausad.")]
    Paused,
    /// Ended.
    #[serde(rename = "avslutad")]
    #[schemars(description = "Avslutad.")]
    Ended,
}

impl ActionStatus {
    /// The status as a table shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planerad",
            Self::Running => "Pågår",
            Self::Paused => "Pausad",
            Self::Ended => "Avslutad",
        }
    }
}

/// How a verksamhetsmål went.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur det gick för ett verksamhetsmål.")]
pub struct GoalReport {
    /// The measured outcome, as text ("78 %", "41 personer").
    #[serde(rename = "utfall", default)]
    #[schemars(description = "Det uppmätta utfallet, som text.", example = "78 %")]
    pub outcome: Option<String>,
    /// The assessment.
    #[serde(rename = "bedömning")]
    #[schemars(description = "Bedömningen: `uppfylld`, `delvis`, `ej_uppfylld` eller `ej_mätbar`.", example = &"uppfylld")]
    pub assessment: Assessment,
    /// Why: needed for every assessment but `uppfylld`.
    #[serde(rename = "kommentar", default)]
    #[schemars(
        description = "En kommentar; behövs för varje bedömning utom `uppfylld`.",
        example = "Två deltagare avslutades till studier."
    )]
    pub comment: Option<String>,
}

/// How far a goal is met. Shown as a word and a symbol, never by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Bedömningen av ett mål.")]
pub enum Assessment {
    /// Met.
    #[serde(rename = "uppfylld")]
    #[schemars(description = "Målet är uppfyllt.")]
    Met,
    /// Partly met.
    #[serde(rename = "delvis")]
    #[schemars(description = "Målet är delvis uppfyllt.")]
    Partly,
    /// Not met.
    #[serde(rename = "ej_uppfylld")]
    #[schemars(description = "Målet är inte uppfyllt.")]
    NotMet,
    /// Cannot be measured.
    #[serde(rename = "ej_mätbar")]
    #[schemars(description = "Målet går inte att mäta.")]
    NotMeasurable,
}

impl Assessment {
    /// The word a table shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Uppfyllt",
            Self::Partly => "Delvis uppfyllt",
            Self::NotMet => "Ej uppfyllt",
            Self::NotMeasurable => "Ej mätbart",
        }
    }

    /// The symbol beside the word (in the fonts vplan embeds).
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Met => "✓",
            Self::Partly => "◐",
            Self::NotMet => "✗",
            Self::NotMeasurable => "–",
        }
    }

    /// The key as written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Self::Met => "uppfylld",
            Self::Partly => "delvis",
            Self::NotMet => "ej_uppfylld",
            Self::NotMeasurable => "ej_mätbar",
        }
    }
}

/// A section of the report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett avsnitt i rapporten.")]
pub struct ReportSection {
    /// The heading.
    #[serde(rename = "rubrik")]
    #[schemars(description = "Avsnittets rubrik.", example = "Väsentliga händelser", with = "String")]
    pub heading: Spanned<String>,
    /// Markdown text.
    #[serde(default)]
    #[schemars(
        description = "Avsnittets text i Markdown.",
        example = "Under perioden har …",
        with = "Option<String>"
    )]
    pub text: Option<Text>,
    /// The generated blocks placed here.
    #[serde(rename = "innehåll", default)]
    #[schemars(description = "De framräknade block som står här, efter texten.", example = serde_json::json!(["budgetuppföljning"]), with = "Vec<ReportBlock>")]
    pub blocks: Vec<Spanned<ReportBlock>>,
    /// Subsections.
    #[serde(rename = "avsnitt", default)]
    #[schemars(description = "Underavsnitt.", example = serde_json::json!([{"rubrik": "Insatser", "innehåll": ["insatser"]}]))]
    pub sections: Vec<ReportSection>,
}

/// A generated block of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Ett framräknat block.")]
pub enum ReportBlock {
    /// Budget, utfall, förbrukat, prognos and avvikelse per line.
    #[serde(rename = "budgetuppföljning")]
    #[schemars(
        description = "Budgetuppföljningen: budget, utfall, förbrukat, prognos och avvikelse per rad."
    )]
    BudgetFollowUp,
    /// Eget kapital, its share of tilldelade medel, and the administration share.
    #[serde(rename = "eget_kapital")]
    #[schemars(description = "Eget kapital och dess andel av tilldelade medel, och administrationens andel.")]
    Equity,
    /// The insatser table.
    #[serde(rename = "insatser")]
    #[schemars(description = "Insatserna: deltagare per kön, budget, utfall och status.")]
    Actions,
    /// The måluppfyllelse table.
    #[serde(rename = "måluppfyllelse")]
    #[schemars(description = "Måluppfyllelsen: mål, målvärde, utfall, bedömning och kommentar.")]
    Goals,
    /// The driftredovisning (årsredovisning).
    #[serde(rename = "driftredovisning")]
    #[schemars(description = "Driftredovisningen (årsredovisning): budget, utfall och avvikelse per rad.")]
    Operations,
    /// The resultaträkning (årsredovisning).
    #[serde(rename = "resultaträkning")]
    #[schemars(description = "Resultaträkningen (årsredovisning).")]
    IncomeStatement,
    /// The balansräkning (årsredovisning).
    #[serde(rename = "balansräkning")]
    #[schemars(description = "Balansräkningen (årsredovisning).")]
    BalanceSheet,
}

impl ReportBlock {
    /// The blocks of a report of `kind`, in the order unplaced ones follow the sections.
    pub fn all(kind: ReportKind) -> &'static [ReportBlock] {
        use ReportBlock::*;
        if kind.is_annual() {
            &[BudgetFollowUp, Equity, Actions, Goals, Operations, IncomeStatement, BalanceSheet]
        } else {
            &[BudgetFollowUp, Equity, Actions, Goals]
        }
    }

    /// The key as written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Self::BudgetFollowUp => "budgetuppföljning",
            Self::Equity => "eget_kapital",
            Self::Actions => "insatser",
            Self::Goals => "måluppfyllelse",
            Self::Operations => "driftredovisning",
            Self::IncomeStatement => "resultaträkning",
            Self::BalanceSheet => "balansräkning",
        }
    }
}

/// A group of a resultaträkning or balansräkning: a heading, its lines, a computed sum.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En grupp poster med rubrik; vplan räknar gruppens summa.")]
pub struct StatementGroup {
    /// The group's heading.
    #[serde(rename = "rubrik")]
    #[schemars(description = "Gruppens rubrik.", example = "Verksamhetens intäkter")]
    pub heading: String,
    /// The label of the group's sum row; default "Summa " and the heading in lower case.
    #[serde(rename = "summa", default)]
    #[schemars(description = "Summaradens rubrik; förval ”Summa” och rubriken.", example = "Summa intäkter")]
    pub total_label: Option<String>,
    /// The lines.
    #[serde(rename = "rader")]
    #[schemars(description = "Gruppens poster.", example = serde_json::json!([{"post": "Medlemsbidrag", "not": "1", "belopp": 3262, "föregående": 3352}]))]
    pub lines: Vec<StatementLine>,
}

/// A line of a resultaträkning or balansräkning.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En post med årets och förra årets belopp.")]
pub struct StatementLine {
    /// The label.
    #[serde(rename = "post")]
    #[schemars(description = "Postens namn.", example = &"Medlemsbidrag")]
    pub label: String,
    /// A note reference.
    #[serde(rename = "not", default)]
    #[schemars(description = "Hänvisning till en not.", example = "1")]
    pub note: Option<String>,
    /// This year's amount, with its sign (costs negative in a resultaträkning).
    #[serde(rename = "belopp")]
    #[schemars(
        description = "Årets belopp i planens enhet, med tecken (kostnader negativa i resultaträkningen).",
        example = 3262,
        with = "Amount"
    )]
    pub amount: Spanned<Amount>,
    /// Last year's amount.
    #[serde(rename = "föregående", default)]
    #[schemars(description = "Förra årets belopp.", example = 3352, with = "Option<Amount>")]
    pub previous: Option<Spanned<Amount>>,
}

/// How the follow-up's checks are tuned.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Hur uppföljningens kontroller ställs in.")]
pub struct FollowUpChecks {
    /// Rules switched off, by name.
    #[serde(rename = "av", default)]
    #[schemars(description = "Kontroller som är avstängda, med namn.", example = serde_json::json!(["insats-saknas"]), with = "Vec<String>")]
    pub off: Vec<Spanned<String>>,
    /// How many percentage points förbrukat may lie above the elapsed share of the year.
    #[serde(rename = "förbrukat_marginal", default)]
    #[schemars(
        description = "Hur många procentenheter en rads förbrukade andel får ligga över den andel av året som gått innan vplan varnar; förval 10.",
        example = 10,
        with = "Option<Amount>"
    )]
    pub spent_margin: Option<Spanned<Amount>>,
}

/// The default of `kontroller.förbrukat_marginal`, in percentage points.
pub const DEFAULT_SPENT_MARGIN: u32 = 10;

/// A follow-up read from disk and checked against the plan it names.
#[derive(Debug)]
pub struct LoadedFollowUp {
    /// The path as the user gave it.
    pub file: std::path::PathBuf,
    /// The file's folder, canonical.
    pub folder: std::path::PathBuf,
    /// The file's text, for messages.
    pub source: String,
    /// The follow-up as written.
    pub followup: FollowUp,
    /// The adopted plan it names, read and checked.
    pub plan: Loaded,
    /// What each reference points at.
    pub resolved: Resolved,
    /// The document date: `dokument.datum`, else the period's last day.
    pub date: NaiveDate,
    /// The books named by `bokföring.fil`, read, when the follow-up has `bokföring:`.
    pub books: Option<Books>,
}

impl LoadedFollowUp {
    /// An error at places in the follow-up's file.
    pub fn error(&self, diagnostics: Vec<crate::error::Diagnostic>) -> Error {
        Error::Plan { file: self.file.clone(), source: self.source.clone(), diagnostics }
    }
}
