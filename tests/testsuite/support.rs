//! Helpers shared by the integration tests: running the binary and reading PDFs with
//! poppler's tools (pdftotext, pdfinfo), which `.ci/run` installs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};

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

/// The themed fixture, with its own fonts, colours and cover picture: built beside the example
/// plans by the tests that check every example.
pub fn themed_plan() -> PathBuf {
    root().join("tests/fixtures/utseende/tema.yaml")
}

/// A plan built once per test run by the real binary, with the PDF, the web page and the
/// summary, and shared by every test that only reads what the build wrote.
pub struct Built {
    /// The PDF.
    pub pdf: PathBuf,
    /// The web page (`--html`).
    pub html: PathBuf,
    /// The summary page (`--html-sammanfattning`).
    pub summary: PathBuf,
    /// What vplan printed on standard output.
    pub stdout: String,
}

/// Where the shared builds are written: a folder of this test process's own in the test
/// target's folder (a `TempDir` in a static would never be removed). The folders of earlier
/// runs are removed when their process is gone.
fn shared_folder() -> &'static Path {
    const PREFIX: &str = "delade-byggen-";
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let running = |pid: &str| Path::new("/proc").join(pid).exists() || !Path::new("/proc/self").exists();
        for entry in std::fs::read_dir(&target).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.strip_prefix(PREFIX).is_some_and(|pid| !running(pid)) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let folder = target.join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a folder for the shared builds");
        folder
    })
}

/// The plan at `plan` (a path, or a name under the shared folder for a plan a test wrote there
/// with [`shared_plan`]), built once per test run with `vplan build -o <stem>.pdf --html
/// --html-sammanfattning`; the build must succeed. Tests that ask for the same plan at the same
/// time wait for the one build; different plans build side by side.
pub fn built(plan: &Path) -> &'static Built {
    type Builds = HashMap<PathBuf, (usize, &'static OnceLock<Built>)>;
    static BUILDS: OnceLock<Mutex<Builds>> = OnceLock::new();
    let (number, cell) = {
        let mut builds = BUILDS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        let next = builds.len();
        *builds.entry(plan.to_path_buf()).or_insert_with(|| (next, Box::leak(Box::default())))
    };
    cell.get_or_init(|| {
        let stem = plan.file_stem().expect("a plan file").to_string_lossy().into_owned();
        // Numbered: two plans of the same name in different folders get folders of their own.
        let folder = shared_folder().join(format!("{number}-{stem}"));
        std::fs::create_dir_all(&folder).expect("a folder for the build");
        let pdf = folder.join(format!("{stem}.pdf"));
        let output = vplan(&[
            "build",
            plan.to_str().expect("UTF-8"),
            "-o",
            pdf.to_str().expect("UTF-8"),
            "--html",
            "--html-sammanfattning",
        ]);
        assert!(output.status.success(), "vplan build {} failed:\n{}", plan.display(), stderr(&output));
        // The page make-up's layout passes settle: Typst warns when they do not (a table
        // that keeps moving between two pages, templates/tabeller.typ `stands-whole`).
        let errors = stderr(&output);
        assert!(
            !errors.contains("converge") && !errors.contains("stabilize"),
            "Typst's layout did not settle for {}:\n{errors}",
            plan.display()
        );
        Built {
            html: pdf.with_extension("html"),
            summary: folder.join(format!("{stem}-sammanfattning.html")),
            pdf,
            stdout: stdout(&output),
        }
    })
}

/// A plan generated by a test (`text`), written once per run to the shared folder as
/// `<name>.yaml`, so that several tests can [`built`] it; returns its path.
pub fn shared_plan(name: &str, text: impl FnOnce() -> String) -> PathBuf {
    static WRITTEN: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut written = WRITTEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    written
        .entry(name.to_owned())
        .or_insert_with(|| {
            let folder = shared_folder().join("planer");
            std::fs::create_dir_all(&folder).expect("a folder for the generated plans");
            let plan = folder.join(format!("{name}.yaml"));
            std::fs::write(&plan, text()).expect("the generated plan is written");
            plan
        })
        .clone()
}

/// Whether the external `tool` a test needs is here (`probe` runs it harmlessly and succeeds).
/// Without it the test is skipped with a message on a developer's machine, but under `CI=true`
/// it fails: CI installs every tool (`bash .ci/run`), so a missing one there is a fault, never a
/// silent pass. Every test that can do without a tool asks through here.
pub fn tool_available(tool: &str, probe: &mut Command) -> bool {
    let found = probe.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    decide(found, ci, tool)
}

/// The verdict of [`tool_available`]: present, skipped here, or a failure under CI.
fn decide(found: bool, ci: bool, tool: &str) -> bool {
    if found {
        return true;
    }
    assert!(!ci, "{tool} saknas, och under CI=true får inget test hoppas över: bash .ci/run installerar det");
    eprintln!("HOPPAR ÖVER: {tool} finns inte på den här datorn (CI har det; bash .ci/run installerar det)");
    false
}

#[cfg(test)]
mod tests {
    use super::decide;

    #[test]
    fn a_missing_tool_skips_only_outside_ci() {
        assert!(decide(true, true, "node"));
        assert!(decide(true, false, "node"));
        assert!(!decide(false, false, "node"), "skipped on a developer's machine");
        let under_ci = std::panic::catch_unwind(|| decide(false, true, "node"));
        assert!(under_ci.is_err(), "fails under CI=true");
    }
}
