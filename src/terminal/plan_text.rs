//! `vplan text`: a plan as plain text with its computed figures, for `git diff`.

use std::fmt::Write as _;

use crate::compare::{facts, flatten, unmark};
use crate::compute::Computed;
use crate::plan::Plan;

use super::budget::{budget_lines, contribution_lines, history_lines};
use super::shown;

/// A plan as plain text with its computed figures, one fact per line, for `git diff` (the
/// textconv driver): a changed amount, total or sentence shows as a changed line.
pub fn plan_text(plan: &Plan, computed: &Computed) -> String {
    let mut out = String::new();
    let document = &plan.document;
    let title = document.year_in_title.title(&document.title, plan.year());
    let _ = writeln!(out, "{title} – {}", plan.association.name);
    for (key, value) in facts(plan) {
        if let Some(value) = value {
            let _ = writeln!(out, "{key}: {value}");
        }
    }
    for member in &plan.association.members.value {
        let _ = writeln!(out, "medlem: {}", member.name);
    }
    let mut flat = Vec::new();
    flatten(&plan.sections, &[], computed, &mut flat);
    for section in &flat {
        let _ = writeln!(out, "\n§ {}", section.path.join(" › "));
        for sentence in sentences(&unmark(&section.text)) {
            let _ = writeln!(out, "  {sentence}");
        }
    }
    for area in &plan.goal_areas {
        let _ = writeln!(out, "\nmålområde: {}", area.heading.value);
        for action in &area.actions {
            let _ = writeln!(out, "  insats: {}", action.value.text);
        }
        for target in &area.targets {
            let _ = writeln!(out, "  verksamhetsmål: {}: {}", target.goal, target.value);
        }
    }
    if let Some(budget) = &computed.budget {
        out.push_str(&budget_lines(budget));
    }
    for table in &computed.contributions {
        out.push_str(&contribution_lines(table));
    }
    if let Some(history) = &computed.history {
        out.push_str(&history_lines(history));
    }
    // Text from the plan must not act on the terminal git shows it in.
    shown(&out)
}

/// A text split after each sentence, so that one changed sentence is one changed line.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let next_starts_sentence = words.get(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase));
        if word.ends_with(['.', '!', '?', ':']) && next_starts_sentence {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
