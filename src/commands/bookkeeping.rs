//! `vplan bokföring FIL.se [--period ÅÅÅÅ-MM]`: a SIE file's result accounts and objects with
//! their names and sums for the period, so the kansli can write `koppling:`.

use chrono::NaiveDate;

use crate::cli::BooksArgs;
use crate::compute::ledger::{self, PeriodProblem, period_error};
use crate::error::Error;
use crate::sie;
use crate::terminal;

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
