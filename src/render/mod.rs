//! Stage 3: fill the Typst templates.
//!
//! In: a checked plan and its computed budget. Out: the Typst source of the whole document,
//! as text. The plan is first turned into a flat list of [`Node`]s — headings, text, tables,
//! the budget table — with every figure already formatted the Swedish way; the templates in
//! `templates/` only bind those values to the layout functions of `templates/vplan.typ`.
//! Every value a template prints goes through the formatter here, which escapes it with
//! [`escape`]; that is the only way user text reaches Typst.

pub mod escape;
pub mod markdown;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::budget::{Budget, RowKind};
use crate::error::{Diagnostic, Error};
use crate::plan::{self, Align, Block, GoalArea, Loaded, MemberKind, Section, Text, Unit};
use crate::swedish;
use crate::templates;

/// The virtual folder inside the Typst world that holds vplan's own Typst files.
pub const TEMPLATE_ROOT: &str = "/.vplan";

/// Renders the plan's Typst source.
pub fn render(loaded: &Loaded, budget: Option<&Budget>) -> Result<String, Error> {
    let context = Context::build(loaded, budget)?;
    let environment = environment()?;
    let template = environment
        .get_template("plan.typ.j2")
        .map_err(|e| Error::Bug(format!("mallen plan.typ.j2: {e:#}")))?;
    template
        .render(minijinja::value::Serde(&context))
        .map_err(|e| Error::Bug(format!("mallen kunde inte fyllas i: {e:#}")))
}

/// The template engine, set up so that a misspelt variable is an error and every printed
/// value is escaped for Typst.
fn environment() -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| Error::Bug(format!("mallsyntaxen: {e}")))?;
    env.set_syntax(syntax);
    env.set_formatter(|out, state, value| {
        let text = match value.as_str() {
            Some(s) if value.is_safe() => s.to_owned(),
            Some(s) => escape::markup(s),
            None if value.is_none() || value.is_undefined() => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::UndefinedError,
                    "ett tomt värde skrivs ut; mallen ska testa det med `if`",
                ));
            }
            None if value.kind() == minijinja::value::ValueKind::Bool => value.is_true().to_string(),
            None if value.is_number() => value.to_string(),
            None => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("värdet av sorten {} kan inte skrivas ut direkt", value.kind()),
                ));
            }
        };
        let _ = state;
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    // `str` prints a value as a Typst string literal, for code positions such as metadata.
    env.add_filter("str", |value: String| Value::from_safe_string(escape::string_literal(&value)));
    for (name, source) in templates::JINJA {
        env.add_template(name, source).map_err(|e| Error::Bug(format!("mallen {name}: {e:#}")))?;
    }
    Ok(env)
}

/// Everything the templates see.
#[derive(Debug, Serialize)]
struct Context {
    /// Where the vplan Typst library is in the world.
    library: String,
    document: DocumentView,
    association: AssociationView,
    body: Vec<Node>,
}

#[derive(Debug, Serialize)]
struct DocumentView {
    title: String,
    year: i32,
    date_iso: String,
    date: [u32; 3],
    responsible: Option<String>,
    registry_number: Option<String>,
    decision: Option<String>,
    motto: Option<String>,
    subject: String,
    keywords: Vec<String>,
    numbered: bool,
    contents: bool,
}

#[derive(Debug, Serialize)]
struct AssociationView {
    name: String,
    short_name: Option<String>,
    tagline: Option<String>,
    members: Vec<MemberView>,
    logo: Option<ImageView>,
}

#[derive(Debug, Serialize)]
struct MemberView {
    name: String,
    kind: &'static str,
}

#[derive(Debug, Serialize)]
struct ImageView {
    path: String,
    alt: Option<String>,
    caption: Option<String>,
    width: Option<u32>,
}

/// One piece of the document body, in reading order.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Node {
    Heading { level: usize, numbered: bool, text: String },
    Markup { markup: Value },
    Table { columns: Vec<ColumnView>, rows: Vec<Vec<Value>>, caption: Option<String> },
    Image(ImageView),
    PageBreak,
    Actions { intro: String, items: Vec<Value> },
    Targets { goal_heading: String, value_heading: String, rows: Vec<(String, String)> },
    Budget(BudgetView),
}

#[derive(Debug, Serialize)]
struct ColumnView {
    heading: String,
    align: &'static str,
    width: u32,
}

#[derive(Debug, Serialize)]
struct BudgetView {
    unit_line: String,
    headings: Vec<String>,
    rows: Vec<BudgetRowView>,
    notes: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
struct BudgetRowView {
    kind: &'static str,
    label: String,
    marker: Option<String>,
    indented: bool,
    amounts: Vec<String>,
}

impl Context {
    fn build(loaded: &Loaded, budget: Option<&Budget>) -> Result<Self, Error> {
        let plan = &loaded.plan;
        let document = &plan.document;
        let association = &plan.association;
        let date = loaded.date;
        let mut body = Body { loaded, budget, nodes: Vec::new(), errors: Vec::new() };
        for section in &plan.sections {
            body.section(section, 1, true);
        }
        if !body.errors.is_empty() {
            return Err(loaded.error(body.errors));
        }
        let nodes = body.nodes;
        use chrono::Datelike;
        Ok(Self {
            library: format!("{TEMPLATE_ROOT}/vplan.typ"),
            document: DocumentView {
                title: document.title.clone(),
                year: document.year.value,
                date_iso: swedish::date_iso(date),
                date: [date.year() as u32, date.month(), date.day()],
                responsible: document.responsible.clone(),
                registry_number: document.registry_number.clone(),
                decision: document.decision.clone(),
                motto: document.motto.clone(),
                subject: document.subject.clone().unwrap_or_else(|| {
                    format!("{} {} för {}", document.title, document.year.value, association.name)
                }),
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
                    path: world_path(&logo.file.value),
                    alt: if logo.decorative { None } else { logo.alt.clone() },
                    caption: None,
                    width: None,
                }),
            },
            body: nodes,
        })
    }
}

/// Walks the section tree into nodes, collecting Markdown errors.
struct Body<'a> {
    loaded: &'a Loaded,
    budget: Option<&'a Budget>,
    nodes: Vec<Node>,
    errors: Vec<Diagnostic>,
}

impl Body<'_> {
    /// A section and everything in it. Below an unnumbered heading nothing is numbered: a
    /// "0.1" under "Förslag till beslut" would mean nothing to a reader.
    fn section(&mut self, section: &Section, level: usize, parent_numbered: bool) {
        let numbered = parent_numbered && section.numbered;
        self.nodes.push(Node::Heading { level, numbered, text: section.heading.value.clone() });
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
                self.nodes.push(Node::Table { columns, rows, caption: table.caption.clone() });
            }
            Block::Image(image) => self.nodes.push(Node::Image(ImageView {
                path: world_path(&image.file.value),
                alt: Some(image.alt.value.clone()),
                caption: image.caption.clone(),
                width: image.width.as_ref().map(|w| w.value),
            })),
            Block::PageBreak => self.nodes.push(Node::PageBreak),
            Block::GoalAreas => {
                for area in &self.loaded.plan.goal_areas {
                    self.goal_area(area, level + 1, numbered);
                }
            }
            Block::Budget => {
                if let Some(budget) = self.budget {
                    self.nodes.push(Node::Budget(budget_view(budget)));
                }
            }
        }
    }

    fn goal_area(&mut self, area: &GoalArea, level: usize, numbered: bool) {
        self.nodes.push(Node::Heading { level, numbered, text: area.heading.value.clone() });
        if let Some(text) = &area.text {
            self.markdown(text);
        }
        if !area.actions.is_empty() {
            let items = area.actions.iter().map(|a| self.inline(a)).collect();
            let intro = format!("Insatser under {}:", self.loaded.plan.document.year.value);
            self.nodes.push(Node::Actions { intro, items });
        }
        if !area.targets.is_empty() {
            self.nodes.push(Node::Targets {
                goal_heading: "Verksamhetsmål".to_owned(),
                value_heading: "Målvärde".to_owned(),
                rows: area.targets.iter().map(|t| (t.goal.clone(), t.value.clone())).collect(),
            });
        }
        for block in &area.blocks {
            self.block(&block.value, level, numbered);
        }
    }

    fn markdown(&mut self, text: &Text) {
        match markdown::blocks(&text.value) {
            Ok(markup) => self.nodes.push(Node::Markup { markup: Value::from_safe_string(markup) }),
            Err(e) => self.unsupported(text, e),
        }
    }

    fn inline(&mut self, text: &Text) -> Value {
        match markdown::inline(&text.value) {
            Ok(markup) => Value::from_safe_string(markup),
            Err(e) => {
                self.unsupported(text, e);
                Value::from(())
            }
        }
    }

    fn unsupported(&mut self, text: &Text, e: markdown::Unsupported) {
        self.errors.push(
            Diagnostic::new(format!("texten innehåller {}, som vplan inte stöder", e.what))
                .at(plan::position_in_text(&self.loaded.source, text, e.offset))
                .hint(sentence_fragment(e.hint)),
        );
    }
}

/// A hint in the style of vplan's messages: lower-case start, no final full stop.
fn sentence_fragment(text: &str) -> String {
    let text = text.strip_suffix('.').unwrap_or(text);
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn budget_view(budget: &Budget) -> BudgetView {
    BudgetView {
        unit_line: match budget.unit {
            Unit::Kr => "(Belopp i kr)".to_owned(),
            Unit::Tkr => "(Belopp i tkr)".to_owned(),
        },
        headings: budget.headings.clone(),
        rows: budget
            .rows
            .iter()
            .map(|row| BudgetRowView {
                kind: match row.kind {
                    RowKind::Heading => "heading",
                    RowKind::Line => "line",
                    RowKind::Subtotal => "subtotal",
                    RowKind::Total => "total",
                    RowKind::Opening => "opening",
                    RowKind::Result => "result",
                },
                label: row.label.clone(),
                marker: row.marker.clone(),
                indented: row.indented,
                amounts: row.amounts.iter().map(|a| swedish::amount(*a)).collect(),
            })
            .collect(),
        notes: budget.notes.iter().map(|n| (n.marker.clone(), n.text.clone())).collect(),
    }
}

/// A plan-relative file name as an absolute path in the Typst world, whose root is the
/// plan's folder.
fn world_path(name: &str) -> String {
    format!("/{}", name.trim_start_matches("./").replace('\\', "/"))
}

fn align(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Right => "right",
        Align::Center => "center",
    }
}

fn member_kind(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::Kommun => "kommun",
        MemberKind::Region => "region",
        MemberKind::Forsakringskassan => "försäkringskassan",
        MemberKind::Arbetsformedlingen => "arbetsförmedlingen",
    }
}
