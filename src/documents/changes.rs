//! The appendix "Förändringar jämfört med föregående plan" (`vplan diff --pdf`).

use super::Document;
use crate::budget::Computed;
use crate::compare;
use crate::error::Error;
use crate::plan::Loaded;
use crate::render::{self, Rendered};

/// What changed from an older plan to the plan the pipeline reads, dated, attributed and
/// styled like the newer plan.
pub struct ChangesDocument {
    /// The older plan.
    pub old: Loaded,
    /// Its computed figures (prose is compared with its figures filled in).
    pub computed: Computed,
}

impl ChangesDocument {
    /// The comparison of the older plan with `new`.
    pub fn changes(&self, new: &Loaded, computed: &Computed) -> compare::Changes {
        let name = |l: &Loaded| l.file.display().to_string();
        compare::compare(
            (&self.old.plan, &self.computed),
            (&new.plan, computed),
            &name(&self.old),
            &name(new),
        )
    }
}

impl Document for ChangesDocument {
    fn identity(&self) -> &'static str {
        ":förändringar"
    }

    fn render(&self, loaded: &Loaded, computed: &Computed) -> Result<Rendered, Error> {
        render::changes(loaded, &self.changes(loaded, computed))
    }
}
