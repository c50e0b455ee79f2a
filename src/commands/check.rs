//! `vplan check`: every plan checked, its warnings and its computed budget shown; nothing
//! written.

use std::io::Write as _;
use std::path::Path;

use super::each_plan;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::terminal::{self, Stream};

/// Checks every plan named.
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    let pipeline = Pipeline::default();
    each_plan(&args.plans, |file| {
        let checked = pipeline.check(file)?;
        let sources = checked.sources(pipeline.document);
        let sources: Vec<(&Path, &str)> = sources.iter().map(|(f, t)| (f.as_path(), t.as_str())).collect();
        eprint!("{}", terminal::warnings(&checked.warnings, &sources, terminal::colour(Stream::Stderr)));
        let mut out = std::io::stdout().lock();
        let count = match checked.warnings.len() {
            0 => "inga varningar".to_owned(),
            1 => "1 varning".to_owned(),
            n => format!("{n} varningar"),
        };
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
