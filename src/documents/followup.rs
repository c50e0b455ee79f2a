//! A follow-up of the plan — tertialrapport, delårsrapport or årsredovisning — as a document
//! kind through the same pipeline as the plan: the pipeline reads the adopted plan (for its
//! folder, look and checks), and this kind renders the follow-up it was made with.

use super::Document;
use crate::compute::Computed;
use crate::compute::followup::FollowUpFigures;
use crate::error::Error;
use crate::followup::LoadedFollowUp;
use crate::plan::Loaded;
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
    fn identity(&self) -> &'static str {
        match self.loaded.followup.kind {
            crate::followup::ReportKind::Tertial => ":tertialrapport",
            crate::followup::ReportKind::Interim => ":delårsrapport",
            crate::followup::ReportKind::Annual => ":årsredovisning",
        }
    }

    fn render(&self, _: &Loaded, _: &Computed) -> Result<Rendered, Error> {
        let view = FollowUpView::build(&self.loaded, &self.figures)?;
        render::document("uppfoljning.typ.j2", view, &self.loaded.plan.plan.look)
    }
}
