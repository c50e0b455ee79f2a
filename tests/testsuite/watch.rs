//! `vplan watch`: the real binary watches a plan in a temporary folder; a save by rename gives
//! a new PDF, a broken save keeps the last good one; an edit of the predecessor plan or of an
//! own template builds again, and so does a fix after any error, an own template that runs out
//! of time among them.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{MEMBERS, pdf_text, root, temp_dir};

/// Generous, so that a slow CI machine does not make the test flaky; nothing is timed.
const PATIENCE: Duration = Duration::from_secs(60);

/// The watching process, ended when the test ends, whatever happens.
struct Watching {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Watching {
    fn start(plan: &Path, extra: &[&str]) -> Self {
        Self::start_with(plan, extra, &[])
    }

    /// Starts `vplan watch` with `env` set too.
    fn start_with(plan: &Path, extra: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vplan"))
            .envs(env.iter().copied())
            .arg("watch")
            .arg(plan.file_name().unwrap())
            .args(extra)
            .current_dir(plan.parent().unwrap())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("vplan watch starts");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        Self { child, stdout, stderr }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until `ready` holds, or fails with what the process printed.
    fn wait_for(&self, what: &str, mut ready: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ready() {
            assert!(
                start.elapsed() < PATIENCE,
                "waited {PATIENCE:?} for {what}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a stream to its end on a thread; the text so far is in the returned string.
fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let shared = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buffer = [0; 4096];
        while let Ok(n @ 1..) = stream.read(&mut buffer) {
            shared.lock().unwrap().push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
    text
}

fn plan_with(text: &str) -> String {
    format!(
        "{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\navsnitt:\n  - rubrik: Inledning\n    text: {text}\n"
    )
}

/// Saves the way many editors do: a new file renamed over the plan.
fn save_by_rename(plan: &Path, text: &str) {
    let temp = plan.with_file_name(".plan.yaml.tmp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, plan).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let pdf = folder.path().join("plan.pdf");
    std::fs::write(&plan, plan_with("Första versionen av planen.")).unwrap();

    // With page images and the web page too: writing them must not count as a save.
    let watching = Watching::start(&plan, &["--png", "--ppi", "18", "--html"]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    assert!(pdf_text(&pdf, None, false).contains("Första versionen av planen."));
    assert!(folder.path().join("plan-1.png").is_file(), "--png writes page images in watch too");
    let html = folder.path().join("plan.html");
    let page = || std::fs::read_to_string(&html).unwrap_or_default();
    assert!(page().contains("Första versionen av planen."), "--html writes the web page in watch too");

    save_by_rename(&plan, &plan_with("Andra versionen av planen."));
    watching.wait_for("the rebuilt PDF", || {
        watching.stdout().matches("sidor på").count() >= 2
            && pdf_text(&pdf, None, false).contains("Andra versionen av planen.")
    });
    assert!(page().contains("Andra versionen av planen."), "the web page is rebuilt with the PDF");
    let good = std::fs::read(&pdf).unwrap();

    // Still watched after the rename: a broken save is reported, and the PDF stays.
    save_by_rename(&plan, &plan_with("Tredje versionen.").replace("år: 2026", "år: [2026"));
    watching.wait_for("the error", || watching.stderr().contains("fel: "));
    assert!(
        watching.stderr().contains("plan.yaml:"),
        "the error points into the plan: {}",
        watching.stderr()
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF is left as it was");

    // A fixed save builds again.
    save_by_rename(&plan, &plan_with("Fjärde versionen av planen."));
    watching.wait_for("the PDF after the fix", || {
        pdf_text(&pdf, None, false).contains("Fjärde versionen av planen.")
    });
    // Three PDFs (the first build and the two good saves) and one error: vplan's own files
    // (PDF, page images, temporary files) never set off a build of their own.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(watching.stdout().matches("sidor på").count(), 3, "{}", watching.stdout());
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".vplan-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn watch_refuses_a_missing_plan() {
    let folder = temp_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_vplan"))
        .args(["watch", "finns-inte.yaml"])
        .current_dir(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("finns inte"));
}

/// The inotify watches `pid` holds, as the kernel lists them.
#[cfg(target_os = "linux")]
fn inotify_watches(pid: u32) -> usize {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else { return 0 };
    fds.filter_map(|fd| std::fs::read_to_string(fd.ok()?.path()).ok())
        .map(|info| info.lines().filter(|l| l.starts_with("inotify wd:")).count())
        .sum()
}

/// A link in the plan's folder to `/` is not followed: the watch holds a watch for the plan's
/// folder and its own subfolders, not for the whole disk.
#[cfg(target_os = "linux")]
#[test]
fn watch_does_not_follow_a_link_out_of_the_plans_folder() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    std::fs::write(&plan, plan_with("Första versionen.")).unwrap();
    std::fs::create_dir(folder.path().join("bilder")).unwrap();
    std::os::unix::fs::symlink("/", folder.path().join("rot")).unwrap();
    std::os::unix::fs::symlink("/usr", folder.path().join("usr")).unwrap();
    let watching = Watching::start(&plan, &[]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    let watches = inotify_watches(watching.child.id());
    assert!((1..=4).contains(&watches), "{watches} inotify watches for a folder with one subfolder");
}

/// The number of builds the watch has reported, good and failed.
fn builds(watching: &Watching) -> usize {
    watching.stdout().matches("sidor på").count() + watching.stderr().matches("fel: ").count()
}

/// Copies the fixture `name` of tests/fixtures/utseende into `folder`, with its own templates
/// (the folder `mallar/`).
fn own_templates_plan(folder: &Path) -> std::path::PathBuf {
    let fixtures = root().join("tests/fixtures/utseende");
    let plan = folder.join("plan.yaml");
    std::fs::copy(fixtures.join("egna-mallar.yaml"), &plan).unwrap();
    std::fs::create_dir(folder.join("mallar")).unwrap();
    std::fs::copy(fixtures.join("mallar/omslag.typ"), folder.join("mallar/omslag.typ")).unwrap();
    plan
}

#[test]
fn watch_rebuilds_when_an_own_template_is_edited() {
    let folder = temp_dir();
    let plan = own_templates_plan(folder.path());
    let pdf = folder.path().join("plan.pdf");
    let watching = Watching::start(&plan, &[]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    assert!(pdf_text(&pdf, Some(1), false).contains("Omslaget kommer från förbundets egen mall."));

    // Written in place, as many editors save.
    let template = folder.path().join("mallar/omslag.typ");
    let edited = std::fs::read_to_string(&template)
        .unwrap()
        .replace("Omslaget kommer från förbundets egen mall.", "Omslaget är ändrat i mallen.");
    std::fs::write(&template, edited).unwrap();
    watching.wait_for("the PDF with the edited template", || {
        pdf_text(&pdf, Some(1), false).contains("Omslaget är ändrat i mallen.")
    });
}

#[test]
fn watch_rebuilds_when_the_predecessor_is_edited() {
    let folder = temp_dir();
    let fixtures = root().join("tests/fixtures/arsskifte");
    for name in ["testbygden-2026.yaml", "testbygden-2027.yaml"] {
        std::fs::copy(fixtures.join(name), folder.path().join(name)).unwrap();
    }
    let plan = folder.path().join("testbygden-2027.yaml");
    let pdf = folder.path().join("testbygden-2027.pdf");
    let watching = Watching::start(&plan, &[]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    assert!(!pdf_text(&pdf, None, true).contains("Styrelse 4321"), "no such figure yet");

    // Last year's budget for the board, as this year's plan shows it in its predecessor column.
    let predecessor = folder.path().join("testbygden-2026.yaml");
    let text = std::fs::read_to_string(&predecessor).unwrap();
    assert!(text.contains("belopp: [100, 105, 110]"), "the board's row in testbygden-2026");
    save_by_rename(&predecessor, &text.replace("belopp: [100, 105, 110]", "belopp: [4321, 105, 110]"));
    watching.wait_for("the PDF with the predecessor's new figure", || {
        pdf_text(&pdf, None, true).contains("4 321")
    });
}

#[test]
fn watch_survives_an_own_template_error_and_builds_after_the_fix() {
    let folder = temp_dir();
    let plan = own_templates_plan(folder.path());
    let pdf = folder.path().join("plan.pdf");
    let watching = Watching::start(&plan, &[]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    let good = std::fs::read(&pdf).unwrap();

    let template = folder.path().join("mallar/omslag.typ");
    let original = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        original.replace("text(size: 20pt, weight", "text(size: okand-variabel, weight"),
    )
    .unwrap();
    watching.wait_for("the template's error", || watching.stderr().contains("fel: "));
    assert!(
        watching.stderr().contains("mallar/omslag.typ"),
        "the error names the template: {}",
        watching.stderr()
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF stays");

    std::fs::write(&template, original.replace("egen mall.", "egen, rättade mall.")).unwrap();
    watching.wait_for("the PDF after the fix", || {
        pdf_text(&pdf, Some(1), false).contains("förbundets egen, rättade mall.")
    });
}

#[test]
fn watch_survives_an_own_template_that_runs_out_of_time() {
    let folder = temp_dir();
    let plan = own_templates_plan(folder.path());
    let pdf = folder.path().join("plan.pdf");
    // The strictest budget the tests can set: one second.
    let mut watching = Watching::start_with(&plan, &[], &[("VPLAN_MALLAR_SEKUNDER", "1")]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));

    let template = folder.path().join("mallar/omslag.typ");
    let original = std::fs::read_to_string(&template).unwrap();
    let endless =
        std::fs::read_to_string(root().join("tests/fixtures/utseende/evig-mall/omslag.typ")).unwrap();
    std::fs::write(&template, endless).unwrap();
    watching.wait_for("the template's time to run out", || watching.stderr().contains("tog mer än"));
    // Still running a moment later: the error did not end the watch.
    std::thread::sleep(Duration::from_millis(500));
    let exited = watching.child.try_wait().unwrap();
    assert!(
        exited.is_none(),
        "the watch goes on after the error, but ended with {exited:?}\nstdout:\n{}\nstderr:\n{}",
        watching.stdout(),
        watching.stderr()
    );

    let before = builds(&watching);
    std::fs::write(&template, original.replace("egen mall.", "egen mall, snabb igen.")).unwrap();
    watching.wait_for("the PDF after the fix", || {
        builds(&watching) > before && pdf_text(&pdf, Some(1), false).contains("egen mall, snabb igen.")
    });
}

#[test]
fn watch_rebuilds_a_followup_when_it_or_its_plan_is_edited() {
    let folder = temp_dir();
    let examples = root().join("plans/uppfoljning");
    for name in ["nedansiljan-2026.yaml", "nedansiljan-2026-delarsrapport-2026-08.yaml"] {
        std::fs::copy(examples.join(name), folder.path().join(name)).unwrap();
    }
    let report = folder.path().join("nedansiljan-2026-delarsrapport-2026-08.yaml");
    let pdf = report.with_extension("pdf");
    let page = report.with_extension("html");
    let watching = Watching::start(&report, &["--html"]);
    watching.wait_for("the first PDF", || watching.stdout().contains("sidor på"));
    assert!(pdf_text(&pdf, None, true).contains("Styrelse 99 61 62 %"), "the report's figures");
    assert!(std::fs::read_to_string(&page).unwrap().contains("<h1>Delårsrapport 2026</h1>"), "--html too");

    // The follow-up's own utfall for the board, saved by rename.
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("  Styrelse: 61\n"), "the board's utfall in the example");
    save_by_rename(&report, &text.replacen("  Styrelse: 61\n", "  Styrelse: 77\n", 1));
    watching
        .wait_for("the PDF with the new utfall", || pdf_text(&pdf, None, true).contains("Styrelse 99 77"));

    // The plan it follows up, written in place: the budget comes from there.
    let plan = folder.path().join("nedansiljan-2026.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("belopp: [99, 105, 106]"), "the board's row in the plan");
    std::fs::write(&plan, text.replace("belopp: [99, 105, 106]", "belopp: [120, 105, 106]")).unwrap();
    watching.wait_for("the PDF with the plan's new budget", || {
        pdf_text(&pdf, None, true).contains("Styrelse 120 77")
    });
    assert!(std::fs::read_to_string(&page).unwrap().contains(">120<"), "the web page is rebuilt too");
}
