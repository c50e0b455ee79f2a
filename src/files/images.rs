//! Images a plan names: their format and pixel size judged by their first bytes, SVG files and
//! the images they nest, and the mark vplan puts in the PNG page images it writes.
//!
//! In: the plan's folder and a name as the plan writes it, or a file's first bytes. Out: the
//! image's canonical path or an [`ImageProblem`]; a format, a size, a marked PNG.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::{FileProblem, read_bounded, resolve_in_folder};

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
