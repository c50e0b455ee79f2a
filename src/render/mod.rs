//! Stage 3: fill the Typst templates.
//!
//! In: a checked plan and its computed budget. Out: the Typst source of the whole document,
//! as text. The plan is first turned into a flat list of [`Node`]s — headings, text, tables,
//! the budget table — with every figure already formatted the Swedish way; the templates in
//! `templates/` only bind those values to the layout functions of `templates/vplan.typ`.
//! Every value a template prints goes through the formatter here, which escapes it with
//! [`escape`]; that is the only way user text reaches Typst.
//!
//! The same view, with the Markdown converted to HTML instead (`Target`), makes the web page
//! and its summary in [`html`], which has its own template engine and escaping point.

pub mod escape;
pub mod figures;
pub mod html;
pub mod markdown;
pub mod typography;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::compute::{self, Budget, Column, Computed, RowKind};
use crate::error::{Diagnostic, Error};
use crate::plan::{self, Align, Block, BudgetExtract, GoalArea, Loaded, MemberKind, Section, Status, Text};
use crate::swedish;
use crate::templates::{self, TEMPLATE_ROOT};

/// The generated Typst of one plan: the document, and the theme its layout files import.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The document's source (the world's main file).
    pub main: String,
    /// The source of `tema.typ`: the plan's colours and fonts.
    pub theme: String,
}

/// Renders the plan's Typst source.
pub fn render(loaded: &Loaded, computed: &Computed) -> Result<Rendered, Error> {
    let (context, _) = Context::build(loaded, computed, Target::Typst)?;
    let environment = environment()?;
    let main = fill(&environment, "plan.typ.j2", &context)?;
    let theme = fill(&environment, "tema.typ.j2", &context)?;
    Ok(Rendered { main, theme })
}

/// The theme of a plan without `utseende`: vplan's own look (for the benchmarks' floor).
pub fn default_theme() -> Result<String, Error> {
    theme(&environment()?, &plan::Look::default())
}

/// The source of `tema.typ` for a look.
fn theme(environment: &Environment, look: &plan::Look) -> Result<String, Error> {
    #[derive(Serialize)]
    struct ThemeOnly {
        theme: ThemeView,
    }
    fill(environment, "tema.typ.j2", ThemeOnly { theme: ThemeView::new(look) })
}

fn fill(environment: &Environment, name: &str, context: impl Serialize) -> Result<String, Error> {
    let template = environment.get_template(name).map_err(|e| Error::Bug(format!("mallen {name}: {e:#}")))?;
    template
        .render(minijinja::value::Serde(&context))
        .map_err(|e| Error::Bug(format!("mallen {name} kunde inte fyllas i: {e:#}")))
}

/// Fills the Typst template `name` of a document kind other than the plan (see
/// [`crate::documents`]) with `view`, and the theme of `look` that its layout files import.
pub fn document(name: &str, view: impl Serialize, look: &plan::Look) -> Result<Rendered, Error> {
    let environment = environment()?;
    let main = fill(&environment, name, view)?;
    Ok(Rendered { main, theme: theme(&environment, look)? })
}

/// A template engine for one output format: a misspelt variable is an error, and every
/// printed value goes through `escape`, the format's one escaping point, unless it is markup
/// vplan made itself (a safe value).
pub(crate) fn engine(auto: AutoEscape, escape: fn(&str) -> String) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(move |_| auto.clone());
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| Error::Bug(format!("mallsyntaxen: {e}")))?;
    env.set_syntax(syntax);
    env.set_formatter(move |out, _state, value| {
        let text = match value.as_str() {
            Some(s) if value.is_safe() => s.to_owned(),
            Some(s) => escape(s),
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
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    Ok(env)
}

/// The template engine, set up so that a misspelt variable is an error and every printed
/// value is escaped for Typst.
fn environment() -> Result<Environment<'static>, Error> {
    let mut env = engine(AutoEscape::Custom("typst".into()), escape::markup)?;
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
    theme: ThemeView,
    look: LookView,
    body: Vec<Node>,
    decision: Option<DecisionView>,
}

/// Förslag till beslut, set last by `templates/beslut.typ`.
#[derive(Debug, Serialize)]
struct DecisionView {
    heading: String,
    outlined: bool,
    lead: String,
    clauses: Vec<String>,
    place_date: String,
    sender: Option<String>,
    signatures: Vec<SignatureView>,
}

#[derive(Debug, Serialize)]
struct SignatureView {
    name: String,
    role: Option<String>,
}

impl DecisionView {
    fn new(decision: &crate::plan::Decision, document_date: chrono::NaiveDate) -> Self {
        let date = decision
            .date
            .as_ref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d.value.trim(), "%Y-%m-%d").ok())
            .unwrap_or(document_date);
        let date = swedish::date_long(date);
        Self {
            heading: decision.heading.clone(),
            outlined: decision.in_contents,
            lead: decision.lead.clone(),
            clauses: decision.clauses.value.clone(),
            place_date: match &decision.place {
                Some(place) => format!("{place} den {date}"),
                None => date,
            },
            sender: decision.sender.clone(),
            signatures: decision
                .signatures
                .iter()
                .map(|s| SignatureView { name: s.name.clone(), role: s.role.clone() })
                .collect(),
        }
    }
}

/// The checked colours and fonts, for `tema.typ.j2`.
#[derive(Debug, Serialize)]
struct ThemeView {
    accent: String,
    fill: String,
    rule: String,
    font: &'static str,
    heading_font: &'static str,
    justified: bool,
}

impl ThemeView {
    fn new(look: &plan::Look) -> Self {
        let colour = |colour: &plan::Colour, default: &str| {
            colour
                .as_ref()
                .and_then(|c| c.value.as_deref())
                .map(|c| c.trim().to_lowercase())
                .unwrap_or_else(|| default.to_owned())
        };
        let font = look.font.unwrap_or_default();
        Self {
            accent: colour(&look.colours.accent, "#1f4e79"),
            fill: colour(&look.colours.table_header, "#e9f0f7"),
            rule: colour(&look.colours.rules, "#9fb3c8"),
            font: font.name(),
            heading_font: look.heading_font.unwrap_or(font).name(),
            justified: look.justified,
        }
    }
}

/// The cover's layout and the running header's and footer's texts.
#[derive(Debug, Serialize)]
struct LookView {
    cover_page: bool,
    placement: &'static str,
    alignment: &'static str,
    uppercase: bool,
    show_title: bool,
    association_first: bool,
    logo_height: u32,
    picture: Option<ImageView>,
    picture_height: u32,
    header_left: Option<String>,
    header_right: Option<String>,
    footer: Option<String>,
    /// The facts the cover or title block shows: `datum`, `ansvarig`, `diarienummer`, `beslut`.
    facts: Vec<&'static str>,
    /// Level-1 headings in capitals.
    heading_caps: bool,
    /// A full stop after a level-1 heading's number.
    number_full_stop: bool,
}

impl LookView {
    fn new(look: &plan::Look, full_title: &str, association: &str) -> Self {
        let cover = &look.cover;
        // An empty text leaves its place empty.
        let text = |text: &Option<String>, default: String| {
            Some(text.clone().unwrap_or(default)).filter(|t| !t.trim().is_empty())
        };
        Self {
            cover_page: cover.own_page,
            placement: match cover.placement {
                plan::CoverPlacement::Top => "överst",
                plan::CoverPlacement::Middle => "mitten",
                plan::CoverPlacement::Bottom => "nederst",
            },
            alignment: align(cover.alignment),
            uppercase: cover.uppercase,
            show_title: cover.show_title,
            association_first: cover.association_first,
            logo_height: cover.logo_height.as_ref().map_or(25, |h| h.value),
            picture: cover.picture.as_ref().map(|picture| ImageView {
                file: picture.file.value.clone(),
                path: world_path(&picture.file.value),
                alt: if picture.decorative { None } else { picture.alt.clone() },
                caption: None,
                width: None,
            }),
            picture_height: cover.picture.as_ref().and_then(|p| p.height.as_ref()).map_or(90, |h| h.value),
            header_left: text(&look.header.left, association.to_owned()),
            header_right: text(&look.header.right, full_title.to_owned()),
            footer: text(&look.footer.text, String::new()),
            facts: cover
                .facts
                .iter()
                .map(|fact| match fact {
                    plan::CoverFact::Date => "datum",
                    plan::CoverFact::Responsible => "ansvarig",
                    plan::CoverFact::RegistryNumber => "diarienummer",
                    plan::CoverFact::Decision => "beslut",
                })
                .collect(),
            heading_caps: look.headings.uppercase,
            number_full_stop: look.headings.full_stop,
        }
    }
}

#[derive(Debug, Serialize)]
struct DocumentView {
    title: String,
    /// The title with the year where the plan places it, on one line (PDF title, header).
    full_title: String,
    /// Where the cover puts the year: `efter`, `före` or `nej`.
    year_in_title: &'static str,
    slogan: Option<String>,
    /// The unheaded preamble, as Typst markup.
    preamble: Option<Value>,
    /// `under_titeln` or `före_innehållet`.
    preamble_placement: &'static str,
    subtitle: Option<String>,
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
    /// The file as the plan names it, relative to the plan's folder (for HTML, which inlines it).
    #[serde(skip)]
    file: String,
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
    /// Text; `lead_in` is its last paragraph when that introduces the table or image after
    /// it, kept apart so that each format's template says how it stays with what follows.
    Markup { markup: Value, lead_in: Option<Value> },
    Table { columns: Vec<ColumnView>, rows: Vec<Vec<Value>>, caption: Option<String> },
    Image(ImageView),
    PageBreak,
    Actions { intro: String, items: Vec<Value> },
    Targets { goal_heading: String, value_heading: String, rows: Vec<(String, String)> },
    Budget(BudgetView),
    Contributions(ContributionsView),
    History(HistoryView),
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
    id_heading: Option<String>,
    label_heading: Option<String>,
    headings: Vec<String>,
    rows: Vec<BudgetRowView>,
    notes: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
struct BudgetRowView {
    kind: &'static str,
    id: Option<String>,
    label: String,
    marker: Option<String>,
    indented: bool,
    cells: Vec<CellView>,
}

/// A figure cell: the figure (with a note's marker before it) and the status marker (`*`,
/// `**`) that hangs outside the column so the figures stay aligned.
#[derive(Debug, Serialize)]
struct CellView {
    text: String,
    hanging: String,
}

#[derive(Debug, Serialize)]
struct ContributionsView {
    heading: Option<String>,
    headings: [String; 3],
    rows: Vec<[String; 3]>,
    total: [String; 3],
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct HistoryView {
    unit_line: String,
    headings: Vec<String>,
    rows: Vec<(String, [CellView; 3])>,
    notes: Vec<(String, String)>,
}

/// The output format the plan's Markdown fields are converted to; everything else in the view
/// (numbering, budget rows, formatted figures, note markers) is the same for every format.
enum Target {
    /// Typst markup, for the PDF.
    Typst,
    /// HTML, with the footnotes collected for the end of the page.
    Html(html::markdown::Footnotes),
}

impl Context {
    /// The view of the plan, its Markdown converted for `target`; also returns the target with
    /// what it collected (the HTML footnotes).
    fn build(loaded: &Loaded, computed: &Computed, target: Target) -> Result<(Self, Target), Error> {
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
        let full_title = document.year_in_title.title(&document.title, document.year.value);
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
                year: document.year.value,
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
            body: nodes,
            decision: plan.decision.as_ref().map(|d| DecisionView::new(d, date)),
        };
        Ok((context, target))
    }
}

/// Walks the section tree into nodes, collecting Markdown errors.
struct Body<'a> {
    loaded: &'a Loaded,
    computed: &'a Computed,
    nodes: Vec<Node>,
    errors: Vec<Diagnostic>,
    target: Target,
}

impl<'a> Body<'a> {
    fn new(loaded: &'a Loaded, computed: &'a Computed, target: Target) -> Self {
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
                    .unwrap_or_else(|| format!("Insatser under {}:", self.loaded.plan.document.year.value)),
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
    /// Each format's converter finds the paragraph in its own markup; the templates say how it
    /// is kept with what follows (a sticky block in the PDF).
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
            Ok(markup) => self.nodes.push(Node::Markup { markup: Value::from_safe_string(markup), lead_in: None }),
            Err(e) => self.unsupported(text, &filled, e),
        }
    }

    fn inline(&mut self, text: &Text) -> Value {
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

/// Hands out note markers in a table's reading order: `*`, `**`, `***` …, or `1)`, `2)` …
/// where the table also marks forecasts and requests with `*` and `**`.
struct Markers {
    numbered: bool,
    notes: Vec<(String, String)>,
}

impl Markers {
    fn new(numbered: bool) -> Self {
        Self { numbered, notes: Vec::new() }
    }

    fn mark(&mut self, note: Option<&String>) -> Option<String> {
        let note = note?;
        let marker = if self.numbered {
            format!("{})", self.notes.len() + 1)
        } else {
            "*".repeat(self.notes.len() + 1)
        };
        self.notes.push((marker.clone(), note.clone()));
        Some(marker)
    }
}

fn status_marker(status: Option<Status>) -> &'static str {
    match status {
        None => "",
        Some(Status::Forecast) => "*",
        Some(Status::Requested) => "**",
    }
}

/// A cell: a note's marker before the amount (as the seeds print it), a status marker after
/// it, hanging outside the column.
fn cell_view(amount: Option<&compute::Amount>, markers: &mut Markers) -> CellView {
    match amount {
        None => CellView { text: String::new(), hanging: String::new() },
        Some(a) => CellView {
            text: format!(
                "{}{}",
                markers.mark(a.note.as_ref()).unwrap_or_default(),
                swedish::amount(a.value)
            ),
            hanging: status_marker(a.status).to_owned(),
        },
    }
}

fn unit_line(unit: plan::Unit) -> String {
    format!("(Belopp i {})", unit.label())
}

fn budget_view(budget: &Budget, extract: &BudgetExtract) -> BudgetView {
    let years: Vec<usize> = match &extract.years {
        Some(years) => years.value.iter().filter_map(|y| budget.years.iter().position(|b| b == y)).collect(),
        None => (0..budget.years.len()).collect(),
    };
    let columns = budget.columns(&years);
    let headings = match &extract.column_headings {
        Some(headings) => {
            let mut headings = headings.value.clone();
            if let Some(at) = columns.iter().position(|c| *c == Column::Previous) {
                headings.insert(at.min(headings.len()), budget.heading(Column::Previous));
            }
            headings
        }
        None => columns.iter().map(|&c| budget.heading(c)).collect(),
    };
    let cell = |row: &'_ compute::Row, column: &Column| row.cell(*column).cloned();
    let uses_status =
        budget.rows.iter().any(|r| columns.iter().any(|c| cell(r, c).is_some_and(|c| c.status.is_some())));
    let mut markers = Markers::new(uses_status);
    // A subtotal the plan leaves unlabelled (`delsumma: ""`, `summa: ""`) is named after its
    // group or part, so that it has a row header a screen reader can announce.
    let mut group = None;
    let rows = budget
        .rows
        .iter()
        .filter(|row| row.kind == RowKind::Heading || columns.iter().any(|c| cell(row, c).is_some()))
        .map(|row| {
            if row.kind == RowKind::Heading {
                group = Some(row.label.as_str());
            }
            // A part's total is keyed `summa:intäkter` or `summa:kostnader`.
            let part = row.key.strip_prefix("summa:").and_then(|k| k.split(['/', ':', '#', '.']).next());
            let label = match (row.kind, group, part) {
                (RowKind::Subtotal, Some(group), _) if row.label.trim().is_empty() => subtotal_label(group),
                (RowKind::Total, _, Some(part)) if row.label.trim().is_empty() && !part.is_empty() => {
                    subtotal_label(part)
                }
                _ => typography::prose(&row.label),
            };
            (row, label)
        })
        .map(|(row, label)| BudgetRowView {
            kind: match row.kind {
                RowKind::Heading => "heading",
                RowKind::Line => "line",
                RowKind::Subtotal => "subtotal",
                RowKind::Total => "total",
                RowKind::Opening => "opening",
                RowKind::Result => "result",
            },
            id: row.id.clone(),
            label,
            marker: markers.mark(row.note.as_ref()),
            indented: row.indented,
            cells: if row.kind == RowKind::Heading {
                Vec::new()
            } else {
                columns.iter().map(|c| cell_view(cell(row, c).as_ref(), &mut markers)).collect()
            },
        })
        .collect();
    let mut notes =
        status_legend(budget.rows.iter().flat_map(|r| r.cells.iter().flatten().chain(r.previous.as_ref())));
    notes.extend(markers.notes);
    BudgetView {
        unit_line: unit_line(budget.unit),
        id_heading: budget.id_heading.clone(),
        label_heading: budget.label_heading.clone(),
        headings,
        rows,
        notes,
    }
}

/// "Summa individinriktade insatser" for the group "Individinriktade insatser"; a name that
/// starts with an abbreviation ("ESF-projekt") keeps its capitals.
fn subtotal_label(group: &str) -> String {
    let mut chars = group.chars();
    let name = match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(group.chars().skip(1)).collect()
        }
        _ => group.to_owned(),
    };
    format!("Summa {}", typography::prose(&name))
}

/// The explanation of `*` (prognos) and `**` (äskat) for the statuses a table uses.
fn status_legend<'a>(cells: impl Iterator<Item = &'a compute::Amount>) -> Vec<(String, String)> {
    let statuses: Vec<Status> = cells.filter_map(|c| c.status).collect();
    [(Status::Forecast, "prognos"), (Status::Requested, "äskat belopp")]
        .into_iter()
        .filter(|(status, _)| statuses.contains(status))
        .map(|(status, text)| (format!("{} =", status_marker(Some(status))), text.to_owned()))
        .collect()
}

fn contributions_view(table: &compute::ContributionTable) -> ContributionsView {
    let kr = |v| format!("{}{}kr", swedish::amount(v), swedish::NBSP);
    let percent = |v| table.percent_text(v);
    let [name, share, amount] = &table.column_headings;
    ContributionsView {
        heading: table.heading.clone(),
        headings: [name.clone(), share.clone(), amount.clone()],
        rows: table.rows.iter().map(|r| [r.name.clone(), percent(r.percent), kr(r.amount)]).collect(),
        total: [table.total_label.clone(), percent(rust_decimal::Decimal::ONE_HUNDRED), kr(table.total)],
        note: table.note.clone(),
    }
}

fn history_view(table: &compute::HistoryTable) -> HistoryView {
    let uses_status = table.rows.iter().flat_map(|r| &r.cells).flatten().any(|c| c.status.is_some());
    let mut markers = Markers::new(uses_status);
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let [a, b, c] = &row.cells;
            (
                row.year.to_string(),
                [
                    cell_view(a.as_ref(), &mut markers),
                    cell_view(b.as_ref(), &mut markers),
                    cell_view(c.as_ref(), &mut markers),
                ],
            )
        })
        .collect();
    let mut notes = status_legend(table.rows.iter().flat_map(|r| &r.cells).flatten());
    notes.extend(markers.notes);
    HistoryView {
        unit_line: format!("({})", table.unit.label()),
        headings: table.headings.clone(),
        rows,
        notes,
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
        MemberKind::Landsting => "landsting",
        MemberKind::Forsakringskassan => "försäkringskassan",
        MemberKind::Arbetsformedlingen => "arbetsförmedlingen",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlabelled_subtotal_is_named_after_its_group() {
        assert_eq!(subtotal_label("Individinriktade insatser"), "Summa individinriktade insatser");
        assert_eq!(subtotal_label("ESF-projekt 2024-2025"), "Summa ESF-projekt 2024–2025");
        assert_eq!(subtotal_label("Kansli"), "Summa kansli");
    }

    #[test]
    fn a_status_marker_hangs_apart_from_its_figure() {
        let mut markers = Markers::new(true);
        let amount = compute::Amount {
            value: rust_decimal::Decimal::new(7500, 0),
            note: Some("Osäker".to_owned()),
            status: Some(Status::Requested),
        };
        let cell = cell_view(Some(&amount), &mut markers);
        assert_eq!(cell.text, format!("1){}", swedish::amount(amount.value)));
        assert_eq!(cell.hanging, "**");
        let empty = cell_view(None, &mut markers);
        assert_eq!((empty.text.as_str(), empty.hanging.as_str()), ("", ""));
    }
}
