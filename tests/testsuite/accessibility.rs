//! Accessible and archival PDFs (PDF/UA-1 + PDF/A-2a), checked by tools that are not vplan's:
//! poppler (pdfinfo, pdffonts, pdftotext), qpdf, and pikepdf through tests/tools/pdf_structure.py.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{built, example_plans, pdf_text, root, stderr, temp_dir, themed_plan, vplan};

fn tool(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (bash .ci/run installs it): {e}"));
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn build(plan: &Path, folder: &Path, extra: &[&str]) -> PathBuf {
    let pdf = folder.join(plan.with_extension("pdf").file_name().unwrap());
    let mut args = vec!["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = vplan(&args);
    assert!(output.status.success(), "{}: {}", plan.display(), stderr(&output));
    pdf
}

/// The structure report of tests/tools/pdf_structure.py, as JSON.
fn structure(pdf: &Path) -> serde_json::Value {
    let script = root().join("tests/tools/pdf_structure.py");
    let (ok, out) = tool("python3", &[script.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert!(ok, "pdf_structure.py failed on {}", pdf.display());
    serde_json::from_str(&out).expect("the script prints JSON")
}

#[test]
fn every_example_plan_is_tagged_embedded_and_structured() {
    // The themed plan too: its other fonts (Caladea) and cover picture must keep PDF/UA and PDF/A.
    for plan in example_plans().into_iter().chain([themed_plan()]) {
        let loaded = vplan::load::load(&plan).expect("example plans are valid");
        let name = plan.display();
        let pdf = &built(&plan).pdf;
        let path = pdf.to_str().unwrap();

        let (_, info) = tool("pdfinfo", &[path]);
        assert!(info.contains("Tagged:          yes"), "{name}: tagged\n{info}");
        assert!(info.contains("PDF version:     1.7"), "{name}: PDF 1.7 (PDF/A-2)\n{info}");
        // The year where the plan places it (`år_i_titel`), or not at all.
        let document = &loaded.plan.document;
        let title = document.year_in_title.title(&document.title, document.year.value);
        assert!(info.contains(&format!("Title:           {title}")), "{name}: title `{title}`\n{info}");

        let (_, fonts) = tool("pdffonts", &[path]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: fonts listed");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let n = columns.len();
            assert_eq!(
                &columns[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{name}: embedded, subset, ToUnicode: {row}"
            );
        }

        let (ok, check) = tool("qpdf", &["--check", path]);
        assert!(
            ok && check.contains("No syntax or stream encoding errors found"),
            "{name}: qpdf --check\n{check}"
        );

        let s = structure(pdf);
        assert_eq!(s["lang"], "sv-SE", "{name}");
        assert_eq!(s["display_doc_title"], true, "{name}: viewers show the title, not the file name");
        assert_eq!(s["marked"], true, "{name}");
        assert_eq!(
            (s["pdfa_part"].as_str(), s["pdfa_conformance"].as_str()),
            (Some("2"), Some("A")),
            "{name}"
        );
        assert_eq!(s["pdfua_part"], "1", "{name}");
        let date = loaded.date.format("%Y-%m-%d").to_string();
        for d in s["xmp_dates"].as_array().unwrap() {
            assert!(d.as_str().unwrap().starts_with(&date), "{name}: XMP date {d} is the plan's date {date}");
        }
        let compact = date.replace('-', "");
        for d in s["info_dates"].as_array().unwrap() {
            assert!(d.as_str().unwrap().starts_with(&format!("D:{compact}")), "{name}: info date {d}");
        }

        let tags: Vec<&str> = s["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        let headings: Vec<u32> =
            tags.iter().filter_map(|t| t.strip_prefix('H').and_then(|n| n.parse().ok())).collect();
        assert_eq!(headings.first(), Some(&1), "{name}: the first heading is H1");
        for pair in headings.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{name}: no heading level is skipped: {headings:?}");
        }
        for needed in ["Document", "P", "Table", "TR", "TH", "TD", "L", "LI", "Link", "TOC", "TOCI"] {
            if needed.starts_with("TOC") && !loaded.plan.document.contents {
                continue;
            }
            assert!(tags.contains(&needed), "{name}: structure has {needed}");
        }
        for alt in s["figure_alts"].as_array().unwrap() {
            assert!(alt.as_str().is_some_and(|a| !a.trim().is_empty()), "{name}: every figure has alt text");
        }
        let bookmarks: Vec<(u64, &str)> = s["bookmarks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b[0].as_u64().unwrap(), b[1].as_str().unwrap()))
            .collect();
        // Förslag till beslut, set after the sections, has its bookmark when it is outlined.
        let decision = loaded.plan.decision.as_ref().is_some_and(|d| d.in_contents);
        let top_sections = loaded.plan.sections.len() + usize::from(decision);
        assert_eq!(
            bookmarks.iter().filter(|(depth, _)| *depth == 1).count(),
            top_sections,
            "{name}: a bookmark per section"
        );
        assert!(
            bookmarks.iter().all(|(depth, _)| *depth <= 3),
            "{name}: bookmarks three levels deep at most"
        );
        let pages = s["page_artifacts"].as_array().unwrap();
        for (i, kinds) in pages.iter().enumerate().skip(1) {
            let kinds: Vec<&str> = kinds.as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
            assert!(
                kinds.contains(&"Header") && kinds.contains(&"Footer"),
                "{name}: page {} header and footer are artifacts",
                i + 1
            );
        }
    }
}

#[test]
fn a_plan_builds_to_the_same_bytes_every_time() {
    let plan = root().join("plans/nedansiljan-2026.yaml");
    // The shared build (with the web pages) and one of the PDF alone.
    let folder = temp_dir();
    let first = std::fs::read(&built(&plan).pdf).unwrap();
    let second = std::fs::read(build(&plan, folder.path(), &[])).unwrap();
    assert!(first == second, "two builds of the same plan differ");
}

#[test]
fn swedish_text_round_trips_in_reading_order() {
    let plan = root().join("plans/nedansiljan-2026.yaml");
    let pdf = &built(&plan).pdf;
    // A hyphen that Typst adds at a line break is a soft hyphen (U+00AD) in the text layer:
    // joining those lines gives the words back whole.
    let raw = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
    let raw = String::from_utf8(raw.stdout).unwrap();
    assert!(
        !raw.lines().any(|l| l.ends_with('-') && l.len() > 1 && !l.ends_with(" -")),
        "no hard hyphen debris"
    );
    let joined = crate::support::fold(&raw.replace("\u{ad}\n", ""));
    let loaded = vplan::load::load(&plan).unwrap();
    let section = &loaded.plan.sections[1].sections[0];
    assert_eq!(section.heading.value, "Styrelsen");
    let text = section.text.as_ref().unwrap();
    for paragraph in text.value.split("\n\n") {
        let paragraph = crate::support::fold(paragraph);
        assert!(joined.contains(&paragraph), "the paragraph reads in order in the PDF:\n{paragraph}");
    }
    assert!(pdf_text(pdf, None, false).contains("förbundsordning"));
}

#[test]
fn other_standards_can_be_chosen_and_unknown_ones_are_refused() {
    let plan = root().join("plans/nedansiljan-2026.yaml");
    let folder = temp_dir();
    let pdf = build(&plan, folder.path(), &["--standard", "ingen"]);
    let s = structure(&pdf);
    assert!(s["pdfua_part"].is_null() && s["pdfa_part"].is_null(), "no standard claimed: {s}");
    assert_eq!(s["marked"], true, "still tagged");
    let archival = build(&plan, folder.path(), &["--standard", "a-2b"]);
    assert_eq!(structure(&archival)["pdfa_conformance"], "B");
    let output = vplan(&["build", plan.to_str().unwrap(), "--standard", "a-9z", "-o", "/dev/null/x.pdf"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("okänd standard `a-9z`"), "{}", stderr(&output));
}

#[test]
fn a_logo_has_its_alt_text_or_is_an_artifact_when_decorative() {
    let folder = temp_dir();
    std::fs::write(
        folder.path().join("logga.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="6" fill="#1f4e79"/></svg>"##,
    )
    .unwrap();
    let plan = |logo: &str| {
        format!(
            "förbund:
  namn: Testbygdens samordningsförbund
  logotyp: {logo}
  medlemmar:
    - {{ namn: Testby kommun, typ: kommun }}
    - {{ namn: Region Test, typ: region }}
    - {{ namn: Försäkringskassan, typ: försäkringskassan }}
    - {{ namn: Arbetsförmedlingen, typ: arbetsförmedlingen }}
dokument: {{ år: 2026, datum: 2025-11-20 }}
avsnitt:
  - rubrik: Inledning
    text: Första sidan.
    innehåll: [ sidbrytning, {{ text: Andra sidan. }} ]
"
        )
    };
    let with_alt = folder.path().join("med-alt.yaml");
    std::fs::write(&with_alt, plan("{ fil: logga.svg, alt: \"Testbygdens logotyp, en blå rektangel\" }"))
        .unwrap();
    let decorative = folder.path().join("dekorativ.yaml");
    std::fs::write(&decorative, plan("{ fil: logga.svg, dekorativ: true }")).unwrap();

    let pdf = build(&with_alt, folder.path(), &[]);
    let alts = structure(&pdf)["figure_alts"].clone();
    assert_eq!(
        alts,
        serde_json::json!(["Testbygdens logotyp, en blå rektangel"]),
        "the logo is a figure with its alt text"
    );
    // The page break puts the second paragraph on a page of its own.
    let pages = crate::support::pdf_pages(&pdf);
    assert!(pdf_text(&pdf, Some(pages), false).contains("Andra sidan."));
    assert!(!pdf_text(&pdf, Some(pages), false).contains("Första sidan."));

    let pdf = build(&decorative, folder.path(), &[]);
    let s = structure(&pdf);
    assert_eq!(s["figure_alts"], serde_json::json!([]), "a decorative logo is no figure");
    assert!(!s["page_artifacts"][0].as_array().unwrap().is_empty(), "it is an artifact on the cover");

    let missing = folder.path().join("utan-alt.yaml");
    std::fs::write(&missing, plan("{ fil: logga.svg }")).unwrap();
    let output = vplan(&["check", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("logotypen saknar alternativtext"), "{}", stderr(&output));
}
