//! Writing the budget table's rows: each part's heading, lines, groups with their subtotals and
//! total, in the plan's order, with the sign convention applied and a unique key per row.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Row, RowKind, ShownAmount, Values};
use crate::plan::{Line, LineGroup};

/// Writes the table's rows.
pub(super) struct Table<'a> {
    pub(super) rows: Vec<Row>,
    values: Values<'a>,
    /// The labels of the part and groups being written.
    path: Vec<String>,
    /// How often each key has been used, to tell apart two rows with the same label.
    keys: HashMap<String, usize>,
}

impl<'a> Table<'a> {
    pub(super) fn new(values: Values<'a>) -> Self {
        Self { rows: Vec::new(), values, path: Vec::new(), keys: HashMap::new() }
    }

    /// A key unique within the table: `base`, or `base#2` for its second use.
    fn key(&mut self, base: String) -> String {
        let count = self.keys.entry(base.clone()).or_default();
        *count += 1;
        if *count == 1 { base } else { format!("{base}#{count}") }
    }

    fn push(&mut self, kind: RowKind, key: String, row: Row) {
        let prefix = match kind {
            RowKind::Heading => "rubrik",
            RowKind::Line => "rad",
            RowKind::Subtotal => "delsumma",
            RowKind::Total | RowKind::Opening | RowKind::Result => "summa",
        };
        let key = self.key(format!("{prefix}:{key}"));
        self.rows.push(Row { key, ..row });
    }

    pub(super) fn figure_row(&mut self, kind: RowKind, key: &str, label: &str, cells: Vec<Option<Decimal>>) {
        let row = Row {
            kind,
            label: label.to_owned(),
            id: None,
            cells: cells.into_iter().map(|c| c.map(ShownAmount::plain)).collect(),
            note: None,
            indented: false,
            path: vec![label.to_owned()],
            key: String::new(),
            previous: None,
        };
        self.push(kind, key.to_owned(), row);
    }

    /// A part's rows: its header, its lines, its total; `negate` applies the sign convention.
    pub(super) fn part(&mut self, group: &LineGroup, key: &str, name: &str, negate: bool) {
        if let Some(heading) = &group.heading {
            self.figure_row(RowKind::Heading, key, heading, Vec::new());
        }
        self.path = vec![group.heading.clone().unwrap_or_else(|| name.to_owned())];
        let mut keys = vec![key.to_owned()];
        for line in &group.lines {
            self.line(line, false, negate, &mut keys);
        }
        if let Some(label) = &group.total_label {
            let total = self.values.part_total(group);
            self.figure_row(
                RowKind::Total,
                key,
                label,
                total.into_iter().map(|t| Some(shown(t, negate))).collect(),
            );
        }
    }

    fn line(&mut self, line: &Line, indented: bool, negate: bool, keys: &mut Vec<String>) {
        let label = match (&line.name, &line.action) {
            (Some(name), _) => name.value.clone(),
            (None, Some(id)) => {
                let action = self.values.actions.get(id.value.as_str());
                action.map(|a| a.name.clone().unwrap_or_else(|| a.text.clone())).unwrap_or_default()
            }
            (None, None) => String::new(),
        };
        let id = line.id.clone();
        // A cost centre or account is the same row under a new name; otherwise the label is
        // what identifies it.
        keys.push(id.clone().unwrap_or_else(|| label.clone()));
        self.path.push(label.clone());
        let key = keys.join("/");
        let path = self.path.clone();
        let scale = self.values.scale;
        match &line.lines {
            None => {
                let cells = self
                    .values
                    .cells(line)
                    .into_iter()
                    .map(|c| {
                        c.map(|c| ShownAmount {
                            value: shown(c.amount.0 * scale, negate),
                            note: c.note.clone(),
                            status: c.status,
                        })
                    })
                    .collect();
                let row = Row {
                    kind: RowKind::Line,
                    label,
                    id,
                    cells,
                    note: line.note.clone(),
                    indented,
                    path,
                    key: String::new(),
                    previous: None,
                };
                self.push(RowKind::Line, key, row);
            }
            Some(lines) => {
                let row = Row {
                    kind: RowKind::Heading,
                    label,
                    id: id.clone(),
                    cells: Vec::new(),
                    note: line.note.clone(),
                    indented,
                    path: path.clone(),
                    key: String::new(),
                    previous: None,
                };
                self.push(RowKind::Heading, key.clone(), row);
                for child in lines {
                    self.line(child, true, negate, keys);
                }
                // The group's own amounts (years its lines leave blank) and notes on them.
                let own = self.values.cells(line);
                let total = self.values.value(line);
                let cells: Vec<Option<ShownAmount>> = total
                    .iter()
                    .zip(&own)
                    .map(|(value, cell)| {
                        value.map(|v| ShownAmount {
                            value: shown(v, negate),
                            note: cell.as_ref().and_then(|c| c.note.clone()),
                            status: cell.as_ref().and_then(|c| c.status),
                        })
                    })
                    .collect();
                if let Some(subtotal) = &line.subtotal_label {
                    let row = Row {
                        kind: RowKind::Subtotal,
                        label: subtotal.clone(),
                        id,
                        cells,
                        note: None,
                        indented: false,
                        path,
                        key: String::new(),
                        previous: None,
                    };
                    self.push(RowKind::Subtotal, key, row);
                }
            }
        }
        keys.pop();
        self.path.pop();
    }
}

/// A value as the sign convention shows it.
fn shown(value: Decimal, negate: bool) -> Decimal {
    if negate { -value } else { value }
}
