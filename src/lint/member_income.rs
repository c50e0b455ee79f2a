//! Rule `medlemsbidrag-skiljer`: the budget's income from the members and the member
//! contributions table say different things for the same year.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::Loaded;
use crate::swedish;

/// Warns at the first typed member income line, naming both figures.
pub(super) fn check(_: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let nbsp = swedish::NBSP;
    computed
        .finsam
        .member_income
        .iter()
        .filter(|m| m.budget != m.table)
        .map(|m| {
            Diagnostic::new(format!(
                "budgetens intäkter från medlemmarna {} är {}{nbsp}kr, men medlemsbidragen blir {}{nbsp}kr",
                m.year,
                swedish::amount(m.budget),
                swedish::amount(m.table)
            ))
            .at(m.at)
            .note(format!("budgetraderna som jämförs: {}", m.lines.join(", ")))
            .hint("skriv beloppet på ett ställe: ge budgetraden `medlemsbidrag: <radens namn>` (eller `summa`) och lämna året tomt (`~`), så hämtas beloppet ur medlemsbidragen")
        })
        .collect()
}
