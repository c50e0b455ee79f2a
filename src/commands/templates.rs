//! `vplan mallar`: vplan's own Typst templates written to a folder, to start a look from.

use crate::cli::TemplatesArgs;
use crate::error::Error;
use crate::templates;

/// Writes the templates and says what to do with them.
pub fn run(args: &TemplatesArgs) -> Result<(), Error> {
    for file in templates::write(&args.folder)? {
        println!("{}", file.display());
    }
    println!(
        "Behåll de filer du vill ändra och ta bort resten; skriv `mallar:` med mappen under `utseende` i planen."
    );
    Ok(())
}
