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

/// One record being read.
struct Record<'r, 'a> {
    reader: &'r mut Reader<'a>,
    line: &'r [u8],
    label: &'r Field,
    fields: &'r [Field],
}

impl Record<'_, '_> {
    fn label(&self) -> String {
        String::from_utf8_lossy(&self.label.value).into_owned()
    }

    /// Field `i`, or an error naming what is missing.
    fn field(&self, i: usize, what: &str, form: &str) -> Result<&Field, LineError> {
        self.fields.get(i).ok_or_else(|| {
            let end = self.line.len();
            LineError::new(end, end, format!("{} saknar {what}", self.label()))
                .note(format!("väntade: {form}"))
                .hint("komplettera posten; saknas fält i hela filen, be om en ny export")
        })
    }

    fn text(&self, field: &Field) -> Result<String, LineError> {
        if field.list.is_some() {
            return Err(LineError::new(field.start, field.end, "väntade en text, inte en objektlista"));
        }
        encoding::decode(self.reader.encoding, &field.value)
            .map_err(|at| LineError::new(field.start + at, field.start + at + 1, "tecknet är inte UTF-8"))
    }

    fn plain<'f>(&self, field: &'f Field, what: &str, example: &str) -> Result<&'f str, LineError> {
        match (&field.list, std::str::from_utf8(&field.value)) {
            (None, Ok(text)) if !text.is_empty() => Ok(text),
            _ => Err(LineError::new(field.start, field.end, format!("väntade {what}"))
                .hint(format!("skriv till exempel {example}"))),
        }
    }

    fn integer(&self, field: &Field, what: &str, example: &str) -> Result<i64, LineError> {
        let text = self.plain(field, what, example)?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LineError::new(field.start, field.end, format!("`{text}` är inte {what}"))
                .hint(format!("skriv till exempel {example}")));
        }
        Ok(text.parse().expect("at most nine digits"))
    }

    fn year_index(&self, i: usize, form: &str) -> Result<i32, LineError> {
        let field = self.field(i, "årsnumret", form)?;
        let n = self.integer(field, "ett årsnummer", "0 för i år eller -1 för förra året")?;
        if !(-99..=0).contains(&n) {
            return Err(LineError::new(
                field.start,
                field.end,
                format!("årsnumret {n} är inte 0 eller negativt"),
            )
            .hint("0 är räkenskapsåret i #RAR 0, -1 året före"));
        }
        Ok(n as i32)
    }

    fn unsigned(&self, i: usize, what: &str, example: &str, form: &str) -> Result<u32, LineError> {
        let field = self.field(i, what, form)?;
        let n = self.integer(field, what, example)?;
        u32::try_from(n)
            .map_err(|_| LineError::new(field.start, field.end, format!("väntade {what} utan minustecken")))
    }

    fn account(&self, i: usize, form: &str) -> Result<Account, LineError> {
        let field = self.field(i, "kontonumret", form)?;
        let text = self.plain(field, "ett kontonummer", "4010")?;
        if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LineError::new(field.start, field.end, format!("`{text}` är inget kontonummer"))
                .hint("ett konto är ett nummer med siffror, till exempel 4010"));
        }
        Ok(text.parse().expect("at most nine digits"))
    }

    fn date(&self, field: &Field) -> Result<NaiveDate, LineError> {
        let text = self.plain(field, "ett datum", "20260831 (ÅÅÅÅMMDD)")?;
        parse_date(text).ok_or_else(|| {
            LineError::new(field.start, field.end, format!("`{text}` är inget datum"))
                .hint("SIE skriver datum ÅÅÅÅMMDD, till exempel 20260831")
        })
    }

    fn amount(&self, i: usize, form: &str) -> Result<Decimal, LineError> {
        let field = self.field(i, "beloppet", form)?;
        let text = self.plain(field, "ett belopp", "-1234.50")?;
        parse_amount(text).ok_or_else(|| {
            LineError::new(field.start, field.end, format!("`{text}` är inget belopp"))
                .hint(format!(
                    "SIE skriver belopp med decimalpunkt och utan tusentalsavgränsare, till exempel -1234.50 (högst {} siffror före punkten och {} decimaler)",
                    super::MAX_WHOLE_DIGITS,
                    super::MAX_DECIMALS
                ))
        })
    }

    fn objects(&mut self, i: usize, form: &str) -> Result<ObjectListId, LineError> {
        let field = self.field(i, "objektlistan", form)?.clone();
        let Some(items) = &field.list else {
            return Err(LineError::new(field.start, field.end, "väntade en objektlista")
                .note(format!("väntade: {form}"))
                .hint(
                    "skriv {} för kontot utan objekt, eller till exempel {1 \"100\"} för kostnadsställe 100",
                ));
        };
        if items.len() % 2 != 0 {
            let last = &items[items.len() - 1];
            return Err(LineError::new(last.start, last.end, "objektlistan har en dimension utan objekt")
                .hint("en objektlista är par av dimension och objekt, till exempel {1 \"100\" 6 \"P1\"}"));
        }
        let mut list = Vec::with_capacity(items.len() / 2);
        for pair in items.chunks(2) {
            let dimension = std::str::from_utf8(&pair[0].value)
                .ok()
                .filter(|t| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|t| t.parse::<u32>().ok())
                .ok_or_else(|| {
                    LineError::new(pair[0].start, pair[0].end, "väntade ett dimensionsnummer")
                        .hint("en objektlista är par av dimension och objekt, till exempel {1 \"100\"}")
                })?;
            let object = self.text(&pair[1])?;
            list.push(ObjectRef { dimension, object });
        }
        self.reader.list_id(list).map_err(|m| LineError::new(field.start, field.end, m))
    }

    fn read(mut self) -> Result<(), LineError> {
        let label = self.label.value.clone();
        let in_voucher = matches!(self.reader.voucher, Voucher::Open { .. });
        let voucher_row = matches!(label.as_slice(), b"#TRANS" | b"#RTRANS" | b"#BTRANS");
        if voucher_row != in_voucher {
            let message = if voucher_row {
                format!("{} utanför en verifikation", self.label())
            } else {
                format!("{} inuti en verifikation", self.label())
            };
            return Err(LineError::new(self.label.start, self.label.end, message)
                .hint("en verifikation är #VER, en rad med `{`, dess #TRANS-rader och en rad med `}`"));
        }
        match label.as_slice() {
            b"#FLAGGA" => {
                let n = self.unsigned(0, "flaggan", "0", "#FLAGGA 0")?;
                self.reader.books.flag = Some(n.min(9) as u8);
            }
            b"#FORMAT" => {}
            b"#SIETYP" => {
                let form = "#SIETYP 3";
                let field = self.field(0, "typen", form)?;
                let n = self.integer(field, "en SIE-typ", "3")?;
                if !(1..=4).contains(&n) {
                    return Err(LineError::new(field.start, field.end, format!("SIE-typen {n} finns inte"))
                        .hint("SIE-typerna är 1, 2, 3 och 4"));
                }
                self.reader.books.sie_type = Some(n as u8);
            }
            b"#PROGRAM" => {
                let name = self.text(self.field(0, "programmets namn", "#PROGRAM \"namn\" version")?)?;
                let version = self.fields.get(1).map(|f| self.text(f)).transpose()?;
                self.reader.books.program = Some(match version {
                    Some(v) if !v.is_empty() => format!("{name} {v}"),
                    _ => name,
                });
            }
            b"#GEN" => {
                let field = self.field(0, "datumet", "#GEN 20260905")?;
                self.reader.books.generated = Some(self.date(field)?);
            }
            b"#FNAMN" => {
                self.reader.books.company =
                    Some(self.text(self.field(0, "företagets namn", "#FNAMN \"namn\"")?)?);
            }
            b"#ORGNR" => {
                self.reader.books.org_number =
                    Some(self.text(self.field(0, "organisationsnumret", "#ORGNR 222000-0000")?)?);
            }
            b"#RAR" => self.fiscal_year()?,
            b"#KONTO" => {
                let form = "#KONTO 4010 \"namn\"";
                let account = self.account(0, form)?;
                let name = self.text(self.field(1, "kontots namn", form)?)?;
                self.reader.books.accounts.entry(account).or_default().name = name;
            }
            b"#KTYP" => {
                let form = "#KTYP 4010 K";
                let account = self.account(0, form)?;
                let field = self.field(1, "kontotypen", form)?;
                let kind = match field.value.as_slice() {
                    b"T" => AccountKind::Asset,
                    b"S" => AccountKind::Liability,
                    b"K" => AccountKind::Cost,
                    b"I" => AccountKind::Income,
                    _ => {
                        return Err(LineError::new(field.start, field.end, "okänd kontotyp")
                            .hint("kontotypen är T (tillgång), S (skuld), K (kostnad) eller I (intäkt)"));
                    }
                };
                self.reader.books.accounts.entry(account).or_default().kind = Some(kind);
            }
            b"#DIM" | b"#UNDERDIM" => {
                let sub = label.as_slice() == b"#UNDERDIM";
                let form = if sub { "#UNDERDIM 2 \"namn\" 1" } else { "#DIM 1 \"Kostnadsställe\"" };
                let number = self.unsigned(0, "dimensionens nummer", "1", form)?;
                let name = self.text(self.field(1, "dimensionens namn", form)?)?;
                let parent =
                    if sub { Some(self.unsigned(2, "överordnad dimension", "1", form)?) } else { None };
                self.reader.books.dimensions.insert(number, Dimension { name, parent });
            }
            b"#OBJEKT" => {
                let form = "#OBJEKT 1 \"100\" \"namn\"";
                let dimension = self.unsigned(0, "dimensionens nummer", "1", form)?;
                let object = self.text(self.field(1, "objektets nummer", form)?)?;
                let name = self.text(self.field(2, "objektets namn", form)?)?;
                self.reader.books.objects.insert(ObjectRef { dimension, object }, name);
            }
            b"#IB" | b"#UB" | b"#RES" => {
                let form = match label.as_slice() {
                    b"#IB" => "#IB 0 1930 12345.00",
                    b"#UB" => "#UB 0 1930 12345.00",
                    _ => "#RES 0 3000 -12345.00",
                };
                let year = self.year_index(0, form)?;
                let account = self.account(1, form)?;
                let amount = self.amount(2, form)?;
                let map = match label.as_slice() {
                    b"#IB" => &mut self.reader.books.opening,
                    b"#UB" => &mut self.reader.books.closing,
                    _ => &mut self.reader.books.results,
                };
                add(map.entry((year, account)).or_default(), amount);
            }
            b"#OIB" | b"#OUB" => {
                let form = "#OIB 0 1930 {1 \"100\"} 12345.00";
                let year = self.year_index(0, form)?;
                let account = self.account(1, form)?;
                let objects = self.objects(2, form)?;
                let amount = self.amount(3, form)?;
                let map = if label.as_slice() == b"#OIB" {
                    &mut self.reader.books.object_opening
                } else {
                    &mut self.reader.books.object_closing
                };
                add(map.entry((year, account, objects)).or_default(), amount);
            }
            b"#PSALDO" | b"#PBUDGET" => {
                let form = if label.as_slice() == b"#PSALDO" {
                    "#PSALDO 0 202608 4010 {1 \"100\"} 1234.50"
                } else {
                    "#PBUDGET 0 202608 4010 {1 \"100\"} 1234.50"
                };
                let year = self.year_index(0, form)?;
                let field = self.field(1, "perioden", form)?;
                let text = self.plain(field, "en period", "202608 (ÅÅÅÅMM)")?;
                let month = parse_month(text).ok_or_else(|| {
                    LineError::new(field.start, field.end, format!("`{text}` är ingen period"))
                        .hint("SIE skriver perioden ÅÅÅÅMM, till exempel 202608 för augusti 2026")
                })?;
                let account = self.account(2, form)?;
                let objects = self.objects(3, form)?;
                let amount = self.amount(4, form)?;
                let key = PeriodKey { year, month, account, objects };
                let map = if label.as_slice() == b"#PSALDO" {
                    &mut self.reader.books.period_balances
                } else {
                    &mut self.reader.books.period_budgets
                };
                add(map.entry(key).or_default(), amount);
            }
            b"#VER" => {
                let form = "#VER A 12 20260315 \"text\"";
                self.field(0, "serien", form)?;
                self.field(1, "verifikationsnumret", form)?;
                let date = self.date(self.field(2, "datumet", form)?)?;
                self.reader.books.vouchers += 1;
                self.reader.voucher = Voucher::Expecting { line: self.reader.current, date };
            }
            b"#TRANS" | b"#RTRANS" | b"#BTRANS" => {
                let form = "#TRANS 4010 {1 \"100\"} 1234.50 20260315 \"text\"";
                let account = self.account(0, form)?;
                let objects = self.objects(1, form)?;
                let amount = self.amount(2, form)?;
                let Voucher::Open { date: voucher_date, .. } = self.reader.voucher else {
                    unreachable!("checked above")
                };
                let date = match self.fields.get(3) {
                    Some(field) if !field.value.is_empty() => self.date(field)?,
                    _ => voucher_date,
                };
                // An added row (#RTRANS) is followed by the same row as #TRANS for readers that
                // do not know #RTRANS, and a struck row (#BTRANS) no longer counts: only #TRANS
                // is summed.
                if label.as_slice() == b"#TRANS" {
                    let key = TransactionKey { date, account, objects };
                    add(self.reader.books.transactions.entry(key).or_default(), amount);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn fiscal_year(&mut self) -> Result<(), LineError> {
        let form = "#RAR 0 20260101 20261231";
        let index = self.year_index(0, form)?;
        let start_field = self.field(1, "första dagen", form)?;
        let start = self.date(start_field)?;
        let end_field = self.field(2, "sista dagen", form)?;
        let end = self.date(end_field)?;
        if end < start {
            return Err(LineError::new(
                start_field.start,
                end_field.end,
                "räkenskapsåret slutar innan det börjar",
            )
            .hint("#RAR anger årsnummer, första och sista dagen: #RAR 0 20260101 20261231"));
        }
        if self.reader.books.year(index).is_some() {
            return Err(LineError::new(
                self.label.start,
                self.line.len(),
                format!("årsnummer {index} står i två #RAR"),
            )
            .hint("varje räkenskapsår har en #RAR"));
        }
        let column = encoding::char_count(self.reader.encoding, &self.line[..self.label.start]) + 1;
        let width = encoding::char_count(self.reader.encoding, &self.line[self.label.start..]).max(1);
        let position = Position { line: self.reader.current, column, width };
        self.reader.books.years.push(FiscalYear { index, start, end, position });
        Ok(())
    }
}

/// Adds `amount` to `sum`; the bounds on amounts and records keep it exact.
fn add(sum: &mut Decimal, amount: Decimal) {
    *sum += amount;
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
