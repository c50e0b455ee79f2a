//! The view of a follow-up (delårsrapport, tertialrapport, årsredovisning) for its template.
//!
//! In: a checked follow-up and its figures. Out: [`FollowUpView`], every figure formatted the
//! Swedish way and every text of the follow-up as Typst markup (its Markdown converted, its
//! plain text escaped by the template engine's one escaping point); the template
//! `templates/uppfoljning.typ.j2` binds it to the layout functions of `uppfoljning.typ`.

use chrono::Datelike;
use minijinja::Value;
use rust_decimal::Decimal;
use serde::Serialize;

use super::html::markdown::Footnotes;
use super::markdown;
use crate::compute::followup::{
    FollowRowKind, FollowUpFigures, SIGN_CONVENTION, SIGN_CONVENTION_ANNUAL, Statement, Triple,
};
use crate::error::{Diagnostic, Error};
use crate::followup::{LoadedFollowUp, ReportBlock, ReportSection};
use crate::plan::{Text, position_in_text};
use crate::swedish;
use crate::templates::TEMPLATE_ROOT;

/// Everything the follow-up template sees.
#[derive(Debug, Serialize)]
pub struct FollowUpView {
    library: String,
    title: String,
    kind: String,
    association: String,
    period: String,
    date: [u32; 3],
    date_text: String,
    registry: Option<String>,
    decision_line: Option<String>,
    annual: bool,
    unit: String,
    key_figures: Vec<[String; 2]>,
    parts: Vec<PartView>,
    budget: Vec<RowView>,
    operations: Vec<RowView>,
    sign_convention: String,
    sign_convention_annual: String,
    elapsed: String,
    /// "Avstämt mot bokföringen …", when the utfall comes from the books (`bokföring:`).
    books_reconciled: Option<String>,
    equity: Vec<[String; 2]>,
    equity_note: String,
    actions: Vec<[String; 7]>,
    action_stories: Vec<StoryView>,
    goals: Vec<GoalView>,
    income_statement: Vec<RowView>,
    balance_sheet: Vec<RowView>,
    decision: Option<DecisionView>,
    signatures: Vec<[String; 2]>,
    signature_line: String,
    /// The web page's footnotes, as HTML, in the order of their references.
    footnotes: Vec<Value>,
}

/// A piece of the body: a heading, text, or a generated block.
#[derive(Debug, Serialize)]
struct PartView {
    kind: &'static str,
    level: usize,
    text: String,
    markup: Value,
    /// The same text as HTML, escaped once.
    html: Value,
}

/// A table row: its kind (`line`, `group`, `total`, `result`, `heading`), indentation and cells.
#[derive(Debug, Serialize)]
struct RowView {
    kind: &'static str,
    depth: usize,
    cells: Vec<String>,
}

#[derive(Debug, Serialize)]
struct GoalView {
    area: String,
    goal: String,
    target: String,
    outcome: String,
    assessment: String,
    symbol: String,
    comment: String,
}

#[derive(Debug, Serialize)]
struct StoryView {
    area: String,
    /// Per insats: its name, its text as Typst markup and as HTML.
    stories: Vec<(String, Value, Value)>,
}

#[derive(Debug, Serialize)]
struct DecisionView {
    heading: String,
    lead: String,
    clauses: Vec<String>,
    signatures: Vec<[String; 2]>,
}

fn amount(v: Decimal) -> String {
    swedish::amount(v)
}

fn percent_or_dash(v: Option<Decimal>) -> String {
    v.map(swedish::percent).unwrap_or_else(|| "–".to_owned())
}

fn signed_percent(v: Option<Decimal>) -> String {
    match v {
        Some(v) => {
            let rounded = v.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            if rounded.is_sign_positive() && !rounded.is_zero() {
                format!("+{}", swedish::percent(v))
            } else {
                swedish::percent(v)
            }
        }
        None => "–".to_owned(),
    }
}

/// Converts a text of the follow-up from Markdown to Typst markup and to HTML (its footnotes
/// into `notes`), or says where it cannot be.
fn blocks(loaded: &LoadedFollowUp, text: &Text, notes: &mut Footnotes) -> Result<(Value, Value), Error> {
    let typst = markdown::blocks(&text.value).map(Value::from_safe_string).map_err(|u| {
        loaded.error(vec![
            Diagnostic::new(format!("{} stöds inte här", u.what))
                .at(position_in_text(&loaded.source, text, u.offset))
                .hint(u.hint),
        ])
    })?;
    let page = Value::from_safe_string(super::html::markdown::blocks(&text.value, notes));
    Ok((typst, page))
}

impl FollowUpView {
    /// The view of a checked follow-up.
    pub fn build(loaded: &LoadedFollowUp, f: &FollowUpFigures) -> Result<Self, Error> {
        let followup = &loaded.followup;
        let plan = &loaded.plan.plan;
        let kind = followup.kind;
        let annual = kind.is_annual();
        let unit = f.unit.label().to_owned();
        let year = f.year;
        let from = loaded.resolved.from;
        let to = loaded.resolved.to;
        let period = if annual && from.ordinal() == 1 && to.month() == 12 && to.day() == 31 {
            format!("1 januari – 31 december {year}")
        } else {
            format!("{} – {}", swedish::date_long(from), swedish::date_long(to))
        };
        let title = followup.document.title.clone().unwrap_or_else(|| format!("{} {year}", kind.title()));

        let mut notes = Footnotes::default();
        let parts = parts(loaded, &mut notes)?;
        let (equity, equity_note) = equity_rows(f, annual, &unit);
        let action_stories = action_stories(loaded, &mut notes)?;
        let key_figures = key_figures(f, annual, &unit);
        let decision = followup.decision.as_ref().map(|d| DecisionView {
            heading: d.heading.clone(),
            lead: d.lead.clone(),
            clauses: d.clauses.value.clone(),
            signatures: d
                .signatures
                .iter()
                .map(|s| [s.name.clone(), s.role.clone().unwrap_or_default()])
                .collect(),
        });
        let date = loaded.date;
        Ok(Self {
            library: format!("{TEMPLATE_ROOT}/uppfoljning.typ"),
            title,
            kind: kind.title().to_owned(),
            association: plan.association.name.clone(),
            period,
            date: [date.year() as u32, date.month(), date.day()],
            date_text: swedish::date_iso(date),
            registry: followup.document.registry_number.clone(),
            decision_line: followup.document.decision.clone(),
            annual,
            unit: unit.clone(),
            key_figures,
            parts,
            budget: budget_rows(f),
            operations: operation_rows(f),
            sign_convention: SIGN_CONVENTION.to_owned(),
            sign_convention_annual: SIGN_CONVENTION_ANNUAL.to_owned(),
            elapsed: format!(
                "Perioden slutar {}, då {} av året har gått.",
                swedish::date_long(to),
                swedish::percent(f.elapsed_percent())
            ),
            books_reconciled: f.books_reconciled(),
            equity,
            equity_note,
            actions: action_rows(f),
            action_stories,
            goals: goal_rows(f),
            income_statement: statement(&f.income_statement, true),
            balance_sheet: statement(&f.balance_sheet, false),
            decision,
            signatures: followup
                .signatures
                .iter()
                .map(|s| [s.name.clone(), s.role.clone().unwrap_or_default()])
                .collect(),
            signature_line: format!("{} den {}", plan.association.name, swedish::date_long(date)),
            footnotes: notes.notes.into_iter().map(Value::from_safe_string).collect(),
        })
    }
}

/// The body's parts: the sections with their texts and placed blocks, then each block no
/// section places, under its own heading.
fn parts(loaded: &LoadedFollowUp, notes: &mut Footnotes) -> Result<Vec<PartView>, Error> {
    let kind = loaded.followup.kind;
    let annual = kind.is_annual();
    let mut parts = Vec::new();
    let mut placed = Vec::new();
    sections(loaded, &loaded.followup.sections, 1, &mut parts, &mut placed, notes)?;
    for block in ReportBlock::all(kind) {
        // In an årsredovisning the driftredovisning takes the budget follow-up's place.
        let replaced = annual && *block == ReportBlock::BudgetFollowUp;
        if !placed.contains(block) && !replaced {
            parts.push(PartView {
                kind: "heading",
                level: 1,
                text: block_title(*block).to_owned(),
                markup: Value::from(()),
                html: Value::from(()),
            });
            parts.push(PartView {
                kind: block.key(),
                level: 1,
                text: String::new(),
                markup: Value::from(()),
                html: Value::from(()),
            });
        }
    }

    Ok(parts)
}

/// The budget follow-up's rows: budget, utfall, förbrukat, prognos and avvikelse.
fn budget_rows(f: &FollowUpFigures) -> Vec<RowView> {
    rows(f, |kind, t| {
        vec![
            amount(t.budget),
            amount(t.actual),
            if kind == FollowRowKind::Result { String::new() } else { percent_or_dash(t.spent_percent()) },
            amount(t.forecast),
            swedish::signed_amount(t.deviation()),
            signed_percent(t.deviation_percent()),
        ]
    })
}

/// The driftredovisning's rows: budget, utfall and avvikelse.
fn operation_rows(f: &FollowUpFigures) -> Vec<RowView> {
    rows(f, |_, t| {
        vec![
            amount(t.budget),
            amount(t.actual),
            swedish::signed_amount(t.actual_deviation()),
            signed_percent(t.actual_deviation_percent()),
        ]
    })
}

/// Every row of the follow-up's budget: its label, then the cells `figures` gives for the
/// row's kind and figures.
fn rows(f: &FollowUpFigures, figures: impl Fn(FollowRowKind, &Triple) -> Vec<String>) -> Vec<RowView> {
    f.rows
        .iter()
        .map(|r| RowView {
            kind: row_kind(r.kind),
            depth: r.depth,
            cells: std::iter::once(r.label.clone()).chain(figures(r.kind, &r.figures)).collect(),
        })
        .collect()
}

/// The eget kapital table's rows and the note under it.
fn equity_rows(f: &FollowUpFigures, annual: bool, unit: &str) -> (Vec<[String; 2]>, String) {
    let e = &f.equity;
    let u = |v: Decimal| format!("{}{}{unit}", amount(v), swedish::NBSP);
    let mut equity = Vec::new();
    if let Some(o) = e.opening {
        equity.push(["Eget kapital vid årets början".to_owned(), u(o)]);
    }
    let result_label = if annual { "Årets resultat" } else { "Resultat enligt prognos för helåret" };
    equity.push([result_label.to_owned(), u(if annual { f.result.actual } else { f.result.forecast })]);
    if let Some(c) = e.closing {
        let label =
            if annual { "Eget kapital vid årets slut" } else { "Eget kapital vid årets slut, prognos" };
        equity.push([label.to_owned(), u(c)]);
    }
    if let Some(a) = e.allotted {
        equity.push(["Tilldelade medel".to_owned(), u(a)]);
    }
    if let Some(p) = e.percent {
        equity.push([
            "Eget kapital i procent av tilldelade medel".to_owned(),
            format!("{} (högst {})", swedish::percent_precise(p), swedish::percent_precise(e.max_percent)),
        ]);
    }
    if let Some(m) = e.min {
        equity.push(["Styrelsens lägsta eget kapital".to_owned(), u(m)]);
    }
    if let Some(a) = &f.administration {
        equity.push([
            "Administrationens andel av kostnaderna".to_owned(),
            format!(
                "{} (högst {})",
                a.percent.map(swedish::percent_precise).unwrap_or_else(|| "–".to_owned()),
                swedish::percent_precise(a.max_percent)
            ),
        ]);
    }
    if let Some(m) = &f.member_income {
        equity.push(["Medlemsbidrag enligt planen".to_owned(), u(m.table)]);
        equity.push([
            "Medlemsbidrag, utfall".to_owned(),
            format!("{} ({})", u(m.figures.actual), percent_or_dash(m.paid_percent)),
        ]);
    }
    let equity_note = if annual {
        if e.typed {
            "Eget kapital vid årets slut enligt bokslutet. Tilldelade medel enligt planens kontroller."
                .to_owned()
        } else {
            "Eget kapital vid årets slut är ingående eget kapital och årets resultat. Tilldelade medel enligt planens kontroller.".to_owned()
        }
    } else {
        "Eget kapital vid årets slut är ingående eget kapital och resultatet enligt prognosen för helåret. Tilldelade medel enligt planens kontroller.".to_owned()
    };
    (equity, equity_note)
}

/// The insatser table's rows.
fn action_rows(f: &FollowUpFigures) -> Vec<[String; 7]> {
    f.actions
        .iter()
        .map(|a| {
            let p = a.participants;
            [
                a.name.clone(),
                p.map(|p| p.women.to_string()).unwrap_or_else(|| "–".to_owned()),
                p.map(|p| p.men.to_string()).unwrap_or_else(|| "–".to_owned()),
                p.map(|p| p.total().to_string()).unwrap_or_else(|| "–".to_owned()),
                a.budget.map(amount).unwrap_or_else(|| "–".to_owned()),
                a.actual.map(amount).unwrap_or_else(|| "–".to_owned()),
                a.status.map(|s| s.label().to_owned()).unwrap_or_else(|| "–".to_owned()),
            ]
        })
        .collect()
}

/// The verksamhetsberättelse per målområde: each insats's text or comment.
fn action_stories(loaded: &LoadedFollowUp, notes: &mut Footnotes) -> Result<Vec<StoryView>, Error> {
    let (followup, plan) = (&loaded.followup, &loaded.plan.plan);
    let mut action_stories: Vec<StoryView> = Vec::new();
    for area in &plan.goal_areas {
        let mut stories = Vec::new();
        for action in &area.actions {
            let Some(id) = &action.value.id else { continue };
            let Some((_, report)) = followup.actions.iter().find(|(k, _)| &k.value == id) else {
                continue;
            };
            let name = action.value.name.clone().unwrap_or_else(|| action.value.text.clone());
            if let Some(text) = &report.value.text {
                let (typst, page) = blocks(loaded, text, notes)?;
                stories.push((name, typst, page));
            } else if let Some(comment) = &report.value.comment {
                stories.push((
                    name,
                    Value::from_safe_string(super::escape::markup(comment)),
                    Value::from_safe_string(format!("<p>{}</p>", super::escape::html(comment))),
                ));
            }
        }
        if !stories.is_empty() {
            action_stories.push(StoryView { area: area.heading.value.clone(), stories });
        }
    }
    Ok(action_stories)
}

/// The måluppfyllelse table's rows, each bedömning as a word and a symbol.
fn goal_rows(f: &FollowUpFigures) -> Vec<GoalView> {
    f.goals
        .iter()
        .map(|g| GoalView {
            area: g.area.clone(),
            goal: g.goal.clone(),
            target: g.target.clone(),
            outcome: g.outcome.clone().unwrap_or_else(|| "–".to_owned()),
            assessment: g.assessment.map(|a| a.label().to_owned()).unwrap_or_else(|| "Ej bedömt".to_owned()),
            symbol: g.assessment.map(|a| a.symbol().to_owned()).unwrap_or_else(|| "?".to_owned()),
            comment: g.comment.clone().unwrap_or_default(),
        })
        .collect()
}

/// The key figures of the cover.
fn key_figures(f: &FollowUpFigures, annual: bool, unit: &str) -> Vec<[String; 2]> {
    let e = &f.equity;
    let u = |v: Decimal| format!("{}{}{unit}", amount(v), swedish::NBSP);
    let mut key_figures = Vec::new();
    if annual {
        key_figures.push(["Årets resultat".to_owned(), u(f.result.actual)]);
    } else {
        key_figures.push(["Resultat, prognos helår".to_owned(), u(f.result.forecast)]);
        key_figures.push([
            "Förbrukat av kostnaderna".to_owned(),
            format!(
                "{} (av året: {})",
                percent_or_dash(f.costs.spent_percent()),
                swedish::percent(f.elapsed_percent())
            ),
        ]);
    }
    if let (Some(c), Some(p)) = (e.closing, e.percent) {
        let label =
            if annual { "Eget kapital vid årets slut" } else { "Eget kapital vid årets slut, prognos" };
        key_figures.push([
            label.to_owned(),
            format!("{} ({} av tilldelade medel)", u(c), swedish::percent_precise(p)),
        ]);
    }
    let reported: Vec<_> = f.actions.iter().filter_map(|a| a.participants).collect();
    if !reported.is_empty() {
        let women: u32 = reported.iter().map(|p| p.women).sum();
        let men: u32 = reported.iter().map(|p| p.men).sum();
        key_figures.push([
            "Deltagare i insatserna".to_owned(),
            format!("{} ({women} kvinnor, {men} män)", women + men),
        ]);
    }
    if !f.goals.is_empty() {
        let met = f.goals.iter().filter(|g| g.assessment == Some(crate::followup::Assessment::Met)).count();
        key_figures.push(["Uppfyllda mål".to_owned(), format!("{met} av {}", f.goals.len())]);
    }
    key_figures
}

fn row_kind(kind: FollowRowKind) -> &'static str {
    match kind {
        FollowRowKind::Line => "line",
        FollowRowKind::Group => "group",
        FollowRowKind::Total => "total",
        FollowRowKind::Result => "result",
    }
}

/// A block's heading when no section places it.
fn block_title(block: ReportBlock) -> &'static str {
    match block {
        ReportBlock::BudgetFollowUp => "Budgetuppföljning",
        ReportBlock::Equity => "Eget kapital",
        ReportBlock::Actions => "Insatser",
        ReportBlock::Goals => "Måluppfyllelse",
        ReportBlock::Operations => "Driftredovisning",
        ReportBlock::IncomeStatement => "Resultaträkning",
        ReportBlock::BalanceSheet => "Balansräkning",
    }
}

fn sections(
    loaded: &LoadedFollowUp,
    sections: &[ReportSection],
    level: usize,
    parts: &mut Vec<PartView>,
    placed: &mut Vec<ReportBlock>,
    notes: &mut Footnotes,
) -> Result<(), Error> {
    for section in sections {
        parts.push(PartView {
            kind: "heading",
            level,
            text: section.heading.value.clone(),
            markup: Value::from(()),
            html: Value::from(()),
        });
        if let Some(text) = &section.text {
            let (markup, html) = blocks(loaded, text, notes)?;
            parts.push(PartView { kind: "text", level, text: String::new(), markup, html });
        }
        for block in &section.blocks {
            placed.push(block.value);
            parts.push(PartView {
                kind: block.value.key(),
                level,
                text: String::new(),
                markup: Value::from(()),
                html: Value::from(()),
            });
        }
        self::sections(loaded, &section.sections, (level + 1).min(3), parts, placed, notes)?;
    }
    Ok(())
}

/// A statement's rows: per group a heading row, its lines and its sum; the resultaträkning
/// ends with årets resultat.
fn statement(s: &Statement, result: bool) -> Vec<RowView> {
    let mut rows = Vec::new();
    let previous = |v: Option<Decimal>| v.map(amount).unwrap_or_else(|| "–".to_owned());
    for g in &s.groups {
        rows.push(RowView {
            kind: "heading",
            depth: 0,
            cells: vec![g.heading.clone(), String::new(), String::new(), String::new()],
        });
        for (label, note, value, prev) in &g.lines {
            rows.push(RowView {
                kind: "line",
                depth: 1,
                cells: vec![label.clone(), note.clone().unwrap_or_default(), amount(*value), previous(*prev)],
            });
        }
        rows.push(RowView {
            kind: "total",
            depth: 0,
            cells: vec![g.total_label.clone(), String::new(), amount(g.total), previous(g.total_previous)],
        });
    }
    if result && !s.groups.is_empty() {
        rows.push(RowView {
            kind: "result",
            depth: 0,
            cells: vec![
                "Årets resultat".to_owned(),
                String::new(),
                amount(s.total),
                previous(s.total_previous),
            ],
        });
    }
    rows
}
