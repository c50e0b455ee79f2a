//! Checks `kontroller`, the budget lines that name a row of `medlemsbidrag`, and
//! `förslag_till_beslut`: names that exist, one of `värde` and `rad`, years in the budget.

use chrono::NaiveDate;

use super::Check;
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

    /// The budget lines that take their amount from `medlemsbidrag`: income lines directly
    /// under `intäkter`, naming a row (or `summa`) of a table for a year of the budget.
    fn contribution_lines(&mut self, plan: &Plan, budget: &BudgetPlan, years: &[i32]) {
        for line in &budget.costs.lines {
            self.no_contribution(line);
        }
        for line in &budget.income.lines {
            if let Some(lines) = &line.lines {
                lines.iter().for_each(|l| self.no_contribution(l));
            }
            let Some(name) = &line.contribution else { continue };
            let at = position(&name.referenced, name.value.chars().count());
            if plan.contributions.is_empty() {
                self.errors.push(
                    Diagnostic::new("raden hämtar sitt belopp ur `medlemsbidrag`, men planen har inga medlemsbidrag")
                        .at(at)
                        .hint("lägg till `medlemsbidrag:` med raderna, eller ta bort `medlemsbidrag:` från budgetraden"),
                );
                continue;
            }
            let in_budget: Vec<&crate::plan::Contributions> =
                plan.contributions.iter().filter(|t| years.contains(&t.year)).collect();
            if in_budget.is_empty() {
                self.errors.push(
                    Diagnostic::new(format!(
                        "medlemsbidragen gäller {}, som inte är ett år i budgeten",
                        plan.contributions.iter().map(|t| t.year.to_string()).collect::<Vec<_>>().join(", ")
                    ))
                    .at(at)
                    .hint("ge medlemsbidragen ett av budgetens år, eller skriv beloppet på budgetraden"),
                );
            } else if name.value != "summa"
                && !in_budget.iter().any(|t| t.rows.value.iter().any(|r| r.name.value == name.value))
            {
                let rows: Vec<&str> = in_budget
                    .iter()
                    .flat_map(|t| t.rows.value.iter())
                    .map(|r| r.name.value.as_str())
                    .collect();
                self.errors.push(
                    Diagnostic::new(format!("`medlemsbidrag` har ingen rad `{}`", name.value))
                        .at(at)
                        .note(format!("raderna: {}", rows.join(", ")))
                        .hint("skriv radens `namn` som i `medlemsbidrag`, eller `summa` för hela summan"),
                );
            }
            if line.lines.is_some() {
                self.errors.push(
                    Diagnostic::new("en grupp kan inte hämta sitt belopp ur `medlemsbidrag`")
                        .at(at)
                        .hint("ange `medlemsbidrag:` på en rad i gruppen"),
                );
            }
        }
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

    /// A cost line, or a line inside a group, cannot take its amount from the contributions.
    fn no_contribution(&mut self, line: &Line) {
        if let Some(name) = &line.contribution {
            self.errors.push(
                Diagnostic::new("bara en intäktsrad kan hämta sitt belopp ur `medlemsbidrag`")
                    .at(position(&name.referenced, name.value.chars().count()))
                    .hint("ange `medlemsbidrag:` på en rad direkt under `intäkter: rader:`"),
            );
        }
        if let Some(lines) = &line.lines {
            lines.iter().for_each(|l| self.no_contribution(l));
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
