//! Checks `budget`: years, headings, order, and every line's amounts against the years and
//! the unit.

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use super::Check;
use crate::error::{Diagnostic, Position};
use crate::plan::{
    Action, Amount, BudgetPlan, Cell, Line, MAX_BUDGET_YEARS, SummaryFigure, Unit, YEARS, position,
};

impl Check<'_> {
    pub(super) fn budget(&mut self, budget: &BudgetPlan, actions: &HashMap<&str, &Spanned<Action>>) {
        let notes = count_notes(&budget.income.lines) + count_notes(&budget.costs.lines);
        if notes > MAX_NOTES {
            self.errors.push(
                Diagnostic::new(format!("budgeten har {notes} noter"))
                    .at(position(&budget.years.referenced, 1))
                    .note(format!("en budget kan ha högst {MAX_NOTES} noter; varje not får ett eget märke under tabellen"))
                    .hint("samla noterna i en text under budgeten, eller skriv dem i avsnittets text"),
            );
        }
        let years = &budget.years;
        let at_years = position(&years.referenced, 1);
        let count = years.value.len();
        let distinct: HashSet<i32> = years.value.iter().copied().collect();
        if count == 0 || count > MAX_BUDGET_YEARS {
            self.errors.push(
                Diagnostic::new(format!("budgeten har {count} år"))
                    .at(at_years)
                    .note(format!("en budget har 1–{MAX_BUDGET_YEARS} årskolumner"))
                    .hint("till exempel `år: [2026, 2027, 2028]`"),
            );
        } else if let Some(year) = years.value.iter().find(|y| !YEARS.contains(*y)) {
            self.errors.push(
                Diagnostic::new(format!("året {year} är orimligt i en budget"))
                    .at(at_years)
                    .note(format!("åren går från {} till {}", YEARS.start(), YEARS.end()))
                    .hint("skriv budgetens år med fyra siffror, till exempel `år: [2026, 2027]`"),
            );
        } else if distinct.len() != count {
            self.errors.push(
                Diagnostic::new("ett år står två gånger i budgeten")
                    .at(at_years)
                    .hint("varje år har en kolumn; ta bort dubbletten"),
            );
        } else if budget.equity.is_some() && years.value.windows(2).any(|w| w[0].checked_add(1) != Some(w[1]))
        {
            self.errors.push(
                Diagnostic::new("budgetens år följer inte på varandra")
                    .at(at_years)
                    .note("eget kapital förs från ett år till nästa, så åren ska stå i ordning utan luckor")
                    .hint("till exempel `år: [2026, 2027, 2028]`"),
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
        let order = &budget.order.value;
        if order.len() != 2 || order[0] == order[1] {
            self.errors.push(
                Diagnostic::new("`ordning` ska nämna båda delarna en gång")
                    .at(position(&budget.order.referenced, 1))
                    .hint("skriv `ordning: [intäkter, kostnader]` eller `ordning: [kostnader, intäkter]`"),
            );
        }
        if budget.equity.is_none() {
            for row in &budget.summary {
                if matches!(
                    row.figure,
                    SummaryFigure::Available | SummaryFigure::Opening | SummaryFigure::Closing
                ) {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "summeringsraden `{}` visar eget kapital, men budgeten har inget `eget_kapital`",
                            row.label
                        ))
                        .hint("ange `eget_kapital: { ingående: … }`, eller välj `intäkter`, `kostnader` eller `resultat`"),
                    );
                }
            }
        }
        let context = LineContext { years: count, unit: budget.unit, actions };
        for line in budget.income.lines.iter().chain(&budget.costs.lines) {
            self.line(line, &context, 1);
        }
        if let Some(equity) = &budget.equity {
            self.amount_unit(&equity.opening, budget.unit);
        }
    }

    pub(super) fn line(&mut self, line: &Line, context: &LineContext, depth: usize) {
        let label = line.label().unwrap_or_default();
        let at = line.name.as_ref().and_then(|n| position(&n.referenced, n.value.chars().count()));
        let action = line.action.as_ref().map(|id| (id, context.actions.get(id.value.as_str())));
        if let Some((id, Some(_))) = &action
            && !self.used_actions.insert(id.value.clone())
        {
            self.errors.push(
                Diagnostic::new(format!("insatsen `{}` står på mer än en budgetrad", id.value))
                    .at(position(&id.referenced, id.value.chars().count()))
                    .note("då skulle dess belopp räknas två gånger")
                    .hint("låt insatsen stå på en rad"),
            );
        }
        match (&line.name, &action) {
            (None, None) => self.errors.push(
                Diagnostic::new("en budgetrad saknar `namn`")
                    .at(line.amounts.as_ref().and_then(|a| position(&a.referenced, 1)))
                    .hint("ge raden ett namn, eller hänvisa till en insats med `insats: id`"),
            ),
            (_, Some((id, None))) => self.errors.push(
                Diagnostic::new(format!("det finns ingen insats med id `{}`", id.value))
                    .at(position(&id.referenced, id.value.chars().count()))
                    .note(if context.actions.is_empty() {
                        "inga insatser har id".to_owned()
                    } else {
                        let mut ids: Vec<&str> = context.actions.keys().copied().collect();
                        ids.sort_unstable();
                        format!("insatser med id: {}", ids.join(", "))
                    })
                    .hint("ge insatsen under `målområden:` ett `id:` och samma id här"),
            ),
            _ => {}
        }
        let own_amounts = line.amounts.as_ref();
        if let Some((id, Some(action))) = &action
            && !self.checked_actions.contains(&id.value)
        {
            self.checked_actions.insert(id.value.clone());
            if own_amounts.is_some() {
                self.errors.push(
                    Diagnostic::new(format!("raden har både `belopp` och `insats: {}`", id.value))
                        .at(position(&id.referenced, 1))
                        .hint("beloppen står hos insatsen; ta bort `belopp` här"),
                );
            }
            match &action.value.amounts {
                None => self.errors.push(
                    Diagnostic::new(format!("insatsen `{}` har inga belopp", id.value))
                        .at(position(&action.referenced, 1))
                        .hint("ge insatsen `belopp:` med ett belopp per budgetår"),
                ),
                Some(cells) if cells.len() != context.years => self.errors.push(
                    Diagnostic::new(format!(
                        "insatsen `{}` har {} belopp men budgeten har {} år",
                        id.value,
                        cells.len(),
                        context.years
                    ))
                    .at(position(&action.referenced, 1))
                    .hint("skriv ett belopp per år i samma ordning som budgetens `år:`"),
                ),
                Some(cells) => self.cells_unit(cells, context.unit, position(&action.referenced, 1)),
            }
        }
        if let Some(amounts) = own_amounts {
            if amounts.value.len() != context.years {
                self.errors.push(
                    Diagnostic::new(format!(
                        "raden `{label}` har {} belopp men budgeten har {} år",
                        amounts.value.len(),
                        context.years
                    ))
                    .at(position(&amounts.referenced, 1))
                    .hint("skriv ett belopp per år i samma ordning som `år:`; `~` lämnar ett år tomt"),
                );
            }
            self.cells_unit(&amounts.value, context.unit, position(&amounts.referenced, 1));
        }
        match &line.lines {
            None => {
                if own_amounts.is_none() && line.action.is_none() && line.contribution.is_none() {
                    self.errors.push(
                        Diagnostic::new(format!("raden `{label}` saknar `belopp`"))
                            .at(at)
                            .hint("skriv ett belopp per år, till exempel `belopp: [99, 105, 106]`"),
                    );
                }
                if line.subtotal_label.is_some() {
                    self.errors.push(
                        Diagnostic::new(format!("raden `{label}` har `delsumma` men inga `rader`"))
                            .at(at)
                            .hint("`delsumma` hör till en grupp av rader; ta bort den här"),
                    );
                }
            }
            Some(lines) => self.group(line, lines, context, depth),
        }
    }

    /// A group's own checks: lines under it, one level deep, no insats, and its own amounts
    /// only with a subtotal and only for years its lines leave blank.
    fn group(&mut self, line: &Line, lines: &[Line], context: &LineContext, depth: usize) {
        let label = line.label().unwrap_or_default();
        let at = line.name.as_ref().and_then(|n| position(&n.referenced, n.value.chars().count()));
        let own_amounts = line.amounts.as_ref();
        if lines.is_empty() {
            self.errors.push(
                Diagnostic::new(format!("gruppen `{label}` har inga rader"))
                    .at(at)
                    .hint("lista gruppens rader under `rader:`, eller gör den till en rad med `belopp:`"),
            );
        }
        if depth > 1 {
            self.errors.push(
                Diagnostic::new(format!("gruppen `{label}` ligger i en annan grupp"))
                    .at(at)
                    .hint("en budget har grupper i ett plan; flytta raderna upp en nivå"),
            );
        }
        if line.action.is_some() {
            self.errors.push(
                Diagnostic::new(format!("gruppen `{label}` kan inte vara en insats"))
                    .at(at)
                    .hint("hänvisa till insatsen från en rad i gruppen"),
            );
        }
        for child in lines {
            self.line(child, context, depth + 1);
        }
        if own_amounts.is_some() && line.subtotal_label.is_none() {
            self.errors.push(
                Diagnostic::new(format!("gruppen `{label}` har egna belopp men ingen `delsumma`"))
                    .at(at)
                    .hint(
                        "gruppens belopp visas i dess delsumma; lägg till `delsumma: \"\"` eller en rubrik",
                    ),
            );
        }
        // A group's own amount stands for years its lines leave blank; both would be
        // two sources for one figure.
        if let Some(amounts) = own_amounts {
            for (year, cell) in amounts.value.iter().enumerate() {
                let lines_have_year = lines.iter().any(|child| {
                    let cells = match (&child.amounts, &child.action) {
                        (Some(a), _) => Some(&a.value),
                        (None, Some(id)) => {
                            context.actions.get(id.value.as_str()).and_then(|a| a.value.amounts.as_ref())
                        }
                        (None, None) => None,
                    };
                    cells.is_some_and(|c| c.get(year).is_some_and(Option::is_some))
                });
                if cell.is_some() && lines_have_year {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "gruppen `{label}` har ett eget belopp för kolumn {} där raderna också har belopp",
                            year + 1
                        ))
                        .at(position(&amounts.referenced, 1))
                        .hint("vplan summerar raderna; ge gruppen belopp bara för år där raderna står tomma (`~`)"),
                    );
                }
            }
        }
    }

    /// Amounts in kronor are whole kronor.
    pub(super) fn cells_unit(&mut self, cells: &[Option<Cell>], unit: Unit, at: Option<Position>) {
        self.whole_kronor(cells, unit, at, "budgeten är i kronor (`enhet: kr`); avrunda till hela kronor");
    }

    pub(super) fn whole_kronor(
        &mut self,
        cells: &[Option<Cell>],
        unit: Unit,
        at: Option<Position>,
        hint: &str,
    ) {
        if unit == Unit::Kr
            && let Some(cell) = cells.iter().flatten().find(|c| !c.amount.0.fract().is_zero())
        {
            self.errors.push(
                Diagnostic::new(format!("beloppet {} har ören", crate::swedish::amount(cell.amount.0)))
                    .at(at)
                    .hint(hint),
            );
        }
    }

    pub(super) fn amount_unit(&mut self, amount: &Spanned<Amount>, unit: Unit) {
        self.cells_unit(&[Some(Cell::plain(amount.value))], unit, position(&amount.referenced, 1));
    }
}

/// What a budget line is checked against.
pub(super) struct LineContext<'a, 'p> {
    pub(super) years: usize,
    pub(super) unit: Unit,
    pub(super) actions: &'a HashMap<&'p str, &'p Spanned<Action>>,
}

/// The most notes (on lines and on single amounts) a budget table may have: each gets a marker
/// and a line under the table, and a table with hundreds of them is no longer a table.
pub const MAX_NOTES: usize = 40;

/// The notes on `lines` and their amounts, groups included.
fn count_notes(lines: &[Line]) -> usize {
    lines
        .iter()
        .map(|line| {
            let own = usize::from(line.note.is_some());
            let cells = line
                .amounts
                .iter()
                .flat_map(|a| a.value.iter().flatten())
                .filter(|c| c.note.is_some())
                .count();
            own + cells + line.lines.as_deref().map_or(0, count_notes)
        })
        .sum()
}
