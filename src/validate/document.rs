//! Checks `dokument`: a plausible year, one of the budget's years, and a valid date.

use chrono::NaiveDate;

use super::Check;
use crate::error::Diagnostic;
use crate::plan::{Document, Plan, TO_FILL, position};

impl Check<'_> {
    pub(super) fn document(&mut self, document: &Document) -> Option<NaiveDate> {
        let year = &document.year;
        if !crate::plan::YEARS.contains(&year.value) {
            self.errors.push(
                Diagnostic::new(format!("planåret {} är orimligt", year.value))
                    .at(position(&year.referenced, 4))
                    .hint("skriv planens år med fyra siffror, till exempel `år: 2026`"),
            );
        }
        let date = &document.date;
        let unfilled = date.value.contains(TO_FILL);
        if unfilled {
            // Until the date is known the document is dated 1 January of the plan year, so
            // that a draft still builds reproducibly.
            return NaiveDate::from_ymd_opt(year.value, 1, 1).or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1));
        }
        match NaiveDate::parse_from_str(date.value.trim(), "%Y-%m-%d") {
            Ok(parsed) if date.value.trim().len() == 10 => Some(parsed),
            _ => {
                self.errors.push(
                    Diagnostic::new(format!("`{}` är inget giltigt datum", date.value))
                        .at(position(&date.referenced, date.value.chars().count()))
                        .note("datum skrivs ÅÅÅÅ-MM-DD")
                        .hint("till exempel `datum: 2025-11-26`"),
                );
                None
            }
        }
    }
}

impl Check<'_> {
    /// The plan year (`dokument.år`) must be one of the budget's years (`budget.år`), when the
    /// plan has a budget: the budget is the plan year's, with years before or after it.
    pub(super) fn year_in_budget(&mut self, plan: &Plan) {
        let Some(budget) = &plan.budget else { return };
        let year = &plan.document.year;
        // An implausible year is reported by itself; the two cannot be compared then.
        let plausible = |y: &i32| crate::plan::YEARS.contains(y);
        if budget.years.value.is_empty()
            || budget.years.value.contains(&year.value)
            || !plausible(&year.value)
            || !budget.years.value.iter().all(plausible)
        {
            return;
        }
        let years: Vec<String> = budget.years.value.iter().map(ToString::to_string).collect();
        let these = match years.as_slice() {
            [one] => format!("budgeten har bara året {one}"),
            _ => format!("budgeten har åren {}", years.join(", ")),
        };
        self.errors.push(
            Diagnostic::new(format!("planåret {} är inte ett av budgetens år", year.value))
                .at(position(&year.referenced, year.value.to_string().chars().count()))
                .note(these)
                .hint(format!(
                    "skriv planens år i `dokument.år`, eller lägg till {} i `budget.år` med belopp för året",
                    year.value
                )),
        );
    }
}
