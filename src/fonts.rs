//! The fonts embedded in the binary (see `fonts/README.md` for their licences).
//!
//! In: nothing. Out: the font files' bytes for the Typst world; no system font is ever read,
//! so a plan looks the same on every machine.

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
