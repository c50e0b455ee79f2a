//! Fuzz target `plan`: arbitrary bytes as a plan file (and, optionally, an own template),
//! through every command that reads a plan, as a user runs them.
//!
//! In: the fuzzer's bytes. Everything before a line `#mall` is written as `plan.yaml` in a
//! temporary folder that holds a copy of the example plans' images (so the plans of the seed
//! corpus get past their `bild:` keys and nothing outside the folder can be named), an example
//! plan `gammal.yaml` to compare with, and a folder `mallar/` for own templates; what follows
//! the line, if anything, becomes `mallar/innehall.typ` (a plan with `utseende: {mallar:
//! mallar}` uses it). Then, as the command line would: `vplan check`; `vplan build` with every
//! output (`--typ --png --ppi 18 --html --html-sammanfattning`); `vplan ny`; `vplan diff
//! gammal.yaml plan.yaml --pdf`. Out: nothing — the target only asserts vplan's promises: no
//! panic, and every failure is the user's (exit 1), never vplan's bug (`Error::Bug`, exit 2).
//! A Bug is turned into a panic so that libFuzzer records it.
//!
//! Own templates are compiled in a child process with its own limits when `VPLAN_EXE` names a
//! vplan binary (as the command line does); otherwise in the fuzzing process itself, under
//! libFuzzer's `-rss_limit_mb` and `-timeout`.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::Parser as _;
use libfuzzer_sys::fuzz_target;
use vplan::cli::Cli;
use vplan::error::Error;

/// The folder every run writes its plan into, made once per fuzzing process.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let copy = dir.path().join("bilder");
            std::fs::create_dir_all(&copy).expect("bilder/ in the temporary folder");
            if let Ok(entries) = std::fs::read_dir(root.join("plans/bilder")) {
                for entry in entries.flatten() {
                    if entry.path().is_file() {
                        std::fs::copy(entry.path(), copy.join(entry.file_name())).expect("an image copied");
                    }
                }
            }
            std::fs::create_dir_all(dir.path().join("mallar")).expect("mallar/");
            std::fs::create_dir_all(dir.path().join("ut")).expect("ut/");
            std::fs::copy(root.join("plans/asbygden-2019.yaml"), dir.path().join("gammal.yaml"))
                .expect("the plan to compare with");
            dir
        })
        .path()
}

/// Panics on what vplan promises never happens: an error that is vplan's own bug.
fn assert_user_error(command: &str, result: Result<(), Error>) {
    match result {
        Err(Error::Bug { message, .. }) => panic!("vplan {command}: Error::Bug (exit 2) on a plan: {message}"),
        Err(error) => assert_eq!(error.exit_code(), 1, "vplan {command}: a failed plan must exit 1"),
        Ok(()) => {}
    }
}

/// Runs one command line, as `vplan` would.
fn run(args: &[&str]) {
    let cli = Cli::try_parse_from(std::iter::once("vplan").chain(args.iter().copied()))
        .expect("the fuzz target's command lines are valid");
    assert_user_error(&args.join(" "), vplan::commands::run(cli.command));
}

fuzz_target!(|bytes: &[u8]| {
    let folder = folder();
    let (plan, template) = match bytes.windows(6).position(|w| w == b"\n#mall") {
        Some(at) => (&bytes[..at], Some(&bytes[(at + 6).min(bytes.len())..])),
        None => (bytes, None),
    };
    let file: PathBuf = folder.join("plan.yaml");
    std::fs::write(&file, plan).expect("the plan written");
    let own = folder.join("mallar/innehall.typ");
    match template {
        Some(template) => std::fs::write(&own, template).expect("the template written"),
        None => {
            let _ = std::fs::remove_file(&own);
        }
    }
    let next = folder.join("ny.yaml");
    let _ = std::fs::remove_file(&next);
    let path = |p: &Path| p.to_str().expect("a UTF-8 temporary path").to_owned();
    let (file, next) = (path(&file), path(&next));
    let (pdf, appendix, old) =
        (path(&folder.join("ut/plan.pdf")), path(&folder.join("ut/bilaga.pdf")), path(&folder.join("gammal.yaml")));
    run(&["check", &file]);
    run(&["build", &file, "-o", &pdf, "--typ", "--png", "--ppi", "18", "--html", "--html-sammanfattning"]);
    run(&["ny", &file, "-o", &next]);
    run(&["diff", &old, &file, "--pdf", &appendix]);
});
