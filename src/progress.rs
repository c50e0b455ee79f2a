//! What vplan prints about its work on a terminal: one line per plan built, each stage's time
//! with `-v`, and colour where it helps.
//!
//! In: a [`crate::Built`] or a label to paint. Out: text for standard out or standard error.
//! Colour is used only when the stream is a terminal and `NO_COLOR` is not set
//! (<https://no-color.org>), so files, pipes and tests get plain text.

use std::io::IsTerminal;

use crate::Built;
use crate::swedish;

/// An output stream, for deciding whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard out.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Whether text for `stream` is coloured.
pub fn colour(stream: Stream) -> bool {
    let terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The colours vplan uses (ANSI codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Bold red, for `fel`.
    Error,
    /// Bold yellow, for `varning`.
    Warning,
    /// Bold green, for a finished PDF.
    Done,
    /// Dim, for details.
    Dim,
}

/// `text` in `paint` when `stream` is coloured; otherwise `text` as it is.
pub fn paint(stream: Stream, paint: Paint, text: &str) -> String {
    if !colour(stream) {
        return text.to_owned();
    }
    let code = match paint {
        Paint::Error => "1;31",
        Paint::Warning => "1;33",
        Paint::Done => "1;32",
        Paint::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// The lines printed for a finished build: with `verbose` each stage and its time, then
/// `plans/x.pdf: 8 sidor på 0,41 s` and the page images, if any.
pub fn built(built: &Built, verbose: bool) -> String {
    let mut out = String::new();
    if verbose {
        let width = built.stages.iter().map(|(s, _)| s.name().chars().count()).max().unwrap_or(0);
        for (stage, time) in &built.stages {
            let name = stage.name();
            let pad = " ".repeat(width - name.chars().count());
            let line = format!("  {name}{pad}  {:>8}", plain(swedish::seconds(*time)));
            out.push_str(&paint(Stream::Stdout, Paint::Dim, &line));
            out.push('\n');
        }
    }
    let pdf = paint(Stream::Stdout, Paint::Done, &built.pdf.display().to_string());
    out.push_str(&format!(
        "{pdf}: {} på {}\n",
        swedish::count(built.pages, "sida", "sidor"),
        plain(swedish::seconds(built.elapsed))
    ));
    if let (Some(first), Some(last)) = (built.images.first(), built.images.last()) {
        let images = if built.images.len() == 1 {
            first.display().to_string()
        } else {
            format!("{} … {}", first.display(), last.display())
        };
        out.push_str(&format!("{images}: {}\n", swedish::count(built.images.len(), "sidbild", "sidbilder")));
    }
    out
}

/// A terminal shows a no-break space as a space; some show nothing at all.
fn plain(text: String) -> String {
    text.replace(swedish::NBSP, " ")
}
