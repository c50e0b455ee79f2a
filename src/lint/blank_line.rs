//! Rule `grupp-med-tom-rad`: a group has an amount in a year where one of its lines has none,
//! so the group's total may be missing that line.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::Loaded;
use crate::swedish;

/// Warns at each blank line of a group that sums its other lines that year.
pub(super) fn check(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let unit = loaded.plan.budget.as_ref().map(|b| b.unit.label()).unwrap_or("kr");
    computed
        .finsam
        .blanks
        .iter()
        .map(|blank| {
            Diagnostic::new(format!(
                "raden ”{}” i gruppen ”{}” saknar belopp för {}",
                blank.line, blank.group, blank.year
            ))
            .at(blank.at)
            .note(format!(
                "gruppen summerar sina andra rader till {}{}{unit} för {}",
                swedish::amount(blank.group_amount),
                swedish::NBSP,
                blank.year
            ))
            .hint(match &blank.action {
                Some(id) => format!("skriv beloppet för {} i insatsens `belopp` (insatsen med `id: {id}` under `målområden`), `0` om den inte kostar något det året", blank.year),
                None => "skriv radens belopp, `0` om den inte kostar något det året, eller ge gruppen ett eget belopp för året och lämna alla rader tomma (`~`)".to_owned(),
            })
        })
        .collect()
}
