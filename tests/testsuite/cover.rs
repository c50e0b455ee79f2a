//! The cover and title as förbund write them (issue 16, items 1–3): the year in the title or
//! not, a slogan as the title line, an ingress under the title or before the contents list,
//! the cover's facts without a cover page, headings in capitals with "1." numbers, a
//! landsting as member, and målområden in more than one place. Each plan is built with the
//! real binary and the PDF read back.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{pdf_text, stderr, stdout, temp_dir, vplan};

/// A small valid plan; `dokument` and `utseende` get the test's own lines.
fn plan(document: &str, look: &str, rest: &str) -> String {
    format!(
        "förbund:
  namn: Provbygdens samordningsförbund
  medlemmar:
    - {{ namn: Provby kommun, typ: kommun }}
    - {{ namn: Region Prov, typ: region }}
    - {{ namn: Försäkringskassan, typ: försäkringskassan }}
    - {{ namn: Arbetsförmedlingen, typ: arbetsförmedlingen }}
dokument:
  år: 2027
  datum: 2026-11-20
  ansvarig: Styrelsen
  diarienummer: PSF 2026:9
  beslut: Beslutad av styrelsen den 20 november 2026
{document}
utseende:
{look}
{rest}"
    )
}

const SECTIONS: &str = "avsnitt:
  - rubrik: Inledning
    text: Förbundets första rubrik.
  - rubrik: Ekonomi
    text: Förbundets andra rubrik.
";

/// Writes `text` as a plan in `folder` and builds it; the build must succeed.
fn build(folder: &Path, name: &str, text: &str) -> PathBuf {
    let file = folder.join(format!("{name}.yaml"));
    std::fs::write(&file, text).unwrap();
    let pdf = folder.join(format!("{name}.pdf"));
    let output = vplan(&["build", file.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    pdf
}

/// The PDF's title in its metadata, as pdfinfo reads it.
fn pdf_title(pdf: &Path) -> String {
    let output = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo from poppler-utils runs");
    let info = String::from_utf8(output.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_owned())
        .unwrap_or_else(|| panic!("a title in {info}"))
}

#[test]
fn the_year_stands_after_before_or_not_at_all_in_the_title() {
    let folder = temp_dir();
    let after = build(
        folder.path(),
        "efter",
        &plan("  titel: Verksamhetsplan", "  omslag: { versaler: false }", SECTIONS),
    );
    assert_eq!(pdf_title(&after), "Verksamhetsplan 2027");
    assert!(pdf_text(&after, Some(1), false).contains("Verksamhetsplan 2027"));

    let before = build(
        folder.path(),
        "fore",
        &plan("  titel: Verksamhetsplan\n  år_i_titel: före", "  omslag: { versaler: false }", SECTIONS),
    );
    assert_eq!(pdf_title(&before), "2027 Verksamhetsplan");
    assert!(pdf_text(&before, Some(1), false).contains("2027 Verksamhetsplan"));

    let without = build(
        folder.path(),
        "utan",
        &plan(
            "  titel: Verksamhetsplan för år 2027\n  år_i_titel: nej",
            "  omslag: { versaler: false }",
            SECTIONS,
        ),
    );
    assert_eq!(pdf_title(&without), "Verksamhetsplan för år 2027");
    let text = pdf_text(&without, None, false);
    assert!(text.contains("Verksamhetsplan för år 2027"), "{text}");
    assert!(!text.contains("2027 2027"), "the year is not added: {text}");
}

#[test]
fn a_slogan_is_the_title_line_and_the_pdf_keeps_the_title() {
    let folder = temp_dir();
    let pdf = build(
        folder.path(),
        "slogan",
        &plan(
            "  titel: Verksamhetsplan\n  slogan: Gemensam kraft för fler i arbete",
            "  omslag: { versaler: false }",
            SECTIONS,
        ),
    );
    let cover = pdf_text(&pdf, Some(1), false);
    assert!(cover.contains("Gemensam kraft för fler i arbete Verksamhetsplan 2027"), "{cover}");
    assert!(!cover.contains("arbete 2027"), "no year after the slogan: {cover}");
    assert_eq!(pdf_title(&pdf), "Verksamhetsplan 2027");
}

#[test]
fn the_ingress_stands_under_the_title_or_before_the_contents_list() {
    let folder = temp_dir();
    let ingress = "  ingress: |\n    Förbundet är parternas gemensamma verktyg.\n";
    let under = build(folder.path(), "under", &plan(ingress, "  omslag: { egen_sida: true }", SECTIONS));
    let cover = pdf_text(&under, Some(1), false);
    assert!(cover.contains("Förbundet är parternas gemensamma verktyg."), "on the cover: {cover}");

    let before = build(
        folder.path(),
        "fore",
        &plan(
            &format!("{ingress}  ingress_placering: före_innehållet"),
            "  omslag: { egen_sida: true }",
            SECTIONS,
        ),
    );
    assert!(!pdf_text(&before, Some(1), false).contains("gemensamma verktyg"), "not on the cover");
    let contents = pdf_text(&before, Some(2), false);
    let ingress_at = contents.find("gemensamma verktyg").expect("the ingress on page 2");
    let contents_at = contents.find("Innehållsförteckning").expect("the contents list on page 2");
    assert!(ingress_at < contents_at, "the ingress before the contents list: {contents}");

    // Without a cover page the ingress stands under the title block, before the first heading.
    let block = build(
        folder.path(),
        "titelblock",
        &plan(&format!("{ingress}  innehållsförteckning: false"), "  omslag: { egen_sida: false }", SECTIONS),
    );
    let first = pdf_text(&block, Some(1), false);
    let ingress_at = first.find("gemensamma verktyg").expect("the ingress on page 1");
    assert!(first.find("Datum: 2026-11-20").expect("the title block") < ingress_at, "{first}");
    assert!(ingress_at < first.find("1 Inledning").expect("the first heading"), "{first}");
}

#[test]
fn the_cover_facts_stand_without_a_cover_page_as_the_plan_chooses() {
    let folder = temp_dir();
    let all = build(folder.path(), "alla", &plan("", "  omslag: { egen_sida: false }", SECTIONS));
    let first = pdf_text(&all, Some(1), false);
    for fact in
        ["Datum: 2026-11-20", "Ansvarig: Styrelsen", "Diarienummer: PSF 2026:9", "Beslutad av styrelsen"]
    {
        assert!(first.contains(fact), "`{fact}` under the title block: {first}");
    }

    let chosen = build(
        folder.path(),
        "valda",
        &plan("", "  omslag: { egen_sida: false, uppgifter: [datum] }", SECTIONS),
    );
    let first = pdf_text(&chosen, Some(1), false);
    assert!(first.contains("Datum: 2026-11-20"), "{first}");
    assert!(
        !first.contains("Styrelsen") && !first.contains("PSF 2026:9") && !first.contains("Beslutad"),
        "{first}"
    );
}

#[test]
fn headings_in_capitals_with_a_full_stop_after_the_number() {
    let folder = temp_dir();
    let pdf = build(
        folder.path(),
        "versaler",
        &plan("", "  rubriker: { versaler: true, punkt_efter_nummer: true }", SECTIONS),
    );
    let contents = pdf_text(&pdf, Some(2), false);
    assert!(contents.contains("1. INLEDNING") && contents.contains("2. EKONOMI"), "{contents}");
    let body = pdf_text(&pdf, Some(3), false);
    assert!(body.contains("1. INLEDNING"), "{body}");
    // The bookmarks keep the heading as written.
    let output = Command::new("python3")
        .args(["-c", "import sys, pikepdf\nwith pikepdf.open(sys.argv[1]) as p:\n    with p.open_outline() as o:\n        print([i.title for i in o.root])"])
        .arg(&pdf)
        .output()
        .expect("python3 with pikepdf runs");
    let bookmarks = String::from_utf8(output.stdout).unwrap();
    assert!(bookmarks.contains("Inledning") && !bookmarks.contains("INLEDNING"), "{bookmarks}");
}

#[test]
fn a_landsting_is_a_member_and_is_the_regions_party() {
    let folder = temp_dir();
    let text = plan("", "  omslag: {}", SECTIONS)
        .replace("{ namn: Region Prov, typ: region }", "{ namn: Landstinget Prov, typ: landsting }");
    let file = folder.path().join("landsting.yaml");
    std::fs::write(&file, text).unwrap();
    let check = vplan(&["check", file.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    // No warning that the region is missing: a landsting is the region by its older name.
    assert!(stdout(&check).contains("inga varningar"), "{}", stdout(&check));
}

#[test]
fn målområden_are_placed_twice_by_id() {
    let folder = temp_dir();
    let rest = "avsnitt:
  - rubrik: Individinriktade insatser
    innehåll:
      - målområden: [individ]
  - rubrik: Strukturövergripande insatser
    innehåll:
      - målområden: [struktur]
målområden:
  - id: individ
    rubrik: Fler i arbete
    insatser:
      - { text: Teamet Vägen vidare, slag: 'Pågående insatser:' }
      - { text: Förstudie om föräldralediga, slag: 'Nya insatser:' }
  - id: struktur
    rubrik: Samverkan som håller
    insatser: [Beredningsgruppen]
";
    let pdf = build(
        folder.path(),
        "malomraden",
        &plan("  innehållsförteckning: false", "  omslag: { egen_sida: false }", rest),
    );
    let text = pdf_text(&pdf, None, false);
    let order = [
        "1 Individinriktade insatser",
        "1.1 Fler i arbete",
        "Pågående insatser:",
        "Teamet Vägen vidare",
        "Nya insatser:",
        "Förstudie om föräldralediga",
        "2 Strukturövergripande insatser",
        "2.1 Samverkan som håller",
        "Insatser under 2027:",
        "Beredningsgruppen",
    ];
    let mut at = 0;
    for expected in order {
        let found =
            text[at..].find(expected).unwrap_or_else(|| panic!("`{expected}` after byte {at}: {text}"));
        at += found + expected.len();
    }
    assert_eq!(text.matches("Fler i arbete").count(), 1, "each målområde once: {text}");

    // A name that is no målområde's id is an error that lists the ids.
    let file = folder.path().join("fel-id.yaml");
    std::fs::write(&file, plan("", "  omslag: {}", &rest.replace("[struktur]", "[strukur]"))).unwrap();
    let check = vplan(&["check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    assert!(
        message.contains("inget målområde med `id: strukur`") && message.contains("individ, struktur"),
        "{message}"
    );
}
