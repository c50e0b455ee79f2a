//! Broken plans: exit code 1, a Swedish message at file:line:column, nothing written.

use std::path::Path;

use crate::support::{root, stderr, stdout, temp_dir, vplan};

/// The fixture's path relative to the repository root, as a user would type it.
fn relative(path: &Path) -> String {
    path.strip_prefix(root()).expect("fixture inside the repository").to_str().expect("UTF-8").to_owned()
}

#[test]
fn broken_plans_fail_with_a_located_swedish_message() {
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        let plan = relative(path);
        let output = vplan(&["check", &plan]);
        assert_eq!(output.status.code(), Some(1), "{plan}: a plan error exits with 1");
        assert!(stdout(&output).is_empty(), "{plan}: nothing on standard output");
        let message = stderr(&output);
        assert!(message.starts_with("fel: "), "{plan}: the message starts with `fel: `");
        assert!(message.contains(&plan), "{plan}: the message names the file");
        assert!(!message.contains("panicked") && !message.contains("RUST_BACKTRACE"), "{plan}: no panic");
        // The YAML parser's own English never reaches the user.
        for english in
            ["while parsing", "did not find", "expected", "not allowed", "simple key", "scalar", "tolkens"]
        {
            assert!(!message.contains(english), "{plan}: the parser's English `{english}` in {message}");
        }
        insta::assert_snapshot!(message);
    });
}

#[test]
fn broken_plans_leave_an_existing_pdf_untouched() {
    let folder = temp_dir();
    let pdf = folder.path().join("plan.pdf");
    let previous = b"%PDF-1.7 the previous, good PDF";
    insta::glob!("../fixtures/invalid", "*.yaml", |path| {
        std::fs::write(&pdf, previous).unwrap();
        let output = vplan(&["build", &relative(path), "-o", pdf.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(
            std::fs::read(&pdf).unwrap(),
            previous,
            "{}: the old PDF is byte-identical",
            path.display()
        );
        let leftovers: Vec<_> =
            std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
    });
}
