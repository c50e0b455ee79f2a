//! Rule `bedomning-utan-kommentar` (follow-up): a mål judged other than `uppfylld` without a
//! `kommentar` saying why.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::{Assessment, LoadedFollowUp};
use crate::plan::position;

/// Warns per mål, at its key under `mål:`.
pub(super) fn check(loaded: &LoadedFollowUp, _: &FollowUpFigures) -> Vec<Diagnostic> {
    loaded
        .followup
        .goals
        .iter()
        .filter(|(_, r)| {
            r.value.assessment != Assessment::Met && r.value.comment.as_deref().is_none_or(|c| c.trim().is_empty())
        })
        .map(|(key, report)| {
            Diagnostic::new(format!(
                "målet `{}` är bedömt som `{}` utan kommentar",
                key.value,
                report.value.assessment.key()
            ))
            .at(position(&key.referenced, key.value.chars().count()))
            .note("en styrelse och revisorerna behöver veta varför ett mål inte är uppfyllt eller inte går att mäta")
            .hint("skriv `kommentar: \"…\"` med skälet och vad som görs")
        })
        .collect()
}
