//! Checks `avsnitt`: heading levels, blocks, tables, images, and that every generated block a
//! section places has something to show.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use super::{Check, Placed, join_years, valid_identifier};
use crate::error::Diagnostic;
use crate::plan::{Block, Image, MAX_SECTION_DEPTH, Plan, Section, Table, position};

impl Check<'_> {
    pub(super) fn section(&mut self, section: &Section, depth: usize, placed: &mut Placed) {
        self.sections += 1;
        if self.sections == super::MAX_SECTIONS + 1 {
            self.errors.push(
                Diagnostic::new(format!("planen har fler än {} avsnitt", super::MAX_SECTIONS))
                    .at(position(&section.heading.referenced, section.heading.value.chars().count()))
                    .note("varje avsnitt kostar minne när dokumentet sätts")
                    .hint("slå ihop avsnitt, eller dela upp planen i flera dokument"),
            );
        }
        if depth > MAX_SECTION_DEPTH {
            self.errors.push(
                Diagnostic::new(format!("avsnittet `{}` ligger på nivå {depth}", section.heading.value))
                    .at(position(&section.heading.referenced, section.heading.value.chars().count()))
                    .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer (1, 1.1, 1.1.1)"))
                    .hint("flytta avsnittet en nivå upp, eller gör det till fetstil i texten ovanför"),
            );
        }
        if section.heading.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("avsnittet har en tom rubrik")
                    .at(position(&section.heading.referenced, 1))
                    .hint("skriv rubrikens text efter `rubrik:`"),
            );
        }
        for block in &section.blocks {
            self.block(block, depth, placed, false);
        }
        for child in &section.sections {
            self.section(child, depth + 1, placed);
        }
    }

    pub(super) fn block(
        &mut self,
        block: &Spanned<Block>,
        depth: usize,
        placed: &mut Placed,
        in_goal_area: bool,
    ) {
        let at = position(&block.referenced, 1);
        match &block.value {
            Block::Image(image) => self.image(image),
            Block::Table(table) => self.table(table),
            Block::GoalAreas(_) | Block::Budget(_) | Block::Contributions | Block::EquityHistory
                if in_goal_area =>
            {
                self.errors.push(
                    Diagnostic::new("ett målområde kan inte innehålla genererade block")
                        .at(at)
                        .hint("placera `målområden` och `budget` i ett avsnitts `innehåll:`"),
                )
            }
            Block::GoalAreas(selection) => {
                if depth >= MAX_SECTION_DEPTH {
                    self.errors.push(
                        Diagnostic::new(format!("målområdena hamnar på nivå {} här", depth + 1))
                            .at(at)
                            .note(format!("rubriker kan ha högst {MAX_SECTION_DEPTH} nivåer"))
                            .hint("placera `målområden` i ett avsnitt på nivå 1 eller 2"),
                    );
                }
                // Målområden may be shown in several places, each a selection by id.
                placed.goal_areas.get_or_insert(at);
                if let Some(ids) = selection {
                    let at_ids = position(&ids.referenced, 1);
                    placed.goal_ids.extend(ids.value.iter().map(|id| (id.clone(), at_ids)));
                }
            }
            Block::Budget(extract) => placed.budgets.push((
                at,
                extract.years.as_ref().map(|y| (y.value.clone(), position(&y.referenced, 1))),
                extract.column_headings.as_ref().map(|h| (h.value.len(), position(&h.referenced, 1))),
            )),
            Block::Contributions => placed.contributions.push(at),
            Block::EquityHistory => placed.history.push(at),
            Block::Text(_) | Block::PageBreak => {}
        }
    }

    pub(super) fn placement(&mut self, plan: &Plan, placed: &Placed) {
        match &plan.budget {
            None => {
                for (at, _, _) in &placed.budgets {
                    self.errors.push(
                        Diagnostic::new("avsnittet visar budgeten, men planen har ingen `budget:`")
                            .at(*at)
                            .hint("lägg till `budget:` i planen, eller ta bort `- budget`"),
                    );
                }
            }
            Some(budget) => {
                for (_, years, headings) in &placed.budgets {
                    let shown = years.as_ref().map_or(budget.years.value.len(), |(y, _)| y.len());
                    if let Some((years, at)) = years
                        && let Some(missing) = years.iter().find(|y| !budget.years.value.contains(y))
                    {
                        self.errors.push(
                            Diagnostic::new(format!("budgeten har inget år {missing}"))
                                .at(*at)
                                .note(format!("budgetens år: {}", join_years(&budget.years.value)))
                                .hint("välj bland budgetens år"),
                        );
                    }
                    if let Some((count, at)) = headings
                        && *count != shown
                    {
                        self.errors.push(
                            Diagnostic::new(format!("{count} kolumnrubriker men {shown} år"))
                                .at(*at)
                                .hint("ge en kolumnrubrik per år som visas"),
                        );
                    }
                }
            }
        }
        for (defined, places, name) in [
            (!plan.contributions.is_empty(), &placed.contributions, "medlemsbidrag"),
            (plan.equity_history.is_some(), &placed.history, "eget_kapital_historik"),
        ] {
            if !defined {
                for at in places {
                    self.errors.push(
                        Diagnostic::new(format!("avsnittet visar `{name}`, men planen har inget `{name}:`"))
                            .at(*at)
                            .hint(format!("lägg till `{name}:` i planen, eller ta bort `- {name}`")),
                    );
                }
            }
        }
        let known: Vec<&str> =
            plan.goal_areas.iter().filter_map(|a| a.id.as_ref().map(|id| id.value.as_str())).collect();
        for (id, at) in &placed.goal_ids {
            if !plan.goal_areas.is_empty() && !known.contains(&id.as_str()) {
                let d = Diagnostic::new(format!("det finns inget målområde med `id: {id}`")).at(*at);
                self.errors.push(if known.is_empty() {
                    d.hint("ge målområdena som ska visas här ett `id:`, och lista dem i blocket: `- målområden: [individ]`")
                } else {
                    d.note(format!("målområdenas id: {}", known.join(", ")))
                        .hint("välj bland målområdenas id, eller skriv bara `- målområden` för alla")
                });
            }
        }
        if let (true, Some(at)) = (plan.goal_areas.is_empty(), placed.goal_areas) {
            self.errors.push(
                Diagnostic::new("avsnittet visar målområdena, men planen har inga `målområden:`")
                    .at(at)
                    .hint("lägg till `målområden:` i planen, eller ta bort `- målområden`"),
            );
        }
    }

    pub(super) fn identifier(&mut self, id: &Spanned<String>, seen: &mut HashSet<String>) {
        let valid = valid_identifier(&id.value);
        let at = position(&id.referenced, id.value.chars().count());
        if !valid {
            self.errors.push(
                Diagnostic::new(format!("`{}` är inget giltigt id", id.value))
                    .at(at)
                    .hint("ett id består av bokstäver, siffror, - och _, till exempel `individ`"),
            );
        } else if !seen.insert(id.value.clone()) {
            self.errors.push(
                Diagnostic::new(format!("id `{}` används mer än en gång", id.value))
                    .at(at)
                    .hint("ge varje målområde ett eget id"),
            );
        }
    }

    pub(super) fn table(&mut self, table: &Table) {
        let columns = table.columns.len();
        if columns == 0 {
            self.errors.push(
                Diagnostic::new("tabellen har inga kolumner")
                    .hint("lista kolumnerna under `kolumner:` med `rubrik:`"),
            );
        }
        for column in &table.columns {
            if column.width.value == 0 {
                self.errors.push(
                    Diagnostic::new("en kolumn kan inte ha bredden 0")
                        .at(position(&column.width.referenced, 1))
                        .hint("ange en relativ bredd från 1 och uppåt, till exempel `bredd: 2`"),
                );
            }
        }
        for row in &table.rows {
            if row.value.len() != columns {
                self.errors.push(
                    Diagnostic::new(format!(
                        "raden har {} men tabellen har {columns} kolumner",
                        crate::swedish::count(row.value.len(), "cell", "celler")
                    ))
                    .at(position(&row.referenced, 1))
                    .hint("ge varje rad en cell per kolumn; skriv \"\" för en tom cell"),
                );
            }
        }
    }

    pub(super) fn image(&mut self, image: &Image) {
        self.image_file(&image.file);
        if image.alt.value.trim().is_empty() {
            self.errors.push(
                Diagnostic::new("bilden har en tom alternativtext")
                    .at(position(&image.alt.referenced, 1))
                    .hint("beskriv med några ord vad bilden visar, för den som inte kan se den"),
            );
        }
        if let Some(width) = &image.width
            && !(1..=100).contains(&width.value)
        {
            self.errors.push(
                Diagnostic::new(format!("bredden {} % går inte", width.value))
                    .at(position(&width.referenced, 1))
                    .hint("ange bredden i procent av textbredden, 1–100"),
            );
        }
    }
}
