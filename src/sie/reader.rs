//! Reading a SIE file line by line: the fields of a record (plain, quoted, object lists), the
//! records vplan knows, the voucher blocks and the `#KSUMMA` checksum.
//!
//! In: the file's bytes. Out: [`Books`], or one located Swedish error. The bytes are split
//! into fields before anything is decoded (both encodings keep ASCII as ASCII), so a column
//! is counted in characters of the encoding the file is in.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::encoding::{self, Encoding};
use super::records::{
    Account, AccountKind, Books, Dimension, FiscalYear, Month, ObjectListId, ObjectRef, PeriodKey,
    TransactionKey,
};
use super::{MAX_FIELDS, MAX_LINE_BYTES, MAX_OBJECT_LISTS, MAX_RECORDS};
use crate::error::{Diagnostic, Error, Position};

mod record;

use record::Record;

/// One field of a record, with where it stands on its line (byte offsets).
#[derive(Debug, Clone)]
pub(super) struct Field {
    /// The field's bytes: without quotes, `\"` read as `"`.
    pub value: Vec<u8>,
    /// Start and end on the line, in bytes, quotes and braces included.
    pub start: usize,
    pub end: usize,
    /// The items of an object list `{…}`; `None` for a plain or quoted field.
    pub list: Option<Vec<Field>>,
}

/// A problem on one line: byte range and message.
struct LineError {
    start: usize,
    end: usize,
    message: String,
    hint: Option<String>,
    note: Option<String>,
}

impl LineError {
    fn new(start: usize, end: usize, message: impl Into<String>) -> Self {
        Self { start, end, message: message.into(), hint: None, note: None }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Splits a line (without its line ending) into its fields. The label is the first field.
pub(super) fn fields(line: &[u8]) -> Result<Vec<Field>, (usize, usize, String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut list: Option<(usize, Vec<Field>)> = None;
    while i < line.len() {
        let b = line[i];
        if b == b' ' || b == b'\t' {
            i += 1;
            continue;
        }
        let field = if b == b'"' {
            let start = i;
            let mut value = Vec::new();
            i += 1;
            loop {
                match line.get(i) {
                    None => {
                        return Err((
                            start,
                            line.len(),
                            "citattecknet avslutas inte".into(),
                            "avsluta texten med ett citattecken på samma rad; ett citattecken i texten skrivs \\\"".into(),
                        ));
                    }
                    Some(b'\\') if line.get(i + 1) == Some(&b'"') => {
                        value.push(b'"');
                        i += 2;
                    }
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
            Field { value, start, end: i, list: None }
        } else if b == b'{' {
            if list.is_some() {
                return Err((
                    i,
                    i + 1,
                    "en objektlista inuti en objektlista".into(),
                    "en objektlista skrivs {dimension \"objekt\" …} utan fler klamrar".into(),
                ));
            }
            list = Some((i, Vec::new()));
            i += 1;
            continue;
        } else if b == b'}' {
            match list.take() {
                Some((start, items)) => {
                    i += 1;
                    out.push(Field { value: Vec::new(), start, end: i, list: Some(items) });
                    continue;
                }
                None => {
                    return Err((
                        i,
                        i + 1,
                        "en avslutande klammer `}` utan början".into(),
                        "en objektlista skrivs {dimension \"objekt\" …}".into(),
                    ));
                }
            }
        } else {
            let start = i;
            while i < line.len() && !matches!(line[i], b' ' | b'\t' | b'"' | b'{' | b'}') {
                i += 1;
            }
            Field { value: line[start..i].to_vec(), start, end: i, list: None }
        };
        match &mut list {
            Some((_, items)) => items.push(field),
            None => out.push(field),
        }
        if out.len() + list.as_ref().map_or(0, |(_, l)| l.len()) > MAX_FIELDS {
            return Err((
                i.saturating_sub(1),
                i,
                format!("posten har fler än {MAX_FIELDS} fält"),
                "en SIE-post har några få fält; kontrollera att filen är en SIE-fil".into(),
            ));
        }
    }
    if let Some((start, _)) = list {
        return Err((
            start,
            line.len(),
            "objektlistan avslutas inte".into(),
            "avsluta objektlistan med `}` på samma rad, till exempel {1 \"100\"}".into(),
        ));
    }
    Ok(out)
}

/// The record labels vplan reads; every other label is skipped, as the specification asks of
/// a reader, so that files from newer programs can still be read.
const KNOWN: &[&[u8]] = &[
    b"#FLAGGA",
    b"#FORMAT",
    b"#SIETYP",
    b"#PROGRAM",
    b"#GEN",
    b"#FNAMN",
    b"#ORGNR",
    b"#RAR",
    b"#KONTO",
    b"#KTYP",
    b"#DIM",
    b"#UNDERDIM",
    b"#OBJEKT",
    b"#IB",
    b"#UB",
    b"#OIB",
    b"#OUB",
    b"#RES",
    b"#PSALDO",
    b"#PBUDGET",
    b"#VER",
    b"#TRANS",
    b"#RTRANS",
    b"#BTRANS",
    b"#KSUMMA",
];

/// Where the checksum stands.
enum Checksum {
    /// No `#KSUMMA` yet.
    None,
    /// Opened by `#KSUMMA` on this line; summing.
    Open(usize, crc32fast::Hasher),
    /// Closed and verified.
    Closed(u32),
}

/// A voucher being read.
enum Voucher {
    /// Outside any voucher.
    None,
    /// After `#VER` on this line, waiting for `{`.
    Expecting { line: usize, date: NaiveDate },
    /// Inside the block opened on this line.
    Open { line: usize, date: NaiveDate },
}

/// Reads a whole SIE file.
pub(super) struct Reader<'a> {
    file: &'a Path,
    bytes: &'a [u8],
    encoding: Encoding,
    books: Books,
    lists: HashMap<Vec<ObjectRef>, ObjectListId>,
    checksum: Checksum,
    voucher: Voucher,
    /// The number of the line being read.
    current: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(file: &'a Path, bytes: &'a [u8], encoding: Encoding) -> Self {
        let mut lists = HashMap::new();
        lists.insert(Vec::new(), 0);
        Self {
            file,
            bytes,
            encoding,
            books: Books::new(file.to_path_buf(), encoding),
            lists,
            checksum: Checksum::None,
            voucher: Voucher::None,
            current: 0,
        }
    }

    /// The located error for `problem` on line `number`.
    fn error(&self, number: usize, line: &[u8], problem: LineError) -> Error {
        let start = problem.start.min(line.len());
        let end = problem.end.clamp(start, line.len());
        let column = encoding::char_count(self.encoding, &line[..start]) + 1;
        let width = encoding::char_count(self.encoding, &line[start..end]).max(1);
        let mut d = Diagnostic::new(problem.message).at(Some(Position { line: number, column, width }));
        if let Some(note) = problem.note {
            d = d.note(note);
        }
        if let Some(hint) = problem.hint {
            d = d.hint(hint);
        }
        Error::plan(self.file, &encoding::decode_lossy(self.encoding, self.bytes), d)
    }

    /// Reads every line.
    pub(super) fn read(mut self) -> Result<Books, Error> {
        let mut number = 0;
        for raw in self.bytes.split(|&b| b == b'\n') {
            number += 1;
            self.current = number;
            let line = raw.strip_suffix(b"\r").unwrap_or(raw);
            let line = if number == 1 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line) } else { line };
            if line.len() > MAX_LINE_BYTES {
                return Err(self.error(
                    number,
                    line,
                    LineError::new(
                        MAX_LINE_BYTES,
                        line.len(),
                        format!("raden är längre än {MAX_LINE_BYTES} byte"),
                    )
                    .hint("en SIE-post ryms på en kort rad; kontrollera att filen är en SIE-fil"),
                ));
            }
            if self.encoding == Encoding::Utf8
                && let Err(e) = std::str::from_utf8(line)
            {
                let at = e.valid_up_to();
                return Err(self.error(
                    number,
                    line,
                    LineError::new(at, at + 1, "tecknet är inte UTF-8")
                        .note("filen saknar `#FORMAT PC8` och läses därför som UTF-8")
                        .hint("be om filen med `#FORMAT PC8` (teckentabell 437), som SIE föreskriver, eller spara den som UTF-8"),
                ));
            }
            let trimmed_start = line.iter().position(|b| !matches!(b, b' ' | b'\t'));
            let Some(first) = trimmed_start else { continue };
            self.books.records += 1;
            if self.books.records > MAX_RECORDS {
                return Err(self.error(
                    number,
                    line,
                    LineError::new(first, line.len(), format!("filen har fler än {MAX_RECORDS} poster"))
                        .hint("exportera en kortare period eller SIE typ 3 i stället för typ 4"),
                ));
            }
            self.line(number, line, first).map_err(|e| self.error(number, line, e))?;
        }
        let last = number;
        match self.voucher {
            Voucher::None => {}
            Voucher::Expecting { line, .. } | Voucher::Open { line, .. } => {
                let text = self.nth_line(line);
                return Err(self.error(
                    line,
                    &text,
                    LineError::new(0, text.len(), "verifikationen avslutas aldrig").hint(
                        "en verifikation är #VER, en rad med `{`, dess #TRANS-rader och en rad med `}`",
                    ),
                ));
            }
        }
        if let Checksum::Open(line, _) = self.checksum {
            let text = self.nth_line(line);
            return Err(self.error(
                line,
                &text,
                LineError::new(0, text.len(), "kontrollsumman (#KSUMMA) avslutas aldrig")
                    .note(format!("filen slutar på rad {last} utan en avslutande #KSUMMA med summan"))
                    .hint("filen är troligen avkortad; be om en ny export"),
            ));
        }
        if let Checksum::Closed(sum) = self.checksum {
            self.books.checksum = Some(sum);
        }
        Ok(self.books)
    }

    /// The bytes of line `number` (1-based), without its line ending.
    fn nth_line(&self, number: usize) -> Vec<u8> {
        let raw = self.bytes.split(|&b| b == b'\n').nth(number - 1).unwrap_or_default();
        raw.strip_suffix(b"\r").unwrap_or(raw).to_vec()
    }

    /// Reads one non-empty line, whose first visible byte is at `first`.
    fn line(&mut self, number: usize, line: &[u8], first: usize) -> Result<(), LineError> {
        let rest = &line[first..];
        let trimmed_end = rest.iter().rposition(|b| !matches!(b, b' ' | b'\t')).map_or(0, |p| p + 1);
        let visible = &rest[..trimmed_end];
        if visible == b"{" {
            return match self.voucher {
                Voucher::Expecting { date, .. } => {
                    self.voucher = Voucher::Open { line: number, date };
                    Ok(())
                }
                _ => Err(LineError::new(first, first + 1, "en rad med `{` som inte följer på #VER")
                    .hint("`{` inleder en verifikations rader och står på raden efter #VER")),
            };
        }
        if visible == b"}" {
            return match self.voucher {
                Voucher::Open { .. } => {
                    self.voucher = Voucher::None;
                    Ok(())
                }
                _ => Err(LineError::new(first, first + 1, "en rad med `}` utan en öppen verifikation")
                    .hint("ta bort raden, eller lägg till #VER och `{` före verifikationens rader")),
            };
        }
        if let Voucher::Expecting { line: ver, .. } = self.voucher {
            return Err(LineError::new(first, line.len(), "väntade `{` på raden efter #VER")
                .note(format!("#VER står på rad {ver}"))
                .hint("en verifikation är #VER, en rad med `{`, dess #TRANS-rader och en rad med `}`"));
        }
        if rest[0] != b'#' {
            return Err(LineError::new(first, line.len(), "raden är ingen SIE-post")
                .hint("varje rad i en SIE-fil börjar med en etikett som #KONTO eller #PSALDO; kontrollera att filen är en SIE-fil"));
        }
        let fields = fields(line).map_err(|(s, e, m, h)| LineError::new(s, e, m).hint(h))?;
        let (label, fields) = fields.split_first().expect("a line starting with # has a label");
        let name = label.value.as_slice();
        if name == b"#KSUMMA" {
            return self.checksum_record(line, label, fields);
        }
        if let Checksum::Open(_, hasher) = &mut self.checksum {
            hasher.update(name);
            for field in fields {
                match &field.list {
                    Some(items) => items.iter().for_each(|item| hasher.update(&item.value)),
                    None => hasher.update(&field.value),
                }
            }
        } else if let Checksum::Closed(_) = self.checksum {
            return Err(LineError::new(label.start, line.len(), "en post efter den avslutande #KSUMMA")
                .hint("#KSUMMA med summan är filens sista post; filen har ändrats efter exporten"));
        }
        if !KNOWN.contains(&name) {
            return Ok(());
        }
        Record { reader: self, line, label, fields }.read()
    }

    fn checksum_record(&mut self, line: &[u8], label: &Field, fields: &[Field]) -> Result<(), LineError> {
        match (&self.checksum, fields.first()) {
            (Checksum::None, None) => {
                self.checksum = Checksum::Open(self.current, crc32fast::Hasher::new());
                Ok(())
            }
            (Checksum::Open(..), Some(field)) => {
                let stated: u32 = std::str::from_utf8(&field.value)
                    .ok()
                    .and_then(|t| t.parse::<u64>().ok())
                    .and_then(|v| u32::try_from(v).ok())
                    .ok_or_else(|| {
                        LineError::new(field.start, field.end, "kontrollsumman är inget tal")
                            .hint("#KSUMMA följs av ett heltal mellan 0 och 4294967295")
                    })?;
                let Checksum::Open(_, hasher) = std::mem::replace(&mut self.checksum, Checksum::None) else {
                    unreachable!("matched Open above")
                };
                let computed = hasher.finalize();
                if computed != stated {
                    return Err(LineError::new(field.start, field.end, "kontrollsumman (#KSUMMA) stämmer inte")
                        .note(format!("filen anger {stated}; posterna ger {computed}"))
                        .hint("filen har ändrats eller skadats efter exporten; be ekonomikontoret om en ny export och ändra den inte för hand"));
                }
                self.checksum = Checksum::Closed(computed);
                Ok(())
            }
            (Checksum::None, Some(field)) => {
                Err(LineError::new(field.start, field.end, "en #KSUMMA med summa utan en inledande #KSUMMA")
                    .hint("kontrollsumman börjar med en #KSUMMA utan värde i början av filen"))
            }
            (Checksum::Open(..), None) => {
                Err(LineError::new(label.start, label.end, "en andra inledande #KSUMMA")
                    .hint("kontrollsumman börjar med en #KSUMMA och slutar med en #KSUMMA med summan"))
            }
            (Checksum::Closed(_), _) => {
                Err(LineError::new(label.start, line.len(), "en #KSUMMA efter den avslutande #KSUMMA")
                    .hint("filen har ändrats efter exporten; be om en ny export"))
            }
        }
    }

    /// The id of an object list, interning it.
    fn list_id(&mut self, mut list: Vec<ObjectRef>) -> Result<ObjectListId, String> {
        list.sort();
        list.dedup();
        if let Some(&id) = self.lists.get(&list) {
            return Ok(id);
        }
        if self.books.object_lists.len() >= MAX_OBJECT_LISTS {
            return Err(format!("filen har fler än {MAX_OBJECT_LISTS} olika objektlistor"));
        }
        let id = self.books.object_lists.len() as ObjectListId;
        self.books.object_lists.push(list.clone());
        self.lists.insert(list, id);
        Ok(id)
    }
}

/// `YYYYMMDD` as a date.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(text[..4].parse().ok()?, text[4..6].parse().ok()?, text[6..].parse().ok()?)
}

/// `YYYYMM` as a month.
pub(super) fn parse_month(text: &str) -> Option<Month> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month: u32 = text[4..].parse().ok()?;
    (1..=12).contains(&month).then(|| Month { year: text[..4].parse().expect("four digits"), month })
}

/// A SIE amount: an optional minus, digits, an optional decimal point and decimals.
pub(super) fn parse_amount(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && fraction.is_empty())
        && whole.trim_start_matches('0').len() <= super::MAX_WHOLE_DIGITS
        && fraction.len() <= super::MAX_DECIMALS;
    if !ok {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}
