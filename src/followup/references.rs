//! Checks a follow-up against the plan it names: every reference resolves, the period lies
//! in the plan's year, blocks and keys fit the report's kind.
//!
//! In: a parsed [`FollowUp`] and the adopted plan, read and checked. Out: [`Resolved`] (what
//! each key of `utfall`, `prognos`, `insatser` and `mål` points at) or every error found,
//! each at its place, an unknown name with the plan's names nearest first.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_saphyr::Spanned;

use super::{FollowUp, ReportBlock, ReportSection};
use crate::error::{Diagnostic, Position};
use crate::plan::{BudgetPlan, Line, Part, Plan, position};

/// A budget line or group of the plan, as a follow-up can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSlot {
    /// Income or costs.
    pub part: Part,
    /// The labels of the groups above it and its own, top down.
    pub labels: Vec<String>,
    /// Its `id` (cost centre, account), if any.
    pub id: Option<String>,
    /// Whether it is a group (has `rader`).
    pub group: bool,
    /// Whether it, or a group above it, is marked `administration`.
    pub administration: bool,
    /// The insats whose amounts it shows (`insats:`).
    pub action: Option<String>,
    /// The rows of `medlemsbidrag` it shows, as written (`summa`, or `[A, B]`), if any.
    pub contribution: Option<String>,
    /// Index of the group it belongs to in [`Resolved::lines`].
    pub parent: Option<usize>,
}

impl LineSlot {
    /// Its own label.
    pub fn label(&self) -> &str {
        self.labels.last().map(String::as_str).unwrap_or("")
    }

    /// `Grupp/Rad`: the path a follow-up can always name it by.
    pub fn path(&self) -> String {
        self.labels.join("/")
    }
}

/// A reference of `utfall` or `prognos` to a line, with the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRef {
    /// Index into [`Resolved::lines`].
    pub line: usize,
    /// The amount typed, in the plan's unit.
    pub amount: Decimal,
    /// Where the line is named.
    pub at: Option<Position>,
}

/// A verksamhetsmål of the plan: its målområde and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalRef {
    /// Its id (`individ.1`, or its own).
    pub id: String,
    /// Index of its målområde.
    pub area: usize,
    /// Index among the målområde's verksamhetsmål.
    pub target: usize,
}

/// What a follow-up's references point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The plan's budget lines and groups in table order (parts in the plan's order).
    pub lines: Vec<LineSlot>,
    /// The period's actual amount per line, in the order written (not the ones left `~`).
    pub actual: Vec<LineRef>,
    /// The lines named under `utfall` but left `~` (to fill in).
    pub actual_blank: Vec<LineRef>,
    /// The forecast per line, in the order written.
    pub forecast: Vec<LineRef>,
    /// The plan's insatser that have an id, in plan order.
    pub actions: Vec<String>,
    /// The plan's verksamhetsmål, in plan order.
    pub goals: Vec<GoalRef>,
    /// The budget column of the plan's year.
    pub year_column: usize,
    /// The plan's year.
    pub year: i32,
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// The document date.
    pub date: NaiveDate,
}

/// The names of the follow-up's warning rules, which its `kontroller.av` may name.
pub const RULE_NAMES: &[&str] = &[
    "utfall-saknas",
    "forbrukat-hogt",
    "prognos-bryter-grans",
    "bedomning-utan-kommentar",
    "insats-saknas",
    "bokforing-okopplad",
    "bokforing-budget",
];

/// Checks `followup` (whose text is `source`) against `plan`.
pub fn resolve(followup: &FollowUp, plan: &Plan, source: &str) -> Result<Resolved, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let year = plan.document.year.value;

    let (from, to) = period(followup, year, &mut errors);
    let date_typed = followup.document.date.as_ref().and_then(|d| date(d, "dokument.datum", &mut errors));
    let (lines, year_column) = budget_lines(followup, plan, year, &mut errors);
    let (actual, actual_blank) = line_refs(&followup.actual, &lines, "utfall", &mut errors);
    let (forecast, _) = line_refs(&followup.forecast, &lines, "prognos", &mut errors);
    let actions = action_refs(followup, plan, &mut errors);
    let goals = goal_refs(followup, plan, &mut errors);
    kind_fits(followup, source, &mut errors);
    checks_known(followup, &mut errors);

    // Report errors in the order they appear in the file, whichever check found them
    // (the sort is stable, so two at one place keep the order above).
    errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
    match (errors.is_empty(), from, to) {
        (true, Some(from), Some(to)) => Ok(Resolved {
            lines,
            actual,
            actual_blank,
            forecast,
            actions,
            goals,
            year_column,
            year,
            from,
            to,
            date: date_typed.unwrap_or(to),
        }),
        _ => Err(errors),
    }
}

/// The period's first and last day, each `None` when it is no date; errors for a day outside
/// the plan's year and for a first day after the last.
fn period(
    followup: &FollowUp,
    year: i32,
    errors: &mut Vec<Diagnostic>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = date(&followup.period.from, "period.från", errors);
    let to = date(&followup.period.to, "period.till", errors);
    for (day, at) in [(from, &followup.period.from), (to, &followup.period.to)] {
        if let Some(day) = day
            && day.year() != year
        {
            errors.push(
                Diagnostic::new(format!(
                    "perioden ska ligga inom planens år {year}, men {} gör det inte",
                    day
                ))
                .at(position(&at.referenced, at.value.chars().count()))
                .note(format!("planen gäller {year}; en uppföljning följer upp ett års plan"))
                .hint(format!(
                    "ange en dag mellan {year}-01-01 och {year}-12-31, eller hänvisa till planen för {}",
                    day.year()
                )),
            );
        }
    }
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        errors.push(
            Diagnostic::new("periodens första dag ligger efter dess sista")
                .at(position(&followup.period.to.referenced, followup.period.to.value.chars().count()))
                .hint("`från` är periodens första dag och `till` dess sista"),
        );
    }
    (from, to)
}

/// The plan's budget lines and the index of the plan year's column. Without a budget, or
/// without a column for the year, `utfall` and `prognos` have nothing to point at: an error
/// when the follow-up has either (column 0 then stands in, unused).
fn budget_lines(
    followup: &FollowUp,
    plan: &Plan,
    year: i32,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<LineSlot>, usize) {
    let plan_at = position(&followup.plan.referenced, followup.plan.value.chars().count());
    let has_amounts = !followup.actual.is_empty() || !followup.forecast.is_empty();
    match &plan.budget {
        Some(budget) => {
            let column = budget.years.value.iter().position(|y| *y == year);
            if column.is_none() && has_amounts {
                errors.push(
                    Diagnostic::new(format!("planens budget har ingen kolumn för planens år {year}"))
                        .at(plan_at)
                        .hint("hänvisa till den antagna planen för året, vars budget har året som kolumn"),
                );
            }
            (slots(budget, plan), column.unwrap_or(0))
        }
        None => {
            if has_amounts {
                errors.push(
                    Diagnostic::new("planen har ingen budget att följa upp")
                        .at(plan_at)
                        .hint("ta bort `utfall` och `prognos`, eller hänvisa till en plan med `budget`"),
                );
            }
            (Vec::new(), 0)
        }
    }
}

/// The ids of the plan's insatser; errors for a key of `insatser` that names none of them or
/// names one a second time.
fn action_refs(followup: &FollowUp, plan: &Plan, errors: &mut Vec<Diagnostic>) -> Vec<String> {
    let actions: Vec<String> =
        plan.goal_areas.iter().flat_map(|a| &a.actions).filter_map(|a| a.value.id.clone()).collect();
    let mut seen = Vec::new();
    for (key, _) in followup.actions.iter() {
        if !actions.contains(&key.value) {
            errors.push(unknown(
                key,
                "ingen insats",
                "insatser med `id`",
                &actions,
                "ange insatsens `id` ur planens `målområden`, eller ge insatsen ett `id` i planen",
            ));
        } else if seen.contains(&key.value) {
            errors.push(twice(key, "insatsen"));
        }
        seen.push(key.value.clone());
    }
    actions
}

/// The plan's verksamhetsmål in order; errors for a key of `mål` that names none of them or
/// names one a second time.
fn goal_refs(followup: &FollowUp, plan: &Plan, errors: &mut Vec<Diagnostic>) -> Vec<GoalRef> {
    let goals: Vec<GoalRef> = plan
        .goal_areas
        .iter()
        .enumerate()
        .flat_map(|(area, a)| {
            a.target_ids(area + 1).into_iter().enumerate().map(move |(target, id)| GoalRef {
                id,
                area,
                target,
            })
        })
        .collect();
    let goal_ids: Vec<String> = goals.iter().map(|g| g.id.clone()).collect();
    let mut seen = Vec::new();
    for (key, _) in followup.goals.iter() {
        if !goal_ids.contains(&key.value) {
            errors.push(unknown(
                key,
                "inget mål",
                "verksamhetsmål",
                &goal_ids,
                "ange målets `id`, eller målområdets `id`, en punkt och målets nummer, som `individ.1`",
            ));
        } else if seen.contains(&key.value) {
            errors.push(twice(key, "målet"));
        }
        seen.push(key.value.clone());
    }
    goals
}

/// Errors for blocks and keys that do not belong to the report's kind: only an
/// årsredovisning has every block and the two statements.
fn kind_fits(followup: &FollowUp, source: &str, errors: &mut Vec<Diagnostic>) {
    if followup.kind.is_annual() {
        return;
    }
    let allowed = ReportBlock::all(followup.kind);
    blocks(&followup.sections, allowed, followup.kind.key(), errors);
    for (what, present) in [
        ("resultaträkning", !followup.income_statement.is_empty()),
        ("balansräkning", !followup.balance_sheet.is_empty()),
    ] {
        if present {
            errors.push(
                Diagnostic::new(format!(
                    "`{what}` hör till en årsredovisning, inte en {}",
                    followup.kind.key()
                ))
                .at(key_position(source, what))
                .hint(format!("ta bort `{what}`, eller skriv `rapport: årsredovisning`")),
            );
        }
    }
}

/// Errors for `kontroller`: a rule name turned off that no rule has (the plan's rules count
/// too), and a `förbrukat_marginal` outside 0–100.
fn checks_known(followup: &FollowUp, errors: &mut Vec<Diagnostic>) {
    for name in &followup.checks.off {
        if !RULE_NAMES.contains(&name.value.as_str())
            && !crate::plan::RULE_NAMES.contains(&name.value.as_str())
        {
            let mut names: Vec<String> = RULE_NAMES.iter().map(|s| (*s).to_owned()).collect();
            names.sort_by_key(|n| distance(&name.value, n));
            errors.push(
                Diagnostic::new(format!("det finns ingen kontroll som heter `{}`", name.value))
                    .at(position(&name.referenced, name.value.chars().count()))
                    .note(format!("uppföljningens kontroller: {}", names.join(", ")))
                    .hint(format!("menade du `{}`?", names[0])),
            );
        }
    }
    if let Some(margin) = &followup.checks.spent_margin
        && (margin.value.0 < Decimal::ZERO || margin.value.0 > Decimal::ONE_HUNDRED)
    {
        errors.push(
            Diagnostic::new("`förbrukat_marginal` ska vara mellan 0 och 100 procentenheter")
                .at(position(&margin.referenced, 1))
                .hint("ange till exempel 10"),
        );
    }
}

/// The place of a top-level key in the follow-up's text.
fn key_position(source: &str, key: &str) -> Option<Position> {
    source.lines().enumerate().find_map(|(index, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some(Position {
            line: index + 1,
            column: 1,
            width: key.chars().count(),
        })
    })
}

fn date(text: &Spanned<String>, key: &str, errors: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(text.value.trim(), "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            errors.push(
                Diagnostic::new(format!("`{key}` är inget datum: `{}`", text.value))
                    .at(position(&text.referenced, text.value.chars().count()))
                    .hint("skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-08-31"),
            );
            None
        }
    }
}

/// The plan's budget lines and groups in table order.
fn slots(budget: &BudgetPlan, plan: &Plan) -> Vec<LineSlot> {
    let mut out = Vec::new();
    for part in &budget.order.value {
        let group = match part {
            Part::Income => &budget.income,
            Part::Costs => &budget.costs,
        };
        for line in &group.lines {
            slot(line, *part, &[], false, None, plan, &mut out);
        }
    }
    out
}

fn slot(
    line: &Line,
    part: Part,
    above: &[String],
    administration: bool,
    parent: Option<usize>,
    plan: &Plan,
    out: &mut Vec<LineSlot>,
) {
    let label = match (&line.name, &line.action) {
        (Some(name), _) => name.value.clone(),
        (None, Some(id)) => plan
            .goal_areas
            .iter()
            .flat_map(|a| &a.actions)
            .find(|a| a.value.id.as_deref() == Some(id.value.as_str()))
            .map(|a| a.value.name.clone().unwrap_or_else(|| a.value.text.clone()))
            .unwrap_or_else(|| id.value.clone()),
        (None, None) => String::new(),
    };
    let mut labels = above.to_vec();
    labels.push(label);
    let administration = administration || line.administration;
    let index = out.len();
    out.push(LineSlot {
        part,
        labels: labels.clone(),
        id: line.id.clone(),
        group: line.lines.is_some(),
        administration,
        action: line.action.as_ref().map(|a| a.value.clone()),
        contribution: line.contribution.as_ref().map(|c| c.value.written()),
        parent,
    });
    for child in line.lines.iter().flatten() {
        slot(child, part, &labels, administration, Some(index), plan, out);
    }
}

/// The lines `entries` names, each once, never a group: those with an amount, and those
/// left `~`.
fn line_refs(
    entries: &super::Entries<Spanned<Option<crate::plan::Amount>>>,
    lines: &[LineSlot],
    key: &str,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<LineRef>, Vec<LineRef>) {
    let mut out: Vec<LineRef> = Vec::new();
    let mut blank: Vec<LineRef> = Vec::new();
    for (name, amount) in entries.iter() {
        let wanted = name.value.trim();
        let matches: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let l = &lines[i];
                l.id.as_deref() == Some(wanted) || l.label() == wanted || l.path() == wanted
            })
            .collect();
        // An exact path or id wins over a label that also matches.
        let exact: Vec<usize> = matches
            .iter()
            .copied()
            .filter(|&i| {
                lines[i].id.as_deref() == Some(wanted)
                    || (lines[i].labels.len() > 1 && lines[i].path() == wanted)
            })
            .collect();
        let matches = if exact.len() == 1 { exact } else { matches };
        let at = position(&name.referenced, name.value.chars().count());
        match matches.as_slice() {
            [] => {
                let names: Vec<String> =
                    lines.iter().filter(|l| !l.group).map(|l| shown_name(l, lines)).collect();
                errors.push(unknown(
                    name,
                    "ingen budgetrad",
                    "budgetrader",
                    &names,
                    "ange radens namn som i planens budget, dess `id`, eller `Grupp/Rad`",
                ));
            }
            [one] if lines[*one].group => {
                let children: Vec<String> =
                    lines.iter().filter(|l| l.parent == Some(*one)).map(|l| l.path()).collect();
                errors.push(
                    Diagnostic::new(format!(
                        "`{wanted}` är en grupp; en grupps {key} är summan av dess rader och skrivs inte"
                    ))
                    .at(at)
                    .note(format!("gruppens rader: {}", children.join(", ")))
                    .hint(format!(
                        "skriv {key} för var och en av gruppens rader; vplan räknar gruppens summa"
                    )),
                );
            }
            [one] => {
                if out.iter().chain(&blank).any(|r| r.line == *one) {
                    errors.push(
                        Diagnostic::new(format!("raden `{}` har redan {key}", lines[*one].path()))
                            .at(at)
                            .hint("ange varje rad en gång"),
                    );
                } else {
                    match &amount.value {
                        Some(value) => out.push(LineRef { line: *one, amount: value.0, at }),
                        None => blank.push(LineRef { line: *one, amount: Decimal::ZERO, at }),
                    }
                }
            }
            many => {
                let paths: Vec<String> = many.iter().map(|&i| lines[i].path()).collect();
                let leaf = many.iter().find(|&&i| !lines[i].group).map(|&i| lines[i].path());
                let d = Diagnostic::new(format!(
                    "namnet `{wanted}` finns {} gånger i planens budget",
                    many.len()
                ))
                .at(at)
                .note(format!("raderna med namnet: {}", paths.join(", ")));
                errors.push(match leaf {
                    Some(path) => {
                        d.hint(format!("skriv vägen `Grupp/Rad`, till exempel `{path}`, eller radens `id`"))
                    }
                    None => d.hint("skriv vägen `Grupp/Rad` eller radens `id`"),
                });
            }
        }
    }
    (out, blank)
}

/// The plan's budget lines and groups in table order, as a follow-up names them.
pub(crate) fn slots_of(budget: &BudgetPlan, plan: &Plan) -> Vec<LineSlot> {
    slots(budget, plan)
}

/// How a follow-up names `line` without ambiguity: its label, or `Grupp/Rad`.
pub(crate) fn shown_name_of(line: &LineSlot, lines: &[LineSlot]) -> String {
    shown_name(line, lines)
}

/// How a line is named in a list of candidates: its label, or its path when the label is
/// not unique.
fn shown_name(line: &LineSlot, lines: &[LineSlot]) -> String {
    let same = lines.iter().filter(|l| l.label() == line.label()).count();
    if same > 1 { line.path() } else { line.label().to_owned() }
}

fn unknown(key: &Spanned<String>, what: &str, many: &str, names: &[String], hint: &str) -> Diagnostic {
    let at = position(&key.referenced, key.value.chars().count());
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_by_key(|n| distance(&key.value, n));
    let d = Diagnostic::new(format!("planen har {what} `{}`", key.value)).at(at);
    if sorted.is_empty() {
        return d.note(format!("planen har inga {many}")).hint(hint.to_owned());
    }
    let list: Vec<String> = sorted.iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = if sorted.len() > 8 { format!(" och {} till", sorted.len() - 8) } else { String::new() };
    d.note(format!("planens {many}, närmast först: {}{more}", list.join(", ")))
        .hint(format!("menade du `{}`? {hint}", sorted[0]))
}

fn twice(key: &Spanned<String>, what: &str) -> Diagnostic {
    Diagnostic::new(format!("{what} `{}` står två gånger", key.value))
        .at(position(&key.referenced, key.value.chars().count()))
        .hint("ange varje hänvisning en gång")
}

/// Refuses blocks that belong to another kind of report.
fn blocks(sections: &[ReportSection], allowed: &[ReportBlock], kind: &str, errors: &mut Vec<Diagnostic>) {
    for section in sections {
        for block in &section.blocks {
            if !allowed.contains(&block.value) {
                errors.push(
                    Diagnostic::new(format!(
                        "blocket `{}` hör till en årsredovisning, inte en {kind}",
                        block.value.key()
                    ))
                    .at(position(&block.referenced, block.value.key().chars().count()))
                    .hint("ta bort blocket, eller skriv `rapport: årsredovisning`"),
                );
            }
        }
        blocks(&section.sections, allowed, kind, errors);
    }
}

/// The edit distance between two names, case ignored: how near a candidate is.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}
