//! Rule `insats-saknas` (follow-up): an insats of the plan (one with an `id`) that the
//! follow-up does not report on.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::LoadedFollowUp;

/// Warns per insats left out, at `insatser:` (else `plan:`).
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let at = super::top_level_key(&loaded.source, "insatser")
        .or_else(|| super::top_level_key(&loaded.source, "plan"));
    figures
        .actions
        .iter()
        .filter(|a| !a.reported)
        .map(|a| {
            Diagnostic::new(format!("insatsen `{}` ({}) saknas i uppföljningen", a.id, a.name))
                .at(at)
                .hint(format!("lägg till `{}:` under `insatser:` med deltagare, status och kommentar", a.id))
        })
        .collect()
}
