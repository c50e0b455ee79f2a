//! Utfall from the books: a period's sums per account and object, the plan lines' utfall from
//! a `bokföring:` mapping, and the reconciliation against the books' total result.
//!
//! In: [`Books`] read from a SIE file, a period, the plan's budget lines ([`plan_lines`]) and
//! the user's [`BooksMapping`]. Out: [`PeriodSums`] (kronor, as SIE signs them: debit
//! positive, income negative) and a [`Reconciliation`]: each line's utfall in the plan's unit
//! with the plan's signs (income and costs both positive), the accounts no line claims, the
//! books' result beside the mapped result, and `#PBUDGET` beside the plan's budget. Problems
//! are typed ([`PeriodProblem`], [`LedgerProblem`]); the caller places them in its files.
//! Pure: nothing here reads a file.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::plan::{Part, Unit};
use crate::sie::mapping::{AccountRange, BooksMapping, UnmappedPolicy};
use crate::sie::{Account, Books, FiscalYear, Month, ObjectRef};

mod followup;
mod lines;

pub use followup::{BooksFailure, check_followup, diagnostics, for_plan, mapped_slots, period_error};
pub use lines::{PlanLine, Resolved, plan_lines, resolve};

/// Where a period's amounts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `#PSALDO`, month by month (SIE types 2 and 3).
    PeriodBalances,
    /// The vouchers' `#TRANS` rows dated within the period (SIE type 4).
    Vouchers,
    /// `#RES`, the whole year (SIE type 1, a period that is the whole fiscal year).
    YearResults,
}

/// A period's amounts per account and object, in kronor as SIE signs them.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSums {
    /// Where the amounts come from.
    pub source: Source,
    /// Fiscal year 0, which covers the period.
    pub year: FiscalYear,
    /// The period's first and last day.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// Each account's amount (all objects).
    pub totals: BTreeMap<Account, Decimal>,
    /// Each account's amount on one object.
    pub by_object: BTreeMap<(Account, ObjectRef), Decimal>,
    /// `#PBUDGET` for the whole fiscal year, per account (all objects).
    pub budget_totals: BTreeMap<Account, Decimal>,
    /// `#PBUDGET` for the whole fiscal year, per account and object.
    pub budget_by_object: BTreeMap<(Account, ObjectRef), Decimal>,
}

/// Why a period's sums cannot be taken from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodProblem {
    /// The file has no `#RAR 0`.
    NoYear,
    /// `#RAR 0` does not cover the period.
    NotCovered(FiscalYear),
    /// The file has only month balances and the period is not whole months.
    NotWholeMonths(FiscalYear),
    /// The file has no amounts for periods: type 1 and a period shorter than the year.
    NoPeriodAmounts(FiscalYear),
}

/// The sums of `books` for the period `from`–`to`.
pub fn period_sums(books: &Books, from: NaiveDate, to: NaiveDate) -> Result<PeriodSums, PeriodProblem> {
    let year = books.year(0).ok_or(PeriodProblem::NoYear)?.clone();
    if from < year.start || to > year.end || to < from {
        return Err(PeriodProblem::NotCovered(year));
    }
    let vouchers = books.sie_type == Some(4) || (books.sie_type.is_none() && !books.transactions.is_empty());
    let balances = !books.period_balances.is_empty();
    let mut totals: BTreeMap<Account, Decimal> = BTreeMap::new();
    let mut by_object: BTreeMap<(Account, ObjectRef), Decimal> = BTreeMap::new();
    let source = if vouchers {
        for (key, amount) in
            books.transactions.range(crate::sie::TransactionKey { date: from, account: 0, objects: 0 }..)
        {
            if key.date > to {
                break;
            }
            *totals.entry(key.account).or_default() += amount;
            for object in books.object_list(key.objects) {
                *by_object.entry((key.account, object.clone())).or_default() += amount;
            }
        }
        Source::Vouchers
    } else if balances || books.sie_type.is_some_and(|t| t >= 2) {
        let whole_months = from.day() == 1 && to.succ_opt().is_none_or(|next| next.day() == 1);
        if !whole_months {
            return Err(PeriodProblem::NotWholeMonths(year));
        }
        let (first, last) = (Month::of(from), Month::of(to));
        for (key, amount) in &books.period_balances {
            if key.year != 0 || key.month < first || key.month > last {
                continue;
            }
            add_balance(books, key.account, key.objects, *amount, &mut totals, &mut by_object);
        }
        Source::PeriodBalances
    } else if from == year.start && to == year.end {
        for ((index, account), amount) in &books.results {
            if *index == 0 {
                *totals.entry(*account).or_default() += amount;
            }
        }
        Source::YearResults
    } else {
        return Err(PeriodProblem::NoPeriodAmounts(year));
    };
    let mut budget_totals = BTreeMap::new();
    let mut budget_by_object = BTreeMap::new();
    for (key, amount) in &books.period_budgets {
        if key.year == 0 {
            add_balance(books, key.account, key.objects, *amount, &mut budget_totals, &mut budget_by_object);
        }
    }
    Ok(PeriodSums { source, year, from, to, totals, by_object, budget_totals, budget_by_object })
}

/// Adds a month balance: `{}` is the account's total, a list of one object that object's
/// part. A list of several objects is a combination that the single-object rows already
/// count, so it is left out rather than counted twice.
fn add_balance(
    books: &Books,
    account: Account,
    objects: u32,
    amount: Decimal,
    totals: &mut BTreeMap<Account, Decimal>,
    by_object: &mut BTreeMap<(Account, ObjectRef), Decimal>,
) {
    match books.object_list(objects) {
        [] => *totals.entry(account).or_default() += amount,
        [one] => *by_object.entry((account, one.clone())).or_default() += amount,
        _ => {}
    }
}

/// One account's part of a line's utfall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountAmount {
    /// The account.
    pub account: Account,
    /// Its name in the file's chart.
    pub name: String,
    /// The object, when the line takes one object of the account.
    pub object: Option<ObjectRef>,
    /// The period's amount in kronor, as SIE signs it.
    pub amount: Decimal,
}

/// A plan line's utfall from the books.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineUtfall {
    /// The index of the line in [`plan_lines`]' list.
    pub line: usize,
    /// The line's `Grupp/Rad` path.
    pub path: String,
    /// The reference as written under `koppling:`, and its index there.
    pub link: usize,
    /// The ranges mapped, for showing.
    pub ranges: Vec<AccountRange>,
    /// The object mapped, if any.
    pub object: Option<ObjectRef>,
    /// The accounts with an amount in the period.
    pub accounts: Vec<AccountAmount>,
    /// The utfall in kronor, with the plan's sign (income and costs positive).
    pub kronor: Decimal,
    /// The utfall in the plan's unit, rounded to whole units (half away from zero).
    pub value: Decimal,
    /// `#PBUDGET` for the year in the plan's unit and signs, rounded, when the file has budgets
    /// for the line's accounts.
    pub books_budget: Option<Decimal>,
    /// The plan's typed budget for the year, when the plan's first year is the fiscal year.
    pub plan_budget: Option<Decimal>,
}

/// A result account's amount in the period that no line claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// The account.
    pub account: Account,
    /// Its name.
    pub name: String,
    /// The amount no line claims, kronor, as SIE signs it.
    pub amount: Decimal,
    /// The objects of the account that lines do claim (the rest is unmapped).
    pub claimed_objects: Vec<ObjectRef>,
}

/// The plan lines' utfall from the books, and how they reconcile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    /// Each mapped line, in `koppling:` order.
    pub lines: Vec<LineUtfall>,
    /// Result accounts with an amount no line claims.
    pub unmapped: Vec<Unmapped>,
    /// What `okopplade:` says of them.
    pub policy: UnmappedPolicy,
    /// The books' result for the period in kronor (income − costs, so a surplus is positive).
    pub books_result: Decimal,
    /// The mapped lines' result in kronor (income − costs).
    pub mapped_result: Decimal,
    /// The unmapped accounts' result in kronor (income − costs).
    pub unmapped_result: Decimal,
    /// The plan's unit.
    pub unit: Unit,
}

impl Reconciliation {
    /// Whether the mapped result equals the books' result (every amount accounted for).
    pub fn balanced(&self) -> bool {
        self.books_result == self.mapped_result
    }
}

/// A problem with the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerProblem {
    /// The reference (index in `koppling:`) names no line.
    UnknownLine {
        /// The link's index.
        link: usize,
        /// The plan's lines, nearest first.
        nearest: Vec<String>,
    },
    /// The reference names several lines.
    AmbiguousLine {
        /// The link's index.
        link: usize,
        /// The lines it could mean.
        paths: Vec<String>,
    },
    /// The reference names a group.
    GroupLine {
        /// The link's index.
        link: usize,
    },
    /// Two references name the same line.
    SameLine {
        /// The first link's index.
        first: usize,
        /// The second link's index.
        second: usize,
    },
    /// Two links claim the same account (and object).
    ClaimedTwice {
        /// The first link's index.
        first: usize,
        /// The second link's index.
        second: usize,
        /// The first account both claim.
        account: Account,
        /// The object both claim, if they claim one.
        object: Option<ObjectRef>,
    },
    /// An object is mapped but the file has no amounts per object (SIE type 2 or 1).
    NoObjects {
        /// The link's index.
        link: usize,
    },
    /// Result accounts with amounts that no line claims, under `okopplade: fel`.
    Unmapped(Vec<Unmapped>),
}

/// The plan lines' utfall from `sums` by `mapping`, in `unit`, and the reconciliation.
pub fn reconcile(
    books: &Books,
    sums: &PeriodSums,
    lines: &[PlanLine],
    groups: &[String],
    mapping: &BooksMapping,
    unit: Unit,
    plan_years: &[i32],
) -> Result<Reconciliation, Vec<LedgerProblem>> {
    let mut problems = Vec::new();
    let links = links_of(mapping);
    let targets = link_targets(books, sums, lines, groups, &links, &mut problems);
    claimed_twice(&links, &mut problems);
    let accounts = result_accounts(books, sums);
    let fiscal_year = sums.year.start.year();
    let plan_column = plan_years.iter().position(|&y| y == fiscal_year);
    let has_budgets = !sums.budget_totals.is_empty() || !sums.budget_by_object.is_empty();
    let mut out = Vec::new();
    let mut mapped_sie = Decimal::ZERO;
    for (i, (_, ranges, object)) in links.iter().enumerate() {
        let Some(line) = targets[i] else { continue };
        let (parts, sum) = link_amounts(books, sums, &accounts, ranges, object);
        let budget = link_budget(books, sums, ranges, object);
        mapped_sie += sum;
        let plan_line = &lines[line];
        let kronor = plan_sign(plan_line.part, sum);
        out.push(LineUtfall {
            line,
            path: plan_line.path(),
            link: i,
            ranges: ranges.clone(),
            object: object.clone(),
            accounts: parts,
            kronor,
            value: in_unit(kronor, unit),
            books_budget: budget
                .filter(|_| has_budgets)
                .map(|budget| in_unit(plan_sign(plan_line.part, budget), unit)),
            plan_budget: plan_column.and(plan_line.budget),
        });
    }
    let (unmapped, unmapped_sie, total_sie) = unmapped_accounts(books, sums, &accounts, &links, &targets);
    if mapping.unmapped == UnmappedPolicy::Error && !unmapped.is_empty() {
        problems.push(LedgerProblem::Unmapped(unmapped.clone()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Reconciliation {
        lines: out,
        unmapped,
        policy: mapping.unmapped,
        books_result: -total_sie,
        mapped_result: -mapped_sie,
        unmapped_result: -unmapped_sie,
        unit,
    })
}

/// One link of `koppling`: the line reference as written, its account ranges and its object.
type Link<'a> = (&'a str, Vec<AccountRange>, Option<ObjectRef>);

/// The mapping's links in the order written; a link's index there is how problems name it.
fn links_of(mapping: &BooksMapping) -> Vec<Link<'_>> {
    mapping
        .links
        .0
        .iter()
        .map(|(key, link)| {
            (
                key.value.as_str(),
                link.accounts.value.0.clone(),
                link.object.as_ref().map(|o| o.value.0.clone()),
            )
        })
        .collect()
}

/// The plan line each link names (`None` when it names no single line), with a problem for a
/// line named twice, a name that is unknown, ambiguous or a group, and an object asked of a
/// file that has no amounts per object.
fn link_targets(
    books: &Books,
    sums: &PeriodSums,
    lines: &[PlanLine],
    groups: &[String],
    links: &[Link<'_>],
    problems: &mut Vec<LedgerProblem>,
) -> Vec<Option<usize>> {
    let mut targets = Vec::with_capacity(links.len());
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, (reference, _, object)) in links.iter().enumerate() {
        match resolve(lines, groups, reference) {
            Resolved::Line(line) => {
                if let Some(&first) = seen.get(&line) {
                    problems.push(LedgerProblem::SameLine { first, second: i });
                }
                seen.insert(line, i);
                targets.push(Some(line));
            }
            Resolved::Unknown(nearest) => {
                problems.push(LedgerProblem::UnknownLine { link: i, nearest });
                targets.push(None);
            }
            Resolved::Ambiguous(paths) => {
                problems.push(LedgerProblem::AmbiguousLine { link: i, paths });
                targets.push(None);
            }
            Resolved::Group => {
                problems.push(LedgerProblem::GroupLine { link: i });
                targets.push(None);
            }
        }
        if object.is_some() && sums.source != Source::Vouchers && books.sie_type.is_some_and(|t| t < 3) {
            problems.push(LedgerProblem::NoObjects { link: i });
        }
    }
    targets
}

/// A problem for every pair of links that can count the same amount twice.
fn claimed_twice(links: &[Link<'_>], problems: &mut Vec<LedgerProblem>) {
    for (i, a) in links.iter().enumerate() {
        for (j, b) in links.iter().enumerate().skip(i + 1) {
            if let Some(account) = overlap(&a.1, &b.1)
                && claims_overlap(a.2.as_ref(), b.2.as_ref())
            {
                let object = a.2.clone().filter(|_| a.2 == b.2);
                problems.push(LedgerProblem::ClaimedTwice { first: i, second: j, account, object });
            }
        }
    }
}

/// Every result account with an amount, with or without object.
fn result_accounts(books: &Books, sums: &PeriodSums) -> BTreeSet<Account> {
    sums.totals
        .keys()
        .chain(sums.by_object.keys().map(|(a, _)| a))
        .copied()
        .filter(|&a| books.is_result_account(a))
        .collect()
}

/// What a link claims of `accounts` (on its object, if it has one): the accounts with an
/// amount other than zero, and the sum in SIE's sign.
fn link_amounts(
    books: &Books,
    sums: &PeriodSums,
    accounts: &BTreeSet<Account>,
    ranges: &[AccountRange],
    object: &Option<ObjectRef>,
) -> (Vec<AccountAmount>, Decimal) {
    let mut parts = Vec::new();
    let mut sum = Decimal::ZERO;
    for &account in accounts.iter().filter(|a| ranges.iter().any(|r| r.contains(**a))) {
        let amount = match object {
            Some(o) => sums.by_object.get(&(account, o.clone())).copied().unwrap_or_default(),
            None => sums.totals.get(&account).copied().unwrap_or_default(),
        };
        if !amount.is_zero() {
            parts.push(AccountAmount {
                account,
                name: books.account_name(account).to_owned(),
                object: object.clone(),
                amount,
            });
        }
        sum += amount;
    }
    (parts, sum)
}

/// The books' budget for a link's result accounts (on its object, if it has one), in SIE's
/// sign; `None` when the books budget none of its accounts, so that a line without a budget
/// in the books shows none rather than zero.
fn link_budget(
    books: &Books,
    sums: &PeriodSums,
    ranges: &[AccountRange],
    object: &Option<ObjectRef>,
) -> Option<Decimal> {
    let budget_accounts: BTreeSet<Account> = sums
        .budget_totals
        .keys()
        .chain(sums.budget_by_object.keys().map(|(a, _)| a))
        .copied()
        .filter(|a| books.is_result_account(*a) && ranges.iter().any(|r| r.contains(*a)))
        .collect();
    if budget_accounts.is_empty() {
        return None;
    }
    let mut budget = Decimal::ZERO;
    for account in budget_accounts {
        budget += match object {
            Some(o) => sums.budget_by_object.get(&(account, o.clone())).copied().unwrap_or_default(),
            None => sums.budget_totals.get(&account).copied().unwrap_or_default(),
        };
    }
    Some(budget)
}

/// What no resolved link claims of each result account, as (the unclaimed accounts, their
/// sum, the sum of all result accounts), both sums in SIE's sign. An account claimed whole is
/// claimed entirely; one claimed only on objects leaves its amount outside those objects.
fn unmapped_accounts(
    books: &Books,
    sums: &PeriodSums,
    accounts: &BTreeSet<Account>,
    links: &[Link<'_>],
    targets: &[Option<usize>],
) -> (Vec<Unmapped>, Decimal, Decimal) {
    let mut unmapped = Vec::new();
    let mut unmapped_sie = Decimal::ZERO;
    let mut total_sie = Decimal::ZERO;
    for &account in accounts {
        let total = sums.totals.get(&account).copied().unwrap_or_default();
        total_sie += total;
        let claiming: Vec<&Link<'_>> = links
            .iter()
            .enumerate()
            .filter(|(i, l)| targets[*i].is_some() && l.1.iter().any(|r| r.contains(account)))
            .map(|(_, l)| l)
            .collect();
        if claiming.iter().any(|l| l.2.is_none()) {
            continue;
        }
        let claimed_objects: Vec<ObjectRef> = claiming.iter().filter_map(|l| l.2.clone()).collect();
        let claimed: Decimal = claimed_objects
            .iter()
            .map(|o| sums.by_object.get(&(account, o.clone())).copied().unwrap_or_default())
            .sum();
        let rest = total - claimed;
        unmapped_sie += rest;
        if !rest.is_zero() {
            unmapped.push(Unmapped {
                account,
                name: books.account_name(account).to_owned(),
                amount: rest,
                claimed_objects,
            });
        }
    }
    (unmapped, unmapped_sie, total_sie)
}

/// The first account two lists of ranges share.
fn overlap(a: &[AccountRange], b: &[AccountRange]) -> Option<Account> {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x.from.max(y.from), x.to.min(y.to))))
        .filter(|(from, to)| from <= to)
        .map(|(from, _)| from)
        .min()
}

/// Whether two claims on the same account can count the same amount: a whole account with
/// anything, the same object twice, or objects of two dimensions (one row can carry both).
fn claims_overlap(a: Option<&ObjectRef>, b: Option<&ObjectRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || a.dimension != b.dimension,
        _ => true,
    }
}

/// SIE's sign (debit positive, income negative) turned into the plan's (income and costs
/// both positive).
pub fn plan_sign(part: Part, sie: Decimal) -> Decimal {
    match part {
        Part::Income => -sie,
        Part::Costs => sie,
    }
}

/// Kronor in the plan's unit, rounded to whole units, half away from zero.
pub fn in_unit(kronor: Decimal, unit: Unit) -> Decimal {
    let value = match unit {
        Unit::Kr => kronor,
        Unit::Tkr => kronor / Decimal::ONE_THOUSAND,
    };
    value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// The rounding, as the report states it.
pub fn rounding_note(unit: Unit) -> String {
    format!(
        "Utfallet är summerat i kronor ur bokföringen och avrundat till hela {} per rad (0,5 avrundas bort från noll); avstämningen görs i kronor före avrundningen.",
        unit.label()
    )
}
