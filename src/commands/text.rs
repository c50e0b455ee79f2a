//! `vplan text`: the plan as text for `git diff` (a textconv driver).

use crate::cli::TextArgs;
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::validate::Files;
use crate::{files, terminal};

/// Prints the plan as one fact per line. It never fails on a plan that does not read: git
/// shows the file as it is instead, so a half-written plan still diffs.
pub fn run(args: &TextArgs) -> Result<(), Error> {
    if super::followup::is_followup_file(&args.plan) {
        return super::followup::text(&args.plan);
    }
    let bytes = crate::load::read_plan(&args.plan, "planen")?;
    let pipeline = Pipeline { files: Files::Skip, ..Pipeline::default() };
    let folder = files::output_folder(&args.plan)?;
    let text = match pipeline.load_bytes(&args.plan, &bytes, folder) {
        Ok(loaded) => terminal::plan_text(&loaded.plan, &pipeline.compute(&loaded, None)),
        Err(_) => format!(
            "(vplan kunde inte läsa planen; så här står den)\n{}",
            terminal::shown(&String::from_utf8_lossy(&bytes))
        ),
    };
    print!("{text}");
    Ok(())
}
