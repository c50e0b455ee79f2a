//! The plan as a web page: one self-contained, accessible HTML file, and a short summary.
//!
//! In: a checked plan, its computed figures and the name of the PDF beside the page (both
//! pages link to it). Out: HTML text. The view is the one the PDF is rendered from
//! (`render::walker::Context`): the same nodes, budget rows, note markers and figures formatted by
//! [`crate::swedish`]; this module adds only what a web page needs — heading numbers and
//! anchors, the contents list as links, images inlined as `data:` addresses (SVG images drawn
//! again with their text in vplan's fonts, [`svg`]), the budget's row groups, figures aligned
//! on their decimal comma ([`comma`]) and the footnotes collected at the end.
//!
//! Escaping happens once per piece of text: every `{{ }}` in `templates/plan.html.j2` and
//! `templates/sammanfattning.html.j2` goes through [`escape::html`] in the template engine's
//! formatter, and the plan's Markdown is converted to HTML once by [`markdown`] (after figure
//! substitution), which escapes every text run with the same function.

mod budget_table;
mod comma;
pub mod markdown;
mod pictures;
mod svg;

use std::path::Path;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::compute::Computed;
use crate::error::Error;
use crate::plan::{self, Loaded, Text};
use crate::render::engine::{self, fill};
use crate::render::escape;
use crate::render::typography;
use crate::render::views::{
    AssociationView, BudgetRowView, DecisionView, DocumentView, LookView, Node, ThemeView, budget_view,
};
use crate::render::walker::{Body, Context, Target};
use crate::templates;

use self::budget_table::BudgetTable;
use self::comma::Column;
use self::markdown::Footnotes;
use self::pictures::{Picture, picture};

/// The whole plan as one HTML page that links to the PDF named `pdf`.
pub fn page(loaded: &Loaded, computed: &Computed, pdf: &Path) -> Result<String, Error> {
    let (context, target) = Context::build(loaded, computed, Target::Html(Footnotes::default()))?;
    let Target::Html(footnotes) = target else { unreachable!("built for HTML") };
    let font = ThemeView::new(&loaded.plan.look).font;
    let mut headings = Headings::new(context.document.numbered, context.look.number_full_stop, font);
    let mut body = Vec::with_capacity(context.body.len());
    for node in &context.body {
        body.push(headings.node(loaded, node)?);
    }
    // The first heading is the title when the cover shows none: on the page it is the one
    // `h1`, not a second title under the cover's.
    let title_in_body = context.title_in_body;
    if title_in_body {
        body[0].tag = 1;
    }
    // Förslag till beslut comes last, a heading of the first level without a number.
    if let Some(decision) = context.decision.as_ref().filter(|d| d.outlined) {
        headings.contents.push(Entry {
            id: DECISION_ID.to_owned(),
            number: None,
            text: decision.heading.clone(),
            children: Vec::new(),
        });
    }
    let view = PageView {
        document: &context.document,
        association: &context.association,
        style: Style::new(&loaded.plan.look),
        cover: Cover { alignment: context.look.alignment, uppercase: context.look.uppercase },
        look: &context.look,
        logo: context.association.logo.as_ref().map(|logo| picture(loaded, logo, font, None)).transpose()?,
        picture: context.look.picture.as_ref().map(|p| picture(loaded, p, font, None)).transpose()?,
        contents: headings.contents,
        title_in_body,
        body,
        decision: context.decision.as_ref(),
        decision_id: DECISION_ID,
        footnotes: notes(footnotes),
        pdf: Link::to(pdf),
    };
    fill(&environment()?, "plan.html.j2", view)
}

/// The short summary of the plan that the national web guidelines ask for beside a PDF: title,
/// förbund, year, the målområden with their insatser, the budget's totals and a link to the
/// PDF named `pdf`.
pub fn summary(loaded: &Loaded, computed: &Computed, pdf: &Path) -> Result<String, Error> {
    let plan = &loaded.plan;
    let (context, _) = Context::build(loaded, computed, Target::Html(Footnotes::default()))?;
    let mut body = Body::new(loaded, computed, Target::Html(Footnotes::default()));
    let year = plan.year();
    let areas = plan
        .goal_areas
        .iter()
        .map(|area| AreaView {
            heading: typography::prose(&area.heading.value),
            intro: typography::prose(
                &area.actions_heading.clone().unwrap_or_else(|| format!("Insatser under {year}:")),
            ),
            actions: area
                .actions
                .iter()
                .map(|a| body.inline(&Text::new(a.value.text.clone(), a.referenced, a.defined)))
                .collect(),
            targets: area
                .targets
                .iter()
                .map(|t| (typography::prose(&t.goal), typography::prose(&t.value)))
                .collect(),
        })
        .collect();
    if !body.errors.is_empty() {
        return Err(loaded.error(body.errors));
    }
    let Target::Html(footnotes) = body.target else { unreachable!("built for HTML") };
    let totals = computed.budget.as_ref().map(|budget| {
        let mut view = budget_view(budget, &plan::BudgetExtract::default());
        view.rows = top_level(std::mem::take(&mut view.rows));
        // Keep the notes whose marker a remaining row shows.
        let shown: Vec<String> = view
            .rows
            .iter()
            .flat_map(|row| {
                row.marker.iter().cloned().chain(row.cells.iter().map(|c| format!("{}{}", c.text, c.hanging)))
            })
            .collect();
        view.notes.retain(|(marker, _)| {
            let marker = marker.trim_end_matches(" =");
            shown.iter().any(|text| text.contains(marker))
        });
        view
    });
    let view = SummaryView {
        document: &context.document,
        association: &context.association,
        style: Style::new(&plan.look),
        areas,
        // Under the heading "Budget": the caption says what the rows are, not the heading again.
        totals: totals.as_ref().map(|budget| BudgetTable::new(budget, "Summor".to_owned(), None)),
        footnotes: notes(footnotes),
        pdf: Link::to(pdf),
    };
    fill(&environment()?, "sammanfattning.html.j2", view)
}

/// The budget's top-level rows, for the summary: each group that closes with its own sum
/// becomes one line named after the group, with that sum; every other row (lines outside a
/// group, the parts' headings, totals, results, and the lines of a group without a sum) stays,
/// so that the lines add up to the totals under them.
fn top_level(rows: Vec<BudgetRowView>) -> Vec<BudgetRowView> {
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while let Some(row) = rows.next() {
        if row.kind != "heading" || row.indented {
            out.push(row);
            continue;
        }
        let mut members = Vec::new();
        while let Some(member) = rows.next_if(|r| r.indented) {
            members.push(member);
        }
        match rows.next_if(|r| r.kind == "subtotal") {
            Some(mut sum) if !members.is_empty() => {
                sum.kind = "line";
                sum.label = row.label;
                sum.marker = row.marker.or(sum.marker);
                out.push(sum);
            }
            sum => {
                out.push(row);
                out.extend(members);
                out.extend(sum);
            }
        }
    }
    out
}

/// A web page of another document kind: the HTML template `name` (one of
/// [`templates::HTML`]) filled with `view` and `pdf`, the link to the PDF named `pdf` (`href`,
/// `name`), every printed value escaped once.
pub fn document(name: &str, view: impl Serialize, pdf: &Path) -> Result<String, Error> {
    #[derive(Serialize)]
    struct WithPdf<V> {
        #[serde(flatten)]
        view: V,
        pdf: Link,
    }
    fill(&environment()?, name, WithPdf { view, pdf: Link::to(pdf) })
}

/// A page of a document kind of its own, `name` filled with `view`, the link to its PDF `pdf`
/// and `style`, the plan's look as CSS values for `stil.css.j2` (the plan's style sheet).
pub fn styled_document(
    name: &str,
    view: impl Serialize,
    look: &plan::Look,
    pdf: &Path,
) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Styled<V> {
        #[serde(flatten)]
        view: V,
        pdf: Link,
        style: Style,
    }
    fill(&environment()?, name, Styled { view, pdf: Link::to(pdf), style: Style::new(look) })
}

/// The template engine for HTML: a misspelt variable is an error, and every printed value is
/// escaped by [`escape::html`] unless it is HTML this module made (a safe value).
fn environment() -> Result<Environment<'static>, Error> {
    let mut env = engine::new(AutoEscape::Html, escape::html)?;
    // A kind of node the page template does not know (one added to the view for the PDF) is
    // vplan's bug, not a part of the plan silently left out of the page.
    env.add_function("unknown_node", |kind: String| -> Result<String, minijinja::Error> {
        Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("plan.html.j2 kan inte visa delar av sorten {kind}"),
        ))
    });
    // A figure in a table column, aligned on the decimal comma (see `comma`).
    // `column` is a [`Column`] as the view has it: `decimals` and `hanging`.
    let column = |column: Value| -> Result<Column, minijinja::Error> {
        let decimals = column.get_attr("decimals")?;
        let hanging = column.get_attr("hanging")?;
        Ok(Column {
            decimals: usize::try_from(decimals).unwrap_or(0),
            hanging: hanging.as_str().unwrap_or_default().to_owned(),
        })
    };
    env.add_function("figure", move |text: String, hanging: String, aligned: Value| {
        Ok::<_, minijinja::Error>(Value::from_safe_string(comma::figure(&text, &hanging, &column(aligned)?)))
    });
    env.add_function("figure_cell", move |html: Value, aligned: Value| {
        Ok::<_, minijinja::Error>(Value::from_safe_string(comma::cell(&html.to_string(), &column(aligned)?)))
    });
    for (name, source) in templates::HTML {
        env.add_template(name, source).map_err(|e| Error::bug(format!("mallen {name}: {e:#}")))?;
    }
    Ok(env)
}

/// Everything `plan.html.j2` sees.
#[derive(Serialize)]
struct PageView<'a> {
    document: &'a DocumentView,
    association: &'a AssociationView,
    style: Style,
    cover: Cover,
    /// The cover's facts and the headings' style, as the PDF has them.
    look: &'a LookView,
    logo: Option<Picture>,
    picture: Option<Picture>,
    contents: Vec<Entry>,
    /// Whether the plan's first heading is its title (`visa_titel: false`): it is then the
    /// page's `h1`, and the cover does not show the title a second time.
    title_in_body: bool,
    body: Vec<PageNode<'a>>,
    decision: Option<&'a DecisionView>,
    decision_id: &'static str,
    footnotes: Vec<Value>,
    pdf: Link,
}

/// The anchor of Förslag till beslut.
const DECISION_ID: &str = "forslag-till-beslut";

/// Everything `sammanfattning.html.j2` sees.
#[derive(Serialize)]
struct SummaryView<'a> {
    document: &'a DocumentView,
    association: &'a AssociationView,
    style: Style,
    areas: Vec<AreaView>,
    totals: Option<BudgetTable<'a>>,
    footnotes: Vec<Value>,
    pdf: Link,
}

#[derive(Serialize)]
struct AreaView {
    heading: String,
    intro: String,
    actions: Vec<Value>,
    /// The verksamhetsmål: each goal with its målvärde.
    targets: Vec<(String, String)>,
}

/// The cover's alignment (`left`, `center`, `right`) and whether its title is in capitals, as
/// the theme sets them for the PDF's cover.
#[derive(Serialize)]
struct Cover {
    alignment: &'static str,
    uppercase: bool,
}

/// The theme's colours (checked `#rrggbb` values) and fonts, as CSS values.
#[derive(Serialize)]
struct Style {
    accent: String,
    fill: String,
    rule: String,
    font: &'static str,
    heading_font: &'static str,
}

impl Style {
    fn new(look: &plan::Look) -> Self {
        let theme = ThemeView::new(look);
        Self {
            accent: theme.accent,
            fill: theme.fill,
            rule: theme.rule,
            font: font_stack(theme.font),
            heading_font: font_stack(theme.heading_font),
        }
    }
}

/// A CSS font list for one of vplan's fonts: the font itself if the reader has it, then the
/// one it is metrically compatible with, then the generic family. Unquoted, so that it needs
/// no escaping inside the style element.
fn font_stack(font: &str) -> &'static str {
    match font {
        "Caladea" => "Caladea, Cambria, Georgia, serif",
        "DejaVu Sans Mono" => "DejaVu Sans Mono, monospace",
        _ => "Carlito, Calibri, Segoe UI, Helvetica Neue, Arial, sans-serif",
    }
}

/// A link to the PDF beside the page.
#[derive(Serialize)]
struct Link {
    /// The address, relative to the page (percent-encoded).
    href: String,
    /// The file's name, as the reader sees it.
    name: String,
}

impl Link {
    fn to(pdf: &Path) -> Self {
        let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Self { href: percent_encoded(&name), name }
    }
}

/// A file name as a relative URL: every byte outside the unreserved characters of RFC 3986 is
/// percent-encoded, so a space or an `å` in the name still makes a working link.
fn percent_encoded(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The footnotes' HTML, which the Markdown converter made and escaped.
fn notes(footnotes: Footnotes) -> Vec<Value> {
    footnotes.notes.into_iter().map(Value::from_safe_string).collect()
}

/// One entry of the contents list, with the entries below it.
#[derive(Serialize)]
struct Entry {
    id: String,
    number: Option<String>,
    text: String,
    children: Vec<Entry>,
}

/// One node of the body with what the page adds to it.
#[derive(Serialize)]
struct PageNode<'a> {
    node: &'a Node,
    /// A heading's anchor.
    id: Option<String>,
    /// A heading's number, "3.1.2", in a numbered document.
    number: Option<String>,
    /// A heading's element level: the title is the page's one `h1`, so sections start at `h2`.
    tag: usize,
    /// An image, inlined.
    picture: Option<Picture>,
    /// A budget table, its rows in groups.
    budget: Option<BudgetTable<'a>>,
    /// The caption of a table the plan gives none (verksamhetsmål, medlemsbidrag, eget
    /// kapital): what the table holds, or nothing when the heading above already says it.
    caption: Option<String>,
    /// The anchor of the heading the table stands under, which names the table's region with
    /// its caption.
    heading_id: Option<String>,
    /// How each column's figures line up on the decimal comma (medlemsbidrag, eget kapital,
    /// a typed table's right-aligned columns).
    columns: Vec<Column>,
}

/// Numbers the headings as the PDF does (`1.1`, numbered headings only) and collects the
/// contents list, three levels deep like the PDF's.
struct Headings {
    numbered: bool,
    /// A full stop after a level-1 heading's number ("1.").
    full_stop: bool,
    counters: Vec<usize>,
    count: usize,
    contents: Vec<Entry>,
    /// The text of the last heading, so that the captions of the tables under it do not say
    /// it again, and its anchor.
    last: String,
    last_id: String,
    /// The plan's body font, for the text of SVG images.
    font: &'static str,
    /// How many images the body has shown, for their figures' anchors.
    pictures: usize,
}

impl Headings {
    fn new(numbered: bool, full_stop: bool, font: &'static str) -> Self {
        Self {
            numbered,
            full_stop,
            font,
            pictures: 0,
            counters: Vec::new(),
            count: 0,
            contents: Vec::new(),
            last: String::new(),
            last_id: String::new(),
        }
    }

    fn node<'a>(&mut self, loaded: &Loaded, node: &'a Node) -> Result<PageNode<'a>, Error> {
        let mut page = PageNode {
            node,
            id: None,
            number: None,
            tag: 0,
            picture: None,
            budget: None,
            caption: None,
            heading_id: (!self.last_id.is_empty()).then(|| self.last_id.clone()),
            columns: Vec::new(),
        };
        match node {
            Node::Heading { level, numbered, text } => {
                self.count += 1;
                let id = format!("rubrik-{}", self.count);
                let number = (self.numbered && *numbered).then(|| {
                    self.counters.resize(*level, 0);
                    self.counters[level - 1] += 1;
                    let number = self.counters.iter().map(usize::to_string).collect::<Vec<_>>().join(".");
                    if self.full_stop && *level == 1 { format!("{number}.") } else { number }
                });
                if *level <= 3 {
                    let entry = Entry {
                        id: id.clone(),
                        number: number.clone(),
                        text: text.clone(),
                        children: Vec::new(),
                    };
                    let mut siblings = &mut self.contents;
                    for _ in 1..*level {
                        if siblings.is_empty() {
                            break;
                        }
                        siblings = &mut siblings.last_mut().expect("not empty").children;
                    }
                    siblings.push(entry);
                }
                self.last = text.clone();
                self.last_id = id.clone();
                page.id = Some(id);
                page.number = number;
                page.tag = (level + 1).min(6);
            }
            Node::Image(image) => {
                self.pictures += 1;
                page.picture =
                    Some(picture(loaded, image, self.font, Some(format!("bild-{}", self.pictures)))?);
            }
            Node::Budget(budget) => {
                let caption = self.caption("Budget").unwrap_or_default();
                page.budget = Some(BudgetTable::new(budget, caption, page.heading_id.clone()));
            }
            Node::Targets { .. } => page.caption = self.caption("Verksamhetsmål"),
            Node::Contributions(table) => {
                page.caption = table.heading.clone().or_else(|| self.caption("Medlemsbidrag"));
                page.columns = (0..3)
                    .map(|i| Column::of(table.rows.iter().chain([&table.total]).map(|r| (r[i].as_str(), ""))))
                    .collect();
            }
            Node::History(history) => {
                page.caption = self.caption("Eget kapital");
                page.columns = (0..3)
                    .map(|i| {
                        Column::of(
                            history
                                .rows
                                .iter()
                                .map(|(_, cells)| (cells[i].text.as_str(), cells[i].hanging.as_str())),
                        )
                    })
                    .collect();
            }
            Node::Table { columns, rows, .. } => {
                page.columns = (0..columns.len())
                    .map(|i| {
                        let cells: Vec<String> = if columns[i].align == "right" {
                            rows.iter().filter_map(|r| r.get(i)).map(Value::to_string).collect()
                        } else {
                            Vec::new()
                        };
                        // Only plain text lines up; a cell with markup keeps its place.
                        Column::of(cells.iter().filter(|c| !c.contains(['<', '&'])).map(|c| (c.as_str(), "")))
                    })
                    .collect();
            }
            _ => {}
        }
        Ok(page)
    }

    /// The caption of a table of the sort `kind` ("Budget") under the last heading: the sort,
    /// unless the heading already names it ("Budget 2026", "Treårsbudget"). The caption never
    /// repeats the heading; the table's region is named by the heading and the caption together.
    fn caption(&self, kind: &str) -> Option<String> {
        (!self.last.to_lowercase().contains(&kind.to_lowercase())).then(|| kind.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_relative_urls() {
        assert_eq!(percent_encoded("plan 2026 å.pdf"), "plan%202026%20%C3%A5.pdf");
        assert_eq!(percent_encoded("a&b\"<c>.pdf"), "a%26b%22%3Cc%3E.pdf");
    }
}
