//! The limits on a plan's own templates: they are laid out first in a child process (this same
//! program, started again with [`CHILD_COMMAND`]) whose time and memory the operating system
//! bounds, so that a template that loops for ever or fills the memory ends the child, never
//! vplan, and becomes a plan error that points at `utseende.mallar`.
//!
//! In: the world of one compilation (its main source, theme, folder, own templates and date).
//! Out: `Ok` when the child finished within the limits (the caller then lays the document out
//! in its own process, where the same work is known to fit), or a located plan error. Plans
//! without own templates never come here: vplan's own templates are bounded by the checks on
//! the plan, and they are laid out in-process, for speed.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::PlanWorld;
use crate::error::{Diagnostic, Error};
use crate::plan::{self, Loaded};

/// How much processor time the plan's own templates may take to lay out a document, in seconds.
pub const OWN_TEMPLATE_SECONDS: u64 = 120;
/// How much memory (address space) the child that lays out a document with the plan's own
/// templates may use, in bytes.
pub const OWN_TEMPLATE_MEMORY: u64 = 2 * 1024 * 1024 * 1024;

/// The hidden first argument that makes vplan the child that lays out one document with a
/// plan's own templates ([`run_child`]).
pub const CHILD_COMMAND: &str = "__egna-mallar";

/// What the child is given on its standard input: one compilation.
#[derive(Serialize, Deserialize)]
struct Job {
    folder: PathBuf,
    templates: PathBuf,
    /// The plan's date, `ÅÅÅÅ-MM-DD`.
    date: String,
    main: String,
    theme: Option<String>,
    seconds: u64,
    memory: u64,
}

/// The child's exit code when it could not read its job: vplan's own fault.
const CHILD_CONFUSED: i32 = 3;

/// The limits in force: the constants, or stricter ones from `VPLAN_MALLAR_SEKUNDER` (never
/// looser), for tests and for servers that build plans they did not write.
fn seconds() -> u64 {
    std::env::var("VPLAN_MALLAR_SEKUNDER")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(OWN_TEMPLATE_SECONDS, |s| s.clamp(1, OWN_TEMPLATE_SECONDS))
}

/// The memory limit in force: [`OWN_TEMPLATE_MEMORY`], or a stricter one in MiB from
/// `VPLAN_MALLAR_MINNE` (never looser).
fn memory() -> u64 {
    std::env::var("VPLAN_MALLAR_MINNE")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(OWN_TEMPLATE_MEMORY, |mib| {
            mib.saturating_mul(1024 * 1024).clamp(256 * 1024 * 1024, OWN_TEMPLATE_MEMORY)
        })
}

/// The program to start as the child: `VPLAN_EXE` if set, else this program if it is vplan.
/// A program that only uses vplan as a library (a test, the fuzzer) lays out in-process.
fn child_program() -> Option<PathBuf> {
    if let Some(exe) = std::env::var_os("VPLAN_EXE") {
        return Some(PathBuf::from(exe));
    }
    let exe = std::env::current_exe().ok()?;
    let stem = exe.file_stem()?.to_string_lossy().into_owned();
    (stem == "vplan").then_some(exe)
}

/// Lays out the document of `world` (whose own templates are in `own`) in a child process
/// under the limits; a child that ran out of time or memory is a plan error at
/// `utseende.mallar`.
pub(super) fn try_in_child(loaded: &Loaded, own: &Path, world: &PlanWorld) -> Result<(), Error> {
    let Some(program) = child_program() else { return Ok(()) };
    let seconds = seconds();
    let job = Job {
        folder: world.folder.clone(),
        templates: own.to_path_buf(),
        date: loaded.date.format("%Y-%m-%d").to_string(),
        main: world.main.text().to_owned(),
        theme: world.theme.as_ref().map(|t| String::from_utf8_lossy(&t[..]).into_owned()),
        seconds,
        memory: memory(),
    };
    let job = serde_json::to_vec(&job).map_err(|e| Error::bug(format!("mallarnas uppdrag: {e}")))?;
    let spawned = Command::new(&program)
        .arg(CHILD_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    // If vplan cannot start itself (the program was replaced while `watch` ran), the document
    // is laid out in-process as before.
    let Ok(mut child) = spawned else { return Ok(()) };
    if let Some(mut stdin) = child.stdin.take() {
        // A child that ended at once closed its input: its exit status says why.
        let _ = stdin.write_all(&job);
    }
    // Processor time is bounded in the child; the wall clock here catches a child that waits.
    let deadline = Instant::now() + Duration::from_secs(2 * seconds + 5);
    let mut pause = Duration::from_millis(2);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(Error::bug(format!("mallarnas barnprocess: {e}"))),
        }
    };
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) if status.code() == Some(CHILD_CONFUSED) => Err(Error::bug(
            "barnprocessen som sätter planens egna mallar förstod inte sitt uppdrag".to_owned(),
        )),
        status => Err(exhausted(loaded, status, seconds, memory())),
    }
}

/// The plan error for own templates that ran out of time (`status` is `None` when the wall
/// clock ended the child) or memory.
fn exhausted(loaded: &Loaded, status: Option<ExitStatus>, seconds: u64, memory: u64) -> Error {
    let folder = loaded.plan.look.templates.as_ref();
    let out_of_time = match status {
        None => true,
        #[cfg(unix)]
        Some(status) => {
            use std::os::unix::process::ExitStatusExt;
            // SIGXCPU at the soft limit, SIGKILL at the hard one.
            matches!(status.signal(), Some(libc::SIGXCPU | libc::SIGKILL))
        }
        #[cfg(not(unix))]
        Some(_) => false,
    };
    let what = if out_of_time {
        format!("planens egna mallar tog mer än {seconds} sekunder att sätta")
    } else {
        format!("planens egna mallar behövde mer än {} MB minne för att sättas", memory / (1024 * 1024))
    };
    loaded.error(vec![
        Diagnostic::new(what)
            .at(folder.and_then(|f| plan::position(&f.referenced, f.value.chars().count())))
            .note("vplan avbröt bygget; inga filer är skrivna")
            .hint("leta efter en slinga som aldrig tar slut eller en mycket stor lista i mallarna; jämför med vplans egna (`vplan mallar`)"),
    ])
}

/// The child: reads one [`Job`] from standard input, lays the document out under the job's
/// limits and ends with 0 (whether Typst succeeded or found errors: the parent lays it out
/// again and reports them). Running out of time or memory ends it by a signal. Returns the exit
/// code.
pub fn run_child() -> u8 {
    let mut input = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut input).is_err() {
        return CHILD_CONFUSED as u8;
    }
    let Ok(job) = serde_json::from_slice::<Job>(&input) else { return CHILD_CONFUSED as u8 };
    let Ok(date) = chrono::NaiveDate::parse_from_str(&job.date, "%Y-%m-%d") else {
        return CHILD_CONFUSED as u8;
    };
    limit_self(job.seconds, job.memory);
    let mut world = PlanWorld::new(&job.folder, date, job.main).with_templates(Some(job.templates));
    if let Some(theme) = job.theme {
        world = world.with_theme(theme);
    }
    let result = typst::compile::<typst_layout::PagedDocument>(&world);
    // The parent needs only the exit code; the document is not freed piece by piece.
    std::mem::forget(result);
    0
}

/// Bounds this process's processor time and address space (never above what it already has).
#[cfg(unix)]
fn limit_self(seconds: u64, memory: u64) {
    let set = |resource, wanted: u64| {
        let mut current = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit and setrlimit only read and write the struct given.
        unsafe {
            if libc::getrlimit(resource, &mut current) != 0 {
                return;
            }
            let hard = current.rlim_max;
            let soft = (wanted as libc::rlim_t).min(hard);
            let limit = libc::rlimit { rlim_cur: soft, rlim_max: hard };
            libc::setrlimit(resource, &limit);
        }
    };
    set(libc::RLIMIT_CPU, seconds);
    set(libc::RLIMIT_AS, memory);
}

/// Without rlimits the parent's wall clock is the only limit.
#[cfg(not(unix))]
fn limit_self(_seconds: u64, _memory: u64) {}
