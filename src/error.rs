//! Errors and warnings.
//!
//! In: what went wrong at any stage. Out: the values that say it — a [`Diagnostic`] with its
//! place, hint and notes, and the [`Error`] that ends a command. Plan errors (the user can fix
//! them) and bugs (vplan must be fixed) are different variants so that `main` can map them to
//! exit codes 1 and 2. A leaf: how they look on a terminal (colour, the caret under the plan's
//! line) is [`crate::terminal`]'s, which also implements `Display` for [`Error`].

use std::path::{Path, PathBuf};

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

impl std::error::Error for Error {}
