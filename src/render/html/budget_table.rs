//! A budget table as the web page groups it into `<tbody>` row groups.
//!
//! In: the budget's view (the rows the PDF is rendered from). Out: [`BudgetTable`], its rows in
//! groups, and how each year's figures line up on the decimal comma ([`super::comma`]).

use serde::Serialize;

use crate::render::views::{BudgetRowView, BudgetView};

use super::comma::Column;

/// A budget table as HTML needs it: each heading with the rows under it as one group
/// (`<tbody>` with a `rowgroup` header), the other rows in groups of their own. A part's
/// heading ("Kostnader") that stands right above a group's heading is read in that group's
/// `<tbody>`, so that every row-group header labels the rows it stands in.
#[derive(Serialize)]
pub(super) struct BudgetTable<'a> {
    view: &'a BudgetView,
    /// What the table holds ("Budget"); empty when the heading above says it.
    caption: String,
    /// The anchor of the heading the table stands under, if any.
    heading_id: Option<String>,
    /// Number of columns: the id (if shown), the label and one per year.
    width: usize,
    /// How each year's figures line up on the decimal comma.
    columns: Vec<Column>,
    groups: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct Group<'a> {
    part: Option<&'a BudgetRowView>,
    heading: Option<&'a BudgetRowView>,
    rows: Vec<&'a BudgetRowView>,
}

impl<'a> BudgetTable<'a> {
    pub(super) fn new(view: &'a BudgetView, caption: String, heading_id: Option<String>) -> Self {
        let mut groups: Vec<Group> = Vec::new();
        let mut part = None;
        // Whether the open group's heading heads the unindented lines after it (a part such
        // as "Intäkter" with its lines) rather than indented ones.
        let mut flat = false;
        for (i, row) in view.rows.iter().enumerate() {
            let next = view.rows.get(i + 1);
            if row.kind == "heading" {
                if next.is_some_and(|n| n.kind == "heading") {
                    part = Some(row);
                } else {
                    flat = next.is_some_and(|n| !n.indented && n.kind == "line");
                    groups.push(Group { part: part.take(), heading: Some(row), rows: Vec::new() });
                }
                continue;
            }
            // A group's own sum closes the group: it is read with the group's heading.
            let in_group = if flat {
                matches!(row.kind, "line" | "total")
            } else {
                row.indented || row.kind == "subtotal"
            };
            let open = groups.last().is_some_and(|g| {
                g.heading.is_some() && !g.rows.last().is_some_and(|r| matches!(r.kind, "subtotal" | "total"))
            });
            if (in_group && open) || groups.last().is_some_and(|g| g.heading.is_none() && g.part.is_none()) {
                groups.last_mut().expect("checked").rows.push(row);
            } else {
                flat = false;
                groups.push(Group { part: part.take(), heading: None, rows: vec![row] });
            }
        }
        let width = view.headings.len() + 1 + usize::from(view.id_heading.is_some());
        let columns = (0..view.headings.len())
            .map(|i| {
                Column::of(
                    view.rows
                        .iter()
                        .filter_map(|r| r.cells.get(i))
                        .map(|c| (c.text.as_str(), c.hanging.as_str())),
                )
            })
            .collect();
        Self { view, caption, heading_id, width, groups, columns }
    }
}
