//! The generated Typst source of every example plan, snapshotted. A change to the templates
//! or to how a plan is turned into Typst shows up here as a reviewable diff.

use vplan::{compute, plan, render};

#[test]
fn generated_typst_of_every_example_plan() {
    insta::glob!("../../plans", "*.yaml", |path| {
        let loaded = plan::load(path).expect("example plans are valid");
        let computed = compute::compute(&loaded.plan, None);
        let rendered = render::render(&loaded, &computed).expect("example plans render");
        // The document, then the theme its layout files import.
        let generated = format!("{}\n// ===== /.vplan/tema.typ =====\n{}", rendered.main, rendered.theme);
        insta::assert_snapshot!(generated);
    });
}
