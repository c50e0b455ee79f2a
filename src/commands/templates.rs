//! `vplan mallar`: vplan's own Typst templates written to a folder, to start a look from.

use std::path::{Path, PathBuf};

use crate::cli::TemplatesArgs;
use crate::error::{Diagnostic, Error};
use crate::files;
use crate::templates::TYPST;

/// Writes the templates and says what to do with them.
pub fn run(args: &TemplatesArgs) -> Result<(), Error> {
    for file in write(&args.folder)? {
        println!("{}", file.display());
    }
    println!(
        "Behåll de filer du vill ändra och ta bort resten; skriv `mallar:` med mappen under `utseende` i planen."
    );
    Ok(())
}

/// Writes vplan's own Typst files into `folder` (created if need be), for the user to change;
/// refuses to overwrite any file there. Returns the files written.
fn write(folder: &Path) -> Result<Vec<PathBuf>, Error> {
    let targets: Vec<(PathBuf, &[u8])> =
        TYPST.iter().map(|(name, bytes)| (folder.join(name), *bytes)).collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::User(
            Diagnostic::new(format!("mallfilerna finns redan: {}", existing.join(", ")))
                .hint("välj en annan mapp, så skrivs inga egna mallar över"),
        ));
    }
    std::fs::create_dir_all(folder).map_err(|e| {
        Error::User(
            Diagnostic::new(format!("kan inte skapa mappen {}: {}", folder.display(), files::io_reason(&e)))
                .hint("välj en mapp du kan skriva i"),
        )
    })?;
    for (path, bytes) in &targets {
        files::write_atomically(path, bytes)?;
    }
    Ok(targets.into_iter().map(|(path, _)| path).collect())
}
