//! The eget kapital history table, taking a budget year's funding and costs from the budget.

use rust_decimal::Decimal;

use super::{Budget, ShownAmount};
use crate::plan::{Cell, EquityHistory, Unit};

/// The eget kapital history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTable {
    /// The unit of the amounts.
    pub unit: Unit,
    /// The three column headings.
    pub headings: Vec<String>,
    /// One row per year.
    pub rows: Vec<HistoryLine>,
}

/// One year of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// The year.
    pub year: i32,
    /// Funding, budget and closing eget kapital; `None` where unknown.
    pub cells: [Option<ShownAmount>; 3],
}

pub(super) fn history(plan: &EquityHistory, budget: Option<&Budget>) -> HistoryTable {
    let rows = plan
        .rows
        .iter()
        .map(|row| {
            let row = &row.value;
            // A year the budget covers takes its funding and budget from the budget itself,
            // in the history's unit.
            let year = budget.and_then(|b| b.figures.iter().find(|f| f.year == row.year));
            let scale = |value: Decimal| match (budget.map(|b| b.unit), plan.unit) {
                (Some(Unit::Kr), Unit::Tkr) => value / Decimal::ONE_THOUSAND,
                (Some(Unit::Tkr), Unit::Kr) => value * Decimal::ONE_THOUSAND,
                _ => value,
            };
            let cell = |given: &Option<Cell>, computed: Option<Decimal>| match given {
                Some(c) => Some(ShownAmount { value: c.amount.0, note: c.note.clone(), status: c.status }),
                None => computed.map(ShownAmount::plain),
            };
            HistoryLine {
                year: row.year,
                cells: [
                    cell(&row.funding, year.map(|y| scale(y.income))),
                    cell(&row.budget, year.map(|y| scale(y.costs))),
                    cell(&Some(row.equity.clone()), None),
                ],
            }
        })
        .collect();
    HistoryTable { unit: plan.unit, headings: plan.headings.value.clone(), rows }
}
