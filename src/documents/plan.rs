//! The verksamhetsplan itself.

use super::Document;
use crate::compute::Computed;
use crate::error::Error;
use crate::plan::Loaded;
use crate::render::{self, Rendered};

/// The plan as the styrelse adopts it: cover, contents, sections, budget.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanDocument;

impl Document for PlanDocument {
    fn identity(&self) -> &'static str {
        ""
    }

    fn render(&self, loaded: &Loaded, computed: &Computed) -> Result<Rendered, Error> {
        render::render(loaded, computed)
    }
}
