//! The command line: Swedish help, usage errors, where output goes.

use std::path::Path;

use crate::support::{root, stderr, stdout, temp_dir, vplan};

/// Copies an example plan and its images into `folder`.
fn copy_example(folder: &Path) -> std::path::PathBuf {
    let plan = folder.join("nedansiljan-2026.yaml");
    std::fs::copy(root().join("plans/nedansiljan-2026.yaml"), &plan).unwrap();
    std::fs::create_dir_all(folder.join("bilder")).unwrap();
    for image in std::fs::read_dir(root().join("plans/bilder")).unwrap() {
        let image = image.unwrap().path();
        std::fs::copy(&image, folder.join("bilder").join(image.file_name().unwrap())).unwrap();
    }
    plan
}

#[test]
fn help_is_swedish_with_examples() {
    let output = vplan(&["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for expected in ["Användning: vplan", "Kommandon:", "build", "check", "Exempel:", "Visa hjälp"] {
        assert!(help.contains(expected), "`{expected}` in:\n{help}");
    }
    let build_help = stdout(&vplan(&["build", "--help"]));
    assert!(build_help.contains("--typ") && build_help.contains("Skriv PDF-filen hit"), "{build_help}");
}

#[test]
fn usage_errors_are_swedish_and_exit_with_one() {
    for (args, expected) in [
        (&["build", "--nonsense", "x.yaml"][..], "okänt argument `--nonsense`"),
        (&["bygg"][..], "okänt kommando `bygg`"),
        (&["build"][..], "argument saknas"),
        (&["build", "finns-inte.yaml"][..], "kan inte läsa planen finns-inte.yaml"),
    ] {
        let output = vplan(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains(expected), "{args:?}: `{expected}` in {}", stderr(&output));
    }
}

#[test]
fn build_writes_beside_the_plan_and_the_typst_source_on_request() {
    let folder = temp_dir();
    let plan = copy_example(folder.path());
    let output = vplan(&["build", plan.to_str().unwrap(), "--typ"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = std::fs::read(folder.path().join("nedansiljan-2026.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let typ = std::fs::read_to_string(folder.path().join("nedansiljan-2026.typ")).unwrap();
    assert!(typ.contains("#show: verksamhetsplan.with("));
}

#[test]
fn bad_output_paths_are_refused_before_anything_is_written() {
    let folder = temp_dir();
    let plan = copy_example(folder.path());
    let plan_text = std::fs::read(&plan).unwrap();
    let cases = [
        (folder.path().to_str().unwrap().to_owned(), "är en mapp"),
        (plan.to_str().unwrap().to_owned(), "är planen själv"),
        (folder.path().join("saknas/ut.pdf").to_str().unwrap().to_owned(), "kan inte skriva"),
    ];
    for (out, expected) in cases {
        let output = vplan(&["build", plan.to_str().unwrap(), "-o", &out]);
        assert_eq!(output.status.code(), Some(1), "-o {out}");
        assert!(stderr(&output).contains(expected), "-o {out}: `{expected}` in {}", stderr(&output));
    }
    assert_eq!(std::fs::read(&plan).unwrap(), plan_text, "the plan itself is untouched");
    let two = vplan(&["build", plan.to_str().unwrap(), plan.to_str().unwrap(), "-o", "x.pdf"]);
    assert_eq!(two.status.code(), Some(1));
    assert!(stderr(&two).contains("-o går bara att använda med en plan"));
}

#[test]
fn several_plans_build_in_one_call_and_a_failure_is_reported() {
    let folder = temp_dir();
    let plan = copy_example(folder.path());
    let broken = folder.path().join("trasig.yaml");
    std::fs::write(&broken, "förbund: [\n").unwrap();
    let output = vplan(&["build", plan.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(folder.path().join("nedansiljan-2026.pdf").exists(), "the good plan was built");
    assert!(stderr(&output).contains("1 av 2 planer hade fel"), "{}", stderr(&output));
}

#[test]
fn check_prints_the_computed_budget_and_writes_nothing() {
    let folder = temp_dir();
    let plan = copy_example(folder.path());
    let output = vplan(&["check", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("planen är giltig"), "{text}");
    assert!(
        text.contains("Totalt ingående beslutsutrymme") && text.contains("4 762") && text.contains("−343"),
        "{text}"
    );
    let files: Vec<_> = std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files.len(), 2, "only the plan and its image folder: {files:?}");
}

#[test]
fn a_starter_plan_builds_and_is_never_written_over() {
    let folder = temp_dir();
    let plan = folder.path().join("start.yaml");
    let args = [
        "ny-plan",
        "--förbund",
        "Exempelbygdens samordningsförbund",
        "--år",
        "2027",
        "-o",
        plan.to_str().unwrap(),
    ];
    let output = vplan(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("ATT ANPASSA") && text.contains("år: [2027, 2028, 2029]"), "{text}");

    let check = vplan(&["check", plan.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The starter's placeholders are counted, in one warning.
    assert!(stdout(&check).contains("(1 varning)"), "{}", stdout(&check));
    assert!(stderr(&check).contains("platshållare kvar från mallen"), "{}", stderr(&check));
    let build = vplan(&["build", plan.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));
    let pdf = crate::support::pdf_text(&plan.with_extension("pdf"), None, false);
    assert!(pdf.contains("Exempelbygdens samordningsförbund") && pdf.contains("3.1.4 Målområde 4"), "{pdf}");

    let again = vplan(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("finns redan"));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), text, "the existing plan is untouched");
}
