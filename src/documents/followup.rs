//! A follow-up of the plan — tertialrapport, delårsrapport or årsredovisning — as a document
//! kind through the same pipeline as the plan: the pipeline reads the adopted plan (for its
//! folder, look and checks), and this kind renders the follow-up it was made with.

use super::{About, Context, Document};
use crate::compute::followup::FollowUpFigures;
use crate::error::Error;
use crate::followup::LoadedFollowUp;
use crate::render::followup::FollowUpView;
use crate::render::{self, Rendered};

/// A follow-up, read, checked and computed.
pub struct FollowUpDocument {
    /// The follow-up and its plan.
    pub loaded: LoadedFollowUp,
    /// Its figures.
    pub figures: FollowUpFigures,
}

impl Document for FollowUpDocument {
    fn about(&self, _: &Context) -> About {
        let plan = &self.loaded.plan.plan;
        About {
            identifier: format!(
                "vplan:{}:{}:{}",
                plan.association.name,
                plan.year(),
                self.loaded.followup.kind.key()
            ),
            date: self.loaded.date,
        }
    }

    fn typst(&self, _: &Context) -> Result<Rendered, Error> {
        let view = FollowUpView::build(&self.loaded, &self.figures)?;
        render::document("uppfoljning.typ.j2", view, &self.loaded.plan.plan.look)
    }

    /// The same report as one web page with the plan's style sheet, linking to the PDF.
    fn html_page(&self, _: &Context, pdf: &std::path::Path) -> Result<Option<String>, Error> {
        let view = FollowUpView::build(&self.loaded, &self.figures)?;
        render::html::styled_document("uppfoljning.html.j2", view, &self.loaded.plan.plan.look, pdf).map(Some)
    }

    fn inputs(&self) -> Vec<std::path::PathBuf> {
        vec![self.loaded.file.clone()]
    }

    fn sources(&self) -> Vec<(std::path::PathBuf, String)> {
        vec![(self.loaded.file.clone(), self.loaded.source.clone())]
    }
}
