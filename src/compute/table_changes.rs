//! What changed in the member contributions and the eget kapital history between two plans,
//! for `vplan diff`.
//!
//! In: both plans' computed contribution tables and history tables. Out: the rows that were
//! added, removed or changed, with both figures and the difference.

use rust_decimal::Decimal;

use super::{ChangeKind, ContributionTable, HistoryTable};

/// A contribution table's changes; tables are paired in the plans' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionChanges {
    /// What the table is called: its heading, or "Medlemsbidrag ÅR".
    pub title: String,
    /// The older table's year, if it had the table.
    pub old_year: Option<i32>,
    /// The newer table's year, if it has the table.
    pub new_year: Option<i32>,
    /// Rows added, removed or with another amount or share.
    pub rows: Vec<ContributionRowChange>,
    /// The total before and after.
    pub total: (Option<Decimal>, Option<Decimal>),
}

/// A member's row that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionRowChange {
    /// The row's name.
    pub name: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The amount before and after, in kronor.
    pub amount: (Option<Decimal>, Option<Decimal>),
    /// The share as shown before and after.
    pub share: (Option<String>, Option<String>),
}

/// A year of the eget kapital history that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryChange {
    /// The year.
    pub year: i32,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// Per column (heading, before, after), only the columns that differ.
    pub cells: Vec<(String, Option<Decimal>, Option<Decimal>)>,
}

impl ContributionChanges {
    /// Whether nothing in the table changed.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
            && self.total.0 == self.total.1
            && self.old_year.is_some() == self.new_year.is_some()
    }
}

/// The contribution tables' changes, paired in order; unchanged tables are left out.
pub fn compare_contributions(
    old: &[ContributionTable],
    new: &[ContributionTable],
) -> Vec<ContributionChanges> {
    (0..old.len().max(new.len()))
        .map(|i| table_changes(old.get(i), new.get(i)))
        .filter(|c| !c.is_empty())
        .collect()
}

fn title(table: &ContributionTable) -> String {
    table.heading.clone().unwrap_or_else(|| format!("Medlemsbidrag {}", table.year))
}

fn table_changes(old: Option<&ContributionTable>, new: Option<&ContributionTable>) -> ContributionChanges {
    let title = match (old, new) {
        (_, Some(t)) | (Some(t), None) => title(t),
        (None, None) => String::new(),
    };
    let mut rows = Vec::new();
    let empty = Vec::new();
    let old_rows = old.map(|t| &t.rows).unwrap_or(&empty);
    let new_rows = new.map(|t| &t.rows).unwrap_or(&empty);
    for row in old_rows {
        let after = new_rows.iter().find(|r| r.name == row.name);
        let share_before = old.map(|t| t.percent_text(row.percent));
        match after {
            None => rows.push(ContributionRowChange {
                name: row.name.clone(),
                kind: ChangeKind::Removed,
                amount: (Some(row.amount), None),
                share: (share_before, None),
            }),
            Some(after) => {
                let share_after = new.map(|t| t.percent_text(after.percent));
                if after.amount != row.amount || share_after != share_before {
                    rows.push(ContributionRowChange {
                        name: row.name.clone(),
                        kind: ChangeKind::Changed,
                        amount: (Some(row.amount), Some(after.amount)),
                        share: (share_before, share_after),
                    });
                }
            }
        }
    }
    for row in new_rows.iter().filter(|r| !old_rows.iter().any(|o| o.name == r.name)) {
        rows.push(ContributionRowChange {
            name: row.name.clone(),
            kind: ChangeKind::Added,
            amount: (None, Some(row.amount)),
            share: (None, new.map(|t| t.percent_text(row.percent))),
        });
    }
    ContributionChanges {
        title,
        old_year: old.map(|t| t.year),
        new_year: new.map(|t| t.year),
        rows,
        total: (old.map(|t| t.total), new.map(|t| t.total)),
    }
}

/// The history's changed years, in year order.
pub fn compare_history(old: Option<&HistoryTable>, new: Option<&HistoryTable>) -> Vec<HistoryChange> {
    let empty = Vec::new();
    let old_rows = old.map(|t| &t.rows).unwrap_or(&empty);
    let new_rows = new.map(|t| &t.rows).unwrap_or(&empty);
    let headings = new.or(old).map(|t| t.headings.clone()).unwrap_or_default();
    let mut years: Vec<i32> = old_rows.iter().chain(new_rows).map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| {
            let before = old_rows.iter().find(|r| r.year == year);
            let after = new_rows.iter().find(|r| r.year == year);
            let kind = match (before, after) {
                (None, Some(_)) => ChangeKind::Added,
                (Some(_), None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            let cells: Vec<(String, Option<Decimal>, Option<Decimal>)> = (0..3)
                .map(|i| {
                    let value = |row: Option<&super::HistoryLine>| {
                        row.and_then(|r| r.cells[i].as_ref()).map(|c| c.value)
                    };
                    (headings.get(i).cloned().unwrap_or_default(), value(before), value(after))
                })
                .filter(|(_, a, b)| a != b)
                .collect();
            (!cells.is_empty() || kind != ChangeKind::Changed).then_some(HistoryChange { year, kind, cells })
        })
        .collect()
}
