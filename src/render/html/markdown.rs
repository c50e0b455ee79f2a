//! Markdown in plan fields, to HTML.
//!
//! In: Markdown text that [`crate::render::markdown`] has accepted — so only paragraphs,
//! lists, quotes, emphasis, strike-through, web links, code and footnotes — and the page's
//! footnotes so far. Out: HTML. Every run of user text goes through [`escape::html`]; this
//! module only adds the elements around it. A footnote becomes a numbered link to the list of
//! notes at the end of the page, and its text is kept in [`Footnotes`] for that list.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::render::markdown::{
    Spanned, alignment, end_of, fold_label, footnote_definitions, link_url, parse,
};
use crate::render::{escape, typography};

/// The footnotes of one page, in the order of their references: note `n` is at index `n - 1`.
#[derive(Debug, Default)]
pub struct Footnotes {
    /// Each note's text, as HTML.
    pub notes: Vec<String>,
}

/// HTML of a piece of marked text (the appendix's words, with [`crate::render::markdown::STRONG`]
/// and [`crate::render::markdown::EMPHASIS`] around strong and emphasised runs) that starts in
/// `style`, every run escaped once; `style` is left as it is at the piece's end.
pub fn marked(text: &str, style: &mut crate::render::markdown::Style) -> String {
    crate::render::markdown::styled_runs(text, style, |run, style| {
        let mut piece = escape::html(run);
        if style.emphasis {
            piece = format!("<em>{piece}</em>");
        }
        if style.strong {
            piece = format!("<strong>{piece}</strong>");
        }
        piece
    })
}

/// Converts block Markdown (paragraphs, lists, quotes) to HTML.
pub fn blocks(src: &str, notes: &mut Footnotes) -> String {
    convert(src, Mode::Blocks, notes)
}

/// Converts one paragraph of inline Markdown (a table cell, an insats) to HTML without the
/// paragraph element.
pub fn inline(src: &str, notes: &mut Footnotes) -> String {
    convert(src, Mode::Inline, notes)
}

/// Splits HTML made by [`blocks`] before its last paragraph, when the page ends with one of
/// at most `max` characters of markup (a lead-in of what follows); returns the HTML before it
/// and the paragraph's content without its element, which the template writes.
pub fn split_lead_in(html: &str, max: usize) -> Option<(&str, &str)> {
    // Text is escaped, so every `<p>` is an element; paragraphs inside quotes and list items
    // end with the element around them, not with `</p>`.
    let body = html.strip_suffix("</p>")?;
    let start = body.rfind("<p>")?;
    let content = &body[start + "<p>".len()..];
    (!content.trim().is_empty() && content.chars().count() <= max)
        .then(|| (html[..start].trim_end(), content))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Blocks,
    Inline,
    Footnote,
}

fn convert(src: &str, mode: Mode, notes: &mut Footnotes) -> String {
    let events = parse(src);
    let definitions = footnote_definitions(&events);
    Writer {
        events: &events,
        definitions: &definitions,
        mode,
        notes,
        out: String::new(),
        pending: String::new(),
        verbatim: false,
        table: None,
    }
    .run(0..events.len())
}

struct Writer<'a, 'n> {
    events: &'a [Spanned<'a>],
    definitions: &'a HashMap<String, Range<usize>>,
    mode: Mode,
    notes: &'n mut Footnotes,
    out: String,
    /// Text not yet escaped: adjacent text events are escaped together.
    pending: String,
    /// Inside an address written as its own link text (`<https://…>`): no Swedish typography,
    /// as in the PDF.
    verbatim: bool,
    /// The pipe table being written, if any.
    table: Option<Table>,
}

/// A pipe table's columns as far as they are read: each one's alignment and heading (as text,
/// for the heading a narrow screen shows beside each value), and where the writer is.
#[derive(Default)]
struct Table {
    align: Vec<&'static str>,
    headings: Vec<String>,
    in_head: bool,
    column: usize,
}

impl Writer<'_, '_> {
    fn run(mut self, range: Range<usize>) -> String {
        let mut i = range.start;
        let mut paragraphs = 0;
        while i < range.end {
            let (event, _) = &self.events[i];
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    i = end_of(self.events, i) + 1;
                    continue;
                }
                // A footnote is one run of text, and a table cell or an insats one paragraph:
                // neither gets paragraph elements.
                Event::Start(Tag::Paragraph) if self.mode != Mode::Blocks => {
                    if paragraphs > 0 {
                        self.pending.push(' ');
                    }
                    paragraphs += 1;
                }
                Event::End(TagEnd::Paragraph) if self.mode != Mode::Blocks => {}
                event => self.event(event),
            }
            i += 1;
        }
        self.flush();
        self.out.trim_end().to_owned()
    }

    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => {
                let open = match tag {
                    Tag::Paragraph => "<p>".to_owned(),
                    Tag::List(None) => "<ul>\n".to_owned(),
                    Tag::List(Some(1)) => "<ol>\n".to_owned(),
                    Tag::List(Some(start)) => format!("<ol start=\"{start}\">\n"),
                    Tag::Item => "<li>".to_owned(),
                    Tag::BlockQuote(_) => "<blockquote>\n".to_owned(),
                    Tag::Emphasis => "<em>".to_owned(),
                    Tag::Strong => "<strong>".to_owned(),
                    Tag::Strikethrough => "<s>".to_owned(),
                    // The same markup as a `- tabell:` block on the page.
                    Tag::Table(alignments) => {
                        let align = alignments.iter().map(|a| alignment(*a)).collect();
                        let wide = if alignments.len() > 2 { " staplad" } else { "" };
                        self.table = Some(Table { align, ..Table::default() });
                        format!(
                            "<div class=\"tabell{wide}\" role=\"region\" aria-label=\"Tabell\" tabindex=\"0\">\n<table>\n"
                        )
                    }
                    Tag::TableHead => {
                        if let Some(table) = &mut self.table {
                            table.in_head = true;
                            table.column = 0;
                        }
                        "<thead>\n<tr>\n".to_owned()
                    }
                    Tag::TableRow => {
                        if let Some(table) = &mut self.table {
                            table.column = 0;
                        }
                        "<tr>\n".to_owned()
                    }
                    Tag::TableCell => match &mut self.table {
                        Some(table) if table.in_head => {
                            table.headings.push(String::new());
                            let align = table.align.get(table.column).copied().unwrap_or("left");
                            format!("<th scope=\"col\" class=\"{align}\">")
                        }
                        Some(table) => {
                            let align = table.align.get(table.column).copied().unwrap_or("left");
                            let heading = table.headings.get(table.column).map(String::as_str).unwrap_or("");
                            format!(
                                "<td class=\"{align}\" data-rubrik=\"{}\">",
                                escape::html(&typography::prose(heading))
                            )
                        }
                        None => String::new(),
                    },
                    Tag::Link { link_type, dest_url, .. } => {
                        self.flush();
                        self.verbatim = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        // The Typst converter has refused every other kind of link.
                        let url = link_url(*link_type, dest_url).unwrap_or_default();
                        format!("<a href=\"{}\">", escape::html(&url))
                    }
                    // Refused by the Typst converter before this runs.
                    _ => String::new(),
                };
                self.write(&open);
            }
            Event::End(tag) => {
                let close = match tag {
                    TagEnd::Paragraph => "</p>\n",
                    TagEnd::List(false) => "</ul>\n",
                    TagEnd::List(true) => "</ol>\n",
                    TagEnd::Item => "</li>\n",
                    TagEnd::BlockQuote(_) => "</blockquote>\n",
                    TagEnd::Emphasis => "</em>",
                    TagEnd::Strong => "</strong>",
                    TagEnd::Strikethrough => "</s>",
                    TagEnd::Table => {
                        self.table = None;
                        "</tbody>\n</table>\n</div>\n"
                    }
                    TagEnd::TableHead => {
                        if let Some(table) = &mut self.table {
                            table.in_head = false;
                        }
                        "</tr>\n</thead>\n<tbody>\n"
                    }
                    TagEnd::TableRow => "</tr>\n",
                    TagEnd::TableCell => {
                        let head = self.table.as_ref().is_some_and(|t| t.in_head);
                        if let Some(table) = &mut self.table {
                            table.column += 1;
                        }
                        if head { "</th>\n" } else { "</td>\n" }
                    }
                    TagEnd::Link => {
                        self.flush();
                        self.verbatim = false;
                        "</a>"
                    }
                    _ => "",
                };
                self.write(close);
            }
            // HTML typed in a plan is refused before this runs; were it not, it is text.
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                if let Some(heading) =
                    self.table.as_mut().filter(|t| t.in_head).and_then(|t| t.headings.last_mut())
                {
                    heading.push_str(text);
                }
                self.pending.push_str(text)
            }
            Event::SoftBreak => self.pending.push('\n'),
            Event::HardBreak => self.write("<br />\n"),
            Event::Code(code) => {
                let code = format!("<code>{}</code>", escape::html(code));
                self.write(&code);
            }
            Event::FootnoteReference(label) => self.footnote(label),
            _ => {}
        }
    }

    /// A reference to a footnote: its text goes to the page's list, and a numbered link to it
    /// takes its place.
    fn footnote(&mut self, label: &str) {
        let Some(range) = self.definitions.get(&fold_label(label)).cloned() else { return };
        // Reserve the number first, so that the numbers follow the order of the references.
        self.notes.notes.push(String::new());
        let number = self.notes.notes.len();
        let text = Writer {
            events: self.events,
            definitions: self.definitions,
            mode: Mode::Footnote,
            notes: &mut *self.notes,
            out: String::new(),
            pending: String::new(),
            verbatim: false,
            table: None,
        }
        .run(range);
        self.notes.notes[number - 1] = text;
        self.write(&format!(
            "<sup class=\"fotnotsref\"><a id=\"fotnotsref-{number}\" href=\"#fotnot-{number}\">\
             <span class=\"dold\">fotnot </span>{number}</a></sup>"
        ));
    }

    fn write(&mut self, html: &str) {
        self.flush();
        self.out.push_str(html);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            // Swedish quotes, dashes and unbreakable numbers, as in the PDF (same function).
            let text = if self.verbatim { self.pending.clone() } else { typography::prose(&self.pending) };
            self.out.push_str(&escape::html(&text));
            self.pending.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        blocks(src, &mut Footnotes::default())
    }

    #[test]
    fn paragraphs_lists_and_quotes_become_elements() {
        assert_eq!(html("ett\ntvå\n\ntre"), "<p>ett\ntvå</p>\n<p>tre</p>");
        assert_eq!(html("- a\n- *b*"), "<ul>\n<li>a</li>\n<li><em>b</em></li>\n</ul>");
        assert_eq!(html("3. a\n4. b"), "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>");
        assert_eq!(html("> a"), "<blockquote>\n<p>a</p>\n</blockquote>");
        assert_eq!(
            html("a  \nb ~~c~~ **d** `<e>`"),
            "<p>a<br />\nb <s>c</s> <strong>d</strong> <code>&lt;e&gt;</code></p>"
        );
    }

    #[test]
    fn text_and_link_targets_are_escaped_once() {
        assert_eq!(
            html("[Förbundet & co](https://example.se/a?b=\"c\"&d=1) <x> \\<y> 'z'"),
            "<p><a href=\"https://example.se/a?b=&quot;c&quot;&amp;d=1\">Förbundet &amp; co</a> \
             &lt;x&gt; &lt;y&gt; ’z’</p>"
        );
        assert_eq!(inline("*a* & b", &mut Footnotes::default()), "<em>a</em> &amp; b");
    }

    #[test]
    fn the_last_short_paragraph_is_split_off_as_a_lead_in() {
        let page = html("Första stycket.\n\nSå här fördelas *medlen*:");
        assert_eq!(
            split_lead_in(&page, 200),
            Some(("<p>Första stycket.</p>", "Så här fördelas <em>medlen</em>:"))
        );
        assert_eq!(split_lead_in(&html("> Citat"), 200), None);
        assert_eq!(split_lead_in(&html("- a\n\n- b"), 200), None);
        assert_eq!(split_lead_in(&html("Ett långt stycke."), 5), None);
    }

    #[test]
    fn footnotes_are_numbered_across_texts_and_collected() {
        let mut notes = Footnotes::default();
        let first = blocks("Text[^a] och[^b].\n\n[^a]: Not *ett* <1>.\n\n[^b]: Två.", &mut notes);
        let second = inline("Cell[^x]\n\n[^x]: Tre.", &mut notes);
        assert!(first.contains("href=\"#fotnot-1\"") && first.contains("href=\"#fotnot-2\""), "{first}");
        assert!(second.contains("id=\"fotnotsref-3\""), "{second}");
        assert_eq!(notes.notes, ["Not <em>ett</em> &lt;1&gt;.", "Två.", "Tre."]);
    }
}
