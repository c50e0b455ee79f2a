//! Everything vplan prints on a terminal, in one place: whether to colour, errors and warnings
//! with their file, line and caret, the progress line of a build, the budget and contribution
//! tables of `vplan check`, the comparison of `vplan diff` and the plan text of `vplan text`.
//!
//! In: what the pipeline and the commands produced ([`Error`], [`Diagnostic`], [`Built`],
//! computed budgets, [`crate::compare::Changes`]), the texts of the files the diagnostics are
//! about ([`Sources`]) and the caller's colour choice. Out: Swedish text for standard out or
//! standard error. The one renderer of diagnostics ([`diagnostic`], [`error`], [`warnings`])
//! never asks the terminal itself: the command decides with [`colour`] — on a terminal, unless
//! `NO_COLOR` is set (<https://no-color.org>) — so files, pipes and tests get plain text, and
//! `Display` for [`Error`] is always plain.
//!
//! Text typed in a plan is shown with its control characters escaped ([`shown`]), so that a
//! plan cannot repaint the terminal of whoever checks it.

mod books;
mod budget;
mod changes;
mod followup;
mod plan_text;

pub use books::{books_listing, reconciliation};
pub use budget::{budget_table, contributions_table};
pub use changes::{Style, changes};
pub use followup::{followup_table, followup_text};
pub use plan_text::plan_text;

use std::fmt::{self, Write as _};
use std::io::IsTerminal;
use std::path::Path;

use crate::error::{Diagnostic, Error, Severity};
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

/// Whether text for `stream` should be coloured: on a terminal, unless `NO_COLOR` is set. The
/// one colour decision in vplan, taken by the commands and handed to the renderers.
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

/// `text` in `paint` when `colour` is chosen; otherwise `text` as it is.
pub fn paint(colour: bool, paint: Paint, text: &str) -> String {
    if !colour {
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

/// The texts of the files diagnostics are about, by the name they are given in them (as the
/// user named the file), for showing the line a diagnostic points at.
pub type Sources<'a> = [(&'a Path, &'a str)];

/// Every warning, each with its file, line and caret.
pub fn warnings(warnings: &[Diagnostic], sources: &Sources, colour: bool) -> String {
    warnings.iter().map(|w| diagnostic(w, sources, colour)).collect()
}

/// Renders one diagnostic: `fel` or `varning` (coloured if `colour`), the message, the file it
/// is about with the line and a caret under the place (the line only when `sources` has the
/// file's text), the notes and the fix.
pub fn diagnostic(diagnostic: &Diagnostic, sources: &Sources, colour: bool) -> String {
    let mut out = String::new();
    let label = match diagnostic.severity {
        Severity::Error => paint(colour, Paint::Error, "fel"),
        Severity::Warning => paint(colour, Paint::Warning, "varning"),
    };
    // A message can quote the plan (an unknown key, a value): its control characters must not
    // act on the terminal.
    let _ = writeln!(out, "{label}: {}", shown(&diagnostic.message));
    let mut gutter = 2;
    if let Some(path) = &diagnostic.file {
        let source = sources.iter().find(|(file, _)| *file == &**path).map(|(_, text)| *text);
        match (diagnostic.position, source) {
            (Some(pos), source) => {
                let number = pos.line.to_string();
                let text = source.and_then(|source| source.lines().nth(pos.line.saturating_sub(1)));
                gutter = number.len() + 1;
                let pad = " ".repeat(gutter);
                let _ = writeln!(out, "{pad}--> {}:{}:{}", path.display(), pos.line, pos.column);
                if let Some(text) = text {
                    let (shown, caret_start) = visible_line(text, pos.column.saturating_sub(1));
                    let _ = writeln!(out, "{pad}|");
                    let _ = writeln!(out, "{number} | {shown}");
                    let available = shown.chars().count().saturating_sub(caret_start).max(1);
                    let width = pos.width.clamp(1, available);
                    let _ = writeln!(out, "{pad}| {}{}", " ".repeat(caret_start), "^".repeat(width));
                }
            }
            (None, _) => {
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

/// Renders an error that ended a command, coloured if `colour`: every diagnostic of a plan
/// error (the first [`MAX_SHOWN`]), a bug report with its cause, or the count of failed plans.
pub fn error(error: &Error, colour: bool) -> String {
    let mut out = String::new();
    match error {
        Error::Plan { file, source, diagnostics } => {
            let sources = [(file.as_path(), source.as_str())];
            for (i, d) in diagnostics.iter().take(MAX_SHOWN).enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&diagnostic(&d.clone().or_in_file(file), &sources, colour));
            }
            if diagnostics.len() > MAX_SHOWN {
                let _ = write!(out, "\n… och {} fel till\n", diagnostics.len() - MAX_SHOWN);
            }
            if diagnostics.len() > 1 {
                let _ = write!(out, "\n{} fel i {}\n", diagnostics.len(), file.display());
            }
        }
        Error::User(d) => out.push_str(&diagnostic(d, &[], colour)),
        Error::Bug { message, cause } => {
            let _ = writeln!(
                out,
                "{}: internt fel i vplan: {}",
                paint(colour, Paint::Error, "fel"),
                shown(message)
            );
            // The cause and what caused it, each once.
            let mut next: Option<&(dyn std::error::Error + 'static)> = cause.as_deref().map(|c| c as _);
            while let Some(cause) = next {
                for line in cause.to_string().lines() {
                    let _ = writeln!(out, "  orsak: {}", shown(line));
                }
                next = cause.source();
            }
            out.push_str(
                "  = detta är ett fel i vplan, inte i din plan. \
                 Rapportera det gärna till vplans utvecklare och bifoga planen och hela meddelandet.\n",
            );
        }
        Error::Failed { failed, total, .. } => {
            let _ =
                writeln!(out, "{}: {failed} av {total} planer hade fel", paint(colour, Paint::Error, "fel"));
        }
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
    /// The error as plain text; a command that prints it on a terminal uses [`error`] with its
    /// colour choice instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&error(self, false))
    }
}

/// The lines printed for a finished build: with `verbose` each stage and its time, then
/// `plans/x.pdf: 8 sidor på 0,41 s` and the other files written, if any.
pub fn built(built: &Built, verbose: bool, colour: bool) -> String {
    let mut out = String::new();
    if verbose {
        let width = built.stages.iter().map(|(s, _)| s.name().chars().count()).max().unwrap_or(0);
        for (stage, time) in &built.stages {
            let name = stage.name();
            let pad = " ".repeat(width - name.chars().count());
            let line = format!("  {name}{pad}  {:>8}", plain(&swedish::seconds(*time)));
            out.push_str(&paint(colour, Paint::Dim, &line));
            out.push('\n');
        }
    }
    let main = paint(colour, Paint::Done, &built.main.display().to_string());
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
        let text = diagnostic(
            &d.in_file(Path::new("plan.yaml")),
            &[(Path::new("plan.yaml"), "avsnitt:\n  - rubik: A\n")],
            false,
        );
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
        let bug = Error::bug("mallen saknas");
        assert_eq!(bug.exit_code(), 2);
        assert!(bug.to_string().contains("Rapportera"));
        assert_eq!(Error::User(Diagnostic::new("x")).exit_code(), 1);
    }

    #[test]
    fn a_bug_report_shows_its_cause() {
        let cause = std::io::Error::other("disken är full");
        let bug = Error::bug_from("planens mapp kunde inte läsas", cause);
        let text = error(&bug, false);
        assert!(
            text.contains("internt fel i vplan: planens mapp kunde inte läsas\n  orsak: disken är full\n"),
            "{text}"
        );
        assert!(std::error::Error::source(&bug).is_some());
    }

    #[test]
    fn the_caller_chooses_colour_and_display_is_plain() {
        let d = Diagnostic::warning("något").in_file(Path::new("f.yaml"));
        assert!(diagnostic(&d, &[], true).starts_with("\x1b[1;33mvarning\x1b[0m: något\n  --> f.yaml\n"));
        assert_eq!(diagnostic(&d, &[], false), "varning: något\n  --> f.yaml\n");
        let plan = Error::in_file(Path::new("f.yaml"), "a: 1\n".into(), vec![Diagnostic::new("fel sak")]);
        assert!(!plan.to_string().contains('\x1b'));
        assert!(error(&plan, true).contains("\x1b[1;31mfel\x1b[0m"));
    }
}
