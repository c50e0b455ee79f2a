//! `vplan diff` in the kansli's language (issue 16, item 5): what changed is named in words
//! ("Undertiteln"), Markdown reads as text, and tables in sections, images and the eget
//! kapital history are compared too. The appendix for the styrelse names no keys and no files.

use crate::support::{pdf_text, stderr, stdout, temp_dir, vplan};

const OLD: &str = "tests/fixtures/andringar/hogby-2026.yaml";
const NEW: &str = "tests/fixtures/andringar/hogby-2027.yaml";

#[test]
fn diff_names_changes_in_words_and_compares_tables_images_and_history() {
    let output = vplan(&["diff", OLD, NEW]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains("dokument.") && !text.contains('*'), "no keys, no Markdown: {text}");
    insta::assert_snapshot!(text);
}

#[test]
fn the_appendix_has_no_key_names_file_names_or_markdown() {
    let folder = temp_dir();
    let pdf = folder.path().join("bilaga.pdf");
    let output = vplan(&["diff", OLD, NEW, "--pdf", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&pdf, None, true);
    for expected in [
        "Undertiteln med budget för 2026 med budget för 2027 och prognos för 2028",
        "Datumet 2025-11-20 2026-11-19",
        "ändrad insats: Stöd till arbete genom IPS Högby och Unga vuxna",
        "Eget kapital år för år",
        "Eget kapital 31/12 2025 600 640",
        "ändrad tabellrad: IPS Högby | 40 45",
        "ändrad bild: ”Nyckeltal för 2025” 2026”",
        "ändrad bild: ”Förbundets organisation” (ny bildfil)",
    ] {
        assert!(text.contains(expected), "`{expected}` in the appendix:\n{text}");
    }
    for unwanted in ["dokument.", "förbund.", "föregående:", ".yaml", ".svg", "*", "Föregående plan hogby"]
    {
        assert!(!text.contains(unwanted), "`{unwanted}` in the appendix:\n{text}");
    }
}
