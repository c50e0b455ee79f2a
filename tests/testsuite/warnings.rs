//! Valid plans with something to say: exit code 0 and a located Swedish warning, one fixture
//! in tests/fixtures/warnings/ per rule of `vplan::lint::RULES`; and likewise valid
//! follow-ups (files with `rapport:`, which refer to tests/fixtures/warnings/uppfoljning/
//! plan.yaml), one per rule of `vplan::lint::FOLLOWUP_RULES`.

use std::collections::BTreeSet;
use std::path::Path;

use vplan::lint;
use vplan::pipeline::Pipeline;

use crate::support::{root, stderr, stdout, vplan};

/// The fixture folder.
const FIXTURES: &str = "tests/fixtures/warnings";

/// The fixture's path relative to the repository root, as a user would type it.
fn relative(path: &Path) -> String {
    path.strip_prefix(root()).expect("fixture inside the repository").to_str().expect("UTF-8").to_owned()
}

#[test]
fn plans_with_warnings_pass_with_a_located_swedish_warning() {
    insta::glob!("../fixtures/warnings", "*.yaml", |path| {
        let plan = relative(path);
        let output = vplan(&["check", &plan]);
        assert_eq!(output.status.code(), Some(0), "{plan}: a warning is not an error: {}", stderr(&output));
        let valid = stdout(&output).contains("planen är giltig (")
            || stdout(&output).contains("uppföljningen är giltig (");
        assert!(valid, "{plan}: {}", stdout(&output));
        assert!(!stdout(&output).contains("inga varningar"), "{plan}: the plan was warned about");
        let message = stderr(&output);
        assert!(message.starts_with("varning: "), "{plan}: the message starts with `varning: `");
        assert!(message.contains(&format!("--> {plan}:")), "{plan}: the warning is located in the file");
        insta::assert_snapshot!(message);
    });
}

/// The names of the rules that warn about the plan at `path`, run in-process through the
/// same stages as `vplan check`.
fn rules_warning(path: &Path) -> BTreeSet<&'static str> {
    if std::fs::read_to_string(path).expect("the fixture").lines().any(|l| l.starts_with("rapport:")) {
        let checked = vplan::commands::followup::check_followup(path).expect("the follow-up is valid");
        return lint::FOLLOWUP_RULES
            .iter()
            .filter(|rule| !(rule.check)(&checked.loaded, &checked.figures).is_empty())
            .map(|rule| rule.name)
            .collect();
    }
    let checked = Pipeline::default().check(path).expect("the fixture is valid");
    lint::RULES
        .iter()
        .filter(|rule| !(rule.check)(&checked.loaded, &checked.computed).is_empty())
        .map(|rule| rule.name)
        .collect()
}

#[test]
fn each_fixture_triggers_exactly_the_rule_it_is_named_after() {
    let names = lint::RULES.iter().map(|r| r.name).chain(lint::FOLLOWUP_RULES.iter().map(|r| r.name));
    for name in names {
        let path = root().join(FIXTURES).join(format!("{name}.yaml"));
        assert_eq!(rules_warning(&path), BTreeSet::from([name]), "{}", path.display());
    }
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let fixtures: BTreeSet<String> = std::fs::read_dir(root().join(FIXTURES))
        .expect("the fixture folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().expect("a name").to_string_lossy().into_owned())
        .collect();
    let rules: BTreeSet<String> = lint::RULES
        .iter()
        .map(|r| r.name)
        .chain(lint::FOLLOWUP_RULES.iter().map(|r| r.name))
        .map(str::to_owned)
        .collect();
    assert_eq!(fixtures, rules, "a fixture in {FIXTURES}/ per rule in src/lint/mod.rs, named after it");
}

#[test]
fn the_predecessor_fixture_itself_gives_no_warning() {
    let path = root().join(FIXTURES).join("foregaende/testbygden-2025.yaml");
    assert_eq!(rules_warning(&path), BTreeSet::new());
}

/// More cases of one rule: `fler/<rule>--<case>.yaml` warns with that rule alone.
const MORE: &str = "tests/fixtures/warnings/fler";

/// Correct plans that once got a warning: `utan-varning/*.yaml` get none.
const CORRECT: &str = "tests/fixtures/warnings/utan-varning";

#[test]
fn more_cases_of_a_rule_warn_with_that_rule_alone_at_a_place() {
    insta::glob!("../fixtures/warnings/fler", "*.yaml", |path| {
        let plan = relative(path);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let rule = stem.split_once("--").map(|(rule, _)| rule).expect("named <rule>--<case>.yaml");
        assert_eq!(rules_warning(path), BTreeSet::from([rule]), "{plan}");
        let output = vplan(&["check", &plan]);
        assert_eq!(output.status.code(), Some(0), "{plan}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains(&format!("--> {plan}:")), "{plan}: every warning is located: {message}");
        assert_eq!(
            message.matches("varning: ").count(),
            message.matches(&format!("--> {plan}:")).count(),
            "{plan}: every warning has a place: {message}"
        );
        insta::assert_snapshot!(message);
    });
    assert!(root().join(MORE).is_dir());
}

#[test]
fn correct_plans_get_no_warning() {
    let mut count = 0;
    for entry in std::fs::read_dir(root().join(CORRECT)).expect("the folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        count += 1;
        assert_eq!(rules_warning(&path), BTreeSet::new(), "{}", path.display());
        let output = vplan(&["check", &relative(&path)]);
        assert_eq!(output.status.code(), Some(0), "{}: {}", path.display(), stderr(&output));
        assert!(stdout(&output).contains("inga varningar"), "{}: {}", path.display(), stdout(&output));
    }
    assert!(count >= 3, "the correct plans are there");
}
