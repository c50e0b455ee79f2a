//! The kinds of document vplan makes, each through the same [`crate::pipeline::Pipeline`]:
//! the plan itself ([`PlanDocument`]) and the appendix of changes from an older plan
//! ([`ChangesDocument`]).
//!
//! In: one [`Context`] — what the document is made from (the plan it belongs to, with its
//! predecessor; a kind keeps any further input of its own, such as the appendix's older plan),
//! the computed figures, the PDF standards and the outputs asked for. Out: every output of the
//! document, made by the kind itself ([`Document::make`]): the Typst source of its PDF, the PDF
//! with the kind's own identifier and date ([`About`]), the page images, its web page and its
//! summary where it has them. A kind gets every stage, standard, timing and check of the
//! pipeline with it; a new kind (a follow-up report, say) is a new file here with its
//! templates and its view, and the pipeline is not edited.

mod changes;
mod followup;
mod plan;

pub use changes::ChangesDocument;
pub use followup::FollowUpDocument;
pub use plan::PlanDocument;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use typst_layout::PagedDocument;

use crate::compute::Computed;
use crate::error::{Diagnostic, Error};
use crate::export::{self, Standards};
use crate::outputs::{self, Output};
use crate::plan::Loaded;
use crate::render::Rendered;

/// Everything a document kind is given: what it is made from and what is asked of it.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The plan the document belongs to: its folder, look, own templates and date are the
    /// document's.
    pub plan: &'a Loaded,
    /// The plan's predecessor (`föregående`), read and checked, if it names one.
    pub predecessor: Option<&'a Loaded>,
    /// What vplan computed from the plan.
    pub computed: &'a Computed,
    /// The PDF standards to conform to.
    pub standards: &'a Standards,
    /// The outputs asked for, the first being the file named on the command line.
    pub outputs: &'a [Output],
}

/// What a document says about itself in its PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// The PDF's stable identifier: the same document of the same förbund and year keeps the
    /// same PDF document id, and different documents have different ones.
    pub identifier: String,
    /// The date every date in the PDF is (its metadata timestamp).
    pub date: NaiveDate,
}

/// A kind of document: what it is made from is in its [`Context`] (and, for any further input,
/// in the kind's own value); what comes out — every output's bytes — is the kind's.
pub trait Document: Sync {
    /// Its PDF identifier and date.
    fn about(&self, context: &Context) -> About;

    /// The Typst source of its PDF. The title and language the PDF declares are set here, by
    /// the kind's templates.
    fn typst(&self, context: &Context) -> Result<Rendered, Error>;

    /// Its web page (`--html`), linking to the PDF `pdf`; `None` if the kind has none.
    fn html_page(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        let _ = (context, pdf);
        Ok(None)
    }

    /// Its short web summary (`--html-sammanfattning`), linking to the PDF `pdf`; `None` if the
    /// kind has none.
    fn html_summary(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        let _ = (context, pdf);
        Ok(None)
    }

    /// Where its PDF goes when the command line does not say: beside `input`, the file the
    /// document is made from, with the ending `.pdf`.
    fn pdf_file(&self, input: &Path) -> PathBuf {
        input.with_extension("pdf")
    }

    /// Files the kind read itself, besides the plan and its predecessor (which no output may
    /// replace either).
    fn inputs(&self) -> Vec<PathBuf> {
        Vec::new()
    }

    /// The texts of the files the kind read itself, by the name its diagnostics give them, for
    /// showing the lines its warnings point at.
    fn sources(&self) -> Vec<(PathBuf, String)> {
        Vec::new()
    }

    /// Warnings about what the kind read itself, besides the plan's own; each names its file.
    fn warnings(&self, context: &Context) -> Vec<Diagnostic> {
        let _ = context;
        Vec::new()
    }

    /// The bytes of `output`, by file, for a document whose main file (the PDF) is `main`;
    /// `source` is its Typst source and `laid_out` the pages Typst set from it.
    fn make(
        &self,
        output: Output,
        context: &Context,
        main: &Path,
        source: &str,
        laid_out: &PagedDocument,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
        make(self, output, context, main, source, laid_out)
    }
}

/// How every kind makes its outputs unless it says otherwise: the PDF from its [`About`], the
/// Typst source as rendered, one image per page, and its own web pages.
pub fn make<D: Document + ?Sized>(
    document: &D,
    output: Output,
    context: &Context,
    main: &Path,
    source: &str,
    laid_out: &PagedDocument,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    Ok(match output {
        Output::Pdf => {
            let about = document.about(context);
            vec![(
                main.to_path_buf(),
                export::pdf(context.plan, laid_out, context.standards, &about.identifier, about.date)?,
            )]
        }
        Output::Typst => vec![(main.with_extension("typ"), source.as_bytes().to_vec())],
        Output::Png { ppi } => export::png(context.plan, laid_out, ppi)?
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| (outputs::page_image(main, i + 1), bytes))
            .collect(),
        Output::Html | Output::HtmlSummary => {
            let page = if output == Output::Html {
                document.html_page(context, main)?
            } else {
                document.html_summary(context, main)?
            };
            let page = page.ok_or_else(|| {
                Error::User(
                    Diagnostic::new(format!("det här dokumentet har ingen {}", output.describe(1)))
                        .hint("bygg bara PDF-filen, eller webbsidorna från planen med `vplan build --html`"),
                )
            })?;
            let file = output.single_file(main).expect("a web page is one file");
            vec![(file, page.into_bytes())]
        }
    })
}
