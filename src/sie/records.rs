//! What a SIE file holds, as vplan keeps it: the company, the fiscal years, the chart of
//! accounts, dimensions and objects, and the amounts of the records vplan uses, summed per
//! key as they are read (so a file of a million vouchers takes the memory of its distinct
//! keys, not of its lines).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::encoding::Encoding;
use crate::error::Position;

/// An account number (`#KONTO 4010 …`), digits only.
pub type Account = u32;

/// An index into [`Books::object_lists`]; 0 is the empty list `{}`.
pub type ObjectListId = u32;

/// A month of a fiscal year's period balances, written `YYYYMM` (`202608`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl Month {
    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        use chrono::Datelike;
        Self { year: date.year(), month: date.month() }
    }
}

/// One object of a dimension (`{1 "100"}`: dimension 1, object `100`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectRef {
    /// The dimension's number (`#DIM 1 "Kostnadsställe"`).
    pub dimension: u32,
    /// The object's number within the dimension, as written.
    pub object: String,
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.dimension, self.object)
    }
}

/// A fiscal year (`#RAR 0 20260101 20261231`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYear {
    /// 0 for the current year, −1 for the one before, and so on.
    pub index: i32,
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
    /// Where the `#RAR` record stands.
    pub position: Position,
}

/// What kind of account `#KTYP` says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// T: tillgång (asset).
    Asset,
    /// S: skuld (liability or equity).
    Liability,
    /// K: kostnad (cost).
    Cost,
    /// I: intäkt (income).
    Income,
}

/// An account of the chart (`#KONTO`, `#KTYP`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInfo {
    /// The account's name.
    pub name: String,
    /// Its kind, when `#KTYP` states it.
    pub kind: Option<AccountKind>,
}

/// A dimension (`#DIM`, `#UNDERDIM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    /// Its name, e.g. "Kostnadsställe".
    pub name: String,
    /// The dimension above it, for an `#UNDERDIM`.
    pub parent: Option<u32>,
}

/// A key of a period amount: fiscal year, month, account and object list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodKey {
    /// The fiscal year's index (0 = this year).
    pub year: i32,
    /// The month.
    pub month: Month,
    /// The account.
    pub account: Account,
    /// The object list.
    pub objects: ObjectListId,
}

/// A key of summed voucher rows: the date, account and object list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TransactionKey {
    /// The row's date (its own, or its voucher's).
    pub date: NaiveDate,
    /// The account.
    pub account: Account,
    /// The object list.
    pub objects: ObjectListId,
}

/// A SIE file as vplan reads it. Amounts are as the file writes them: in kronor, debit
/// positive and credit negative, so income is negative.
#[derive(Debug, Clone)]
pub struct Books {
    /// The file as the user named it.
    pub file: PathBuf,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// `#FLAGGA`.
    pub flag: Option<u8>,
    /// `#SIETYP`: 1–4.
    pub sie_type: Option<u8>,
    /// `#PROGRAM`: the program and its version.
    pub program: Option<String>,
    /// `#GEN`: when the file was made.
    pub generated: Option<NaiveDate>,
    /// `#FNAMN`: the company's name.
    pub company: Option<String>,
    /// `#ORGNR`.
    pub org_number: Option<String>,
    /// `#RAR`, in file order.
    pub years: Vec<FiscalYear>,
    /// `#KONTO` and `#KTYP`.
    pub accounts: BTreeMap<Account, AccountInfo>,
    /// `#DIM` and `#UNDERDIM`.
    pub dimensions: BTreeMap<u32, Dimension>,
    /// `#OBJEKT`: each object's name.
    pub objects: BTreeMap<ObjectRef, String>,
    /// Every distinct object list met, sorted within; index 0 is `{}`.
    pub object_lists: Vec<Vec<ObjectRef>>,
    /// `#IB` per fiscal year and account.
    pub opening: BTreeMap<(i32, Account), Decimal>,
    /// `#UB` per fiscal year and account.
    pub closing: BTreeMap<(i32, Account), Decimal>,
    /// `#OIB` per fiscal year, account and object list.
    pub object_opening: BTreeMap<(i32, Account, ObjectListId), Decimal>,
    /// `#OUB` per fiscal year, account and object list.
    pub object_closing: BTreeMap<(i32, Account, ObjectListId), Decimal>,
    /// `#RES` per fiscal year and account.
    pub results: BTreeMap<(i32, Account), Decimal>,
    /// `#PSALDO`: the month's change (result accounts) per key, summed.
    pub period_balances: BTreeMap<PeriodKey, Decimal>,
    /// `#PBUDGET` per key, summed.
    pub period_budgets: BTreeMap<PeriodKey, Decimal>,
    /// `#TRANS` rows per date, account and object list, summed.
    pub transactions: BTreeMap<TransactionKey, Decimal>,
    /// How many `#VER` the file has.
    pub vouchers: usize,
    /// How many records (lines with a label) the file has.
    pub records: usize,
    /// The `#KSUMMA` checksum, verified, when the file has one.
    pub checksum: Option<u32>,
}

impl Books {
    /// An empty book for `file`.
    pub fn new(file: PathBuf, encoding: Encoding) -> Self {
        Self {
            file,
            encoding,
            flag: None,
            sie_type: None,
            program: None,
            generated: None,
            company: None,
            org_number: None,
            years: Vec::new(),
            accounts: BTreeMap::new(),
            dimensions: BTreeMap::new(),
            objects: BTreeMap::new(),
            object_lists: vec![Vec::new()],
            opening: BTreeMap::new(),
            closing: BTreeMap::new(),
            object_opening: BTreeMap::new(),
            object_closing: BTreeMap::new(),
            results: BTreeMap::new(),
            period_balances: BTreeMap::new(),
            period_budgets: BTreeMap::new(),
            transactions: BTreeMap::new(),
            vouchers: 0,
            records: 0,
            checksum: None,
        }
    }

    /// Fiscal year `index` (0 = this year), if the file has it.
    pub fn year(&self, index: i32) -> Option<&FiscalYear> {
        self.years.iter().find(|y| y.index == index)
    }

    /// The account's name, or "" when the chart does not have it.
    pub fn account_name(&self, account: Account) -> &str {
        self.accounts.get(&account).map(|a| a.name.as_str()).unwrap_or("")
    }

    /// Whether `account` is a result account: `#KTYP` K or I when stated, else class 3–8
    /// (the first digit of a BAS account number).
    pub fn is_result_account(&self, account: Account) -> bool {
        match self.accounts.get(&account).and_then(|a| a.kind) {
            Some(AccountKind::Cost | AccountKind::Income) => true,
            Some(AccountKind::Asset | AccountKind::Liability) => false,
            None => (3..=8).contains(&account_class(account)),
        }
    }

    /// The objects of list `id`.
    pub fn object_list(&self, id: ObjectListId) -> &[ObjectRef] {
        self.object_lists.get(id as usize).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// An account's class: its first digit.
pub fn account_class(account: Account) -> u32 {
    let mut n = account;
    while n >= 10 {
        n /= 10;
    }
    n
}
