//! The plans the fuzzer and the property tests found (tests/fixtures/fuzz/), each minimised and
//! made readable, with a comment on what they broke: the real binary's `check` and `build` end with exit 0 or 1 on each, agree with each other, and
//! never panic or report a bug of their own (exit 2).

use std::path::PathBuf;

use crate::support::{root, stderr, temp_dir, vplan};

/// The fuzzer's plans, sorted.
fn fuzzed_plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/fuzz"))
        .expect("tests/fixtures/fuzz/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort();
    plans
}

#[test]
fn every_fuzzed_plan_is_built_or_refused_never_a_crash() {
    let plans = fuzzed_plans();
    assert!(!plans.is_empty(), "tests/fixtures/fuzz/ has the fuzzer's plans");
    let mut failures = Vec::new();
    for plan in &plans {
        let name = plan.file_name().unwrap().to_string_lossy().into_owned();
        let folder = temp_dir();
        let pdf = folder.path().join("plan.pdf");
        let check = vplan(&["check", plan.to_str().unwrap()]);
        let build = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        let (checked, built) = (check.status.code(), build.status.code());
        for (command, code, output) in [("check", checked, &check), ("build", built, &build)] {
            let err = stderr(output);
            if !matches!(code, Some(0 | 1)) || err.contains("panicked") || err.contains("internt fel") {
                failures.push(format!("{name}: vplan {command} ended with {code:?}:\n{err}"));
            }
        }
        if checked != built {
            failures.push(format!("{name}: check ended with {checked:?} but build with {built:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fuzzed plans:\n\n{}",
        failures.len(),
        plans.len(),
        failures.join("\n")
    );
}
