//! What the document does with the plan's choices: numbering, the contents list, warnings,
//! and the PDF file itself.

use std::path::Path;

use crate::support::{MEMBERS, pdf_text, stderr, temp_dir, vplan};

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

/// A PDF/A and PDF/UA document must show every character it holds: a character no font has
/// (an emoji, a CJK name, a mark that does not compose with its letter) is the plan's error,
/// the same in `check` and in `build`, and the build writes nothing.
#[test]
fn characters_missing_from_the_fonts_are_refused_alike_by_check_and_build() {
    let folder = temp_dir();
    for (heading, expected) in [
        ("Glad 😀", "tecken som vplans typsnitt saknar: 😀 (U+1F600)"),
        ("Namn 中", "tecken som vplans typsnitt saknar: 中 (U+4E2D)"),
        ("Ord q\u{303}", "tecken med accenter som vplans typsnitt inte kan sätta: q\u{303}"),
    ] {
        let plan = write_plan(
            folder.path(),
            &format!("dokument: {{ år: 2026, datum: 2025-11-20 }}\navsnitt:\n  - rubrik: \"{heading}\"\n"),
        );
        for command in ["check", "build"] {
            let output = vplan(&[command, plan.to_str().unwrap()]);
            assert_eq!(output.status.code(), Some(1), "{command} {heading}: {}", stderr(&output));
            assert!(stderr(&output).contains(&format!("fel: {expected}")), "{command}: {}", stderr(&output));
            assert!(stderr(&output).contains("plan.yaml:10:"), "located: {}", stderr(&output));
        }
        assert!(!plan.with_extension("pdf").exists(), "nothing written");
    }
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
