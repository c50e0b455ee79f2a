//! Rule `bokforing-okopplad` (follow-up): under `bokföring: { okopplade: varning }`, result
//! accounts with amounts in the period that no line of `koppling:` claims.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::LoadedFollowUp;
use crate::plan::position;
use crate::swedish;

/// One warning at `bokföring.fil`, listing each unmapped account with its name and amount.
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    // With `okopplade: fel` unmapped accounts are an error and the follow-up does not load.
    let (Some(rec), Some(mapping)) = (&figures.books, &loaded.followup.books) else { return Vec::new() };
    if rec.unmapped.is_empty() {
        return Vec::new();
    }
    let file = &mapping.file;
    let count = match rec.unmapped.len() {
        1 => "ett resultatkonto med belopp".to_owned(),
        n => format!("{n} resultatkonton med belopp"),
    };
    let mut d = Diagnostic::new(format!("{count} i bokföringen hör inte till någon budgetrad"))
        .at(position(&file.referenced, file.value.chars().count()));
    for u in rec.unmapped.iter().take(20) {
        d = d.note(format!("{} {}: {} kr", u.account, u.name, swedish::amount(u.amount.round_dp(2))));
    }
    if rec.unmapped.len() > 20 {
        d = d.note(format!("… och {} konton till", rec.unmapped.len() - 20));
    }
    vec![d.hint("koppla kontona till en budgetrad under `koppling:`; utan koppling räknas beloppen inte in i någon rads utfall")]
}
