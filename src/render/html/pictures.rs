//! Images on the web page: their bytes inlined as `data:` addresses, an SVG image drawn again
//! in vplan's fonts ([`super::svg`]) and kept wide enough for its text to be read.
//!
//! In: an image a plan names, checked against the plan's folder. Out: a [`Picture`] for the
//! page's templates, or a plan error when the file cannot be read.

use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::files;
use crate::plan::Loaded;
use crate::render::views::ImageView;

use super::svg;

/// An image with its bytes inlined.
#[derive(Serialize)]
pub(super) struct Picture {
    /// A `data:` address holding the image.
    src: String,
    /// The alternative text; none for a decorative image (`alt=""`).
    alt: Option<String>,
    caption: Option<String>,
    /// The width in percent of the text column.
    width: Option<u32>,
    /// For an SVG image with text, its place on the page (`bild-3`) and how wide it must be
    /// drawn for its smallest text to be readable.
    wide: Option<Wide>,
}

/// An SVG image that keeps a width at which its smallest text is readable, and scrolls
/// sideways in its box where the page is narrower (with a line that says so).
#[derive(Serialize)]
struct Wide {
    /// The anchor of its figure, for the style rule that shows the line under a picture that
    /// is wider than its box.
    id: String,
    /// The least width in CSS pixels: at it the smallest text is [`READABLE_TEXT`] pixels.
    min_width: u32,
    /// The picture's own width and its smallest text in its units (for the browser test).
    width: String,
    smallest_text: String,
}

/// The smallest text, in CSS pixels, an SVG image on the web page is drawn with.
const READABLE_TEXT: f32 = 11.0;

/// The widest an SVG image is kept for its text's sake, in CSS pixels: a picture whose text is
/// tiny beside its width is not made many screens wide.
const MAX_READABLE_WIDTH: f32 = 4000.0;

impl Wide {
    fn new(id: String, width: f32, smallest_text: f32) -> Option<Self> {
        let min_width = (width * READABLE_TEXT / smallest_text).ceil().min(MAX_READABLE_WIDTH);
        (min_width.is_finite() && min_width >= 1.0).then(|| Self {
            id,
            // A whole number of pixels from 1 to 4000.
            min_width: min_width as u32,
            width: format!("{width}"),
            smallest_text: format!("{smallest_text}"),
        })
    }
}

/// The image as a `data:` address, so the page is one file that works offline and can be
/// uploaded as it is. An SVG image is drawn again with its text in vplan's fonts (`font` is the
/// plan's body font; see [`svg`]); one in the body (`id`, its figure's anchor) with text keeps
/// a width at which that text can be read.
pub(super) fn picture(
    loaded: &Loaded,
    image: &ImageView,
    font: &str,
    id: Option<String>,
) -> Result<Picture, Error> {
    let cannot_read = |reason: String| {
        Error::User(
            Diagnostic::new(format!("bilden {} kunde inte läsas till HTML-sidan: {reason}", image.file))
                .hint("kontrollera att filen finns kvar i planens mapp och bygg igen"),
        )
    };
    let path = files::image_in_folder(&loaded.folder, &image.file)
        .map_err(|_| cannot_read("den är ingen bild vplan kan visa".to_owned()))?;
    let bytes = std::fs::read(&path).map_err(|e| cannot_read(files::io_reason(&e)))?;
    let mut wide = None;
    let src = match files::image_format(&bytes) {
        Some("svg") => match svg::redrawn(&bytes, font) {
            Some(redrawn) => {
                if let (Some(id), Some(smallest)) = (id, redrawn.smallest_text) {
                    wide = Wide::new(id, redrawn.width, smallest);
                }
                format!("data:image/svg+xml;base64,{}", base64(redrawn.svg.as_bytes()))
            }
            // A picture usvg cannot read is shown as it is, in the browser's fonts.
            None => format!("data:image/svg+xml;base64,{}", base64(&bytes)),
        },
        Some(format) => {
            let mime = match format {
                "png" => "image/png",
                "jpeg" => "image/jpeg",
                "gif" => "image/gif",
                _ => "image/webp",
            };
            format!("data:{mime};base64,{}", base64(&bytes))
        }
        None => return Err(cannot_read("den är ingen bild vplan kan visa".to_owned())),
    };
    Ok(Picture { src, alt: image.alt.clone(), caption: image.caption.clone(), width: image.width, wide })
}

/// Standard base64 with padding (RFC 4648), for `data:` addresses.
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }
}
