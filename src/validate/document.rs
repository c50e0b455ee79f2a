//! Checks `dokument`: a plausible year and a valid date.

use chrono::NaiveDate;

use super::Check;
use crate::error::Diagnostic;
use crate::plan::{Document, TO_FILL, position};

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
