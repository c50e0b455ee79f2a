//! `vplan ny-plan`: a complete starter plan for a förbund that has none.

use crate::cli::NewPlanArgs;
use crate::error::Error;
use crate::starter;

/// Writes the starter plan.
pub fn run(args: &NewPlanArgs) -> Result<(), Error> {
    use chrono::Datelike;
    let starter = starter::Starter {
        name: args.name.clone().unwrap_or_else(|| "Exempelbygdens samordningsförbund".to_owned()),
        // A starter plan is written in the autumn for the coming year.
        year: args.year.unwrap_or_else(|| chrono::Local::now().year() + 1),
    };
    let output = args.output.clone().unwrap_or_else(|| starter.file_name());
    starter::write(&starter, &output)?;
    println!("{}: startplan för {} {}", output.display(), starter.name, starter.year);
    Ok(())
}
