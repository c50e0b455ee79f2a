//! What `vplan build` prints and writes besides the PDF: the progress line, each stage with
//! `-v`, no colour codes off a terminal, and page images with `--png`.

use std::process::Command;

use regex::Regex;

use crate::support::{MEMBERS, pdf_pages, root, stderr, stdout, temp_dir, vplan};

const PLAN: &str = "plans/nedansiljan-2026.yaml";

#[test]
fn build_prints_one_line_with_pages_and_time() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", PLAN, "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let line = Regex::new(r"^(.+\.pdf): (\d+) sidor på \d+,\d\d s\n$").unwrap();
    let captures = line.captures(&text).unwrap_or_else(|| panic!("one progress line: {text:?}"));
    assert_eq!(captures[2].parse::<usize>().unwrap(), pdf_pages(&pdf));
}

#[test]
fn verbose_build_names_every_stage_with_its_time() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", PLAN, "-o", pdf.to_str().unwrap(), "--utförligt", "--typ"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let stages = [
        "läsa och kontrollera planen",
        "räkna ut budgeten",
        "granska planen",
        "fylla i mallarna",
        "sätta dokumentet (Typst)",
        "skapa PDF",
        "skriva Typst-källan",
        "skriva filerna",
    ];
    let mut lines = text.lines();
    for stage in stages {
        let line = lines.next().unwrap_or_else(|| panic!("{stage} is missing: {text}"));
        let pattern = Regex::new(&format!(r"^  {} +\d+,\d\d s$", regex::escape(stage))).unwrap();
        assert!(pattern.is_match(line), "{line:?} is not the stage {stage}");
    }
    assert!(lines.next().is_some_and(|l| l.contains(" sidor på ")), "{text}");
    // `-v` is the short form.
    let short = vplan(&["build", PLAN, "-o", pdf.to_str().unwrap(), "-v"]);
    assert!(stdout(&short).contains("sätta dokumentet (Typst)"));
}

#[test]
fn png_writes_one_image_per_page() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", PLAN, "-o", pdf.to_str().unwrap(), "--png", "--ppi", "36"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pdf_pages(&pdf);
    let mut images: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png"))
        .collect();
    images.sort();
    let mut expected: Vec<String> = (1..=pages).map(|n| format!("plan-{n}.png")).collect();
    expected.sort();
    assert_eq!(images, expected);
    for n in 1..=pages {
        let bytes = std::fs::read(folder.path().join(format!("plan-{n}.png"))).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "page {n} is a PNG");
        // IHDR: width and height, big-endian, at bytes 16..24. A4 at 36 ppi is 298 × 421.
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (298, 421), "page {n}");
    }
    assert!(stdout(&output).contains(&format!("{pages} sidbilder")), "{}", stdout(&output));
}

#[test]
fn png_removes_images_of_pages_that_are_gone() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, format!("{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\n")).unwrap();
    let output = vplan(&["build", plan.to_str().unwrap(), "--png", "--ppi", "18"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pdf_pages(&plan.with_extension("pdf"));
    // Images vplan wrote (they carry its mark) for pages the document no longer has.
    for stale in [pages + 1, pages + 2] {
        std::fs::copy(folder.path().join("plan-1.png"), folder.path().join(format!("plan-{stale}.png")))
            .unwrap();
    }
    std::fs::write(folder.path().join("plan-30.png"), b"old").unwrap();
    let output = vplan(&["build", plan.to_str().unwrap(), "--png", "--ppi", "18"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(folder.path().join(format!("plan-{pages}.png")).is_file());
    assert!(!folder.path().join(format!("plan-{}.png", pages + 1)).exists());
    assert!(!folder.path().join(format!("plan-{}.png", pages + 2)).exists());
    // Not next in the numbering (and not vplan's), so not taken for a stale page image.
    assert!(folder.path().join("plan-30.png").exists());
}

#[test]
fn a_bad_ppi_is_a_usage_error() {
    let output = vplan(&["build", PLAN, "--png", "--ppi", "5000"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("från 18 till 600"), "{}", stderr(&output));
}

#[test]
fn no_colour_codes_when_not_a_terminal() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    let broken = folder.path().join("trasig.yaml");
    std::fs::write(&broken, format!("{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\n  rubik: x\n"))
        .unwrap();
    // Without NO_COLOR: only the pipe (not a terminal) keeps the colours away.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vplan"))
            .args(args)
            .current_dir(root())
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    for output in [
        run(&["build", PLAN, "-o", pdf.to_str().unwrap(), "-v"]),
        run(&["build", broken.to_str().unwrap()]),
        run(&["check", "tests/fixtures/invalid/okand-nyckel.yaml"]),
    ] {
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(!all.is_empty());
        assert!(!all.contains('\x1b'), "escape codes in {all:?}");
    }
}
