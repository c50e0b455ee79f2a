//! The plan's budget lines as a `koppling:` names them: by `id`, by `Grupp/Rad`, or by a
//! name only one line has.

use rust_decimal::Decimal;

use crate::plan::{Line, Part, Plan};

/// A budget line of the plan, as a mapping can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// The line's name.
    pub name: String,
    /// Its `id`, if any.
    pub id: Option<String>,
    /// The group it belongs to, if any.
    pub group: Option<String>,
    /// Income or costs.
    pub part: Part,
    /// Its typed budget for the first budget year, if typed there.
    pub budget: Option<Decimal>,
}

impl PlanLine {
    /// `Grupp/Rad`, or the name alone.
    pub fn path(&self) -> String {
        match &self.group {
            Some(group) => format!("{group}/{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// The plan's budget lines (not groups), in table order, and the names of its groups.
pub fn plan_lines(plan: &Plan) -> (Vec<PlanLine>, Vec<String>) {
    let mut lines = Vec::new();
    let mut groups = Vec::new();
    if let Some(budget) = &plan.budget {
        for (part, group) in [(Part::Income, &budget.income), (Part::Costs, &budget.costs)] {
            collect(&group.lines, part, None, &mut lines, &mut groups);
        }
    }
    (lines, groups)
}

fn collect(
    lines: &[Line],
    part: Part,
    group: Option<&str>,
    out: &mut Vec<PlanLine>,
    groups: &mut Vec<String>,
) {
    for line in lines {
        let name = line.label().unwrap_or_default().to_owned();
        match &line.lines {
            Some(children) => {
                groups.push(name.clone());
                collect(children, part, Some(&name), out, groups);
            }
            None => out.push(PlanLine {
                name,
                id: line.id.clone(),
                group: group.map(str::to_owned),
                part,
                budget: line
                    .amounts
                    .as_ref()
                    .and_then(|a| a.value.first().cloned().flatten())
                    .map(|cell| cell.amount.0),
            }),
        }
    }
}

/// How a reference names a plan line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The line at this index.
    Line(usize),
    /// No line has that name, id or path; the nearest paths first.
    Unknown(Vec<String>),
    /// Several lines (or a group and a line) have the name: their paths.
    Ambiguous(Vec<String>),
    /// The name is a group's; its lines are mapped one by one.
    Group,
}

/// Finds the line `reference` names: its `id`, its `Grupp/Rad` path, or its name when only one
/// line (and no group) has it.
pub fn resolve(lines: &[PlanLine], groups: &[String], reference: &str) -> Resolved {
    let reference = reference.trim();
    if let Some(i) = lines.iter().position(|l| l.id.as_deref() == Some(reference)) {
        return Resolved::Line(i);
    }
    if let Some(i) = lines.iter().position(|l| l.group.is_some() && l.path() == reference) {
        return Resolved::Line(i);
    }
    let named: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].name == reference).collect();
    let group = groups.iter().any(|g| g == reference);
    match (named.as_slice(), group) {
        ([one], false) => Resolved::Line(*one),
        ([], true) => Resolved::Group,
        ([], false) => {
            let mut paths: Vec<(usize, String)> = lines
                .iter()
                .map(|l| (distance(&l.path(), reference).min(distance(&l.name, reference)), l.path()))
                .collect();
            paths.sort();
            Resolved::Unknown(paths.into_iter().map(|(_, p)| p).collect())
        }
        (many, _) => {
            let mut paths: Vec<String> = many.iter().map(|&i| lines[i].path()).collect();
            if group {
                paths.insert(0, format!("{reference} (gruppen)"));
            }
            Resolved::Ambiguous(paths)
        }
    }
}

/// Levenshtein distance in characters, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = (old + 1).min(row[j] + 1).min(previous + usize::from(ca != cb));
            previous = old;
        }
    }
    row[b.len()]
}
