//! Budget differences between two plans, for `vplan diff`: per line and per total, in the
//! newer plan's unit and signs.

use rust_decimal::Decimal;

use super::{Budget, Convention, Row, RowKind, actions, budget};
use crate::plan::{Plan, Unit};

/// What changed in the budget from one plan to another, in the newer plan's unit and signs.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetChanges {
    /// The unit of every amount here.
    pub unit: Unit,
    /// Years the newer budget has and the older did not.
    pub added_years: Vec<i32>,
    /// Years the older budget had and the newer does not.
    pub removed_years: Vec<i32>,
    /// Lines added, removed, or with a changed amount in a year both budgets have.
    pub lines: Vec<LineChange>,
    /// The key figures of each year both budgets have, changed or not.
    pub totals: Vec<TotalChange>,
}

/// A budget line that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChange {
    /// The part and groups above the line, and its label.
    pub path: Vec<String>,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// Its amounts: all of them for an added or removed line, the changed ones otherwise.
    pub years: Vec<YearChange>,
}

/// How something differs between two plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only the newer plan has it.
    Added,
    /// Only the older plan had it.
    Removed,
    /// Both have it, differently.
    Changed,
}

/// One year's amount before and after; `None` is a blank cell or a missing line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChange {
    /// The year.
    pub year: i32,
    /// The older plan's amount.
    pub old: Option<Decimal>,
    /// The newer plan's amount.
    pub new: Option<Decimal>,
    /// New minus old, when both are there.
    pub difference: Option<Decimal>,
}

impl YearChange {
    fn new(year: i32, old: Option<Decimal>, new: Option<Decimal>) -> Self {
        Self { year, old, new, difference: old.zip(new).map(|(o, n)| n - o) }
    }
}

/// A key figure of one year in both plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalChange {
    /// What the figure is, in Swedish ("Intäkter", "Årets resultat" …).
    pub label: &'static str,
    /// The figure in both plans.
    pub change: YearChange,
}

/// Compares two plans' budgets; `None` when either has none.
pub fn compare(old: &Plan, new: &Plan) -> Option<BudgetChanges> {
    let (old_plan, new_plan) = (old.budget.as_ref()?, new.budget.as_ref()?);
    let (old_linked, new_linked) = (super::linked_of(old), super::linked_of(new));
    let before = budget(old_plan, &actions(old), Convention::like(old_plan, new_plan), old_linked.as_ref());
    let after = budget(new_plan, &actions(new), Convention::of(new_plan), new_linked.as_ref());
    let common: Vec<i32> = after.years.iter().copied().filter(|y| before.years.contains(y)).collect();
    let value = |b: &Budget, row: &Row, year: i32| {
        let column = b.years.iter().position(|y| *y == year)?;
        row.cells.get(column).cloned().flatten().map(|a| a.value)
    };
    let lines_of =
        |b: &'_ Budget| -> Vec<Row> { b.rows.iter().filter(|r| r.kind == RowKind::Line).cloned().collect() };
    let (old_lines, new_lines) = (lines_of(&before), lines_of(&after));
    let mut lines = Vec::new();
    for row in &new_lines {
        match old_lines.iter().find(|o| o.key == row.key) {
            None => lines.push(LineChange {
                path: row.path.clone(),
                kind: ChangeKind::Added,
                years: after.years.iter().map(|&y| YearChange::new(y, None, value(&after, row, y))).collect(),
            }),
            Some(old_row) => {
                let years: Vec<YearChange> = common
                    .iter()
                    .map(|&y| YearChange::new(y, value(&before, old_row, y), value(&after, row, y)))
                    .filter(|c| c.old != c.new)
                    .collect();
                if !years.is_empty() {
                    lines.push(LineChange { path: row.path.clone(), kind: ChangeKind::Changed, years });
                }
            }
        }
    }
    for row in old_lines.iter().filter(|o| !new_lines.iter().any(|n| n.key == o.key)) {
        lines.push(LineChange {
            path: row.path.clone(),
            kind: ChangeKind::Removed,
            years: before.years.iter().map(|&y| YearChange::new(y, value(&before, row, y), None)).collect(),
        });
    }
    let mut totals = Vec::new();
    for &year in &common {
        let (Some(o), Some(n)) =
            (before.figures.iter().find(|f| f.year == year), after.figures.iter().find(|f| f.year == year))
        else {
            continue;
        };
        let figures: [(&'static str, Option<Decimal>, Option<Decimal>); 5] = [
            ("Intäkter", Some(o.income), Some(n.income)),
            ("Kostnader", Some(o.costs), Some(n.costs)),
            ("Årets resultat", Some(o.result), Some(n.result)),
            ("Ingående eget kapital", o.opening, n.opening),
            ("Utgående eget kapital", o.closing, n.closing),
        ];
        for (label, old, new) in figures {
            if old.is_some() || new.is_some() {
                totals.push(TotalChange { label, change: YearChange::new(year, old, new) });
            }
        }
    }
    Some(BudgetChanges {
        unit: new_plan.unit,
        added_years: after.years.iter().copied().filter(|y| !before.years.contains(y)).collect(),
        removed_years: before.years.iter().copied().filter(|y| !after.years.contains(y)).collect(),
        lines,
        totals,
    })
}
