//! The views: the pieces of a document the templates show, shared by the PDF and the web page.
//!
//! In: the plan's settings and the computed tables. Out: serialisable values with every figure
//! formatted by [`crate::swedish`] and every note marker handed out — the budget, the member
//! contributions, the equity history, the cover, the theme and the decision. The walker
//! ([`super::walker`]) places them in the body; the Typst and HTML templates only lay them out.

use minijinja::value::Value;
use serde::Serialize;

use super::typography;
use crate::compute::{self, Budget, Column, RowKind};
use crate::plan::{self, Align, BudgetExtract, MemberKind, Status};
use crate::swedish;

/// Förslag till beslut, set last by `templates/beslut.typ`.
#[derive(Debug, Serialize)]
pub(crate) struct DecisionView {
    pub(crate) heading: String,
    pub(crate) outlined: bool,
    pub(crate) lead: String,
    pub(crate) clauses: Vec<String>,
    pub(crate) place_date: String,
    pub(crate) sender: Option<String>,
    pub(crate) signatures: Vec<SignatureView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SignatureView {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
}

impl DecisionView {
    pub(crate) fn new(decision: &crate::plan::Decision, document_date: chrono::NaiveDate) -> Self {
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
pub(crate) struct ThemeView {
    pub(crate) accent: String,
    pub(crate) fill: String,
    pub(crate) rule: String,
    pub(crate) font: &'static str,
    pub(crate) heading_font: &'static str,
    pub(crate) justified: bool,
}

impl ThemeView {
    pub(crate) fn new(look: &plan::Look) -> Self {
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
pub(crate) struct LookView {
    pub(crate) cover_page: bool,
    pub(crate) placement: &'static str,
    pub(crate) alignment: &'static str,
    pub(crate) uppercase: bool,
    pub(crate) show_title: bool,
    pub(crate) association_first: bool,
    pub(crate) logo_height: u32,
    pub(crate) picture: Option<ImageView>,
    pub(crate) picture_height: u32,
    pub(crate) header_left: Option<String>,
    pub(crate) header_right: Option<String>,
    pub(crate) footer: Option<String>,
    /// The facts the cover or title block shows: `datum`, `ansvarig`, `diarienummer`, `beslut`.
    pub(crate) facts: Vec<&'static str>,
    /// Level-1 headings in capitals.
    pub(crate) heading_caps: bool,
    /// A full stop after a level-1 heading's number.
    pub(crate) number_full_stop: bool,
}

impl LookView {
    pub(crate) fn new(look: &plan::Look, full_title: &str, association: &str) -> Self {
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
pub(crate) struct DocumentView {
    pub(crate) title: String,
    /// The title with the year where the plan places it, on one line (PDF title, header).
    pub(crate) full_title: String,
    /// Where the cover puts the year: `efter`, `före` or `nej`.
    pub(crate) year_in_title: &'static str,
    pub(crate) slogan: Option<String>,
    /// The unheaded preamble, as Typst markup.
    pub(crate) preamble: Option<Value>,
    /// `under_titeln` or `före_innehållet`.
    pub(crate) preamble_placement: &'static str,
    pub(crate) subtitle: Option<String>,
    pub(crate) year: i32,
    pub(crate) date_iso: String,
    pub(crate) date: [u32; 3],
    pub(crate) responsible: Option<String>,
    pub(crate) registry_number: Option<String>,
    pub(crate) decision: Option<String>,
    pub(crate) motto: Option<String>,
    pub(crate) subject: String,
    pub(crate) keywords: Vec<String>,
    pub(crate) numbered: bool,
    pub(crate) contents: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct AssociationView {
    pub(crate) name: String,
    pub(crate) short_name: Option<String>,
    pub(crate) tagline: Option<String>,
    pub(crate) members: Vec<MemberView>,
    pub(crate) logo: Option<ImageView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MemberView {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct ImageView {
    /// The file as the plan names it, relative to the plan's folder (for HTML, which inlines it).
    #[serde(skip)]
    pub(crate) file: String,
    pub(crate) path: String,
    pub(crate) alt: Option<String>,
    pub(crate) caption: Option<String>,
    pub(crate) width: Option<u32>,
}

/// One piece of the document body, in reading order.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Node {
    Heading {
        level: usize,
        numbered: bool,
        text: String,
    },
    /// Text; `lead_in` is its last paragraph when that introduces the table or image after
    /// it, kept apart so that each format's template says how it stays with what follows.
    Markup {
        markup: Value,
        lead_in: Option<Value>,
    },
    Table {
        columns: Vec<ColumnView>,
        rows: Vec<Vec<Value>>,
        caption: Option<String>,
    },
    Image(ImageView),
    PageBreak,
    Actions {
        intro: String,
        items: Vec<Value>,
    },
    Targets {
        goal_heading: String,
        value_heading: String,
        rows: Vec<(String, String)>,
    },
    Budget(BudgetView),
    Contributions(ContributionsView),
    History(HistoryView),
}

#[derive(Debug, Serialize)]
pub(crate) struct ColumnView {
    pub(crate) heading: String,
    pub(crate) align: &'static str,
    pub(crate) width: u32,
}

#[derive(Debug, Serialize)]
pub(crate) struct BudgetView {
    pub(crate) unit_line: String,
    pub(crate) id_heading: Option<String>,
    pub(crate) label_heading: Option<String>,
    pub(crate) headings: Vec<String>,
    pub(crate) rows: Vec<BudgetRowView>,
    pub(crate) notes: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BudgetRowView {
    pub(crate) kind: &'static str,
    pub(crate) id: Option<String>,
    pub(crate) label: String,
    pub(crate) marker: Option<String>,
    pub(crate) indented: bool,
    pub(crate) cells: Vec<CellView>,
}

/// A figure cell: the figure (with a note's marker before it) and the status marker (`*`,
/// `**`) that hangs outside the column so the figures stay aligned.
#[derive(Debug, Serialize)]
pub(crate) struct CellView {
    pub(crate) text: String,
    pub(crate) hanging: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ContributionsView {
    pub(crate) heading: Option<String>,
    pub(crate) headings: [String; 3],
    pub(crate) rows: Vec<[String; 3]>,
    pub(crate) total: [String; 3],
    pub(crate) note: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct HistoryView {
    pub(crate) unit_line: String,
    pub(crate) headings: Vec<String>,
    pub(crate) rows: Vec<(String, [CellView; 3])>,
    pub(crate) notes: Vec<(String, String)>,
}

/// Hands out note markers in a table's reading order: `*`, `**`, `***` …, or `1)`, `2)` …
/// where the table also marks forecasts and requests with `*` and `**`. A note's marker
/// follows its place among every note of the whole table (`order`), so that an extract of a
/// budget shows a note with the same marker as the whole budget does; the same note text
/// has one marker.
struct Markers {
    numbered: bool,
    order: Vec<String>,
    /// The places in `order` of the notes this view shows.
    shown: Vec<usize>,
}

impl Markers {
    fn new(numbered: bool, order: Vec<String>) -> Self {
        Self { numbered, order, shown: Vec::new() }
    }

    fn marker(&self, place: usize) -> String {
        if self.numbered { format!("{})", place + 1) } else { "*".repeat(place + 1) }
    }

    fn mark(&mut self, note: Option<&String>) -> Option<String> {
        let note = note?;
        let place = match self.order.iter().position(|n| n == note) {
            Some(place) => place,
            None => {
                self.order.push(note.clone());
                self.order.len() - 1
            }
        };
        if !self.shown.contains(&place) {
            self.shown.push(place);
        }
        Some(self.marker(place))
    }

    /// The notes shown, in the order of their markers.
    fn notes(mut self) -> Vec<(String, String)> {
        self.shown.sort_unstable();
        self.shown.iter().map(|&place| (self.marker(place), self.order[place].clone())).collect()
    }
}

fn status_marker(status: Option<Status>) -> &'static str {
    match status {
        None => "",
        Some(Status::Forecast) => "*",
        Some(Status::Requested) => "**",
    }
}

/// A cell: the amount, then its note's marker and its status marker, hanging outside the
/// column so that the figures stay aligned ("7 077 600*", never "*7 077 600").
fn cell_view(amount: Option<&compute::ShownAmount>, markers: &mut Markers) -> CellView {
    match amount {
        None => CellView { text: String::new(), hanging: String::new() },
        Some(a) => {
            let note = markers.mark(a.note.as_ref()).unwrap_or_default();
            let status = status_marker(a.status);
            let hanging = [note.as_str(), status].into_iter().filter(|m| !m.is_empty()).collect::<Vec<_>>();
            CellView { text: swedish::amount(a.value), hanging: hanging.join(" ") }
        }
    }
}

fn unit_line(unit: plan::Unit) -> String {
    format!("(Belopp i {})", unit.label())
}

pub(crate) fn budget_view(budget: &Budget, extract: &BudgetExtract) -> BudgetView {
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
    // Every note of the whole budget, every column, in reading order.
    let all_columns = budget.columns(&(0..budget.years.len()).collect::<Vec<_>>());
    let mut order: Vec<String> = Vec::new();
    for row in &budget.rows {
        let notes = row
            .note
            .iter()
            .chain(all_columns.iter().filter_map(|c| row.cell(*c).and_then(|a| a.note.as_ref())));
        for note in notes {
            if !order.contains(note) {
                order.push(note.clone());
            }
        }
    }
    let uses_status = uses_status
        || budget
            .rows
            .iter()
            .any(|r| all_columns.iter().any(|c| cell(r, c).is_some_and(|c| c.status.is_some())));
    let mut markers = Markers::new(uses_status, order);
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
    notes.extend(markers.notes());
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
fn status_legend<'a>(cells: impl Iterator<Item = &'a compute::ShownAmount>) -> Vec<(String, String)> {
    let statuses: Vec<Status> = cells.filter_map(|c| c.status).collect();
    [(Status::Forecast, "prognos"), (Status::Requested, "äskat belopp")]
        .into_iter()
        .filter(|(status, _)| statuses.contains(status))
        .map(|(status, text)| (format!("{} =", status_marker(Some(status))), text.to_owned()))
        .collect()
}

pub(crate) fn contributions_view(table: &compute::ContributionTable) -> ContributionsView {
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

pub(crate) fn history_view(table: &compute::HistoryTable) -> HistoryView {
    let uses_status = table.rows.iter().flat_map(|r| &r.cells).flatten().any(|c| c.status.is_some());
    let mut markers = Markers::new(uses_status, Vec::new());
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
    notes.extend(markers.notes());
    HistoryView {
        unit_line: format!("({})", table.unit.label()),
        headings: table.headings.clone(),
        rows,
        notes,
    }
}

/// A plan-relative file name as an absolute path in the Typst world, whose root is the
/// plan's folder.
pub(crate) fn world_path(name: &str) -> String {
    format!("/{}", name.trim_start_matches("./").replace('\\', "/"))
}

pub(crate) fn align(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Right => "right",
        Align::Center => "center",
    }
}

pub(crate) fn member_kind(kind: MemberKind) -> &'static str {
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
    pub(crate) fn an_unlabelled_subtotal_is_named_after_its_group() {
        assert_eq!(subtotal_label("Individinriktade insatser"), "Summa individinriktade insatser");
        assert_eq!(subtotal_label("ESF-projekt 2024-2025"), "Summa ESF-projekt 2024–2025");
        assert_eq!(subtotal_label("Kansli"), "Summa kansli");
    }

    #[test]
    pub(crate) fn a_status_marker_hangs_apart_from_its_figure() {
        let mut markers = Markers::new(true, Vec::new());
        let amount = compute::ShownAmount {
            value: rust_decimal::Decimal::new(7500, 0),
            note: Some("Osäker".to_owned()),
            status: Some(Status::Requested),
        };
        let cell = cell_view(Some(&amount), &mut markers);
        assert_eq!(cell.text, swedish::amount(amount.value));
        assert_eq!(cell.hanging, "1) **");
        let empty = cell_view(None, &mut markers);
        assert_eq!((empty.text.as_str(), empty.hanging.as_str()), ("", ""));
    }
}
