//! Everything vplan prints on a terminal, in one place: whether to colour, errors and warnings
//! with their plan line and caret, the progress line of a build, the budget and contribution
//! tables of `vplan check`, the comparison of `vplan diff` and the plan text of `vplan text`.
//!
//! In: what the pipeline and the commands produced ([`Error`], [`Diagnostic`], [`Built`],
//! computed budgets, [`crate::compare::Changes`]). Out: Swedish text for standard out or
//! standard error. Colour is used only when the stream is a terminal and `NO_COLOR` is not set
//! (<https://no-color.org>), so files, pipes and tests get plain text.
//!
//! Text typed in a plan is shown with its control characters escaped ([`shown`]), so that a
//! plan cannot repaint the terminal of whoever checks it.

mod budget;
mod changes;
mod plan_text;

pub use budget::{budget_table, contributions_table};
pub use changes::{Style, changes};
pub use plan_text::plan_text;

use std::fmt::{self, Write as _};
use std::io::IsTerminal;
use std::path::Path;

use crate::error::{Diagnostic, Error};
use crate::pipeline::Built;
use crate::swedish;

/// An output stream, for deciding whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard out.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Whether text for `stream` is coloured: on a terminal, unless `NO_COLOR` is set. The one
/// colour decision in vplan.
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

/// A terminal shows a no-break space as a space; some show nothing at all.
pub fn plain(text: &str) -> String {
    text.replace(swedish::NBSP, " ")
}

/// Whether `c` turns the direction of the text around it (U+202A–U+202E, U+2066–U+2069 and the
/// marks U+200E, U+200F, U+061C): shown raw, it can reverse a line on the terminal.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Text from a plan as it may reach a terminal: control characters (escape sequences among
/// them) and the controls of text direction are shown as `\u{…}` instead of acting on the
/// terminal.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// How many of a plan's errors are shown; the rest are counted. Past a few dozen the first
/// ones are the ones to fix.
const MAX_SHOWN: usize = 50;

/// Prints every warning about the plan `file` on standard error.
pub fn print_warnings(file: &Path, source: &str, warnings: &[Diagnostic]) {
    for warning in warnings {
        eprint!("{}", diagnostic("varning", warning, Some((file, source))));
    }
}

/// Renders one diagnostic; `severity` is `fel` or `varning`, coloured on a terminal.
pub fn diagnostic(severity: &str, diagnostic: &Diagnostic, file: Option<(&Path, &str)>) -> String {
    let mut out = String::new();
    let label = match severity {
        "fel" => paint(Stream::Stderr, Paint::Error, severity),
        _ => paint(Stream::Stderr, Paint::Warning, severity),
    };
    // A message can quote the plan (an unknown key, a value): its control characters must not
    // act on the terminal.
    let _ = writeln!(out, "{label}: {}", shown(&diagnostic.message));
    let mut gutter = 2;
    if let Some((path, source)) = file {
        match diagnostic.position {
            Some(pos) => {
                let number = pos.line.to_string();
                gutter = number.len() + 1;
                let pad = " ".repeat(gutter);
                let _ = writeln!(out, "{pad}--> {}:{}:{}", path.display(), pos.line, pos.column);
                if let Some(text) = source.lines().nth(pos.line.saturating_sub(1)) {
                    let (shown, caret_start) = visible_line(text, pos.column.saturating_sub(1));
                    let _ = writeln!(out, "{pad}|");
                    let _ = writeln!(out, "{number} | {shown}");
                    let available = shown.chars().count().saturating_sub(caret_start).max(1);
                    let width = pos.width.clamp(1, available);
                    let _ = writeln!(out, "{pad}| {}{}", " ".repeat(caret_start), "^".repeat(width));
                }
            }
            None => {
                let _ = writeln!(out, "  --> {}", path.display());
            }
        }
    }
    let pad = " ".repeat(gutter);
    for note in &diagnostic.notes {
        let _ = writeln!(out, "{pad}= {}", shown(note));
    }
    if let Some(hint) = &diagnostic.hint {
        let _ = writeln!(out, "{pad}= hjälp: {}", shown(hint));
    }
    out
}

/// A source line as it can be shown on a terminal, with the caret's column in it, from the
/// caret's position in characters: tabs widened, control characters dropped, and a long line
/// cut to a window around the caret. The caret is counted on the line as shown, so it stays
/// under its character whatever was dropped before it. Only the window is looked at, so a
/// line of a megabyte costs no more than a short one.
fn visible_line(text: &str, caret_chars: usize) -> (String, usize) {
    const MAX: usize = 160;
    const BEFORE: usize = 60;
    let start = if caret_chars > MAX - 20 { caret_chars - BEFORE } else { 0 };
    let mut shown: Vec<char> = Vec::with_capacity(MAX + 8);
    let mut caret = None;
    let mut more = false;
    for (i, c) in text.chars().enumerate().skip(start) {
        if shown.len() >= MAX {
            more = true;
            break;
        }
        if i == caret_chars {
            caret = Some(shown.len());
        }
        match c {
            '\t' => shown.extend([' '; 4]),
            c if c.is_control() => {}
            c if is_bidi_control(c) => shown.extend(format!("\\u{{{:x}}}", c as u32).chars()),
            c => shown.push(c),
        }
    }
    let mut caret = caret.unwrap_or(shown.len());
    let mut line = String::new();
    if start > 0 {
        line.push_str("… ");
        caret += 2;
    }
    line.extend(&shown);
    if more {
        line.push_str(" …");
    }
    (line, caret)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plan { file, source, diagnostics } => {
                for (i, d) in diagnostics.iter().take(MAX_SHOWN).enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    f.write_str(&diagnostic("fel", d, Some((file, source))))?;
                }
                if diagnostics.len() > MAX_SHOWN {
                    write!(f, "\n… och {} fel till\n", diagnostics.len() - MAX_SHOWN)?;
                }
                if diagnostics.len() > 1 {
                    write!(f, "\n{} fel i {}\n", diagnostics.len(), file.display())?;
                }
                Ok(())
            }
            Self::User(d) => f.write_str(&diagnostic("fel", d, None)),
            Self::Bug(message) => write!(
                f,
                "{}: internt fel i vplan: {}\n  = detta är ett fel i vplan, inte i din plan. \
                 Rapportera det gärna till vplans utvecklare och bifoga planen och hela meddelandet.\n",
                paint(Stream::Stderr, Paint::Error, "fel"),
                shown(message)
            ),
            Self::Failed { failed, total, .. } => {
                writeln!(
                    f,
                    "{}: {failed} av {total} planer hade fel",
                    paint(Stream::Stderr, Paint::Error, "fel")
                )
            }
        }
    }
}

/// The lines printed for a finished build: with `verbose` each stage and its time, then
/// `plans/x.pdf: 8 sidor på 0,41 s` and the other files written, if any.
pub fn built(built: &Built, verbose: bool) -> String {
    let mut out = String::new();
    if verbose {
        let width = built.stages.iter().map(|(s, _)| s.name().chars().count()).max().unwrap_or(0);
        for (stage, time) in &built.stages {
            let name = stage.name();
            let pad = " ".repeat(width - name.chars().count());
            let line = format!("  {name}{pad}  {:>8}", plain(&swedish::seconds(*time)));
            out.push_str(&paint(Stream::Stdout, Paint::Dim, &line));
            out.push('\n');
        }
    }
    let main = paint(Stream::Stdout, Paint::Done, &built.main.display().to_string());
    out.push_str(&format!(
        "{main}: {} på {}\n",
        swedish::count(built.pages, "sida", "sidor"),
        plain(&swedish::seconds(built.elapsed))
    ));
    for written in built.written.iter().filter(|w| w.files.first() != Some(&built.main)) {
        let files = match written.files.as_slice() {
            [] => continue,
            [one] => one.display().to_string(),
            [first, .., last] => format!("{} … {}", first.display(), last.display()),
        };
        out.push_str(&format!("{files}: {}\n", written.output.describe(written.files.len())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Position;

    #[test]
    fn renders_location_line_and_caret() {
        let d = Diagnostic::new("okänd nyckel `rubik`")
            .at(Some(Position { line: 2, column: 5, width: 5 }))
            .note("tillåtna nycklar: `rubrik`")
            .hint("rätta stavningen");
        let text = diagnostic("fel", &d, Some((Path::new("plan.yaml"), "avsnitt:\n  - rubik: A\n")));
        assert_eq!(
            text,
            "fel: okänd nyckel `rubik`\n  --> plan.yaml:2:5\n  |\n2 |   - rubik: A\n  |     ^^^^^\n  \
             = tillåtna nycklar: `rubrik`\n  = hjälp: rätta stavningen\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, caret) = visible_line(&line, 500);
        assert_eq!(shown.chars().nth(caret), Some('X'));
        assert!(shown.starts_with("… ") && shown.ends_with(" …") && shown.chars().count() < 170);
        assert_eq!(visible_line("kort", 2), ("kort".to_owned(), 2));
        assert_eq!(visible_line("kort", 4), ("kort".to_owned(), 4), "a caret after the last character");
    }

    #[test]
    fn the_caret_stays_under_its_character_past_dropped_controls() {
        // U+0085 (NEL) is a control character the line drops; the caret must not move.
        let line = format!("{}\u{85}X{}", "\u{85}".repeat(300), "b".repeat(300));
        let (shown, caret) = visible_line(&line, 301);
        assert_eq!(shown.chars().nth(caret), Some('X'), "{shown}");
        let line = format!("{}X", "\u{85}".repeat(30));
        let (shown, caret) = visible_line(&line, 30);
        assert_eq!(shown.chars().nth(caret), Some('X'), "{shown}");
        let (shown, caret) = visible_line("\ta\u{1b}b", 3);
        assert_eq!(shown.chars().nth(caret), Some('b'));
    }

    #[test]
    fn control_characters_from_a_plan_are_escaped() {
        assert_eq!(shown("röd \u{1b}[31mtext"), "röd \\u{1b}[31mtext");
        assert_eq!(shown("rad\nrad"), "rad\nrad");
        assert_eq!(shown("a\u{202e}b"), "a\\u{202e}b");
        let (line, caret) = visible_line("a\u{202e}bc", 2);
        assert_eq!((line.as_str(), line.chars().nth(caret)), ("a\\u{202e}bc", Some('b')));
    }

    #[test]
    fn bugs_ask_for_a_report() {
        let bug = Error::Bug("mallen saknas".into());
        assert_eq!(bug.exit_code(), 2);
        assert!(bug.to_string().contains("Rapportera"));
        assert_eq!(Error::User(Diagnostic::new("x")).exit_code(), 1);
    }
}
