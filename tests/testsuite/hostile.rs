//! Hostile and extreme input: plans generated here because they are too large to keep in the
//! repository, and the sandbox around the Typst compiler.

use std::path::Path;

use crate::support::{MEMBERS, pdf_text, stderr, stdout, temp_dir, vplan};

/// A plan's head: the test förbund and a document for 2026.
static HEAD: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\n"));

/// Runs `vplan check` on `text` saved as `plan.yaml` and returns its error output, with the
/// temporary folder's path replaced so that it can be snapshotted.
fn refused(text: &[u8]) -> String {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, text).unwrap();
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!pdf.exists(), "nothing is written");
    stderr(&output).replace(folder.path().to_str().unwrap(), "[mapp]")
}

/// Builds `text` and returns the PDF's text.
fn built(text: &str) -> String {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, text).unwrap();
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    pdf_text(&plan.with_extension("pdf"), None, false)
}

#[test]
fn a_fifty_megabyte_plan_is_refused_unread() {
    let mut text = HEAD.as_bytes().to_vec();
    text.extend(std::iter::repeat_n(b"# fyllnad\n".as_slice(), 5 * 1024 * 1024).flatten());
    assert!(text.len() >= 50 * 1024 * 1024);
    insta::assert_snapshot!(refused(&text));
}

#[test]
fn nesting_ten_thousand_levels_deep_is_refused() {
    let depth = 10_000;
    let text =
        format!("{}avsnitt: {}[]{}\n", *HEAD, "[{rubrik: a, avsnitt: ".repeat(depth), "}]".repeat(depth));
    insta::assert_snapshot!(refused(text.as_bytes()));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}avsnitt:\n  - rubrik: Inledning med BOM\n", *HEAD);
    assert!(built(&text).contains("1 Inledning med BOM"));
}

#[test]
fn a_hundred_thousand_letter_word_is_shown_whole() {
    let word = format!("å{}ö", "abcdefghij".repeat(9_999));
    let text = format!("{}avsnitt:\n  - rubrik: Ord\n    text: \"Före {word} efter\"\n", *HEAD);
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, text).unwrap();
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Page by page, without running header and footer, the word reads whole once the line
    // breaks (soft hyphens, zero-width spaces) are taken out.
    let pdf = plan.with_extension("pdf");
    let pages = crate::support::pdf_pages(&pdf);
    let mut joined = String::new();
    for page in 3..=pages {
        let raw = std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let raw = String::from_utf8(raw.stdout).unwrap();
        let body: Vec<&str> = raw
            .lines()
            .filter(|l| {
                !l.contains("samordningsförbund") && !l.contains("Verksamhetsplan") && !l.starts_with("Sida ")
            })
            .collect();
        joined.push_str(&body.join("\n"));
    }
    let joined: String =
        joined.chars().filter(|c| !matches!(c, '\u{ad}' | '\u{200b}') && !c.is_whitespace()).collect();
    assert!(joined.contains(&format!("Före{word}efter")), "the word reads whole");
}

/// Compiles Typst `source` in a plan world rooted at `folder`, as vplan does.
fn compile_in(folder: &Path, source: &str) -> Result<(), String> {
    let world = vplan::compile::PlanWorld::new(
        folder,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        source.to_owned(),
    )
    .with_theme(vplan::render::default_theme().unwrap());
    typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map(|_| ())
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
}

#[test]
fn the_typst_world_reads_only_the_plans_folder() {
    let outside = temp_dir();
    std::fs::write(outside.path().join("hemlig.txt"), "hemligt").unwrap();
    let folder = temp_dir();
    std::fs::write(folder.path().join("egen.txt"), "egen fil").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("hemlig.txt"), folder.path().join("lank.txt")).unwrap();

    assert_eq!(
        compile_in(folder.path(), r#"#read("/egen.txt")"#),
        Ok(()),
        "the plan's own folder is readable"
    );
    for (source, why) in [
        (r#"#read("/etc/passwd")"#.to_owned(), "an absolute path outside"),
        (r#"#read("../hemlig.txt")"#.to_owned(), "a path that climbs out"),
        (format!(r#"#read("{}")"#, outside.path().join("hemlig.txt").display()), "another folder"),
        (r#"#read("/lank.txt")"#.to_owned(), "a link that points out"),
        (r#"#import "@preview/cetz:0.3.0": *"#.to_owned(), "a package"),
        (r#"#include "/.vplan/saknas.typ""#.to_owned(), "a template that does not exist"),
    ] {
        let result = compile_in(folder.path(), &source);
        assert!(result.is_err(), "{why} is refused: {source}");
    }
    assert_eq!(
        compile_in(folder.path(), r#"#import "/.vplan/vplan.typ": budget"#),
        Ok(()),
        "vplan's own library is there"
    );
}

#[test]
fn the_compiler_has_no_clock_and_no_system_fonts() {
    let folder = temp_dir();
    let source = "#let d = datetime.today()\n#assert.eq((d.year(), d.month(), d.day()), (2025, 11, 20))";
    assert_eq!(compile_in(folder.path(), source), Ok(()), "today is the plan's date");
    let world = vplan::compile::PlanWorld::new(
        folder.path(),
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
        String::new(),
    );
    let mut families: Vec<&str> = typst::World::book(&world).families().map(|(name, _)| name).collect();
    families.sort_unstable();
    assert_eq!(families, ["Caladea", "Carlito", "DejaVu Sans Mono"], "only the embedded fonts");
}

#[test]
fn a_broken_image_or_an_svg_that_reaches_out_is_a_plan_error() {
    let folder = temp_dir();
    std::fs::write(
        folder.path().join("ut.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="../hemlig.png" width="10" height="10"/></svg>"#,
    )
    .unwrap();
    std::fs::write(folder.path().join("trasig.png"), b"\x89PNG\r\n\x1a\n och sedan inget mer").unwrap();
    let mut messages = String::new();
    for image in ["ut.svg", "trasig.png"] {
        let plan = folder.path().join("plan.yaml");
        std::fs::write(
            &plan,
            format!(
                "{}avsnitt:\n  - rubrik: A\n    innehåll:\n      - bild: {{ fil: {image}, alt: En bild }}\n",
                *HEAD
            ),
        )
        .unwrap();
        let pdf = folder.path().join("plan.pdf");
        let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{image}: a plan error, not a bug: {}", stderr(&output));
        assert!(!pdf.exists());
        messages.push_str(&stderr(&output).replace(folder.path().to_str().unwrap(), "[mapp]"));
    }
    insta::assert_snapshot!(messages);
}

/// Waits for `child` at most a generous minute (nothing is timed: a hang fails the test instead
/// of hanging the suite).
fn finished(mut child: std::process::Child) -> std::process::Output {
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("vplan did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO, a device and a folder are not plans: each is refused in Swedish before it is opened
/// (a FIFO would wait for a writer for ever, `/dev/zero` never ends).
#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_before_it_is_read() {
    let folder = temp_dir();
    let fifo = folder.path().join("plan.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for (path, what) in [
        (fifo.to_str().unwrap(), "det är en specialfil, ingen vanlig fil"),
        ("/dev/zero", "det är en specialfil, ingen vanlig fil"),
        (folder.path().to_str().unwrap(), "det är en mapp, ingen vanlig fil"),
    ] {
        for command in ["check", "build", "text"] {
            let child = std::process::Command::new(env!("CARGO_BIN_EXE_vplan"))
                .args([command, path])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let output = finished(child);
            assert_eq!(output.status.code(), Some(1), "{command} {path}: {}", stderr(&output));
            assert!(stderr(&output).contains(what), "{command} {path}: {}", stderr(&output));
        }
    }
}

/// vplan replaces only a regular file it was asked to write, never a device, never one of its
/// inputs, never a plan with a schema.
#[cfg(unix)]
#[test]
fn outputs_never_replace_a_device_an_input_or_a_plan() {
    use std::os::unix::fs::FileTypeExt;
    let folder = temp_dir();
    let plan = folder.path().join("plan.typ");
    let text = format!("{MEMBERS}dokument: {{ år: 2026, datum: 2025-11-20 }}\n");
    std::fs::write(&plan, &text).unwrap();
    // `-o /dev/null` must not turn the device into a file (as root it could).
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", "/dev/null"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("är ingen vanlig fil"), "{}", stderr(&output));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // `--typ` would write plan.typ, which is the plan itself.
    let pdf = folder.path().join("plan.pdf");
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap(), "--typ"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("är planen själv"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text, "the plan is untouched");
    assert!(!pdf.exists(), "nothing is written when one output cannot be");
    // A schema is never written over a plan.
    let output = vplan(&["schema", "-o", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text, "the plan is untouched");
}

/// `vplan ny` moves years written in quotes like numbers, refuses a year past 2099 as the
/// plan's matter, and `--år -5` is a year, not an unknown argument.
#[test]
fn next_year_moves_quoted_years_and_refuses_years_it_cannot_write() {
    let folder = temp_dir();
    let budget = "avsnitt:\n  - rubrik: Budget\n    innehåll:\n      - budget\nbudget:\n  enhet: kr\n  år: [\"2026\", \"2027\"]\n  intäkter:\n    rader:\n      - { namn: Avgifter, belopp: [2000, 2100] }\n  kostnader:\n    rader:\n      - { namn: Kansli, belopp: [1000, 1100] }\n";
    let plan = folder.path().join("plan-2026.yaml");
    std::fs::write(&plan, format!("{MEMBERS}dokument: {{ år: 2026, datum: 2025-11-20 }}\n{budget}")).unwrap();
    let next = folder.path().join("plan-2027.yaml");
    let output = vplan(&["ny", plan.to_str().unwrap(), "-o", next.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let checked = vplan(&["check", next.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    // The years moved with their amounts: 2027 keeps its own amount, 2028 copies the latest.
    let table = stdout(&checked);
    assert!(table.contains("2027") && table.contains("2028") && !table.contains("2026"), "{table}");
    assert!(table.lines().any(|l| l.contains("Avgifter") && l.contains("2 100")), "{table}");

    let late = folder.path().join("plan-2099.yaml");
    std::fs::write(&late, format!("{MEMBERS}dokument: {{ år: 2099, datum: 2098-11-20 }}\n")).unwrap();
    let output = vplan(&["ny", late.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("vplan kan inte skriva en plan för 2100"), "{}", stderr(&output));

    let output = vplan(&["ny", plan.to_str().unwrap(), "--år", "-5"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("`-5` är inget planår"), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------------------------
// Outputs that never clobber an input or each other, and bounds before the work (issue 24).

/// A valid PNG of one pixel.
const PIXEL_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0cIDAT\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xae\x42\x60\x82";

/// A complete PNG whose header declares 100 000 × 100 000 pixels: 74 bytes that a decoder
/// would turn into a request for 30 GB.
const ENORMOUS_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00\x27\x30\x9c\x9f\x00\x00\x00\x11IDAT\x78\x9c\x63\x60\x18\x05\xa3\x60\x14\x0c\x77\x00\x00\x03\xe8\x00\x01\xb3\xa6\xd3\x46\x00\x00\x00\x00IEND\xae\x42\x60\x82";

/// Runs vplan with `args` in `folder` with extra environment variables.
fn vplan_in(folder: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_vplan"));
    command.args(args).current_dir(folder);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

#[test]
fn diff_never_writes_its_appendix_over_either_plan() {
    let folder = temp_dir();
    let old = format!("{}avsnitt:\n  - rubrik: Förra året\n", *HEAD);
    let new = format!("{}avsnitt:\n  - rubrik: I år\n", *HEAD);
    std::fs::write(folder.path().join("gammal.yaml"), &old).unwrap();
    std::fs::write(folder.path().join("ny.yaml"), &new).unwrap();
    for (target, what) in [("gammal.yaml", "är den äldre planen"), ("ny.yaml", "är planen själv")] {
        let output = vplan_in(folder.path(), &["diff", "gammal.yaml", "ny.yaml", "--pdf", target], &[]);
        assert_eq!(output.status.code(), Some(1), "--pdf {target}: {}", stderr(&output));
        assert!(stderr(&output).contains(what), "--pdf {target}: {}", stderr(&output));
    }
    assert_eq!(
        std::fs::read_to_string(folder.path().join("gammal.yaml")).unwrap(),
        old,
        "last year's plan stays"
    );
    assert_eq!(
        std::fs::read_to_string(folder.path().join("ny.yaml")).unwrap(),
        new,
        "this year's plan stays"
    );
}

#[test]
fn two_outputs_of_one_build_never_share_a_name() {
    let folder = temp_dir();
    std::fs::write(folder.path().join("plan.yaml"), format!("{}avsnitt:\n  - rubrik: A\n", *HEAD)).unwrap();
    for args in [["-o", "ut.html", "--html"], ["-o", "ut.typ", "--typ"]] {
        let output = vplan_in(folder.path(), &[&["build", "plan.yaml"][..], &args[..]].concat(), &[]);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("skulle båda skrivas till"), "{args:?}: {}", stderr(&output));
        assert!(!folder.path().join(args[1]).exists(), "{args:?}: nothing is written");
    }
}

#[test]
fn page_images_are_removed_only_when_vplan_wrote_them() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let body = format!("{}avsnitt:\n  - rubrik: A\n    text: Text.\n", *HEAD);
    std::fs::write(&plan, &body).unwrap();
    let output = vplan_in(folder.path(), &["build", "plan.yaml", "--png", "--ppi", "18"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = (1..).take_while(|n| folder.path().join(format!("plan-{n}.png")).exists()).count();
    assert!(pages >= 1);
    // Next to the page images: an image vplan wrote for a page the plan no longer has, and the
    // plan's own logo, named like a page image, which the next build reads.
    let stale = folder.path().join(format!("plan-{}.png", pages + 1));
    let logo = folder.path().join(format!("plan-{}.png", pages + 2));
    std::fs::copy(folder.path().join("plan-1.png"), &stale).unwrap();
    std::fs::write(&logo, PIXEL_PNG).unwrap();
    let with_logo = format!(
        "{body}    innehåll:\n      - bild: {{ fil: plan-{}.png, alt: Förbundets logotyp, bredd: 5 }}\n",
        pages + 2
    );
    std::fs::write(&plan, with_logo).unwrap();
    let output = vplan_in(folder.path(), &["build", "plan.yaml", "--png", "--ppi", "18"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stale.exists(), "vplan's own stale page image is removed");
    assert_eq!(std::fs::read(&logo).unwrap(), PIXEL_PNG, "the plan's logo stays");
}

#[test]
fn an_interrupted_build_leaves_the_previous_outputs_whole() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, format!("{}avsnitt:\n  - rubrik: Förra bygget\n", *HEAD)).unwrap();
    let output = vplan_in(folder.path(), &["build", "plan.yaml", "--html", "--typ"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |name: &str| std::fs::read(folder.path().join(name)).unwrap();
    let before = [read("plan.pdf"), read("plan.html"), read("plan.typ")];
    // The next build is killed in the middle of its renames (a test hook of debug builds)...
    std::fs::write(&plan, format!("{}avsnitt:\n  - rubrik: Nästa bygge\n", *HEAD)).unwrap();
    let output = vplan_in(
        folder.path(),
        &["build", "plan.yaml", "--html", "--typ"],
        &[("VPLAN_TEST_AVBRYT_EFTER", "4")],
    );
    assert!(!output.status.success(), "the hook ends the build: {}", stderr(&output));
    // ... and the next run in the folder, even one that fails, puts the previous set back.
    std::fs::write(&plan, "inte: [en, plan").unwrap();
    let output = vplan_in(folder.path(), &["build", "plan.yaml", "--html", "--typ"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!([read("plan.pdf"), read("plan.html"), read("plan.typ")], before, "the previous set, whole");
    let left: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vplan-"))
        .collect();
    assert!(left.is_empty(), "no leftovers: {left:?}");
}

#[test]
fn an_svg_showing_an_image_of_too_many_pixels_is_refused_by_check() {
    let folder = temp_dir();
    std::fs::write(folder.path().join("enorm.png"), ENORMOUS_PNG).unwrap();
    std::fs::write(
        folder.path().join("karta.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="enorm.png" width="10" height="10"/></svg>"#,
    )
    .unwrap();
    std::fs::write(
        folder.path().join("plan.yaml"),
        format!(
            "{}avsnitt:\n  - rubrik: A\n    innehåll:\n      - bild: {{ fil: karta.svg, alt: En karta }}\n",
            *HEAD
        ),
    )
    .unwrap();
    for command in ["check", "build"] {
        let output = vplan_in(folder.path(), &[command, "plan.yaml"], &[]);
        assert_eq!(output.status.code(), Some(1), "{command}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("bildpunkter, mer än vplan kan visa"),
            "{command}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("plan.yaml:14:22"), "{command}: located: {}", stderr(&output));
    }
}

/// Writes a plan whose own templates (`utseende.mallar: mallar`) have `file` with `text`.
fn plan_with_own_template(folder: &Path, file: &str, text: &str) {
    std::fs::create_dir_all(folder.join("mallar")).unwrap();
    std::fs::write(folder.join("mallar").join(file), text).unwrap();
    std::fs::write(
        folder.join("plan.yaml"),
        format!("{}utseende:\n  mallar: mallar\navsnitt:\n  - rubrik: A\n    text: Text.\n", *HEAD),
    )
    .unwrap();
}

#[test]
fn an_own_template_page_too_large_for_an_image_is_a_plan_error() {
    let folder = temp_dir();
    let pages = std::fs::read_to_string(crate::support::root().join("templates/sidor.typ")).unwrap();
    assert!(pages.contains("paper: \"a4\""));
    plan_with_own_template(
        folder.path(),
        "sidor.typ",
        &pages.replace("paper: \"a4\"", "width: 2000cm, height: 2000cm"),
    );
    let output = vplan_in(folder.path(), &["build", "plan.yaml", "--png"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("för stor för en sidbild"), "{}", stderr(&output));
    assert!(stderr(&output).contains("plan.yaml:12:11"), "at utseende.mallar: {}", stderr(&output));
    assert!(!folder.path().join("plan.pdf").exists(), "nothing is written");
}

/// An own template that fills the memory, in a vplan that runs under an address-space limit
/// of 4 GiB (as a server may set): the child that lays it out ends, vplan does not.
#[cfg(unix)]
#[test]
fn an_own_template_that_fills_the_memory_is_a_plan_error() {
    use std::os::unix::process::CommandExt;
    let folder = temp_dir();
    plan_with_own_template(
        folder.path(),
        "omslag.typ",
        "#let omslag(..args) = { let a = range(1000000000); [#a.len()] }\n#let titelblock(..args) = omslag(..args)\n",
    );
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_vplan"));
    command.args(["build", "plan.yaml"]).current_dir(folder.path()).env("VPLAN_MALLAR_MINNE", "512");
    // SAFETY: setrlimit only changes the limits of the child about to run vplan.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 4 << 30, rlim_max: 4 << 30 };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("MB minne"), "{}", stderr(&output));
    assert!(stderr(&output).contains("plan.yaml:12:11"), "at utseende.mallar: {}", stderr(&output));
    assert!(!folder.path().join("plan.pdf").exists(), "nothing is written");
}

#[test]
fn a_plan_of_a_quarter_million_short_paragraphs_is_refused_by_check() {
    let text =
        format!("{}avsnitt:\n  - rubrik: A\n    text: |\n{}", *HEAD, "      Ett stycke.\n\n".repeat(232_000));
    let folder = temp_dir();
    std::fs::write(folder.path().join("plan.yaml"), text).unwrap();
    let output = vplan_in(folder.path(), &["check", "plan.yaml"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("rader text, mer än vplan sätter"), "{}", stderr(&output));
    assert!(stderr(&output).contains("plan.yaml:"), "located: {}", stderr(&output));
}

#[test]
fn headings_a_pdf_cannot_hold_are_refused_by_check_as_by_build() {
    let long = "a".repeat(40_000);
    for (case, body) in [
        ("a heading of 40 000 characters", format!("avsnitt:\n  - rubrik: {long}\n")),
        ("a title of 40 000 characters", format!("  titel: {long}\navsnitt:\n  - rubrik: A\n")),
        (
            "an empty decision heading",
            "avsnitt:\n  - rubrik: A\nförslag_till_beslut:\n  rubrik: \"\"\n  inledning: Styrelsen föreslås besluta\n  att:\n    - godkänna planen\n".to_owned(),
        ),
        ("a heading of only a zero-width space", "avsnitt:\n  - rubrik: \"\\u200B\"\n".to_owned()),
        ("a private-use character a font has", "avsnitt:\n  - rubrik: Äpple \u{F8FF}\n".to_owned()),
    ] {
        let folder = temp_dir();
        std::fs::write(folder.path().join("plan.yaml"), format!("{}{body}", *HEAD)).unwrap();
        for command in ["check", "build"] {
            let output = vplan_in(folder.path(), &[command, "plan.yaml"], &[]);
            assert_eq!(output.status.code(), Some(1), "{case}, {command}: {}", stderr(&output));
            assert!(stderr(&output).contains("plan.yaml:"), "{case}, {command}: located: {}", stderr(&output));
        }
    }
}
