//! `vplan check`: every plan checked, its warnings and its computed budget shown; nothing
//! written.

use std::fmt::Write as _;

use super::each_plan;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::terminal;

/// Checks every plan named.
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    each_plan(&args.plans, |file, printed| {
        let checked = Pipeline::default().check(file)?;
        printed.warnings(file, &checked.loaded.source, &checked.warnings);
        let count = match checked.warnings.len() {
            0 => "inga varningar".to_owned(),
            1 => "1 varning".to_owned(),
            n => format!("{n} varningar"),
        };
        let out = &mut printed.out;
        let _ = writeln!(out, "{}: planen är giltig ({count})", file.display());
        if let Some(budget) = &checked.computed.budget {
            let _ = write!(out, "{}", terminal::budget_table(budget));
        }
        for table in &checked.computed.contributions {
            let _ = write!(out, "{}", terminal::contributions_table(table));
        }
        Ok(())
    })
}
