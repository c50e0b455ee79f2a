//! Marked text: the words a reader sees of some Markdown, with strong and emphasised text kept
//! as marker characters, for comparing texts as they read (`vplan diff` and its appendix).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::render::escape;

/// Marks the start and end of strong text in [`marked`] text (Unicode private use).
pub const STRONG: (char, char) = ('\u{E000}', '\u{E001}');
/// Marks the start and end of emphasised text in [`marked`] text.
pub const EMPHASIS: (char, char) = ('\u{E002}', '\u{E003}');

/// The text a reader sees of some Markdown, without its markup: `**IPS**` reads `IPS`, a list
/// item its words, a link its text. For comparing texts as they read (`vplan diff`), where
/// the asterisks of a word diff over the Markdown would mean nothing to a styrelse.
pub fn plain(src: &str) -> String {
    unmark(&marked(src))
}

/// Like [`plain`], but strong and emphasised text keep their style as the marker characters
/// [`STRONG`] and [`EMPHASIS`] around it, which ride along with the words through a word
/// diff, so that the appendix can set them as they look in the plan.
pub fn marked(src: &str) -> String {
    let mut out = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(src, options) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Strong) => out.push(STRONG.0),
            Event::End(TagEnd::Strong) => out.push(STRONG.1),
            Event::Start(Tag::Emphasis) => out.push(EMPHASIS.0),
            Event::End(TagEnd::Emphasis) => out.push(EMPHASIS.1),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marked text without its style markers.
pub fn unmark(text: &str) -> String {
    text.chars().filter(|c| ![STRONG.0, STRONG.1, EMPHASIS.0, EMPHASIS.1].contains(c)).collect()
}

/// The style of marked text at some point: inside strong text, inside emphasis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Inside `**…**`.
    pub strong: bool,
    /// Inside `*…*`.
    pub emphasis: bool,
}

/// Typst markup of a piece of marked text that starts in `style`, escaped once; `style` is
/// left as it is at the piece's end.
pub fn marked_to_typst(text: &str, style: &mut Style) -> String {
    styled_runs(text, style, |run, style| {
        let mut piece = escape::markup(run);
        if style.emphasis {
            piece = format!("#emph[{piece}]");
        }
        if style.strong {
            piece = format!("#strong[{piece}]");
        }
        piece
    })
}

/// Splits a piece of marked text that starts in `style` into runs of one style and joins what
/// `format` makes of each run; `style` is left as it is at the piece's end. Each output format
/// passes its own `format`, which escapes the run at that format's one escaping point.
pub fn styled_runs(text: &str, style: &mut Style, format: impl Fn(&str, Style) -> String) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars() {
        let next = match c {
            c if c == STRONG.0 => Style { strong: true, ..*style },
            c if c == STRONG.1 => Style { strong: false, ..*style },
            c if c == EMPHASIS.0 => Style { emphasis: true, ..*style },
            c if c == EMPHASIS.1 => Style { emphasis: false, ..*style },
            c => {
                run.push(c);
                continue;
            }
        };
        if !run.is_empty() {
            out.push_str(&format(&run, *style));
            run.clear();
        }
        *style = next;
    }
    if !run.is_empty() {
        out.push_str(&format(&run, *style));
    }
    out
}
