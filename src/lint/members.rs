//! Rule `medlemmar-saknas`: a samordningsförbund has by law (2003:1210) Försäkringskassan,
//! Arbetsförmedlingen, a region and at least one kommun as members.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Loaded, MemberKind, position};

/// Warns, at `medlemmar`, when a kind of member the law requires is missing.
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    let members = &loaded.plan.association.members;
    // No members at all is an error, found by validation.
    if members.value.is_empty() {
        return Vec::new();
    }
    // A landsting is the region's party by its older name.
    let has = |kind: MemberKind| {
        members.value.iter().any(|m| m.kind == kind || (kind.is_region() && m.kind.is_region()))
    };
    let missing: Vec<&str> = [
        (MemberKind::Forsakringskassan, "Försäkringskassan"),
        (MemberKind::Arbetsformedlingen, "Arbetsförmedlingen"),
        (MemberKind::Region, "en region"),
        (MemberKind::Kommun, "en kommun"),
    ]
    .into_iter()
    .filter(|(kind, _)| !has(*kind))
    .map(|(_, name)| name)
    .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![
        Diagnostic::new(format!("medlemmarna saknar {}", missing.join(", ")))
            .at(position(&members.referenced, 1))
            .note("ett samordningsförbund har enligt lag (2003:1210) Försäkringskassan, Arbetsförmedlingen, en region och minst en kommun som medlemmar")
            .hint("lägg till parten under `medlemmar:`, till exempel `- { namn: Region Dalarna, typ: region }`"),
    ]
}
