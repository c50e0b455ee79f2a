//! Helpers shared by the integration tests: running the binary and reading PDFs with
//! poppler's tools (pdftotext, pdfinfo), which `.ci/run` installs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root; tests run the binary from here so paths in messages are relative.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the vplan binary with `args` from the repository root.
pub fn vplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vplan"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the vplan binary runs")
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The example plans, sorted.
pub fn example_plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(root().join("plans"))
        .expect("plans/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort();
    plans
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} from poppler-utils is needed (bash .ci/run installs it): {e}"));
    assert!(output.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// The text of a PDF (or of one page), with every run of whitespace — including no-break
/// spaces and the word joiners Typst puts before page numbers — folded to one space.
pub fn pdf_text(pdf: &Path, page: Option<usize>, layout: bool) -> String {
    let page_args: Vec<String> =
        page.map(|p| vec!["-f".into(), p.to_string(), "-l".into(), p.to_string()]).unwrap_or_default();
    let mut args: Vec<&str> = page_args.iter().map(String::as_str).collect();
    if layout {
        args.push("-layout");
    }
    let pdf = pdf.to_str().expect("UTF-8 path");
    args.extend([pdf, "-"]);
    fold(&poppler("pdftotext", &args))
}

/// Folds whitespace (and word joiners) to single spaces.
pub fn fold(text: &str) -> String {
    text.replace('\u{2060}', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of pages, as pdfinfo reports it.
pub fn pdf_pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().expect("UTF-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports Pages")
}

/// A fresh temporary folder.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The `förbund:` part of a small valid plan, with all four kinds of member, for tests that
/// write their own plans.
pub const MEMBERS: &str = "förbund:
  namn: Testbygdens samordningsförbund
  medlemmar:
    - { namn: Testby kommun, typ: kommun }
    - { namn: Region Test, typ: region }
    - { namn: Försäkringskassan, typ: försäkringskassan }
    - { namn: Arbetsförmedlingen, typ: arbetsförmedlingen }
";
