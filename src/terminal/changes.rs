//! The comparison of `vplan diff` as Swedish text: changes marked by colour on a terminal,
//! by git's word-diff markers (`[-…-]`, `{+…+}`) anywhere else.

use std::fmt::Write as _;

use crate::compare::{Changes, Words, segments};
use crate::compute::{self, BudgetChanges, ChangeKind, YearChange};
use crate::swedish;

/// How the text output marks changes: colours on a terminal, `[-…-]` and `{+…+}` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours: red for what went, green for what came.
    Colour,
    /// git's word-diff markers.
    Plain,
}

impl Style {
    fn removed(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[31m{text}\x1b[0m"),
            Self::Plain => format!("[-{text}-]"),
        }
    }

    fn added(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[32m{text}\x1b[0m"),
            Self::Plain => format!("{{+{text}+}}"),
        }
    }

    fn heading(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[1m{text}\x1b[0m"),
            Self::Plain => text.to_owned(),
        }
    }
}

/// A word diff as one line of text.
fn words_text(words: &[Words], style: Style) -> String {
    segments(words)
        .iter()
        .map(|w| match w.kind {
            Some(ChangeKind::Removed) => style.removed(&w.text),
            Some(_) => style.added(&w.text),
            None => w.text.clone(),
        })
        .collect()
}

/// An amount, or "–" for a blank cell.
fn amount(value: Option<rust_decimal::Decimal>) -> String {
    value.map(swedish::amount).unwrap_or_else(|| "–".to_owned())
}

fn year_change(change: &YearChange) -> String {
    let mut text = format!("{}: {} → {}", change.year, amount(change.old), amount(change.new));
    if let Some(difference) = change.difference {
        let _ = write!(text, " ({})", swedish::signed_amount(difference));
    }
    text
}

/// The comparison as Swedish text for a terminal or a file.
pub fn changes(changes: &Changes, style: Style) -> String {
    let changes = &changes.unmarked();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.heading(&format!("Förändringar från {} till {}", changes.old_name, changes.new_name))
    );
    if changes.is_empty() {
        let _ = writeln!(out, "\nInga förändringar: planerna är lika i allt som vplan jämför.");
        return out;
    }
    if !changes.fields.is_empty() || !changes.members.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Dokumentet"));
        for field in &changes.fields {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                field.label,
                field.old.as_deref().map(|o| style.removed(o)).unwrap_or_else(|| "(saknades)".into()),
                field.new.as_deref().map(|n| style.added(n)).unwrap_or_else(|| "(borttaget)".into()),
            );
        }
        for (kind, name) in &changes.members {
            let _ = match kind {
                ChangeKind::Added => writeln!(out, "  ny medlem: {}", style.added(name)),
                _ => writeln!(out, "  medlem som inte längre är med: {}", style.removed(name)),
            };
        }
    }
    match changes.budget_presence {
        Some(ChangeKind::Added) => {
            let _ = writeln!(out, "\n{}\n  budgeten är ny i {}", style.heading("Budget"), changes.new_name);
        }
        Some(_) => {
            let _ = writeln!(out, "\n{}\n  budgeten finns inte längre", style.heading("Budget"));
        }
        None => {}
    }
    if let Some(budget) = &changes.budget {
        budget_text(&mut out, budget, style);
    }
    for table in &changes.contributions {
        contributions_text(&mut out, table, style);
    }
    if !changes.history.is_empty() {
        history_text(&mut out, &changes.history, style);
    }
    if !changes.goal_areas.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Målområden och insatser"));
        for area in &changes.goal_areas {
            match area.kind {
                ChangeKind::Added => {
                    let _ = writeln!(out, "  nytt målområde: {}", style.added(&area.heading));
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  borttaget målområde: {}", style.removed(&area.heading));
                }
                ChangeKind::Changed => {
                    match &area.renamed_from {
                        Some(old) => {
                            let _ = writeln!(
                                out,
                                "  målområde med ny rubrik: {} → {}",
                                style.removed(old),
                                style.added(&area.heading)
                            );
                        }
                        None => {
                            let _ = writeln!(out, "  {}", area.heading);
                        }
                    }
                    item_lines(&mut out, &area.items, style);
                }
            }
        }
    }
    if !changes.sections.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Avsnitt"));
        for section in &changes.sections {
            let path = section.path.join(" › ");
            match section.kind {
                ChangeKind::Added => {
                    let _ = writeln!(out, "  nytt avsnitt: {}", style.added(&path));
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  borttaget avsnitt: {}", style.removed(&path));
                }
                ChangeKind::Changed => {
                    if let Some(old) = &section.renamed_from {
                        let _ = writeln!(
                            out,
                            "  ny rubrik: {} → {}",
                            style.removed(old),
                            style.added(section.path.last().map(String::as_str).unwrap_or(""))
                        );
                    }
                    if !section.words.is_empty() {
                        let _ = writeln!(out, "  ändrad text i {path}:");
                        let _ = writeln!(out, "    {}", words_text(&section.words, style));
                    }
                    if !section.items.is_empty() {
                        let _ = writeln!(out, "  ändrade tabeller och bilder i {path}:");
                        item_lines(&mut out, &section.items, style);
                    }
                }
            }
        }
    }
    out
}

/// The changed insatser, goals, table rows or images, a line each.
fn item_lines(out: &mut String, items: &[crate::compare::ItemChange], style: Style) {
    for item in items {
        let what = match item.kind {
            ChangeKind::Added => format!("ny {}", item.what),
            ChangeKind::Removed => format!("borttagen {}", item.what),
            ChangeKind::Changed => format!("ändrad {}", item.what),
        };
        let words = match item.kind {
            ChangeKind::Added => style.added(&item.words[0].text),
            ChangeKind::Removed => style.removed(&item.words[0].text),
            ChangeKind::Changed => words_text(&item.words, style),
        };
        let _ = writeln!(out, "    {what}: {words}");
    }
}

fn budget_text(out: &mut String, budget: &BudgetChanges, style: Style) {
    let unit = budget.unit.label();
    let changed_totals = budget.totals.iter().any(|t| t.change.old != t.change.new);
    if budget.added_years.is_empty()
        && budget.removed_years.is_empty()
        && budget.lines.is_empty()
        && !changed_totals
    {
        return;
    }
    let _ = writeln!(out, "\n{}", style.heading(&format!("Budget (belopp i {unit})")));
    let years = |years: &[i32]| years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    if !budget.added_years.is_empty() {
        let _ = writeln!(out, "  nya år: {}", style.added(&years(&budget.added_years)));
    }
    if !budget.removed_years.is_empty() {
        let _ =
            writeln!(out, "  år som inte längre är med: {}", style.removed(&years(&budget.removed_years)));
    }
    for line in &budget.lines {
        let path = line.path.join(" › ");
        let amounts = |line: &compute::LineChange, pick: fn(&YearChange) -> Option<rust_decimal::Decimal>| {
            line.years
                .iter()
                .map(|y| format!("{}: {}", y.year, amount(pick(y))))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = match line.kind {
            ChangeKind::Added => {
                writeln!(out, "  ny rad: {} ({})", style.added(&path), amounts(line, |y| y.new))
            }
            ChangeKind::Removed => {
                writeln!(out, "  borttagen rad: {} ({})", style.removed(&path), amounts(line, |y| y.old))
            }
            ChangeKind::Changed => {
                let _ = writeln!(out, "  ändrad rad: {path}");
                for year in &line.years {
                    let _ = writeln!(out, "    {}", year_change(year));
                }
                Ok(())
            }
        };
    }
    if !budget.totals.is_empty() {
        let _ = writeln!(out, "  summor (beräknade):");
        for total in &budget.totals {
            let same = total.change.old == total.change.new;
            let _ = writeln!(
                out,
                "    {} {}",
                total.label,
                if same {
                    format!("{}: {} (oförändrat)", total.change.year, amount(total.change.new))
                } else {
                    year_change(&total.change)
                }
            );
        }
    }
}

/// A changed contribution table: its rows with amount and share before and after.
fn contributions_text(out: &mut String, table: &compute::ContributionChanges, style: Style) {
    let _ = writeln!(out, "\n{}", style.heading(&format!("{} (kr)", table.title)));
    match (table.old_year, table.new_year) {
        (None, Some(_)) => {
            let _ = writeln!(out, "  tabellen är ny");
        }
        (Some(_), None) => {
            let _ = writeln!(out, "  tabellen finns inte längre");
        }
        (Some(old), Some(new)) if old != new => {
            let _ = writeln!(
                out,
                "  år: {} → {}",
                style.removed(&old.to_string()),
                style.added(&new.to_string())
            );
        }
        _ => {}
    }
    let share = |s: &Option<String>| s.clone().unwrap_or_else(|| "–".to_owned());
    for row in &table.rows {
        let (old, new) = row.amount;
        let line = format!(
            "{}: {} → {}{}",
            row.name,
            amount(old),
            amount(new),
            match (old, new) {
                (Some(a), Some(b)) => format!(" ({})", swedish::signed_amount(b - a)),
                _ => String::new(),
            }
        );
        let shares = if row.share.0 != row.share.1 {
            format!(", andel {} → {}", share(&row.share.0), share(&row.share.1))
        } else {
            String::new()
        };
        let text = format!("{line}{shares}");
        let _ = match row.kind {
            ChangeKind::Added => writeln!(out, "  ny rad: {}", style.added(&text)),
            ChangeKind::Removed => writeln!(out, "  borttagen rad: {}", style.removed(&text)),
            ChangeKind::Changed => writeln!(out, "  {text}"),
        };
    }
    if table.total.0 != table.total.1 {
        let _ = writeln!(out, "  summa: {} → {}", amount(table.total.0), amount(table.total.1));
    }
}

/// The changed years of the eget kapital history.
fn history_text(out: &mut String, history: &[compute::HistoryChange], style: Style) {
    let _ = writeln!(out, "\n{}", style.heading("Eget kapital år för år"));
    for year in history {
        let cells: Vec<String> = year
            .cells
            .iter()
            .map(|(heading, old, new)| format!("{heading} {} → {}", amount(*old), amount(*new)))
            .collect();
        let text = format!("{}: {}", year.year, cells.join(", "));
        let _ = match year.kind {
            ChangeKind::Added => writeln!(out, "  nytt år: {}", style.added(&text)),
            ChangeKind::Removed => writeln!(out, "  år som inte längre är med: {}", style.removed(&text)),
            ChangeKind::Changed => writeln!(out, "  {text}"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::word_diff;

    #[test]
    fn word_diff_groups_a_replaced_phrase() {
        let words = word_diff("insatser under året för unga", "insatser under hela året för vuxna");
        let plain = words_text(&words, Style::Plain);
        assert_eq!(plain, "insatser under {+hela+} året för [-unga-]{+vuxna+}");
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let old = (1..=40).map(|i| format!("ord{i}")).collect::<Vec<_>>().join(" ");
        let new = old.replace("ord20", "nytt");
        let plain = words_text(&word_diff(&old, &new), Style::Plain);
        assert!(plain.starts_with("… ord12"), "{plain}");
        assert!(plain.contains("[-ord20-]{+nytt+}"), "{plain}");
        assert!(plain.ends_with("ord28 …"), "{plain}");
    }
}
