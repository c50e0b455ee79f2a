//! Rule `lagens-fordelning`: the member contributions depart from the statutory split (lag
//! 2003:1210): the state half, the regions a quarter, the kommuner a quarter.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Loaded, position};
use crate::swedish;

/// Warns at `medlemsbidrag.rader` for each part of the split that departs by a krona or more.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    computed.contributions.iter().zip(loaded.plan.contributions.iter()).flat_map(|(table, plan)| {
    table
        .statutory
        .iter()
        .filter(|part| part.departs)
        .map(move |part| {
            Diagnostic::new(format!(
                "medlemsbidragen {}: {} står för {} ({} kr), inte {} %",
                table.year,
                part.who,
                swedish::percent_precise(part.actual_percent),
                swedish::amount(part.sum),
                part.percent
            ))
            .at(position(&plan.rows.referenced, 1))
            .note(format!(
                "enligt lag (2003:1210) om finansiell samordning står staten för 50 %, regionerna för 25 % och kommunerna för 25 %; {} % av {} kr är {} kr",
                part.percent,
                swedish::amount(table.total),
                swedish::amount(part.expected)
            ))
            .hint(format!(
                "ändra bidragen så att {} tillsammans betalar {} kr, eller skriv varje medlems `andel:` av en `summa:`",
                part.who,
                swedish::amount(part.expected)
            ))
        })
    })
    .collect()
}
