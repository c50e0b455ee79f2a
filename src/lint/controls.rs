//! Rule `kontrolltal`: a figure typed from the adopted decision (a total, the result, a line)
//! differs from the one vplan computes.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Loaded, amount_literal};
use crate::swedish;

/// Warns at each control figure that differs.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let unit = loaded.plan.budget.as_ref().map(|b| b.unit.label()).unwrap_or("kr");
    let nbsp = swedish::NBSP;
    computed
        .finsam
        .controls
        .iter()
        .filter_map(|control| {
            let value = control.computed?;
            (value != control.typed).then(|| {
                Diagnostic::new(format!(
                    "kontrolltalet för {} är {}{nbsp}{unit}, men budgeten ger {}{nbsp}{unit}",
                    control.what,
                    swedish::amount(control.typed),
                    swedish::amount(value)
                ))
                .at(control.at)
                .note(format!("skillnaden är {}{nbsp}{unit}", swedish::signed_amount(value - control.typed)))
                .hint(format!(
                    "rätta budgeten så att den stämmer med beslutet, eller skriv `belopp: {}` om budgeten gäller",
                    amount_literal(value)
                ))
            })
        })
        .collect()
}
