//! Stage 1: read a plan file and check it.
//!
//! In: the path of a YAML plan. Out: a [`Loaded`] plan — the typed [`Plan`] exactly as the
//! user wrote it, its folder (the only place its images may come from) and any warnings —
//! or every error found, each at its file:line:column. Nothing here computes; the budget
//! arithmetic is in [`crate::budget`].

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::error::{Diagnostic, Error, Position};
use crate::yaml;

/// The deepest heading level a plan may use (1, 1.1, 1.1.1).
pub const MAX_SECTION_DEPTH: usize = 3;
/// The most year columns a budget may have.
pub const MAX_BUDGET_YEARS: usize = 4;

/// Markdown text with the place where it starts in the plan file.
pub type Text = Spanned<String>;

/// A verksamhetsplan as the kansli wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The förbund that owns the plan.
    #[serde(rename = "förbund")]
    pub association: Association,
    /// Facts about the document: title, year, date, decision.
    #[serde(rename = "dokument")]
    pub document: Document,
    /// The narrative sections, in order.
    #[serde(rename = "avsnitt", default)]
    pub sections: Vec<Section>,
    /// The plan's målområden, shown where a section places the `målområden` block.
    #[serde(rename = "målområden", default)]
    pub goal_areas: Vec<GoalArea>,
    /// The budget, shown where a section places the `budget` block.
    #[serde(default)]
    pub budget: Option<BudgetPlan>,
}

/// The samordningsförbund.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Association {
    /// Full name, e.g. "Nedansiljans samordningsförbund".
    #[serde(rename = "namn")]
    pub name: String,
    /// Short name, e.g. "Nedansiljan".
    #[serde(rename = "kortnamn", default)]
    pub short_name: Option<String>,
    /// The members (parterna).
    #[serde(rename = "medlemmar")]
    pub members: Spanned<Vec<Member>>,
    /// A line on the cover, e.g. "MORA • ORSA • ÄLVDALEN".
    #[serde(rename = "omslagsrad", default)]
    pub tagline: Option<String>,
    /// The förbund's logo, shown on the cover.
    #[serde(rename = "logotyp", default)]
    pub logo: Option<Logo>,
}

/// One member of the förbund.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name, e.g. "Leksands kommun".
    #[serde(rename = "namn")]
    pub name: String,
    /// What kind of party it is.
    #[serde(rename = "typ")]
    pub kind: MemberKind,
}

/// The four kinds of party in a samordningsförbund (lag 2003:1210).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MemberKind {
    /// A kommun.
    #[serde(rename = "kommun")]
    Kommun,
    /// A region.
    #[serde(rename = "region")]
    Region,
    /// Försäkringskassan (the state).
    #[serde(rename = "försäkringskassan", alias = "Försäkringskassan")]
    Forsakringskassan,
    /// Arbetsförmedlingen (the state).
    #[serde(rename = "arbetsförmedlingen", alias = "Arbetsförmedlingen")]
    Arbetsformedlingen,
}

/// The förbund's logo.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// Image file, relative to the plan file.
    #[serde(rename = "fil")]
    pub file: Spanned<String>,
    /// Alternative text; required unless the logo is decorative.
    #[serde(default)]
    pub alt: Option<String>,
    /// Whether the logo only decorates (it then needs no alt text).
    #[serde(rename = "dekorativ", default)]
    pub decorative: bool,
}

/// Facts about the document itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title, default "Verksamhetsplan".
    #[serde(rename = "titel", default = "default_title")]
    pub title: String,
    /// The plan year.
    #[serde(rename = "år")]
    pub year: Spanned<i32>,
    /// The document's date, `ÅÅÅÅ-MM-DD`.
    #[serde(rename = "datum")]
    pub date: Spanned<String>,
    /// Who is responsible, e.g. "Styrelsen".
    #[serde(rename = "ansvarig", default)]
    pub responsible: Option<String>,
    /// Diarienummer, e.g. "NSSF/2025:16".
    #[serde(rename = "diarienummer", default)]
    pub registry_number: Option<String>,
    /// The decision line, e.g. "Beslutad vid styrelsemöte den 20 november 2025".
    #[serde(rename = "beslut", default)]
    pub decision: Option<String>,
    /// A motto or vision, shown on the cover.
    #[serde(default)]
    pub motto: Option<String>,
    /// Whether headings are numbered 1 / 1.1 / 1.1.1.
    #[serde(rename = "numrerade_rubriker", default = "yes")]
    pub numbered_headings: bool,
    /// Whether a contents list is shown.
    #[serde(rename = "innehållsförteckning", default = "yes")]
    pub contents: bool,
    /// The PDF's subject; default "Verksamhetsplan ÅR för FÖRBUND".
    #[serde(rename = "ämne", default)]
    pub subject: Option<String>,
    /// The PDF's keywords.
    #[serde(rename = "nyckelord", default)]
    pub keywords: Vec<String>,
}

fn default_title() -> String {
    "Verksamhetsplan".to_owned()
}

fn yes() -> bool {
    true
}

/// A narrative section with a heading.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading text, without a number.
    #[serde(rename = "rubrik")]
    pub heading: Spanned<String>,
    /// Whether this heading gets a number (when the document numbers headings).
    #[serde(rename = "numrerad", default = "yes")]
    pub numbered: bool,
    /// Markdown text shown first.
    #[serde(default)]
    pub text: Option<Text>,
    /// Blocks shown after the text.
    #[serde(rename = "innehåll", default)]
    pub blocks: Vec<Spanned<Block>>,
    /// Subsections.
    #[serde(rename = "avsnitt", default)]
    pub sections: Vec<Section>,
}

/// A piece of a section's content.
#[derive(Debug, Deserialize)]
pub enum Block {
    /// Markdown text.
    #[serde(rename = "text")]
    Text(Text),
    /// A table typed in the plan.
    #[serde(rename = "tabell")]
    Table(Table),
    /// An image from the plan's folder.
    #[serde(rename = "bild")]
    Image(Image),
    /// A forced page break.
    #[serde(rename = "sidbrytning")]
    PageBreak,
    /// The plan's målområden, as sub-headings of this section.
    #[serde(rename = "målområden")]
    GoalAreas,
    /// The computed budget table.
    #[serde(rename = "budget")]
    Budget,
}

/// A table typed in the plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The columns, with their headings.
    #[serde(rename = "kolumner")]
    pub columns: Vec<Column>,
    /// The rows; each a list of Markdown cells, one per column.
    #[serde(rename = "rader")]
    pub rows: Vec<Spanned<Vec<Text>>>,
    /// A caption under the table.
    #[serde(rename = "bildtext", default)]
    pub caption: Option<String>,
}

/// A table column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The column heading.
    #[serde(rename = "rubrik")]
    pub heading: String,
    /// How cells are aligned.
    #[serde(rename = "justering", default)]
    pub align: Align,
    /// Relative width (default 1).
    #[serde(rename = "bredd", default = "one")]
    pub width: Spanned<u32>,
}

fn one() -> Spanned<u32> {
    Spanned::new(1, Location::UNKNOWN, Location::UNKNOWN)
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Align {
    /// Left (the default).
    #[default]
    #[serde(rename = "vänster")]
    Left,
    /// Right, for figures.
    #[serde(rename = "höger")]
    Right,
    /// Centred.
    #[serde(rename = "centrerad")]
    Center,
}

/// An image block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Image file, relative to the plan file.
    #[serde(rename = "fil")]
    pub file: Spanned<String>,
    /// Alternative text for readers who cannot see the image.
    pub alt: Spanned<String>,
    /// A caption under the image.
    #[serde(rename = "bildtext", default)]
    pub caption: Option<String>,
    /// Width in percent of the text width.
    #[serde(rename = "bredd", default)]
    pub width: Option<Spanned<u32>>,
}

/// A målområde with the year's insatser and verksamhetsmål.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalArea {
    /// An identifier for references, e.g. `individ`.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// The heading, e.g. "Målområde 1, Finansiering av individinriktade insatser".
    #[serde(rename = "rubrik")]
    pub heading: Spanned<String>,
    /// Markdown description, shown before the insatser.
    #[serde(default)]
    pub text: Option<Text>,
    /// The year's insatser, one line of Markdown each.
    #[serde(rename = "insatser", default)]
    pub actions: Vec<Text>,
    /// Measurable goals.
    #[serde(rename = "verksamhetsmål", default)]
    pub targets: Vec<Target>,
    /// Blocks shown after the insatser and goals.
    #[serde(rename = "tillägg", default)]
    pub blocks: Vec<Spanned<Block>>,
}

/// A verksamhetsmål with its measurable target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// What is measured.
    #[serde(rename = "mål")]
    pub goal: String,
    /// The target value, e.g. "minst 60 personer" or "35 %".
    #[serde(rename = "målvärde")]
    pub value: String,
}

/// The budget as typed: only the lines' amounts, never a total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetPlan {
    /// The unit the amounts are written in.
    #[serde(rename = "enhet")]
    pub unit: Unit,
    /// The year columns, consecutive.
    #[serde(rename = "år")]
    pub years: Spanned<Vec<i32>>,
    /// Column headings; default the years.
    #[serde(rename = "kolumnrubriker", default)]
    pub column_headings: Option<Spanned<Vec<String>>>,
    /// Income lines.
    #[serde(rename = "intäkter")]
    pub income: LineGroup,
    /// The eget kapital chain, if the table shows it.
    #[serde(rename = "eget_kapital", default)]
    pub equity: Option<Equity>,
    /// Cost lines and groups.
    #[serde(rename = "kostnader")]
    pub costs: LineGroup,
    /// Label of the result row; the row is shown only if labelled.
    #[serde(rename = "resultat", default)]
    pub result_label: Option<String>,
}

/// The unit the budget's amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Unit {
    /// Kronor.
    #[serde(rename = "kr")]
    Kr,
    /// Thousands of kronor.
    #[serde(rename = "tkr")]
    Tkr,
}

/// Income or costs: an optional header row, the lines, an optional total row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineGroup {
    /// A header row above the lines, e.g. "Intäkter".
    #[serde(rename = "rubrik", default)]
    pub heading: Option<String>,
    /// The lines (and groups of lines).
    #[serde(rename = "rader")]
    pub lines: Vec<Line>,
    /// Label of the total row; the row is shown only if labelled.
    #[serde(rename = "summa", default)]
    pub total_label: Option<String>,
}

/// A budget line, or a group of lines when it has `rader`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The line's label.
    #[serde(rename = "namn")]
    pub name: Spanned<String>,
    /// One amount per year (a plain line).
    #[serde(rename = "belopp", default)]
    pub amounts: Option<Spanned<Vec<Amount>>>,
    /// The lines of a group.
    #[serde(rename = "rader", default)]
    pub lines: Option<Vec<Line>>,
    /// Label of a group's subtotal row.
    #[serde(rename = "delsumma", default)]
    pub subtotal_label: Option<String>,
    /// A note printed under the table and marked on this line.
    #[serde(rename = "not", default)]
    pub note: Option<String>,
}

/// The eget kapital chain: the first year's opening balance and the rows' labels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equity {
    /// The opening balance of the first budget year.
    #[serde(rename = "ingående")]
    pub opening: Amount,
    /// Label of the opening-balance row, e.g. "Överskott från tidigare år".
    #[serde(rename = "rubrik", default = "default_equity_label")]
    pub label: String,
    /// Label of the row income + opening balance, e.g. "Totalt ingående beslutsutrymme".
    #[serde(rename = "summa", default)]
    pub total_label: Option<String>,
}

fn default_equity_label() -> String {
    "Ingående eget kapital".to_owned()
}

/// An amount as written in the plan: a YAML number, or a string in Swedish notation
/// (`"1 631 000"`, `"2,5"`). Never a float inside vplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett belopp, till exempel 3262 eller 1631000")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                // YAML has already read the digits as a float; its shortest round-trip text is
                // the literal the user typed, which Decimal then holds exactly.
                Decimal::from_str(&v.to_string()).map(Amount).map_err(|_| E::custom(too_large()))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_swedish_amount(v).map(Amount).map_err(E::custom)
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

fn too_large() -> String {
    "beloppet är för stort; vplan räknar med belopp upp till 28 siffror".to_owned()
}

/// Parses an amount typed as text the unambiguous Swedish way: digits grouped by single
/// spaces (`1 631 000`) and an optional decimal comma (`2,5`), with a leading minus.
pub fn parse_swedish_amount(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let (negative, body) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let (integer, fraction) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = integer.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped_ok = !groups.is_empty()
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1 || groups[0].len() <= 3)
        && groups[1..].iter().all(|g| g.len() == 3);
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !grouped_ok || !fraction_ok {
        return Err(format!(
            "`{trimmed}` är inget belopp vplan kan läsa; skriv siffror utan tecken, som 1631000, \
             eller med mellanslag mellan tusentalen och decimalkomma, som \"1 631 000\" eller \"2,5\""
        ));
    }
    let mut digits = groups.concat();
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| too_large())?;
    Ok(if negative { -value } else { value })
}

/// A plan read from disk, checked, with everything later stages need to know about its file.
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
    /// Things that are allowed but probably not meant.
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// A plan error at a place in this plan's file.
    pub fn error(&self, diagnostics: Vec<Diagnostic>) -> Error {
        Error::Plan { file: self.file.clone(), source: self.source.clone(), diagnostics }
    }
}

/// Reads, parses and checks the plan at `file`.
pub fn load(file: &Path) -> Result<Loaded, Error> {
    let bytes = std::fs::read(file).map_err(|e| {
        Error::User(
            Diagnostic::new(format!("kan inte läsa planen {}: {}", file.display(), crate::io_reason(&e)))
                .hint(
                    "kontrollera sökvägen; planen är en YAML-fil, till exempel plans/nedansiljan-2026.yaml",
                ),
        )
    })?;
    let source = yaml::decode(file, &bytes)?;
    let plan: Plan = yaml::parse(file, &source)?;
    let folder = file
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| Error::Bug(format!("planens mapp kunde inte läsas: {e}")))?;
    let mut check = Check { folder: &folder, errors: Vec::new(), warnings: Vec::new() };
    let date = check.plan(&plan);
    let Check { mut errors, warnings, .. } = check;
    match date {
        Some(date) if errors.is_empty() => {
            Ok(Loaded { file: file.to_path_buf(), folder, source, plan, date, warnings })
        }
        _ => {
            errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
            Err(Error::Plan { file: file.to_path_buf(), source, diagnostics: errors })
        }
    }
}

/// The position of a YAML node, if the parser knew it.
pub fn position(location: &Location, width: usize) -> Option<Position> {
    (*location != Location::UNKNOWN).then(|| Position {
        line: location.line() as usize,
        column: location.column() as usize,
        width: width.max(1),
    })
}

/// The position of byte `offset` inside a text scalar that starts at `location`.
///
/// Block scalars (`|`, `>`) start on the line after their indicator; their lines map one to
/// one onto the file. Flow scalars are mapped from their first character.
pub fn position_in_text(source: &str, text: &Text, offset: usize) -> Option<Position> {
    let start = position(&text.referenced, 1)?;
    let value = &text.value;
    let before = &value[..offset.min(value.len())];
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

/// The semantic checks that serde cannot express; collects every problem.
struct Check<'a> {
    folder: &'a Path,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Check<'_> {
    /// Checks the whole plan; returns the parsed date when it is valid.
    fn plan(&mut self, plan: &Plan) -> Option<NaiveDate> {
        self.association(&plan.association);
        let date = self.document(&plan.document);
        let mut placed = Placed::default();
        for section in &plan.sections {
            self.section(section, 1, &mut placed);
        }
        let mut ids = HashSet::new();
        for area in &plan.goal_areas {
            if let Some(id) = &area.id {
                self.identifier(id, &mut ids);
            }
            for block in &area.blocks {
                self.block(block, MAX_SECTION_DEPTH, &mut placed, true);
            }
        }
        if let Some(budget) = &plan.budget {
            self.budget(budget);
        }
        self.placement(plan, &placed);
        date
    }

    fn association(&mut self, association: &Association) {
        let members = &association.members;
        if members.value.is_empty() {
            self.errors.push(
                Diagnostic::new("förbundet har inga medlemmar")
                    .at(position(&members.referenced, 1))
                    .hint("lista parterna under `medlemmar:` med `namn:` och `typ:`"),
            );
        } else {
            let has = |kind: MemberKind| members.value.iter().any(|m| m.kind == kind);
            let missing: Vec<&str> = [
                (MemberKind::Forsakringskassan, "Försäkringskassan"),
                (MemberKind::Arbetsformedlingen, "Arbetsförmedlingen"),
                (MemberKind::Region, "en region"),
                (MemberKind::Kommun, "en kommun"),
            ]
            .into_iter()
            .filter(|(kind, _)| !has(*kind))
            .map(|(_, name)| name)
            .collect();
            if !missing.is_empty() {
                self.warnings.push(
                    Diagnostic::new(format!("medlemmarna saknar {}", missing.join(", ")))
                        .at(position(&members.referenced, 1))
                        .note("ett samordningsförbund har enligt lag (2003:1210) Försäkringskassan, Arbetsförmedlingen, en region och minst en kommun som medlemmar"),
                );
            }
        }
        if let Some(logo) = &association.logo {
            self.image_file(&logo.file);
            if !logo.decorative && logo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                self.errors.push(
                    Diagnostic::new("logotypen saknar alternativtext")
                        .at(position(&logo.file.referenced, logo.file.value.chars().count()))
                        .hint(
                            "skriv `alt:` med vad bilden visar, eller `dekorativ: true` om den bara pryder",
                        ),
                );
            }
        }
    }

    fn document(&mut self, document: &Document) -> Option<NaiveDate> {
        let year = &document.year;
        if !(2000..=2100).contains(&year.value) {
            self.errors.push(
                Diagnostic::new(format!("planåret {} är orimligt", year.value))
                    .at(position(&year.referenced, 4))
                    .hint("skriv planens år med fyra siffror, till exempel `år: 2026`"),
            );
        }
        let date = &document.date;
        match NaiveDate::parse_from_str(date.value.trim(), "%Y-%m-%d") {
            Ok(parsed) if date.value.trim().len() == 10 => Some(parsed),
            _ => {
                self.errors.push(
                    Diagnostic::new(format!("`{}` är inget giltigt datum", date.value))
                        .at(position(&date.referenced, date.value.chars().count()))
                        .note("datum skrivs ÅÅÅÅ-MM-DD")
                        .hint("till exempel `datum: 2025-11-26`"),
                );
                None
            }
        }
    }

    fn section(&mut self, section: &Section, depth: usize, placed: &mut Placed) {
        if depth > MAX_SECTION_DEPTH {
            self.errors.push(
                Diagnostic::new(format!("avsnittet `{}` ligger på nivå {depth}", section.heading.value))
                    .at(position(&section.heading.referenced, section.heading.value.chars().count()))
                    .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer (1, 1.1, 1.1.1)"))
                    .hint("flytta avsnittet en nivå upp, eller gör det till fetstil i texten ovanför"),
            );
        }
        if section.heading.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("avsnittet har en tom rubrik")
                    .at(position(&section.heading.referenced, 1))
                    .hint("skriv rubrikens text efter `rubrik:`"),
            );
        }
        for block in &section.blocks {
            self.block(block, depth, placed, false);
        }
        for child in &section.sections {
            self.section(child, depth + 1, placed);
        }
    }

    fn block(&mut self, block: &Spanned<Block>, depth: usize, placed: &mut Placed, in_goal_area: bool) {
        let at = position(&block.referenced, 1);
        match &block.value {
            Block::Image(image) => self.image(image),
            Block::Table(table) => self.table(table),
            Block::GoalAreas | Block::Budget if in_goal_area => self.errors.push(
                Diagnostic::new("ett målområde kan inte innehålla genererade block")
                    .at(at)
                    .hint("placera `målområden` och `budget` i ett avsnitts `innehåll:`"),
            ),
            Block::GoalAreas => {
                if depth >= MAX_SECTION_DEPTH {
                    self.errors.push(
                        Diagnostic::new(format!("målområdena hamnar på nivå {} här", depth + 1))
                            .at(at)
                            .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer"))
                            .hint("placera `målområden` i ett avsnitt på nivå 1 eller 2"),
                    );
                }
                if placed.goal_areas.replace(at).is_some() {
                    self.errors.push(
                        Diagnostic::new("målområdena är placerade mer än en gång")
                            .at(at)
                            .hint("ta bort det ena `- målområden`"),
                    );
                }
            }
            Block::Budget => {
                if placed.budget.replace(at).is_some() {
                    self.errors.push(
                        Diagnostic::new("budgeten är placerad mer än en gång")
                            .at(at)
                            .hint("ta bort det ena `- budget`"),
                    );
                }
            }
            Block::Text(_) | Block::PageBreak => {}
        }
    }

    fn placement(&mut self, plan: &Plan, placed: &Placed) {
        match (&plan.budget, placed.budget) {
            (None, Some(at)) => self.errors.push(
                Diagnostic::new("avsnittet visar budgeten, men planen har ingen `budget:`")
                    .at(at)
                    .hint("lägg till `budget:` i planen, eller ta bort `- budget`"),
            ),
            (Some(_), None) => self.warnings.push(
                Diagnostic::new("planen har en budget som inte visas")
                    .hint("lägg `- budget` i `innehåll:` i det avsnitt där budgettabellen ska stå"),
            ),
            _ => {}
        }
        match (plan.goal_areas.is_empty(), placed.goal_areas) {
            (true, Some(at)) => self.errors.push(
                Diagnostic::new("avsnittet visar målområdena, men planen har inga `målområden:`")
                    .at(at)
                    .hint("lägg till `målområden:` i planen, eller ta bort `- målområden`"),
            ),
            (false, None) => self.warnings.push(
                Diagnostic::new("planen har målområden som inte visas")
                    .hint("lägg `- målområden` i `innehåll:` i det avsnitt där de ska stå"),
            ),
            _ => {}
        }
    }

    fn identifier(&mut self, id: &Spanned<String>, seen: &mut HashSet<String>) {
        let valid =
            !id.value.is_empty() && id.value.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        let at = position(&id.referenced, id.value.chars().count());
        if !valid {
            self.errors.push(
                Diagnostic::new(format!("`{}` är inget giltigt id", id.value))
                    .at(at)
                    .hint("ett id består av bokstäver, siffror, - och _, till exempel `individ`"),
            );
        } else if !seen.insert(id.value.clone()) {
            self.errors.push(
                Diagnostic::new(format!("id `{}` används mer än en gång", id.value))
                    .at(at)
                    .hint("ge varje målområde ett eget id"),
            );
        }
    }

    fn table(&mut self, table: &Table) {
        let columns = table.columns.len();
        if columns == 0 {
            self.errors.push(
                Diagnostic::new("tabellen har inga kolumner")
                    .hint("lista kolumnerna under `kolumner:` med `rubrik:`"),
            );
        }
        for column in &table.columns {
            if column.width.value == 0 {
                self.errors.push(
                    Diagnostic::new("en kolumn kan inte ha bredden 0")
                        .at(position(&column.width.referenced, 1))
                        .hint("ange en relativ bredd från 1 och uppåt, till exempel `bredd: 2`"),
                );
            }
        }
        for row in &table.rows {
            if row.value.len() != columns {
                self.errors.push(
                    Diagnostic::new(format!(
                        "raden har {} celler men tabellen har {columns} kolumner",
                        row.value.len()
                    ))
                    .at(position(&row.referenced, 1))
                    .hint("ge varje rad en cell per kolumn; skriv \"\" för en tom cell"),
                );
            }
        }
    }

    fn image(&mut self, image: &Image) {
        self.image_file(&image.file);
        if image.alt.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("bilden har en tom alternativtext")
                    .at(position(&image.alt.referenced, 1))
                    .hint("beskriv med några ord vad bilden visar, för den som inte kan se den"),
            );
        }
        if let Some(width) = &image.width
            && !(1..=100).contains(&width.value)
        {
            self.errors.push(
                Diagnostic::new(format!("bredden {} % går inte", width.value))
                    .at(position(&width.referenced, 1))
                    .hint("ange bredden i procent av textbredden, 1–100"),
            );
        }
    }

    /// Checks that an image file exists inside the plan's folder and is an image.
    fn image_file(&mut self, file: &Spanned<String>) {
        let at = position(&file.referenced, file.value.chars().count());
        match resolve_in_folder(self.folder, &file.value) {
            Ok(path) => {
                let head = std::fs::File::open(&path).and_then(|f| {
                    use std::io::Read;
                    let mut head = Vec::with_capacity(512);
                    f.take(512).read_to_end(&mut head).map(|_| head)
                });
                if head.as_deref().map(image_format).unwrap_or(None).is_none() {
                    self.errors.push(
                        Diagnostic::new(format!("filen `{}` är ingen bild vplan kan visa", file.value))
                            .at(at)
                            .note("vplan visar bilder i formaten PNG, JPEG, GIF, WebP och SVG")
                            .hint("spara bilden i något av de formaten, till exempel PNG"),
                    );
                }
            }
            Err(problem) => {
                self.errors.push(Diagnostic::new(problem.message(&file.value)).at(at).hint(problem.hint()))
            }
        }
    }

    fn budget(&mut self, budget: &BudgetPlan) {
        let years = &budget.years;
        let at_years = position(&years.referenced, 1);
        let count = years.value.len();
        if count == 0 || count > MAX_BUDGET_YEARS {
            self.errors.push(
                Diagnostic::new(format!("budgeten har {count} år"))
                    .at(at_years)
                    .note(format!("en budget har 1–{MAX_BUDGET_YEARS} årskolumner"))
                    .hint("till exempel `år: [2026, 2027, 2028]`"),
            );
        } else if years.value.windows(2).any(|w| w[1] != w[0] + 1) {
            self.errors.push(
                Diagnostic::new("budgetens år följer inte på varandra")
                    .at(at_years)
                    .hint("skriv åren i ordning utan luckor, till exempel `år: [2026, 2027, 2028]`"),
            );
        }
        if let Some(headings) = &budget.column_headings
            && headings.value.len() != count
        {
            self.errors.push(
                Diagnostic::new(format!("{} kolumnrubriker men {count} år", headings.value.len()))
                    .at(position(&headings.referenced, 1))
                    .hint("ge en kolumnrubrik per år, eller ta bort `kolumnrubriker:` så används årtalen"),
            );
        }
        for line in budget.income.lines.iter().chain(&budget.costs.lines) {
            self.line(line, count, 1);
        }
    }

    fn line(&mut self, line: &Line, years: usize, depth: usize) {
        let at = position(&line.name.referenced, line.name.value.chars().count());
        match (&line.amounts, &line.lines) {
            (Some(amounts), None) => {
                if amounts.value.len() != years {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "raden `{}` har {} belopp men budgeten har {years} år",
                            line.name.value,
                            amounts.value.len()
                        ))
                        .at(position(&amounts.referenced, 1))
                        .hint("skriv ett belopp per år i samma ordning som `år:`"),
                    );
                }
                if line.subtotal_label.is_some() {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "raden `{}` har `delsumma` men inga `rader`",
                            line.name.value
                        ))
                        .at(at)
                        .hint("`delsumma` hör till en grupp av rader; ta bort den här"),
                    );
                }
            }
            (None, Some(lines)) => {
                if depth > 1 {
                    self.errors.push(
                        Diagnostic::new(format!("gruppen `{}` ligger i en annan grupp", line.name.value))
                            .at(at)
                            .hint("en budget har grupper i ett plan; flytta raderna upp en nivå"),
                    );
                }
                for child in lines {
                    self.line(child, years, depth + 1);
                }
            }
            (Some(_), Some(_)) => self.errors.push(
                Diagnostic::new(format!("raden `{}` har både `belopp` och `rader`", line.name.value))
                    .at(at)
                    .hint("en rad har `belopp`; en grupp har `rader` och summeras av vplan"),
            ),
            (None, None) => self.errors.push(
                Diagnostic::new(format!("raden `{}` saknar `belopp`", line.name.value))
                    .at(at)
                    .hint("skriv ett belopp per år, till exempel `belopp: [99, 105, 106]`"),
            ),
        }
    }
}

/// Where the generated blocks were placed.
#[derive(Default)]
struct Placed {
    goal_areas: Option<Option<Position>>,
    budget: Option<Option<Position>>,
}

/// The image format of a file, judged by its first bytes (its name may lie).
pub fn image_format(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else if String::from_utf8_lossy(head).contains("<svg") {
        Some("svg")
    } else {
        None
    }
}

/// Why a file named in a plan cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file.
    Missing,
    /// The path leaves the plan's folder (`..`, an absolute path, a link out).
    Outside,
}

impl FileProblem {
    fn message(self, name: &str) -> String {
        match self {
            Self::Missing => format!("filen `{name}` finns inte"),
            Self::Outside => format!("filen `{name}` ligger utanför planens mapp"),
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Self::Missing => "ange sökvägen relativt planfilen, till exempel `bilder/logga.png`",
            Self::Outside => "lägg bilden i planens mapp (eller en undermapp) och ange sökvägen därifrån",
        }
    }
}

/// Resolves a file named in a plan; it must exist inside `folder` after links are followed.
pub fn resolve_in_folder(folder: &Path, name: &str) -> Result<PathBuf, FileProblem> {
    let relative = Path::new(name);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(FileProblem::Outside);
    }
    let resolved = folder.join(relative).canonicalize().map_err(|_| FileProblem::Missing)?;
    if !resolved.starts_with(folder) {
        return Err(FileProblem::Outside);
    }
    if !resolved.is_file() {
        return Err(FileProblem::Missing);
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn swedish_amount_text_parses_unambiguous_forms() {
        assert_eq!(parse_swedish_amount("1 631 000"), Ok(dec!(1631000)));
        assert_eq!(parse_swedish_amount("2,5"), Ok(dec!(2.5)));
        assert_eq!(parse_swedish_amount("−343"), Ok(dec!(-343)));
        assert_eq!(parse_swedish_amount("3262"), Ok(dec!(3262)));
    }

    #[test]
    fn swedish_amount_text_refuses_ambiguous_forms() {
        for text in ["1.000.000", "1 00", "3 262 tkr", "1,5,0", "12 3456", ""] {
            assert!(parse_swedish_amount(text).is_err(), "{text} should be refused");
        }
    }
}
