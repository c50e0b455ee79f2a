//! Fuzz target `plan`: arbitrary bytes as a plan file, through every stage of the pipeline, as `vplan build` runs them.
//!
//! In: the fuzzer's bytes, written as `plan.yaml` in a temporary folder that holds a copy of
//! the example plans' images (so the plans of the seed corpus get past their `bild:` keys and
//! nothing outside the folder can be named). Out: nothing — the target only asserts vplan's
//! promises: no panic, and every failure is the user's (`Error::Plan` or `Error::User`, exit 1),
//! never `Error::Bug` (exit 2). A Bug is turned into a panic so that libFuzzer records it.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vplan::error::Error;
use vplan::pipeline::{Pipeline, Session};

/// The folder every run writes its plan into, made once per fuzzing process.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let images = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plans/bilder");
            let copy = dir.path().join("bilder");
            std::fs::create_dir_all(&copy).expect("bilder/ in the temporary folder");
            if let Ok(entries) = std::fs::read_dir(&images) {
                for entry in entries.flatten() {
                    if entry.path().is_file() {
                        std::fs::copy(entry.path(), copy.join(entry.file_name())).expect("an image copied");
                    }
                }
            }
            dir
        })
        .path()
}

/// Panics on what vplan promises never happens: an error that is vplan's own bug.
fn assert_user_error(stage: &str, result: Result<(), Error>) {
    if let Err(Error::Bug(message)) = result {
        panic!("vplan {stage}: Error::Bug (exit 2) on a plan: {message}");
    }
    if let Err(Error::Failed { exit_code, .. }) = result {
        assert_eq!(exit_code, 1, "vplan {stage}: a failed plan must exit 1");
    }
}

fuzz_target!(|bytes: &[u8]| {
    let folder = folder();
    let plan: PathBuf = folder.join("plan.yaml");
    let pdf = folder.join("plan.pdf");
    std::fs::write(&plan, bytes).expect("the plan written");
    let pipeline = Pipeline::default();
    // `check`, then the last stages on its result: what `vplan build` runs, without loading
    // the plan twice.
    match pipeline.check(&plan) {
        Ok(checked) => {
            let built = pipeline.finish(&mut Session::default(), checked, &pdf).map(|_| ());
            assert_user_error("build", built);
        }
        Err(error) => assert_user_error("check", Err(error)),
    }
});
