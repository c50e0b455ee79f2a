//! The commands, one file each, like cargo's `commands/`: each turns its arguments from
//! [`crate::cli`] into a [`crate::pipeline::Pipeline`] (or the tool it needs), runs it and
//! prints the outcome through [`crate::terminal`].
//!
//! In: a parsed [`Command`]. Out: what the command wrote and printed, or the [`Error`] that
//! ended it (problems with single plans among several are printed as they occur).

mod bookkeeping;
mod build;
mod check;
mod diff;
pub mod followup;
mod new_plan;
mod next;
mod schema;
mod templates;
mod text;
mod watch;

use std::path::{Path, PathBuf};

use crate::cli::Command;
use crate::error::Error;

/// Runs a command. A panic anywhere in it is turned into [`Error::Bug`], so the user gets a
/// Swedish message and exit code 2 instead of Rust's own.
pub fn run(command: Command) -> Result<(), Error> {
    install_panic_hook();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(command)))
        .unwrap_or_else(|panic| Err(panicked(panic)))
}

thread_local! {
    /// Where the last panic on this thread happened, as the panic hook saw it. Per thread:
    /// plans built side by side ([`each_plan`]) each report their own panic's place.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces Rust's panic message (English, on standard error) with a note of where it
/// happened, which [`panicked`] puts in the bug report.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(place));
    }));
}

/// The bug report for a caught panic.
fn panicked(payload: Box<dyn std::any::Any + Send>) -> Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let place = LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_default();
    Error::bug(format!("vplan stannade oväntat ({place}): {message}"))
}

/// Runs the command itself.
fn dispatch(command: Command) -> Result<(), Error> {
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::NewPlan(args) => new_plan::run(&args),
        Command::Next(args) => next::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Text(args) => text::run(&args),
        Command::Templates(args) => templates::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::NewFollowUp(args) => followup::new(&args),
        Command::Books(args) => bookkeeping::run(&args),
    }
}

/// What one plan's step prints, held back until the plans named before it have printed theirs.
#[derive(Debug, Default, PartialEq)]
struct Printed {
    /// For standard output.
    out: String,
    /// For standard error: warnings, and the plan's error.
    err: String,
}

impl Printed {
    /// Adds the warnings, each shown against the text of the file it is about (`sources`).
    fn warnings(&mut self, warnings: &[crate::error::Diagnostic], sources: &crate::terminal::Sources) {
        let colour = crate::terminal::colour(crate::terminal::Stream::Stderr);
        self.err.push_str(&crate::terminal::warnings(warnings, sources, colour));
    }

    /// Prints it: standard error first (the warnings come before the line they belong to).
    fn print(&self) {
        use std::io::Write as _;
        if !self.err.is_empty() {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(self.err.as_bytes());
            let _ = err.flush();
        }
        if !self.out.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(self.out.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Runs `step` on every plan, printing what each printed and each failure, and fails if any
/// failed. One plan's failure never stops the next.
fn each_plan(
    plans: &[PathBuf],
    step: impl Fn(&Path, &mut Printed) -> Result<(), Error> + Sync,
) -> Result<(), Error> {
    if let [file] = plans {
        let (printed, outcome) = run_step(&step, file);
        printed.print();
        return outcome;
    }
    let mut worst: Option<Error> = None;
    let mut failed = 0;
    side_by_side(plans, &step, |printed, outcome| {
        printed.print();
        if let Err(e) = outcome {
            failed += 1;
            eprint!(
                "{}",
                crate::terminal::error(&e, crate::terminal::colour(crate::terminal::Stream::Stderr))
            );
            if worst.as_ref().is_none_or(|w| e.exit_code() > w.exit_code()) {
                worst = Some(e);
            }
        }
    });
    match worst {
        None => Ok(()),
        Some(worst) => Err(Error::Failed { failed, total: plans.len(), exit_code: worst.exit_code() }),
    }
}

/// Runs `step` on one plan. A panic is a bug in vplan: it fails this plan with exit code 2,
/// and the next plan is still built.
fn run_step(
    step: &(impl Fn(&Path, &mut Printed) -> Result<(), Error> + Sync),
    file: &Path,
) -> (Printed, Result<(), Error>) {
    let mut printed = Printed::default();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(file, &mut printed)))
        .unwrap_or_else(|panic| Err(panicked(panic)));
    (printed, outcome)
}

/// Runs `step` on every plan side by side, on as many threads as the machine has cores (Typst
/// lays out one document on about one core), and hands each plan's outcome to `show` in the
/// order the plans were given, as soon as the plans before it are done.
fn side_by_side(
    plans: &[PathBuf],
    step: &(impl Fn(&Path, &mut Printed) -> Result<(), Error> + Sync),
    mut show: impl FnMut(Printed, Result<(), Error>),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(plans.len());
    let next = AtomicUsize::new(0);
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (done, next) = (done.clone(), &next);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = plans.get(index) else { return };
                    if done.send((index, run_step(step, file))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        // A plan that finishes early waits here for those named before it.
        let mut waiting = std::collections::BTreeMap::new();
        let mut shown = 0;
        for (index, result) in finished {
            waiting.insert(index, result);
            while let Some((printed, outcome)) = waiting.remove(&shown) {
                shown += 1;
                show(printed, outcome);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_panic_fails_its_plan_as_a_bug_and_the_next_plan_still_runs() {
        install_panic_hook();
        let plans = [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")];
        let seen = Mutex::new(Vec::new());
        let result = each_plan(&plans, |file, _| {
            seen.lock().unwrap().push(file.to_path_buf());
            if file.ends_with("a.yaml") {
                panic!("ett fel i vplan");
            }
            Ok(())
        });
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(seen, plans, "b was built after a panicked");
        assert!(matches!(result, Err(Error::Failed { failed: 1, total: 2, exit_code: 2 })), "{result:?}");
    }

    #[test]
    fn plans_run_side_by_side_and_print_in_the_order_given() {
        install_panic_hook();
        let plans: Vec<PathBuf> = (0..6).map(|i| PathBuf::from(format!("{i}.yaml"))).collect();
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let step = |file: &Path, printed: &mut Printed| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            // The first plans take longest, so later ones finish first.
            let number: u64 = file.file_stem().unwrap().to_str().unwrap().parse().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(60 - 10 * number));
            running.fetch_sub(1, Ordering::SeqCst);
            printed.out = format!("{}\n", file.display());
            printed.err = format!("varning om {}\n", file.display());
            if number == 3 {
                panic!("ett fel i vplan");
            }
            Ok(())
        };
        let mut shown = Vec::new();
        side_by_side(&plans, &step, |printed, outcome| shown.push((printed.out, outcome.is_err())));
        let expected: Vec<(String, bool)> = (0..6).map(|i| (format!("{i}.yaml\n"), i == 3)).collect();
        assert_eq!(shown, expected, "every plan in the order given, the panic as its own plan's failure");
        if std::thread::available_parallelism().map_or(1, std::num::NonZero::get) > 1 {
            assert!(most.load(Ordering::SeqCst) > 1, "plans were built at the same time");
        }
    }
}
