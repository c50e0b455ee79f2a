//! Rule `utfall-saknas` (follow-up): a budget line of the plan has no utfall for the period.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::LoadedFollowUp;

/// Warns per line without utfall: at its `~` when the line is named, else at `utfall:`.
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let resolved = &loaded.resolved;
    // Lines `bokföring:` maps take their utfall from the books.
    let from_books: Vec<usize> = figures
        .books
        .as_ref()
        .map(|rec| {
            crate::compute::ledger::mapped_slots(rec, &loaded.plan.plan, resolved)
                .into_iter()
                .map(|(_, s)| s)
                .collect()
        })
        .unwrap_or_default();
    let key = super::top_level_key(&loaded.source, "utfall")
        .or_else(|| super::top_level_key(&loaded.source, "plan"));
    resolved
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.group && !from_books.contains(i) && !resolved.actual.iter().any(|r| r.line == *i))
        .map(|(i, line)| {
            let blank = resolved.actual_blank.iter().find(|r| r.line == i);
            Diagnostic::new(format!("budgetraden `{}` har inget utfall för perioden", line.path()))
                .at(blank.and_then(|b| b.at).or(key))
                .hint(format!(
                    "skriv radens utfall under `utfall:`, som `{}: 0` om inget har förbrukats",
                    line.path()
                ))
        })
        .collect()
}
