//! The fonts embedded in the binary (see `fonts/README.md` for their licences).
//!
//! In: nothing. Out: the font files' bytes for the Typst world; no system font is ever read,
//! so a plan looks the same on every machine. [`FONTS`] holds them parsed, once, for the Typst
//! world and for [`fonts_cover`], which finds the characters none of them has.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Each embedded font file: its name under `fonts/` and its bytes.
pub const FILES: &[(&str, &[u8])] = &[
    ("Carlito-Regular.ttf", include_bytes!("../fonts/Carlito-Regular.ttf")),
    ("Carlito-Bold.ttf", include_bytes!("../fonts/Carlito-Bold.ttf")),
    ("Carlito-Italic.ttf", include_bytes!("../fonts/Carlito-Italic.ttf")),
    ("Carlito-BoldItalic.ttf", include_bytes!("../fonts/Carlito-BoldItalic.ttf")),
    ("Caladea-Regular.ttf", include_bytes!("../fonts/Caladea-Regular.ttf")),
    ("Caladea-Bold.ttf", include_bytes!("../fonts/Caladea-Bold.ttf")),
    ("Caladea-Italic.ttf", include_bytes!("../fonts/Caladea-Italic.ttf")),
    ("Caladea-BoldItalic.ttf", include_bytes!("../fonts/Caladea-BoldItalic.ttf")),
    ("DejaVuSansMono.ttf", include_bytes!("../fonts/DejaVuSansMono.ttf")),
];

/// The fonts in the binary, loaded once.
pub static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FILES.iter().flat_map(|(_, data)| Font::iter(Bytes::new(*data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The characters of `text` that no font in the binary has (a warning in `build` and `check`).
pub fn fonts_cover(text: &str) -> Vec<char> {
    let fonts = &FONTS.1;
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|c| !fonts.iter().any(|f| f.info().coverage.contains(*c as u32)))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}
