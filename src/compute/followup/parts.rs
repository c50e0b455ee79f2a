//! The follow-up's parts beside the budget rows: member income against the contributions
//! table, the insatser, the verksamhetsmål and the typed resultaträkning and balansräkning.

#[allow(unused_imports)]
use super::*;
use crate::followup::{LineSlot, LoadedFollowUp, StatementGroup};
use crate::plan::Plan;
use rust_decimal::Decimal;

/// The income lines that stand for the members (named like a row or member of the year's
/// contributions table, "Medlemsbidrag…"/"Medlemsavgift…", or linked with `medlemsbidrag:`),
/// against the table.
pub(super) fn member_income(
    plan: &Plan,
    tables: &[crate::compute::ContributionTable],
    lines: &[LineSlot],
    leaf: &[Triple],
    year: i32,
    kr_to_unit: Decimal,
) -> Option<MemberIncomeFigures> {
    let tables: Vec<_> = tables.iter().filter(|t| t.year == year).collect();
    if tables.is_empty() || plan.budget.is_none() {
        return None;
    }
    let names: Vec<String> = tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| std::iter::once(r.name.clone()).chain(r.members.iter().cloned()))
        .map(|n| n.to_lowercase())
        .collect();
    let mut figures = Triple::default();
    let mut counted = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.group || line.part != Part::Income {
            continue;
        }
        let label = line.label().to_lowercase();
        if line.contribution.is_some()
            || names.contains(&label)
            || label.starts_with("medlemsbidrag")
            || label.starts_with("medlemsavgift")
        {
            figures.add(leaf[i]);
            counted.push(line.label().to_owned());
        }
    }
    if counted.is_empty() {
        return None;
    }
    let table = tables.iter().map(|t| t.total).sum::<Decimal>() * kr_to_unit;
    Some(MemberIncomeFigures { table, figures, paid_percent: percent(figures.actual, table), lines: counted })
}

pub(super) fn actions(
    loaded: &LoadedFollowUp,
    leaf: &[Triple],
    actual_typed: &[bool],
    column: usize,
) -> Vec<ActionFigures> {
    let plan = &loaded.plan.plan;
    let lines = &loaded.resolved.lines;
    let mut out = Vec::new();
    for area in &plan.goal_areas {
        for action in &area.actions {
            let action = &action.value;
            let Some(id) = &action.id else { continue };
            let report = loaded.followup.actions.iter().find(|(k, _)| &k.value == id).map(|(_, r)| &r.value);
            let shown: Vec<usize> = (0..lines.len())
                .filter(|&i| !lines[i].group && lines[i].action.as_deref() == Some(id))
                .collect();
            let (budget, actual) = if shown.is_empty() {
                let own = action
                    .amounts
                    .as_ref()
                    .and_then(|a| a.get(column).cloned().flatten())
                    .map(|c| c.amount.0);
                (own, None)
            } else {
                let typed = shown.iter().any(|&i| actual_typed[i]);
                (
                    Some(shown.iter().map(|&i| leaf[i].budget).sum()),
                    typed.then(|| shown.iter().map(|&i| leaf[i].actual).sum()),
                )
            };
            out.push(ActionFigures {
                id: id.clone(),
                name: action.name.clone().unwrap_or_else(|| action.text.clone()),
                area: area.heading.value.clone(),
                reported: report.is_some(),
                participants: report.and_then(|r| r.participants),
                status: report.and_then(|r| r.status),
                comment: report.and_then(|r| r.comment.clone()),
                budget,
                actual,
            });
        }
    }
    out
}

pub(super) fn goals(loaded: &LoadedFollowUp) -> Vec<GoalFigures> {
    let plan = &loaded.plan.plan;
    loaded
        .resolved
        .goals
        .iter()
        .map(|g| {
            let area = &plan.goal_areas[g.area];
            let target = &area.targets[g.target];
            let report = loaded.followup.goals.iter().find(|(k, _)| k.value == g.id).map(|(_, r)| &r.value);
            GoalFigures {
                id: g.id.clone(),
                area: area.heading.value.clone(),
                goal: target.goal.clone(),
                target: target.value.clone(),
                outcome: report.and_then(|r| r.outcome.clone()),
                assessment: report.map(|r| r.assessment),
                comment: report.and_then(|r| r.comment.clone()),
            }
        })
        .collect()
}

pub(super) fn statement(groups: &[StatementGroup]) -> Statement {
    let mut out = Statement { groups: Vec::new(), total: Decimal::ZERO, total_previous: Some(Decimal::ZERO) };
    for group in groups {
        let lines: Vec<_> = group
            .lines
            .iter()
            .map(|l| {
                (l.label.clone(), l.note.clone(), l.amount.value.0, l.previous.as_ref().map(|p| p.value.0))
            })
            .collect();
        let total: Decimal = lines.iter().map(|l| l.2).sum();
        let total_previous: Option<Decimal> = lines.iter().map(|l| l.3).sum();
        out.total += total;
        out.total_previous = out.total_previous.zip(total_previous).map(|(a, b)| a + b);
        out.groups.push(StatementSum {
            heading: group.heading.clone(),
            total_label: group
                .total_label
                .clone()
                .unwrap_or_else(|| format!("Summa {}", group.heading.to_lowercase())),
            lines,
            total,
            total_previous,
        });
    }
    if groups.is_empty() {
        out.total_previous = None;
    }
    out
}
