//! The commands, one file each, like cargo's `commands/`: each turns its arguments from
//! [`crate::cli`] into a [`crate::pipeline::Pipeline`] (or the tool it needs), runs it and
//! prints the outcome through [`crate::terminal`].
//!
//! In: a parsed [`Command`]. Out: what the command wrote and printed, or the [`Error`] that
//! ended it (problems with single plans among several are printed as they occur).

mod build;
mod check;
mod diff;
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

/// Where the last panic happened, as the panic hook saw it.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Replaces Rust's panic message (English, on standard error) with a note of where it
/// happened, which [`panicked`] puts in the bug report.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(place);
        }
    }));
}

/// The bug report for a caught panic.
fn panicked(payload: Box<dyn std::any::Any + Send>) -> Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let place = LAST_PANIC.lock().ok().and_then(|mut last| last.take()).unwrap_or_default();
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
    }
}

/// Runs `step` on every plan, printing each failure, and fails if any failed. One plan's
/// failure never stops the next.
fn each_plan(plans: &[PathBuf], mut step: impl FnMut(&Path) -> Result<(), Error>) -> Result<(), Error> {
    let mut worst: Option<Error> = None;
    let mut failed = 0;
    for file in plans {
        // A panic is a bug in vplan: it fails this plan with exit code 2, and the next plan is
        // still built.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(file)))
            .unwrap_or_else(|panic| Err(panicked(panic)));
        if let Err(e) = outcome {
            failed += 1;
            if plans.len() == 1 {
                return Err(e);
            }
            eprint!("{}", crate::terminal::error(&e, crate::terminal::colour(crate::terminal::Stream::Stderr)));
            if worst.as_ref().is_none_or(|w| e.exit_code() > w.exit_code()) {
                worst = Some(e);
            }
        }
    }
    match worst {
        None => Ok(()),
        Some(worst) => Err(Error::Failed { failed, total: plans.len(), exit_code: worst.exit_code() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_fails_its_plan_as_a_bug_and_the_next_plan_still_runs() {
        install_panic_hook();
        let plans = [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")];
        let mut seen = Vec::new();
        let result = each_plan(&plans, |file| {
            seen.push(file.to_path_buf());
            if file.ends_with("a.yaml") {
                panic!("ett fel i vplan");
            }
            Ok(())
        });
        assert_eq!(seen, plans, "b was built after a panicked");
        assert!(matches!(result, Err(Error::Failed { failed: 1, total: 2, exit_code: 2 })), "{result:?}");
    }
}
