//! Stage lint: every warning on a valid plan, one rule per file.
//!
//! In: what the user wrote ([`Loaded`]) and what vplan computed from it ([`Computed`]).
//! Out: located [`Diagnostic`]s, each with its figures and the fix. A warning never stops a
//! build; an error is validation's ([`crate::validate`]).
//!
//! [`RULES`] answers "what can `vplan check` say?": each rule has a Swedish name, a one-line
//! description and a function. To add a warning, add a file here with one function, a line in
//! [`RULES`], and a plan named after the rule in `tests/fixtures/warnings/` that triggers it.

mod members;
mod opening_balance;
mod statutory_split;
mod to_fill;
mod unplaced;

use crate::compute::Computed;
use crate::error::{Diagnostic, Position};
use crate::plan::Loaded;

/// A warning rule: a function over the plan and its figures, with a name and a description.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The rule's Swedish name; its fixture is `tests/fixtures/warnings/<name>.yaml`.
    pub name: &'static str,
    /// What the rule warns about, in one Swedish line.
    pub description: &'static str,
    /// The rule itself: the warnings it finds, each located where it can be.
    pub check: fn(&Loaded, &Computed) -> Vec<Diagnostic>,
}

/// Every warning `vplan check` and `vplan build` can give, in the order they are printed.
pub const RULES: &[Rule] = &[
    Rule {
        name: "medlemmar-saknas",
        description: "förbundet saknar någon av de medlemmar lagen (2003:1210) kräver",
        check: members::check,
    },
    Rule {
        name: "att-fylla-i",
        description: "ett fält som `vplan ny` lämnade står kvar som ”ATT FYLLA I”",
        check: to_fill::check,
    },
    Rule {
        name: "block-visas-inte",
        description: "planen har budget, medlemsbidrag, eget kapital-historik eller målområden som inget avsnitt visar",
        check: unplaced::check,
    },
    Rule {
        name: "ingaende-eget-kapital",
        description: "ingående eget kapital stämmer inte med det föregående plan räknar fram",
        check: opening_balance::check,
    },
    Rule {
        name: "lagens-fordelning",
        description: "medlemsbidragen följer inte lagens fördelning 50/25/25",
        check: statutory_split::check,
    },
];

/// Runs every rule on a valid plan and its figures; the warnings in [`RULES`] order.
pub fn lint(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    RULES.iter().flat_map(|rule| (rule.check)(loaded, computed)).collect()
}

/// The place of a top-level key (`budget:`) in the plan's text, for warnings about a whole
/// part of the plan.
fn top_level_key(source: &str, key: &str) -> Option<Position> {
    source.lines().enumerate().find_map(|(index, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some(Position {
            line: index + 1,
            column: 1,
            width: key.chars().count(),
        })
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load;
    use crate::validate::Files;

    use crate::plan::TEST_MEMBERS as MEMBERS;

    /// The warnings on a valid plan: [`MEMBERS`] followed by `yaml`.
    fn warnings(yaml: &str) -> Vec<Diagnostic> {
        let text = format!("{MEMBERS}{yaml}");
        let folder = Path::new(".").canonicalize().expect("the current folder");
        let loaded = load::load_bytes(Path::new("test.yaml"), text.as_bytes(), folder, Files::Skip)
            .expect("the test plan is valid");
        let computed = crate::compute::compute(&loaded.plan, None);
        lint(&loaded, &computed)
    }

    #[test]
    fn a_plan_that_keeps_every_rule_gets_no_warning() {
        assert_eq!(warnings(""), Vec::new());
    }

    #[test]
    fn a_split_that_departs_from_the_law_is_reported() {
        let warnings = warnings(
            r#"
medlemsbidrag:
  år: 2026
  rader:
    - { namn: Försäkringskassan, belopp: 1461000 }
    - { namn: Region Dalarna, belopp: 730500 }
    - { namn: Avesta kommun, belopp: 772140 }
avsnitt:
  - rubrik: Medlemsbidrag
    innehåll: [medlemsbidrag]
"#,
        );
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("staten") && messages[0].contains("49,3"), "{messages:?}");
        assert!(messages[2].contains("kommunerna") && messages[2].contains("772\u{a0}140"), "{messages:?}");
        assert!(
            warnings.iter().all(|w| w.position.is_some_and(|p| p.line == 16)),
            "at the first row of `rader`: {warnings:?}"
        );
    }

    #[test]
    fn seed_003_contributions_follow_the_law() {
        let warnings = warnings(
            r#"
medlemsbidrag:
  år: 2025
  summa: 6184000
  rader:
    - { namn: Försäkringskassan med Arbetsförmedlingen, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }
    - { namn: Region Dalarna, andel: 25 }
    - { namn: Avesta kommun, andel: 11 }
    - { namn: Hedemora kommun, andel: 8 }
    - { namn: Säters kommun, andel: 6 }
avsnitt:
  - rubrik: Medlemsbidrag
    innehåll: [medlemsbidrag]
"#,
        );
        assert!(warnings.is_empty(), "the split follows the law: {warnings:?}");
    }

    #[test]
    fn rule_names_are_unique_and_fit_a_file_name() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')), "{names:?}");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len(), "two rules share a name");
    }
}
