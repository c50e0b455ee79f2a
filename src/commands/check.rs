//! `vplan check`: every plan checked, its warnings and its computed budget shown; nothing
//! written.

use std::fmt::Write as _;
use std::path::Path;

use super::each_plan;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::terminal;

/// Checks every plan named.
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    each_plan(&args.plans, |file, printed| {
        if super::followup::is_followup_file(file) {
            return super::followup::check(file);
        }
        let pipeline = Pipeline::default();
        let checked = pipeline.check(file)?;
        let sources = checked.sources(pipeline.document);
        let sources: Vec<(&Path, &str)> = sources.iter().map(|(f, t)| (f.as_path(), t.as_str())).collect();
        printed.warnings(&checked.warnings, &sources);
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
