//! Validation: the checks serde cannot express, split by the plan's top-level keys.
//!
//! In: a parsed [`Plan`] and its folder. Out: the parsed date and the files the plan names,
//! resolved ([`Validated`]), or every error found, each located. Validation reports errors
//! only: warnings on a valid plan are in [`crate::lint`], sums come from [`crate::compute`],
//! and files are looked at only through [`crate::files`].

mod association;
mod budget;
mod checks;
mod contributions;
mod document;
mod glyphs;
mod goals;
mod history;
mod look;
mod sections;
mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Position};
use crate::files::{self, FileProblem, ImageProblem};
use crate::plan::{MAX_SECTION_DEPTH, Plan, position};

/// What validation found out about a valid plan beyond the plan itself.
#[derive(Debug)]
pub struct Validated {
    /// The document date, parsed.
    pub date: NaiveDate,
    /// The predecessor plan's file (`föregående`), resolved inside the plan's folder.
    pub predecessor: Option<PathBuf>,
    /// The folder of the user's own Typst templates (`utseende.mallar`), canonical.
    pub templates: Option<PathBuf>,
}

pub use glyphs::text_errors;
pub use text::{MAX_MARKDOWN_NODES, MAX_SHORT_TEXT, MAX_TEXT_LINES};

/// Whether loading a plan checks the files it names (images, the predecessor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// They must exist in the plan's folder: for building and checking.
    Check,
    /// They are not looked at: for comparing plans, and for a plan from git or a temporary
    /// file whose folder is not the plan's.
    Skip,
}

/// Checks `plan`, whose files are looked up in `folder` (canonical) unless `files` says not
/// to; returns every error, sorted by place, when there is one.
pub fn validate(plan: &Plan, folder: &Path, files: Files) -> Result<Validated, Vec<Diagnostic>> {
    let mut check = Check {
        folder,
        errors: Vec::new(),
        used_actions: HashSet::new(),
        checked_actions: HashSet::new(),
        predecessor: None,
        files,
        templates: None,
        sections: 0,
    };
    let date = check.plan(plan);
    let Check { mut errors, predecessor, templates, .. } = check;
    match date {
        Some(date) if errors.is_empty() => Ok(Validated { date, predecessor, templates }),
        _ => {
            errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
            Err(errors)
        }
    }
}

/// The semantic checks that serde cannot express; collects every problem.
struct Check<'a> {
    folder: &'a Path,
    errors: Vec<Diagnostic>,
    /// Insatser named by a budget line so far.
    used_actions: HashSet<String>,
    /// Insatser whose amounts have been checked (each is reported once).
    checked_actions: HashSet<String>,
    /// The predecessor plan's file, resolved.
    predecessor: Option<PathBuf>,
    /// Whether files named in the plan are checked.
    files: Files,
    /// The checked folder of the user's own templates.
    templates: Option<PathBuf>,
    /// Sections seen so far.
    sections: usize,
}

/// The most sections (at every level) a plan may have: the 200-page plan of the benchmarks has
/// about 330, and each section costs the layout memory.
pub const MAX_SECTIONS: usize = 1500;

impl Check<'_> {
    /// Checks the whole plan; returns the parsed date when it is valid.
    fn plan(&mut self, plan: &Plan) -> Option<NaiveDate> {
        self.association(&plan.association);
        let date = self.document(&plan.document);
        self.look(&plan.look);
        let mut placed = Placed::default();
        for section in &plan.sections {
            self.section(section, 1, &mut placed);
        }
        let mut ids = HashSet::new();
        for area in &plan.goal_areas {
            if let Some(id) = &area.id {
                self.identifier(id, &mut ids);
            }
            for block in &area.blocks {
                self.block(block, MAX_SECTION_DEPTH, &mut placed, true);
            }
        }
        let actions = self.actions(plan);
        if let Some(budget) = &plan.budget {
            self.budget(budget, &actions);
            self.year_in_budget(plan);
            if let (Some(column), None) = (&budget.predecessor_column, &plan.predecessor) {
                self.errors.push(
                    Diagnostic::new("`föregående_kolumn` behöver en föregående plan")
                        .at(position(&column.referenced, column.value.chars().count()))
                        .hint("ange förra årets plan överst i planen, till exempel `föregående: nedansiljan-2026.yaml`"),
                );
            }
        }
        if let Some(name) = &plan.predecessor {
            self.predecessor = self.plan_file(name);
        }
        for contributions in plan.contributions.iter() {
            self.contributions(contributions, &plan.association.members.value);
        }
        if let Some(history) = &plan.equity_history {
            let years = plan.budget.as_ref().map(|b| b.years.value.as_slice()).unwrap_or_default();
            self.history(history, years);
        }
        self.checks(plan);
        self.placement(plan, &placed);
        date
    }

    /// Checks that an image file exists inside the plan's folder and is an image.
    pub(super) fn image_file(&mut self, file: &Spanned<String>) {
        if self.files == Files::Skip {
            return;
        }
        let at = position(&file.referenced, file.value.chars().count());
        match files::image_in_folder(self.folder, &file.value) {
            Ok(path) => {
                let links = files::svg_links_out(&path);
                if let Some(first) = links.first() {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "SVG-bilden `{}` hänvisar till `{first}`, utanför planens mapp",
                            file.value
                        ))
                        .at(at)
                        .note(format!("hänvisningar i bilden: {}", links.join(", ")))
                        .note("vplan hämtar inget från nätet och läser bara filer i planens mapp, så att en plan blir likadan på alla datorer")
                        .hint("spara den länkade bilden i planens mapp och hänvisa till den med en relativ sökväg, eller bädda in den i SVG-filen"),
                    );
                }
            }
            Err(ImageProblem::NotAnImage) => self.errors.push(
                Diagnostic::new(format!("filen `{}` är ingen bild vplan kan visa", file.value))
                    .at(at)
                    .note("vplan visar bilder i formaten PNG, JPEG, GIF, WebP och SVG")
                    .hint("spara bilden i något av de formaten, till exempel PNG"),
            ),
            Err(ImageProblem::TooBig(size)) => self.errors.push(
                Diagnostic::new(format!(
                    "bilden `{}` är för stor: {} MB",
                    file.value,
                    crate::swedish::amount(rust_decimal::Decimal::from(size / (1024 * 1024)))
                ))
                .at(at)
                .note(format!("en bild får vara högst {} MB", files::MAX_IMAGE_BYTES / (1024 * 1024)))
                .hint("spara bilden i lägre upplösning eller som JPEG"),
            ),
            Err(ImageProblem::TooManyPixels(width, height)) => self.errors.push(
                Diagnostic::new(format!(
                    "bilden `{}` är {} × {} bildpunkter, mer än vplan kan visa",
                    file.value,
                    crate::swedish::amount(rust_decimal::Decimal::from(width)),
                    crate::swedish::amount(rust_decimal::Decimal::from(height))
                ))
                .at(at)
                .note(format!(
                    "en bild får ha högst {} bildpunkter per sida och {} miljoner bildpunkter",
                    crate::swedish::amount(rust_decimal::Decimal::from(files::MAX_IMAGE_SIDE)),
                    files::MAX_IMAGE_PIXELS / 1_000_000
                ))
                .hint("förminska bilden; för en A4-sida räcker 3 000 bildpunkter på bredden"),
            ),
            Err(ImageProblem::NestedTooManyPixels(width, height)) => self.errors.push(
                Diagnostic::new(format!(
                    "SVG-bilden `{}` visar en bild på {} × {} bildpunkter, mer än vplan kan visa",
                    file.value,
                    crate::swedish::amount(rust_decimal::Decimal::from(width)),
                    crate::swedish::amount(rust_decimal::Decimal::from(height))
                ))
                .at(at)
                .note(format!(
                    "en bild, också inuti en SVG-bild, får ha högst {} bildpunkter per sida och {} miljoner bildpunkter",
                    crate::swedish::amount(rust_decimal::Decimal::from(files::MAX_IMAGE_SIDE)),
                    files::MAX_IMAGE_PIXELS / 1_000_000
                ))
                .hint("förminska bilden som SVG-bilden hänvisar till (`href`); för en A4-sida räcker 3 000 bildpunkter på bredden"),
            ),
            Err(ImageProblem::File(problem)) => {
                self.errors.push(Diagnostic::new(problem.message(&file.value)).at(at).hint(problem.hint()))
            }
        }
    }

    /// Resolves the file of another plan (`föregående`) inside the plan's folder.
    fn plan_file(&mut self, file: &Spanned<String>) -> Option<PathBuf> {
        if self.files == Files::Skip {
            return None;
        }
        let at = position(&file.referenced, file.value.chars().count());
        match files::resolve_in_folder(self.folder, &file.value) {
            Ok(path) => Some(path),
            Err(problem) => {
                let hint = match problem {
                    FileProblem::Missing | FileProblem::Folder => {
                        "ange förra årets planfil relativt den här, till exempel `nedansiljan-2026.yaml`"
                    }
                    FileProblem::Outside => "lägg förra årets plan i samma mapp som den här planen",
                };
                self.errors.push(Diagnostic::new(problem.message(&file.value)).at(at).hint(hint));
                None
            }
        }
    }
}

/// Whether `id` can name a målområde or an insats (and so be part of a figure's name).
fn valid_identifier(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A budget block's place, chosen years and their count of headings.
type BudgetPlace =
    (Option<Position>, Option<(Vec<i32>, Option<Position>)>, Option<(usize, Option<Position>)>);

/// Where the generated blocks were placed.
#[derive(Default)]
struct Placed {
    goal_areas: Option<Option<Position>>,
    /// The målområden named by `- målområden: [id, …]`, with the list's place.
    goal_ids: Vec<(String, Option<Position>)>,
    budgets: Vec<BudgetPlace>,
    contributions: Vec<Option<Position>>,
    history: Vec<Option<Position>>,
}

fn join_years(years: &[i32]) -> String {
    years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}
