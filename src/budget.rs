//! Stage 2: compute every figure. All of vplan's arithmetic is here.
//!
//! In: a checked [`Plan`] — its budget lines' amounts, member contributions and eget kapital
//! history as typed. Out: [`Computed`] — the budget table's rows in order with their
//! amounts (signs as the plan wants them shown), each year's totals, result and eget kapital,
//! the member contributions with amounts shared out to the krona, the history table, the named
//! figures that prose can refer to, and warnings (a member split that departs from the law).
//! Exact decimal arithmetic (`rust_decimal`), never floats; templates only show the results.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::Diagnostic;
use crate::plan::{
    Action, BudgetPlan, Cell, Contributions, EquityHistory, Line, LineGroup, Member, MemberKind, Part, Plan,
    Signs, Status, SummaryFigure, Unit,
};
use crate::swedish;

/// Everything vplan computes from a plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Computed {
    /// The budget table, if the plan has a budget.
    pub budget: Option<Budget>,
    /// The member contributions, if the plan has them.
    pub contributions: Option<ContributionTable>,
    /// The eget kapital history, if the plan has it.
    pub history: Option<HistoryTable>,
    /// Named figures for prose (`{{ resultat.2026 }}`).
    pub figures: BTreeMap<String, Figure>,
    /// Things the figures show that the plan's author should look at.
    pub warnings: Vec<Diagnostic>,
}

/// Last year's plan, for the column beside this year's and the opening-balance check.
#[derive(Debug, Clone, Copy)]
pub struct Predecessor<'a> {
    /// The predecessor plan.
    pub plan: &'a Plan,
    /// Its file name as this plan names it, for messages.
    pub name: &'a str,
}

/// Computes all figures of a checked plan, with its predecessor's when it names one.
pub fn compute(plan: &Plan, predecessor: Option<Predecessor>) -> Computed {
    let actions = actions(plan);
    let mut warnings = Vec::new();
    let mut budget = plan.budget.as_ref().map(|b| budget(b, &actions, Convention::of(b)));
    if let (Some(this), Some(budget), Some(prev)) = (&plan.budget, &mut budget, predecessor)
        && let Some(prev_budget) = &prev.plan.budget
    {
        let before =
            self::budget(prev_budget, &self::actions(prev.plan), Convention::like(prev_budget, this));
        warnings.extend(opening_check(this, budget, &before, prev.name));
        if let Some(heading) = &this.predecessor_column {
            let year = prev.plan.document.year.value;
            let column = before.years.iter().position(|y| *y == year).unwrap_or(0);
            budget.add_previous(&before, column, heading.value.clone());
        }
    }
    let (contributions, contribution_warnings) = match &plan.contributions {
        Some(c) => {
            let (table, warnings) = contributions(c, &plan.association.members.value);
            (Some(table), warnings)
        }
        None => (None, Vec::new()),
    };
    warnings.extend(contribution_warnings);
    let history = plan.equity_history.as_ref().map(|h| history(h, budget.as_ref()));
    let mut computed = Computed { budget, contributions, history, figures: BTreeMap::new(), warnings };
    computed.figures = figures(&computed, &actions, plan.budget.as_ref().map(|b| b.unit));
    computed
}

/// The insatser with an id, which budget lines can name.
fn actions(plan: &Plan) -> HashMap<&str, &Action> {
    plan.goal_areas
        .iter()
        .flat_map(|area| &area.actions)
        .filter_map(|a| a.value.id.as_deref().map(|id| (id, &a.value)))
        .collect()
}

/// How a budget's amounts are shown: the sign convention, and a factor into another plan's
/// unit when two plans' budgets are set side by side.
#[derive(Debug, Clone, Copy)]
struct Convention {
    signs: Signs,
    scale: Decimal,
}

impl Convention {
    fn of(plan: &BudgetPlan) -> Self {
        Self { signs: plan.signs, scale: Decimal::ONE }
    }

    /// `plan`'s amounts as `like` shows them: its signs and its unit.
    fn like(plan: &BudgetPlan, like: &BudgetPlan) -> Self {
        Self { signs: like.signs, scale: unit_factor(plan.unit, like.unit) }
    }
}

/// The factor that turns an amount in `from` into `to`.
fn unit_factor(from: Unit, to: Unit) -> Decimal {
    match (from, to) {
        (Unit::Kr, Unit::Tkr) => Decimal::ONE / Decimal::ONE_THOUSAND,
        (Unit::Tkr, Unit::Kr) => Decimal::ONE_THOUSAND,
        _ => Decimal::ONE,
    }
}

/// Warns when this plan's opening eget kapital is not what its predecessor computed for the
/// end of the year before this plan's first year.
fn opening_check(this: &BudgetPlan, budget: &Budget, before: &Budget, name: &str) -> Option<Diagnostic> {
    let equity = this.equity.as_ref()?;
    let first = budget.figures.first()?;
    let expected = before.figures.iter().find(|f| f.year == first.year - 1)?.closing?;
    let opening = first.opening?;
    if opening == expected {
        return None;
    }
    let unit = this.unit.label();
    let nbsp = swedish::NBSP;
    Some(
        Diagnostic::new(format!(
            "ingående eget kapital {}{nbsp}{unit} stämmer inte med föregående plan",
            swedish::amount(opening)
        ))
        .at(crate::plan::position(&equity.opening.referenced, 1))
        .note(format!(
            "{name} räknar fram {}{nbsp}{unit} i eget kapital vid utgången av {}",
            swedish::amount(expected),
            first.year - 1
        ))
        .hint(format!(
            "skriv `ingående: {}` om förra årets plan gäller, eller rätta förra årets plan",
            crate::plan::amount_literal(expected)
        )),
    )
}

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
    pub cells: Vec<Option<Amount>>,
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
    pub previous: Option<Amount>,
}

impl Row {
    /// The row's amount in `column`, if any.
    pub fn cell(&self, column: Column) -> Option<&Amount> {
        match column {
            Column::Year(i) => self.cells.get(i).and_then(Option::as_ref),
            Column::Previous => self.previous.as_ref(),
        }
    }
}

/// An amount as shown in a table cell, with its note or status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The value as shown.
    pub value: Decimal,
    /// A note on this amount.
    pub note: Option<String>,
    /// Forecast or request.
    pub status: Option<Status>,
}

impl Amount {
    fn plain(value: Decimal) -> Self {
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

fn budget(plan: &BudgetPlan, actions: &HashMap<&str, &Action>, convention: Convention) -> Budget {
    let years = plan.years.value.clone();
    let n = years.len();
    let headings = match &plan.column_headings {
        Some(h) => h.value.clone(),
        None => years.iter().map(ToString::to_string).collect(),
    };
    let values = Values { years: n, actions, scale: convention.scale };
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

    let mut table = Table { rows: Vec::new(), values, path: Vec::new(), keys: HashMap::new() };
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
    fn add_previous(&mut self, before: &Budget, column: usize, heading: String) {
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
    actions: &'a HashMap<&'a str, &'a Action>,
    /// Factor into the unit the table is shown in.
    scale: Decimal,
}

impl Values<'_> {
    /// A line's cells: its own amounts, or its insats's.
    fn cells<'l>(&'l self, line: &'l Line) -> Vec<Option<&'l Cell>> {
        let cells = match (&line.amounts, &line.action) {
            (Some(amounts), _) => Some(&amounts.value),
            (None, Some(id)) => self.actions.get(id.value.as_str()).and_then(|a| a.amounts.as_ref()),
            (None, None) => None,
        };
        (0..self.years).map(|i| cells.and_then(|c| c.get(i)).and_then(Option::as_ref)).collect()
    }

    /// A line's or group's value per year. A group's own amount stands for the years its
    /// lines leave blank; otherwise it is the sum of its lines.
    fn value(&self, line: &Line) -> Vec<Option<Decimal>> {
        let own: Vec<Option<Decimal>> =
            self.cells(line).iter().map(|c| c.map(|c| c.amount.0 * self.scale)).collect();
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

/// Writes the table's rows.
struct Table<'a> {
    rows: Vec<Row>,
    values: Values<'a>,
    /// The labels of the part and groups being written.
    path: Vec<String>,
    /// How often each key has been used, to tell apart two rows with the same label.
    keys: HashMap<String, usize>,
}

impl Table<'_> {
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

    fn figure_row(&mut self, kind: RowKind, key: &str, label: &str, cells: Vec<Option<Decimal>>) {
        let row = Row {
            kind,
            label: label.to_owned(),
            id: None,
            cells: cells.into_iter().map(|c| c.map(Amount::plain)).collect(),
            note: None,
            indented: false,
            path: vec![label.to_owned()],
            key: String::new(),
            previous: None,
        };
        self.push(kind, key.to_owned(), row);
    }

    /// A part's rows: its header, its lines, its total; `negate` applies the sign convention.
    fn part(&mut self, group: &LineGroup, key: &str, name: &str, negate: bool) {
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
                        c.map(|c| Amount {
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
                let cells: Vec<Option<Amount>> = total
                    .iter()
                    .zip(&own)
                    .map(|(value, cell)| {
                        value.map(|v| Amount {
                            value: shown(v, negate),
                            note: cell.and_then(|c| c.note.clone()),
                            status: cell.and_then(|c| c.status),
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

/// What changed in the budget from one plan to another, in the newer plan's unit and signs.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetChanges {
    /// The unit of every amount here.
    pub unit: Unit,
    /// Years the newer budget has and the older did not.
    pub added_years: Vec<i32>,
    /// Years the older budget had and the newer does not.
    pub removed_years: Vec<i32>,
    /// Lines added, removed, or with a changed amount in a year both budgets have.
    pub lines: Vec<LineChange>,
    /// The key figures of each year both budgets have, changed or not.
    pub totals: Vec<TotalChange>,
}

/// A budget line that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChange {
    /// The part and groups above the line, and its label.
    pub path: Vec<String>,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// Its amounts: all of them for an added or removed line, the changed ones otherwise.
    pub years: Vec<YearChange>,
}

/// How something differs between two plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only the newer plan has it.
    Added,
    /// Only the older plan had it.
    Removed,
    /// Both have it, differently.
    Changed,
}

/// One year's amount before and after; `None` is a blank cell or a missing line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChange {
    /// The year.
    pub year: i32,
    /// The older plan's amount.
    pub old: Option<Decimal>,
    /// The newer plan's amount.
    pub new: Option<Decimal>,
    /// New minus old, when both are there.
    pub difference: Option<Decimal>,
}

impl YearChange {
    fn new(year: i32, old: Option<Decimal>, new: Option<Decimal>) -> Self {
        Self { year, old, new, difference: old.zip(new).map(|(o, n)| n - o) }
    }
}

/// A key figure of one year in both plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalChange {
    /// What the figure is, in Swedish ("Intäkter", "Årets resultat" …).
    pub label: &'static str,
    /// The figure in both plans.
    pub change: YearChange,
}

/// Compares two plans' budgets; `None` when either has none.
pub fn compare(old: &Plan, new: &Plan) -> Option<BudgetChanges> {
    let (old_plan, new_plan) = (old.budget.as_ref()?, new.budget.as_ref()?);
    let before = budget(old_plan, &actions(old), Convention::like(old_plan, new_plan));
    let after = budget(new_plan, &actions(new), Convention::of(new_plan));
    let common: Vec<i32> = after.years.iter().copied().filter(|y| before.years.contains(y)).collect();
    let value = |b: &Budget, row: &Row, year: i32| {
        let column = b.years.iter().position(|y| *y == year)?;
        row.cells.get(column).cloned().flatten().map(|a| a.value)
    };
    let lines_of =
        |b: &'_ Budget| -> Vec<Row> { b.rows.iter().filter(|r| r.kind == RowKind::Line).cloned().collect() };
    let (old_lines, new_lines) = (lines_of(&before), lines_of(&after));
    let mut lines = Vec::new();
    for row in &new_lines {
        match old_lines.iter().find(|o| o.key == row.key) {
            None => lines.push(LineChange {
                path: row.path.clone(),
                kind: ChangeKind::Added,
                years: after.years.iter().map(|&y| YearChange::new(y, None, value(&after, row, y))).collect(),
            }),
            Some(old_row) => {
                let years: Vec<YearChange> = common
                    .iter()
                    .map(|&y| YearChange::new(y, value(&before, old_row, y), value(&after, row, y)))
                    .filter(|c| c.old != c.new)
                    .collect();
                if !years.is_empty() {
                    lines.push(LineChange { path: row.path.clone(), kind: ChangeKind::Changed, years });
                }
            }
        }
    }
    for row in old_lines.iter().filter(|o| !new_lines.iter().any(|n| n.key == o.key)) {
        lines.push(LineChange {
            path: row.path.clone(),
            kind: ChangeKind::Removed,
            years: before.years.iter().map(|&y| YearChange::new(y, value(&before, row, y), None)).collect(),
        });
    }
    let mut totals = Vec::new();
    for &year in &common {
        let (Some(o), Some(n)) =
            (before.figures.iter().find(|f| f.year == year), after.figures.iter().find(|f| f.year == year))
        else {
            continue;
        };
        let figures: [(&'static str, Option<Decimal>, Option<Decimal>); 5] = [
            ("Intäkter", Some(o.income), Some(n.income)),
            ("Kostnader", Some(o.costs), Some(n.costs)),
            ("Årets resultat", Some(o.result), Some(n.result)),
            ("Ingående eget kapital", o.opening, n.opening),
            ("Utgående eget kapital", o.closing, n.closing),
        ];
        for (label, old, new) in figures {
            if old.is_some() || new.is_some() {
                totals.push(TotalChange { label, change: YearChange::new(year, old, new) });
            }
        }
    }
    Some(BudgetChanges {
        unit: new_plan.unit,
        added_years: after.years.iter().copied().filter(|y| !before.years.contains(y)).collect(),
        removed_years: before.years.iter().copied().filter(|y| !after.years.contains(y)).collect(),
        lines,
        totals,
    })
}

/// The member contributions, shared out and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionTable {
    /// The year they are for.
    pub year: i32,
    /// One line per row of the plan.
    pub rows: Vec<ContributionLine>,
    /// The total in kronor.
    pub total: Decimal,
    /// Label of the total row.
    pub total_label: String,
}

/// One member's (or group of members') contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    /// The label.
    pub name: String,
    /// The amount in whole kronor.
    pub amount: Decimal,
    /// The share of the total in percent (exact; rounded only when shown).
    pub percent: Decimal,
}

fn contributions(plan: &Contributions, members: &[Member]) -> (ContributionTable, Vec<Diagnostic>) {
    let rows = &plan.rows.value;
    let by_share = rows.iter().all(|r| r.share.is_some());
    let (amounts, total): (Vec<Decimal>, Decimal) = if by_share {
        let total = plan.total.as_ref().map(|t| t.value.0).unwrap_or_default();
        let shares: Vec<Decimal> =
            rows.iter().map(|r| r.share.as_ref().map(|s| s.value.0).unwrap_or_default()).collect();
        (largest_remainder(total, &shares), total)
    } else {
        let amounts: Vec<Decimal> =
            rows.iter().map(|r| r.amount.as_ref().map(|a| a.value.0).unwrap_or_default()).collect();
        let total = amounts.iter().sum();
        (amounts, total)
    };
    let lines: Vec<ContributionLine> = rows
        .iter()
        .zip(&amounts)
        .map(|(row, amount)| {
            let percent = match (&row.share, total.is_zero()) {
                (Some(share), _) => share.value.0,
                (None, false) => *amount * Decimal::ONE_HUNDRED / total,
                (None, true) => Decimal::ZERO,
            };
            ContributionLine { name: row.name.value.clone(), amount: *amount, percent }
        })
        .collect();

    // The statutory split (lag 2003:1210): the state half, regions a quarter, kommuner a quarter.
    let mut warnings = Vec::new();
    let kind_of = |name: &str| members.iter().find(|m| m.name == name).map(|m| m.kind);
    let mut sums: [Option<Decimal>; 3] = [Some(Decimal::ZERO); 3];
    for (row, line) in rows.iter().zip(&lines) {
        let names: Vec<&str> = match &row.members {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => vec![row.name.value.as_str()],
        };
        let classes: Vec<usize> = names.iter().filter_map(|n| kind_of(n)).map(statutory_class).collect();
        match classes.first() {
            Some(&class) if classes.iter().all(|c| *c == class) => {
                sums[class] = sums[class].map(|s| s + line.amount);
            }
            // A row that mixes kinds cannot be attributed; the split is not checked.
            _ => sums = [None; 3],
        }
    }
    const PARTS: [(&str, u32); 3] =
        [("staten (Försäkringskassan och Arbetsförmedlingen)", 50), ("regionerna", 25), ("kommunerna", 25)];
    for (sum, (who, percent)) in sums.iter().zip(PARTS) {
        let Some(sum) = sum else { continue };
        let expected = total * Decimal::from(percent) / Decimal::ONE_HUNDRED;
        if (*sum - expected).abs() >= Decimal::ONE && !total.is_zero() {
            let actual = *sum * Decimal::ONE_HUNDRED / total;
            warnings.push(
                Diagnostic::new(format!(
                    "medlemsbidragen {}: {} står för {} ({} kr), inte {percent} %",
                    plan.year,
                    who,
                    swedish::percent_precise(actual),
                    swedish::amount(*sum)
                ))
                .at(crate::plan::position(&plan.rows.referenced, 1))
                .note(format!(
                    "enligt lag (2003:1210) om finansiell samordning står staten för 50 %, regionerna för 25 % och kommunerna för 25 %; {percent} % av {} kr är {} kr",
                    swedish::amount(total),
                    swedish::amount(expected)
                )),
            );
        }
    }
    (
        ContributionTable { year: plan.year, rows: lines, total, total_label: plan.total_label.clone() },
        warnings,
    )
}

fn statutory_class(kind: MemberKind) -> usize {
    match kind {
        MemberKind::Forsakringskassan | MemberKind::Arbetsformedlingen => 0,
        MemberKind::Region => 1,
        MemberKind::Kommun => 2,
    }
}

/// Shares `total` out by `percents` in whole kronor that add up to `total` exactly: each
/// gets the whole kronor of its exact share, and the kronor left over go one each to the
/// largest remainders (earlier rows first on a tie).
pub fn largest_remainder(total: Decimal, percents: &[Decimal]) -> Vec<Decimal> {
    let exact: Vec<Decimal> = percents.iter().map(|p| total * *p / Decimal::ONE_HUNDRED).collect();
    let mut amounts: Vec<Decimal> =
        exact.iter().map(|e| e.round_dp_with_strategy(0, RoundingStrategy::ToZero)).collect();
    let left = total - amounts.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|a, b| (exact[*b] - amounts[*b]).cmp(&(exact[*a] - amounts[*a])).then(a.cmp(b)));
    let mut left = left.round_dp_with_strategy(0, RoundingStrategy::ToZero);
    for i in order.into_iter().cycle().take(exact.len() * 2) {
        if left <= Decimal::ZERO {
            break;
        }
        amounts[i] += Decimal::ONE;
        left -= Decimal::ONE;
    }
    amounts
}

/// The eget kapital history table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTable {
    /// The unit of the amounts.
    pub unit: Unit,
    /// The three column headings.
    pub headings: Vec<String>,
    /// One row per year.
    pub rows: Vec<HistoryLine>,
}

/// One year of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// The year.
    pub year: i32,
    /// Funding, budget and closing eget kapital; `None` where unknown.
    pub cells: [Option<Amount>; 3],
}

fn history(plan: &EquityHistory, budget: Option<&Budget>) -> HistoryTable {
    let rows = plan
        .rows
        .iter()
        .map(|row| {
            let row = &row.value;
            // A year the budget covers takes its funding and budget from the budget itself,
            // in the history's unit.
            let year = budget.and_then(|b| b.figures.iter().find(|f| f.year == row.year));
            let scale = |value: Decimal| match (budget.map(|b| b.unit), plan.unit) {
                (Some(Unit::Kr), Unit::Tkr) => value / Decimal::ONE_THOUSAND,
                (Some(Unit::Tkr), Unit::Kr) => value * Decimal::ONE_THOUSAND,
                _ => value,
            };
            let cell = |given: &Option<Cell>, computed: Option<Decimal>| match given {
                Some(c) => Some(Amount { value: c.amount.0, note: c.note.clone(), status: c.status }),
                None => computed.map(Amount::plain),
            };
            HistoryLine {
                year: row.year,
                cells: [
                    cell(&row.funding, year.map(|y| scale(y.income))),
                    cell(&row.budget, year.map(|y| scale(y.costs))),
                    cell(&Some(row.equity.clone()), None),
                ],
            }
        })
        .collect();
    HistoryTable { unit: plan.unit, headings: plan.headings.value.clone(), rows }
}

/// A named figure that prose can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The value.
    pub value: Decimal,
    /// How to show it.
    pub kind: FigureKind,
}

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount with its unit: `1 030 589 kr`.
    Amount(Unit),
    /// A change with its sign and unit: `+210 tkr`, `−260 tkr`.
    Change(Unit),
    /// A share in whole percent: `35 %`.
    Percent,
}

impl Figure {
    /// The figure as Swedish text.
    pub fn text(&self) -> String {
        match self.kind {
            FigureKind::Amount(unit) => {
                format!("{}{}{}", swedish::amount(self.value), swedish::NBSP, unit.label())
            }
            FigureKind::Change(unit) => {
                format!("{}{}{}", swedish::signed_amount(self.value), swedish::NBSP, unit.label())
            }
            FigureKind::Percent => swedish::percent(self.value),
        }
    }
}

fn figures(
    computed: &Computed,
    actions: &HashMap<&str, &Action>,
    unit: Option<Unit>,
) -> BTreeMap<String, Figure> {
    let mut figures = BTreeMap::new();
    if let (Some(budget), Some(unit)) = (&computed.budget, unit) {
        let amount = |value| Figure { value, kind: FigureKind::Amount(unit) };
        for f in &budget.figures {
            let y = f.year;
            let mut put = |name: &str, value: Option<Decimal>| {
                if let Some(value) = value {
                    figures.insert(format!("{name}.{y}"), amount(value));
                    if let Some(previous) = budget.figures.iter().find(|p| p.year == y - 1) {
                        let before = match name {
                            "intäkter" => Some(previous.income),
                            "kostnader" => Some(previous.costs),
                            "resultat" => Some(previous.result),
                            "beslutsutrymme" => previous.available,
                            "eget_kapital.ingående" => previous.opening,
                            "eget_kapital.utgående" => previous.closing,
                            _ => None,
                        };
                        if let Some(before) = before {
                            figures.insert(
                                format!("förändring.{name}.{y}"),
                                Figure { value: value - before, kind: FigureKind::Change(unit) },
                            );
                        }
                    }
                }
            };
            put("intäkter", Some(f.income));
            put("kostnader", Some(f.costs));
            put("resultat", Some(f.result));
            put("beslutsutrymme", f.available);
            put("eget_kapital.ingående", f.opening);
            put("eget_kapital.utgående", f.closing);
            if let Some(closing) = f.closing
                && !f.income.is_zero()
            {
                figures.insert(
                    format!("eget_kapital.andel.{y}"),
                    Figure { value: closing * Decimal::ONE_HUNDRED / f.income, kind: FigureKind::Percent },
                );
            }
        }
        for (id, action) in actions {
            for (i, year) in budget.years.iter().enumerate() {
                if let Some(Some(cell)) = action.amounts.as_ref().and_then(|a| a.get(i)) {
                    figures.insert(format!("insats.{id}.{year}"), amount(cell.amount.0));
                }
            }
        }
    }
    if let Some(history) = &computed.history {
        let amount = |value| Figure { value, kind: FigureKind::Amount(history.unit) };
        for row in &history.rows {
            for (name, cell) in ["medelstilldelning", "budget", "eget_kapital"].iter().zip(&row.cells) {
                if let Some(cell) = cell {
                    figures.insert(format!("historik.{name}.{}", row.year), amount(cell.value));
                }
            }
        }
    }
    if let Some(c) = &computed.contributions {
        figures.insert(
            "medlemsbidrag.summa".to_owned(),
            Figure { value: c.total, kind: FigureKind::Amount(Unit::Kr) },
        );
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const MEMBERS: &str = r#"
förbund:
  namn: Test
  medlemmar:
    - { namn: Försäkringskassan, typ: försäkringskassan }
    - { namn: Arbetsförmedlingen, typ: arbetsförmedlingen }
    - { namn: Region Dalarna, typ: region }
    - { namn: Avesta kommun, typ: kommun }
    - { namn: Hedemora kommun, typ: kommun }
    - { namn: Säters kommun, typ: kommun }
dokument: { år: 2026, datum: 2025-11-26 }
"#;

    fn computed(yaml: &str) -> Computed {
        let plan: Plan = serde_saphyr::from_str(&format!("{MEMBERS}{yaml}")).expect("test plan parses");
        compute(&plan, None)
    }

    fn years(c: &Computed, f: impl Fn(&YearFigures) -> Decimal) -> Vec<Decimal> {
        c.budget.as_ref().unwrap().figures.iter().map(f).collect()
    }

    /// Seed 000's table (Nedansiljan 2026), amounts in tkr.
    const NEDANSILJAN: &str = r#"
budget:
  enhet: tkr
  år: [2026, 2027, 2028]
  intäkter:
    rader:
      - { namn: Finansiella anslag, belopp: [3262, 3262, 3262] }
  eget_kapital: { ingående: 1500, rubrik: Överskott från tidigare år, summa: Totalt ingående beslutsutrymme }
  kostnader:
    rader:
      - { namn: Styrelse, belopp: [99, 105, 106] }
      - { namn: Förvaltning, belopp: [431, 455, 475] }
      - namn: Samverkansinsatser
        rader:
          - { namn: Rehabilitering & arbete, belopp: [1992, 2051, 2111] }
          - { namn: Insatsmedel, belopp: [40, 30, 30] }
          - { namn: Kompetenshöjande insatser, belopp: [50, 50, 50] }
          - { namn: Strukturella samverkansinsatser, belopp: [60, 60, 60] }
          - { namn: Processtöd, belopp: [433, 450, 467] }
          - { namn: Samverkansinsatser, belopp: [500, 500, 100], not: Okänt vilka insatser som söks }
    summa: Totala kostnader
  resultat: Årets resultat
"#;

    #[test]
    fn nedansiljan_chain_reproduces_the_seed() {
        let c = computed(NEDANSILJAN);
        assert_eq!(years(&c, |y| y.available.unwrap()), [dec!(4762), dec!(4419), dec!(3980)]);
        assert_eq!(years(&c, |y| y.costs), [dec!(3605), dec!(3701), dec!(3399)]);
        assert_eq!(years(&c, |y| y.result), [dec!(-343), dec!(-439), dec!(-137)]);
        assert_eq!(years(&c, |y| y.opening.unwrap()), [dec!(1500), dec!(1157), dec!(718)]);
        assert_eq!(c.budget.unwrap().figures[2].closing, Some(dec!(581)));
    }

    #[test]
    fn rows_come_in_table_order_with_notes() {
        let b = computed(NEDANSILJAN).budget.unwrap();
        let kinds: Vec<(RowKind, &str)> = b.rows.iter().map(|r| (r.kind, r.label.as_str())).collect();
        assert_eq!(kinds[0], (RowKind::Line, "Finansiella anslag"));
        assert_eq!(kinds[1], (RowKind::Opening, "Överskott från tidigare år"));
        assert_eq!(kinds[2], (RowKind::Total, "Totalt ingående beslutsutrymme"));
        assert_eq!(kinds[5], (RowKind::Heading, "Samverkansinsatser"));
        assert_eq!(kinds.last(), Some(&(RowKind::Result, "Årets resultat")));
        assert_eq!(b.rows[11].note.as_deref(), Some("Okänt vilka insatser som söks"));
        assert!(b.rows[11].indented);
    }

    #[test]
    fn costs_shown_negative_keep_the_arithmetic() {
        // Seed 002 (Fryksdalen): costs negative, income per member, eget kapital not shown.
        let c = computed(
            r#"
budget:
  enhet: kr
  år: [2026, 2027]
  tecken: kostnader_negativa
  eget_kapital: { ingående: 1101949 }
  intäkter:
    rubrik: Intäkter
    rader:
      - { namn: Försäkringskassan, belopp: [1461000, 1461000] }
      - { namn: Region Värmland, belopp: [730500, 730500] }
      - { namn: Kils kommun, belopp: [772140, 772140] }
    summa: Totala intäkter
  kostnader:
    rubrik: Kostnader
    rader:
      - { namn: Navet, belopp: [3035000, 3035000] }
    summa: Totala kostnader
  resultat: Resultat
"#,
        );
        let b = c.budget.as_ref().unwrap();
        let row =
            |label: &str| b.rows.iter().find(|r| r.label == label).unwrap().cells[0].as_ref().unwrap().value;
        assert_eq!(row("Navet"), dec!(-3035000));
        assert_eq!(row("Totala kostnader"), dec!(-3035000));
        assert_eq!(row("Totala intäkter"), dec!(2963640));
        assert_eq!(row("Resultat"), dec!(-71360));
        assert_eq!(b.rows.iter().filter(|r| r.kind == RowKind::Opening).count(), 0, "the chain is not shown");
        assert_eq!(c.figures["eget_kapital.utgående.2026"].text(), "1\u{a0}030\u{a0}589\u{a0}kr");
        assert_eq!(c.figures["eget_kapital.andel.2026"].text(), "35\u{a0}%");
        assert_eq!(c.figures["förändring.eget_kapital.utgående.2027"].text(), "\u{2212}71\u{a0}360\u{a0}kr");
    }

    #[test]
    fn cost_centres_net_income_and_show_it_negative() {
        // Seed 003 (Södra Dalarna), shortened: centres with accounts, income negative.
        let c = computed(
            r#"
budget:
  enhet: tkr
  år: [2025, 2024]
  tecken: intäkter_negativa
  ordning: [kostnader, intäkter]
  id_kolumn: ID
  kostnader:
    rader:
      - namn: Administration
        id: "20 000"
        delsumma: Totalt
        rader:
          - { id: "36", namn: Intäkter för arbete i ESF projekt, belopp: [-380, -360] }
          - { id: "50", namn: Löner arbetad tid, belopp: [1730, 1875] }
  intäkter:
    rader:
      - namn: Intäkter (medelstilldelning från medlemmarna)
        id: "50 000"
        delsumma: Totalt
        rader:
          - { id: "35", namn: Bidrag (not 1), belopp: [6184, 6308] }
  summering:
    - { rubrik: Intäkter totalt, värde: intäkter }
    - { rubrik: Kostnader totalt, värde: kostnader }
  resultat: Resultat
"#,
        );
        let b = c.budget.unwrap();
        let cells = |label: &str, id: &str| -> Vec<Decimal> {
            let row = b.rows.iter().find(|r| r.label == label && r.id.as_deref() == Some(id)).unwrap();
            row.cells.iter().map(|c| c.as_ref().unwrap().value).collect()
        };
        assert_eq!(cells("Totalt", "20 000"), [dec!(1350), dec!(1515)]);
        assert_eq!(cells("Intäkter för arbete i ESF projekt", "36"), [dec!(-380), dec!(-360)]);
        assert_eq!(cells("Totalt", "50 000"), [dec!(-6184), dec!(-6308)]);
        let summary =
            |label: &str| b.rows.iter().find(|r| r.label == label).unwrap().cells[0].as_ref().unwrap().value;
        assert_eq!(summary("Intäkter totalt"), dec!(6184));
        assert_eq!(summary("Kostnader totalt"), dec!(1350));
        assert_eq!(summary("Resultat"), dec!(4834));
        assert_eq!(b.rows[0].kind, RowKind::Heading, "costs come first");
    }

    #[test]
    fn group_amounts_stand_for_blank_years_and_notes_sit_on_amounts() {
        // Seed 004: later years give only group totals.
        let c = computed(
            r#"
budget:
  enhet: kr
  år: [2025, 2026]
  intäkter:
    rader:
      - namn: Medlemsbidrag
        belopp: [7864000, { belopp: 7077600, not: Preliminär minskning 10 % }]
  kostnader:
    rader:
      - namn: Individinriktade insatser
        delsumma: ""
        belopp: [~, 4931600]
        rader:
          - { namn: Plattformen, belopp: [2100000, ~] }
          - { namn: Drivhuset, belopp: [650000, ~] }
  resultat: Resultat
"#,
        );
        let b = c.budget.unwrap();
        let subtotal = b.rows.iter().find(|r| r.kind == RowKind::Subtotal).unwrap();
        let values: Vec<Decimal> = subtotal.cells.iter().map(|c| c.as_ref().unwrap().value).collect();
        assert_eq!(values, [dec!(2750000), dec!(4931600)]);
        assert_eq!(b.rows[0].cells[1].as_ref().unwrap().note.as_deref(), Some("Preliminär minskning 10 %"));
        assert_eq!(b.figures[1].result, dec!(2146000));
        let line = b.rows.iter().find(|r| r.label == "Drivhuset").unwrap();
        assert_eq!(line.cells[1], None, "a blank year stays blank");
    }

    #[test]
    fn budget_lines_can_take_an_insats_amounts() {
        let c = computed(
            r#"
målområden:
  - rubrik: Individ
    insatser:
      - { id: roa, text: Rehabilitering och arbete fortsätter, namn: Rehabilitering & arbete, belopp: [1992, 2051] }
budget:
  enhet: tkr
  år: [2026, 2027]
  intäkter: { rader: [ { namn: Anslag, belopp: [3262, 3262] } ] }
  kostnader: { rader: [ { insats: roa } ] }
"#,
        );
        let b = c.budget.as_ref().unwrap();
        assert_eq!(b.rows[1].label, "Rehabilitering & arbete");
        assert_eq!(b.figures[1].costs, dec!(2051));
        assert_eq!(c.figures["insats.roa.2027"].text(), "2\u{a0}051\u{a0}tkr");
    }

    #[test]
    fn shares_are_rounded_to_kronor_that_add_up_exactly() {
        assert_eq!(
            largest_remainder(dec!(100), &[dec!(33.3), dec!(33.3), dec!(33.4)]),
            [dec!(33), dec!(33), dec!(34)]
        );
        assert_eq!(
            largest_remainder(dec!(10), &[dec!(33.3), dec!(33.3), dec!(33.4)]),
            [dec!(3), dec!(3), dec!(4)]
        );
        let split = largest_remainder(dec!(1001), &[dec!(50), dec!(25), dec!(25)]);
        assert_eq!(split.iter().sum::<Decimal>(), dec!(1001));
        assert_eq!(split, [dec!(501), dec!(250), dec!(250)]);
    }

    #[test]
    fn seed_003_contributions_come_out_exactly() {
        let c = computed(
            r#"
medlemsbidrag:
  år: 2025
  summa: 6184000
  rader:
    - { namn: Försäkringskassan med Arbetsförmedlingen, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }
    - { namn: Region Dalarna, andel: 25 }
    - { namn: Avesta kommun, andel: 11 }
    - { namn: Hedemora kommun, andel: 8 }
    - { namn: Säters kommun, andel: 6 }
"#,
        );
        let table = c.contributions.unwrap();
        let amounts: Vec<Decimal> = table.rows.iter().map(|r| r.amount).collect();
        assert_eq!(amounts, [dec!(3092000), dec!(1546000), dec!(680240), dec!(494720), dec!(371040)]);
        assert_eq!(table.total, dec!(6184000));
        assert!(c.warnings.is_empty(), "the split follows the law: {:?}", c.warnings);
    }

    #[test]
    fn a_split_that_departs_from_the_law_is_reported() {
        let c = computed(
            r#"
medlemsbidrag:
  år: 2026
  rader:
    - { namn: Försäkringskassan, belopp: 1461000 }
    - { namn: Region Dalarna, belopp: 730500 }
    - { namn: Avesta kommun, belopp: 772140 }
"#,
        );
        let messages: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("staten") && messages[0].contains("49,3"), "{messages:?}");
        assert!(messages[2].contains("kommunerna") && messages[2].contains("772\u{a0}140"), "{messages:?}");
        let table = c.contributions.unwrap();
        assert_eq!(table.total, dec!(2963640));
    }
}
