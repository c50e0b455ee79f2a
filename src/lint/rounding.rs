//! Rule `avrundning-flyttar`: the row that takes up the rounding of the contributions
//! (`avrundning_till`) ends more than one rounding step from its exact share, because the
//! other rows' roundings add up.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Loaded, Rounding, position};
use crate::swedish;

/// Warns at `avrundning_till` for each row whose amount is more than a step from its exact
/// share, with both figures.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let nbsp = swedish::NBSP;
    computed
        .contributions
        .iter()
        .zip(loaded.plan.contributions.iter())
        .filter_map(|(table, plan)| plan.rounding_to.as_ref().map(|to| (table, plan, to)))
        .flat_map(|(table, plan, to)| {
            let (step, unit) = match plan.rounding {
                Rounding::Kronor => (rust_decimal::Decimal::ONE, "kronor"),
                Rounding::Tkr => (rust_decimal::Decimal::ONE_THOUSAND, "tkr"),
            };
            table.rows.iter().filter(move |row| (row.amount - row.exact).abs() > step).map(move |row| {
                Diagnostic::new(format!(
                    "avrundningen till hela {unit} ger {} {}{nbsp}kr, {}{nbsp}kr från dess exakta andel {}{nbsp}kr",
                    row.name,
                    swedish::amount(row.amount),
                    swedish::amount((row.amount - row.exact).abs().round_dp(2)),
                    swedish::amount(row.exact.round_dp(2))
                ))
                .at(position(&to.referenced, to.value.chars().count()))
                .note(format!(
                    "`avrundning_till: {}` tar upp det som de andra radernas avrundning lämnar, här mer än ett steg ({}{nbsp}kr)",
                    to.value,
                    swedish::amount(step)
                ))
                .hint("låt en rad med ett stort bidrag ta upp avrundningen, eller ta bort `avrundning_till` så får de största resterna avrundningen och ingen rad flyttas mer än ett steg")
            })
        })
        .collect()
}
