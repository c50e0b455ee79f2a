//! One SIE record being read: its fields checked and decoded, and its amounts added to the
//! books. In: a record's label and fields from [`super::Reader`]. Out: the books filled in, or a
//! [`LineError`] at the field that is wrong.

use super::*;

/// One record being read.
pub(super) struct Record<'r, 'a> {
    pub(super) reader: &'r mut Reader<'a>,
    pub(super) line: &'r [u8],
    pub(super) label: &'r Field,
    pub(super) fields: &'r [Field],
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
                    crate::sie::MAX_WHOLE_DIGITS,
                    crate::sie::MAX_DECIMALS
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

    pub(super) fn read(mut self) -> Result<(), LineError> {
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
            b"#FLAGGA" | b"#FORMAT" | b"#SIETYP" | b"#PROGRAM" | b"#GEN" | b"#FNAMN" | b"#ORGNR"
            | b"#RAR" => self.identity(&label),
            b"#KONTO" | b"#KTYP" | b"#DIM" | b"#UNDERDIM" | b"#OBJEKT" => self.chart(&label),
            b"#IB" | b"#UB" | b"#RES" | b"#OIB" | b"#OUB" => self.balance(&label),
            b"#PSALDO" | b"#PBUDGET" => self.period(&label),
            b"#VER" | b"#TRANS" | b"#RTRANS" | b"#BTRANS" => self.voucher(&label),
            _ => Ok(()),
        }
    }

    /// The records that name the file and its company: flag, format, type, program, date, name, number and fiscal years.
    fn identity(&mut self, label: &[u8]) -> Result<(), LineError> {
        match label {
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
            _ => {}
        }
        Ok(())
    }

    /// The chart of accounts and objects: accounts, their kinds, dimensions and objects.
    fn chart(&mut self, label: &[u8]) -> Result<(), LineError> {
        match label {
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
                let sub = label == b"#UNDERDIM";
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
            _ => {}
        }
        Ok(())
    }

    /// Opening and closing balances and year results, with and without objects.
    fn balance(&mut self, label: &[u8]) -> Result<(), LineError> {
        match label {
            b"#IB" | b"#UB" | b"#RES" => {
                let form = match label {
                    b"#IB" => "#IB 0 1930 12345.00",
                    b"#UB" => "#UB 0 1930 12345.00",
                    _ => "#RES 0 3000 -12345.00",
                };
                let year = self.year_index(0, form)?;
                let account = self.account(1, form)?;
                let amount = self.amount(2, form)?;
                let map = match label {
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
                let map = if label == b"#OIB" {
                    &mut self.reader.books.object_opening
                } else {
                    &mut self.reader.books.object_closing
                };
                add(map.entry((year, account, objects)).or_default(), amount);
            }
            _ => {}
        }
        Ok(())
    }

    /// Period balances and budgets per month (`#PSALDO`, `#PBUDGET`).
    fn period(&mut self, label: &[u8]) -> Result<(), LineError> {
        match label {
            b"#PSALDO" | b"#PBUDGET" => {
                let form = if label == b"#PSALDO" {
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
                let map = if label == b"#PSALDO" {
                    &mut self.reader.books.period_balances
                } else {
                    &mut self.reader.books.period_budgets
                };
                add(map.entry(key).or_default(), amount);
            }
            _ => {}
        }
        Ok(())
    }

    /// Vouchers and their rows; only `#TRANS` rows are summed.
    fn voucher(&mut self, label: &[u8]) -> Result<(), LineError> {
        match label {
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
                if label == b"#TRANS" {
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
