//! Files: the one place vplan touches the file system for what a plan names and what a build
//! writes.
//!
//! In: the plan's folder (canonical) and a name as the plan writes it; paths the user named for
//! outputs and the bytes to write there. Out: a file's canonical path inside the plan's folder,
//! or why it cannot be used ([`FileProblem`], [`ImageProblem`], [`FolderProblem`]); files
//! written atomically, or a Swedish [`Error::User`] that says why not. A leaf: it knows paths
//! and bytes, never plans, and imports nothing of vplan but [`crate::error`].
//!
//! Every file a plan names is looked up inside the plan's folder after links are followed;
//! writing goes through temporary files in the target's folder that are renamed into place, so
//! a failed build never leaves a half-written file where the previous one was.
//!
//! Split by concern: this file holds the sandbox (files and folders a plan names, bounded
//! reading) and the checks before writing; `images` judges images and SVG files; `batch` writes
//! files as one unit and recovers from an interrupted commit.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

mod batch;
mod images;

use batch::folder_of;
pub use batch::{Batch, TEMPORARY, recover, same_file};
pub use images::{
    ImageProblem, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, image_format, image_in_folder,
    is_marked_png, mark_png, pixel_size, svg_links_out, too_many_pixels,
};

// ---------------------------------------------------------------------------------------------
// The sandbox: files a plan names
// ---------------------------------------------------------------------------------------------

/// Why a file named in a plan cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file.
    Missing,
    /// The path leaves the plan's folder (`..`, an absolute path, a link out).
    Outside,
    /// The path names a folder, not a file.
    Folder,
}

impl FileProblem {
    /// The message for the file `name`, as the plan names it.
    pub fn message(self, name: &str) -> String {
        match self {
            Self::Missing => format!("filen `{name}` finns inte"),
            Self::Outside => format!("filen `{name}` ligger utanför planens mapp"),
            Self::Folder => format!("`{name}` är en mapp, inte en fil"),
        }
    }

    /// How to fix it, for an image.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Missing => "ange sökvägen relativt planfilen, till exempel `bilder/logga.png`",
            Self::Outside => "lägg bilden i planens mapp (eller en undermapp) och ange sökvägen därifrån",
            Self::Folder => {
                "ange filen i mappen, med dess namn efter ett `/`, till exempel `bilder/logga.png`"
            }
        }
    }
}

/// Resolves a file named in a plan; it must exist inside `folder` after links are followed.
pub fn resolve_in_folder(folder: &Path, name: &str) -> Result<PathBuf, FileProblem> {
    let relative = Path::new(name);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(FileProblem::Outside);
    }
    let resolved = folder.join(relative).canonicalize().map_err(|_| FileProblem::Missing)?;
    if !resolved.starts_with(folder) {
        return Err(FileProblem::Outside);
    }
    if resolved.is_dir() {
        return Err(FileProblem::Folder);
    }
    if !resolved.is_file() {
        return Err(FileProblem::Missing);
    }
    Ok(resolved)
}

/// Why a folder named in a plan cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderProblem {
    /// The path leaves the plan's folder.
    Outside,
    /// No such folder.
    Missing,
    /// The path names a file, not a folder.
    NotAFolder,
}

impl FolderProblem {
    /// What is wrong, after the folder's name.
    pub fn message(self) -> &'static str {
        match self {
            Self::Outside => "ligger utanför planens mapp",
            Self::Missing => "finns inte",
            Self::NotAFolder => "är ingen mapp",
        }
    }
}

/// Resolves a folder a plan names; it must exist inside `folder` after links are followed.
pub fn folder_in_folder(folder: &Path, name: &str) -> Result<PathBuf, FolderProblem> {
    let relative = Path::new(name.trim());
    if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(FolderProblem::Outside);
    }
    let resolved = folder.join(relative).canonicalize().map_err(|_| FolderProblem::Missing)?;
    if !resolved.starts_with(folder) {
        return Err(FolderProblem::Outside);
    }
    if !resolved.is_dir() {
        return Err(FolderProblem::NotAFolder);
    }
    Ok(resolved)
}

/// The names of the entries in `folder`, sorted.
pub fn folder_entries(folder: &Path) -> std::io::Result<Vec<String>> {
    let mut entries: Vec<String> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    Ok(entries)
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    /// The operating system's error.
    Io(std::io::Error),
    /// The path names something other than a regular file: what it is, in Swedish.
    NotAFile(&'static str),
    /// The file is larger than allowed: its size, or at least the limit plus one.
    TooLarge(u64),
}

impl ReadProblem {
    /// The reason, in Swedish, after "kan inte läsa X: ".
    pub fn reason(&self) -> String {
        match self {
            Self::Io(e) => io_reason(e),
            Self::NotAFile(what) => format!("det är {what}, ingen vanlig fil"),
            Self::TooLarge(size) => format!("filen är för stor ({size} byte)"),
        }
    }
}

/// Reads the regular file at `path`, at most `max` bytes: a folder, a FIFO or a device is
/// refused before it is opened (a FIFO would wait for a writer, `/dev/zero` never ends), and a
/// file that grows while it is read stops at the limit.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadProblem> {
    let metadata = std::fs::metadata(path).map_err(ReadProblem::Io)?;
    let kind = metadata.file_type();
    if !kind.is_file() {
        return Err(ReadProblem::NotAFile(if kind.is_dir() { "en mapp" } else { "en specialfil" }));
    }
    if metadata.len() > max {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

// ---------------------------------------------------------------------------------------------
// Writing: atomic, never over an input or anything but a regular file
// ---------------------------------------------------------------------------------------------

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
        ErrorKind::AlreadyExists => "det finns redan en fil med det namnet".to_owned(),
        ErrorKind::ResourceBusy => "filen eller enheten används av ett annat program".to_owned(),
        ErrorKind::OutOfMemory => "datorn har inte minne nog".to_owned(),
        ErrorKind::FileTooLarge => "filen blir för stor för filsystemet".to_owned(),
        ErrorKind::QuotaExceeded => "din diskkvot är slut".to_owned(),
        ErrorKind::InvalidFilename => "filnamnet går inte att använda".to_owned(),
        ErrorKind::CrossesDevices => "filen kan inte flyttas mellan två diskar".to_owned(),
        ErrorKind::DirectoryNotEmpty => "mappen är inte tom".to_owned(),
        ErrorKind::Interrupted => "avbrutet".to_owned(),
        ErrorKind::TimedOut => "det tog för lång tid".to_owned(),
        ErrorKind::InvalidData => "innehållet går inte att läsa".to_owned(),
        ErrorKind::UnexpectedEof => "filen tog slut för tidigt".to_owned(),
        // The operating system's own words are English; its error number lets anyone look it up.
        _ => match error.raw_os_error() {
            Some(code) => format!("operativsystemet gav felkod {code}"),
            None => "ett oväntat fel i operativsystemet".to_owned(),
        },
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
    recover(folder_of(output));
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

pub(super) fn cannot_write(output: &Path, error: &std::io::Error) -> Error {
    Error::User(
        Diagnostic::new(format!("kan inte skriva {}: {}", output.display(), io_reason(error)))
            .hint("kontrollera att mappen finns och att du får skriva i den; tidigare filer är orörda"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pixel_size_is_read_from_the_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(50_000u32.to_be_bytes());
        png.extend(300u32.to_be_bytes());
        assert_eq!(pixel_size(&png), Some((50_000, 300)));
        let gif = b"GIF89a\x40\x01\xf0\x00".to_vec();
        assert_eq!(pixel_size(&gif), Some((320, 240)));
        // JPEG: SOI, an APP0 segment of 16 bytes, then SOF0 with height 600 and width 800.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend([0u8; 14]);
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03]);
        jpeg.extend([0u8; 12]);
        assert_eq!(pixel_size(&jpeg), Some((800, 600)));
        assert_eq!(pixel_size(b"<svg width='10'></svg>"), None);
    }

    #[test]
    fn only_regular_files_are_read_and_only_up_to_the_limit() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("plan.yaml");
        std::fs::write(&file, "abc").unwrap();
        assert_eq!(read_bounded(&file, 3).unwrap(), b"abc");
        assert!(matches!(read_bounded(&file, 2), Err(ReadProblem::TooLarge(3))));
        assert!(matches!(read_bounded(folder.path(), 10), Err(ReadProblem::NotAFile("en mapp"))));
        #[cfg(unix)]
        assert!(matches!(read_bounded(Path::new("/dev/zero"), 10), Err(ReadProblem::NotAFile(_))));
    }

    #[test]
    fn only_a_regular_file_may_be_replaced() {
        let folder = tempfile::tempdir().unwrap();
        assert!(replaceable(&folder.path().join("ny.pdf")).is_ok());
        assert!(replaceable(folder.path()).is_err());
        #[cfg(unix)]
        assert!(replaceable(Path::new("/dev/null")).is_err());
        let plan = folder.path().join("plan.yaml");
        std::fs::write(&plan, "x").unwrap();
        assert!(not_an_input(&[&plan], &plan).is_err());
        assert!(not_an_input(&[&plan], &folder.path().join("plan.pdf")).is_ok());
    }
}
