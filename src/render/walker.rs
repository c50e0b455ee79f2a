//! The walker: a checked plan and its computed figures become the view the templates fill.
//!
//! In: [`Loaded`] and [`Computed`], and the format the plan's Markdown is converted to
//! ([`Target`]). Out: a [`Context`] — the document's facts, the theme and the cover, and the
//! body as a flat list of [`Node`]s in reading order, every figure already formatted the
//! Swedish way — or every Markdown and figure-reference error, located in the plan.

use minijinja::value::Value;
use serde::Serialize;

use super::figures;
use super::html;
use super::html::markdown::Footnotes;
use super::markdown;
use super::typography;
use super::views::{
    AssociationView, ColumnView, DecisionView, DocumentView, ImageView, LookView, MemberView, Node,
    ThemeView, align, budget_view, contributions_view, history_view, member_kind, world_path,
};
use crate::compute::Computed;
use crate::error::{Diagnostic, Error};
use crate::plan::{self, Block, GoalArea, Loaded, Section, Text};
use crate::swedish;
use crate::templates::TEMPLATE_ROOT;

/// Everything the templates see.
#[derive(Debug, Serialize)]
pub(crate) struct Context {
    /// Where the vplan Typst library is in the world.
    pub(crate) library: String,
    pub(crate) document: DocumentView,
    pub(crate) association: AssociationView,
    pub(crate) theme: ThemeView,
    pub(crate) look: LookView,
    pub(crate) body: Vec<Node>,
    /// The cover shows no title (`visa_titel: false`) and the body starts with a level-1
    /// heading: that heading is the title, in the PDF (`titelrubrik`) and on the web page
    /// (its one `h1`).
    pub(crate) title_in_body: bool,
    pub(crate) decision: Option<DecisionView>,
}

/// The output format the plan's Markdown fields are converted to; everything else in the view
/// (numbering, budget rows, formatted figures, note markers) is the same for every format.
pub(crate) enum Target {
    /// Typst markup, for the PDF.
    Typst,
    /// HTML, with the footnotes collected for the end of the page.
    Html(Footnotes),
}

impl Context {
    /// The view of the plan, its Markdown converted for `target`; also returns the target with
    /// what it collected (the HTML footnotes).
    pub(crate) fn build(
        loaded: &Loaded,
        computed: &Computed,
        target: Target,
    ) -> Result<(Self, Target), Error> {
        let plan = &loaded.plan;
        let document = &plan.document;
        let association = &plan.association;
        let date = loaded.date;
        let mut body = Body::new(loaded, computed, target);
        if let Some(preamble) = &document.preamble {
            body.markdown(preamble);
        }
        for section in &plan.sections {
            body.section(section, 1, true);
        }
        if !body.errors.is_empty() {
            return Err(loaded.error(body.errors));
        }
        let Body { mut nodes, target, .. } = body;
        // The preamble was rendered first, through the same Markdown and figures as the body.
        let preamble = match document.preamble.is_some() {
            true if !nodes.is_empty() => match nodes.remove(0) {
                Node::Markup { markup, lead_in: None } => Some(markup),
                other => {
                    nodes.insert(0, other);
                    None
                }
            },
            _ => None,
        };
        let full_title = document.year_in_title.title(&document.title, plan.year());
        use chrono::Datelike;
        let context = Self {
            library: format!("{TEMPLATE_ROOT}/vplan.typ"),
            document: DocumentView {
                title: document.title.clone(),
                full_title: full_title.clone(),
                year_in_title: match document.year_in_title {
                    plan::YearInTitle::After => "efter",
                    plan::YearInTitle::Before => "före",
                    plan::YearInTitle::None => "nej",
                },
                slogan: document.slogan.clone(),
                preamble,
                preamble_placement: match document.preamble_placement {
                    plan::PreamblePlacement::UnderTitle => "under_titeln",
                    plan::PreamblePlacement::BeforeContents => "före_innehållet",
                },
                subtitle: document.subtitle.clone(),
                year: plan.year(),
                // A date `vplan ny` left to fill in shows as such on the cover.
                date_iso: if document.date.value.contains(crate::plan::TO_FILL) {
                    crate::plan::TO_FILL.to_owned()
                } else {
                    swedish::date_iso(date)
                },
                date: [date.year() as u32, date.month(), date.day()],
                responsible: document.responsible.clone(),
                registry_number: document.registry_number.as_ref().map(|r| r.value.clone()),
                decision: document.decision.as_ref().map(|d| d.value.clone()),
                motto: document.motto.clone(),
                subject: document
                    .subject
                    .clone()
                    .unwrap_or_else(|| format!("{full_title} för {}", association.name)),
                keywords: document.keywords.clone(),
                numbered: document.numbered_headings,
                contents: document.contents,
            },
            association: AssociationView {
                name: association.name.clone(),
                short_name: association.short_name.clone(),
                tagline: association.tagline.clone(),
                members: association
                    .members
                    .value
                    .iter()
                    .map(|m| MemberView { name: m.name.clone(), kind: member_kind(m.kind) })
                    .collect(),
                logo: association.logo.as_ref().map(|logo| ImageView {
                    file: logo.file.value.clone(),
                    path: world_path(&logo.file.value),
                    alt: if logo.decorative { None } else { logo.alt.clone() },
                    caption: None,
                    width: None,
                }),
            },
            theme: ThemeView::new(&plan.look),
            look: LookView::new(&plan.look, &full_title, &association.name),
            title_in_body: !plan.look.cover.show_title
                && matches!(nodes.first(), Some(Node::Heading { level: 1, .. })),
            body: nodes,
            decision: plan.decision.as_ref().map(|d| DecisionView::new(d, date)),
        };
        Ok((context, target))
    }
}

/// Walks the section tree into nodes, collecting Markdown errors.
pub(crate) struct Body<'a> {
    loaded: &'a Loaded,
    computed: &'a Computed,
    nodes: Vec<Node>,
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) target: Target,
}

impl<'a> Body<'a> {
    pub(crate) fn new(loaded: &'a Loaded, computed: &'a Computed, target: Target) -> Self {
        Self { loaded, computed, nodes: Vec::new(), errors: Vec::new(), target }
    }

    /// A section and everything in it. Below an unnumbered heading nothing is numbered: a
    /// "0.1" under "Förslag till beslut" would mean nothing to a reader.
    fn section(&mut self, section: &Section, level: usize, parent_numbered: bool) {
        let numbered = parent_numbered && section.numbered;
        self.nodes.push(Node::Heading { level, numbered, text: typography::prose(&section.heading.value) });
        if let Some(text) = &section.text {
            self.markdown(text);
        }
        for block in &section.blocks {
            self.block(&block.value, level, numbered);
        }
        for child in &section.sections {
            self.section(child, level + 1, numbered);
        }
    }

    fn block(&mut self, block: &Block, level: usize, numbered: bool) {
        if matches!(
            block,
            Block::Table(_)
                | Block::Image(_)
                | Block::Budget(_)
                | Block::Contributions
                | Block::EquityHistory
        ) {
            self.keep_lead_in_with_next();
        }
        match block {
            Block::Text(text) => self.markdown(text),
            Block::Table(table) => {
                let columns = table
                    .columns
                    .iter()
                    .map(|c| ColumnView {
                        heading: c.heading.clone(),
                        align: align(c.align),
                        width: c.width.value,
                    })
                    .collect();
                let rows = table
                    .rows
                    .iter()
                    .map(|row| row.value.iter().map(|cell| self.inline(cell)).collect())
                    .collect();
                let caption = table.caption.as_deref().map(typography::prose);
                self.nodes.push(Node::Table { columns, rows, caption });
            }
            Block::Image(image) => self.nodes.push(Node::Image(ImageView {
                file: image.file.value.clone(),
                path: world_path(&image.file.value),
                alt: Some(image.alt.value.clone()),
                caption: image.caption.as_deref().map(typography::prose),
                width: image.width.as_ref().map(|w| w.value),
            })),
            Block::PageBreak => self.nodes.push(Node::PageBreak),
            Block::GoalAreas(selection) => {
                let areas = &self.loaded.plan.goal_areas;
                let chosen: Vec<&GoalArea> = match selection {
                    None => areas.iter().collect(),
                    Some(ids) => ids
                        .value
                        .iter()
                        .filter_map(|id| areas.iter().find(|a| a.id.as_ref().is_some_and(|a| a.value == *id)))
                        .collect(),
                };
                for area in chosen {
                    self.goal_area(area, level + 1, numbered);
                }
            }
            Block::Budget(extract) => {
                if let Some(budget) = &self.computed.budget {
                    self.nodes.push(Node::Budget(budget_view(budget, extract)));
                }
            }
            Block::Contributions => {
                for table in &self.computed.contributions {
                    self.nodes.push(Node::Contributions(contributions_view(table)));
                }
            }
            Block::EquityHistory => {
                if let Some(table) = &self.computed.history {
                    self.nodes.push(Node::History(history_view(table)));
                }
            }
        }
    }

    fn goal_area(&mut self, area: &GoalArea, level: usize, numbered: bool) {
        self.nodes.push(Node::Heading { level, numbered, text: typography::prose(&area.heading.value) });
        if let Some(text) = &area.text {
            self.markdown(text);
        }
        // Insatser without a kind stand under the usual line; each kind (`slag`) gathers its
        // insatser under its own line, in the order the kinds first appear.
        let mut kinds: Vec<Option<&str>> = Vec::new();
        for action in &area.actions {
            let kind = action.value.kind.as_deref();
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds.sort_by_key(|k| k.is_some());
        for kind in kinds {
            let items = area
                .actions
                .iter()
                .filter(|a| a.value.kind.as_deref() == kind)
                .map(|a| self.inline(&Text::new(a.value.text.clone(), a.referenced, a.defined)))
                .collect();
            let intro = match kind {
                Some(kind) => kind.to_owned(),
                None => area
                    .actions_heading
                    .clone()
                    .unwrap_or_else(|| format!("Insatser under {}:", self.loaded.plan.year())),
            };
            self.nodes.push(Node::Actions { intro: typography::prose(&intro), items });
        }
        if !area.targets.is_empty() {
            self.nodes.push(Node::Targets {
                goal_heading: "Verksamhetsmål".to_owned(),
                value_heading: "Målvärde".to_owned(),
                rows: area
                    .targets
                    .iter()
                    .map(|t| (typography::prose(&t.goal), typography::prose(&t.value)))
                    .collect(),
            });
        }
        for block in &area.blocks {
            self.block(&block.value, level, numbered);
        }
    }

    /// The short paragraph right before a table or an image introduces it ("Not 1: Så här
    /// fördelas …"), even without a colon: it goes to the next page with what it introduces.
    fn keep_lead_in_with_next(&mut self) {
        let Some(Node::Markup { markup, lead_in: lead_in @ None }) = self.nodes.last_mut() else { return };
        let Some(text) = markup.as_str() else { return };
        let split = match self.target {
            Target::Typst => markdown::split_lead_in(text, LEAD_IN_LENGTH),
            Target::Html(_) => html::markdown::split_lead_in(text, LEAD_IN_LENGTH),
        };
        let Some((before, last)) = split else { return };
        let (before, last) = (before.to_owned(), last.to_owned());
        *markup = Value::from_safe_string(before);
        *lead_in = Some(Value::from_safe_string(last));
    }

    fn markdown(&mut self, text: &Text) {
        let Some(filled) = self.with_figures(text) else { return };
        // The Typst converter also decides what Markdown vplan accepts, for every format.
        let converted = markdown::blocks(&filled.text).map(|markup| match &mut self.target {
            Target::Typst => markup,
            Target::Html(notes) => html::markdown::blocks(&filled.text, notes),
        });
        match converted {
            Ok(markup) => {
                self.nodes.push(Node::Markup { markup: Value::from_safe_string(markup), lead_in: None })
            }
            Err(e) => self.unsupported(text, &filled, e),
        }
    }

    pub(crate) fn inline(&mut self, text: &Text) -> Value {
        let Some(filled) = self.with_figures(text) else { return Value::from(()) };
        let converted = markdown::inline(&filled.text).map(|markup| match &mut self.target {
            Target::Typst => markup,
            Target::Html(notes) => html::markdown::inline(&filled.text, notes),
        });
        match converted {
            Ok(markup) => Value::from_safe_string(markup),
            Err(e) => {
                self.unsupported(text, &filled, e);
                Value::from(())
            }
        }
    }

    /// The text with its `{{ figure }}` references filled in; `None` after reporting a
    /// reference to a figure that does not exist.
    fn with_figures<'t>(&mut self, text: &'t Text) -> Option<figures::Filled<'t>> {
        let figures = &self.computed.figures;
        match figures::substitute(&text.value, figures) {
            Ok(filled) => Some(filled),
            Err(references) => {
                // Past a hundred errors the rest are not worth finding (each is placed in its
                // text, which costs the text's length): a plan with thousands stops here.
                for reference in references.into_iter().take(MAX_ERRORS.saturating_sub(self.errors.len())) {
                    let at = plan::position_in_text(&self.loaded.source, text, reference.offset);
                    let diagnostic = match &reference.name {
                        None => Diagnostic::new("`{{` utan avslutande `}}`")
                            .at(at)
                            .hint("skriv en hänvisning till ett tal som `{{ resultat.2026 }}`"),
                        Some(name) => {
                            let near = figures::suggestions(name, figures);
                            let d =
                                Diagnostic::new(format!("det finns inget tal `{name}`")).at(at.map(|p| {
                                    crate::error::Position { width: name.chars().count() + 6, ..p }
                                }));
                            let d = if near.is_empty() {
                                d.note("planen har ingen budget med det året eller det talet")
                            } else {
                                d.note(format!("tal som finns: {}", near.join(", ")))
                            };
                            d.hint("se listan över tal under ”Tal i texten” i docs/format.md")
                        }
                    };
                    self.errors.push(diagnostic);
                }
                None
            }
        }
    }

    /// Reports Markdown that vplan does not support, at its place in the text the user wrote
    /// (the converter saw the text with its figures filled in).
    fn unsupported(&mut self, text: &Text, filled: &figures::Filled, e: markdown::Unsupported) {
        if self.errors.len() >= MAX_ERRORS {
            return;
        }
        let offset = filled.written_offset(e.offset);
        self.errors.push(
            Diagnostic::new(format!("texten innehåller {}, som vplan inte stöder", e.what))
                .at(plan::position_in_text(&self.loaded.source, text, offset))
                .hint(sentence_fragment(e.hint)),
        );
    }
}

/// How long (in characters of the format's markup) a paragraph right before a table or an image may
/// be and still count as its lead-in: about two lines.
const LEAD_IN_LENGTH: usize = 200;

/// The most errors the render stage collects for one plan.
const MAX_ERRORS: usize = 100;

/// A hint in the style of vplan's messages: lower-case start, no final full stop.
fn sentence_fragment(text: &str) -> String {
    let text = text.strip_suffix('.').unwrap_or(text);
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
