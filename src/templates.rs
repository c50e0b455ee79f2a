//! vplan's templates, embedded in the binary from `templates/`.
//!
//! In: nothing. Out: the minijinja templates that bind a plan's data (stage 3) and the Typst
//! library that holds the layout (read by the Typst world in stage 4). A plan's own templates
//! (`utseende.mallar`) may replace any file of [`TYPST`] by giving a file the same name;
//! [`write`] gives the user copies to start from (`vplan mallar`).

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// The virtual folder inside the Typst world that holds vplan's own Typst files.
pub const TEMPLATE_ROOT: &str = "/.vplan";

/// The minijinja templates, by name: the document, and the theme it imports.
pub const JINJA: &[(&str, &str)] = &[
    ("plan.typ.j2", include_str!("../templates/plan.typ.j2")),
    ("tema.typ.j2", include_str!("../templates/tema.typ.j2")),
    ("andringar.typ.j2", include_str!("../templates/andringar.typ.j2")),
];

/// The generated theme's file name in the world's template folder (rendered from
/// `tema.typ.j2`; not one of the files a plan can replace, its values come from `utseende`).
pub const THEME: &str = "tema.typ";

/// vplan's own Typst files, by name under the world's template folder.
pub const TYPST: &[(&str, &[u8])] = &[
    ("vplan.typ", include_bytes!("../templates/vplan.typ")),
    ("sidor.typ", include_bytes!("../templates/sidor.typ")),
    ("omslag.typ", include_bytes!("../templates/omslag.typ")),
    ("rubriker.typ", include_bytes!("../templates/rubriker.typ")),
    ("innehall.typ", include_bytes!("../templates/innehall.typ")),
    ("tabeller.typ", include_bytes!("../templates/tabeller.typ")),
    ("budget.typ", include_bytes!("../templates/budget.typ")),
    ("andringar.typ", include_bytes!("../templates/andringar.typ")),
];

/// Writes vplan's own Typst files into `folder` (created if need be), for the user to change;
/// refuses to overwrite any file there. Returns the files written.
pub fn write(folder: &Path) -> Result<Vec<PathBuf>, Error> {
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
            Diagnostic::new(format!(
                "kan inte skapa mappen {}: {}",
                folder.display(),
                crate::files::io_reason(&e)
            ))
            .hint("välj en mapp du kan skriva i"),
        )
    })?;
    for (path, bytes) in &targets {
        crate::files::write_atomically(path, bytes)?;
    }
    Ok(targets.into_iter().map(|(path, _)| path).collect())
}
