//! Stage lint: every warning on a valid plan, one rule per file.
//!
//! In: what the user wrote ([`Loaded`]) and what vplan computed from it ([`Computed`]).
//! Out: located [`Diagnostic`]s, each with its figures and the fix. A warning never stops a
//! build; an error is validation's ([`crate::validate`]).
//!
//! [`RULES`] answers "what can `vplan check` say?": each rule has a Swedish name, a one-line
//! description and a function. To add a warning, add a file here with one function, a line in
//! [`RULES`], and a plan named after the rule in `tests/fixtures/warnings/` that triggers it.

mod administration;
mod blank_line;
mod contrast;
mod controls;
mod equity;
mod followup_actual_missing;
mod followup_assessment;
mod followup_books_budget;
mod followup_books_unmapped;
mod followup_limits;
mod followup_missing_action;
mod followup_spent;
mod member_income;
mod members;
mod opening_balance;
mod placeholders;
mod rounding;
mod statutory_split;
mod to_fill;
mod unplaced;

use crate::compute::Computed;
use crate::compute::followup::FollowUpFigures;
use crate::error::{Diagnostic, Position};
use crate::followup::LoadedFollowUp;
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
        name: "platshallare",
        description: "text från `vplan ny-plan` eller `vplan ny` står kvar: ”ATT ANPASSA”, ”ATT FYLLA I” eller mallens exempelnamn",
        check: placeholders::check,
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
    Rule {
        name: "avrundning-flyttar",
        description: "raden i `avrundning_till` hamnar mer än ett avrundningssteg från sin exakta andel av medlemsbidragen",
        check: rounding::check,
    },
    Rule {
        name: "eget-kapital-hogt",
        description: "eget kapital vid årets slut är högre än den rekommenderade andelen av tilldelade medel (förval 20 %)",
        check: equity::high,
    },
    Rule {
        name: "eget-kapital-under-golv",
        description: "eget kapital vid årets slut är lägre än planens `eget_kapital_lägst`",
        check: equity::floor,
    },
    Rule {
        name: "eget-kapital-negativt",
        description: "eget kapital vid årets slut är under noll; ett förbund får inte låna",
        check: equity::negative,
    },
    Rule {
        name: "administration-hog",
        description: "raderna med `administration: true` är en större andel av årets kostnader än planen tillåter (förval 15 %)",
        check: administration::check,
    },
    Rule {
        name: "kontrolltal",
        description: "ett kontrolltal ur beslutet (summa, resultat, rad) skiljer sig från det vplan räknar fram",
        check: controls::check,
    },
    Rule {
        name: "grupp-med-tom-rad",
        description: "en grupp har belopp ett år där en av dess rader saknar belopp",
        check: blank_line::check,
    },
    Rule {
        name: "medlemsbidrag-skiljer",
        description: "budgetens intäkter från medlemmarna skiljer sig från medlemsbidragen",
        check: member_income::check,
    },
    Rule {
        name: "lag-kontrast",
        description: "en färg i `utseende` som text skrivs i har för låg kontrast (under 4,5:1) mot sin bakgrund",
        check: contrast::check,
    },
];

/// A warning rule on a follow-up (delårsrapport, årsredovisning): a function over the
/// follow-up and its figures.
#[derive(Debug, Clone, Copy)]
pub struct FollowUpRule {
    /// The rule's Swedish name; its fixture is `tests/fixtures/warnings/<name>.yaml`.
    pub name: &'static str,
    /// What the rule warns about, in one Swedish line.
    pub description: &'static str,
    /// The rule itself.
    pub check: fn(&LoadedFollowUp, &FollowUpFigures) -> Vec<Diagnostic>,
}

/// Every warning `vplan check` can give on a follow-up, in the order they are printed.
pub const FOLLOWUP_RULES: &[FollowUpRule] = &[
    FollowUpRule {
        name: "utfall-saknas",
        description: "en budgetrad i planen har inget utfall för perioden",
        check: followup_actual_missing::check,
    },
    FollowUpRule {
        name: "forbrukat-hogt",
        description: "en kostnadsrad har förbrukat klart mer av budgeten än den andel av året som gått (marginal `kontroller: { förbrukat_marginal: … }`, förval 10 procentenheter)",
        check: followup_spent::check,
    },
    FollowUpRule {
        name: "prognos-bryter-grans",
        description: "prognosen (i årsredovisningen utfallet) bryter planens gränser för eget kapital eller administration",
        check: followup_limits::check,
    },
    FollowUpRule {
        name: "bedomning-utan-kommentar",
        description: "ett mål är bedömt som annat än `uppfylld` utan `kommentar`",
        check: followup_assessment::check,
    },
    FollowUpRule {
        name: "insats-saknas",
        description: "en insats i planen (med `id`) saknas i uppföljningen",
        check: followup_missing_action::check,
    },
    FollowUpRule {
        name: "bokforing-okopplad",
        description: "med `bokföring: { okopplade: varning }`: ett resultatkonto med belopp för perioden som ingen rad under `koppling:` tar",
        check: followup_books_unmapped::check,
    },
    FollowUpRule {
        name: "bokforing-budget",
        description: "bokföringens budget (#PBUDGET) för en kopplad rad skiljer sig från planens budget",
        check: followup_books_budget::check,
    },
];

/// Runs every follow-up rule its `kontroller: av:` has not switched off.
pub fn lint_followup(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> Vec<Diagnostic> {
    let off = &loaded.followup.checks.off;
    FOLLOWUP_RULES
        .iter()
        .filter(|rule| !off.iter().any(|name| name.value == rule.name))
        .flat_map(|rule| (rule.check)(loaded, figures))
        .map(|d| d.as_warning().or_in_file(&loaded.file))
        .collect()
}

/// Runs every rule the plan has not switched off (`kontroller: av:`) on a valid plan and its
/// figures; the warnings in [`RULES`] order.
pub fn lint(loaded: &Loaded, computed: &Computed) -> Vec<Diagnostic> {
    let off = &loaded.plan.checks.off;
    RULES
        .iter()
        .filter(|rule| !off.iter().any(|name| name.value == rule.name))
        .flat_map(|rule| (rule.check)(loaded, computed))
        .collect()
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
    fn the_rule_names_a_plan_may_switch_off_are_the_rules() {
        let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(names, crate::plan::RULE_NAMES);
    }

    #[test]
    fn a_rule_switched_off_says_nothing() {
        let yaml = "budget:\n  enhet: kr\n  år: [2026]\n  intäkter: { rader: [{ namn: A, belopp: [100] }] }\n  eget_kapital: { ingående: 0 }\n  kostnader: { rader: [{ namn: B, belopp: [200] }] }\n";
        let on = warnings(yaml);
        assert!(on.iter().any(|w| w.message.contains("under noll")), "{on:?}");
        let off = warnings(&format!("{yaml}kontroller: {{ av: [eget-kapital-negativt] }}\n"));
        assert!(!off.iter().any(|w| w.message.contains("under noll")), "{off:?}");
    }

    #[test]
    fn the_followup_rule_names_it_may_switch_off_are_its_rules() {
        let names: Vec<&str> = FOLLOWUP_RULES.iter().map(|r| r.name).collect();
        assert_eq!(names, crate::followup::RULE_NAMES);
    }

    #[test]
    fn rule_names_are_unique_and_fit_a_file_name() {
        let mut names: Vec<&str> =
            RULES.iter().map(|r| r.name).chain(FOLLOWUP_RULES.iter().map(|r| r.name)).collect();
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')), "{names:?}");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len() + FOLLOWUP_RULES.len(), "two rules share a name");
    }
}
