//! The one place where user text becomes Typst source, and the one place where it becomes
//! HTML.
//!
//! In: any string from a plan. Out: Typst markup (or a Typst string literal) that displays
//! exactly those characters, or HTML text ([`html`]) that does. Every `{{ }}` in a template
//! goes through [`markup`] or [`html`] via its template engine's formatter, and each Markdown
//! converter uses the same function for every text run, so no other code escapes anything.

/// A word longer than this gets invisible break opportunities (see [`markup`]).
const LONG_WORD: usize = 60;
/// How often a long word may break.
const BREAK_EVERY: usize = 30;

/// Escapes `text` so that Typst markup shows it character for character.
///
/// Line breaks and tabs become spaces (a plain field is one paragraph); other control
/// characters are dropped because they have no visible form. A word longer than
/// [`LONG_WORD`] characters (a pasted URL, or a hostile 100 000-letter word) gets a zero-width
/// space every [`BREAK_EVERY`] characters: it can then wrap at the margin, and the line
/// breaker does not spend minutes trying to hyphenate it.
pub fn markup(text: &str) -> String {
    let text = with_breaks_in_long_words(text);
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let chars: Vec<char> = text.chars().collect();
    // Whether everything before the current position is a run of ASCII digits from the
    // start of the string: "2026. Text" at the start of a line would be a numbered list.
    let mut leading_digits = true;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '=' | '-' | '+' | '/'
            | '~' | '"' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            // `...` is the ellipsis shorthand; `1.` at a line start opens a numbered list.
            '.' => {
                let next_dot = chars.get(i + 1) == Some(&'.');
                let prev_dot = i > 0 && chars[i - 1] == '.';
                let after_number = leading_digits && i > 0;
                if next_dot || prev_dot || after_number {
                    out.push('\\');
                }
                out.push('.');
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
    mark_placeholders(out)
}

/// Marks text left from the starter plan (`ATT ANPASSA`, the example names) with a yellow
/// background, so that a proof shows what is still to be written. The placeholders have no
/// character that escaping changes; the `;` ends the call so that a following `.` stays text.
fn mark_placeholders(out: String) -> String {
    if !crate::plan::PLACEHOLDERS.iter().any(|p| out.contains(p)) {
        return out;
    }
    crate::plan::PLACEHOLDERS
        .iter()
        .fold(out, |text, p| text.replace(p, &format!("#highlight(fill: rgb(\"#ffe14d\"))[{p}];")))
}

fn with_breaks_in_long_words(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.split_whitespace().any(|w| w.chars().count() > LONG_WORD) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / BREAK_EVERY * 3);
    for piece in text.split_inclusive(char::is_whitespace) {
        let word_length = piece.trim_end().chars().count();
        if word_length <= LONG_WORD {
            out.push_str(piece);
            continue;
        }
        for (n, c) in piece.chars().enumerate() {
            if n > 0 && n % BREAK_EVERY == 0 && !c.is_whitespace() {
                out.push('\u{200b}');
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Escapes `text` as a Typst string literal, quotes included, for code positions such as
/// `set document(title: …)`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes `text` so that HTML (text or a quoted attribute value) shows it character for
/// character.
///
/// The five characters with a meaning in HTML become references; control characters other
/// than line breaks and tabs are dropped, as for Typst, because they have no visible form
/// (and most are not allowed in an HTML document).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters_and_drops_controls() {
        assert_eq!(
            html("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(html("&amp; # $ * _ \u{7}rad\r\n"), "&amp;amp; # $ * _ rad\n");
    }

    #[test]
    fn markup_escapes_every_typst_special_character() {
        assert_eq!(markup("a#b$c*d_e"), "a\\#b\\$c\\*d\\_e");
        assert_eq!(markup("`<x>` @ref [a] = b"), "\\`\\<x\\>\\` \\@ref \\[a\\] \\= b");
        assert_eq!(markup("C:\\ -- ~ / +"), "C:\\\\ \\-\\- \\~ \\/ \\+");
        assert_eq!(markup("\"citat\" 'x'"), "\\\"citat\\\" \\'x\\'");
    }

    #[test]
    fn markup_guards_ellipsis_and_list_numbers() {
        assert_eq!(markup("vänta..."), "vänta\\.\\.\\.");
        assert_eq!(markup("2026. Året"), "2026\\. Året");
        assert_eq!(markup("Slut. 2026."), "Slut. 2026.");
    }

    #[test]
    fn markup_flattens_line_breaks_and_drops_controls() {
        assert_eq!(markup("rad ett\nrad\ttvå\u{7}"), "rad ett rad två");
    }

    #[test]
    fn long_words_get_break_opportunities_and_short_ones_do_not() {
        let word = "a".repeat(70);
        let escaped = markup(&format!("kort {word} kort"));
        assert_eq!(escaped.matches('\u{200b}').count(), 2);
        assert_eq!(escaped.replace('\u{200b}', ""), format!("kort {word} kort"));
        assert_eq!(markup("samordningsförbundsstyrelseledamot"), "samordningsförbundsstyrelseledamot");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
