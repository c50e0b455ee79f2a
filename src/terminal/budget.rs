//! The one printer of a computed budget and of the member contributions on a terminal: the
//! table `vplan check` shows, and the one-fact-per-line form of `vplan text`. Both take their
//! labels and amounts from [`cells`], so the two forms never disagree.

use crate::compute::{Budget, Column, ContributionTable, RowKind};
use crate::swedish;

use super::{plain, shown};

/// A budget row as printed: its label for the table, its path for one-line facts, and its
/// amounts per column (`None` for a blank cell), headings having none.
pub(super) struct Printed {
    /// The label as the table shows it: id, indentation, "(not)".
    pub label: String,
    /// The row's path of labels, `Grupp › Rad`.
    pub path: String,
    /// The amounts, formatted the Swedish way, one per shown column.
    pub cells: Vec<Option<String>>,
    /// What the row is.
    pub kind: RowKind,
}

/// The budget's rows with their amounts in `columns`.
fn cells(budget: &Budget, columns: &[Column]) -> Vec<Printed> {
    budget
        .rows
        .iter()
        .map(|r| {
            let mut label = String::new();
            if r.indented {
                label.push_str("  ");
            }
            if let Some(id) = &r.id {
                label.push_str(id);
                label.push(' ');
            }
            label.push_str(&r.label);
            if r.note.is_some() {
                label.push_str(" (not)");
            }
            let cells = match r.kind {
                RowKind::Heading => Vec::new(),
                _ => columns.iter().map(|&c| r.cell(c).map(|a| plain(&swedish::amount(a.value)))).collect(),
            };
            Printed { label: shown(&label), path: shown(&r.path.join(" › ")), cells, kind: r.kind }
        })
        .collect()
}

/// The computed budget as a text table for the terminal.
pub fn budget_table(budget: &Budget) -> String {
    // Every column the PDF shows, the predecessor's included.
    let columns = budget.columns(&(0..budget.years.len()).collect::<Vec<_>>());
    let headings: Vec<String> = columns.iter().map(|&c| shown(&budget.heading(c))).collect();
    let rows = cells(budget, &columns);
    let label_width = rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0).max(12);
    let column_width = rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .chain(&headings)
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(4)
        .max(6);
    let mut out = format!("\n  Budget (belopp i {})\n  {:label_width$}", budget.unit.label(), "");
    for heading in &headings {
        out.push_str(&format!("  {heading:>column_width$}"));
    }
    out.push('\n');
    for row in &rows {
        if matches!(row.kind, RowKind::Total | RowKind::Result) {
            out.push_str(&format!("  {}\n", "-".repeat(label_width + (column_width + 2) * headings.len())));
        }
        let pad = label_width.saturating_sub(row.label.chars().count());
        out.push_str(&format!("  {}{}", row.label, " ".repeat(pad)));
        for amount in &row.cells {
            out.push_str(&format!("  {:>column_width$}", amount.as_deref().unwrap_or("")));
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The budget as one fact per line, `  Grupp › Rad 2026: 1 000`, for `vplan text`: a changed
/// amount or total is a changed line in `git diff`.
pub(super) fn budget_lines(budget: &Budget) -> String {
    // This plan's own years, named by the year: a new column heading is not a new amount.
    let columns: Vec<Column> = (0..budget.years.len()).map(Column::Year).collect();
    let mut out = format!("\nbudget (belopp i {})\n", budget.unit.label());
    for row in cells(budget, &columns).iter().filter(|r| r.kind != RowKind::Heading) {
        for (year, cell) in budget.years.iter().zip(&row.cells) {
            if let Some(cell) = cell {
                out.push_str(&format!("  {} {year}: {cell}\n", row.path));
            }
        }
    }
    out
}

/// The member contributions as a text table for the terminal.
pub fn contributions_table(table: &ContributionTable) -> String {
    let names: Vec<String> = table.rows.iter().map(|r| shown(&r.name)).collect();
    let total_label = shown(&table.total_label);
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0).max(total_label.chars().count());
    let mut out = format!("  Medlemsbidrag {} (kr)\n", table.year);
    for (row, name) in table.rows.iter().zip(&names) {
        out.push_str(&format!(
            "  {name:width$}  {:>8}  {:>12}\n",
            plain(&table.percent_text(row.percent)),
            plain(&swedish::amount(row.amount))
        ));
    }
    out.push_str(&format!(
        "  {total_label:width$}  {:>8}  {:>12}\n\n",
        "100 %",
        plain(&swedish::amount(table.total))
    ));
    out
}

/// The member contributions as one fact per line, for `vplan text`: each row's amount and
/// share, and the total.
pub(super) fn contribution_lines(table: &ContributionTable) -> String {
    let mut out = format!("\nmedlemsbidrag {}", table.year);
    if let Some(heading) = &table.heading {
        out.push_str(&format!(" – {}", shown(heading)));
    }
    out.push('\n');
    for row in &table.rows {
        out.push_str(&format!(
            "  {}: {} kr ({})\n",
            shown(&row.name),
            plain(&swedish::amount(row.amount)),
            plain(&table.percent_text(row.percent))
        ));
    }
    out.push_str(&format!("  {}: {} kr\n", shown(&table.total_label), plain(&swedish::amount(table.total))));
    out
}

/// The eget kapital history as one fact per line, for `vplan text`.
pub(super) fn history_lines(table: &crate::compute::HistoryTable) -> String {
    let mut out = format!("\neget kapital år för år ({})\n", table.unit.label());
    for row in &table.rows {
        let cells: Vec<String> = table
            .headings
            .iter()
            .zip(&row.cells)
            .map(|(heading, cell)| {
                let value =
                    cell.as_ref().map(|c| plain(&swedish::amount(c.value))).unwrap_or_else(|| "–".to_owned());
                format!("{}: {value}", shown(heading))
            })
            .collect();
        out.push_str(&format!("  {}: {}\n", row.year, cells.join(", ")));
    }
    out
}
