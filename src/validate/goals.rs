//! Checks `målområden`: the insatser's ids, which budget lines name.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{Check, valid_identifier};
use crate::error::Diagnostic;
use crate::plan::{Action, Plan, position};

impl Check<'_> {
    /// The insatser with an id, for budget lines to name; checks that ids are unique.
    pub(super) fn actions<'p>(&mut self, plan: &'p Plan) -> HashMap<&'p str, &'p Spanned<Action>> {
        let mut actions = HashMap::new();
        for area in &plan.goal_areas {
            for action in &area.actions {
                let Some(id) = &action.value.id else { continue };
                if !valid_identifier(id) {
                    self.errors.push(
                        Diagnostic::new(format!("`{id}` är inget giltigt id"))
                            .at(position(&action.referenced, 1))
                            .hint("ett id består av bokstäver, siffror, - och _, till exempel `roa`"),
                    );
                } else if actions.insert(id.as_str(), action).is_some() {
                    self.errors.push(
                        Diagnostic::new(format!("insatsen `{id}` finns mer än en gång"))
                            .at(position(&action.referenced, 1))
                            .hint("ge varje insats ett eget id"),
                    );
                }
            }
        }
        actions
    }
}
