//! What the document does with the plan's choices: numbering, the contents list, warnings,
//! and the PDF file itself.

use std::path::Path;

use crate::support::{MEMBERS, pdf_text, stderr, stdout, temp_dir, vplan};

fn write_plan(folder: &Path, body: &str) -> std::path::PathBuf {
    let plan = folder.join("plan.yaml");
    std::fs::write(&plan, format!("{MEMBERS}{body}")).unwrap();
    plan
}

#[test]
fn unnumbered_sections_number_nothing_below_them_and_contents_can_be_left_out() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        "dokument:
  år: 2026
  datum: 2025-11-20
  innehållsförteckning: false
avsnitt:
  - rubrik: Inledning
    text: Text.
  - rubrik: Förslag till beslut
    numrerad: false
    avsnitt:
      - rubrik: Att-satser
        text: Att godkänna planen.
",
    );
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&plan.with_extension("pdf"), None, false);
    assert!(text.contains("1 Inledning"), "{text}");
    assert!(text.contains("Förslag till beslut") && !text.contains("2 Förslag till beslut"), "{text}");
    assert!(text.contains("Att-satser") && !text.contains("0.1") && !text.contains("2.1"), "{text}");
    assert!(!text.contains("Innehållsförteckning"), "{text}");
}

#[test]
fn headings_can_all_be_unnumbered() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        "dokument: { år: 2025, datum: 2024-11-20, numrerade_rubriker: false }
avsnitt:
  - rubrik: Bakgrund
    avsnitt: [ { rubrik: Uppdrag, text: Text. } ]
",
    );
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&plan.with_extension("pdf"), None, false);
    assert!(
        text.contains("Bakgrund") && !text.contains("1 Bakgrund") && !text.contains("1.1 Uppdrag"),
        "{text}"
    );
    assert!(text.contains("Innehållsförteckning"), "the contents list is on by default: {text}");
}

#[test]
fn characters_missing_from_the_fonts_are_warned_about() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        "dokument: { år: 2026, datum: 2025-11-20 }\navsnitt:\n  - rubrik: \"Glad 😀\"\n",
    );
    let output = vplan(&["check", plan.to_str().unwrap()]);
    assert!(output.status.success(), "a warning is not an error: {}", stderr(&output));
    assert!(
        stderr(&output).contains("varning: tecken som vplans typsnitt saknar: 😀 (U+1F600)"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("(1 varning)"), "{}", stdout(&output));
}

#[cfg(unix)]
#[test]
fn the_pdf_is_readable_by_others_like_any_document() {
    use std::os::unix::fs::PermissionsExt;
    let folder = temp_dir();
    let plan = write_plan(folder.path(), "dokument: { år: 2026, datum: 2025-11-20 }\n");
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mode = std::fs::metadata(plan.with_extension("pdf")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}
