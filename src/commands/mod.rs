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

/// Runs a command.
pub fn run(command: Command) -> Result<(), Error> {
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
        if let Err(e) = step(file) {
            failed += 1;
            if plans.len() == 1 {
                return Err(e);
            }
            eprint!("{e}");
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
