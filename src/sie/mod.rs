//! Reading SIE files (SIE-gruppen's format, types 1–4), the one place vplan reads
//! bookkeeping, as [`crate::yaml`] is the one place it reads YAML.
//!
//! In: a SIE file's bytes. Out: [`Books`] — the fiscal years, the chart of accounts,
//! dimensions and objects, and the amounts of `#IB #UB #OIB #OUB #RES #PSALDO #PBUDGET` and
//! the vouchers' `#TRANS` rows, summed per key — or one Swedish error at `file:line:column`
//! with the line shown. `#FORMAT PC8` is read as code page 437 ([`encoding`]); a file without
//! it as UTF-8. Records vplan does not know are skipped, as the specification asks of a
//! reader. `#KSUMMA` is verified when the file has it. The file, its lines and its records
//! are bounded ([`MAX_FILE_BYTES`], [`MAX_LINE_BYTES`], [`MAX_RECORDS`]), so a hostile file
//! cannot exhaust memory.
//!
//! [`mapping`] is the user's `bokföring:` block that maps plan lines to accounts; the sums
//! for a period and the reconciliation are computed in `crate::compute::ledger`.

pub mod encoding;
pub mod mapping;
mod reader;
pub mod records;

use std::path::Path;

pub use encoding::Encoding;
pub use records::{
    Account, AccountInfo, AccountKind, Books, Dimension, FiscalYear, Month, ObjectListId, ObjectRef,
    PeriodKey, TransactionKey, account_class,
};

use crate::error::{Diagnostic, Error};
use crate::files;

/// The largest SIE file vplan reads: a förbund's year of vouchers is a few megabytes.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// The longest line, in bytes.
pub const MAX_LINE_BYTES: usize = 10_000;
/// The most records (non-empty lines) in a file.
pub const MAX_RECORDS: usize = 5_000_000;
/// The most fields in a record, an object list's items counted.
pub const MAX_FIELDS: usize = 64;
/// The most distinct object lists in a file.
pub const MAX_OBJECT_LISTS: usize = 100_000;
/// The most digits of an amount before its decimal point.
pub const MAX_WHOLE_DIGITS: usize = 15;
/// The most decimals of an amount.
pub const MAX_DECIMALS: usize = 6;

/// Reads the SIE file at `path`, within the bounds.
pub fn read_file(path: &Path) -> Result<Books, Error> {
    let bytes = files::read_bounded(path, MAX_FILE_BYTES).map_err(|problem| {
        let mut d = Diagnostic::new(format!("kan inte läsa bokföringsfilen {}: {}", path.display(), problem.reason()));
        if let files::ReadProblem::TooLarge(_) = problem {
            d = d.hint(format!(
                "vplan läser SIE-filer på högst {} MB; exportera SIE typ 3 (periodsaldon per objekt) i stället för typ 4",
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        Error::User(d)
    })?;
    read(path, &bytes)
}

/// Reads a SIE file's bytes; `file` is the name used in messages.
pub fn read(file: &Path, bytes: &[u8]) -> Result<Books, Error> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::User(Diagnostic::new(format!(
            "bokföringsfilen {} är större än {} MB",
            file.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        ))));
    }
    let encoding = detect(file, bytes)?;
    reader::Reader::new(file, bytes, encoding).read()
}

/// An error in the SIE file `books` was read from, at `position`, with the file's lines to
/// show (read again, within the bounds; without them when the file cannot be read again).
pub fn error_at(books: &Books, position: Option<crate::error::Position>, diagnostic: Diagnostic) -> Error {
    let source = files::read_bounded(&books.file, MAX_FILE_BYTES)
        .map(|bytes| encoding::decode_lossy(books.encoding, &bytes))
        .unwrap_or_default();
    Error::Plan { file: books.file.clone(), source, diagnostics: vec![diagnostic.at(position)] }
}

/// The encoding the file declares: `#FORMAT PC8` is code page 437; a file without `#FORMAT`
/// (or with a byte-order mark) is read as UTF-8.
fn detect(file: &Path, bytes: &[u8]) -> Result<Encoding, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8);
    }
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let start = line.iter().position(|b| !matches!(b, b' ' | b'\t')).unwrap_or(line.len());
        let line = &line[start..];
        let Some(rest) = line.strip_prefix(b"#FORMAT") else { continue };
        if !rest.is_empty() && !matches!(rest[0], b' ' | b'\t') {
            continue;
        }
        let value: Vec<u8> = rest.iter().copied().filter(|b| !matches!(b, b' ' | b'\t' | b'"')).collect();
        return match value.as_slice() {
            b"PC8" => Ok(Encoding::Pc8),
            b"UTF8" | b"UTF-8" => Ok(Encoding::Utf8),
            other => {
                let shown = String::from_utf8_lossy(other).into_owned();
                let text = String::from_utf8_lossy(bytes).into_owned();
                let column = start
                    + 1
                    + "#FORMAT".len()
                    + rest.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
                Err(Error::plan(
                    file,
                    &text,
                    Diagnostic::new(format!("okänd teckenkodning `{shown}` i #FORMAT"))
                        .at(Some(crate::error::Position {
                            line: i + 1,
                            column,
                            width: shown.chars().count().max(1),
                        }))
                        .note("SIE anger `#FORMAT PC8` (teckentabell 437); vplan läser också UTF-8")
                        .hint("be ekonomikontoret om en SIE-fil med `#FORMAT PC8`"),
                ))
            }
        };
    }
    Ok(Encoding::Utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn books(text: &[u8]) -> Books {
        read(Path::new("test.se"), text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_the_records_of_a_type_3_file() {
        let b = books(
            b"#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 3\r\n#FNAMN \"F\x94rbundet\"\r\n#RAR 0 20260101 20261231\r\n\
              #KONTO 4010 \"L\x94ner\"\r\n#DIM 1 \"Kostnadsst\x84lle\"\r\n#OBJEKT 1 \"100\" \"Styrelse\"\r\n\
              #PSALDO 0 202601 4010 {} 100.50\r\n#PSALDO 0 202601 4010 {1 \"100\"} 100.50\r\n#OKAND 1 2 3\r\n",
        );
        assert_eq!(b.encoding, Encoding::Pc8);
        assert_eq!(b.company.as_deref(), Some("Förbundet"));
        assert_eq!(b.account_name(4010), "Löner");
        assert_eq!(b.dimensions[&1].name, "Kostnadsställe");
        assert_eq!(b.period_balances.len(), 2);
        assert_eq!(b.period_balances.values().copied().sum::<rust_decimal::Decimal>(), dec!(201.00));
        assert_eq!(b.object_lists[1], vec![ObjectRef { dimension: 1, object: "100".into() }]);
    }

    #[test]
    fn quoted_fields_keep_spaces_and_escaped_quotes() {
        let b = books(b"#FNAMN \"Ett \\\"citat\\\" h\xc3\xa4r\"\n");
        assert_eq!(b.company.as_deref(), Some("Ett \"citat\" här"));
    }

    #[test]
    fn amounts_are_exact() {
        assert_eq!(reader::parse_amount("-1716270.00"), Some(dec!(-1716270.00)));
        assert_eq!(reader::parse_amount("0.1"), Some(dec!(0.1)));
        for bad in ["1,5", "1.", ".5", "1e3", "--1", "1 000", "", "1234567890123456"] {
            assert_eq!(reader::parse_amount(bad), None, "{bad}");
        }
    }
}
