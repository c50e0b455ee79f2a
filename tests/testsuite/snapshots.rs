//! The generated Typst source of every example plan, snapshotted, made by the same pipeline
//! value `vplan build` runs. A change to the templates or to how a plan is turned into Typst
//! shows up here as a reviewable diff.

use vplan::pipeline::Pipeline;

use crate::support::root;

/// The document, then the theme its layout files import.
fn generated(path: &std::path::Path) -> String {
    let checked = Pipeline::default().check(path).expect("the plan is valid");
    format!("{}\n// ===== /.vplan/tema.typ =====\n{}", checked.rendered.main, checked.rendered.theme)
}

#[test]
fn generated_typst_of_every_example_plan() {
    insta::glob!("../../plans", "*.yaml", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

/// A plan with a predecessor: its column stands in the budget, as `vplan build` shows it.
#[test]
fn generated_typst_of_a_plan_with_a_predecessor() {
    let plan = root().join("tests/fixtures/arsskifte/testbygden-2027.yaml");
    let checked = Pipeline::default().check(&plan).expect("the plan is valid");
    assert!(checked.predecessor.is_some(), "the pipeline read the predecessor");
    insta::assert_snapshot!(generated(&plan));
}
