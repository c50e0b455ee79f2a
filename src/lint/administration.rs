//! Rule `administration-hog`: the costs of the lines marked `administration` take more of the
//! year's costs than the plan allows (seed 002: 15 %).

use rust_decimal::Decimal;

use crate::compute::Computed;
use crate::error::{Diagnostic, Position};
use crate::plan::{DEFAULT_ADMINISTRATION_MAX, Line, Loaded, position};
use crate::swedish;

/// Warns per year, at the first line marked `administration`.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let Some(budget) = &loaded.plan.budget else { return Vec::new() };
    let max = loaded
        .plan
        .checks
        .administration_max
        .as_ref()
        .map(|m| m.value.0)
        .unwrap_or(Decimal::from(DEFAULT_ADMINISTRATION_MAX));
    let unit = format!("{}{}", swedish::NBSP, budget.unit.label());
    let at = budget.costs.lines.iter().find_map(first_marked).flatten();
    computed
        .finsam
        .years
        .iter()
        .filter_map(|y| {
            let (admin, percent) = (y.administration?, y.administration_percent?);
            (percent > max).then(|| {
                let limit = y.costs * max / Decimal::ONE_HUNDRED;
                Diagnostic::new(format!(
                    "administrationen {} kostar {}{unit}, {} av årets kostnader; planen tillåter högst {}",
                    y.year,
                    swedish::amount(admin),
                    swedish::percent_precise(percent),
                    swedish::percent_precise(max)
                ))
                .at(at)
                .note(format!(
                    "raderna med `administration: true` räknas; {} av {}{unit} är {}{unit}",
                    swedish::percent_precise(max),
                    swedish::amount(y.costs),
                    swedish::amount(limit.round_dp(0))
                ))
                .hint(format!(
                    "minska administrationen med {}{unit}, eller ändra gränsen med `kontroller: {{ administration_högst: … }}`",
                    swedish::amount((admin - limit).round_dp(0))
                ))
            })
        })
        .collect()
}

/// The place of the first line (depth first) marked `administration`.
fn first_marked(line: &Line) -> Option<Option<Position>> {
    if line.administration {
        let name = line.name.as_ref().and_then(|n| position(&n.referenced, n.value.chars().count()));
        return Some(name.or_else(|| crate::compute::budget::line_position(line)));
    }
    line.lines.iter().flatten().find_map(first_marked)
}
