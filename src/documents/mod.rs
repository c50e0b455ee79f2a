//! The kinds of document vplan makes from a plan, each through the same
//! [`crate::pipeline::Pipeline`]: the plan itself ([`PlanDocument`]) and the appendix of
//! changes from an older plan ([`ChangesDocument`]).
//!
//! In: a checked plan and its computed figures. Out: the document's Typst source. A kind says
//! only what is its own — how it is rendered and how its PDF is told apart from the plan's —
//! and gets every stage, output, standard, timing and check of the pipeline with it. A new
//! kind (a follow-up report from the same YAML, say) is a new file here with its templates and
//! its view in [`crate::render`].

mod changes;
mod followup;
mod plan;

pub use changes::ChangesDocument;
pub use followup::FollowUpDocument;
pub use plan::PlanDocument;

use crate::compute::Computed;
use crate::error::Error;
use crate::plan::Loaded;
use crate::render::Rendered;

/// A kind of document made from a plan.
pub trait Document: Sync {
    /// What tells this document's PDF identity apart from the plan's: empty for the plan.
    fn identity(&self) -> &'static str;

    /// The document's Typst source, from the checked plan and its figures.
    fn render(&self, loaded: &Loaded, computed: &Computed) -> Result<Rendered, Error>;
}
