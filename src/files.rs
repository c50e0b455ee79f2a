//! Files: the one place vplan touches the file system for its outputs.
//!
//! In: paths the user named (a plan, an output) and bytes to write. Out: files written
//! atomically, or a Swedish [`Error::User`] that says why not. A leaf module: it knows paths and
//! bytes, never plans.
//!
//! Writing goes through temporary files in the target's folder that are renamed into place, so
//! a failed build never leaves a half-written file where the previous one was.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// A short Swedish reason for an I/O error.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "filen eller mappen finns inte".to_owned(),
        ErrorKind::PermissionDenied => "åtkomst nekad".to_owned(),
        ErrorKind::IsADirectory => "det är en mapp".to_owned(),
        ErrorKind::NotADirectory => "en del av sökvägen är ingen mapp".to_owned(),
        ErrorKind::StorageFull => "disken är full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "filsystemet är skrivskyddat".to_owned(),
        _ => format!("{error}"),
    }
}

/// The canonical folder a new file will be written in.
pub fn output_folder(output: &Path) -> Result<PathBuf, Error> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.canonicalize().map_err(|e| {
        Error::User(Diagnostic::new(format!(
            "mappen {} går inte att skriva i: {}",
            parent.display(),
            io_reason(&e)
        )))
    })
}

/// Checks that `output` can receive a file built from `plan`, before any work is done: it is
/// not the plan, and it is a regular file or not there yet.
pub fn check_target(plan: &Path, output: &Path) -> Result<(), Error> {
    replaceable(output)?;
    not_an_input(&[plan], output)
}

/// Refuses to write `output` over any of `inputs` (the plan, its predecessor, its images, its
/// own templates): vplan never replaces what it reads.
pub fn not_an_input(inputs: &[&Path], output: &Path) -> Result<(), Error> {
    let Ok(target) = output.canonicalize() else { return Ok(()) };
    let Some(input) = inputs.iter().find(|input| input.canonicalize().is_ok_and(|i| i == target)) else {
        return Ok(());
    };
    let what = if inputs.first() == Some(input) { "planen själv" } else { "en fil som planen använder" };
    Err(Error::User(
        Diagnostic::new(format!("utfilen {} är {what}", output.display()))
            .hint("välj ett annat namn för utfilen, till exempel med ändelsen .pdf; inget har skrivits"),
    ))
}

/// Refuses a target that exists and is not a regular file (a folder, a device such as
/// `/dev/null`, a link, a FIFO): renaming a file onto it would replace it.
pub fn replaceable(output: &Path) -> Result<(), Error> {
    let Ok(metadata) = std::fs::symlink_metadata(output) else { return Ok(()) };
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "en mapp"
    } else if kind.is_symlink() {
        "en länk"
    } else {
        "ingen vanlig fil"
    };
    Err(Error::User(
        Diagnostic::new(format!("utfilen {} är {what}", output.display()))
            .hint("ange ett nytt filnamn eller en vanlig fil, till exempel -o plan.pdf; vplan ersätter bara vanliga filer"),
    ))
}

/// Writes `bytes` to `output` through a temporary file in the same folder.
pub fn write_atomically(output: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut batch = Batch::default();
    batch.add(output, bytes)?;
    batch.commit()
}

/// How the names of vplan's temporary files begin (`vplan watch` ignores them).
pub const TEMPORARY: &str = ".vplan-";

/// Files written together: each goes to a temporary file first, and only when every one is
/// complete are they renamed into place. Dropped without [`Batch::commit`], it removes its
/// temporary files and leaves every target as it was.
#[derive(Default)]
pub struct Batch {
    staged: Vec<(PathBuf, tempfile::NamedTempFile)>,
}

impl Batch {
    /// Writes `bytes` to a temporary file beside `output`, to be renamed to it on commit.
    pub fn add(&mut self, output: &Path, bytes: &[u8]) -> Result<(), Error> {
        replaceable(output)?;
        let folder = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let failed = |e: std::io::Error| cannot_write(output, &e);
        let mut temp =
            tempfile::Builder::new().prefix(TEMPORARY).suffix(".tmp").tempfile_in(folder).map_err(failed)?;
        temp.write_all(bytes).map_err(failed)?;
        #[cfg(unix)]
        {
            // A temporary file is private (0600); the PDF is for the board and the web: keep the
            // old file's permissions, or give a new one the usual 0644.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(output).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644);
            temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(failed)?;
        }
        temp.as_file().sync_all().map_err(failed)?;
        self.staged.push((output.to_path_buf(), temp));
        Ok(())
    }

    /// The files staged so far, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.staged.iter().map(|(path, _)| path.as_path())
    }

    /// Renames every staged file into place.
    pub fn commit(self) -> Result<(), Error> {
        // Checked again just before: the targets may have changed while the build ran.
        for (output, _) in &self.staged {
            replaceable(output)?;
        }
        for (output, temp) in self.staged {
            temp.persist(&output).map_err(|e| cannot_write(&output, &e.error))?;
        }
        Ok(())
    }
}

fn cannot_write(output: &Path, error: &std::io::Error) -> Error {
    Error::User(
        Diagnostic::new(format!("kan inte skriva {}: {}", output.display(), io_reason(error)))
            .hint("kontrollera att mappen finns och att du får skriva i den; tidigare filer är orörda"),
    )
}
