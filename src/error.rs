//! Errors and warnings.
//!
//! In: what went wrong at any stage. Out: the values that say it — a [`Diagnostic`] with its
//! severity, its file, its place, hint and notes, and the [`Error`] that ends a command. Plan
//! errors (the user can fix them) and bugs (vplan must be fixed, with their cause) are
//! different variants so that `main` can map them to exit codes 1 and 2. A leaf: how they look
//! on a terminal (colour, the caret under the file's line) is [`crate::terminal`]'s, which is
//! given the colour choice by its caller and also implements a plain `Display` for [`Error`].

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

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// Stops the command (`fel`).
    #[default]
    Error,
    /// Shown, but the document is still made (`varning`).
    Warning,
}

/// One problem found in a plan (or another file vplan read), with its severity, the file and
/// place it is about and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// An error or a warning.
    pub severity: Severity,
    /// The file it is about — the plan, its predecessor, an own template, a file a document
    /// kind read — as the user named it; none for a problem outside every file (a usage
    /// error).
    pub file: Option<Box<Path>>,
    /// What is wrong, one Swedish sentence without a final full stop.
    pub message: String,
    /// Where in [`Diagnostic::file`], when the problem has a place.
    pub position: Option<Position>,
    /// Further facts, such as the keys that are allowed here.
    pub notes: Vec<String>,
    /// What to do about it.
    pub hint: Option<Box<str>>,
}

impl Diagnostic {
    /// An error with a message and nothing else yet.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            message: message.into(),
            position: None,
            notes: Vec::new(),
            hint: None,
        }
    }

    /// A warning with a message and nothing else yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::new(message) }
    }

    /// Makes it a warning.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Names the file it is about.
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Names `file` as the file it is about, unless it names one already.
    pub fn or_in_file(mut self, file: &Path) -> Self {
        self.file.get_or_insert_with(|| file.into());
        self
    }

    /// Places the diagnostic in its file.
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
        self.hint = Some(hint.into().into_boxed_str());
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
    Bug {
        /// What failed, in Swedish.
        message: String,
        /// The error that caused it, if another library reported one: its chain is shown in the
        /// bug report.
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
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
        Self::in_file(file, source.to_owned(), vec![diagnostic])
    }

    /// Plan errors in `file`, whose text is `source`: each diagnostic names the file unless it
    /// names another already.
    pub fn in_file(file: &Path, source: String, diagnostics: Vec<Diagnostic>) -> Self {
        let diagnostics = diagnostics.into_iter().map(|d| d.or_in_file(file)).collect();
        Self::Plan { file: file.to_path_buf(), source, diagnostics }
    }

    /// A bug in vplan, said in `message`.
    pub fn bug(message: impl Into<String>) -> Self {
        Self::Bug { message: message.into(), cause: None }
    }

    /// A bug in vplan, said in `message`, that `cause` (another library's error) led to.
    pub fn bug_from(
        message: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self::Bug { message: message.into(), cause: Some(Box::new(cause)) }
    }

    /// The process exit code for this error: 1 for the user's errors, 2 for bugs.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Plan { .. } | Self::User(_) => 1,
            Self::Bug { .. } => 2,
            Self::Failed { exit_code, .. } => *exit_code,
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Bug { cause: Some(cause), .. } => Some(cause.as_ref()),
            _ => None,
        }
    }
}
