//! Checks `eget_kapital_historik`: funding and budget given where the budget cannot give
//! them, three headings, years in order.

use super::Check;
use crate::error::Diagnostic;
use crate::plan::{EquityHistory, HISTORY_YEARS, position};

impl Check<'_> {
    pub(super) fn history(&mut self, history: &EquityHistory, budget_years: &[i32]) {
        for row in &history.rows {
            let r = &row.value;
            if !HISTORY_YEARS.contains(&r.year) {
                self.errors.push(
                    Diagnostic::new(format!("året {} är orimligt i historiken", r.year))
                        .at(position(&row.referenced, 1))
                        .note(format!("åren går från {} till {}", HISTORY_YEARS.start(), HISTORY_YEARS.end()))
                        .hint("skriv året med fyra siffror"),
                );
            }
            if (r.funding.is_none() || r.budget.is_none()) && !budget_years.contains(&r.year) {
                self.errors.push(
                    Diagnostic::new(format!(
                        "historiken saknar medelstilldelning eller budget för {}",
                        r.year
                    ))
                    .at(position(&row.referenced, 1))
                    .note("bara för budgetens egna år hämtar vplan dem ur budgeten")
                    .hint("ange `medelstilldelning:` och `budget:` för året"),
                );
            }
        }
        if history.headings.value.len() != 3 {
            self.errors.push(
                Diagnostic::new(format!(
                    "{} kolumnrubriker men historiken har 3 kolumner",
                    history.headings.value.len()
                ))
                .at(position(&history.headings.referenced, 1))
                .hint("ge tre rubriker: medelstilldelning, budget och eget kapital"),
            );
        }
        for pair in history.rows.windows(2) {
            if pair[1].value.year <= pair[0].value.year {
                self.errors.push(
                    Diagnostic::new(if pair[1].value.year == pair[0].value.year {
                        format!("året {} står två gånger i historiken", pair[1].value.year)
                    } else {
                        format!("året {} kommer efter {}", pair[1].value.year, pair[0].value.year)
                    })
                    .at(position(&pair[1].referenced, 1))
                    .hint("skriv historikens år i stigande ordning, vart år en gång"),
                );
            }
        }
    }
}
