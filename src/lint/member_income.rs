//! Rule `medlemsbidrag-skiljer`: the budget's income from the members and the member
//! contributions table say different things for the same year.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::Loaded;
use crate::swedish;

/// Warns at the first typed member income line, naming both figures and each line whose own
/// rows of the table say something else.
pub(super) fn check(_: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let nbsp = swedish::NBSP;
    computed
        .finsam
        .member_income
        .iter()
        .filter(|m| m.budget != m.table)
        .map(|m| {
            let d = Diagnostic::new(format!(
                "budgetens intäkter från medlemmarna {} är {}{nbsp}kr, men medlemsbidragen blir {}{nbsp}kr",
                m.year,
                swedish::amount(m.budget),
                swedish::amount(m.table)
            ))
            .at(m.at)
            .note(format!("budgetraderna som jämförs: {}", m.lines.join(", ")));
            m.details
                .iter()
                .fold(d, |d, line| {
                    d.note(format!(
                        "raden ”{}” är {}{nbsp}kr, men dess rader i medlemsbidragen blir {}{nbsp}kr",
                        line.label,
                        swedish::amount(line.budget),
                        swedish::amount(line.table)
                    ))
                })
                .hint("skriv beloppet på ett ställe: ge budgetraden `medlemsbidrag:` med radens namn (eller `summa`, `kommunerna` eller en lista av namn) och lämna året tomt (`~`), så hämtas beloppet ur medlemsbidragen")
        })
        .collect()
}
