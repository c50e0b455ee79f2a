//! Follow-ups of an adopted plan (issue 21): the delårsrapport and årsredovisning in
//! plans/uppfoljning/ computed exactly, broken follow-ups refused with located Swedish
//! messages, the starter `vplan ny-uppföljning` writes, `text` and `diff` of follow-ups, and
//! a property: lines add up to groups, groups to totals, result = income − costs.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vplan::compute::followup::{FollowRowKind, FollowUpFigures, followup};
use vplan::followup::{ActionStatus, Assessment};
use vplan::plan::Part;

use crate::support::{root, stderr, stdout, temp_dir, vplan};

/// The example delårsrapport.
pub const INTERIM: &str = "plans/uppfoljning/nedansiljan-2026-delarsrapport-2026-08.yaml";
/// The example årsredovisning.
pub const ANNUAL: &str = "plans/uppfoljning/nedansiljan-2026-arsredovisning.yaml";

fn figures(file: &str) -> FollowUpFigures {
    let loaded = vplan::load::load_followup(&root().join(file)).expect("the example follow-up is valid");
    followup(&loaded)
}

fn row<'a>(f: &'a FollowUpFigures, label: &str) -> &'a vplan::compute::followup::FollowRow {
    f.rows.iter().find(|r| r.label == label && r.kind != FollowRowKind::Group).unwrap_or_else(|| panic!("no row {label}"))
}

fn group<'a>(f: &'a FollowUpFigures, label: &str) -> &'a vplan::compute::followup::FollowRow {
    f.rows.iter().find(|r| r.label == label && r.kind == FollowRowKind::Group).expect("the group")
}

#[test]
fn the_interim_report_figures_are_exact() {
    let f = figures(INTERIM);
    assert_eq!(f.elapsed, dec!(8) / dec!(12), "31 August: eight twelfths of the year");
    assert_eq!((f.income.budget, f.income.actual, f.income.forecast), (dec!(3262), dec!(2175), dec!(3262)));
    assert_eq!((f.costs.budget, f.costs.actual, f.costs.forecast), (dec!(3605), dec!(2089), dec!(3341)));
    assert_eq!((f.result.budget, f.result.actual, f.result.forecast), (dec!(-343), dec!(86), dec!(-79)));
    let styrelse = row(&f, "Styrelse").figures;
    assert_eq!(styrelse.spent_percent(), Some(dec!(6100) / dec!(99)));
    assert_eq!(styrelse.deviation(), dec!(-4));
    assert_eq!(styrelse.deviation_percent(), Some(dec!(-400) / dec!(99)));
    let samverkan = group(&f, "Samverkansinsatser").figures;
    assert_eq!((samverkan.budget, samverkan.actual, samverkan.forecast), (dec!(3075), dec!(1738), dec!(2815)));
    assert_eq!(samverkan.deviation(), dec!(-260));
    // The line named like its group keeps its own figures.
    let line = f
        .rows
        .iter()
        .find(|r| r.label == "Samverkansinsatser" && r.kind == FollowRowKind::Line)
        .expect("the line");
    assert_eq!((line.figures.budget, line.figures.actual, line.figures.forecast), (dec!(500), dec!(96), dec!(250)));
    // A line without a prognos keeps its budget.
    assert_eq!(row(&f, "Förvaltning").figures.forecast, dec!(431));
    let e = f.equity;
    assert_eq!((e.opening, e.closing_forecast, e.closing_actual), (Some(dec!(1500)), Some(dec!(1421)), None));
    assert_eq!(e.allotted, Some(dec!(3262)));
    assert_eq!(e.percent, Some(dec!(142100) / dec!(3262)));
    assert_eq!(e.max_percent, dec!(20));
    let admin = f.administration.expect("Styrelse is administration");
    assert_eq!((admin.figures.budget, admin.figures.actual, admin.figures.forecast), (dec!(99), dec!(61), dec!(95)));
    assert_eq!(admin.percent, Some(dec!(9500) / dec!(3341)));
    assert_eq!(f.member_income, None, "the plan has no contributions table");
    let roa = f.actions.iter().find(|a| a.id == "roa").expect("RoA");
    assert_eq!(roa.participants.map(|p| (p.women, p.men, p.total())), Some((23, 17, 40)));
    assert_eq!((roa.budget, roa.actual, roa.status), (Some(dec!(1992)), Some(dec!(1310)), Some(ActionStatus::Running)));
    let beredning = f.actions.iter().find(|a| a.id == "beredningsgrupp").expect("beredningsgruppen");
    assert_eq!((beredning.budget, beredning.actual), (Some(dec!(60)), Some(dec!(22))));
    assert_eq!(f.actions.len(), 4);
    let ids: Vec<&str> = f.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["individ.1", "individ.2", "beredning", "kompetens.1", "resultat.1"]);
    assert_eq!(f.goals[1].assessment, Some(Assessment::Partly));
    assert_eq!(f.goals[1].target, "minst 40 %");
}

#[test]
fn the_annual_report_figures_are_exact() {
    let f = figures(ANNUAL);
    assert_eq!(f.elapsed, Decimal::ONE);
    assert_eq!((f.income.budget, f.income.actual), (dec!(3262), dec!(3262)));
    assert_eq!((f.costs.budget, f.costs.actual), (dec!(3605), dec!(3287)));
    assert_eq!((f.result.budget, f.result.actual), (dec!(-343), dec!(-25)));
    // The year is over: with no prognos typed, a line ends at its utfall.
    assert_eq!(f.costs.forecast, dec!(3287));
    assert_eq!(row(&f, "Styrelse").figures.actual_deviation(), dec!(-5));
    assert_eq!(row(&f, "Styrelse").figures.actual_deviation_percent(), Some(dec!(-500) / dec!(99)));
    let samverkan = group(&f, "Samverkansinsatser").figures;
    assert_eq!((samverkan.budget, samverkan.actual), (dec!(3075), dec!(2768)));
    let e = f.equity;
    assert_eq!((e.opening, e.closing_actual, e.closing), (Some(dec!(1500)), Some(dec!(1475)), Some(dec!(1475))));
    assert!(e.typed);
    assert_eq!(e.percent, Some(dec!(147500) / dec!(3262)));
    let admin = f.administration.expect("Styrelse is administration");
    assert_eq!(admin.percent, Some(dec!(9400) / dec!(3287)));
    let rr = &f.income_statement;
    assert_eq!((rr.total, rr.total_previous), (dec!(-25), Some(dec!(324))));
    assert_eq!(rr.groups[1].total, dec!(-3287));
    assert_eq!(rr.groups[1].total_previous, Some(dec!(-3028)));
    let br = &f.balance_sheet;
    assert_eq!((br.groups[0].total, br.groups[0].total_previous), (dec!(1815), Some(dec!(1805))));
    assert_eq!((br.groups[1].total, br.groups[1].total_previous), (dec!(1815), Some(dec!(1805))));
    let kompetens = f.actions.iter().find(|a| a.id == "kompetens").expect("kompetens");
    assert_eq!(kompetens.participants.map(|p| p.total()), Some(107));
    assert_eq!(kompetens.status, Some(ActionStatus::Ended));
}

/// The fixture's path relative to the repository root, as a user would type it.
fn relative(path: &Path) -> String {
    path.strip_prefix(root()).expect("fixture inside the repository").to_str().expect("UTF-8").to_owned()
}

#[test]
fn broken_followups_fail_with_a_located_swedish_message() {
    insta::glob!("../fixtures/uppfoljning/fel", "*.yaml", |path| {
        let file = relative(path);
        let output = vplan(&["check", &file]);
        assert_eq!(output.status.code(), Some(1), "{file}: a follow-up error exits with 1: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{file}: nothing on standard output");
        let message = stderr(&output);
        assert!(message.starts_with("fel: "), "{file}: {message}");
        assert!(message.contains(&format!("--> {file}:")), "{file}: located in the file: {message}");
        insta::assert_snapshot!(message);
    });
}

#[test]
fn the_examples_check_with_their_plans_own_warnings_only() {
    for file in [INTERIM, ANNUAL] {
        let output = vplan(&["check", file]);
        assert_eq!(output.status.code(), Some(0), "{file}: {}", stderr(&output));
        assert!(stdout(&output).contains("uppföljningen är giltig ("), "{file}: {}", stdout(&output));
    }
}

/// A folder with a copy of the example plan, to write follow-ups beside.
fn folder_with_plan() -> (tempfile::TempDir, PathBuf) {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::copy(root().join("plans/uppfoljning/nedansiljan-2026.yaml"), &plan).expect("copy the plan");
    (folder, plan)
}

#[test]
fn the_starter_names_every_line_insats_and_goal_checks_and_is_never_overwritten() {
    let (folder, plan) = folder_with_plan();
    let plan = plan.to_str().expect("UTF-8");
    let output = vplan(&["ny-uppföljning", plan, "--period", "2026-08"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = folder.path().join("plan-delarsrapport-2026-08.yaml");
    let text = std::fs::read_to_string(&written).expect("the starter is written");
    for expected in [
        "plan: \"plan.yaml\"",
        "rapport: delårsrapport",
        "till: 2026-08-31",
        "\"Finansiella anslag\": ~",
        "\"Samverkansinsatser/Samverkansinsatser\": ~",
        "\"Rehabilitering & arbete\": ~",
        "\"roa\":",
        "\"processtod\":",
        "\"individ.1\":",
        "\"beredning\":",
        "\"resultat.1\":",
        "ATT FYLLA I",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    // It checks, and `check` names every line still without utfall.
    let checked = vplan(&["check", written.to_str().expect("UTF-8")]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert_eq!(stderr(&checked).matches("har inget utfall").count(), 9, "{}", stderr(&checked));
    // A second run leaves the file as it is.
    std::fs::write(&written, "rapport: ändrad\n").expect("edit");
    let again = vplan(&["ny-uppföljning", plan, "--period", "2026-08"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("finns redan"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&written).expect("read"), "rapport: ändrad\n");
    // December gives an årsredovisning with the law's headings.
    let annual = vplan(&["ny-uppföljning", plan, "--period", "2026-12"]);
    assert_eq!(annual.status.code(), Some(0), "{}", stderr(&annual));
    let text = std::fs::read_to_string(folder.path().join("plan-arsredovisning-2026-12.yaml")).expect("written");
    for expected in ["rapport: årsredovisning", "Balanskravsresultat", "Stödja samverkan", "resultaträkning:", "underskrifter:"] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let checked = vplan(&["check", folder.path().join("plan-arsredovisning-2026-12.yaml").to_str().expect("UTF-8")]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn a_period_outside_the_plans_year_is_refused_by_the_starter() {
    let (_folder, plan) = folder_with_plan();
    let output = vplan(&["ny-uppföljning", plan.to_str().expect("UTF-8"), "--period", "2027-04"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("planens år 2026"), "{}", stderr(&output));
}

#[test]
fn text_and_diff_of_followups_show_the_facts_that_moved() {
    let text = vplan(&["text", INTERIM]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let out = stdout(&text);
    assert!(out.contains("Kostnader") || out.contains("Styrelse: budget 99 tkr, utfall 61 tkr"), "{out}");
    assert!(out.contains("mål individ.2: målvärde minst 40\u{a0}%"), "{out}");
    let diff = vplan(&["diff", INTERIM, ANNUAL]);
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let out = stdout(&diff);
    assert!(out.contains("- rapport: Delårsrapport 2026"), "{out}");
    assert!(out.contains("+ rapport: Årsredovisning 2026"), "{out}");
    assert!(out.contains("+ eget kapital utgående, utfall: 1\u{a0}475 tkr"), "{out}");
    assert!(!out.contains("  Finansiella anslag"), "unchanged facts are not shown: {out}");
}

/// The leaf lines of the example plan as a follow-up names them.
const LINES: &[&str] = &[
    "Finansiella anslag",
    "Styrelse",
    "Förvaltning",
    "Rehabilitering & arbete",
    "Insatsmedel",
    "Kompetenshöjande insatser",
    "Strukturella samverkansinsatser",
    "Processtöd",
    "Samverkansinsatser/Samverkansinsatser",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// For any utfall and prognos, the lines add up to their groups, the groups and lines to
    /// the totals, and the result is income − costs.
    #[test]
    fn lines_add_up_to_groups_and_totals(
        actual in proptest::collection::vec(proptest::option::of(-50_000i64..5_000_000), LINES.len()),
        forecast in proptest::collection::vec(proptest::option::of(0i64..5_000_000), LINES.len()),
        cents in 0i64..100,
    ) {
        let (folder, _) = folder_with_plan();
        let mut yaml = String::from("plan: plan.yaml\nrapport: delårsrapport\nperiod: { från: 2026-01-01, till: 2026-08-31 }\nutfall:\n");
        for (line, amount) in LINES.iter().zip(&actual) {
            if let Some(a) = amount {
                yaml.push_str(&format!("  \"{line}\": \"{a},{cents:02}\"\n"));
            }
        }
        yaml.push_str("prognos:\n");
        for (line, amount) in LINES.iter().zip(&forecast) {
            if let Some(a) = amount {
                yaml.push_str(&format!("  \"{line}\": {a}\n"));
            }
        }
        let file = folder.path().join("f.yaml");
        std::fs::write(&file, &yaml).expect("write");
        let loaded = vplan::load::load_followup(&file).expect("a valid follow-up");
        let f = followup(&loaded);
        let lines = &loaded.resolved.lines;
        for (i, r) in f.rows.iter().enumerate().filter(|(_, r)| r.kind == FollowRowKind::Group) {
            let g = r.line.expect("a group's line");
            let children: Vec<_> = f.rows[i + 1..].iter().filter(|c| c.line.is_some_and(|l| lines[l].parent == Some(g))).collect();
            prop_assert!(!children.is_empty());
            prop_assert_eq!(children.iter().map(|c| c.figures.actual).sum::<Decimal>(), r.figures.actual);
            prop_assert_eq!(children.iter().map(|c| c.figures.forecast).sum::<Decimal>(), r.figures.forecast);
            prop_assert_eq!(children.iter().map(|c| c.figures.budget).sum::<Decimal>(), r.figures.budget);
        }
        for part in [Part::Income, Part::Costs] {
            let top: Decimal = f.rows.iter()
                .filter(|r| r.part == part && r.line.is_some_and(|l| lines[l].parent.is_none()))
                .map(|r| r.figures.actual).sum();
            let total = f.rows.iter().find(|r| r.kind == FollowRowKind::Total && r.part == part).expect("total");
            prop_assert_eq!(top, total.figures.actual);
        }
        prop_assert_eq!(f.result.actual, f.income.actual - f.costs.actual);
        prop_assert_eq!(f.result.forecast, f.income.forecast - f.costs.forecast);
        let value = |a: i64| if a < 0 { Decimal::from(a) - Decimal::new(cents, 2) } else { Decimal::from(a) + Decimal::new(cents, 2) };
        let typed: Decimal = actual[1..].iter().flatten().map(|a| value(*a)).sum();
        prop_assert_eq!(typed, f.costs.actual, "the costs are the typed cost lines");
    }
}
