//! The file sandbox: every file a plan names is looked up here, inside the plan's folder.
//!
//! In: the plan's folder (canonical) and a name as the plan writes it. Out: the file's
//! canonical path, or why it cannot be used ([`FileProblem`], [`ImageProblem`]). A leaf: it
//! imports no other module of vplan, and reads at most the first bytes of an image.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The image format of a file, judged by its first bytes (its name may lie).
pub fn image_format(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("gif")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else if String::from_utf8_lossy(head).contains("<svg") {
        Some("svg")
    } else {
        None
    }
}

/// Why a file named in a plan cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file.
    Missing,
    /// The path leaves the plan's folder (`..`, an absolute path, a link out).
    Outside,
}

impl FileProblem {
    /// The message for the file `name`, as the plan names it.
    pub fn message(self, name: &str) -> String {
        match self {
            Self::Missing => format!("filen `{name}` finns inte"),
            Self::Outside => format!("filen `{name}` ligger utanför planens mapp"),
        }
    }

    /// How to fix it, for an image.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Missing => "ange sökvägen relativt planfilen, till exempel `bilder/logga.png`",
            Self::Outside => "lägg bilden i planens mapp (eller en undermapp) och ange sökvägen därifrån",
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
    if !resolved.is_file() {
        return Err(FileProblem::Missing);
    }
    Ok(resolved)
}

/// Why an image named in a plan cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// The file cannot be used at all.
    File(FileProblem),
    /// The file is there but is no image vplan can show.
    NotAnImage,
}

/// How many bytes of a file are enough to tell its image format.
const IMAGE_HEAD: u64 = 512;

/// Resolves an image a plan names inside `folder` and checks, from its first bytes, that it is
/// an image vplan can show.
pub fn image_in_folder(folder: &Path, name: &str) -> Result<PathBuf, ImageProblem> {
    let path = resolve_in_folder(folder, name).map_err(ImageProblem::File)?;
    let head = std::fs::File::open(&path).and_then(|f| {
        let mut head = Vec::with_capacity(IMAGE_HEAD as usize);
        f.take(IMAGE_HEAD).read_to_end(&mut head).map(|_| head)
    });
    match head.as_deref().map(image_format) {
        Ok(Some(_)) => Ok(path),
        _ => Err(ImageProblem::NotAnImage),
    }
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
