//! Year over year: `vplan ny` writes next year's plan from this year's, `vplan diff` says
//! what changed, a plan shows and checks its predecessor, and git shows plans through
//! `vplan text`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{example_plans, pdf_text, root, stderr, stdout, temp_dir, vplan};

/// This year's and next year's plan of the test förbund; next year's was made with `vplan
/// ny` and then edited by hand.
const FIXTURES: &str = "tests/fixtures/arsskifte";

/// Copies the example plans and their images into `folder`.
fn copy_examples(folder: &Path) {
    for plan in example_plans() {
        std::fs::copy(&plan, folder.join(plan.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(folder.join("bilder")).unwrap();
    for image in std::fs::read_dir(root().join("plans/bilder")).unwrap() {
        let image = image.unwrap().path();
        std::fs::copy(&image, folder.join("bilder").join(image.file_name().unwrap())).unwrap();
    }
}

/// The comment lines of a YAML text, in order.
fn comments(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter_map(|l| l.find('#').map(|at| l[at..].trim().to_owned()))
        .filter(|c| c.starts_with("# ") || c == "#")
        .collect()
}

/// The top-level keys of a YAML text, in order.
fn top_level_keys(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect()
}

/// Runs `vplan ny` on `plan`, and returns the new plan's path.
fn next_year(plan: &Path) -> PathBuf {
    let output = vplan(&["ny", plan.to_str().unwrap()]);
    assert!(output.status.success(), "vplan ny {}: {}", plan.display(), stderr(&output));
    let year = vplan::load::load(plan).unwrap().plan.document.year.value;
    let name =
        plan.file_name().unwrap().to_str().unwrap().replace(&year.to_string(), &(year + 1).to_string());
    let new = plan.with_file_name(name);
    assert!(stdout(&output).starts_with(&format!("{}: planen för {}", new.display(), year + 1)));
    new
}

#[test]
fn next_year_moves_years_and_balance_on_and_keeps_the_file_as_written() {
    let folder = temp_dir();
    copy_examples(folder.path());
    std::fs::copy(
        root().join(FIXTURES).join("testbygden-2026.yaml"),
        folder.path().join("testbygden-2026.yaml"),
    )
    .unwrap();
    let mut plans: Vec<PathBuf> =
        example_plans().iter().map(|p| folder.path().join(p.file_name().unwrap())).collect();
    plans.push(folder.path().join("testbygden-2026.yaml"));
    for plan in plans {
        let new = next_year(&plan);
        let (old_text, new_text) =
            (std::fs::read_to_string(&plan).unwrap(), std::fs::read_to_string(&new).unwrap());
        assert_eq!(
            comments(&old_text),
            comments(&new_text),
            "{}: every comment kept, in order",
            new.display()
        );
        let mut keys = top_level_keys(&old_text);
        keys.retain(|k| k != "föregående");
        keys.insert(keys.iter().position(|k| k == "förbund").unwrap(), "föregående".to_owned());
        assert_eq!(top_level_keys(&new_text), keys, "{}: key order kept", new.display());

        // The years and the opening balance, against what vplan computes for the old plan.
        let old = vplan::load::load(&plan).unwrap();
        let next = vplan::load::load(&new).unwrap();
        assert_eq!(next.plan.document.year.value, old.plan.document.year.value + 1);
        assert_eq!(next.predecessor.as_deref(), Some(plan.canonicalize().unwrap().as_path()));
        let (old_budget, new_budget) =
            (old.plan.budget.as_ref().unwrap(), next.plan.budget.as_ref().unwrap());
        let moved: Vec<i32> = old_budget.years.value.iter().map(|y| y + 1).collect();
        assert_eq!(new_budget.years.value, moved, "{}", new.display());
        if let Some(equity) = &new_budget.equity {
            let computed = vplan::compute::compute(&old.plan, None);
            let first = new_budget.years.value[0];
            let closing =
                computed.budget.unwrap().figures.iter().find(|f| f.year == first - 1).unwrap().closing;
            assert_eq!(
                Some(equity.opening.value.0),
                closing,
                "{}: opening = last year's closing",
                new.display()
            );
        }

        // `check` warns about what is left to fill in, and nothing about the balance.
        let check = vplan(&["check", new.to_str().unwrap()]);
        assert!(check.status.success(), "{}", stderr(&check));
        let warnings = stderr(&check);
        assert!(warnings.contains("`datum` är inte ifyllt"), "{warnings}");
        assert!(!warnings.contains("ingående eget kapital"), "{warnings}");

        let build = vplan(&["build", new.to_str().unwrap()]);
        assert!(build.status.success(), "{}: {}", new.display(), stderr(&build));
        // A cover that shows the date shows that it is still to be filled in (Södra Dalarna's
        // first page, like its seed's, has no date).
        let text = pdf_text(&new.with_extension("pdf"), Some(1), false);
        if text.contains("Datum:") {
            assert!(text.contains("ATT FYLLA I"), "{}: {text}", new.display());
        }
    }
}

#[test]
fn next_year_of_a_plan_with_a_predecessor_moves_the_chain_on() {
    let folder = temp_dir();
    for name in ["testbygden-2026.yaml", "testbygden-2027.yaml"] {
        std::fs::copy(root().join(FIXTURES).join(name), folder.path().join(name)).unwrap();
    }
    let new = next_year(&folder.path().join("testbygden-2027.yaml"));
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(text.contains("föregående: testbygden-2027.yaml"), "{text}");
    assert!(text.contains("föregående_kolumn: \"Budget 2027\""), "{text}");
    let build = vplan(&["build", new.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));
    let pdf = pdf_text(&new.with_extension("pdf"), None, true);
    // The predecessor's heading "Budget 2027" takes two lines over its three-digit figures.
    assert!(pdf.contains("Budget 2028 2027 2029 2030"), "{pdf}");
    assert!(pdf.contains("Kansli 660 650 660 660"), "{pdf}");
}

#[test]
fn next_year_never_overwrites_a_plan() {
    let folder = temp_dir();
    let plan = folder.path().join("testbygden-2026.yaml");
    std::fs::copy(root().join(FIXTURES).join("testbygden-2026.yaml"), &plan).unwrap();
    std::fs::write(folder.path().join("testbygden-2027.yaml"), "redan här").unwrap();
    let output = vplan(&["ny", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("finns redan"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(folder.path().join("testbygden-2027.yaml")).unwrap(), "redan här");
    let earlier = vplan(&["ny", plan.to_str().unwrap(), "--år", "2025"]);
    assert_eq!(earlier.status.code(), Some(1));
    assert!(stderr(&earlier).contains("år 2025 är inte efter planens år 2026"), "{}", stderr(&earlier));
}

#[test]
fn diff_of_this_year_and_next_year_edited_by_hand() {
    let output = vplan(&[
        "diff",
        &format!("{FIXTURES}/testbygden-2026.yaml"),
        &format!("{FIXTURES}/testbygden-2027.yaml"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "no colour codes when not on a terminal");
    insta::assert_snapshot!(text);
}

#[test]
fn diff_of_identical_plans_says_there_is_no_change() {
    let plan = format!("{FIXTURES}/testbygden-2027.yaml");
    let output = vplan(&["diff", &plan, &plan]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Inga förändringar"), "{}", stdout(&output));
    let nedansiljan = vplan(&["diff", "plans/nedansiljan-2026.yaml", "plans/nedansiljan-2026.yaml"]);
    assert!(stdout(&nedansiljan).contains("Inga förändringar"), "{}", stdout(&nedansiljan));
}

#[test]
fn diff_writes_a_pdf_appendix_for_the_board() {
    let folder = temp_dir();
    let pdf = folder.path().join("bilaga.pdf");
    let output = vplan(&[
        "diff",
        &format!("{FIXTURES}/testbygden-2026.yaml"),
        &format!("{FIXTURES}/testbygden-2027.yaml"),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&pdf, None, true);
    for expected in [
        "Förändringar jämfört med föregående plan",
        "Verksamhetsplan 2027 för Testbygdens samordningsförbund, jämförd med planen för 2026",
        "Kostnader › Kansli ändrad 2027 620 650 +30",
        "Kostnader › Insatser › Digital vägledning ny rad 2027 – 120",
        "Utgående eget kapital 2027 485 335 −150",
        "Ny rubrik; tidigare ”Strukturella insatser”",
        "Uppföljning Nytt avsnitt",
    ] {
        assert!(text.contains(expected), "`{expected}` in the appendix:\n{text}");
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Förändringar jämfört med föregående plan"), "{info}");
}

/// The appendix is a document kind of the same pipeline as the plan: it takes `--typ`, `--png`
/// and `-v` like `vplan build`, and writes all its files at once.
#[test]
fn the_appendix_takes_the_outputs_and_stages_of_a_plan() {
    let folder = temp_dir();
    let pdf = folder.path().join("bilaga.pdf");
    let output = vplan(&[
        "diff",
        &format!("{FIXTURES}/testbygden-2026.yaml"),
        &format!("{FIXTURES}/testbygden-2027.yaml"),
        "--pdf",
        pdf.to_str().unwrap(),
        "--typ",
        "--png",
        "--ppi",
        "36",
        "-v",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let typ = std::fs::read_to_string(folder.path().join("bilaga.typ")).unwrap();
    assert!(typ.contains("andringar.typ"), "the appendix's own source: {typ}");
    let pages = crate::support::pdf_pages(&pdf);
    for page in 1..=pages {
        assert!(folder.path().join(format!("bilaga-{page}.png")).is_file(), "page image {page}");
    }
    let text = crate::support::stdout(&output);
    for stage in ["sätta dokumentet (Typst)", "skapa PDF", "skriva Typst-källan", "rita sidbilderna"] {
        assert!(text.contains(stage), "-v names `{stage}`: {text}");
    }
}

#[test]
fn the_predecessor_stands_beside_this_year_and_its_balance_is_checked() {
    let folder = temp_dir();
    for name in ["testbygden-2026.yaml", "testbygden-2027.yaml"] {
        std::fs::copy(root().join(FIXTURES).join(name), folder.path().join(name)).unwrap();
    }
    let plan = folder.path().join("testbygden-2027.yaml");

    // The balances agree: no warning, and the predecessor's column in the PDF.
    let check = vplan(&["check", plan.to_str().unwrap()]);
    assert!(check.status.success() && stderr(&check).is_empty(), "{}", stderr(&check));
    let build = vplan(&["build", plan.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));
    let text = pdf_text(&plan.with_extension("pdf"), None, true);
    // The predecessor's heading "Budget 2026" takes two lines over its three-digit figures.
    assert!(text.contains("Budget 2027 2026 2028 2029"), "{text}");
    assert!(text.contains("Kansli 650 600 660 660"), "{text}");
    // A line only last year had still shows, so last year's column adds up.
    assert!(text.contains("Kompetensdag 40"), "{text}");
    assert!(text.contains("Summa kostnader 2 325 2 140 2 340 2 340"), "{text}");

    // They do not: a located warning that names both figures.
    let edited = std::fs::read_to_string(&plan).unwrap().replace("ingående: 660", "ingående: 700");
    std::fs::write(&plan, edited).unwrap();
    let check = vplan(&["check", plan.to_str().unwrap()]);
    assert!(check.status.success(), "a warning, not an error");
    let warning = stderr(&check).replace(folder.path().to_str().unwrap(), "MAPP");
    insta::assert_snapshot!(warning);
}

/// Runs git in `repo` with a fixed identity.
fn git(repo: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Kansliet",
            "-c",
            "user.email=kansli@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_PAGER", "cat")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn git_shows_plans_through_vplan_text_and_diff_takes_a_revision() {
    let repo = temp_dir();
    let repo = repo.path();
    git(repo, &["init", "-q"]);
    // The setup the README describes.
    std::fs::write(repo.join(".gitattributes"), "*.yaml diff=vplan\n").unwrap();
    git(repo, &["config", "diff.vplan.textconv", &format!("{} text", env!("CARGO_BIN_EXE_vplan"))]);
    let plan = repo.join("testbygden.yaml");
    std::fs::copy(root().join(FIXTURES).join("testbygden-2026.yaml"), &plan).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "Plan 2026"]);
    let edited = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("belopp: [600, 620, 640]", "belopp: [650, 620, 640]")
        .replace("Under 2026 prioriteras unga vuxna.", "Under 2026 prioriteras unga vuxna och nyanlända.");
    std::fs::write(&plan, edited).unwrap();

    let diff = git(repo, &["diff"]);
    for expected in [
        "-  Kostnader › Kansli 2026: 600",
        "+  Kostnader › Kansli 2026: 650",
        // Computed figures change with it.
        "-  Summa kostnader 2026: 2 140",
        "+  Summa kostnader 2026: 2 190",
        "+  Årets resultat 2026: −190",
        "+  Under 2026 prioriteras unga vuxna och nyanlända.",
    ] {
        assert!(diff.lines().any(|l| l == expected), "`{expected}` in git diff:\n{diff}");
    }
    assert!(!diff.contains("belopp: [650"), "git shows vplan's text, not the YAML:\n{diff}");

    git(repo, &["commit", "-q", "-am", "Kansliet kostar mer"]);
    let log = git(repo, &["log", "-p", "-1"]);
    assert!(log.contains("+  Kostnader › Kansli 2026: 650"), "{log}");

    // `vplan diff --rev` compares with the plan as committed before.
    let diff_rev = |rev: &str| {
        Command::new(env!("CARGO_BIN_EXE_vplan"))
            .args(["diff", "testbygden.yaml", "--rev", rev])
            .current_dir(repo)
            .output()
            .unwrap()
    };
    let output = diff_rev("HEAD~1");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Förändringar från HEAD~1:testbygden.yaml till testbygden.yaml"), "{text}");
    assert!(text.contains("ändrad rad: Kostnader › Kansli\n    2026: 600 → 650 (+50)"), "{text}");
    let missing = diff_rev("finns-inte");
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("git har ingen testbygden.yaml i finns-inte"), "{}", stderr(&missing));
}

/// `vplan ny` keeps the plan's structure: lines linked with `medlemsbidrag:` stay blank (`~`)
/// for the contributions' year, so that each krona is still written once; the `%YAML`
/// directive stays at the top; every line of prose naming the old year or the year before is
/// listed with its number.
#[test]
fn next_year_keeps_links_the_directive_and_lists_every_old_year_in_the_prose() {
    let folder = temp_dir();
    let plan = folder.path().join("lankade-2026.yaml");
    std::fs::copy(root().join(FIXTURES).join("lankade-2026.yaml"), &plan).unwrap();
    let output = vplan(&["ny", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let new = folder.path().join("lankade-2027.yaml");
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(text.starts_with("%YAML 1.2\n---\n# Testbygdens plan"), "the directive is kept:\n{text}");
    for linked in [
        "- { namn: Staten, medlemsbidrag: Staten, belopp: [~, 3200] }",
        "- { namn: Regionen, medlemsbidrag: regionen, belopp: [~, 1600] }",
        "- { namn: Kommunerna, medlemsbidrag: [Testby kommun, Nyby kommun], belopp: [~, 1600] }",
    ] {
        assert!(text.contains(linked), "`{linked}` kept as a link:\n{text}");
    }
    // The prose that names 2026 or 2025, each with its line in the new plan.
    let listed = stdout(&output);
    for (needle, year) in
        [("vid utgången av 2025", "2025"), ("inriktning till 2026", "2026"), ("budget för 2026", "2026")]
    {
        let line = text.lines().position(|l| l.contains(needle)).expect("the prose is kept") + 1;
        assert!(
            listed.lines().any(|l| l.trim_start().starts_with(&format!("rad {line}:")) && l.contains(year)),
            "line {line} (`{needle}`) listed:\n{listed}"
        );
    }
    // Next year's plan reads the contributions once: no warning that they differ.
    let checked = vplan(&["check", new.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(!stderr(&checked).contains("medlemsbidragen blir"), "{}", stderr(&checked));
    let budget = stdout(&checked);
    assert!(budget.lines().any(|l| l.contains("Kommunerna") && l.contains("1 600")), "{budget}");
}

/// A warning found in the predecessor plan points at the predecessor's file and line, not at
/// the plan that names it; the plan's own warnings (none here) are its own.
#[test]
fn a_warning_in_the_predecessor_names_the_predecessor_file() {
    let plan = "tests/fixtures/foregaende-varning/testbygden-2026.yaml";
    let output = vplan(&["check", plan]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert!(
        warnings.contains("--> tests/fixtures/foregaende-varning/testbygden-2025.yaml:"),
        "the predecessor's path: {warnings}"
    );
    assert!(!warnings.contains("testbygden-2026.yaml:"), "not the plan's: {warnings}");
    insta::assert_snapshot!(warnings);
}
