//! Checks `kontroller`, the budget lines that name a row of `medlemsbidrag`, and
//! `förslag_till_beslut`: names that exist, one of `värde` and `rad`, years in the budget.

use chrono::NaiveDate;

use super::Check;
use crate::compute::contributions;
use crate::error::Diagnostic;
use crate::plan::{BudgetPlan, Decision, Line, Plan, RULE_NAMES, position};

impl Check<'_> {
    pub(super) fn checks(&mut self, plan: &Plan) {
        let checks = &plan.checks;
        for name in &checks.off {
            if !RULE_NAMES.contains(&name.value.as_str()) {
                self.errors.push(
                    Diagnostic::new(format!("`{}` är ingen kontroll i vplan", name.value))
                        .at(position(&name.referenced, name.value.chars().count()))
                        .note(format!("kontrollerna: {}", RULE_NAMES.join(", ")))
                        .hint("skriv kontrollens namn som i listan"),
                );
            }
        }
        for limit in [&checks.equity_max, &checks.administration_max].into_iter().flatten() {
            let value = limit.value.0;
            if value.is_sign_negative() || value > rust_decimal::Decimal::ONE_HUNDRED {
                self.errors.push(
                    Diagnostic::new(format!("andelen {} % är inte mellan 0 och 100", value.normalize()))
                        .at(position(&limit.referenced, 1))
                        .hint("ange andelen i procent, till exempel 20"),
                );
            }
        }
        let years = plan.budget.as_ref().map(|b| b.years.value.clone()).unwrap_or_default();
        self.controls(plan, &years);
        if let Some(budget) = &plan.budget {
            self.contribution_lines(plan, budget, &years);
        }
        if let Some(decision) = &plan.decision {
            self.decision(decision);
        }
    }

    /// `kontroller.kontrolltal`: a year of the budget, and one of `värde` and a budget line that
    /// exists.
    fn controls(&mut self, plan: &Plan, years: &[i32]) {
        let checks = &plan.checks;
        let mut labels = Vec::new();
        if let Some(budget) = &plan.budget {
            for line in budget.income.lines.iter().chain(&budget.costs.lines) {
                collect_labels(line, &mut labels);
            }
        }
        for control in &checks.controls {
            let at = position(&control.year.referenced, 4);
            if !years.contains(&control.year.value) {
                self.errors.push(
                    Diagnostic::new(format!(
                        "kontrolltalet gäller {}, som inte är ett år i budgeten",
                        control.year.value
                    ))
                    .at(at)
                    .hint(format!(
                        "ange ett av budgetens år: {}",
                        years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            match (&control.figure, &control.line) {
                (Some(_), None) => {}
                (None, Some(line)) => {
                    if !labels.contains(&line.value.as_str()) {
                        self.errors.push(
                            Diagnostic::new(format!("budgeten har ingen rad `{}`", line.value))
                                .at(position(&line.referenced, line.value.chars().count()))
                                .hint("skriv radens `namn` som i budgeten"),
                        );
                    }
                }
                _ => self.errors.push(
                    Diagnostic::new("ett kontrolltal behöver antingen `värde` eller `rad`").at(at).hint(
                        "skriv `värde: resultat` för en uträknad siffra, eller `rad: Navet` för en budgetrad",
                    ),
                ),
            }
        }
    }

    /// The budget lines that take their amount from `medlemsbidrag` or stand for members:
    /// income lines (also in groups) naming what exists, no two taking the same member's.
    fn contribution_lines(&mut self, plan: &Plan, budget: &BudgetPlan, years: &[i32]) {
        for line in &budget.costs.lines {
            self.no_contribution(line);
        }
        let mut links = Vec::new();
        for line in &budget.income.lines {
            self.income_link(plan, years, line, &mut links);
        }
        self.overlapping_links(plan, years, &links);
    }

    /// `förslag_till_beslut`: at least one att-sats, and a valid date.
    fn decision(&mut self, decision: &Decision) {
        if decision.clauses.value.is_empty() {
            self.errors.push(
                Diagnostic::new("förslaget till beslut har inga att-satser")
                    .at(position(&decision.clauses.referenced, 1))
                    .hint("skriv minst en att-sats under `att:`"),
            );
        }
        if let Some(date) = &decision.date
            && NaiveDate::parse_from_str(date.value.trim(), "%Y-%m-%d").is_err()
        {
            self.errors.push(
                Diagnostic::new(format!("`{}` är inget datum", date.value))
                    .at(position(&date.referenced, date.value.chars().count()))
                    .hint("skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-11-20"),
            );
        }
    }

    /// A cost line cannot take its amount from the contributions, nor stand for members.
    fn no_contribution(&mut self, line: &Line) {
        if let Some(link) = &line.contribution {
            self.errors.push(
                Diagnostic::new("bara en intäktsrad kan hämta sitt belopp ur `medlemsbidrag`")
                    .at(position(&link.referenced, link.value.written().chars().count()))
                    .hint("ange `medlemsbidrag:` på en rad under `intäkter: rader:` (direkt eller i en grupp där)"),
            );
        }
        if let Some(parties) = &line.parties {
            self.errors.push(
                Diagnostic::new("bara en intäktsrad kan stå för medlemmar (`parter`)")
                    .at(position(&parties.referenced, 1))
                    .hint("ta bort `parter:` från kostnadsraden"),
            );
        }
        if let Some(lines) = &line.lines {
            lines.iter().for_each(|l| self.no_contribution(l));
        }
    }

    /// Checks an income line's (and its group's lines') `medlemsbidrag` and `parter`, and
    /// collects the links for [`Self::overlapping_links`].
    fn income_link<'p>(&mut self, plan: &Plan, years: &[i32], line: &'p Line, links: &mut Vec<&'p Line>) {
        for child in line.lines.iter().flatten() {
            self.income_link(plan, years, child, links);
        }
        if let (Some(link), Some(parties)) = (&line.contribution, &line.parties) {
            self.errors.push(
                Diagnostic::new("raden har både `medlemsbidrag` och `parter`")
                    .at(position(&parties.referenced, 1))
                    .note(format!(
                        "`medlemsbidrag: {}` säger redan vilka medlemmar raden står för",
                        link.value.written()
                    ))
                    .hint("ta bort `parter:`, eller skriv namnen i `medlemsbidrag:` som en lista"),
            );
        }
        if let Some(parties) = &line.parties {
            let rows = named_rows(plan);
            for name in &parties.value {
                let known = plan.association.members.value.iter().any(|m| m.name == *name)
                    || !contributions::rows_named(
                        &rows.iter().map(NamedRowOwned::view).collect::<Vec<_>>(),
                        name,
                    )
                    .is_empty()
                    || contributions::Party::named(name).is_some();
                if !known {
                    self.errors.push(
                        Diagnostic::new(format!("`{name}` i `parter` är ingen medlem och ingen rad i medlemsbidragen"))
                            .at(position(&parties.referenced, 1))
                            .note(format!(
                                "medlemmar: {}",
                                plan.association.members.value.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")
                            ))
                            .hint("skriv medlemmens namn som under `förbund: medlemmar:`, eller `kommunerna`, `regionen` eller `staten`"),
                    );
                }
            }
        }
        let Some(link) = &line.contribution else { return };
        let written = link.value.written();
        let at = position(&link.referenced, written.chars().count());
        if line.lines.is_some() {
            self.errors.push(
                Diagnostic::new("en grupp kan inte hämta sitt belopp ur `medlemsbidrag`")
                    .at(at)
                    .hint("ange `medlemsbidrag:` på raderna i gruppen; gruppen summerar dem"),
            );
            return;
        }
        if plan.contributions.is_empty() {
            self.errors.push(
                Diagnostic::new(
                    "raden hämtar sitt belopp ur `medlemsbidrag`, men planen har inga medlemsbidrag",
                )
                .at(at)
                .hint(
                    "lägg till `medlemsbidrag:` med raderna, eller ta bort `medlemsbidrag:` från budgetraden",
                ),
            );
            return;
        }
        let in_budget: Vec<usize> =
            (0..plan.contributions.len()).filter(|i| years.contains(&plan.contributions[*i].year)).collect();
        if in_budget.is_empty() {
            self.errors.push(
                Diagnostic::new(format!(
                    "medlemsbidragen gäller {}, som inte är ett år i budgeten",
                    plan.contributions.iter().map(|t| t.year.to_string()).collect::<Vec<_>>().join(", ")
                ))
                .at(at)
                .hint("ge medlemsbidragen ett av budgetens år, eller skriv beloppet på budgetraden"),
            );
            return;
        }
        let rows = named_rows(plan);
        let in_year: Vec<&NamedRowOwned> = rows.iter().filter(|r| in_budget.contains(&r.table)).collect();
        let views: Vec<contributions::NamedRow> = in_year.iter().map(|r| r.view()).collect();
        for name in &link.value.0 {
            let found = contributions::rows_named(&views, name);
            if found.is_empty() {
                let names: Vec<&str> = in_year.iter().map(|r| r.name.as_str()).collect();
                self.errors.push(
                    Diagnostic::new(format!("`medlemsbidrag` har ingen rad `{name}`"))
                        .at(at)
                        .note(format!("raderna: {}", names.join(", ")))
                        .hint("skriv radens `namn` som i `medlemsbidrag`, `summa` för hela summan eller `kommunerna`, `regionen` eller `staten`"),
                );
            } else if let Some(row) = found
                .iter()
                .map(|i| in_year[*i])
                .find(|r| r.members.len() > 1 && r.name != *name && r.members.iter().any(|m| m == name))
            {
                self.errors.push(
                    Diagnostic::new(format!(
                        "`{name}` betalar på raden ”{}” i medlemsbidragen tillsammans med {}",
                        row.name,
                        row.members.iter().filter(|m| *m != name).cloned().collect::<Vec<_>>().join(", ")
                    ))
                    .at(at)
                    .note("raden hade då hämtat hela radens belopp, också de andras del")
                    .hint(format!(
                        "hänvisa till hela raden, `medlemsbidrag: {}`, eller skriv beloppet på budgetraden",
                        row.name
                    )),
                );
            }
        }
        links.push(line);
    }

    /// Two income lines that take the same member's contribution would count it twice: an
    /// error at the later one, naming both.
    fn overlapping_links(&mut self, plan: &Plan, years: &[i32], links: &[&Line]) {
        let rows = named_rows(plan);
        let in_year: Vec<&NamedRowOwned> =
            rows.iter().filter(|r| years.contains(&plan.contributions[r.table].year)).collect();
        let views: Vec<contributions::NamedRow> = in_year.iter().map(|r| r.view()).collect();
        let chosen: Vec<Vec<bool>> = links
            .iter()
            .map(|line| {
                let mut chosen = vec![false; views.len()];
                for name in line.contribution.iter().flat_map(|l| &l.value.0) {
                    for i in contributions::rows_named(&views, name) {
                        chosen[i] = true;
                    }
                }
                chosen
            })
            .collect();
        for (later, line) in links.iter().enumerate() {
            let Some(earlier) =
                (0..later).find(|e| chosen[*e].iter().zip(&chosen[later]).any(|(a, b)| *a && *b))
            else {
                continue;
            };
            let shared: Vec<&str> = chosen[earlier]
                .iter()
                .zip(&chosen[later])
                .zip(&in_year)
                .filter(|((a, b), _)| **a && **b)
                .map(|(_, r)| r.name.as_str())
                .collect();
            let (Some(link), Some(first)) = (&line.contribution, &links[earlier].contribution) else {
                continue;
            };
            let first_line = position(&first.referenced, 1).map(|p| p.line).unwrap_or_default();
            self.errors.push(
                Diagnostic::new(format!(
                    "raderna ”{}” (`medlemsbidrag: {}`) och ”{}” (`medlemsbidrag: {}`) hämtar båda {}",
                    label_of(links[earlier]),
                    first.value.written(),
                    label_of(line),
                    link.value.written(),
                    shared.join(", ")
                ))
                .at(position(&link.referenced, link.value.written().chars().count()))
                .note(format!("den första står på rad {first_line}; tillsammans skulle de räkna samma kronor två gånger"))
                .hint("låt varje medlems bidrag hämtas av en rad: ta bort den ena hänvisningen, eller hänvisa till olika rader"),
            );
        }
    }
}

/// Every line's and group's label.
fn collect_labels<'a>(line: &'a Line, labels: &mut Vec<&'a str>) {
    if let Some(label) = line.label() {
        labels.push(label);
    }
    for child in line.lines.iter().flatten() {
        collect_labels(child, labels);
    }
}

/// A line's label as the table shows it: its name, or for an `insats:` line its id.
fn label_of(line: &Line) -> String {
    line.label()
        .map(str::to_owned)
        .or_else(|| line.action.as_ref().map(|a| a.value.clone()))
        .unwrap_or_default()
}

/// A row of a contribution table as budget lines can name it, owned.
struct NamedRowOwned {
    /// The table's index in `medlemsbidrag`.
    table: usize,
    name: String,
    members: Vec<String>,
    party: Option<contributions::Party>,
}

impl NamedRowOwned {
    fn view(&self) -> contributions::NamedRow<'_> {
        contributions::NamedRow { name: &self.name, members: &self.members, party: self.party }
    }
}

/// Every row of every contribution table, in order.
fn named_rows(plan: &Plan) -> Vec<NamedRowOwned> {
    let members = &plan.association.members.value;
    plan.contributions
        .iter()
        .enumerate()
        .flat_map(|(table, t)| {
            t.rows.value.iter().map(move |row| {
                let row_members = row.members.clone().unwrap_or_else(|| vec![row.name.value.clone()]);
                NamedRowOwned {
                    table,
                    name: row.name.value.clone(),
                    party: contributions::row_party(&row_members, members),
                    members: row_members,
                }
            })
        })
        .collect()
}
