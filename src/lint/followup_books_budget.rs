//! Rule `bokforing-budget` (follow-up): the books' budget for a mapped line (`#PBUDGET` of
//! its accounts) differs from the adopted plan's budget for the line.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::LoadedFollowUp;
use crate::plan::position;
use crate::swedish;

/// Warns per mapped line whose `#PBUDGET` sum differs from the plan's budget, at its key
/// under `koppling:`.
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let (Some(rec), Some(mapping)) = (&figures.books, &loaded.followup.books) else { return Vec::new() };
    let unit = rec.unit.label();
    rec.lines
        .iter()
        .filter_map(|line| {
            let (books, plan) = (line.books_budget?, line.plan_budget?);
            if books == plan {
                return None;
            }
            let key = &mapping.links.0.get(line.link)?.0;
            Some(
                Diagnostic::new(format!(
                    "bokföringens budget för `{}` är {} {unit}, men planens budget är {} {unit}",
                    line.path,
                    swedish::amount(books),
                    swedish::amount(plan)
                ))
                .at(position(&key.referenced, key.value.chars().count()))
                .note("budgeten i bokföringen är summan av #PBUDGET för radens konton; kommunens budgetmodul och den antagna planen skiljer sig")
                .hint("be ekonomikontoret lägga in den antagna budgeten, eller kontrollera radens konton under `koppling:`"),
            )
        })
        .collect()
}
