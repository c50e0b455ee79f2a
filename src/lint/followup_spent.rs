//! Rule `forbrukat-hogt` (follow-up): a cost line has used far more of its budget than the
//! share of the year that has passed.

use rust_decimal::Decimal;

use crate::compute::followup::{FollowRowKind, FollowUpFigures};
use crate::error::Diagnostic;
use crate::followup::{DEFAULT_SPENT_MARGIN, LoadedFollowUp};
use crate::plan::Part;
use crate::swedish;

/// Warns per cost line whose förbrukat exceeds the elapsed share by more than the margin.
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let margin = loaded
        .followup
        .checks
        .spent_margin
        .as_ref()
        .map(|m| m.value.0)
        .unwrap_or(Decimal::from(DEFAULT_SPENT_MARGIN));
    let elapsed = figures.elapsed_percent();
    let unit = format!("{}{}", swedish::NBSP, figures.unit.label());
    figures
        .rows
        .iter()
        .filter(|r| r.kind == FollowRowKind::Line && r.part == Part::Costs && r.actual_typed)
        .filter_map(|row| {
            let spent = row.figures.spent_percent()?;
            (spent > elapsed + margin).then(|| {
                let at = row.line.and_then(|i| loaded.resolved.actual.iter().find(|r| r.line == i)).and_then(|r| r.at);
                Diagnostic::new(format!(
                    "`{}` har förbrukat {} av årets budget när {} av året har gått",
                    row.label,
                    swedish::percent(spent),
                    swedish::percent(elapsed)
                ))
                .at(at)
                .note(format!(
                    "utfall {}{unit} av budget {}{unit}; vplan varnar när förbrukat ligger mer än {} procentenheter över årets gång",
                    swedish::amount(row.figures.actual),
                    swedish::amount(row.figures.budget),
                    swedish::amount(margin)
                ))
                .hint("kontrollera utfallet och skriv en prognos för raden under `prognos:`; ändra gränsen med `kontroller: { förbrukat_marginal: … }`")
            })
        })
        .collect()
}
