//! Page make-up as a board member reads it, checked by tools that are not vplan's: the
//! page-by-page text from poppler's pdftotext and the structure tree from pikepdf, through
//! tests/tools/makeup_check.py, on every example plan, the themed fixture and generated plans
//! of about 10, 50 and 200 pages (benches/common); and the independent validator `page`
//! (PyPI: page-validation) with the profiles PDF/A-2a and PDF/UA-1, through
//! tests/tools/page_validation.py.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{built, example_plans, root, shared_plan, stderr, temp_dir, themed_plan, vplan};

#[path = "../../benches/common/mod.rs"]
#[allow(unused_imports, reason = "the benchmarks' helpers, of which these tests use the plan generator")]
mod common;

fn python(script: &str, args: &[&str]) -> serde_json::Value {
    let script = root().join("tests/tools").join(script);
    let output = Command::new("python3")
        .arg(&script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed (bash .ci/run installs it): {e}"));
    assert!(
        output.status.success(),
        "{} {args:?} failed (bash .ci/run installs pikepdf, poppler-utils and page-validation): {}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

fn build(plan: &Path, folder: &Path) -> PathBuf {
    let pdf = folder.join(plan.with_extension("pdf").file_name().unwrap());
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}: {}", plan.display(), stderr(&output));
    assert!(!stderr(&output).contains("converge"), "Typst's layout did not settle: {}", stderr(&output));
    pdf
}

/// Writes the plan `source` as `name`.yaml in a folder of its own and builds it; the folder
/// lives as long as the returned guard.
fn build_source(name: &str, source: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = temp_dir();
    let plan = folder.path().join(format!("{name}.yaml"));
    std::fs::write(&plan, source).unwrap();
    let pdf = build(&plan, folder.path());
    (folder, pdf)
}

/// The make-up faults the checker finds in `pdf`, one per line.
fn faults(pdf: &Path) -> Vec<String> {
    let report = python("makeup_check.py", &[pdf.to_str().unwrap()]);
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| format!("{}: page {}: {}: {}", pdf.display(), f[0], f[1].as_str().unwrap(), f[2]))
        .collect()
}

#[test]
fn example_plans_are_made_up_well() {
    let mut all = Vec::new();
    for plan in example_plans().into_iter().chain([themed_plan()]) {
        // No page leaves a hole: Södra Dalarna's budget, which once moved whole to the next
        // page and left half of page 5 empty, starts under its heading and continues.
        all.extend(faults(&built(&plan).pdf));
    }
    assert!(all.is_empty(), "make-up faults:\n{}", all.join("\n"));
}

/// The generated plan `name` of [`common::GENERATED`], written and built once per run.
fn generated(name: &str) -> &'static Path {
    let (_, chapters) = common::GENERATED.iter().find(|(n, _)| *n == name).expect("a generated plan");
    &built(&shared_plan(name, || common::generate(*chapters))).pdf
}

#[test]
fn generated_plans_are_made_up_well() {
    let mut all = Vec::new();
    for (name, _) in common::GENERATED {
        // The budget of the 50- and 200-page plans is longer than a page: it may break, but
        // only between groups.
        all.extend(faults(generated(name)));
    }
    assert!(all.is_empty(), "make-up faults:\n{}", all.join("\n"));
}

#[test]
fn a_long_budget_breaks_between_groups_and_says_it_continues() {
    // The 50-page plan, built once for this test and the one above.
    let pdf = generated("generated-50");
    let text = crate::support::pdf_text(pdf, None, false);
    assert!(text.contains("(Belopp i tkr)"), "the budget's caption");
    assert!(text.contains("(Belopp i tkr, forts.)"), "the continued budget says so");
}

#[test]
fn justified_text_limits_hyphenation() {
    let folder = temp_dir();
    let plan = folder.path().join("marginaljusterad.yaml");
    let source =
        common::generate(3).replacen("dokument:", "utseende:\n  marginaljusterad: true\ndokument:", 1);
    std::fs::write(&plan, source).unwrap();
    let pdf = build(&plan, folder.path());
    // Justified text may hyphenate, but never more than two lines in a row nor across a page.
    assert!(faults(&pdf).is_empty(), "{:?}", faults(&pdf));
}

#[test]
fn page_validation_passes_pdf_a_2a_and_pdf_ua_1() {
    let mut failures = Vec::new();
    for plan in example_plans().into_iter().chain([themed_plan()]) {
        let pdf = &built(&plan).pdf;
        let report = python("page_validation.py", &[pdf.to_str().unwrap()]);
        for profile in ["2a", "ua1"] {
            for failure in report[profile].as_array().expect("a list per profile") {
                failures.push(format!("{}: {profile}: {failure}", plan.display()));
            }
        }
    }
    assert!(failures.is_empty(), "page-validation failures:\n{}", failures.join("\n"));
}

#[test]
fn a_long_history_table_breaks_instead_of_running_off_the_page() {
    // Sixty more years of eget kapital history than the plan has: the table is longer than a
    // page, which it once could not break over.
    let source = std::fs::read_to_string(root().join("plans/sodra-dalarna-2025.yaml")).unwrap();
    let years: String = (1962..2022)
        .map(|year| {
            format!(
                "    - {{ år: {year}, medelstilldelning: 6000, budget: 6100, eget_kapital: {} }}\n",
                year % 97 * 10
            )
        })
        .collect();
    let marker = "  rader:\n    - { år: 2022,";
    assert!(source.contains(marker), "the history of sodra-dalarna-2025 starts in 2022");
    let source = source.replacen(marker, &format!("  rader:\n{years}    - {{ år: 2022,"), 1);
    let (_folder, pdf) = build_source("lang-historik", &source);
    let text = crate::support::pdf_text(&pdf, None, false);
    for year in ["1962", "1990", "2021", "2028"] {
        assert!(text.contains(year), "the year {year} is in the table");
    }
    assert!(faults(&pdf).is_empty(), "{:?}", faults(&pdf));
}

#[test]
fn a_long_typed_table_continues_with_its_header_and_says_so() {
    // Eighty rows typed in the plan: the table breaks where it starts, repeats its header on
    // every page under "(forts.)" and leaves no page half empty.
    let rows: String = (1..=80).map(|n| format!("          - [\"Rad {n}\", \"Värde {n}\"]\n")).collect();
    let table = format!(
        "      - tabell:\n          kolumner: [{{ rubrik: Rad }}, {{ rubrik: Värde }}]\n          rader:\n{rows}",
        rows = rows.replace("          - [", "            - [")
    );
    let source = std::fs::read_to_string(root().join("plans/kustlandet-2014.yaml")).unwrap();
    let marker = "    innehåll:\n";
    assert!(source.contains(marker), "kustlandet-2014 has a section with content");
    let source = source.replacen(marker, &format!("{marker}{table}"), 1);
    let (_folder, pdf) = build_source("lang-tabell", &source);
    let text = crate::support::pdf_text(&pdf, None, false);
    for row in ["Rad 1 ", "Rad 40 ", "Rad 80 "] {
        assert!(text.contains(row), "{row} is in the table");
    }
    assert!(text.contains("(forts.)"), "the continued table says so");
    assert!(faults(&pdf).is_empty(), "{:?}", faults(&pdf));
}

/// The problems tests/tools/table_headers.py finds in the tables of `pdf`, one per line.
fn table_header_problems(pdf: &Path) -> Vec<String> {
    let report = python("table_headers.py", &[pdf.to_str().unwrap()]);
    let tables = report["tables"].as_array().expect("tables");
    tables
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t["problems"]
                .as_array()
                .expect("problems")
                .iter()
                .map(move |p| format!("{}: table {}: {}", pdf.display(), i + 1, p.as_str().unwrap()))
        })
        .collect()
}

#[test]
fn every_table_cell_in_the_pdf_is_read_with_its_own_column_header() {
    let mut problems = Vec::new();
    let mut tables = 0;
    let mut plans = example_plans();
    plans.extend([themed_plan(), root().join("tests/fixtures/special/markdown-tabell.yaml")]);
    for plan in plans {
        let pdf = built(&plan).pdf.clone();
        tables +=
            python("table_headers.py", &[pdf.to_str().unwrap()])["tables"].as_array().expect("tables").len();
        problems.extend(table_header_problems(&pdf));
    }
    assert!(tables >= plans_len_floor(), "the tool finds the plans' tables: {tables}");
    assert!(problems.is_empty(), "cells not read with their headers:\n{}", problems.join("\n"));

    // The check can fail: on a table built in memory whose group row is a column header over
    // every column (as vplan once tagged it) and whose top-left header cell is empty, it
    // reports both; on the same table tagged right it reports nothing.
    let selftest = python("table_headers.py", &["--self-test"]);
    assert_eq!(selftest["right"], serde_json::json!([]), "{selftest}");
    let wrong = selftest["wrong"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect::<Vec<_>>();
    assert!(wrong.iter().any(|p| p.contains("not headed by its own column")), "{wrong:?}");
    assert!(wrong.iter().any(|p| p.contains("outside the header rows")), "{wrong:?}");
    assert!(wrong.iter().any(|p| p.contains("empty header cell")), "{wrong:?}");
}

/// At least one table per example plan: each has a budget.
fn plans_len_floor() -> usize {
    example_plans().len()
}

/// The words of `pdf` that stand left or right of the text block (2,5 cm from each side of
/// the paper), as pdftotext -bbox places them: "page N: word (x from … to … pt)".
fn words_outside_the_text_block(pdf: &Path) -> Vec<String> {
    // 2,5 cm in points; Typst lets punctuation hang a little into the margin (overhang).
    let margin = 2.5 / 2.54 * 72.0;
    let slack = 3.0;
    words(pdf)
        .into_iter()
        .filter(|w| w.x0 < margin - slack || w.x1 > w.page_width - margin + slack)
        .map(|w| {
            format!(
                "page {}: `{}` (x from {:.1} to {:.1} pt on a page {:.1} pt wide)",
                w.page, w.text, w.x0, w.x1, w.page_width
            )
        })
        .collect()
}

#[test]
fn no_word_of_an_example_plan_stands_outside_the_text_block() {
    let mut outside = Vec::new();
    for plan in example_plans().into_iter().chain([themed_plan()]) {
        let pdf = built(&plan).pdf.clone();
        outside.extend(
            words_outside_the_text_block(&pdf).into_iter().map(|w| format!("{}: {w}", plan.display())),
        );
    }
    assert!(outside.is_empty(), "words outside the text block:\n{}", outside.join("\n"));
}

/// A word on a page as poppler's `pdftotext -bbox` places it, in points from the top left.
struct Word {
    page: usize,
    page_width: f64,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    text: String,
}

/// Every word of `pdf` with its page and box.
fn words(pdf: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext from poppler-utils is needed (bash .ci/run installs it): {e}"));
    assert!(output.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&output.stdout);
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("the attribute") + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().expect("a number")
    };
    let (mut page, mut page_width) = (0, 0.0);
    let mut out = Vec::new();
    for piece in html.split('<').skip(1) {
        if piece.starts_with("page ") {
            page += 1;
            page_width = attribute(piece, "width");
        } else if piece.starts_with("word ") {
            out.push(Word {
                page,
                page_width,
                x0: attribute(piece, "xMin"),
                x1: attribute(piece, "xMax"),
                y0: attribute(piece, "yMin"),
                y1: attribute(piece, "yMax"),
                text: piece.split('>').nth(1).unwrap_or("").to_owned(),
            });
        }
    }
    out
}

#[test]
fn shares_stand_on_their_decimal_comma_and_note_markers_follow_the_figure() {
    // Västra Värmland: shares "25 %" and "17,5 %" in one column; a budget shown twice (the
    // year 2025 alone, then 2025–2027) with two notes, one on a single figure.
    let pdf = built(&root().join("plans/vastra-varmland-norra-dalsland-2025.yaml")).pdf.clone();
    let words = words(&pdf);
    let share = words.iter().find(|w| w.text == "17,5").expect("the share 17,5 %");
    // The words of the share column: on the page of "17,5", ending within 20 pt of it.
    let right = |text: &str| {
        words
            .iter()
            .find(|w| w.page == share.page && w.text == text && (w.x1 - share.x1).abs() < 20.0)
            .map(|w| w.x1)
            .unwrap_or_else(|| panic!("`{text}` in the share column"))
    };
    // The comma of "17,5" stands where "25" ends: its right edge is ",5" further right.
    let (whole, decimal) = (right("25"), share.x1);
    assert!(decimal - whole > 5.0 && decimal - whole < 12.0, "25 ends at {whole:.1}, 17,5 at {decimal:.1}");
    assert!((right("7,5") - decimal).abs() < 0.5, "7,5 and 17,5 end together");
    // The marker hangs after the figure, never before it.
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().expect("pdftotext").stdout,
    )
    .replace('\u{2060}', "");
    assert!(!text.contains("*7 077 600"), "a marker before its figure");
    assert!(text.contains("7 077 600*"), "the marker after its figure");
    // One note, one marker, in both budgets: "Eget kapital från 2024" is "**" in each.
    let eget: Vec<&str> = text.lines().filter(|l| l.starts_with("Eget kapital från 2024")).collect();
    assert_eq!(eget.len(), 2, "{eget:?}");
    assert!(eget.iter().all(|l| l.contains("**")), "the same marker in both budgets: {eget:?}");
}

#[test]
fn a_first_heading_that_is_the_title_stands_large_above_the_date_line() {
    // Södra Dalarna hides the cover's title; its first heading, unnumbered, is the title.
    let pdf = &built(&root().join("plans/sodra-dalarna-2025.yaml")).pdf;
    let words = words(pdf);
    let first = |text: &str| {
        words.iter().find(|w| w.page == 1 && w.text == text).unwrap_or_else(|| panic!("`{text}` on page 1"))
    };
    let (title, date, heading) = (first("VERKSAMHETSPLAN"), first("Datum:"), first("Verksamhetsinriktning"));
    assert!(
        title.y1 < date.y0,
        "the title (y {:.1}) stands above the date line (y {:.1})",
        title.y1,
        date.y0
    );
    let height = |w: &Word| w.y1 - w.y0;
    assert!(
        height(title) > 1.15 * height(heading),
        "the title ({:.1} pt) is larger than the first chapter heading ({:.1} pt)",
        height(title),
        height(heading)
    );
}

#[test]
fn place_and_date_stand_over_the_signatures_on_their_page() {
    // Fryksdalen: a proposal with a sender and one signature.
    let pdf = &built(&root().join("plans/fryksdalen-2026.yaml")).pdf;
    let words = words(pdf);
    let last = words.iter().map(|w| w.page).max().expect("pages");
    let at = |text: &str| {
        words.iter().rev().find(|w| w.text == text).unwrap_or_else(|| panic!("`{text}` in the proposal"))
    };
    let (sender, date, name) = (at("samordningsförbund"), at("november"), at("Olsson"));
    assert!(sender.y1 <= date.y0, "the sender stands above the date");
    assert!(date.y1 <= name.y0, "the date stands above the signature");
    assert!(date.page == last && name.page == last, "date and signature on the last page");
}
