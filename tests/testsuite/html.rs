//! The web page (`--html`) and its summary (`--html-sammanfattning`): every example plan's
//! page is parsed strictly and checked against the same expectations as its PDF, special
//! characters stay text, two builds give the same bytes, and headless Chromium runs axe-core
//! (WCAG 2.1 A and AA) on every page and checks that every table can be read at 375 and
//! 1280 px.

use std::path::{Path, PathBuf};
use std::process::Command;

use roxmltree::{Document, Node, ParsingOptions};

use crate::examples::SEEDS;
use crate::support::{
    MEMBERS, built, example_plans, fold, root, stderr, temp_dir, themed_plan, tool_available, vplan,
};

/// The PDF, the web page and the summary of `plan`, built once per run and shared.
fn build(plan: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let built = built(plan);
    (built.pdf.clone(), built.html.clone(), built.summary.clone())
}

/// Builds `plan` into `folder` with the PDF, the web page and the summary; returns the PDF's,
/// the page's and the summary's paths.
fn build_into(plan: &Path, folder: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let pdf = folder.join(plan.with_extension("pdf").file_name().expect("a file name"));
    let output = vplan(&[
        "build",
        plan.to_str().expect("UTF-8"),
        "-o",
        pdf.to_str().expect("UTF-8"),
        "--html",
        "--html-sammanfattning",
    ]);
    assert!(output.status.success(), "vplan build {} --html failed:\n{}", plan.display(), stderr(&output));
    let stem = pdf.file_stem().expect("a stem").to_string_lossy().into_owned();
    (pdf.clone(), pdf.with_extension("html"), folder.join(format!("{stem}-sammanfattning.html")))
}

/// Calls `f` with the file name and the parsed page of every example plan's web page and
/// summary (the shared builds).
fn for_each_example_page(mut f: impl FnMut(&str, &Document)) {
    for plan in example_plans() {
        let (_, page, summary) = build(&plan);
        for page in [page, summary] {
            let html = std::fs::read_to_string(&page).expect("the page is written");
            let name = page.file_name().unwrap().to_string_lossy().into_owned();
            f(&name, &parse(&html));
        }
    }
}

/// Runs tests/browser/tabeller.mjs on `pages`, with its screenshots in `screenshots`.
fn table_check(screenshots: &Path, pages: &[PathBuf]) -> std::process::Output {
    Command::new("node")
        .arg("tabeller.mjs")
        .arg(screenshots)
        .args(pages)
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("node runs")
}

/// Reads a page and parses it as XML: the pages are well-formed, so a stray `<` or `&` from a
/// plan would make this fail rather than pass unnoticed.
fn parse(text: &str) -> Document<'_> {
    Document::parse_with_options(text, ParsingOptions { allow_dtd: true, ..ParsingOptions::default() })
        .unwrap_or_else(|e| panic!("the page is well-formed: {e}"))
}

/// The text of a node as a reader gets it, with a space between elements and whitespace
/// folded: without the invisible room a figure leaves for the decimals of the figures above it
/// (`class="komma"`, hidden from the eye, screen readers and copies).
fn text(node: Node) -> String {
    let parts: Vec<&str> = node
        .descendants()
        .filter(|n| n.is_text() && !n.ancestors().any(|a| a.attribute("class") == Some("komma")))
        .filter_map(|n| n.text())
        .collect();
    fold(&parts.join(" "))
}

fn elements<'a, 'i>(document: &'a Document<'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    document.descendants().filter(move |n| n.has_tag_name(name))
}

fn by_id<'a, 'i>(document: &'a Document<'i>, id: &str) -> Option<Node<'a, 'i>> {
    document.descendants().find(|n| n.attribute("id") == Some(id))
}

/// The rows of every table, each as its cells' text in reading order.
fn table_rows(document: &Document) -> Vec<String> {
    let mut rows: Vec<String> = elements(document, "tr").map(text).collect();
    rows.extend(elements(document, "caption").map(text));
    rows.extend(
        document
            .descendants()
            .filter(|n| n.attribute("class") == Some("noter"))
            .flat_map(|n| n.children().filter(|c| c.is_element()).map(text).collect::<Vec<_>>()),
    );
    rows
}

/// Seed lines that are the PDF's line breaks, not rows: Södra Dalarna's year headings take two
/// lines there ("Årsbudget" over "2025"); on the web page the heading row reads
/// "ID Beskrivning Årsbudget 2025 Årsbudget 2024", which the test checks instead.
const PDF_LINES_ONLY: [&str; 2] = ["Årsbudget Årsbudget", "ID Beskrivning 2025 2024"];

#[test]
fn every_example_plans_web_page_has_the_pdfs_content() {
    for seed in &SEEDS {
        let (_, page, _) = build(&root().join("plans").join(seed.plan));
        let html = std::fs::read_to_string(&page).expect("the page is written");
        let document = parse(&html);
        let plan = seed.plan;

        let root_element = document.root_element();
        assert_eq!(root_element.attribute("lang"), Some("sv"), "{plan}: lang=\"sv\"");
        assert_eq!(elements(&document, "h1").count(), 1, "{plan}: one h1");
        assert_eq!(elements(&document, "script").count(), 0, "{plan}: no scripts");

        // The seed's headings (some plans list only the top level), numbered as in the PDF and
        // in the same order.
        let main = elements(&document, "main").next().expect("a main element");
        let headings: Vec<String> = main
            .descendants()
            .filter(|n| ["h2", "h3", "h4", "h5", "h6"].contains(&n.tag_name().name()))
            .filter(|n| n.attribute("id") != Some("fotnoter"))
            .map(text)
            .collect();
        // Capitals on level-1 headings (`utseende`) come from the style sheet: the text stays as
        // written, for screen readers.
        let mut rest = headings.iter();
        for (number, title) in seed.headings {
            let expected = format!("{number} {title}").to_lowercase();
            assert!(
                rest.any(|h| h.to_lowercase() == expected),
                "{plan}: heading `{expected}`, in order, among {headings:?}"
            );
        }

        // The contents list links to every heading it names, with the heading's text.
        let nav = elements(&document, "nav").next();
        assert_eq!(nav.is_some(), seed.contents, "{plan}: a contents list exactly when the PDF has one");
        for link in nav.iter().flat_map(|nav| nav.descendants().filter(|n| n.has_tag_name("a"))) {
            let target = link.attribute("href").and_then(|h| h.strip_prefix('#')).expect("an anchor");
            let heading = by_id(&document, target).unwrap_or_else(|| panic!("{plan}: #{target} exists"));
            assert_eq!(text(heading), text(link), "{plan}: the contents entry names its heading");
        }

        // Budget, contributions and history rows, notes: the very rows the PDF test expects.
        let rows = table_rows(&document).join("\n").replace(" %", "%");
        for row in seed.budget.iter().filter(|row| !PDF_LINES_ONLY.contains(row)) {
            assert!(rows.contains(&row.replace(" %", "%")), "{plan}: table row `{row}` in:\n{rows}");
        }
        if seed.budget.iter().any(|row| PDF_LINES_ONLY.contains(row)) {
            let heading = "ID Beskrivning Årsbudget 2025 Årsbudget 2024";
            assert!(rows.contains(heading), "{plan}: the heading row `{heading}` in:\n{rows}");
        }
        let all = text(root_element).to_lowercase();
        for fact in seed.facts {
            assert!(all.contains(&fact.to_lowercase()), "{plan}: `{fact}` on the page");
        }

        // Every footnote link has its note, and every note links back.
        for reference in document.descendants().filter(|n| n.attribute("class") == Some("fotnotsref")) {
            let link = reference.first_element_child().expect("a link");
            let note = link.attribute("href").and_then(|h| h.strip_prefix('#')).expect("an anchor");
            let note = by_id(&document, note).unwrap_or_else(|| panic!("{plan}: footnote {note} exists"));
            let back = note.descendants().rfind(|n| n.has_tag_name("a")).expect("a back link");
            assert_eq!(back.attribute("href"), Some(format!("#{}", link.attribute("id").unwrap()).as_str()));
        }

        // Every image has an alternative text (empty only for decoration) and is inlined.
        for image in elements(&document, "img") {
            assert!(image.attribute("alt").is_some(), "{plan}: alt on every image");
            assert!(image.attribute("src").is_some_and(|s| s.starts_with("data:image/")), "{plan}: inlined");
        }
    }
}

#[test]
fn the_summary_shows_each_goal_area_with_its_insatser_and_its_goals() {
    // Fryksdalen: two målområden with verksamhetsmål and no insatser; each stands in the
    // summary with every goal and its målvärde, not as a bare heading.
    let (_, _, summary) = build(&root().join("plans/fryksdalen-2026.yaml"));
    let html = std::fs::read_to_string(&summary).expect("the summary is written");
    let document = parse(&html);
    let headings: Vec<String> = elements(&document, "h3").map(text).collect();
    assert_eq!(headings, ["Individinsats mål:", "Strukturinsats mål:"], "{headings:?}");
    let items: Vec<String> = elements(&document, "li").map(text).collect();
    assert_eq!(items.len(), 6, "the six verksamhetsmål: {items:?}");
    assert!(
        items.iter().any(|i| i.starts_with("Personer som har deltagit") && i.ends_with("minst 60 personer")),
        "{items:?}"
    );
    assert!(items.iter().any(|i| i.ends_with("en, våren 2026")), "{items:?}");
}

#[test]
fn the_summary_has_the_goal_areas_the_budget_totals_and_a_link_to_the_pdf() {
    // Nedansiljan: four målområden with insatser, a budget in tkr.
    let (pdf, page, summary) = build(&root().join("plans/nedansiljan-2026.yaml"));
    let html = std::fs::read_to_string(&summary).expect("the summary is written");
    let document = parse(&html);
    let all = text(document.root_element());
    assert!(all.contains("Verksamhetsplan 2026 i sammanfattning"), "{all}");
    assert!(all.contains("Nedansiljans samordningsförbund"), "{all}");
    let headings: Vec<String> = elements(&document, "h3").map(text).collect();
    assert_eq!(headings.len(), 4, "the four målområden: {headings:?}");
    assert!(headings[0].starts_with("Målområde 1"), "{headings:?}");
    assert!(all.contains("Följa upp och vidareutveckla de insatser som förbundet finansierar"), "{all}");
    let rows = table_rows(&document);
    for total in ["Totalt ingående beslutsutrymme 4 762 4 419 3 980", "Totala kostnader 3 605 3 701 3 399"] {
        assert!(rows.iter().any(|r| r == total), "total `{total}` in {rows:?}");
    }
    // The top-level rows: a line outside any group, a group by its own name with its sum.
    assert!(rows.iter().any(|r| r == "Styrelse 99 105 106"), "a line outside a group: {rows:?}");
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r.split(|c: char| c.is_ascii_digit() || c == '−').next().unwrap().trim())
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "every row of the summary has a name of its own: {names:?}");
    let pdf_name = pdf.file_name().unwrap().to_str().unwrap();
    assert!(elements(&document, "a").any(|a| a.attribute("href") == Some(pdf_name)), "a link to {pdf_name}");
    // The page links to the PDF too, and the summary is much shorter than the page.
    let full = std::fs::read_to_string(&page).expect("the page is written");
    assert!(full.contains(&format!("href=\"{pdf_name}\"")));
    assert!(html.len() * 2 < full.len(), "the summary is short");
}

#[test]
fn every_html_special_character_and_a_script_tag_appear_as_text() {
    let (_, page, summary) = build(&root().join("tests/fixtures/special/html.yaml"));
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    for name in ["script", "b", "i", "img", "td_", "th_"] {
        assert_eq!(elements(&document, name).count(), 0, "no <{name}> element from the plan");
    }
    assert_eq!(elements(&document, "h1").count(), 1, "the heading's <h1> stays text");
    assert!(
        !document.descendants().any(|n| n.attributes().any(|a| a.name().starts_with("on"))),
        "no event handler attribute"
    );
    let all = text(document.root_element());
    for expected in [
        // Plain fields: the förbund's name, tagline, title, cover facts.
        "Förbundet <b>fet</b> & \"citat\" 'apostrof' &amp; &lt;",
        "<script>alert('omslagsrad')</script>",
        "Plan <script>alert(1)</script> 2026",
        "<img src=x onerror=alert(2)>",
        "DNR <1> & \"2\"",
        "Beslutad </p><p>ny paragraf",
        "--> <!-- kommentar --> ]]> <![CDATA[ x ]]>",
        // A heading, Markdown text with its escapes, a link, code, a footnote.
        "1 Rubrik <h1>inte en rubrik</h1> & <script>alert(3)</script>",
        "Text med <script>alert(4)</script> och <b>fet</b> & ”dubbla” ’enkla’ ---> slut.",
        "länk ”med” <tecken>",
        "<code>",
        "Fotnot med <i>kursiv</i> & ”citat”.",
        // Table cells and caption, insatser, verksamhetsmål, budget labels and notes.
        "<th>Kol</th> Kol & 2",
        "<td>cell</td> a & b",
        "”’ <script>alert(5)</script>",
        "Tabell <caption> & ”text”",
        "Insats <script>alert(6)</script> & ’x’",
        "Mål <b>x</b> > 50 % & < 90 %",
        "Anslag <script>alert(7)</script> 1 000",
        "Kostnad <&> * 600",
        "Summa <kostnader> 600",
        "Resultat & <result> 400",
        "* Not med <b> & \"citat\"",
        "Kommun <a href=\"x\"> 25 % 250 kr",
    ] {
        assert!(all.contains(expected), "`{expected}` appears literally in:\n{all}");
    }
    let keywords = elements(&document, "meta").find(|m| m.attribute("name") == Some("keywords"));
    assert_eq!(keywords.and_then(|m| m.attribute("content")), Some("<a>, b & \"c\", 'd'"), "keywords");
    let link = elements(&document, "a").find(|a| text(*a) == "länk ”med” <tecken>").expect("the link");
    assert_eq!(link.attribute("href"), Some("https://example.org/a?b=1&c=\"2\"'3'"));

    let summary = std::fs::read_to_string(&summary).expect("the summary is written");
    let document = parse(&summary);
    assert_eq!(elements(&document, "script").count(), 0, "no <script> in the summary");
    assert!(text(document.root_element()).contains("Insats <script>alert(6)</script> & ’x’"));
}

#[test]
fn the_plans_theme_styles_the_page() {
    let (_, page, _) = build(&themed_plan());
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    let style = elements(&document, "style").next().and_then(|s| s.text()).expect("a style sheet");
    for rule in [
        "--accent: #7a1f3d;",
        "--fyllnad: #f3e6ea;",
        "--linje: #c9a3b0;",
        "font-family: Caladea, Cambria, Georgia, serif;",
        "font-family: Carlito, Calibri,",
        "@media print",
    ] {
        assert!(style.contains(rule), "`{rule}` in the style sheet");
    }
    let header = elements(&document, "header").next().expect("the cover");
    assert_eq!(header.attribute("class"), Some("omslag center"), "centred, not in capitals");
    let picture = header.descendants().find(|n| n.has_tag_name("img")).expect("the cover picture");
    assert_eq!(picture.attribute("alt"), Some("Ett landskap med gröna kullar och en sol"));
    assert!(picture.attribute("src").is_some_and(|s| s.starts_with("data:image/svg+xml;base64,")));
}

#[test]
fn the_decision_block_closes_the_page_with_its_att_satser_as_a_list() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let body = "dokument:
  år: 2026
  datum: 2025-11-20
avsnitt:
  - rubrik: Inledning
    text: |
      Text med en fotnot.[^1]

      [^1]: Fotnoten.
förslag_till_beslut:
  inledning: Testbygdens samordningsförbund föreslås besluta
  att:
    - godkänna verksamhetsplanen för 2026
    - '\"uppdra\" åt <förbundschefen> att följa upp planen'
  ort: Testby
  datum: 2025-11-21
  underskrifter:
    - { namn: Anna Andersson, roll: Ordförande }
    - { namn: Bo Berg }
";
    std::fs::write(&plan, format!("{MEMBERS}{body}")).unwrap();
    let (_, page, _) = build_into(&plan, folder.path());
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    let section = by_id(&document, "forslag-till-beslut").and_then(|h| h.parent()).expect("the decision");
    assert_eq!(section.tag_name().name(), "section");
    let items: Vec<String> = section
        .descendants()
        .filter(|n| n.has_tag_name("ul"))
        .flat_map(|l| l.children().filter(Node::is_element))
        .map(text)
        .collect();
    assert_eq!(
        items,
        [
            "att godkänna verksamhetsplanen för 2026",
            "att \"uppdra\" åt <förbundschefen> att följa upp planen",
            "Anna Andersson Ordförande",
            "Bo Berg",
        ]
    );
    let all = text(section);
    assert!(all.starts_with("Förslag till beslut Testbygdens samordningsförbund föreslås besluta"), "{all}");
    assert!(all.contains("Testby den 21 november 2025"), "{all}");
    // Last in the contents list, after the sections; the footnotes come after it on the page.
    let nav = elements(&document, "nav").next().expect("a contents list");
    let last = nav.descendants().rfind(|n| n.has_tag_name("a")).expect("entries");
    assert_eq!(last.attribute("href"), Some("#forslag-till-beslut"));
    assert!(html.find("id=\"forslag-till-beslut\"") < html.find("id=\"fotnoter\""));
}

#[test]
fn two_builds_give_byte_identical_web_pages() {
    for plan in ["plans/nedansiljan-2026.yaml", "tests/fixtures/special/html.yaml"] {
        // The shared build and one of its own.
        let second = temp_dir();
        let (_, page_a, summary_a) = build(&root().join(plan));
        let (_, page_b, summary_b) = build_into(&root().join(plan), second.path());
        let read = |p: &Path| std::fs::read(p).expect("written");
        assert!(read(&page_a) == read(&page_b), "{plan}: the same page twice");
        assert!(read(&summary_a) == read(&summary_b), "{plan}: the same summary twice");
    }
}

/// Runs tests/browser/axe.mjs on `pages`; returns its exit status and its report.
fn axe(pages: &[PathBuf], screenshots: &Path) -> (bool, String) {
    let browser = root().join("tests/browser");
    assert!(
        browser.join("node_modules/playwright-core").is_dir()
            && browser.join("node_modules/axe-core").is_dir(),
        "the browser test needs its npm packages: run `npm ci` in tests/browser (bash .ci/run does)"
    );
    let output = Command::new("node")
        .arg("axe.mjs")
        .arg(screenshots)
        .args(pages)
        .current_dir(&browser)
        .output()
        .expect("node runs");
    let report =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "the browser test could not run (is Debian's `chromium` installed? bash .ci/run installs it):\n{report}"
    );
    (output.status.success(), report)
}

#[test]
fn every_example_plans_web_pages_pass_axe_and_show_every_table_cell_in_chromium() {
    if !tool_available("node", Command::new("node").arg("--version")) {
        return;
    }
    let folder = temp_dir();
    let mut pages = Vec::new();
    let mut plans = example_plans();
    plans.push(themed_plan());
    for plan in plans {
        let (_, page, summary) = build(&plan);
        pages.extend([page, summary]);
    }
    // Screenshots at 1280 and 375 px, kept for a person to look at.
    let screenshots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("webbsidor");
    std::fs::create_dir_all(&screenshots).expect("a folder for the screenshots");
    let (passed, report) = axe(&pages, &screenshots);
    assert!(passed, "axe-core found violations, or a page scrolls sideways at 320 px:\n{report}");
    assert_eq!(report.lines().filter(|l| l.contains("\"ok\":true")).count(), pages.len(), "{report}");
    eprintln!("skärmbilderna ligger i {}", screenshots.display());

    // Every table at 375 and 1280 px: no cell's text cut, every figure in sight or in a box
    // that scrolls and shows it (tests/browser/tabeller.mjs).
    let output = table_check(&screenshots, &pages);
    let report =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "tables cut or out of sight on a phone or a desktop:\n{report}");
    assert_eq!(report.lines().filter(|l| l.contains("\"ok\":true")).count(), pages.len() * 2, "{report}");
    // The comma check met "25 %" over "17,5 %" (Västra Värmland's medlemsbidrag) at both widths.
    for width in [375, 1280] {
        let line = report
            .lines()
            .find(|l| {
                l.contains("\"page\":\"vastra-varmland-norra-dalsland-2025\"")
                    && l.contains(&format!("\"width\":{width},"))
            })
            .unwrap_or_else(|| panic!("Västra Värmland at {width} px:\n{report}"));
        let mixed: usize = line
            .split("\"mixed\":")
            .nth(1)
            .and_then(|m| m.split(',').next())
            .and_then(|m| m.parse().ok())
            .expect("a count");
        assert!(mixed >= 1, "a column with and without decimals checked at {width} px: {line}");
    }

    // The check can fail: a page without language, alternative text or contrast does.
    let bad = folder.path().join("dalig.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>x</h1>\
         <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" />\
         <p style=\"color:#bbb\">svag kontrast</p></main></body></html>",
    )
    .expect("written");
    let (passed, report) = axe(&[bad], &screenshots);
    assert!(!passed, "a page with violations fails:\n{report}");
    for rule in ["html-has-lang", "image-alt", "color-contrast"] {
        assert!(report.contains(&format!("\"id\":\"{rule}\"")), "axe reports `{rule}`:\n{report}");
    }

    // The table check can fail too: an SVG image whose smallest text (13 of 600 units) is drawn
    // 351 px wide is 7.6 px tall, and a figure cut without a cue.
    let small = folder.path().join("liten.html");
    std::fs::write(
        &small,
        "<!DOCTYPE html><html lang=\"sv\"><head><title>x</title></head><body style=\"margin:0\"><main>\
         <figure style=\"margin:0\"><div class=\"bildruta\"><img style=\"display:block;width:351px;height:10px\" data-bredd=\"600\" \
         data-minsta-text=\"13\" alt=\"liten\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" /></div>\
         <p class=\"svep\">svep</p></figure><table style=\"text-align:right\"><tr><td class=\"belopp\">25 %</td></tr>\
         <tr><td class=\"belopp\">17,5 %</td></tr></table></main></body></html>",
    )
    .expect("written");
    let output = table_check(&screenshots, std::slice::from_ref(&small));
    let report = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "a page with small image text fails:\n{report}");
    assert!(report.contains("image text 7.6 px tall"), "{report}");
    assert!(report.contains("under an image that fits"), "{report}");
    assert!(report.contains("figures off their comma by"), "{report}");
}

/// The Typst markup `text` shows, if any: a function call (`#block(`, `#strong[`), a set or
/// show rule, an argument such as `sticky: true`, or the `])` that closes a call's content;
/// each found as `(markup, the text around it)`.
fn typst_syntax(text: &str) -> Vec<(String, String)> {
    let bytes = text.as_bytes();
    let around = |at: usize| text[at..].chars().take(40).collect::<String>();
    let mut found = Vec::new();
    for (at, _) in text.match_indices('#') {
        let name: String = text[at + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let after = bytes.get(at + 1 + name.len()).copied();
        if !name.is_empty()
            && (matches!(after, Some(b'(' | b'[')) || ["set", "show", "let"].contains(&name.as_str()))
        {
            found.push((format!("#{name}"), around(at)));
        }
    }
    for markup in ["sticky:", "spacing: 1em", "par[", "])"] {
        found.extend(text.match_indices(markup).map(|(at, m)| (m.to_owned(), around(at))));
    }
    found
}

/// The text a reader sees on a page: everything in the body, without style sheets.
fn visible_text(document: &Document) -> String {
    let body = elements(document, "body").next().expect("a body");
    let parts: Vec<&str> = body
        .descendants()
        .filter(|n| n.is_text() && !n.ancestors().any(|a| a.has_tag_name("style")))
        .filter_map(|n| n.text())
        .collect();
    parts.join(" ")
}

#[test]
fn no_web_page_shows_typst_markup() {
    assert_eq!(typst_syntax("Så här: #block(sticky: true, spacing: 1em, par[Budget])").len(), 5);
    assert_eq!(typst_syntax("Noter ])").len(), 1);
    assert!(typst_syntax("Plats #1 i länet, 50 % (ca)").is_empty());
    let folder = temp_dir();
    let mut plans = example_plans();
    for fixtures in ["tests/fixtures/special", "tests/fixtures/warnings"] {
        let mut more: Vec<PathBuf> = std::fs::read_dir(root().join(fixtures))
            .expect("the fixtures")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        more.sort();
        plans.extend(more);
    }
    plans.push(root().join("tests/fixtures/utseende/tema.yaml"));
    let mut found = Vec::new();
    for plan in &plans {
        // Typst a plan types itself (tests/fixtures/special/specialtecken.yaml) is its text.
        let source = std::fs::read_to_string(plan).expect("the plan");
        // A follow-up (a warning fixture with `rapport:`) has a page but no summary.
        let pages = if source.lines().any(|l| l.starts_with("rapport:")) {
            vec![build_followup_page(plan.to_str().expect("UTF-8"), folder.path())]
        } else {
            let (_, page, summary) = build_into(plan, folder.path());
            vec![page, summary]
        };
        for page in pages {
            let html = std::fs::read_to_string(&page).expect("the page is written");
            for (markup, around) in typst_syntax(&visible_text(&parse(&html))) {
                if !source.contains(&markup) {
                    found.push(format!("{}: `{around}`", page.file_name().unwrap().to_string_lossy()));
                }
            }
        }
    }
    assert!(found.is_empty(), "Typst markup on web pages:\n{}", found.join("\n"));
}

#[test]
fn a_markdown_pipe_table_is_a_table_in_the_pdf_and_on_the_page() {
    let folder = temp_dir();
    let (pdf, page, _) =
        build_into(&root().join("tests/fixtures/special/markdown-tabell.yaml"), folder.path());
    let printed = crate::support::pdf_text(&pdf, None, true);
    assert!(!printed.contains('|'), "no pipe characters left in the PDF:\n{printed}");
    for row in ["Insats Deltagare Andel", "Navet 120 60 %", "Steget & ”Vägen” 80 40 %", "Summa 200 100 %"]
    {
        assert!(printed.contains(row), "the row `{row}` in the PDF:\n{printed}");
    }
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    let table = elements(&document, "table").next().expect("a table on the page");
    let headers: Vec<String> = table.descendants().filter(|n| n.has_tag_name("th")).map(text).collect();
    assert_eq!(headers, ["Insats", "Deltagare", "Andel"]);
    assert!(
        table.descendants().filter(|n| n.has_tag_name("th")).all(|n| n.attribute("scope") == Some("col"))
    );
    let rows: Vec<String> = table.descendants().filter(|n| n.has_tag_name("tr")).skip(1).map(text).collect();
    assert_eq!(rows, ["Navet 120 60 %", "Steget & ”Vägen” 80 40 %", "Summa 200 100 %"]);
    let cell = table.descendants().find(|n| n.has_tag_name("td") && text(*n) == "120").expect("a figure");
    assert_eq!((cell.attribute("class"), cell.attribute("data-rubrik")), (Some("right"), Some("Deltagare")));
    assert!(!text(document.root_element()).contains('|'), "no pipe characters left on the page");
}

#[test]
fn every_row_group_header_labels_the_rows_of_its_own_tbody() {
    let mut found = Vec::new();
    let mut groups = 0;
    for_each_example_page(|name, document| {
        for header in document.descendants().filter(|n| n.attribute("scope") == Some("rowgroup")) {
            groups += 1;
            let tbody = header.ancestors().find(|n| n.has_tag_name("tbody"));
            let cells = tbody.map_or(0, |b| {
                b.descendants().filter(|n| n.has_tag_name("td") && !text(*n).is_empty()).count()
            });
            if cells == 0 {
                found.push(format!("{name}: `{}` labels no cell of its tbody", text(header)));
            }
        }
        // No header cell without text, seen or for screen readers.
        for th in elements(document, "th").filter(|th| text(*th).is_empty()) {
            found.push(format!("{name}: an empty header cell in `{}`", text(th.parent().unwrap())));
        }
    });
    assert!(groups > 20, "the example budgets have groups: {groups}");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_summary_has_every_top_level_budget_row_and_the_plans_totals() {
    let mut checked = 0;
    for plan in example_plans() {
        let (_, page, summary) = build(&plan);
        let name = plan.file_name().unwrap().to_string_lossy().into_owned();
        let rows = |path: &Path, kinds: &[&str]| -> Vec<String> {
            let html = std::fs::read_to_string(path).expect("the page is written");
            let document = parse(&html);
            // The plan's whole budget is the first budget table on the page.
            let budget = |t: &Node| {
                t.parent()
                    .and_then(|d| d.attribute("aria-labelledby"))
                    .is_some_and(|ids| ids.split(' ').any(|id| id.starts_with("budget")))
            };
            let Some(table) = elements(&document, "table").find(budget) else {
                return Vec::new();
            };
            table
                .descendants()
                .filter(|n| n.has_tag_name("tr") && kinds.contains(&n.attribute("class").unwrap_or("")))
                .map(text)
                .collect()
        };
        let summary_rows = rows(&summary, &["line", "total", "result", "opening", "subtotal"]);
        // Every line outside a group and every total of the page's first budget, with the same
        // figures (that budget may show fewer years than the whole).
        for row in rows(&page, &["line", "total", "result", "opening"]) {
            // Note markers are numbered per table: only the names and figures are compared.
            let bare = |r: &str| fold(&r.replace('*', ""));
            let row = bare(&row);
            let shown =
                summary_rows.iter().map(|r| bare(r)).any(|r| r == row || r.starts_with(&format!("{row} ")));
            assert!(shown, "{name}: `{row}` in the summary:\n{summary_rows:#?}");
            checked += 1;
        }
    }
    assert!(checked > 20, "the summaries were compared: {checked}");
}

/// Builds the follow-up `file` with its web page into `folder`; returns the page's path.
fn build_followup_page(file: &str, folder: &Path) -> PathBuf {
    let pdf = folder.join(Path::new(file).with_extension("pdf").file_name().expect("a name"));
    let output = vplan(&["build", file, "-o", pdf.to_str().expect("UTF-8"), "--html"]);
    assert_eq!(output.status.code(), Some(0), "{file} --html: {}", stderr(&output));
    pdf.with_extension("html")
}

#[test]
fn followup_web_pages_have_every_table_semantic_and_build_to_the_same_bytes() {
    use crate::followup::{ANNUAL, INTERIM};
    let (first, second) = (temp_dir(), temp_dir());
    for (file, expected) in [
        (
            INTERIM,
            &[
                "Resultat, prognos helår −79 tkr",
                "Förbrukat av kostnaderna 58 % (av året: 67 %)",
                "Styrelse 99 61 62 % 95 −4 −4 %",
                "Samverkansinsatser 3 075 1 738 57 % 2 815 −260 −8 %",
                "Summa kostnader 3 605 2 089 58 % 3 341 −264 −7 %",
                "Eget kapital i procent av tilldelade medel 43,6 % (högst 20 %)",
                "Rehabilitering & arbete 23 17 40 1 992 1 310 Pågår",
                "◐ Delvis uppfyllt",
                "✓ Uppfyllt",
                "att godkänna delårsrapporten för januari–augusti 2026",
            ][..],
        ),
        (
            ANNUAL,
            &[
                "Årets resultat −25 tkr",
                "Eget kapital vid årets slut 1 475 tkr (45,2 % av tilldelade medel)",
                "Styrelse 99 94 −5 −5 %",
                "Summa kostnader 3 605 3 287 −318 −9 %",
                "Summa verksamhetens kostnader −3 287 −3 028",
                "Årets resultat −25 324",
                "Summa tillgångar 1 815 1 805",
                "Summa eget kapital och skulder 1 815 1 805",
                "Teamet har mött 53 deltagare under året.",
                "att fastställa årsredovisningen för 2026",
            ][..],
        ),
    ] {
        let page = build_followup_page(file, first.path());
        let again = build_followup_page(file, second.path());
        let source = std::fs::read_to_string(&page).expect("the page");
        assert!(source.as_bytes() == std::fs::read(&again).expect("the page"), "{file}: two builds differ");
        let document = parse(&source);
        let html = document.root_element();
        assert_eq!(html.attribute("lang"), Some("sv"), "{file}");
        assert_eq!(elements(&document, "h1").count(), 1, "{file}: one h1");
        for landmark in ["header", "main", "footer"] {
            assert_eq!(elements(&document, landmark).count(), 1, "{file}: one <{landmark}>");
        }
        let tables: Vec<_> = elements(&document, "table").collect();
        assert!(tables.len() >= 4, "{file}: the report's tables");
        for table in &tables {
            assert!(table.children().any(|c| c.has_tag_name("caption")), "{file}: every table has a caption");
        }
        for th in elements(&document, "th") {
            assert!(th.attribute("scope").is_some(), "{file}: a header cell without scope: {}", text(th));
        }
        let body = text(document.root_element());
        for wanted in expected {
            assert!(body.contains(wanted), "{file}: `{wanted}` on the page:\n{body}");
        }
        let captions: Vec<String> = elements(&document, "caption").map(text).collect();
        let wanted: &[&str] = if file == ANNUAL {
            &[
                "Driftredovisning",
                "Resultaträkning",
                "Balansräkning",
                "Eget kapital",
                "Insatser",
                "Måluppfyllelse",
            ]
        } else {
            &["Budgetuppföljning", "Eget kapital", "Insatser", "Måluppfyllelse"]
        };
        for caption in wanted {
            assert!(
                captions.iter().any(|c| c.starts_with(caption)),
                "{file}: a table `{caption}`: {captions:?}"
            );
        }
        // The link to the PDF beside it.
        let pdf = page.with_extension("pdf");
        let name = pdf.file_name().expect("a name").to_string_lossy().into_owned();
        assert!(elements(&document, "a").any(|a| a.attribute("href") == Some(name.as_str())), "{file}");
    }
}

#[test]
fn followup_web_pages_pass_axe() {
    use crate::followup::{ANNUAL, INTERIM};
    if !tool_available("node", Command::new("node").arg("--version")) {
        return;
    }
    let folder = temp_dir();
    let pages: Vec<PathBuf> =
        [INTERIM, ANNUAL].iter().map(|f| build_followup_page(f, folder.path())).collect();
    let screenshots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("uppfoljningar");
    std::fs::create_dir_all(&screenshots).expect("a folder for the screenshots");
    let (passed, report) = axe(&pages, &screenshots);
    assert!(passed, "axe-core found violations, or a page scrolls sideways at 320 px:\n{report}");
    assert_eq!(report.lines().filter(|l| l.contains("\"ok\":true")).count(), pages.len(), "{report}");
}

#[test]
fn followup_summary_page_is_refused_in_swedish() {
    let folder = temp_dir();
    let pdf = folder.path().join("rapport.pdf");
    let output = vplan(&[
        "build",
        crate::followup::INTERIM,
        "-o",
        pdf.to_str().expect("UTF-8"),
        "--html-sammanfattning",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--html-sammanfattning finns inte för uppföljningar"),
        "{}",
        stderr(&output)
    );
    assert!(!pdf.exists(), "nothing written");
}

#[test]
fn followup_web_page_shows_special_characters_as_typed() {
    use crate::followup::INTERIM;
    let folder = temp_dir();
    let examples = root().join("plans/uppfoljning");
    std::fs::copy(examples.join("nedansiljan-2026.yaml"), folder.path().join("nedansiljan-2026.yaml"))
        .expect("the plan");
    let typed = "<script>alert(1)</script> & \"citat\" 5 < 6";
    let text = std::fs::read_to_string(root().join(INTERIM)).expect("the example");
    let edited = text
        .replace("kommentar: Tre möten återstår under hösten.", &format!("kommentar: '{typed}'"))
        .replace("rubrik: Väsentliga händelser under perioden", &format!("rubrik: '{typed}'"));
    assert_ne!(text, edited, "the example has the comment and the heading");
    let report = folder.path().join("rapport.yaml");
    std::fs::write(&report, edited).expect("written");
    let page = build_followup_page(report.to_str().expect("UTF-8"), folder.path());
    let source = std::fs::read_to_string(&page).expect("the page");
    let document = parse(&source);
    assert!(!elements(&document, "script").any(|_| true), "no script element from the report");
    let headings: Vec<String> = elements(&document, "h2").map(text_of).collect();
    assert!(headings.iter().any(|h| h == typed), "the heading as typed: {headings:?}");
    let cells: Vec<String> = elements(&document, "td").map(text_of).collect();
    assert!(cells.iter().any(|c| c == typed), "the comment as typed");
}

/// A node's text exactly, without folding.
fn text_of(node: Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

/// Whether `phrase` stands in `text` as words of their own (case-insensitive): "Ekonomi" in
/// "Budget, Ekonomi", but not "mål" in "Verksamhetsmål".
fn names_phrase(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (text.to_lowercase(), phrase.to_lowercase());
    let phrase = phrase.trim().trim_end_matches(':');
    !phrase.is_empty()
        && text.match_indices(phrase).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

#[test]
fn no_table_caption_repeats_the_heading_above_it() {
    assert!(names_phrase("Budget, Ekonomi", "Ekonomi"));
    assert!(names_phrase("Budget 2019", "Budget 2019"));
    assert!(!names_phrase("Verksamhetsmål", "Mål"));
    let mut found = Vec::new();
    let mut captions = 0;
    for_each_example_page(|name, document| {
        let mut heading = String::new();
        for node in document.descendants().filter(Node::is_element) {
            let tag = node.tag_name().name();
            if ["h1", "h2", "h3", "h4", "h5", "h6"].contains(&tag) {
                // The heading's text without its number.
                heading = node
                    .descendants()
                    .filter(|n| {
                        n.is_text() && n.parent().and_then(|p| p.attribute("class")) != Some("nummer")
                    })
                    .filter_map(|n| n.text())
                    .collect::<String>();
            } else if tag == "caption" {
                captions += 1;
                // What the caption says besides the unit.
                let own: String = node
                    .descendants()
                    .filter(|n| n.is_text() && !n.ancestors().any(|a| a.attribute("class") == Some("enhet")))
                    .filter_map(|n| n.text())
                    .collect();
                if names_phrase(&own, &heading) {
                    found.push(format!("{name}: caption `{}` under the heading `{heading}`", own.trim()));
                }
            }
        }
        // Every table region is still named, by its heading and its caption.
        for region in document.descendants().filter(|n| n.attribute("role") == Some("region")) {
            let label = region.attribute("aria-labelledby").map(|ids| {
                ids.split(' ').map(|id| by_id(document, id).map(text).unwrap_or_default()).collect::<Vec<_>>()
            });
            let named = region.attribute("aria-label").is_some_and(|l| !l.is_empty())
                || label.as_ref().is_some_and(|parts| parts.iter().all(|p| !p.is_empty()));
            if !named {
                found.push(format!("{name}: a table region without a name: {label:?}"));
            }
        }
    });
    assert!(captions > 15, "the example pages have captions: {captions}");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_plan_whose_first_heading_is_its_title_shows_the_title_once() {
    // Södra Dalarna: `visa_titel: false`, the first heading "VERKSAMHETSPLAN OCH BUDGET ÅR
    // 2025 OCH LÅNGSIKTIG INRIKTNING 2026-2028" is the title.
    let (_, page, _) = build(&root().join("plans/sodra-dalarna-2025.yaml"));
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    let titles: Vec<String> = document
        .descendants()
        .filter(|n| ["h1", "h2", "h3", "p"].contains(&n.tag_name().name()))
        .map(text)
        .filter(|t| t.to_lowercase().starts_with("verksamhetsplan och budget år 2025"))
        .collect();
    assert_eq!(titles.len(), 1, "the title once: {titles:?}");
    let h1: Vec<String> = elements(&document, "h1").map(text).collect();
    assert_eq!(
        h1,
        ["VERKSAMHETSPLAN OCH BUDGET ÅR 2025 OCH LÅNGSIKTIG INRIKTNING 2026–2028"],
        "the title is the h1"
    );
    // The document's title is still the window's.
    let title = elements(&document, "title").next().map(text).expect("a title");
    assert!(title.starts_with("Verksamhetsplan och budget år 2025"), "{title}");
}

/// The bytes of a `data:…;base64,` address.
fn data_url_bytes(src: &str) -> Vec<u8> {
    let data = src.split_once(";base64,").map(|(_, d)| d).expect("a base64 data: address");
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = data.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, d)| n | u32::from(*d) << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

#[test]
fn svg_images_on_the_web_page_have_their_text_in_the_plans_fonts_and_keep_it_readable() {
    assert_eq!(data_url_bytes("data:image/svg+xml;base64,Zm9vYmE="), b"fooba");
    // The three example plans with SVG images; each image names Carlito, which a reader's
    // browser seldom has (it fell back to a serif font).
    for plan in ["nedansiljan-2026", "norra-dalarna-2025", "vastra-varmland-norra-dalsland-2025"] {
        let (_, page, _) = build(&root().join(format!("plans/{plan}.yaml")));
        let html = std::fs::read_to_string(&page).expect("the page is written");
        let document = parse(&html);
        let images: Vec<Node> = elements(&document, "img")
            .filter(|i| i.attribute("src").is_some_and(|s| s.starts_with("data:image/svg+xml")))
            .collect();
        assert!(!images.is_empty(), "{plan}: an SVG image on the page");
        for image in images {
            let svg = String::from_utf8(data_url_bytes(image.attribute("src").unwrap())).expect("UTF-8");
            let svg = parse(&svg);
            let root = svg.root_element();
            assert_eq!(root.tag_name().name(), "svg", "{plan}");
            for element in root.descendants().filter(Node::is_element) {
                let name = element.tag_name().name();
                assert!(!["text", "tspan", "script", "style"].contains(&name), "{plan}: no <{name}> left");
                for attribute in element.attributes() {
                    assert!(
                        !attribute.name().starts_with("font") && !attribute.name().starts_with("on"),
                        "{plan}: no {}=\"{}\" left",
                        attribute.name(),
                        attribute.value()
                    );
                }
            }
            let outlines: usize = root.descendants().filter_map(|n| n.attribute("d")).map(str::len).sum();
            assert!(outlines > 20_000, "{plan}: letters as outlines ({outlines} characters of paths)");
            // What the browser test needs to check the text's size at 375 px: the picture's
            // width (600) and its smallest text (16 in the key figures, 13 in the organisation).
            let smallest = if plan.starts_with("vastra") { "13" } else { "16" };
            assert_eq!(
                (image.attribute("data-bredd"), image.attribute("data-minsta-text")),
                (Some("600"), Some(smallest)),
                "{plan}"
            );
            // 11 px for its smallest text: 600 × 11 / 13 = 507.7, 600 × 11 / 16 = 412.5.
            let min_width = if plan.starts_with("vastra") { "min-width: 508px" } else { "min-width: 413px" };
            assert!(
                image.attribute("style").is_some_and(|s| s.starts_with(min_width)),
                "{plan}: {min_width}"
            );
            let figure = image.ancestors().find(|n| n.has_tag_name("figure")).expect("a figure");
            assert!(
                figure.descendants().any(|n| n.attribute("class") == Some("svep")),
                "{plan}: the line under a picture that scrolls"
            );
        }
    }
}

#[test]
fn a_figure_without_the_columns_decimals_leaves_invisible_room_for_them() {
    // Västra Värmland's medlemsbidrag: "25 %" over "17,5 %" (Chromium measures the commas in
    // tests/browser/tabeller.mjs; this is what it measures).
    let (_, page, _) = build(&root().join("plans/vastra-varmland-norra-dalsland-2025.yaml"));
    let html = std::fs::read_to_string(&page).expect("the page is written");
    let document = parse(&html);
    let shares: Vec<Node> =
        elements(&document, "td").filter(|td| td.attribute("data-rubrik") == Some("Andel")).collect();
    let room = |td: &Node| {
        td.descendants()
            .find(|n| n.attribute("class") == Some("komma"))
            .map(|n| (n.attribute("aria-hidden").map(str::to_owned), text_of(n)))
    };
    let by_text =
        |wanted: &str| shares.iter().find(|td| text(**td) == wanted).unwrap_or_else(|| panic!("`{wanted}`"));
    assert_eq!(room(by_text("25 %")), Some((Some("true".to_owned()), ",0".to_owned())));
    assert_eq!(room(by_text("100 %")), Some((Some("true".to_owned()), ",0".to_owned())), "the total too");
    assert_eq!(room(by_text("17,5 %")), None);
    // The amounts have no decimals: nothing to leave room for.
    assert!(
        elements(&document, "td")
            .filter(|td| td.attribute("data-rubrik") == Some("Bidrag 2025"))
            .all(|td| room(&td).is_none())
    );
}
