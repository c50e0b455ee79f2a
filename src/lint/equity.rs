//! Rules on eget kapital at the end of each budget year: `eget-kapital-hogt` (above the
//! recommended share of tilldelade medel), `eget-kapital-under-golv` (below the plan's floor)
//! and `eget-kapital-negativt` (below zero: a förbund may not borrow).

use rust_decimal::Decimal;

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{DEFAULT_EQUITY_MAX, Loaded, position};
use crate::swedish;

/// The budget's unit as a message writes it after an amount.
fn unit(loaded: &Loaded) -> String {
    let unit = loaded.plan.budget.as_ref().map(|b| b.unit.label()).unwrap_or("kr");
    format!("{}{unit}", swedish::NBSP)
}

/// `eget-kapital-hogt`: eget kapital above the recommended share of tilldelade medel.
pub(super) fn high(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let max = loaded
        .plan
        .checks
        .equity_max
        .as_ref()
        .map(|m| m.value.0)
        .unwrap_or(Decimal::from(DEFAULT_EQUITY_MAX));
    let unit = unit(loaded);
    computed
        .finsam
        .years
        .iter()
        .filter_map(|y| {
            let (closing, allotted, percent) = (y.closing?, y.allotted?, y.equity_percent?);
            (percent > max).then(|| {
                let limit = allotted * max / Decimal::ONE_HUNDRED;
                Diagnostic::new(format!(
                    "eget kapital vid utgången av {} är {}{unit}, {} av tilldelade medel; rekommenderat högst {}",
                    y.year,
                    swedish::amount(closing),
                    swedish::percent(percent),
                    swedish::percent_precise(max)
                ))
                .at(y.at)
                .note(format!(
                    "Nationella rådets rekommendation av den 2 oktober 2013 sätter en högsta nivå för eget kapital i förhållande till tilldelade medel; planen räknar med {}, och {} av {}{unit} är {}{unit}",
                    swedish::percent_precise(max),
                    swedish::percent_precise(max),
                    swedish::amount(allotted),
                    swedish::amount(limit.round_dp(0))
                ))
                .hint(format!(
                    "planera att använda {}{unit} mer till insatser, eller ändra gränsen med `kontroller: {{ eget_kapital_högst: … }}`",
                    swedish::amount((closing - limit).round_dp(0))
                ))
            })
        })
        .collect()
}

/// `eget-kapital-under-golv`: eget kapital below the floor the plan sets.
pub(super) fn floor(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let Some(floor) = &loaded.plan.checks.equity_min else { return Vec::new() };
    let unit = unit(loaded);
    computed
        .finsam
        .years
        .iter()
        .filter_map(|y| {
            let closing = y.closing?;
            (closing < floor.value.0 && !closing.is_sign_negative()).then(|| {
                Diagnostic::new(format!(
                    "eget kapital vid utgången av {} är {}{unit}, under planens lägsta nivå {}{unit}",
                    y.year,
                    swedish::amount(closing),
                    swedish::amount(floor.value.0)
                ))
                .at(y.at)
                .note(format!(
                    "planen sätter lägsta nivån med `kontroller: eget_kapital_lägst` på rad {}",
                    position(&floor.referenced, 1).map(|p| p.line).unwrap_or_default()
                ))
                .hint(format!(
                    "minska kostnaderna {} med {}{unit}, eller sänk `eget_kapital_lägst`",
                    y.year,
                    swedish::amount(floor.value.0 - closing)
                ))
            })
        })
        .collect()
}

/// `eget-kapital-negativt`: eget kapital below zero; a förbund may not borrow.
pub(super) fn negative(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let unit = unit(loaded);
    computed
        .finsam
        .years
        .iter()
        .filter_map(|y| {
            let closing = y.closing?;
            (closing.is_sign_negative() && !closing.is_zero()).then(|| {
                Diagnostic::new(format!(
                    "eget kapital vid utgången av {} är {}{unit}, under noll",
                    y.year,
                    swedish::amount(closing)
                ))
                .at(y.at)
                .note("ett samordningsförbund får inte låna; kostnaderna måste rymmas i intäkterna och det egna kapitalet")
                .hint(format!(
                    "minska kostnaderna {} med minst {}{unit}, eller öka intäkterna",
                    y.year,
                    swedish::amount(-closing)
                ))
            })
        })
        .collect()
}
