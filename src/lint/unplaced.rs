//! Rule `block-visas-inte`: the plan has a budget, medlemsbidrag, an eget kapital history or
//! målområden, but no section places the block that shows them.

use crate::compute::Computed;
use crate::error::Diagnostic;
use crate::plan::{Block, Loaded, Section, keys};

/// Warns, at the top-level key, about each part of the plan that no section shows.
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    let plan = &loaded.plan;
    let mut placed = Placed::default();
    for section in &plan.sections {
        placed.section(section);
    }
    let at = |key: &str| super::top_level_key(&loaded.source, key);
    let mut warnings = Vec::new();
    if plan.budget.is_some() && !placed.budget {
        warnings.push(
            Diagnostic::new("planen har en budget som inte visas")
                .at(at(keys::BUDGET))
                .hint("lägg `- budget` i `innehåll:` i det avsnitt där budgettabellen ska stå"),
        );
    }
    for (defined, shown, name) in [
        (!plan.contributions.is_empty(), placed.contributions, keys::CONTRIBUTIONS),
        (plan.equity_history.is_some(), placed.history, keys::EQUITY_HISTORY),
    ] {
        if defined && !shown {
            warnings.push(
                Diagnostic::new(format!("planen har `{name}:` som inte visas"))
                    .at(at(name))
                    .hint(format!("lägg `- {name}` i `innehåll:` i det avsnitt där tabellen ska stå")),
            );
        }
    }
    if !plan.goal_areas.is_empty() && !placed.goal_areas {
        warnings.push(
            Diagnostic::new("planen har målområden som inte visas")
                .at(at(keys::GOAL_AREAS))
                .hint("lägg `- målområden` i `innehåll:` i det avsnitt där de ska stå"),
        );
    } else if !placed.all_goal_areas {
        // Every placement names its målområden; say which are named nowhere.
        let unshown: Vec<&str> = plan
            .goal_areas
            .iter()
            .filter(|a| !a.id.as_ref().is_some_and(|id| placed.goal_ids.contains(&id.value)))
            .map(|a| a.heading.value.as_str())
            .collect();
        if !unshown.is_empty() {
            warnings.push(
                Diagnostic::new(format!("målområden som inte visas: {}", unshown.join(", ")))
                    .at(at(keys::GOAL_AREAS))
                    .hint("ge dem ett `id:` och lägg till det i ett `- målområden: [ … ]`"),
            );
        }
    }
    warnings
}

/// Which generated blocks some section places.
#[derive(Default)]
struct Placed {
    budget: bool,
    contributions: bool,
    history: bool,
    goal_areas: bool,
    /// Some `- målområden` shows them all.
    all_goal_areas: bool,
    /// The ids that `- målområden: [id, …]` blocks name.
    goal_ids: Vec<String>,
}

impl Placed {
    fn section(&mut self, section: &Section) {
        for block in &section.blocks {
            match block.value {
                Block::Budget(_) => self.budget = true,
                Block::Contributions => self.contributions = true,
                Block::EquityHistory => self.history = true,
                Block::GoalAreas(ref selection) => {
                    self.goal_areas = true;
                    match selection {
                        None => self.all_goal_areas = true,
                        Some(ids) => self.goal_ids.extend(ids.value.iter().cloned()),
                    }
                }
                Block::Text(_) | Block::Table(_) | Block::Image(_) | Block::PageBreak => {}
            }
        }
        for child in &section.sections {
            self.section(child);
        }
    }
}
