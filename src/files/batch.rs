//! Writing files as one unit: a [`Batch`] of new files staged in temporary folders beside their
//! targets and renamed into place on commit, and [`recover`], which puts the previous files back
//! after a process was killed during the renames.
//!
//! In: target paths and the bytes to write there. Out: every target replaced, or none, or a
//! Swedish [`Error::User`] that says why not.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{cannot_write, replaceable};
use crate::error::{Diagnostic, Error};

/// How the names of vplan's temporary files and folders begin (`vplan watch` ignores them).
pub const TEMPORARY: &str = ".vplan-";

/// How the name of a batch's folder begins; the writing process's id follows.
const BATCH_FOLDER: &str = ".vplan-bygge-";
/// The file in a batch's folder that lists the names of the new files, one a line.
const MANIFEST: &str = ".nya";
/// The folder in a batch's folder that holds the files the batch replaces or removes while it
/// is committed; its existence says the commit began.
const PREVIOUS: &str = ".tidigare";

/// Files written together, as one unit. Each is written into a temporary folder beside its
/// target (`.vplan-bygge-<process>-…`); only when every one is complete are they renamed into
/// place, the files they replace (and the files the batch removes) first moved aside into that
/// folder. A batch dropped without [`Batch::commit`] removes its folder and leaves every target
/// as it was; a process killed during the renames leaves its folder behind, and the next write
/// in that folder ([`recover`], run by [`check_target`](super::check_target) and
/// [`Batch::add`]) puts the previous files back, so the folder again holds the previous set,
/// whole.
#[derive(Default)]
pub struct Batch {
    /// The temporary folder per target folder.
    folders: Vec<(PathBuf, tempfile::TempDir)>,
    /// Each new file: its target and its name in its temporary folder.
    staged: Vec<(PathBuf, usize)>,
    /// Files to remove with the commit (stale page images): their paths.
    removed: Vec<PathBuf>,
}

/// The folder a path is in, as written (`.` for a bare name).
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

impl Batch {
    /// Writes `bytes` to a temporary file beside `output`, to be renamed to it on commit.
    pub fn add(&mut self, output: &Path, bytes: &[u8]) -> Result<(), Error> {
        replaceable(output)?;
        if self.staged.iter().any(|(target, _)| same_path(target, output)) {
            return Err(Error::User(
                Diagnostic::new(format!("två av byggets utfiler heter {}", output.display()))
                    .hint("välj ett annat namn med -o, så att PDF-filen och de andra utfilerna får olika namn; inget har skrivits"),
            ));
        }
        let failed = |e: std::io::Error| cannot_write(output, &e);
        let name = output.file_name().ok_or_else(|| {
            cannot_write(output, &std::io::Error::from(std::io::ErrorKind::InvalidFilename))
        })?;
        let index = self.folder(folder_of(output)).map_err(failed)?;
        let staged = self.folders[index].1.path().join(name);
        let mut file = std::fs::File::create(&staged).map_err(failed)?;
        file.write_all(bytes).map_err(failed)?;
        #[cfg(unix)]
        {
            // The PDF is for the board and the web: keep the old file's permissions, or give a
            // new one the usual 0644.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(output).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644);
            file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(failed)?;
        }
        file.sync_all().map_err(failed)?;
        self.staged.push((output.to_path_buf(), index));
        Ok(())
    }

    /// Removes `path` together with the commit (a file of an earlier build that this one does
    /// not write), as part of the same unit.
    pub fn remove(&mut self, path: &Path) {
        self.removed.push(path.to_path_buf());
    }

    /// The index of the temporary folder beside `folder`, made on first use (after the
    /// leftovers of an interrupted batch there are dealt with).
    fn folder(&mut self, folder: &Path) -> std::io::Result<usize> {
        if let Some(index) = self.folders.iter().position(|(f, _)| f == folder) {
            return Ok(index);
        }
        recover(folder);
        let temporary = tempfile::Builder::new()
            .prefix(&format!("{BATCH_FOLDER}{}-", std::process::id()))
            .tempdir_in(folder)?;
        self.folders.push((folder.to_path_buf(), temporary));
        Ok(self.folders.len() - 1)
    }

    /// The files staged so far, in the order they were added.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.staged.iter().map(|(path, _)| path.as_path())
    }

    /// Moves every staged file into place, and every removed file away, as one unit as far as
    /// the file system allows: nothing is touched until all new files are complete, and an
    /// interruption is undone by the next write in the folder ([`recover`]).
    pub fn commit(mut self) -> Result<(), Error> {
        // Checked again just before: the targets may have changed while the build ran.
        for (output, _) in &self.staged {
            replaceable(output)?;
        }
        let removed = std::mem::take(&mut self.removed);
        for path in &removed {
            self.folder(folder_of(path)).map_err(|e| cannot_write(path, &e))?;
        }
        // The journal: the new files' names, then the folder for the previous ones.
        for (_, temporary) in &self.folders {
            let names: Vec<String> = self
                .staged
                .iter()
                .filter(|(_, i)| self.folders[*i].1.path() == temporary.path())
                .filter_map(|(target, _)| target.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let manifest = temporary.path().join(MANIFEST);
            let written = std::fs::write(&manifest, names.join("\n"))
                .and_then(|()| std::fs::File::open(&manifest)?.sync_all())
                .and_then(|()| sync_folder(temporary.path()));
            written.map_err(|e| cannot_write(&manifest, &e))?;
        }
        for (folder, temporary) in &self.folders {
            let previous = temporary.path().join(PREVIOUS);
            std::fs::create_dir(&previous).map_err(|e| cannot_write(folder, &e))?;
        }
        let mut renames = 0usize;
        // The previous files aside first, then the new ones into place.
        let aside = |path: &Path, folders: &[(PathBuf, tempfile::TempDir)]| -> std::io::Result<()> {
            let Some((_, temporary)) = folders.iter().find(|(f, _)| f == folder_of(path)) else {
                return Ok(());
            };
            let Some(name) = path.file_name() else { return Ok(()) };
            match std::fs::rename(path, temporary.path().join(PREVIOUS).join(name)) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        };
        let mut moved = || -> Result<(), Error> {
            for (target, _) in &self.staged {
                aside(target, &self.folders).map_err(|e| cannot_write(target, &e))?;
                interrupt_for_tests(&mut renames);
            }
            for path in &removed {
                if !self.staged.iter().any(|(target, _)| same_path(target, path)) {
                    aside(path, &self.folders).map_err(|e| cannot_write(path, &e))?;
                    interrupt_for_tests(&mut renames);
                }
            }
            for (target, index) in &self.staged {
                let name = target.file_name().unwrap_or_default();
                std::fs::rename(self.folders[*index].1.path().join(name), target)
                    .map_err(|e| cannot_write(target, &e))?;
                interrupt_for_tests(&mut renames);
            }
            Ok(())
        };
        let outcome = moved();
        if outcome.is_err() {
            // Put back what was moved, as the next build would.
            for (folder, temporary) in &self.folders {
                roll_back(folder, temporary.path());
            }
        }
        for (folder, _) in &self.folders {
            let _ = sync_folder(folder);
        }
        outcome
    }
}

/// For the test of an interrupted build: a debug build ends itself without unwinding after
/// `VPLAN_TEST_AVBRYT_EFTER` renames of a commit, as a kill would.
fn interrupt_for_tests(renames: &mut usize) {
    *renames += 1;
    if cfg!(debug_assertions)
        && let Some(limit) =
            std::env::var("VPLAN_TEST_AVBRYT_EFTER").ok().and_then(|n| n.parse::<usize>().ok())
        && *renames >= limit
    {
        std::process::abort();
    }
}

/// Writes a folder's entries to disk (Unix); elsewhere the renames are as durable as the
/// system makes them.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Whether two paths name the same existing file, once links and `..` are resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Whether two paths name the same file: the same path, or the same file once links and `..`
/// are resolved.
fn same_path(a: &Path, b: &Path) -> bool {
    a == b
        || match (folder_of(a).canonicalize(), folder_of(b).canonicalize()) {
            (Ok(x), Ok(y)) => x == y && a.file_name() == b.file_name(),
            _ => false,
        }
}

/// Deals with what interrupted batches left in `folder`: the folder of a batch whose process
/// has ended is rolled back (the previous files it moved aside go back, the new files it moved
/// into place go) and removed. A batch of a process still running is left alone.
pub fn recover(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(BATCH_FOLDER) else { continue };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid == std::process::id() || process_runs(pid)) {
            continue;
        }
        let temporary = entry.path();
        if !temporary.is_dir() {
            continue;
        }
        roll_back(folder, &temporary);
        let _ = std::fs::remove_dir_all(&temporary);
    }
}

/// Undoes a commit begun from the batch folder `temporary` in `folder`: a new file no longer in
/// the batch folder was moved into place, and goes (unless a previous file of that name was
/// moved aside, which comes back over it); every previous file comes back.
fn roll_back(folder: &Path, temporary: &Path) {
    let previous = temporary.join(PREVIOUS);
    if !previous.is_dir() {
        // The commit had not begun: every target is as it was.
        return;
    }
    let names = std::fs::read_to_string(temporary.join(MANIFEST)).unwrap_or_default();
    for name in names.lines().filter(|n| !n.is_empty() && !n.contains('/')) {
        if !temporary.join(name).exists() && !previous.join(name).exists() {
            let _ = std::fs::remove_file(folder.join(name));
        }
    }
    if let Ok(entries) = std::fs::read_dir(&previous) {
        for entry in entries.flatten() {
            let _ = std::fs::rename(entry.path(), folder.join(entry.file_name()));
        }
    }
    let _ = sync_folder(folder);
}

/// Whether the process `pid` still runs (Unix); elsewhere it is assumed to.
fn process_runs(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}
