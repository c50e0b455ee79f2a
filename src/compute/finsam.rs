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
use crate::plan::{Allotted, Plan, SummaryFigure, Unit, position};

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
    /// Where the first of them is.
    pub at: Option<Position>,
}

pub(super) fn finsam(
    plan: &Plan,
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
        out.member_income.extend(member_income(plan_budget, &tables, i, kr_to_unit));
    }
    out
}

/// The income lines that stand for the members, written as amounts (not taken from the
/// table), compared with the contributions table: a line named like a row of the table or
/// one of its members, or a line named "Medlemsbidrag…"/"Medlemsavgift…" for the whole.
fn member_income(
    plan: &crate::plan::BudgetPlan,
    tables: &[&ContributionTable],
    year: usize,
    kr_to_unit: Decimal,
) -> Vec<MemberIncome> {
    let names: Vec<String> = tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| std::iter::once(r.name.clone()).chain(r.members.iter().cloned()))
        .map(|n| n.to_lowercase())
        .collect();
    let total: Decimal = tables.iter().map(|t| t.total).sum();
    let is_member_line = |label: &str| {
        let label = label.to_lowercase();
        names.contains(&label) || label.starts_with("medlemsbidrag") || label.starts_with("medlemsavgift")
    };
    let linked_amount = |name: &str| {
        if name == "summa" {
            return Some(total);
        }
        let rows: Vec<Decimal> =
            tables.iter().flat_map(|t| &t.rows).filter(|r| r.name == name).map(|r| r.amount).collect();
        (!rows.is_empty()).then(|| rows.iter().sum())
    };
    let mut lines = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut typed_any = false;
    let mut at = None;
    for line in &plan.income.lines {
        let Some(label) = line.label() else { continue };
        if !is_member_line(label) && line.contribution.is_none() {
            continue;
        }
        let typed = line.amounts.as_ref().and_then(|a| a.value.get(year).cloned().flatten());
        let value = match (&typed, &line.contribution) {
            (Some(typed), _) => typed.amount.0,
            (None, Some(name)) => match linked_amount(&name.value) {
                Some(kr) => kr * kr_to_unit,
                None => continue,
            },
            (None, None) => continue,
        };
        typed_any |= typed.is_some();
        sum += value;
        lines.push(label.to_owned());
        if at.is_none() && typed.is_some() {
            at = line.amounts.as_ref().and_then(|a| position(&a.referenced, 1));
        }
    }
    if !typed_any {
        return Vec::new();
    }
    let budget_kr = sum / kr_to_unit;
    vec![MemberIncome { year: tables[0].year, budget: budget_kr, table: total, lines, at }]
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
