//! Rule `prognos-bryter-grans` (follow-up): the prognos (or, in an årsredovisning, the
//! outcome) breaks the plan's own limits for eget kapital or administration.

use crate::compute::followup::FollowUpFigures;
use crate::error::Diagnostic;
use crate::followup::LoadedFollowUp;
use crate::swedish;

/// Warns per limit broken, at `prognos:` (else `utfall:`, else `plan:`).
pub(super) fn check(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let source = &loaded.source;
    let at = super::top_level_key(source, "prognos")
        .or_else(|| super::top_level_key(source, "utfall"))
        .or_else(|| super::top_level_key(source, "plan"));
    let what = if loaded.followup.kind.is_annual() { "utfallet" } else { "prognosen" };
    let unit = format!("{}{}", swedish::NBSP, figures.unit.label());
    let mut out = Vec::new();
    let equity = &figures.equity;
    if let (Some(closing), Some(percent)) = (equity.closing, equity.percent)
        && percent > equity.max_percent
    {
        out.push(
            Diagnostic::new(format!(
                "med {what} blir eget kapital {}{unit} vid årets slut, {} av tilldelade medel; planen tillåter högst {}",
                swedish::amount(closing),
                swedish::percent_precise(percent),
                swedish::percent_precise(equity.max_percent)
            ))
            .at(at)
            .note("gränsen är planens `kontroller: { eget_kapital_högst: … }` (förval 20 %)")
            .hint("beskriv i rapporten hur överskottet ska användas, eller justera prognosen"),
        );
    }
    if let (Some(closing), Some(min)) = (equity.closing, equity.min)
        && closing < min
    {
        out.push(
            Diagnostic::new(format!(
                "med {what} blir eget kapital {}{unit} vid årets slut, under planens golv {}{unit}",
                swedish::amount(closing),
                swedish::amount(min)
            ))
            .at(at)
            .note("golvet är planens `kontroller: { eget_kapital_lägst: … }`")
            .hint("beskriv i rapporten vilka åtgärder styrelsen föreslås besluta om"),
        );
    }
    if let Some(admin) = &figures.administration
        && let Some(percent) = admin.percent
        && percent > admin.max_percent
    {
        out.push(
            Diagnostic::new(format!(
                "med {what} är administrationen {} av kostnaderna; planen tillåter högst {}",
                swedish::percent_precise(percent),
                swedish::percent_precise(admin.max_percent)
            ))
            .at(at)
            .note("raderna med `administration: true` i planen räknas; gränsen är planens `kontroller: { administration_högst: … }`")
            .hint("beskriv i rapporten varför administrationen blir dyrare, eller justera prognosen"),
        );
    }
    out
}
