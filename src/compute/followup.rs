//! The figures of a follow-up: budget, utfall, förbrukat, prognos and avvikelse per line,
//! group and total; income, costs and result; eget kapital and its share of tilldelade medel;
//! the administration share; member income against the contributions; the insatser and mål
//! as reported; the sums of a typed resultaträkning and balansräkning.
//!
//! In: a checked follow-up ([`LoadedFollowUp`]: the follow-up, its plan and the resolved
//! references). Out: [`FollowUpFigures`], exact decimals, never floats. Sign convention:
//! every avvikelse is prognos (or, in an årsredovisning's driftredovisning, utfall) minus
//! budget, so a plus is a higher amount than budgeted — more income, or a cost overrun.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Budget, RowKind, unit_factor};

mod parts;

use crate::followup::{ActionStatus, Assessment, LineSlot, LoadedFollowUp, Participants};
use crate::plan::{Allotted, DEFAULT_ADMINISTRATION_MAX, DEFAULT_EQUITY_MAX, Part, Plan, Signs, Unit};
use parts::{actions, goals, member_income, statement};

/// The sign convention as the documents state it, under every table with an avvikelse.
pub const SIGN_CONVENTION: &str = "Avvikelse = prognos − budget. Plus betyder ett högre belopp än budget: för intäkter mer än väntat, för kostnader ett överskridande.";

/// The sign convention of an årsredovisning's driftredovisning.
pub const SIGN_CONVENTION_ANNUAL: &str = "Avvikelse = utfall − budget. Plus betyder ett högre belopp än budget: för intäkter mer än väntat, för kostnader ett överskridande.";

/// Everything computed for a follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpFigures {
    /// The unit of every amount (the plan's).
    pub unit: Unit,
    /// The plan's year.
    pub year: i32,
    /// The share of the year elapsed at the period's end, as a fraction (8/12 for 31 August).
    pub elapsed: Decimal,
    /// The rows of the budget follow-up, in the plan's table order.
    pub rows: Vec<FollowRow>,
    /// Income: budget, utfall, prognos.
    pub income: Triple,
    /// Costs: budget, utfall, prognos.
    pub costs: Triple,
    /// Result, income − costs.
    pub result: Triple,
    /// Eget kapital.
    pub equity: EquityFigures,
    /// The administration share, when the plan marks administrative lines.
    pub administration: Option<AdministrationFigures>,
    /// Member income against the contributions table, when the plan has one for the year.
    pub member_income: Option<MemberIncomeFigures>,
    /// The plan's insatser with an id, in plan order.
    pub actions: Vec<ActionFigures>,
    /// The plan's verksamhetsmål, in plan order.
    pub goals: Vec<GoalFigures>,
    /// The typed resultaträkning with its sums.
    pub income_statement: Statement,
    /// The typed balansräkning with its sums.
    pub balance_sheet: Statement,
    /// The utfall from the books and their reconciliation, when the follow-up has `bokföring:`.
    pub books: Option<super::ledger::Reconciliation>,
}

impl FollowUpFigures {
    /// The report's line "Avstämt mot bokföringen": the books' result for the period and the
    /// mapped lines' result in kronor, and the rounding used; `None` without `bokföring:`.
    pub fn books_reconciled(&self) -> Option<String> {
        let rec = self.books.as_ref()?;
        let kr = |v: Decimal| format!("{} kr", crate::swedish::amount(v.round_dp(2)));
        let agreement = if rec.balanced() {
            format!(
                "periodens resultat i bokföringen är {} och de kopplade raderna ger {}, lika på kronan.",
                kr(rec.books_result),
                kr(rec.mapped_result)
            )
        } else {
            format!(
                "periodens resultat i bokföringen är {}; de kopplade raderna ger {} och okopplade konton {}.",
                kr(rec.books_result),
                kr(rec.mapped_result),
                kr(rec.unmapped_result)
            )
        };
        Some(format!("Avstämt mot bokföringen: {agreement} {}", super::ledger::rounding_note(rec.unit)))
    }
}

impl FollowUpFigures {
    /// The elapsed share of the year in percent.
    pub fn elapsed_percent(&self) -> Decimal {
        self.elapsed * Decimal::ONE_HUNDRED
    }
}

/// A figure three ways: the year's budget, the period's utfall, the year's prognos.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Triple {
    /// The budget for the year.
    pub budget: Decimal,
    /// The utfall for the period.
    pub actual: Decimal,
    /// The prognos for the year.
    pub forecast: Decimal,
}

impl Triple {
    fn add(&mut self, other: Triple) {
        self.budget += other.budget;
        self.actual += other.actual;
        self.forecast += other.forecast;
    }

    fn minus(self, other: Triple) -> Triple {
        Triple {
            budget: self.budget - other.budget,
            actual: self.actual - other.actual,
            forecast: self.forecast - other.forecast,
        }
    }

    /// Förbrukat: utfall in percent of budget; `None` when the budget is zero.
    pub fn spent_percent(&self) -> Option<Decimal> {
        percent(self.actual, self.budget)
    }

    /// Prognos − budget.
    pub fn deviation(&self) -> Decimal {
        self.forecast - self.budget
    }

    /// Prognos − budget in percent of budget.
    pub fn deviation_percent(&self) -> Option<Decimal> {
        percent(self.deviation(), self.budget)
    }

    /// Utfall − budget (an årsredovisning's driftredovisning).
    pub fn actual_deviation(&self) -> Decimal {
        self.actual - self.budget
    }

    /// Utfall − budget in percent of budget.
    pub fn actual_deviation_percent(&self) -> Option<Decimal> {
        percent(self.actual_deviation(), self.budget)
    }
}

/// `part` in percent of `whole`, exact; `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| part * Decimal::ONE_HUNDRED / whole)
}

/// What a row of the budget follow-up is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowRowKind {
    /// A budget line.
    Line,
    /// A group of lines, with the sums of its lines.
    Group,
    /// The total of income or costs.
    Total,
    /// The result, income − costs.
    Result,
}

/// A row of the budget follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowRow {
    /// What kind of row.
    pub kind: FollowRowKind,
    /// Income or costs (the result row: costs).
    pub part: Part,
    /// The label.
    pub label: String,
    /// How many groups it stands under.
    pub depth: usize,
    /// The line's index in the resolved lines, for lines and groups.
    pub line: Option<usize>,
    /// Budget, utfall, prognos.
    pub figures: Triple,
    /// Whether utfall was typed for it (a group: for all its lines).
    pub actual_typed: bool,
    /// Whether a prognos was typed (a group: for any of its lines).
    pub forecast_typed: bool,
}

/// Eget kapital in the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EquityFigures {
    /// The opening balance, from the plan.
    pub opening: Option<Decimal>,
    /// Opening + prognos result.
    pub closing_forecast: Option<Decimal>,
    /// The closing balance at the year's end: typed (`eget_kapital.utgående`) or opening +
    /// utfall result; only for an årsredovisning.
    pub closing_actual: Option<Decimal>,
    /// Whether the actual closing balance was typed.
    pub typed: bool,
    /// The closing balance judged: actual in an årsredovisning, prognos otherwise.
    pub closing: Option<Decimal>,
    /// The year's tilldelade medel, as the plan's `kontroller` count them.
    pub allotted: Option<Decimal>,
    /// Closing in percent of tilldelade medel.
    pub percent: Option<Decimal>,
    /// The plan's highest share (default 20).
    pub max_percent: Decimal,
    /// The plan's floor, if any.
    pub min: Option<Decimal>,
}

/// The administrative costs' share of the costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdministrationFigures {
    /// The administrative lines' budget, utfall and prognos.
    pub figures: Triple,
    /// Their share of the costs, by prognos (årsredovisning: by utfall).
    pub percent: Option<Decimal>,
    /// The plan's highest share (default 15).
    pub max_percent: Decimal,
}

/// The member income against the contributions table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberIncomeFigures {
    /// The contributions table's total for the year, in the plan's unit.
    pub table: Decimal,
    /// The member income lines' budget, utfall and prognos.
    pub figures: Triple,
    /// Utfall in percent of the table's total.
    pub paid_percent: Option<Decimal>,
    /// The lines counted.
    pub lines: Vec<String>,
}

/// An insats as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFigures {
    /// Its id.
    pub id: String,
    /// Its name (the plan's `namn`, else its text).
    pub name: String,
    /// Its målområde's heading.
    pub area: String,
    /// Whether the follow-up reports on it.
    pub reported: bool,
    /// Participants by kön.
    pub participants: Option<Participants>,
    /// Status.
    pub status: Option<ActionStatus>,
    /// Comment.
    pub comment: Option<String>,
    /// Its budget for the year: the budget lines that show it, else its own amounts.
    pub budget: Option<Decimal>,
    /// The utfall of the budget lines that show it.
    pub actual: Option<Decimal>,
}

/// A verksamhetsmål as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalFigures {
    /// Its id.
    pub id: String,
    /// Its målområde's heading.
    pub area: String,
    /// The goal.
    pub goal: String,
    /// The plan's målvärde.
    pub target: String,
    /// The reported outcome.
    pub outcome: Option<String>,
    /// The assessment, when reported.
    pub assessment: Option<Assessment>,
    /// The comment.
    pub comment: Option<String>,
}

/// A typed resultaträkning or balansräkning with its sums.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    /// The groups with their sums.
    pub groups: Vec<StatementSum>,
    /// The sum of every group, this year and last (the resultaträkning's årets resultat).
    pub total: Decimal,
    /// Last year's sum of every group.
    pub total_previous: Option<Decimal>,
}

/// A group of a statement with its sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementSum {
    /// The heading.
    pub heading: String,
    /// The sum row's label.
    pub total_label: String,
    /// The lines: label, note, this year, last year.
    pub lines: Vec<(String, Option<String>, Decimal, Option<Decimal>)>,
    /// This year's sum.
    pub total: Decimal,
    /// Last year's sum, when every line has last year's amount.
    pub total_previous: Option<Decimal>,
}

/// The share of the year elapsed at `to`: whole months when `to` ends a month (8/12 for
/// 31 August), else days.
pub fn elapsed_share(to: NaiveDate) -> Decimal {
    let next = to.succ_opt();
    if next.is_none_or(|n| n.month() != to.month()) {
        return Decimal::from(to.month()) / Decimal::from(12);
    }
    let days = if NaiveDate::from_ymd_opt(to.year(), 2, 29).is_some() { 366 } else { 365 };
    Decimal::from(to.ordinal()) / Decimal::from(days)
}

/// Computes every figure of a checked follow-up.
pub fn followup(loaded: &LoadedFollowUp) -> FollowUpFigures {
    let plan = &loaded.plan.plan;
    let resolved = &loaded.resolved;
    let annual = loaded.followup.kind.is_annual();
    let computed = super::compute(plan, None);
    let unit = plan.budget.as_ref().map(|b| b.unit).unwrap_or(Unit::Kr);
    let budgets = line_budgets(plan, computed.budget.as_ref(), &resolved.lines, resolved.year_column);

    let books = books(loaded);
    let (leaf, actual_typed, forecast_typed) = leaves(loaded, &budgets, books.as_ref());
    let rows = rows(&resolved.lines, &leaf, &actual_typed, &forecast_typed, plan);
    let total = |part: Part| {
        rows.iter()
            .find(|r| r.kind == FollowRowKind::Total && r.part == part)
            .map(|r| r.figures)
            .unwrap_or_default()
    };
    let income = total(Part::Income);
    let costs = total(Part::Costs);
    let result = income.minus(costs);

    let year = resolved.year;
    let plan_year = computed.budget.as_ref().and_then(|b| b.figures.get(resolved.year_column));
    let opening = plan_year.and_then(|f| f.opening);
    let closing_forecast = opening.map(|o| o + result.forecast);
    let typed_closing = loaded.followup.equity.as_ref().and_then(|e| e.closing.as_ref()).map(|c| c.value.0);
    let closing_actual = if annual { typed_closing.or(opening.map(|o| o + result.actual)) } else { None };
    let closing = if annual { closing_actual } else { closing_forecast };
    let kr_to_unit = unit_factor(Unit::Kr, unit);
    let allotted = match plan.checks.allotted {
        Allotted::Income => Some(if annual { income.actual } else { income.forecast }),
        Allotted::Contributions => {
            let tables: Vec<_> = computed.contributions.iter().filter(|c| c.year == year).collect();
            (!tables.is_empty()).then(|| tables.iter().map(|c| c.total).sum::<Decimal>() * kr_to_unit)
        }
    };
    let equity = EquityFigures {
        opening,
        closing_forecast,
        closing_actual,
        typed: annual && typed_closing.is_some(),
        closing,
        allotted,
        percent: closing.zip(allotted).and_then(|(c, a)| percent(c, a)),
        max_percent: plan
            .checks
            .equity_max
            .as_ref()
            .map(|m| m.value.0)
            .unwrap_or(Decimal::from(DEFAULT_EQUITY_MAX)),
        min: plan.checks.equity_min.as_ref().map(|m| m.value.0),
    };

    let administration =
        resolved.lines.iter().any(|l| l.administration && l.part == Part::Costs).then(|| {
            let mut figures = Triple::default();
            for (i, l) in resolved.lines.iter().enumerate() {
                if !l.group && l.administration && l.part == Part::Costs {
                    figures.add(leaf[i]);
                }
            }
            let share = if annual {
                percent(figures.actual, costs.actual)
            } else {
                percent(figures.forecast, costs.forecast)
            };
            AdministrationFigures {
                figures,
                percent: share,
                max_percent: plan
                    .checks
                    .administration_max
                    .as_ref()
                    .map(|m| m.value.0)
                    .unwrap_or(Decimal::from(DEFAULT_ADMINISTRATION_MAX)),
            }
        });

    let member_income =
        member_income(plan, &computed.contributions, &resolved.lines, &leaf, year, kr_to_unit);
    let actions = actions(loaded, &leaf, &actual_typed, resolved.year_column);
    let goals = goals(loaded);
    FollowUpFigures {
        books,
        unit,
        year,
        elapsed: elapsed_share(resolved.to),
        rows,
        income,
        costs,
        result,
        equity,
        administration,
        member_income,
        actions,
        goals,
        income_statement: statement(&loaded.followup.income_statement),
        balance_sheet: statement(&loaded.followup.balance_sheet),
    }
}

/// The reconciliation of the follow-up's `bokföring:`, when it has one that reconciles.
fn books(loaded: &LoadedFollowUp) -> Option<super::ledger::Reconciliation> {
    let (books, mapping) = (loaded.books.as_ref()?, loaded.followup.books.as_ref()?);
    let resolved = &loaded.resolved;
    super::ledger::for_plan(books, mapping, &loaded.plan.plan, resolved.from, resolved.to).ok()
}

/// The leaves: budget, utfall (from the books or typed) and prognos per resolved line, and
/// whether each line's utfall and prognos were given.
fn leaves(
    loaded: &LoadedFollowUp,
    budgets: &[Decimal],
    books: Option<&super::ledger::Reconciliation>,
) -> (Vec<Triple>, Vec<bool>, Vec<bool>) {
    let resolved = &loaded.resolved;
    let annual = loaded.followup.kind.is_annual();
    let n = resolved.lines.len();
    let mut leaf = vec![Triple::default(); n];
    let mut actual_typed = vec![false; n];
    let mut forecast_typed = vec![false; n];
    for i in 0..n {
        leaf[i].budget = budgets[i];
        leaf[i].forecast = budgets[i];
    }
    // The utfall of the lines `bokföring:` maps, from the books (`check` refuses a follow-up
    // whose books do not reconcile, or that types a mapped line too).
    if let Some(rec) = books {
        for (line, slot) in super::ledger::mapped_slots(rec, &loaded.plan.plan, resolved) {
            leaf[slot].actual = line.value;
            actual_typed[slot] = true;
        }
    }
    for r in &resolved.actual {
        leaf[r.line].actual = r.amount;
        actual_typed[r.line] = true;
    }
    for r in &resolved.forecast {
        leaf[r.line].forecast = r.amount;
        forecast_typed[r.line] = true;
    }
    // In an årsredovisning the year is over: a line without a typed prognos ends at its utfall.
    if annual {
        for i in 0..n {
            if !forecast_typed[i] {
                leaf[i].forecast = leaf[i].actual;
            }
        }
    }
    (leaf, actual_typed, forecast_typed)
}

/// Each resolved line's budget for the year, in the plan's unit with its natural sign: the
/// computed budget's line rows, in the same order as the resolved leaves.
fn line_budgets(plan: &Plan, budget: Option<&Budget>, lines: &[LineSlot], column: usize) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO; lines.len()];
    let (Some(budget), Some(typed)) = (budget, &plan.budget) else { return out };
    let rows: Vec<_> = budget.rows.iter().filter(|r| r.kind == RowKind::Line).collect();
    let leaves: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].group).collect();
    for (row, &i) in rows.iter().zip(&leaves) {
        let shown = row.cells.get(column).cloned().flatten().map(|a| a.value).unwrap_or_default();
        let negated = match lines[i].part {
            Part::Income => typed.signs == Signs::IncomeNegative,
            Part::Costs => typed.signs == Signs::CostsNegative,
        };
        out[i] = if negated { -shown } else { shown };
    }
    out
}

/// The budget follow-up's rows: per part its lines and groups (with their lines' sums), the
/// part's total; then the result.
fn rows(
    lines: &[LineSlot],
    leaf: &[Triple],
    actual_typed: &[bool],
    forecast_typed: &[bool],
    plan: &Plan,
) -> Vec<FollowRow> {
    let mut out = Vec::new();
    let order: Vec<Part> = plan.budget.as_ref().map(|b| b.order.value.clone()).unwrap_or_default();
    for part in order {
        let mut total = Triple::default();
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.part == part) {
            let below: Vec<usize> =
                (0..lines.len()).filter(|&j| !lines[j].group && under(lines, j, i)).collect();
            let mut figures = Triple::default();
            for &j in &below {
                figures.add(leaf[j]);
            }
            if line.parent.is_none() {
                total.add(figures);
            }
            out.push(FollowRow {
                kind: if line.group { FollowRowKind::Group } else { FollowRowKind::Line },
                part,
                label: line.label().to_owned(),
                depth: line.labels.len() - 1,
                line: Some(i),
                figures,
                actual_typed: !below.is_empty() && below.iter().all(|&j| actual_typed[j]),
                forecast_typed: below.iter().any(|&j| forecast_typed[j]),
            });
        }
        let label = match part {
            Part::Income => "Summa intäkter",
            Part::Costs => "Summa kostnader",
        };
        out.push(FollowRow {
            kind: FollowRowKind::Total,
            part,
            label: label.to_owned(),
            depth: 0,
            line: None,
            figures: total,
            actual_typed: true,
            forecast_typed: false,
        });
    }
    let total = |part: Part| {
        out.iter()
            .find(|r| r.kind == FollowRowKind::Total && r.part == part)
            .map(|r| r.figures)
            .unwrap_or_default()
    };
    let result = total(Part::Income).minus(total(Part::Costs));
    out.push(FollowRow {
        kind: FollowRowKind::Result,
        part: Part::Costs,
        label: "Resultat".to_owned(),
        depth: 0,
        line: None,
        figures: result,
        actual_typed: true,
        forecast_typed: false,
    });
    out
}

/// Whether line `j` is `i` or stands under it.
fn under(lines: &[LineSlot], j: usize, i: usize) -> bool {
    let mut at = Some(j);
    while let Some(k) = at {
        if k == i {
            return true;
        }
        at = lines[k].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_elapsed_share_counts_months_at_a_months_end_and_days_otherwise() {
        assert_eq!(elapsed_share(day(2026, 8, 31)), dec!(8) / dec!(12));
        assert_eq!(elapsed_share(day(2026, 4, 30)), dec!(4) / dec!(12));
        assert_eq!(elapsed_share(day(2026, 12, 31)), Decimal::ONE);
        assert_eq!(elapsed_share(day(2026, 2, 28)), dec!(2) / dec!(12), "February's end in a common year");
        assert_eq!(elapsed_share(day(2028, 2, 28)), dec!(59) / dec!(366), "not the end in a leap year");
        assert_eq!(elapsed_share(day(2026, 8, 15)), dec!(227) / dec!(365));
    }

    #[test]
    fn a_triple_gives_spent_and_deviation_exactly() {
        let t = Triple { budget: dec!(99), actual: dec!(61), forecast: dec!(95) };
        assert_eq!(t.spent_percent(), Some(dec!(6100) / dec!(99)));
        assert_eq!(t.deviation(), dec!(-4));
        assert_eq!(t.deviation_percent(), Some(dec!(-400) / dec!(99)));
        assert_eq!(t.actual_deviation(), dec!(-38));
        let zero = Triple { budget: Decimal::ZERO, actual: dec!(5), forecast: dec!(5) };
        assert_eq!((zero.spent_percent(), zero.deviation_percent()), (None, None), "no share of nothing");
    }
}
