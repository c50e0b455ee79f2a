//! A follow-up's books: the reconciliation of its `bokföring:` block against the plan's lines,
//! the follow-up's utfall of the mapped lines, and the ledger's problems as Swedish
//! diagnostics placed in the follow-up's or the SIE file's lines.

use chrono::NaiveDate;

use super::{
    LedgerProblem, LineUtfall, PeriodProblem, Reconciliation, Unit, period_sums, plan_lines, reconcile,
};
use crate::plan::Plan;
use crate::sie::Books;
use crate::sie::mapping::BooksMapping;

/// Why a follow-up's utfall cannot be taken from its books.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BooksFailure {
    /// The period's sums cannot be taken from the file.
    Period(PeriodProblem),
    /// The mapping has problems.
    Mapping(Vec<LedgerProblem>),
}

/// A follow-up's reconciliation: `books`' sums for `from`–`to` mapped by `mapping` to the
/// budget lines of `plan`, in the plan's unit.
pub fn for_plan(
    books: &Books,
    mapping: &BooksMapping,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Reconciliation, BooksFailure> {
    let sums = period_sums(books, from, to).map_err(BooksFailure::Period)?;
    let (lines, groups) = plan_lines(plan);
    let unit = plan.budget.as_ref().map(|b| b.unit).unwrap_or(Unit::Kr);
    let years: Vec<i32> = plan.budget.as_ref().map(|b| b.years.value.clone()).unwrap_or_default();
    reconcile(books, &sums, &lines, &groups, mapping, unit, &years).map_err(BooksFailure::Mapping)
}

/// The follow-up's books checked: the reconciliation of `bokföring:`, or the errors (the
/// period not in the file, the mapping's problems, a mapped line typed under `utfall:` too),
/// each at its place. `Ok(None)` without `bokföring:`.
pub fn check_followup(
    loaded: &crate::followup::LoadedFollowUp,
) -> Result<Option<Reconciliation>, crate::error::Error> {
    let (Some(books), Some(mapping)) = (&loaded.books, &loaded.followup.books) else { return Ok(None) };
    let resolved = &loaded.resolved;
    let rec = match for_plan(books, mapping, &loaded.plan.plan, resolved.from, resolved.to) {
        Ok(rec) => rec,
        Err(BooksFailure::Period(problem)) => {
            return Err(period_error(books, problem, Some((resolved.from, resolved.to))));
        }
        Err(BooksFailure::Mapping(problems)) => return Err(loaded.error(diagnostics(&problems, mapping))),
    };
    let mut errors = Vec::new();
    for (line, slot) in mapped_slots(&rec, &loaded.plan.plan, resolved) {
        let (key, _) = &mapping.links.0[line.link];
        if let Some(typed) = resolved.actual.iter().chain(&resolved.actual_blank).find(|r| r.line == slot) {
            errors.push(
                crate::error::Diagnostic::new(format!(
                    "budgetraden `{}` får sitt utfall ur bokföringen och står också under `utfall:`",
                    line.path
                ))
                .at(typed.at)
                .note(format!("raden kopplas till konton under `bokföring: koppling:` på rad {}", key.referenced.line()))
                .hint("ta bort raden under `utfall:`, eller ta bort dess koppling för att skriva utfallet för hand"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(loaded.error(errors));
    }
    Ok(Some(rec))
}

/// Each mapped line of `rec` with its index in `resolved.lines`.
pub fn mapped_slots<'a>(
    rec: &'a Reconciliation,
    plan: &Plan,
    resolved: &crate::followup::Resolved,
) -> Vec<(&'a LineUtfall, usize)> {
    let (lines, _) = plan_lines(plan);
    rec.lines
        .iter()
        .filter_map(|line| {
            let wanted = &lines[line.line];
            let slot = resolved.lines.iter().position(|s| {
                !s.group
                    && s.part == wanted.part
                    && s.label() == wanted.name
                    && s.labels.len().checked_sub(2).map(|i| s.labels[i].as_str()) == wanted.group.as_deref()
            })?;
            Some((line, slot))
        })
        .collect()
}

/// The problems of a mapping as Swedish diagnostics placed at their keys under `koppling:`
/// (positions in the follow-up file).
pub fn diagnostics(problems: &[LedgerProblem], mapping: &BooksMapping) -> Vec<crate::error::Diagnostic> {
    use crate::error::{Diagnostic, Position};
    let key = |i: usize| mapping.links.0.get(i).map(|(k, _)| k);
    let at = |i: usize| {
        key(i).and_then(|k| {
            let l = k.referenced;
            (l.line() > 0).then(|| Position {
                line: l.line() as usize,
                column: l.column() as usize,
                width: k.value.chars().count().max(1),
            })
        })
    };
    let name = |i: usize| key(i).map(|k| k.value.clone()).unwrap_or_default();
    let line_of = |i: usize| key(i).map(|k| k.referenced.line()).unwrap_or(0);
    problems
        .iter()
        .map(|problem| match problem {
            LedgerProblem::UnknownLine { link, nearest } => {
                let d = Diagnostic::new(format!("planen har ingen budgetrad `{}`", name(*link))).at(at(*link));
                let shown: Vec<String> = nearest.iter().take(5).map(|p| format!("`{p}`")).collect();
                let d = d.note(format!("planens rader, närmaste först: {}", shown.join(", ")));
                match nearest.first() {
                    Some(near) => d.hint(format!("menade du `{near}`?")),
                    None => d.hint("planen har inga budgetrader att koppla"),
                }
            }
            LedgerProblem::AmbiguousLine { link, paths } => {
                let shown: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
                Diagnostic::new(format!("`{}` kan vara flera budgetrader", name(*link)))
                    .at(at(*link))
                    .note(format!("det kan vara {}", shown.join(" eller ")))
                    .hint("skriv raden som `Grupp/Rad` eller med radens `id`")
            }
            LedgerProblem::GroupLine { link } => Diagnostic::new(format!("`{}` är en grupp av rader", name(*link)))
                .at(at(*link))
                .hint("koppla gruppens rader en och en; gruppens utfall är summan av dem"),
            LedgerProblem::SameLine { first, second } => {
                Diagnostic::new(format!("budgetraden `{}` kopplas två gånger", name(*second)))
                    .at(at(*second))
                    .note(format!("den kopplas redan som `{}` på rad {}", name(*first), line_of(*first)))
                    .hint("skriv alla radens konton i en koppling, som en lista: konton: [\"4010-4019\", \"7000-7099\"]")
            }
            LedgerProblem::ClaimedTwice { first, second, account, object } => {
                let what = match object {
                    Some(o) => format!("konto {account} med objekt {o}"),
                    None => format!("konto {account}"),
                };
                Diagnostic::new(format!("{what} kopplas till både `{}` och `{}`", name(*first), name(*second)))
                    .at(at(*second))
                    .note(format!("`{}` står på rad {}", name(*first), line_of(*first)))
                    .hint("ett konto (med objekt) får höra till en rad; dela intervallen eller ange olika objekt i samma dimension")
            }
            LedgerProblem::NoObjects { link } => Diagnostic::new(format!("`{}` har `objekt:`, men bokföringsfilen har inga belopp per objekt", name(*link)))
                .at(at(*link))
                .hint("be om SIE typ 3 eller 4 med kostnadsställen, eller koppla raden med konton enbart"),
            LedgerProblem::Unmapped(unmapped) => {
                let mut d = Diagnostic::new(format!(
                    "{} i bokföringen hör inte till någon budgetrad",
                    if unmapped.len() == 1 { "ett resultatkonto med belopp".to_owned() } else { format!("{} resultatkonton med belopp", unmapped.len()) }
                ))
                .at(mapping.file.referenced.line().gt(&0).then(|| Position {
                    line: mapping.file.referenced.line() as usize,
                    column: mapping.file.referenced.column() as usize,
                    width: mapping.file.value.chars().count().max(1),
                }));
                for u in unmapped.iter().take(20) {
                    let rest = if u.claimed_objects.is_empty() {
                        String::new()
                    } else {
                        let objects: Vec<String> = u.claimed_objects.iter().map(ToString::to_string).collect();
                        format!(" (utom objekt {})", objects.join(", "))
                    };
                    d = d.note(format!("{} {}{rest}: {} kr", u.account, u.name, crate::swedish::amount(u.amount.round_dp(2))));
                }
                if unmapped.len() > 20 {
                    d = d.note(format!("… och {} konton till", unmapped.len() - 20));
                }
                d.hint("koppla kontona till en budgetrad under `koppling:`, eller skriv `okopplade: varning` för att bara varna")
            }
        })
        .collect()
}

/// A period problem as an error in the SIE file, at its `#RAR 0` when it has one.
pub fn period_error(
    books: &Books,
    problem: PeriodProblem,
    period: Option<(NaiveDate, NaiveDate)>,
) -> crate::error::Error {
    let period_text = period
        .map(|(a, b)| format!("{} – {}", crate::swedish::date_iso(a), crate::swedish::date_iso(b)))
        .unwrap_or_default();
    let (diagnostic, year) = match problem {
        PeriodProblem::NoYear => (
            crate::error::Diagnostic::new("bokföringsfilen saknar räkenskapsår (#RAR 0)")
                .hint("be ekonomikontoret om en SIE-export med räkenskapsåret; #RAR 0 anger årets första och sista dag"),
            None,
        ),
        PeriodProblem::NotCovered(year) => (
            crate::error::Diagnostic::new(format!(
                "räkenskapsåret i bokföringen ({} – {}) täcker inte perioden {period_text}",
                crate::swedish::date_iso(year.start),
                crate::swedish::date_iso(year.end)
            ))
            .hint("be om en export för det räkenskapsår som perioden ligger i, eller ändra perioden"),
            Some(year),
        ),
        PeriodProblem::NotWholeMonths(year) => (
            crate::error::Diagnostic::new(format!("perioden {period_text} är inte hela månader, och filen har bara månadssaldon"))
                .hint("låt perioden börja den första och sluta den sista i en månad, eller be om SIE typ 4 (verifikationer)"),
            Some(year),
        ),
        PeriodProblem::NoPeriodAmounts(year) => (
            crate::error::Diagnostic::new(format!("filen har bara årssaldon (SIE typ 1) och perioden {period_text} är inte hela året"))
                .hint("be ekonomikontoret om SIE typ 3 (periodsaldon per objekt) eller typ 4"),
            Some(year),
        ),
    };
    crate::sie::error_at(books, year.map(|y| y.position), diagnostic)
}
