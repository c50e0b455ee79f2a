//! Markdown in plan fields, limited to what a verksamhetsplan needs.
//!
//! In: Markdown text from a plan field. Out: Typst markup. Every run of user text goes
//! through [`escape::markup`]; this module only adds the Typst calls around it
//! (`#emph`, `#strong`, `#strike`, `#raw`, `#link`, `#list`, `#enum`, `#quote`, `#footnote`).
//! Constructs with a better vplan alternative (headings, images, HTML, code blocks, rules)
//! are rejected with an [`Unsupported`] that says where they are and what to write instead.

mod events;
mod marked;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{escape, typography};

pub(in crate::render) use self::events::{end_of, fold_label, footnote_definitions};
use self::events::{introduces, is_tight};
pub use self::marked::{EMPHASIS, STRONG, Style, marked, marked_to_typst, plain, styled_runs, unmark};

/// Where a Markdown construct vplan does not support was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// Byte offset in the Markdown source where the construct starts.
    pub offset: usize,
    /// What was found, in Swedish, e.g. "en Markdown-rubrik (#)".
    pub what: &'static str,
    /// How to fix it, in Swedish, e.g. "Gör rubriken till ett eget avsnitt (avsnitt: med rubrik:)."
    pub hint: &'static str,
}

/// Converts block Markdown (paragraphs, lists, quotes, footnotes) to Typst markup.
///
/// Paragraphs are separated by a blank line. Empty input gives an empty string.
///
/// # Errors
///
/// The first construct vplan does not support, such as a heading, image, HTML, code block,
/// rule, task list, non-web link or footnote without text.
pub fn blocks(src: &str) -> Result<String, Unsupported> {
    convert(src, Mode::Blocks)
}

/// Converts one line of inline Markdown (table cells, list items of insatser) to Typst markup;
/// block constructs are errors.
///
/// Footnotes are allowed; their definitions may follow the text after a blank line.
///
/// # Errors
///
/// Everything [`blocks`] rejects, and also several paragraphs, lists and quotes.
pub fn inline(src: &str) -> Result<String, Unsupported> {
    convert(src, Mode::Inline)
}

/// Splits Typst markup made by [`blocks`] before its last paragraph, when that paragraph is
/// at most `max` characters long and so may be the lead-in of what follows; `None` when the
/// markup ends with a list, a quote or a block of its own, or with a longer paragraph. The
/// paragraph is returned bare: the template decides how it stays with what follows.
pub fn split_lead_in(markup: &str, max: usize) -> Option<(&str, &str)> {
    let (before, last) = markup.rsplit_once("\n\n").unwrap_or(("", markup));
    let block = ["#list(", "#enum(", "#quote(", "#block(", "#tabell("].iter().any(|b| last.starts_with(b));
    (!block && !last.trim().is_empty() && last.chars().count() <= max).then_some((before, last))
}

pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Blocks,
    Inline,
    Footnote,
}

/// The Markdown events of `src` with their byte ranges, parsed with the options vplan uses
/// for every output format.
pub(super) fn parse(src: &str) -> Vec<Spanned<'_>> {
    // Task lists are parsed only to be rejected: without the option `- [ ] x` would quietly
    // print the brackets.
    // Pipe tables (`| A | B |`) are tables, as `- tabell:` makes them.
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES;
    Parser::new_ext(src, options).into_offset_iter().collect()
}

fn convert(src: &str, mode: Mode) -> Result<String, Unsupported> {
    let events = parse(src);
    too_deep(&events)?;
    let notes = footnote_definitions(&events);
    Writer::new(src, &events, &notes, mode).run(0..events.len())
}

/// The longest web address a link may have, in bytes. Typst refuses addresses past 8 000
/// bytes; a browser or a PDF reader may already fail on far shorter ones.
pub const MAX_URL: usize = 2000;

/// The deepest nesting of lists, quotes and emphasis a text may have. Typst lays out nested
/// elements with nested show rules, and gives up somewhere past 40 levels; no plan needs more
/// than a few.
pub const MAX_NESTING: usize = 12;

/// Refuses text nested deeper than [`MAX_NESTING`], at the first element too deep.
fn too_deep(events: &[Spanned]) -> Result<(), Unsupported> {
    let mut depth = 0usize;
    for (event, span) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(err(span.start, TOO_DEEP));
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The link target, if it is one a reader of a printed plan can follow.
pub(super) fn link_url(link_type: LinkType, dest: &str) -> Option<String> {
    if link_type == LinkType::Email {
        return Some(format!("mailto:{dest}"));
    }
    let lower = dest.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    allowed.then(|| dest.to_owned())
}

/// Whether `rest` starts like a footnote reference, `[^label]`. pulldown-cmark turns a
/// reference without definition into plain text, so this is how such references are found.
fn looks_like_footnote_reference(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("[^") else {
        return false;
    };
    match after.find(['[', ']']) {
        Some(end) => after[end..].starts_with(']') && !after[..end].trim().is_empty(),
        None => false,
    }
}

/// An open container: the document, a list item, a quote or a footnote.
struct Frame {
    /// Put between two blocks in this container.
    separator: &'static str,
    /// Whether anything has been written into this container yet.
    filled: bool,
}

impl Frame {
    fn new(separator: &'static str) -> Self {
        Frame { separator, filled: false }
    }
}

struct Writer<'a> {
    src: &'a str,
    events: &'a [Spanned<'a>],
    notes: &'a HashMap<String, Range<usize>>,
    mode: Mode,
    out: String,
    /// Text not yet escaped. Adjacent text events are escaped together because
    /// pulldown-cmark splits text at backslash escapes, and `escape::markup` must see
    /// "2026. Året" whole to know that the dot follows a number.
    pending: String,
    frames: Vec<Frame>,
    /// Whether `out` ends with a Typst call that following text could extend.
    after_call: bool,
    /// Inside an autolink: the text is an address and keeps its characters.
    verbatim: bool,
    /// The open paragraph is a lead-in or a label, wrapped to stay with what follows.
    sticky: bool,
    /// The last top-level block was such a lead-in or label.
    after_sticky: bool,
}

impl<'a> Writer<'a> {
    fn new(
        src: &'a str,
        events: &'a [Spanned<'a>],
        notes: &'a HashMap<String, Range<usize>>,
        mode: Mode,
    ) -> Self {
        let separator = if mode == Mode::Footnote { " " } else { "\n\n" };
        Writer {
            src,
            events,
            notes,
            mode,
            out: String::new(),
            pending: String::new(),
            frames: vec![Frame::new(separator)],
            after_call: false,
            verbatim: false,
            sticky: false,
            after_sticky: false,
        }
    }

    fn run(mut self, range: Range<usize>) -> Result<String, Unsupported> {
        let mut i = range.start;
        while i < range.end {
            let (event, span) = &self.events[i];
            if let Event::Start(Tag::FootnoteDefinition(_)) = event {
                i = end_of(self.events, i) + 1;
                continue;
            }
            self.event(i, event, span.clone())?;
            i += 1;
        }
        self.flush_text();
        Ok(self.out)
    }

    fn event(&mut self, index: usize, event: &Event, span: Range<usize>) -> Result<(), Unsupported> {
        match event {
            Event::Start(tag) => self.start(index, tag, span.start),
            Event::End(tag) => self.end(tag, span.start),
            _ => self.leaf(event, span),
        }
    }

    /// The start of a block or of inline markup; the constructs a plan may not use are refused.
    fn start(&mut self, index: usize, tag: &Tag, at: usize) -> Result<(), Unsupported> {
        match tag {
            Tag::Paragraph => {
                if self.mode == Mode::Inline && self.frames[0].filled {
                    return Err(err(at, INLINE_PARAGRAPHS));
                }
                let introducer =
                    self.mode == Mode::Blocks && self.frames.len() == 1 && introduces(self.events, index);
                self.begin_block_of_chain(introducer);
                if introducer {
                    // A lead-in ("… fördelat så här:") or a bold label ("Resultatmål") never
                    // ends a page without the start of what it introduces.
                    self.write("#block(sticky: true, spacing: 1em, par[");
                    self.sticky = true;
                }
            }
            Tag::List(start) => {
                self.block_allowed(at, INLINE_LIST)?;
                self.begin_block();
                let tight = is_tight(self.events, index);
                self.write(&match start {
                    None => format!("#list(tight: {tight}"),
                    Some(n) => format!("#enum(tight: {tight}, start: {n}"),
                });
                // Items take their separator from the list frame.
                self.frames.push(Frame::new(if tight { "\n" } else { "\n\n" }));
            }
            Tag::Item => {
                self.write(", [");
                let separator = self.frames.last().map_or("\n\n", |f| f.separator);
                self.frames.push(Frame::new(separator));
            }
            Tag::BlockQuote(_) => {
                self.block_allowed(at, INLINE_QUOTE)?;
                self.begin_block();
                self.write("#quote(block: true)[");
                self.frames.push(Frame::new("\n\n"));
            }
            // A pipe table is laid out by the same function as a `- tabell:` block.
            Tag::Table(alignments) => {
                self.block_allowed(at, INLINE_TABLE)?;
                self.begin_block_of_chain(true);
                let align: String = alignments.iter().map(|a| format!("{}, ", alignment(*a))).collect();
                self.write(&format!(
                    "#tabell(columns: ({}), align: ({align}), ",
                    "1fr, ".repeat(alignments.len())
                ));
                self.frames.push(Frame::new(" "));
            }
            Tag::TableHead => self.write("header: ("),
            Tag::TableRow => self.write("("),
            Tag::TableCell => {
                self.write("[");
                self.frames.push(Frame::new(" "));
            }
            Tag::Emphasis => self.write("#emph["),
            Tag::Strong => self.write("#strong["),
            Tag::Strikethrough => self.write("#strike["),
            Tag::Link { link_type, dest_url, .. } => {
                let url = link_url(*link_type, dest_url).ok_or(err(at, LINK))?;
                if url.len() > MAX_URL {
                    return Err(err(at, LONG_LINK));
                }
                self.write(&format!("#link({})[", escape::string_literal(&url)));
                self.verbatim = matches!(link_type, LinkType::Autolink | LinkType::Email);
            }
            Tag::Heading { .. } if self.src[at..].trim_start().starts_with('#') => {
                return Err(err(at, HEADING));
            }
            Tag::Heading { .. } => return Err(err(at, SETEXT_HEADING)),
            Tag::Image { .. } => return Err(err(at, IMAGE)),
            Tag::HtmlBlock => {
                return Err(err(at, HTML));
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
                return Err(err(at, FENCED_CODE));
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => {
                // The range starts after the indentation, but the indentation is what makes
                // the code block, so point at it.
                let line = &self.src[..at];
                let indent_start = line.trim_end_matches([' ', '\t']).len();
                return Err(err(indent_start, INDENTED_CODE));
            }
            // Only reachable if more parser options are turned on.
            _ => return Err(err(at, OTHER)),
        }
        Ok(())
    }

    /// The end of a block or of inline markup.
    fn end(&mut self, tag: &TagEnd, at: usize) -> Result<(), Unsupported> {
        match tag {
            TagEnd::TableHead => self.write("), rows: ("),
            TagEnd::TableRow => self.write("), "),
            TagEnd::TableCell => self.close_frame("], "),
            TagEnd::Table => self.close_frame("), caption: none)"),
            TagEnd::List(_) => self.close_frame(")"),
            TagEnd::Item | TagEnd::BlockQuote(_) => self.close_frame("]"),
            TagEnd::Paragraph => {
                if self.sticky {
                    self.sticky = false;
                    self.after_sticky = true;
                    self.write_call_end("])");
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.write_call_end("]");
            }
            TagEnd::Link => {
                self.write_call_end("]");
                self.verbatim = false;
            }
            // Only reachable if more parser options are turned on.
            _ => return Err(err(at, OTHER)),
        }
        Ok(())
    }

    /// Text, breaks, code, footnote references and the leaves a plan may not use.
    fn leaf(&mut self, event: &Event, span: Range<usize>) -> Result<(), Unsupported> {
        let at = span.start;
        match event {
            Event::Text(text) => {
                if &self.src[span.clone()] == "[" && looks_like_footnote_reference(&self.src[at..]) {
                    return Err(err(at, FOOTNOTE_UNDEFINED));
                }
                self.pending.push_str(text);
            }
            Event::SoftBreak => self.pending.push(' '),
            Event::HardBreak => self.write(" \\\n"),
            Event::Code(code) => {
                self.write_call_end(&format!("#raw({})", escape::string_literal(code)));
            }
            Event::FootnoteReference(label) => {
                if self.mode == Mode::Footnote {
                    return Err(err(at, FOOTNOTE_NESTED));
                }
                let note = self.notes.get(&fold_label(label)).ok_or(err(at, FOOTNOTE_UNDEFINED))?;
                let body =
                    Writer::new(self.src, self.events, self.notes, Mode::Footnote).run(note.clone())?;
                // The no-break space makes the note read "¹ Lag …", not "¹Lag …", on the page
                // and in the text layer (Typst drops an ordinary space there).
                self.write_call_end(&format!("#footnote[~{body}]"));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(err(at, HTML));
            }
            Event::Rule => return Err(err(at, RULE)),
            Event::TaskListMarker(_) => return Err(err(at, TASK_LIST)),
            // Only reachable if more parser options are turned on.
            _ => return Err(err(at, OTHER)),
        }
        Ok(())
    }

    /// Lists and quotes are blocks that a table cell or a footnote cannot hold.
    fn block_allowed(&self, at: usize, inline_error: Problem) -> Result<(), Unsupported> {
        match self.mode {
            Mode::Blocks => Ok(()),
            Mode::Inline => Err(err(at, inline_error)),
            Mode::Footnote => Err(err(at, FOOTNOTE_BLOCK)),
        }
    }

    /// Begins a block; `starts_chain`: a lead-in or a table, which starts a run of blocks that
    /// keep together unless it follows a lead-in. Such a run in the middle of a text starts
    /// with the mark a table reads to know how much of the page moving it would leave empty
    /// (templates/tabeller.typ, `stands-whole`); the document marks the start of each text.
    fn begin_block_of_chain(&mut self, starts_chain: bool) {
        let top = self.mode == Mode::Blocks && self.frames.len() == 1;
        let mark = top && starts_chain && self.frames[0].filled && !self.after_sticky;
        self.begin_block();
        if mark {
            self.write("#place(metadata(\"vplan-kedja\"))\n\n");
        }
    }

    fn begin_block(&mut self) {
        if self.mode == Mode::Blocks && self.frames.len() == 1 {
            self.after_sticky = false;
        }
        self.flush_text();
        let frame = self.frames.last_mut().expect("the root frame is never closed");
        if frame.filled {
            self.out.push_str(frame.separator);
        }
        frame.filled = true;
        self.after_call = false;
    }

    fn close_frame(&mut self, closing: &str) {
        self.flush_text();
        self.frames.pop();
        self.write_call_end(closing);
    }

    /// Writes Typst syntax that following text cannot extend.
    fn write(&mut self, typst: &str) {
        self.flush_text();
        self.out.push_str(typst);
        self.mark_filled();
        self.after_call = false;
    }

    /// Writes Typst syntax ending in a call's closing `)` or `]`.
    fn write_call_end(&mut self, typst: &str) {
        self.write(typst);
        self.after_call = true;
    }

    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = if self.verbatim {
            escape::markup(&self.pending)
        } else {
            escape::markup(&typography::prose(&self.pending))
        };
        self.pending.clear();
        // Right after `#emph[…]` Typst would read `(…` as more arguments, `.word` as a
        // field access and swallow a `;`; a semicolon ends the call first.
        if self.after_call && extends_call(&text) {
            self.out.push(';');
        }
        self.out.push_str(&text);
        self.mark_filled();
        self.after_call = false;
    }

    fn mark_filled(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.filled = true;
        }
    }
}

/// A pipe table column's alignment as Typst names it; unmarked columns are left-aligned.
pub(super) fn alignment(alignment: Alignment) -> &'static str {
    match alignment {
        Alignment::Right => "right",
        Alignment::Center => "center",
        Alignment::Left | Alignment::None => "left",
    }
}

/// Whether escaped text placed directly after a Typst call would be parsed as part of it.
fn extends_call(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('(' | ';') => true,
        Some('.') => chars.next().is_some_and(|c| !c.is_whitespace() && !c.is_ascii_punctuation()),
        _ => false,
    }
}

/// The Swedish description and hint of an [`Unsupported`].
type Problem = (&'static str, &'static str);

fn err(offset: usize, (what, hint): Problem) -> Unsupported {
    Unsupported { offset, what, hint }
}

const HEADING: Problem =
    ("en Markdown-rubrik (#)", "Gör rubriken till ett eget avsnitt (avsnitt: med rubrik:).");
const SETEXT_HEADING: Problem = (
    "en Markdown-rubrik (en rad understruken med === eller ---)",
    "Gör rubriken till ett eget avsnitt (avsnitt: med rubrik:).",
);
const IMAGE: Problem = ("en bild (![…](…))", "Lägg bilden i ett bild-block i innehåll:.");
const HTML: Problem = ("HTML-kod", "Skriv texten utan HTML-taggar. Ska tecknet < synas, skriv \\<.");
const FENCED_CODE: Problem =
    ("ett kodblock (``` eller ~~~)", "Skriv texten som vanligt stycke utan ``` eller ~~~.");
const INDENTED_CODE: Problem = (
    "ett kodblock (rader med indrag)",
    "Skriv texten som vanligt stycke (indrag med fyra blanksteg gör ett kodblock).",
);
const RULE: Problem = (
    "en skiljelinje (---, *** eller ___)",
    "Ta bort linjen. Använd blocket sidbrytning om du vill byta sida.",
);
const TOO_DEEP: Problem = (
    "listor, citat eller betoningar i fler än tolv nivåer",
    "Skriv texten med färre nivåer i varandra; dela upp den i flera stycken eller avsnitt.",
);
const LONG_LINK: Problem = (
    "en webbadress på mer än 2 000 tecken",
    "Länka till en kortare adress, till exempel sidan där dokumentet finns.",
);
const TASK_LIST: Problem = ("en checklista (- [ ])", "Skriv punkten utan [ ] eller [x].");
const LINK: Problem =
    ("en länk som inte är en webbadress", "Skriv hela adressen med https:// (eller mailto: för e-post).");
const FOOTNOTE_UNDEFINED: Problem = (
    "en fotnot utan text",
    "Lägg till fotnotens text på en egen rad, t.ex. [^1]: Texten. \
     Ska hakparenteserna synas, skriv \\[^1].",
);
const FOOTNOTE_NESTED: Problem =
    ("en fotnot i en fotnot", "Skriv den inre fotnotens text direkt i fotnoten.");
const FOOTNOTE_BLOCK: Problem = ("en lista eller ett citat i en fotnot", "Skriv fotnoten som löpande text.");
const INLINE_PARAGRAPHS: Problem =
    ("flera stycken i en tabellcell eller insats", "Skriv texten som ett enda stycke utan tomma rader.");
const INLINE_LIST: Problem = (
    "en lista i en tabellcell eller insats",
    "Skriv texten som ett enda stycke. Ska den börja med - eller en siffra och punkt, \
     skriv \\- eller 1\\. i stället.",
);
const INLINE_TABLE: Problem = (
    "en tabell (rader med |) i en tabellcell, insats eller fotnot",
    "Lägg tabellen i en text för sig eller i ett tabell-block. Ska tecknet | synas, skriv \\|.",
);
const INLINE_QUOTE: Problem = (
    "ett citat (>) i en tabellcell eller insats",
    "Skriv texten som ett enda stycke. Ska den börja med >, skriv \\> i stället.",
);
const OTHER: Problem = ("en Markdown-konstruktion som vplan inte stöder", "Skriv texten som vanligt stycke.");

#[cfg(test)]
mod tests;
