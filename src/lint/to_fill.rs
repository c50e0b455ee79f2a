//! Rule `att-fylla-i`: fields that `vplan ny` marked ”ATT FYLLA I” and that still say so.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::keys;
use crate::plan::{Loaded, TO_FILL, position};

/// Warns at every document field that still holds [`TO_FILL`].
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    let document = &loaded.plan.document;
    let mut warnings = Vec::new();
    let date = &document.date;
    if date.value.contains(TO_FILL) {
        warnings.push(
            Diagnostic::new(format!("`{}` är inte ifyllt", keys::DATE))
                .at(position(&date.referenced, date.value.chars().count()))
                .note("framsidan visar ”ATT FYLLA I” tills datumet är ifyllt")
                .hint(format!("ersätt ”{TO_FILL}” med {}", hint(keys::DATE))),
        );
    }
    let fields = [
        (keys::REGISTRY_NUMBER, document.registry_number.as_ref()),
        (keys::DECISION, document.decision.as_ref()),
    ];
    for (key, value) in fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
        if value.value.contains(TO_FILL) {
            warnings.push(
                Diagnostic::new(format!("`{key}` är inte ifyllt"))
                    .at(position(&value.referenced, value.value.chars().count()))
                    .hint(format!("ersätt ”{TO_FILL}” med {}", hint(key))),
            );
        }
    }
    warnings
}

/// What belongs in a field that `vplan ny` left to fill in.
fn hint(key: &str) -> &'static str {
    match key {
        keys::DATE => "dagen då styrelsen fastställer planen, till exempel `datum: 2026-11-25`",
        keys::REGISTRY_NUMBER => "planens diarienummer",
        _ => "beslutsraden, till exempel ”Beslutad vid styrelsemöte den 25 november 2026”",
    }
}
