//! Rule `ingaende-eget-kapital`: this plan's opening eget kapital is not what its predecessor
//! plan (`föregående`) computes for the end of the year before.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Loaded, amount_literal, position};
use crate::swedish;

/// Warns at `ingående` when it differs from the predecessor's closing balance.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let (Some(closing), Some(budget), Some(plan_budget), Some(name)) =
        (computed.predecessor_closing, &computed.budget, &loaded.plan.budget, &loaded.plan.predecessor)
    else {
        return Vec::new();
    };
    let (Some(equity), Some(opening)) =
        (&plan_budget.equity, budget.figures.first().and_then(|first| first.opening))
    else {
        return Vec::new();
    };
    if opening == closing.amount {
        return Vec::new();
    }
    let unit = plan_budget.unit.label();
    let nbsp = swedish::NBSP;
    vec![
        Diagnostic::new(format!(
            "ingående eget kapital {}{nbsp}{unit} stämmer inte med föregående plan",
            swedish::amount(opening)
        ))
        .at(position(&equity.opening.referenced, 1))
        .note(format!(
            "{} räknar fram {}{nbsp}{unit} i eget kapital vid utgången av {}",
            name.value,
            swedish::amount(closing.amount),
            closing.year
        ))
        .hint(format!(
            "skriv `ingående: {}` om förra årets plan gäller, eller rätta förra årets plan",
            amount_literal(closing.amount)
        )),
    ]
}
