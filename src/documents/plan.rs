//! The verksamhetsplan itself.

use std::path::Path;

use super::{About, Context, Document};
use crate::error::Error;
use crate::render::{self, Rendered, html};

/// The plan as the styrelse adopts it: cover, contents, sections, budget; on the web as one
/// page and a short summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanDocument;

impl Document for PlanDocument {
    fn about(&self, context: &Context) -> About {
        let plan = &context.plan.plan;
        About {
            identifier: format!("vplan:{}:{}", plan.association.name, plan.year()),
            date: context.plan.date,
        }
    }

    fn typst(&self, context: &Context) -> Result<Rendered, Error> {
        render::render(context.plan, context.computed)
    }

    fn html_page(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        html::page(context.plan, context.computed, pdf).map(Some)
    }

    fn html_summary(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        html::summary(context.plan, context.computed, pdf).map(Some)
    }
}
