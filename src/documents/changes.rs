//! The appendix "Förändringar jämfört med föregående plan" (`vplan diff --pdf`).

use serde::Serialize;

use std::path::{Path, PathBuf};

use super::{About, Context, Document};
use crate::compare;
use crate::compute::Computed;
use crate::error::Error;
use crate::plan::Loaded;
use crate::render::{self, Rendered, html, markdown};
use crate::swedish;
use crate::templates::TEMPLATE_ROOT;

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
    /// The plan's identifier with `:förändringar`, dated like the newer plan.
    fn about(&self, context: &Context) -> About {
        let plan = &context.plan.plan;
        About {
            identifier: format!("vplan:{}:{}:förändringar", plan.association.name, plan.year()),
            date: context.plan.date,
        }
    }

    fn typst(&self, context: &Context) -> Result<Rendered, Error> {
        let (loaded, computed) = (context.plan, context.computed);
        let view = ChangesView::build(loaded, &self.changes(loaded, computed));
        render::document("andringar.typ.j2", view, &loaded.plan.look)
    }

    /// The same comparison as one web page, linking to the PDF.
    fn html_page(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        let (loaded, computed) = (context.plan, context.computed);
        let view = ChangesView::build(loaded, &self.changes(loaded, computed));
        html::document("andringar.html.j2", view, pdf).map(Some)
    }

    fn inputs(&self) -> Vec<PathBuf> {
        vec![self.old.file.clone()]
    }

    fn sources(&self) -> Vec<(PathBuf, String)> {
        vec![(self.old.file.clone(), self.old.source.clone())]
    }
}

/// Everything the appendix template sees.
#[derive(Debug, Serialize)]
struct ChangesView {
    library: String,
    title: String,
    lead: String,
    association: String,
    date: [u32; 3],
    date_text: String,
    empty: bool,
    fields: Vec<[String; 3]>,
    members: Vec<[String; 3]>,
    budget_notes: Vec<String>,
    lines: Vec<[String; 6]>,
    totals: Vec<[String; 5]>,
    areas: Vec<AreaView>,
    history: Vec<[String; 4]>,
    sections: Vec<SectionView>,
}

#[derive(Debug, Serialize)]
struct AreaView {
    heading: String,
    note: Option<String>,
    items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
struct ItemView {
    label: String,
    segments: Vec<SegmentView>,
}

#[derive(Debug, Serialize)]
struct SectionView {
    path: String,
    note: Option<String>,
    segments: Vec<SegmentView>,
    items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
struct SegmentView {
    kind: &'static str,
    /// Typst markup, escaped once: strong and emphasised words set as in the plan.
    markup: minijinja::Value,
    /// The same as HTML, escaped once.
    html: minijinja::Value,
}

/// A word diff's segments as Typst, each in the style its text has in its own plan: the old
/// plan's for deleted words, the new plan's for inserted and kept words.
fn styled(segments: Vec<compare::Words>) -> Vec<SegmentView> {
    use crate::compute::ChangeKind;
    let (mut old, mut new) = (markdown::Style::default(), markdown::Style::default());
    let (mut old_html, mut new_html) = (markdown::Style::default(), markdown::Style::default());
    segments
        .into_iter()
        .map(|w| {
            let (kind, markup, page) = match w.kind {
                Some(ChangeKind::Removed) => (
                    "removed",
                    markdown::marked_to_typst(&w.text, &mut old),
                    html::markdown::marked(&w.text, &mut old_html),
                ),
                Some(_) => (
                    "added",
                    markdown::marked_to_typst(&w.text, &mut new),
                    html::markdown::marked(&w.text, &mut new_html),
                ),
                None => {
                    let _ = markdown::marked_to_typst(&w.text, &mut old);
                    let _ = html::markdown::marked(&w.text, &mut old_html);
                    (
                        "kept",
                        markdown::marked_to_typst(&w.text, &mut new),
                        html::markdown::marked(&w.text, &mut new_html),
                    )
                }
            };
            SegmentView {
                kind,
                markup: minijinja::Value::from_safe_string(markup),
                html: minijinja::Value::from_safe_string(page),
            }
        })
        .collect()
}

impl ChangesView {
    fn build(new: &Loaded, changes: &compare::Changes) -> Self {
        use crate::compute::ChangeKind;
        use chrono::Datelike;
        let plan = &new.plan;
        let amount =
            |v: Option<rust_decimal::Decimal>| v.map(swedish::amount).unwrap_or_else(|| "–".to_owned());
        let signed = |v: Option<rust_decimal::Decimal>| v.map(swedish::signed_amount).unwrap_or_default();
        let segments = |words: &[compare::Words]| styled(compare::segments(words));
        let (budget_notes, lines, totals) = budget_rows(changes, &amount, &signed);
        let areas = changes
            .goal_areas
            .iter()
            .map(|area| AreaView {
                heading: area.heading.clone(),
                note: match area.kind {
                    ChangeKind::Added => Some("Nytt målområde.".to_owned()),
                    ChangeKind::Removed => Some("Målområdet finns inte längre.".to_owned()),
                    ChangeKind::Changed => {
                        area.renamed_from.as_ref().map(|old| format!("Ny rubrik; tidigare ”{old}”."))
                    }
                },
                items: area.items.iter().map(|item| item_view(item, &segments)).collect(),
            })
            .collect();
        let sections = changes
            .sections
            .iter()
            .map(|section| SectionView {
                path: section.path.join(" › "),
                note: match section.kind {
                    ChangeKind::Added => Some("Nytt avsnitt.".to_owned()),
                    ChangeKind::Removed => Some("Avsnittet finns inte längre.".to_owned()),
                    ChangeKind::Changed => {
                        section.renamed_from.as_ref().map(|old| format!("Ny rubrik; tidigare ”{old}”."))
                    }
                },
                segments: segments(&section.words),
                items: section.items.iter().map(|item| item_view(item, &segments)).collect(),
            })
            .collect();
        let date = new.date;
        Self {
            library: format!("{TEMPLATE_ROOT}/andringar.typ"),
            title: "Förändringar jämfört med föregående plan".to_owned(),
            lead: format!(
                "{} {} för {}, jämförd med planen för {}. Bilaga till planen.",
                plan.document.title, changes.new_year, plan.association.name, changes.old_year
            ),
            association: plan.association.name.clone(),
            date: [date.year() as u32, date.month(), date.day()],
            date_text: swedish::date_long(date),
            empty: changes.is_empty(),
            // The predecessor's file name means nothing to the styrelse; the lead names its year.
            fields: changes
                .fields
                .iter()
                .filter(|f| f.field != crate::plan::keys::PREDECESSOR)
                .map(|f| {
                    [
                        f.label.to_owned(),
                        f.old.clone().unwrap_or_else(|| "–".to_owned()),
                        f.new.clone().unwrap_or_else(|| "–".to_owned()),
                    ]
                })
                .collect(),
            members: changes
                .members
                .iter()
                .map(|(kind, name)| match kind {
                    ChangeKind::Added => ["Ny medlem".to_owned(), "–".to_owned(), name.clone()],
                    _ => ["Medlem som inte längre är med".to_owned(), name.clone(), "–".to_owned()],
                })
                .collect(),
            budget_notes,
            lines,
            totals,
            areas,
            history: changes
                .history
                .iter()
                .flat_map(|h| {
                    h.cells.iter().map(move |(column, old, new)| {
                        [column.clone(), h.year.to_string(), amount(*old), amount(*new)]
                    })
                })
                .collect(),
            sections,
        }
    }
}

/// The appendix's budget part: its notes, its changed lines year by year and its changed
/// totals, each a row of cells.
type BudgetRows = (Vec<String>, Vec<[String; 6]>, Vec<[String; 5]>);

fn budget_rows(
    changes: &compare::Changes,
    amount: &dyn Fn(Option<rust_decimal::Decimal>) -> String,
    signed: &dyn Fn(Option<rust_decimal::Decimal>) -> String,
) -> BudgetRows {
    use crate::compute::ChangeKind;
    let mut budget_notes = Vec::new();
    let (mut lines, mut totals) = (Vec::new(), Vec::new());
    match changes.budget_presence {
        Some(ChangeKind::Added) => budget_notes.push("Budgeten är ny i den här planen.".to_owned()),
        Some(_) => budget_notes.push("Den här planen har ingen budget.".to_owned()),
        None => {}
    }
    if let Some(budget) = &changes.budget {
        let unit = budget.unit.label();
        let years = |y: &[i32]| y.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        budget_notes.push(format!("Alla belopp i {unit}, i den här planens enhet och tecken."));
        if !budget.added_years.is_empty() {
            budget_notes.push(format!("Nya år i budgeten: {}.", years(&budget.added_years)));
        }
        if !budget.removed_years.is_empty() {
            budget_notes.push(format!("År som inte längre är med: {}.", years(&budget.removed_years)));
        }
        for line in &budget.lines {
            let what = match line.kind {
                ChangeKind::Added => "ny rad",
                ChangeKind::Removed => "borttagen",
                ChangeKind::Changed => "ändrad",
            };
            for (i, year) in line.years.iter().enumerate() {
                lines.push([
                    if i == 0 { line.path.join(" › ") } else { String::new() },
                    if i == 0 { what.to_owned() } else { String::new() },
                    year.year.to_string(),
                    amount(year.old),
                    amount(year.new),
                    signed(year.difference),
                ]);
            }
        }
        for total in &budget.totals {
            let c = &total.change;
            totals.push([
                total.label.to_owned(),
                c.year.to_string(),
                amount(c.old),
                amount(c.new),
                if c.old == c.new { "oförändrat".to_owned() } else { signed(c.difference) },
            ]);
        }
    }
    (budget_notes, lines, totals)
}

/// An insats, goal, table row or image that changed, for the appendix.
fn item_view(
    item: &compare::ItemChange,
    segments: &dyn Fn(&[compare::Words]) -> Vec<SegmentView>,
) -> ItemView {
    use crate::compute::ChangeKind;
    ItemView {
        label: match item.kind {
            ChangeKind::Added => format!("ny {}", item.what),
            ChangeKind::Removed => format!("borttagen {}", item.what),
            ChangeKind::Changed => format!("ändrad {}", item.what),
        },
        segments: match item.kind {
            ChangeKind::Changed => segments(&item.words),
            ChangeKind::Added | ChangeKind::Removed => {
                styled(vec![compare::Words { kind: Some(item.kind), text: item.words[0].text.clone() }])
            }
        },
    }
}
