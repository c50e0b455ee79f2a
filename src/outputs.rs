//! The kinds of file a build writes, as a list: each kind knows its file names beside the
//! document's main file (the PDF) and how it is described. [`crate::pipeline`], the progress
//! line and `vplan watch` derive everything from this list, so a new kind is one more variant
//! here (as the web page and its summary were); the bytes of each are the document kind's to
//! make ([`crate::documents::Document::make`]).
//!
//! In: the main file's path. Out: the file names, stage names and descriptions of each output.

use std::path::{Path, PathBuf};

use crate::swedish;

/// A kind of file a build writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Output {
    /// The PDF, at the path named on the command line.
    Pdf,
    /// The generated Typst source, beside the PDF with the ending `.typ` (`--typ`).
    Typst,
    /// One PNG image per page, `namn-1.png`, `namn-2.png` … beside the PDF (`--png`), at this
    /// many pixels per inch.
    Png {
        /// Pixels per inch.
        ppi: f32,
    },
    /// The plan as one accessible web page, beside the PDF with the ending `.html` (`--html`).
    Html,
    /// A short web page summing the plan up and linking to the PDF, `namn-sammanfattning.html`
    /// beside the PDF (`--html-sammanfattning`).
    HtmlSummary,
}

impl Output {
    /// Every kind of output, for recognising vplan's own files (the page images' resolution
    /// does not matter there).
    pub const KINDS: [Output; 5] =
        [Output::Pdf, Output::Typst, Output::Png { ppi: 0.0 }, Output::Html, Output::HtmlSummary];

    /// Whether `path` is one of its files for a document whose main file is `main`.
    pub fn owns(self, main: &Path, path: &Path) -> bool {
        match self {
            Output::Pdf | Output::Typst | Output::Html | Output::HtmlSummary => {
                self.single_file(main).is_some_and(|file| file == path)
            }
            Output::Png { .. } => {
                let stem = main.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                path.parent() == main.parent()
                    && name
                        .strip_prefix(&stem)
                        .and_then(|rest| rest.strip_prefix('-'))
                        .and_then(|rest| rest.strip_suffix(".png"))
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            }
        }
    }

    /// The stage that makes it, as `vplan build -v` names it.
    pub fn stage_name(self) -> &'static str {
        match self {
            Output::Pdf => "skapa PDF",
            Output::Typst => "skriva Typst-källan",
            Output::Png { .. } => "rita sidbilderna",
            Output::Html => "skriva webbsidan (HTML)",
            Output::HtmlSummary => "skriva sammanfattningen (HTML)",
        }
    }

    /// How `count` of its files are described after a build: "2 sidbilder".
    pub fn describe(self, count: usize) -> String {
        match self {
            Output::Pdf => swedish::count(count, "PDF-fil", "PDF-filer"),
            Output::Typst => swedish::count(count, "Typst-källa", "Typst-källor"),
            Output::Png { .. } => swedish::count(count, "sidbild", "sidbilder"),
            Output::Html => swedish::count(count, "webbsida", "webbsidor"),
            Output::HtmlSummary => swedish::count(count, "sammanfattning", "sammanfattningar"),
        }
    }

    /// Its one file for a document whose main file is `main`, if it has exactly one whatever
    /// the document (page images have one per page).
    pub fn single_file(self, main: &Path) -> Option<PathBuf> {
        match self {
            Output::Pdf => Some(main.to_path_buf()),
            Output::Typst => Some(main.with_extension("typ")),
            Output::Png { .. } => None,
            Output::Html => Some(main.with_extension("html")),
            Output::HtmlSummary => {
                let stem = main.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                Some(main.with_file_name(format!("{stem}-sammanfattning.html")))
            }
        }
    }

    /// Removes files an earlier build left that this one did not write: images of pages the
    /// document no longer has, so the folder never shows a stale last page.
    pub fn remove_stale(self, main: &Path, pages: usize) {
        if let Output::Png { .. } = self {
            let mut stale = pages + 1;
            while page_image(main, stale).is_file() {
                // Best effort: a stale image that cannot be removed is only untidy.
                let _ = std::fs::remove_file(page_image(main, stale));
                stale += 1;
            }
        }
    }
}

/// The image file of page `number` (from 1) of the document whose main file is `main`.
pub fn page_image(main: &Path, number: usize) -> PathBuf {
    let stem = main.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    main.with_file_name(format!("{stem}-{number}.png"))
}
