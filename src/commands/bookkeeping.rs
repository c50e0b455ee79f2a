//! `vplan bokföring FIL.se [--period ÅÅÅÅ-MM]`: a SIE file's result accounts and objects with
//! their names and sums for the period, so the kansli can write `koppling:`.

use chrono::NaiveDate;

use crate::cli::BooksArgs;
use crate::compute::ledger::{self, PeriodProblem};
use crate::error::{Diagnostic, Error};
use crate::sie::{self, Books};
use crate::{swedish, terminal};

/// Lists the file's accounts for the period.
pub fn run(args: &BooksArgs) -> Result<(), Error> {
    let books = sie::read_file(&args.file)?;
    let year = books.year(0).cloned().ok_or_else(|| period_error(&books, PeriodProblem::NoYear, None))?;
    let (from, to) = match args.period {
        None => (year.start, year.end),
        Some((y, m)) => {
            let last = last_day(y, m);
            let first = if (year.start..=year.end).contains(&last) {
                year.start
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1).expect("a year of 2000–2099")
            };
            (first, last)
        }
    };
    let sums =
        ledger::period_sums(&books, from, to).map_err(|p| period_error(&books, p, Some((from, to))))?;
    print!("{}", terminal::books_listing(&books, &sums));
    Ok(())
}

/// The last day of month `m` of year `y`.
fn last_day(y: i32, m: u32) -> NaiveDate {
    let next =
        if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|d| d.pred_opt()).expect("a month of 2000–2099")
}

/// A period problem as an error in the SIE file, at its `#RAR 0` when it has one.
pub(crate) fn period_error(
    books: &Books,
    problem: PeriodProblem,
    period: Option<(NaiveDate, NaiveDate)>,
) -> Error {
    let period_text = period
        .map(|(a, b)| format!("{} – {}", swedish::date_iso(a), swedish::date_iso(b)))
        .unwrap_or_default();
    let (diagnostic, year) = match problem {
        PeriodProblem::NoYear => (
            Diagnostic::new("bokföringsfilen saknar räkenskapsår (#RAR 0)")
                .hint("be ekonomikontoret om en SIE-export med räkenskapsåret; #RAR 0 anger årets första och sista dag"),
            None,
        ),
        PeriodProblem::NotCovered(year) => (
            Diagnostic::new(format!(
                "räkenskapsåret i bokföringen ({} – {}) täcker inte perioden {period_text}",
                swedish::date_iso(year.start),
                swedish::date_iso(year.end)
            ))
            .hint("be om en export för det räkenskapsår som perioden ligger i, eller ändra perioden"),
            Some(year),
        ),
        PeriodProblem::NotWholeMonths(year) => (
            Diagnostic::new(format!("perioden {period_text} är inte hela månader, och filen har bara månadssaldon"))
                .hint("låt perioden börja den första och sluta den sista i en månad, eller be om SIE typ 4 (verifikationer)"),
            Some(year),
        ),
        PeriodProblem::NoPeriodAmounts(year) => (
            Diagnostic::new(format!("filen har bara årssaldon (SIE typ 1) och perioden {period_text} är inte hela året"))
                .hint("be ekonomikontoret om SIE typ 3 (periodsaldon per objekt) eller typ 4"),
            Some(year),
        ),
    };
    sie::error_at(books, year.map(|y| y.position), diagnostic)
}
