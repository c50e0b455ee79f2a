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

use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

// ---------------------------------------------------------------------------------------------
// The sandbox: files a plan names
// ---------------------------------------------------------------------------------------------

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

/// Why an image named in a plan cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// The file cannot be used at all.
    File(FileProblem),
    /// The file is there but is no image vplan can show.
    NotAnImage,
    /// The file is larger than [`MAX_IMAGE_BYTES`]: its size.
    TooBig(u64),
    /// The image declares more pixels than [`MAX_IMAGE_SIDE`] or [`MAX_IMAGE_PIXELS`] allow:
    /// its width and height.
    TooManyPixels(u32, u32),
    /// An SVG image refers to an image that declares more pixels than vplan shows: that
    /// image's width and height.
    NestedTooManyPixels(u32, u32),
}

/// The largest image file a plan may name, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;
/// The longest side, in pixels, of an image a plan may name.
pub const MAX_IMAGE_SIDE: u32 = 20_000;
/// The most pixels an image a plan may name may have (a 50-megapixel photo): decoding it takes
/// four bytes a pixel.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// How many bytes of a file are read to tell its image format and its size in pixels (a JPEG
/// may have a long header before its frame).
const IMAGE_HEAD: u64 = 256 * 1024;

/// Resolves an image a plan names inside `folder` and checks, from its first bytes, that it is
/// an image vplan can show.
pub fn image_in_folder(folder: &Path, name: &str) -> Result<PathBuf, ImageProblem> {
    let path = resolve_in_folder(folder, name).map_err(ImageProblem::File)?;
    let head = std::fs::File::open(&path).and_then(|f| {
        let mut head = Vec::with_capacity(IMAGE_HEAD as usize);
        f.take(IMAGE_HEAD).read_to_end(&mut head).map(|_| head)
    });
    let head = head.map_err(|_| ImageProblem::NotAnImage)?;
    if image_format(&head).is_none() {
        return Err(ImageProblem::NotAnImage);
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooBig(size));
    }
    if let Some((width, height)) = pixel_size(&head)
        && too_many_pixels(width, height)
    {
        return Err(ImageProblem::TooManyPixels(width, height));
    }
    if image_format(&head) == Some("svg") {
        nested_images(folder, &path, 0)?;
    }
    Ok(path)
}

/// Whether an image of `width` × `height` pixels is more than vplan shows.
pub fn too_many_pixels(width: u32, height: u32) -> bool {
    width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS
}

/// How deep SVG images inside SVG images are followed.
const MAX_SVG_NESTING: usize = 4;

/// Checks the images an SVG file at `svg` refers to (`href="…"`) in the plan's `folder`, by
/// the same rules as the images a plan names, before the SVG is drawn: a few bytes of PNG can
/// declare 100 000 × 100 000 pixels. References that leave the folder or are missing are
/// Typst's to report; they are never read.
fn nested_images(folder: &Path, svg: &Path, depth: usize) -> Result<(), ImageProblem> {
    let Ok(text) = read_bounded(svg, MAX_IMAGE_BYTES) else { return Ok(()) };
    let text = String::from_utf8_lossy(&text);
    let base = svg.parent().and_then(|p| p.strip_prefix(folder).ok()).unwrap_or(Path::new(""));
    for reference in svg_references(&text) {
        if reference.contains(':') || reference.starts_with('#') {
            continue;
        }
        let Ok(nested) = resolve_in_folder(folder, &base.join(reference).to_string_lossy()) else { continue };
        let mut head = Vec::new();
        if std::fs::File::open(&nested).and_then(|f| f.take(IMAGE_HEAD).read_to_end(&mut head)).is_err() {
            continue;
        }
        if let Some((width, height)) = pixel_size(&head)
            && too_many_pixels(width, height)
        {
            return Err(ImageProblem::NestedTooManyPixels(width, height));
        }
        if std::fs::metadata(&nested).map(|m| m.len()).unwrap_or(0) > MAX_IMAGE_BYTES {
            return Err(ImageProblem::TooBig(std::fs::metadata(&nested).map(|m| m.len()).unwrap_or(0)));
        }
        if image_format(&head) == Some("svg") {
            if depth >= MAX_SVG_NESTING {
                return Err(ImageProblem::NotAnImage);
            }
            nested_images(folder, &nested, depth + 1)?;
        }
    }
    Ok(())
}

/// The values of every `href` attribute in an SVG's text (`href` and `xlink:href`).
fn svg_references(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("href") {
        rest = &rest[at + 4..];
        let after = rest.trim_start();
        let Some(after) = after.strip_prefix('=') else { continue };
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| matches!(*c, '"' | '\'')) else { continue };
        let value = &after[1..];
        if let Some(end) = value.find(quote) {
            found.push(value[..end].trim());
            rest = &value[end..];
        }
    }
    found
}

/// The addresses outside the plan's folder that an SVG image at `path` links to (`href` to
/// `https://…`, `//…`, `file:…`), which no build fetches: at most a few, read from at most
/// [`MAX_IMAGE_BYTES`] of the file. Empty for any other file.
pub fn svg_links_out(path: &Path) -> Vec<String> {
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    let mut bytes = Vec::new();
    if file.take(MAX_IMAGE_BYTES).read_to_end(&mut bytes).is_err() || image_format(&bytes) != Some("svg") {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut links = Vec::new();
    // Only what is drawn from another file: `<image>`, `<use>` and `<feImage>`; a hyperlink
    // (`<a href>`) is not fetched.
    for tag in text.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        let name = name.rsplit(':').next().unwrap_or(name);
        if !matches!(name, "image" | "use" | "feImage") {
            continue;
        }
        let mut rest = tag;
        while let Some(at) = rest.find("href") {
            rest = &rest[at + 4..];
            let Some(value) = rest.trim_start().strip_prefix('=').map(str::trim_start) else { continue };
            let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            let inner = &value[1..];
            let link = inner[..inner.find(quote).unwrap_or(inner.len())].trim();
            let lower = link.to_lowercase();
            let outside = lower.starts_with("//")
                || lower.split_once(':').is_some_and(|(scheme, _)| {
                    scheme != "data"
                        && scheme.len() > 1
                        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
            if outside && links.len() < 3 {
                links.push(link.chars().take(200).collect());
            }
        }
    }
    links
}

/// The width and height a raster image declares in its header (PNG, GIF, JPEG, WebP), read
/// before the image is decoded: a file of a few bytes can declare billions of pixels.
pub fn pixel_size(head: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| Some(u32::from(u16::from_be_bytes(head.get(at..at + 2)?.try_into().ok()?)));
    let le16 = |at: usize| Some(u32::from(u16::from_le_bytes(head.get(at..at + 2)?.try_into().ok()?)));
    let be32 = |at: usize| Some(u32::from_be_bytes(head.get(at..at + 4)?.try_into().ok()?));
    let le24 = |at: usize| {
        let b = head.get(at..at + 3)?;
        Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
    };
    match image_format(head)? {
        // A PNG's first chunk is its header; without one it is broken and Typst says so.
        "png" => (head.get(12..16)? == b"IHDR").then_some((be32(16)?, be32(20)?)),
        "gif" => Some((le16(6)?, le16(8)?)),
        "webp" => match head.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(head.get(21..25)?.try_into().ok()?);
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            _ => None,
        },
        "jpeg" => {
            // Walk the markers to the first start-of-frame.
            let mut at = 2;
            while at + 9 < head.len() {
                if head[at] != 0xFF {
                    return None;
                }
                let marker = head[at + 1];
                if marker == 0xFF {
                    at += 1;
                    continue;
                }
                let length = be16(at + 2)? as usize;
                if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    return Some((be16(at + 7)?, be16(at + 5)?));
                }
                at += 2 + length;
            }
            None
        }
        _ => None,
    }
}

/// The text chunk vplan writes into every page image it makes (`tEXt`, keyword `Software`),
/// so that it removes a page image only when it wrote it.
const PNG_MARK: &[u8] = b"Software\0vplan";

/// The PNG `bytes` with vplan's mark, a `tEXt` chunk right after the header chunk; bytes that
/// are no PNG are returned as they are.
pub fn mark_png(bytes: Vec<u8>) -> Vec<u8> {
    // The signature (8 bytes), then IHDR: length, type, 13 bytes of data, CRC.
    const AFTER_HEADER: usize = 8 + 4 + 4 + 13 + 4;
    if bytes.len() < AFTER_HEADER
        || image_format(&bytes) != Some("png")
        || bytes.get(12..16) != Some(&b"IHDR"[..])
    {
        return bytes;
    }
    let mut chunk = Vec::with_capacity(PNG_MARK.len() + 12);
    chunk.extend((PNG_MARK.len() as u32).to_be_bytes());
    chunk.extend(b"tEXt");
    chunk.extend(PNG_MARK);
    chunk.extend(crc32(&chunk[4..]).to_be_bytes());
    let mut marked = Vec::with_capacity(bytes.len() + chunk.len());
    marked.extend(&bytes[..AFTER_HEADER]);
    marked.extend(chunk);
    marked.extend(&bytes[AFTER_HEADER..]);
    marked
}

/// Whether the file at `path` is a page image vplan wrote ([`mark_png`]).
pub fn is_marked_png(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64).read_to_end(&mut head));
    read.is_ok() && head.get(33 + 8..33 + 8 + PNG_MARK.len()) == Some(PNG_MARK) && &head[37..41] == b"tEXt"
}

/// The CRC-32 of a PNG chunk (ISO 3309, as the PNG standard gives it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
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
/// in that folder ([`recover`], run by [`check_target`] and [`Batch::add`]) puts the previous
/// files back, so the folder again holds the previous set, whole.
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
fn folder_of(path: &Path) -> &Path {
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

fn cannot_write(output: &Path, error: &std::io::Error) -> Error {
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
