//! The two text encodings a SIE file can have: code page 437 (`#FORMAT PC8`, what the
//! specification prescribes) and UTF-8 (what a file without `#FORMAT PC8` is read as).
//!
//! In: the bytes of one field or line. Out: its text. Both encodings keep every ASCII byte as
//! itself and never use an ASCII byte inside a longer character, so the reader can find
//! spaces, quotes and braces in the bytes before it decodes anything.

/// How the file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// IBM PC 8-bit, code page 437 (`#FORMAT PC8`).
    Pc8,
    /// UTF-8 (no `#FORMAT PC8` in the file).
    Utf8,
}

impl Encoding {
    /// The encoding as the user knows it, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pc8 => "PC8 (teckentabell 437)",
            Self::Utf8 => "UTF-8",
        }
    }
}

/// Code page 437's characters for the bytes 0x80–0xFF, in byte order.
const CP437_HIGH: [char; 128] = [
    // 0x80
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', // 0x90
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', // 0xA0
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', // 0xB0
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', // 0xC0
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', // 0xD0
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', // 0xE0
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', // 0xF0
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// The character of one code page 437 byte.
pub fn cp437(byte: u8) -> char {
    if byte < 0x80 { byte as char } else { CP437_HIGH[(byte - 0x80) as usize] }
}

/// Decodes `bytes` as code page 437; every byte is a character.
pub fn decode_cp437(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp437(b)).collect()
}

/// Decodes `bytes` in `encoding`; `Err` holds the offset of the first byte that is not UTF-8.
pub fn decode(encoding: Encoding, bytes: &[u8]) -> Result<String, usize> {
    match encoding {
        Encoding::Pc8 => Ok(decode_cp437(bytes)),
        Encoding::Utf8 => std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| e.valid_up_to()),
    }
}

/// Decodes `bytes` for showing, replacing what is not valid.
pub fn decode_lossy(encoding: Encoding, bytes: &[u8]) -> String {
    match encoding {
        Encoding::Pc8 => decode_cp437(bytes),
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// How many characters `bytes` are in `encoding` (for columns).
pub fn char_count(encoding: Encoding, bytes: &[u8]) -> usize {
    match encoding {
        Encoding::Pc8 => bytes.len(),
        Encoding::Utf8 => String::from_utf8_lossy(bytes).chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_in_pc8() {
        assert_eq!(decode_cp437(&[0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99]), "åäöÅÄÖ");
        assert_eq!(decode_cp437(b"Styrelse"), "Styrelse");
        assert_eq!(cp437(0xE1), 'ß');
        assert_eq!(cp437(0xFF), '\u{a0}');
    }

    #[test]
    fn the_table_has_no_ascii_and_no_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for c in CP437_HIGH {
            assert!(!c.is_ascii(), "{c}");
            assert!(seen.insert(c), "{c} twice");
        }
    }
}
