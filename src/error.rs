//! Errors and warnings, and how they are shown to the user.
//!
//! In: what went wrong at any stage. Out: Swedish text in the style
//! `fel: …` / `  --> fil:rad:kolumn` / the offending line with a caret / `= hjälp: …`.
//! Plan errors (the user can fix them) and bugs (vplan must be fixed) are different variants
//! so that `main` can map them to exit codes 1 and 2.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::progress::{Paint, Stream, paint};

/// A position in a plan file, 1-based like an editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
    /// How many characters the caret underlines (at least one is drawn).
    pub width: usize,
}

/// One problem found in a plan, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, one Swedish sentence without a final full stop.
    pub message: String,
    /// Where in the plan file, when the problem has a place.
    pub position: Option<Position>,
    /// Further facts, such as the keys that are allowed here.
    pub notes: Vec<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with a message and nothing else yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), position: None, notes: Vec::new(), hint: None }
    }

    /// Places the diagnostic in the plan file.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Adds a note line (`= …`).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the fix (`= hjälp: …`).
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Everything that can stop vplan.
#[derive(Debug)]
pub enum Error {
    /// The plan has one or more errors the user can fix.
    Plan {
        /// The plan file as the user named it.
        file: PathBuf,
        /// Its text, for showing the offending lines (empty if it could not be read as text).
        source: String,
        /// Every error found, in file order.
        diagnostics: Vec<Diagnostic>,
    },
    /// A problem outside any plan's text: a missing file, an unwritable output path.
    User(Diagnostic),
    /// vplan itself failed on input it accepted: a bug to report.
    Bug(String),
    /// Several plans were processed and some failed; their errors are already printed.
    Failed {
        /// How many plans failed.
        failed: usize,
        /// How many plans there were.
        total: usize,
        /// The exit code of the worst failure.
        exit_code: i32,
    },
}

impl Error {
    /// A plan error with a single diagnostic.
    pub fn plan(file: &Path, source: &str, diagnostic: Diagnostic) -> Self {
        Self::Plan { file: file.to_path_buf(), source: source.to_owned(), diagnostics: vec![diagnostic] }
    }

    /// The process exit code for this error: 1 for the user's errors, 2 for bugs.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Plan { .. } | Self::User(_) => 1,
            Self::Bug(_) => 2,
            Self::Failed { exit_code, .. } => *exit_code,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plan { file, source, diagnostics } => {
                for (i, diagnostic) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    f.write_str(&render("fel", diagnostic, Some((file, source))))?;
                }
                if diagnostics.len() > 1 {
                    write!(f, "\n{} fel i {}\n", diagnostics.len(), file.display())?;
                }
                Ok(())
            }
            Self::User(diagnostic) => f.write_str(&render("fel", diagnostic, None)),
            Self::Bug(message) => write!(
                f,
                "{}: internt fel i vplan: {message}\n  = detta är ett fel i vplan, inte i din plan. \
                 Rapportera det gärna till vplans utvecklare och bifoga planen och hela meddelandet.\n",
                paint(Stream::Stderr, Paint::Error, "fel")
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

impl std::error::Error for Error {}

/// Renders one diagnostic; `severity` is `fel` or `varning`, coloured on a terminal.
pub fn render(severity: &str, diagnostic: &Diagnostic, file: Option<(&Path, &str)>) -> String {
    let mut out = String::new();
    let label = match severity {
        "fel" => paint(Stream::Stderr, Paint::Error, severity),
        _ => paint(Stream::Stderr, Paint::Warning, severity),
    };
    let _ = writeln!(out, "{label}: {}", diagnostic.message);
    let mut gutter = 2;
    if let Some((path, source)) = file {
        match diagnostic.position {
            Some(pos) => {
                let number = pos.line.to_string();
                gutter = number.len() + 1;
                let pad = " ".repeat(gutter);
                let _ = writeln!(out, "{pad}--> {}:{}:{}", path.display(), pos.line, pos.column);
                if let Some(text) = source.lines().nth(pos.line.saturating_sub(1)) {
                    let caret: usize = text
                        .chars()
                        .take(pos.column.saturating_sub(1))
                        .map(|c| if c == '\t' { 4 } else { 1 })
                        .sum();
                    let (shown, caret_start) = visible_line(text, caret);
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
        let _ = writeln!(out, "{pad}= {note}");
    }
    if let Some(hint) = &diagnostic.hint {
        let _ = writeln!(out, "{pad}= hjälp: {hint}");
    }
    out
}

/// A source line as it can be shown on a terminal, with the caret's column in it: tabs
/// widened, control characters dropped, and a long line cut to a window around the caret.
fn visible_line(text: &str, caret: usize) -> (String, usize) {
    const MAX: usize = 160;
    const BEFORE: usize = 60;
    let chars: Vec<char> = text.replace('\t', "    ").chars().filter(|c| !c.is_control()).collect();
    if chars.len() <= MAX {
        return (chars.into_iter().collect(), caret);
    }
    let start = if caret > MAX - 20 { caret - BEFORE } else { 0 };
    let end = (start + MAX).min(chars.len());
    let mut shown = String::new();
    let mut caret = caret - start;
    if start > 0 {
        shown.push_str("… ");
        caret += 2;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str(" …");
    }
    (shown, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let diagnostic = Diagnostic::new("okänd nyckel `rubik`")
            .at(Some(Position { line: 2, column: 5, width: 5 }))
            .note("tillåtna nycklar: `rubrik`")
            .hint("rätta stavningen");
        let text = render("fel", &diagnostic, Some((Path::new("plan.yaml"), "avsnitt:\n  - rubik: A\n")));
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
    }

    #[test]
    fn bugs_exit_with_two_and_ask_for_a_report() {
        let bug = Error::Bug("mallen saknas".into());
        assert_eq!(bug.exit_code(), 2);
        assert!(bug.to_string().contains("Rapportera"));
        assert_eq!(Error::User(Diagnostic::new("x")).exit_code(), 1);
    }
}
