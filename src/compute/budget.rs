//! The budget table: rows in order with their amounts, each year's totals, result and eget
//! kapital, and the predecessor's column beside this year's.

mod table;

use std::collections::HashMap;

use rust_decimal::Decimal;

use self::table::Table;
use super::Convention;
use crate::plan::{Action, BudgetPlan, Cell, Line, LineGroup, Part, Signs, Status, SummaryFigure, Unit};

/// The computed budget: the table's rows and each year's key figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// The unit the amounts are in.
    pub unit: Unit,
    /// The year columns, in table order.
    pub years: Vec<i32>,
    /// The column headings.
    pub headings: Vec<String>,
    /// Heading of the ID column, if shown.
    pub id_heading: Option<String>,
    /// Heading over the labels.
    pub label_heading: Option<String>,
    /// The table's rows, top to bottom.
    pub rows: Vec<Row>,
    /// Each year's key figures, in column order.
    pub figures: Vec<YearFigures>,
    /// The heading of the predecessor's column, shown after the first year, if the plan asks
    /// for it; each row's figure is in [`Row::previous`].
    pub previous_heading: Option<String>,
}

/// What a row of the budget table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A header row without amounts ("Intäkter", a group's name).
    Heading,
    /// A line typed in the plan.
    Line,
    /// A group's subtotal.
    Subtotal,
    /// A total: income, costs, the opening beslutsutrymme, or a summary row.
    Total,
    /// The opening eget kapital of each year.
    Opening,
    /// The year's result.
    Result,
}

/// One row of the budget table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What kind of row it is.
    pub kind: RowKind,
    /// The label.
    pub label: String,
    /// The cost centre's or account's number, for the ID column.
    pub id: Option<String>,
    /// One cell per year, as shown (sign convention applied); `None` is a blank cell.
    pub cells: Vec<Option<ShownAmount>>,
    /// A note on the label.
    pub note: Option<String>,
    /// Whether the row belongs to a group and is indented under its heading.
    pub indented: bool,
    /// Where the row sits: the part and the groups above it, and its own label, for
    /// comparing plans and for messages ("Kostnader › Samverkansinsatser › Processtöd").
    pub path: Vec<String>,
    /// What identifies the row across two plans: the part, then ids or labels down the tree.
    pub key: String,
    /// The predecessor plan's figure for this row, when the predecessor's column is shown.
    pub previous: Option<ShownAmount>,
}

impl Row {
    /// The row's amount in `column`, if any.
    pub fn cell(&self, column: Column) -> Option<&ShownAmount> {
        match column {
            Column::Year(i) => self.cells.get(i).and_then(Option::as_ref),
            Column::Previous => self.previous.as_ref(),
        }
    }
}

/// An amount as a table cell shows it (in the unit and with the sign the plan wants shown),
/// with its note or status. What the plan wrote is a [`crate::plan::Amount`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownAmount {
    /// The value as shown.
    pub value: Decimal,
    /// A note on this amount.
    pub note: Option<String>,
    /// Forecast or request.
    pub status: Option<Status>,
}

impl ShownAmount {
    pub(super) fn plain(value: Decimal) -> Self {
        Self { value, note: None, status: None }
    }
}

/// A year's key figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Total income.
    pub income: Decimal,
    /// Total costs.
    pub costs: Decimal,
    /// Income minus costs.
    pub result: Decimal,
    /// Eget kapital at the start of the year, when the plan states the chain.
    pub opening: Option<Decimal>,
    /// Income plus opening eget kapital ("totalt ingående beslutsutrymme").
    pub available: Option<Decimal>,
    /// Eget kapital at the end of the year.
    pub closing: Option<Decimal>,
}

/// The member contributions as budget lines can show them: per year column, the tables of
/// that year, and the factor from kronor into the budget's unit.
#[derive(Debug, Clone, Default)]
pub(super) struct Linked {
    /// Year index to the contribution tables for that year.
    pub tables: HashMap<usize, Vec<super::ContributionTable>>,
    /// Kronor into the budget's unit.
    pub factor: Decimal,
}

impl Linked {
    /// What `names` stand for in year column `i`, in the budget's unit: the sum of the rows
    /// they name, each row once; `None` when the year has no table or a name names nothing.
    pub(super) fn amount(&self, i: usize, names: &[String]) -> Option<Decimal> {
        let tables = self.tables.get(&i)?;
        let rows: Vec<&super::ContributionLine> = tables.iter().flat_map(|t| &t.rows).collect();
        let named: Vec<super::contributions::NamedRow> = tables.iter().flat_map(|t| t.named_rows()).collect();
        let mut chosen = vec![false; rows.len()];
        for name in names {
            let found = super::contributions::rows_named(&named, name);
            if found.is_empty() {
                return None;
            }
            found.into_iter().for_each(|r| chosen[r] = true);
        }
        Some(
            rows.iter().zip(&chosen).filter(|(_, c)| **c).map(|(r, _)| r.amount).sum::<Decimal>()
                * self.factor,
        )
    }
}

pub(super) fn budget(
    plan: &BudgetPlan,
    actions: &HashMap<&str, &Action>,
    convention: Convention,
    linked: Option<&Linked>,
) -> Budget {
    let years = plan.years.value.clone();
    let n = years.len();
    let headings = match &plan.column_headings {
        Some(h) => h.value.clone(),
        None => years.iter().map(ToString::to_string).collect(),
    };
    let values = Values { years: n, linked, actions, scale: convention.scale };
    let income = values.part_total(&plan.income);
    let costs = values.part_total(&plan.costs);
    let mut figures = Vec::with_capacity(n);
    let mut opening = plan.equity.as_ref().map(|e| e.opening.value.0 * convention.scale);
    for i in 0..n {
        let available = opening.map(|o| income[i] + o);
        let closing = available.map(|a| a - costs[i]);
        figures.push(YearFigures {
            year: years[i],
            income: income[i],
            costs: costs[i],
            result: income[i] - costs[i],
            opening,
            available,
            closing,
        });
        // Each later year opens with the previous year's closing balance.
        opening = closing;
    }

    let mut table = Table::new(values);
    for part in &plan.order.value {
        match part {
            Part::Income => {
                let negate = convention.signs == Signs::IncomeNegative;
                table.part(&plan.income, "intäkter", "Intäkter", negate);
                if let Some(equity) = &plan.equity {
                    if let Some(label) = &equity.label {
                        table.figure_row(
                            RowKind::Opening,
                            "ingående",
                            label,
                            figures.iter().map(|f| f.opening).collect(),
                        );
                    }
                    if let Some(label) = &equity.total_label {
                        table.figure_row(
                            RowKind::Total,
                            "beslutsutrymme",
                            label,
                            figures.iter().map(|f| f.available).collect(),
                        );
                    }
                }
            }
            Part::Costs => {
                table.part(&plan.costs, "kostnader", "Kostnader", convention.signs == Signs::CostsNegative)
            }
        }
    }
    for row in &plan.summary {
        let cells = figures.iter().map(|f| summary_value(f, row.figure)).collect();
        table.figure_row(RowKind::Total, &format!("summering/{:?}", row.figure), &row.label, cells);
    }
    if let Some(label) = &plan.result_label {
        table.figure_row(
            RowKind::Result,
            "resultat",
            label,
            figures.iter().map(|f| Some(f.result)).collect(),
        );
    }

    Budget {
        unit: plan.unit,
        years,
        headings,
        id_heading: plan.id_heading.clone(),
        label_heading: plan.label_heading.clone(),
        rows: table.rows,
        figures,
        previous_heading: None,
    }
}

/// A column of the budget table: one of the plan's years (by index), or the predecessor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The year at this index of [`Budget::years`].
    Year(usize),
    /// The predecessor plan's figures ([`Row::previous`]).
    Previous,
}

impl Budget {
    /// The table's columns when the years at indexes `shown` are shown, in that order: the
    /// predecessor's column, if the plan asks for it, stands right after this plan's first
    /// year, when that is shown.
    pub fn columns(&self, shown: &[usize]) -> Vec<Column> {
        let mut columns: Vec<Column> = shown.iter().map(|&i| Column::Year(i)).collect();
        if self.previous_heading.is_some()
            && let Some(at) = shown.iter().position(|&i| i == 0)
        {
            columns.insert(at + 1, Column::Previous);
        }
        columns
    }

    /// A column's heading.
    pub fn heading(&self, column: Column) -> String {
        match column {
            Column::Year(i) => self.headings.get(i).cloned().unwrap_or_default(),
            Column::Previous => self.previous_heading.clone().unwrap_or_default(),
        }
    }

    /// Adds the predecessor's column `column` beside this budget's first year. Rows are
    /// matched by key; a row only the predecessor has is shown with blank cells for this
    /// plan's years, so that the predecessor's column still adds up.
    pub(super) fn add_previous(&mut self, before: &Budget, column: usize, heading: String) {
        let ours: Vec<&str> = self.rows.iter().map(|r| r.key.as_str()).collect();
        let theirs: Vec<&str> = before.rows.iter().map(|r| r.key.as_str()).collect();
        let mut merged = Vec::with_capacity(self.rows.len());
        for op in similar::capture_diff_slices(similar::Algorithm::Patience, &theirs, &ours) {
            for change in op.iter_changes(&theirs, &ours) {
                let (old, new) = (change.old_index(), change.new_index());
                let mut row = match (old, new) {
                    (_, Some(i)) => self.rows[i].clone(),
                    (Some(i), None) => {
                        let mut row = before.rows[i].clone();
                        row.cells =
                            vec![None; if row.kind == RowKind::Heading { 0 } else { self.years.len() }];
                        row
                    }
                    (None, None) => continue,
                };
                row.previous = old.and_then(|i| before.rows[i].cells.get(column).cloned().flatten());
                merged.push(row);
            }
        }
        self.rows = merged;
        self.previous_heading = Some(heading);
    }
}

fn summary_value(figures: &YearFigures, figure: SummaryFigure) -> Option<Decimal> {
    match figure {
        SummaryFigure::Income => Some(figures.income),
        SummaryFigure::Costs => Some(figures.costs),
        SummaryFigure::Result => Some(figures.result),
        SummaryFigure::Opening => figures.opening,
        SummaryFigure::Closing => figures.closing,
        SummaryFigure::Available => figures.available,
    }
}

/// The values of lines and groups, per year; `None` where a year is left blank.
struct Values<'a> {
    years: usize,
    /// The member contributions that income lines can name.
    linked: Option<&'a Linked>,
    actions: &'a HashMap<&'a str, &'a Action>,
    /// Factor into the unit the table is shown in.
    scale: Decimal,
}

impl Values<'_> {
    /// A line's cells: its own amounts, or its insats's; for a line that names a row of
    /// `medlemsbidrag`, that row's amount in the contributions' year.
    fn cells(&self, line: &Line) -> Vec<Option<Cell>> {
        let cells = match (&line.amounts, &line.action) {
            (Some(amounts), _) => Some(&amounts.value),
            (None, Some(id)) => self.actions.get(id.value.as_str()).and_then(|a| a.amounts.as_ref()),
            (None, None) => None,
        };
        let linked = |i: usize| {
            let link = line.contribution.as_ref()?;
            self.linked?.amount(i, &link.value.0)
        };
        (0..self.years)
            .map(|i| match linked(i) {
                // In the budget's own unit, like a typed amount.
                Some(value) => Some(Cell::plain(crate::plan::Amount(value))),
                None => cells.and_then(|c| c.get(i)).and_then(Option::as_ref).cloned(),
            })
            .collect()
    }

    /// A line's or group's value per year. A group's own amount stands for the years its
    /// lines leave blank; otherwise it is the sum of its lines.
    fn value(&self, line: &Line) -> Vec<Option<Decimal>> {
        let own: Vec<Option<Decimal>> =
            self.cells(line).iter().map(|c| c.as_ref().map(|c| c.amount.0 * self.scale)).collect();
        let Some(lines) = &line.lines else { return own };
        let children: Vec<Vec<Option<Decimal>>> = lines.iter().map(|l| self.value(l)).collect();
        (0..self.years)
            .map(|i| {
                own[i].or_else(|| {
                    let given: Vec<Decimal> = children.iter().filter_map(|c| c[i]).collect();
                    (!given.is_empty()).then(|| given.iter().sum())
                })
            })
            .collect()
    }

    /// A part's total per year; blank cells count as nothing.
    fn part_total(&self, group: &LineGroup) -> Vec<Decimal> {
        let mut total = vec![Decimal::ZERO; self.years];
        for line in &group.lines {
            for (t, v) in total.iter_mut().zip(self.value(line)) {
                *t += v.unwrap_or_default();
            }
        }
        total
    }
}

/// A line's label as the table shows it: its `namn`, or for an `insats:` line the insats's
/// name (or text).
pub fn visible_label(line: &Line, actions: &HashMap<&str, &Action>) -> String {
    match (&line.name, &line.action) {
        (Some(name), _) => name.value.clone(),
        (None, Some(id)) => actions
            .get(id.value.as_str())
            .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
            .unwrap_or_else(|| id.value.clone()),
        (None, None) => String::new(),
    }
}

/// Where a line is in the plan: its amounts, its name or its `insats:`.
pub fn line_position(line: &Line) -> Option<crate::error::Position> {
    use crate::plan::position;
    line.amounts
        .as_ref()
        .and_then(|a| position(&a.referenced, 1))
        .or_else(|| line.name.as_ref().and_then(|n| position(&n.referenced, n.value.chars().count())))
        .or_else(|| line.action.as_ref().and_then(|a| position(&a.referenced, a.value.chars().count())))
        .or_else(|| line.contribution.as_ref().and_then(|c| position(&c.referenced, 1)))
}

/// What the Finsam checks need from the budget's lines: the administrative lines' total per
/// year, and the blank lines of groups that have an amount in that year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineFacts {
    /// Per year, the total of the cost lines (and groups) marked `administration`; `None`
    /// when no line is marked.
    pub administration: Option<Vec<Decimal>>,
    /// Lines left blank in a year where their group has an amount from its other lines.
    pub blanks: Vec<BlankLine>,
    /// Each line and group by label, with its value per year (costs positive).
    pub values: Vec<(String, Vec<Option<Decimal>>)>,
}

/// A line left blank in a year where its group sums its other lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankLine {
    /// The group's label.
    pub group: String,
    /// The blank line's label.
    pub line: String,
    /// The year.
    pub year: i32,
    /// The group's amount that year, without the blank line.
    pub group_amount: Decimal,
    /// Where the blank line is in the plan.
    pub at: Option<crate::error::Position>,
    /// The insats whose amounts the line shows (`insats: id`), if any.
    pub action: Option<String>,
}

pub(super) fn line_facts(
    plan: &BudgetPlan,
    actions: &HashMap<&str, &Action>,
    linked: Option<&Linked>,
) -> LineFacts {
    let values = Values { years: plan.years.value.len(), linked, actions, scale: Decimal::ONE };
    let mut facts = LineFacts::default();
    let mut administration = vec![Decimal::ZERO; values.years];
    let mut marked = false;
    for (part, is_costs) in [(&plan.income, false), (&plan.costs, true)] {
        for line in &part.lines {
            walk(line, &values, &plan.years.value, is_costs, &mut facts, &mut administration, &mut marked);
        }
    }
    facts.administration = marked.then_some(administration);
    facts
}

fn walk(
    line: &Line,
    values: &Values,
    years: &[i32],
    is_costs: bool,
    facts: &mut LineFacts,
    administration: &mut [Decimal],
    marked: &mut bool,
) {
    let value = values.value(line);
    if let Some(label) = line.label() {
        facts.values.push((label.to_owned(), value.clone()));
    }
    if line.administration && is_costs {
        *marked = true;
        for (a, v) in administration.iter_mut().zip(&value) {
            *a += v.unwrap_or_default();
        }
        // A marked group counts whole; its lines are not counted again.
        if let Some(lines) = &line.lines {
            for child in lines {
                walk(
                    child,
                    values,
                    years,
                    is_costs,
                    facts,
                    &mut vec![Decimal::ZERO; years.len()],
                    &mut false,
                );
            }
            return;
        }
    }
    let Some(lines) = &line.lines else { return };
    let own = values.cells(line);
    for (i, year) in years.iter().enumerate() {
        let (Some(amount), None) = (value[i], &own[i]) else { continue };
        for child in lines {
            if values.value(child)[i].is_none() {
                facts.blanks.push(BlankLine {
                    group: visible_label(line, values.actions),
                    line: visible_label(child, values.actions),
                    year: *year,
                    group_amount: amount,
                    at: line_position(child),
                    action: child.action.as_ref().map(|a| a.value.clone()),
                });
            }
        }
    }
    for child in lines {
        walk(child, values, years, is_costs, facts, administration, marked);
    }
}
