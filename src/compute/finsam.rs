//! The figures the Finsam checks judge: eget kapital against tilldelade medel, the
//! administrative share of the costs, the control figures from the adopted decision, and the
//! member income in the budget against the member contributions.
//!
//! In: the plan and its computed budget and contributions. Out: [`Finsam`]; the rules in
//! [`crate::lint`] only compare these figures with the plan's limits.

use rust_decimal::Decimal;

use super::budget::{BlankLine, LineFacts};
use super::{Budget, ContributionTable, HistoryTable, unit_factor};
use crate::error::Position;
use std::collections::HashMap;

use crate::plan::{Action, Allotted, Line, Plan, SummaryFigure, Unit, position};

/// What the Finsam checks judge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Finsam {
    /// Per budget year: eget kapital and what it is measured against.
    pub years: Vec<FinsamYear>,
    /// The control figures, typed and computed.
    pub controls: Vec<Control>,
    /// Lines left blank in a year where their group has an amount.
    pub blanks: Vec<BlankLine>,
    /// The member income in the budget compared with the contributions table.
    pub member_income: Vec<MemberIncome>,
}

/// One budget year's figures for the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinsamYear {
    /// The year.
    pub year: i32,
    /// Eget kapital at the end of the year, when the plan states the chain.
    pub closing: Option<Decimal>,
    /// The year's tilldelade medel, in the budget's unit.
    pub allotted: Option<Decimal>,
    /// The closing eget kapital in percent of the tilldelade medel (exact).
    pub equity_percent: Option<Decimal>,
    /// The year's costs.
    pub costs: Decimal,
    /// The administrative costs, when lines are marked.
    pub administration: Option<Decimal>,
    /// The administrative costs in percent of the year's costs (exact).
    pub administration_percent: Option<Decimal>,
    /// Where the eget kapital comes from in the plan: the budget's opening balance, or the
    /// history row of a planned year the budget does not chain.
    pub at: Option<Position>,
}

/// A control figure: what the decision says and what vplan computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Control {
    /// What it is, as a message names it: "resultatet 2026", "raden Navet 2026".
    pub what: String,
    /// The amount typed from the decision.
    pub typed: Decimal,
    /// The computed amount; `None` when the year or line is not in the budget.
    pub computed: Option<Decimal>,
    /// Where the typed amount is.
    pub at: Option<Position>,
}

/// The member income in the budget for the contributions' year, against the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberIncome {
    /// The year.
    pub year: i32,
    /// What the income lines say, in kronor.
    pub budget: Decimal,
    /// What the contributions table says, in kronor.
    pub table: Decimal,
    /// The income lines compared, by label.
    pub lines: Vec<String>,
    /// The typed lines whose own members' rows say something else.
    pub details: Vec<LineIncome>,
    /// Where the first of them is.
    pub at: Option<Position>,
}

pub(super) fn finsam(
    plan: &Plan,
    actions: &HashMap<&str, &Action>,
    history: Option<&HistoryTable>,
    budget: Option<&Budget>,
    facts: Option<&LineFacts>,
    contributions: &[ContributionTable],
) -> Finsam {
    let mut out = Finsam::default();
    let (Some(budget), Some(plan_budget)) = (budget, &plan.budget) else {
        return out;
    };
    let kr_to_unit = unit_factor(Unit::Kr, budget.unit);
    let opening_at = plan_budget.equity.as_ref().and_then(|e| position(&e.opening.referenced, 1));
    for (i, f) in budget.figures.iter().enumerate() {
        let allotted = match plan.checks.allotted {
            Allotted::Income => Some(f.income),
            Allotted::Contributions => {
                let tables: Vec<&ContributionTable> =
                    contributions.iter().filter(|c| c.year == f.year).collect();
                (!tables.is_empty()).then(|| tables.iter().map(|c| c.total).sum::<Decimal>() * kr_to_unit)
            }
        };
        let equity_percent = match (f.closing, allotted) {
            (Some(closing), Some(allotted)) if !allotted.is_zero() => {
                Some(closing * Decimal::ONE_HUNDRED / allotted)
            }
            _ => None,
        };
        let administration = facts.and_then(|f| f.administration.as_ref()).map(|a| a[i]);
        let administration_percent =
            administration.filter(|_| !f.costs.is_zero()).map(|a| a * Decimal::ONE_HUNDRED / f.costs);
        out.years.push(FinsamYear {
            year: f.year,
            closing: f.closing,
            allotted,
            equity_percent,
            costs: f.costs,
            administration,
            administration_percent,
            at: opening_at,
        });
    }
    // The planned years of the eget kapital history that the budget does not chain (a budget
    // of this year and last year, as seed 003) are judged by their typed figures.
    if let (Some(table), Some(rows)) = (history, plan.equity_history.as_ref().map(|h| &h.rows)) {
        let scale = unit_factor(table.unit, budget.unit);
        for (line, row) in table.rows.iter().zip(rows) {
            let chained = out.years.iter().any(|y| y.year == line.year && y.closing.is_some());
            if line.year < plan.year() || chained {
                continue;
            }
            let Some(closing) = line.cells[2].as_ref().map(|c| c.value * scale) else { continue };
            let allotted = match plan.checks.allotted {
                Allotted::Income => line.cells[0].as_ref().map(|c| c.value * scale),
                Allotted::Contributions => None,
            };
            let equity_percent =
                allotted.filter(|a| !a.is_zero()).map(|a| closing * Decimal::ONE_HUNDRED / a);
            out.years.retain(|y| y.year != line.year);
            out.years.push(FinsamYear {
                year: line.year,
                closing: Some(closing),
                allotted,
                equity_percent,
                costs: Decimal::ZERO,
                administration: None,
                administration_percent: None,
                at: position(&row.referenced, 1),
            });
        }
        out.years.sort_by_key(|y| y.year);
    }
    for control in &plan.checks.controls {
        let year = control.year.value;
        let index = budget.years.iter().position(|y| *y == year);
        let (what, computed) = match (&control.figure, &control.line) {
            (Some(figure), _) => {
                let f = index.map(|i| budget.figures[i]);
                let value = f.and_then(|f| match figure {
                    SummaryFigure::Income => Some(f.income),
                    SummaryFigure::Costs => Some(f.costs),
                    SummaryFigure::Result => Some(f.result),
                    SummaryFigure::Opening => f.opening,
                    SummaryFigure::Closing => f.closing,
                    SummaryFigure::Available => f.available,
                });
                (format!("{} {year}", figure_name(*figure)), value)
            }
            (None, Some(line)) => {
                let value = facts.and_then(|facts| {
                    let (_, values) = facts.values.iter().find(|(label, _)| *label == line.value)?;
                    index.and_then(|i| values[i])
                });
                (format!("raden ”{}” {year}", line.value), value)
            }
            (None, None) => continue,
        };
        out.controls.push(Control {
            what,
            typed: control.amount.value.0,
            computed,
            at: position(&control.amount.referenced, 1),
        });
    }
    if let Some(facts) = facts {
        out.blanks = facts.blanks.clone();
    }
    let mut years: Vec<i32> = contributions.iter().map(|c| c.year).collect();
    years.dedup();
    for year in years {
        let Some(i) = budget.years.iter().position(|y| *y == year) else { continue };
        let tables: Vec<&ContributionTable> = contributions.iter().filter(|c| c.year == year).collect();
        out.member_income.extend(member_income(plan_budget, actions, &tables, i, kr_to_unit));
    }
    out
}

/// The income lines that stand for the members, compared with the contributions table: a
/// line (or a line inside a group) that takes its amount from the table (`medlemsbidrag`),
/// names its members (`parter`), or is named like a row of the table, one of its members,
/// ”Kommunerna”, ”Regionen” or ”Staten”; or, when nothing inside it does, a line or group
/// named "Medlemsbidrag…"/"Medlemsavgift…" for the whole. Compared only when one of them is
/// typed: lines that all take their amounts from the table cannot differ from it.
fn member_income(
    plan: &crate::plan::BudgetPlan,
    actions: &HashMap<&str, &Action>,
    tables: &[&ContributionTable],
    year: usize,
    kr_to_unit: Decimal,
) -> Vec<MemberIncome> {
    let total: Decimal = tables.iter().map(|t| t.total).sum();
    let mut counted = Vec::new();
    collect_member_lines(&plan.income.lines, tables, &mut counted);
    let mut lines = Vec::new();
    let mut details = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut typed_any = false;
    let mut at = None;
    let shares_a_row = |rows: &[bool], own: usize| {
        counted.iter().enumerate().any(|(j, (_, other))| {
            j != own && other.as_ref().is_some_and(|o| o.iter().zip(rows).any(|(a, b)| *a && *b))
        })
    };
    for (i, (line, rows)) in counted.iter().enumerate() {
        let label = super::budget::visible_label(line, actions);
        // An amount typed for the year on a linked line is compared as typed: written twice,
        // it may have drifted from the table.
        let typed = typed_value(line, year);
        let linked =
            line.contribution.as_ref().and(rows.as_ref()).map(|rows| rows_amount(tables, rows) * kr_to_unit);
        let Some(value) = typed.or(linked) else { continue };
        if typed.is_some() {
            typed_any = true;
            if at.is_none() {
                at = super::budget::line_position(line);
            }
            // A line that shares a row with another (Försäkringskassan and Arbetsförmedlingen
            // paying on one row) is only compared in the total.
            if let Some(rows) = rows.as_ref().filter(|r| !shares_a_row(r, i)) {
                let table = rows_amount(tables, rows);
                if value / kr_to_unit != table {
                    details.push(LineIncome { label: label.clone(), budget: value / kr_to_unit, table });
                }
            }
        }
        sum += value;
        lines.push(label);
    }
    if !typed_any {
        return Vec::new();
    }
    let budget_kr = sum / kr_to_unit;
    vec![MemberIncome { year: tables[0].year, budget: budget_kr, table: total, lines, details, at }]
}

/// One typed member income line whose amount differs from what its rows of the table say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIncome {
    /// The line's label.
    pub label: String,
    /// What the line says, in kronor.
    pub budget: Decimal,
    /// What its rows in the contributions add up to, in kronor.
    pub table: Decimal,
}

/// The member income lines among `lines`, in order, each with the rows of the tables it
/// stands for (`None` for a line named "Medlemsbidrag…" that stands for the whole).
fn collect_member_lines<'a>(
    lines: &'a [Line],
    tables: &[&ContributionTable],
    out: &mut Vec<(&'a Line, Option<Vec<bool>>)>,
) {
    for line in lines {
        let rows = match line.member_names() {
            Some(names) => rows_for(tables, names),
            None => line.label().and_then(|label| rows_for(tables, &[label.to_owned()])),
        };
        if rows.is_some() || line.contribution.is_some() {
            out.push((line, rows));
            continue;
        }
        if let Some(children) = &line.lines {
            let before = out.len();
            collect_member_lines(children, tables, out);
            if out.len() > before {
                continue;
            }
        }
        let whole = line
            .label()
            .map(str::to_lowercase)
            .is_some_and(|l| l.starts_with("medlemsbidrag") || l.starts_with("medlemsavgift"));
        if whole {
            out.push((line, None));
        }
    }
}

/// Which rows of `tables` (in order, across tables) `names` stand for; `None` when a name
/// names none.
pub fn rows_for(tables: &[&ContributionTable], names: &[String]) -> Option<Vec<bool>> {
    let named: Vec<super::contributions::NamedRow> = tables.iter().flat_map(|t| t.named_rows()).collect();
    let mut chosen = vec![false; named.len()];
    for name in names {
        let found = super::contributions::rows_named(&named, name);
        if found.is_empty() {
            return None;
        }
        found.into_iter().for_each(|r| chosen[r] = true);
    }
    Some(chosen)
}

/// The kronor of the chosen rows.
fn rows_amount(tables: &[&ContributionTable], rows: &[bool]) -> Decimal {
    tables.iter().flat_map(|t| &t.rows).zip(rows).filter(|(_, c)| **c).map(|(r, _)| r.amount).sum()
}

/// A line's typed value in year column `year`: its amount, or for a group its own amount or
/// the sum of its lines' typed amounts.
fn typed_value(line: &Line, year: usize) -> Option<Decimal> {
    let own = line.amounts.as_ref().and_then(|a| a.value.get(year).cloned().flatten()).map(|c| c.amount.0);
    own.or_else(|| {
        let values: Vec<Decimal> = line.lines.iter().flatten().filter_map(|l| typed_value(l, year)).collect();
        (!values.is_empty()).then(|| values.iter().sum())
    })
}

/// A computed figure as a message names it.
fn figure_name(figure: SummaryFigure) -> &'static str {
    match figure {
        SummaryFigure::Income => "intäkterna",
        SummaryFigure::Costs => "kostnaderna",
        SummaryFigure::Result => "resultatet",
        SummaryFigure::Opening => "ingående eget kapital",
        SummaryFigure::Closing => "utgående eget kapital",
        SummaryFigure::Available => "beslutsutrymmet",
    }
}
