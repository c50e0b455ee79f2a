//! A förbund's own look (`utseende`): theme, cover layout, running header and footer, and the
//! user's own templates replacing vplan's file by file. The PDFs are read back for meaning:
//! pdffonts for the fonts, pdftotext for the texts, the structure tree for the cover picture.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{built, pdf_pages, pdf_text, root, stderr, temp_dir, themed_plan, vplan};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/utseende").join(name)
}

/// Builds `plan` into `folder`; the build must succeed.
fn build(plan: &Path, folder: &Path) -> PathBuf {
    let pdf = folder.join(plan.with_extension("pdf").file_name().unwrap());
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}: {}", plan.display(), stderr(&output));
    pdf
}

/// The base font names pdffonts lists (the subset prefix `ABCDEF+` removed).
fn fonts(pdf: &Path) -> Vec<String> {
    let output = Command::new("pdffonts").arg(pdf).output().expect("pdffonts from poppler-utils runs");
    let listing = String::from_utf8(output.stdout).expect("UTF-8");
    listing
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, base)| base).to_owned())
        .collect()
}

#[test]
fn a_plan_with_a_theme_shows_its_fonts_texts_and_cover_picture() {
    let pdf = built(&themed_plan()).pdf.clone();

    // Running text in Caladea, headings in Carlito: both chosen in `utseende`.
    let fonts = fonts(&pdf);
    assert!(fonts.iter().any(|f| f == "Caladea-Regular"), "the text font is Caladea: {fonts:?}");
    assert!(fonts.iter().any(|f| f == "Carlito-Bold"), "the heading font is Carlito: {fonts:?}");
    assert!(!fonts.iter().any(|f| f == "Carlito-Regular"), "no running text in Carlito: {fonts:?}");

    // The cover: its title not in capitals (`versaler: false`), no running header or footer.
    let cover = pdf_text(&pdf, Some(1), false);
    assert!(cover.contains("Verksamhetsplan 2026"), "{cover}");
    assert!(!cover.contains("VERKSAMHETSPLAN"), "versaler: false: {cover}");
    assert!(!cover.contains("Vårt år 2026") && !cover.contains("Sida 1"), "no header on the cover: {cover}");

    // Every later page carries the header's and the footer's own texts and "Sida N av M".
    let pages = pdf_pages(&pdf);
    assert!(pages >= 3, "cover, contents list and text");
    for page in 2..=pages {
        let text = pdf_text(&pdf, Some(page), false);
        for expected in [
            "Testbygden – samverkan som bär",
            "Vårt år 2026",
            "www.testbygden.example",
            &format!("Sida {page} av {pages}"),
        ] {
            assert!(text.contains(expected), "page {page} shows `{expected}`:\n{text}");
        }
        assert!(
            !text.contains("Testbygdens samordningsförbund Verksamhetsplan 2026"),
            "the default header is replaced"
        );
    }

    // The cover picture is a figure with its alternative text.
    let script = root().join("tests/tools/pdf_structure.py");
    let output = Command::new("python3").arg(script).arg(&pdf).output().expect("python3 runs");
    assert!(output.status.success(), "pdf_structure.py: {}", String::from_utf8_lossy(&output.stderr));
    let structure: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(structure["figure_alts"], serde_json::json!(["Ett landskap med gröna kullar och en sol"]));
    let tags: Vec<&str> = structure["tags"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert!(tags.contains(&"Figure"), "a Figure in the structure tree: {tags:?}");
}

#[test]
fn the_theme_reaches_the_generated_typst() {
    let loaded = vplan::load::load(&fixture("tema.yaml")).expect("the plan is valid");
    let computed = vplan::compute::compute(&loaded.plan, None);
    let rendered = vplan::render::render(&loaded, &computed).expect("the plan renders");
    for expected in [
        r##"accent: rgb("#7a1f3d")"##,
        r##"rule: rgb("#c9a3b0")"##,
        r##"fill: rgb("#f3e6ea")"##,
        r#"text: "Caladea""#,
        r#"headings: "Carlito""#,
    ] {
        assert!(rendered.theme.contains(expected), "tema.typ has `{expected}`:\n{}", rendered.theme);
    }
    // A plan without colours or fonts in `utseende` keeps vplan's own look.
    let plain = vplan::load::load(&root().join("plans/nedansiljan-2026.yaml")).expect("the plan is valid");
    let plain =
        vplan::render::render(&plain, &vplan::compute::compute(&plain.plan, None)).expect("it renders");
    assert_eq!(plain.theme, vplan::render::default_theme().unwrap());
    assert!(
        plain.theme.contains(r##"accent: rgb("#1f4e79")"##) && plain.theme.contains(r#"text: "Carlito""#)
    );
}

#[test]
fn a_plan_with_a_template_override_builds_and_the_override_is_used() {
    let folder = temp_dir();
    let pdf = build(&fixture("egna-mallar.yaml"), folder.path());
    let cover = pdf_text(&pdf, Some(1), false);
    assert!(
        cover.contains("Omslaget kommer från förbundets egen mall."),
        "the own omslag.typ is used: {cover}"
    );
    assert!(!cover.contains("Datum:"), "vplan's own cover is not: {cover}");
    // Only omslag.typ is replaced: the rest of the document is vplan's.
    let text = pdf_text(&pdf, Some(3), false);
    assert!(text.contains("1 Inledning") && text.contains("Sida 3 av 3"), "{text}");
}

#[test]
fn a_broken_own_template_is_the_plans_error_at_its_line() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 the previous, good PDF").unwrap();
    let output =
        vplan(&["build", "tests/fixtures/utseende/trasiga-mallar.yaml", "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "the user's template, not a bug: {}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("tests/fixtures/utseende/trasiga-mallar.yaml:13:11"), "{message}");
    assert!(message.contains("(trasiga-mallar/omslag.typ:3)"), "the user's file and line: {message}");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7 the previous, good PDF", "the old PDF stays");
}

/// An own template that never finishes is ended by the time budget (set to two seconds here
/// through `VPLAN_MALLAR_SEKUNDER`) with a plan error at `utseende.mallar`; nothing is written.
#[test]
fn an_own_template_that_never_finishes_is_ended_with_a_plan_error() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 the previous, good PDF").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vplan"))
        .args(["build", "tests/fixtures/utseende/evig-mall.yaml", "-o", pdf.to_str().unwrap()])
        .current_dir(root())
        .env("VPLAN_MALLAR_SEKUNDER", "2")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("planens egna mallar tog mer än"), "{message}");
    assert!(message.contains("tests/fixtures/utseende/evig-mall.yaml:13:11"), "{message}");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7 the previous, good PDF", "the old PDF stays");
}

#[test]
fn a_cover_without_a_page_of_its_own_opens_the_first_page() {
    let pdf = built(&root().join("plans/sodra-dalarna-2025.yaml")).pdf.clone();
    let first = pdf_text(&pdf, Some(1), false);
    let vision = first.find("Vision: Södra Dalarna – En plats för alla!").expect("the vision opens page 1");
    let title = first.find("VERKSAMHETSPLAN OCH BUDGET ÅR 2025").expect("the title heading on page 1");
    let text = first.find("Planen för 2025").expect("the text starts on page 1");
    assert!(vision < title && title < text, "vision, title, text in that order: {first}");
}

#[test]
fn own_templates_see_only_the_plans_folder() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let text = std::fs::read_to_string(fixture("egna-mallar.yaml")).unwrap();
    std::fs::write(&plan, text).unwrap();
    std::fs::create_dir(folder.path().join("mallar")).unwrap();
    std::fs::write(
        folder.path().join("mallar/omslag.typ"),
        "#let omslag(..facts) = read(\"/etc/passwd\")\n#let titelblock(..facts) = omslag(..facts)\n",
    )
    .unwrap();
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "refused as the plan's error: {}", stderr(&output));
    assert!(!pdf.exists(), "nothing written");
    assert!(stderr(&output).contains("mallar/omslag.typ:1"), "{}", stderr(&output));
}

#[test]
fn vplan_mallar_writes_templates_that_build_the_same_document() {
    let folder = temp_dir();
    let output = vplan(&["mallar", folder.path().join("mallar").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (name, bytes) in vplan::templates::TYPST {
        let written =
            std::fs::read(folder.path().join("mallar").join(name)).expect("every template is written");
        assert_eq!(&written, bytes, "{name} is vplan's own");
    }
    // A second time nothing is overwritten.
    let again = vplan(&["mallar", folder.path().join("mallar").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));

    // A plan that uses all the copies gives the same document as one that uses none.
    let plan = std::fs::read_to_string(fixture("tema.yaml")).unwrap();
    std::fs::create_dir(folder.path().join("bilder")).unwrap();
    std::fs::copy(fixture("bilder/omslag.svg"), folder.path().join("bilder/omslag.svg")).unwrap();
    let own = folder.path().join("egna.yaml");
    std::fs::write(&own, plan.replace("utseende:\n", "utseende:\n  mallar: mallar\n")).unwrap();
    let own_pdf = build(&own, folder.path());
    let builtin_pdf = &built(&themed_plan()).pdf;
    assert_eq!(pdf_text(&own_pdf, None, true), pdf_text(builtin_pdf, None, true));
}

#[test]
fn the_förbund_can_stand_above_the_title() {
    let pdf = built(&root().join("plans/vastra-varmland-norra-dalsland-2025.yaml")).pdf.clone();
    let cover = pdf_text(&pdf, Some(1), false);
    let association =
        cover.find("Västra Värmlands & Norra Dalslands Samordningsförbund").expect("the förbund");
    let title = cover.find("Verksamhetsplan och budget 2025").expect("the title in mixed case");
    assert!(association < title, "förbundet_överst: the förbund above the title: {cover}");
}
