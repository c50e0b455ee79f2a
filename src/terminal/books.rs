//! `vplan bokföring`: a SIE file's result accounts and objects with their sums for a period,
//! grouped by account class, and the reconciliation of a mapping.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{plain, shown};
use crate::compute::ledger::{PeriodSums, Reconciliation, Source};
use crate::sie::mapping::UnmappedPolicy;
use crate::sie::{Books, account_class};
use crate::swedish;

/// Kronor with öre, as the books write them: `−1 087 333,00`.
fn kronor(value: Decimal) -> String {
    let rounded = value.round_dp(2);
    let mut text = plain(&swedish::amount(rounded));
    match text.split_once(',') {
        Some((_, f)) if f.len() == 1 => text.push('0'),
        Some(_) => {}
        None => text.push_str(",00"),
    }
    text
}

fn source(sums: &PeriodSums) -> &'static str {
    match sums.source {
        Source::PeriodBalances => "periodsaldon (#PSALDO)",
        Source::Vouchers => "verifikationer (#TRANS)",
        Source::YearResults => "årets resultat (#RES)",
    }
}

/// The listing of `vplan bokföring`.
pub fn books_listing(books: &Books, sums: &PeriodSums) -> String {
    let mut out = String::new();
    let company = books.company.as_deref().map(shown).unwrap_or_else(|| "(inget #FNAMN)".into());
    let org = books.org_number.as_deref().map(|o| format!(" ({})", shown(o))).unwrap_or_default();
    let _ = writeln!(out, "{company}{org}");
    let kind = books.sie_type.map(|t| format!("SIE typ {t}")).unwrap_or_else(|| "SIE (ingen #SIETYP)".into());
    let program = books.program.as_deref().map(|p| format!(" från {}", shown(p))).unwrap_or_default();
    let _ = writeln!(out, "{kind}{program}, teckenkodning {}", books.encoding.label());
    let _ = writeln!(
        out,
        "Räkenskapsår {} – {}; period {} – {} ur {}",
        swedish::date_iso(sums.year.start),
        swedish::date_iso(sums.year.end),
        swedish::date_iso(sums.from),
        swedish::date_iso(sums.to),
        source(sums)
    );
    let _ = writeln!(out, "Belopp i kronor som i bokföringen: intäkter negativa, kostnader positiva.");
    let mut accounts: Vec<u32> = sums
        .totals
        .keys()
        .chain(sums.by_object.keys().map(|(a, _)| a))
        .copied()
        .filter(|&a| books.is_result_account(a))
        .collect();
    accounts.sort_unstable();
    accounts.dedup();
    let width = accounts.iter().map(|a| a.to_string().len()).max().unwrap_or(4);
    let mut class = None;
    let mut class_sum = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    let finish = |out: &mut String, class: Option<u32>, sum: Decimal| {
        if let Some(c) = class {
            let _ = writeln!(out, "  {:<52}{:>18}", format!("Summa klass {c}"), kronor(sum));
        }
    };
    for account in accounts {
        let c = account_class(account);
        if class != Some(c) {
            finish(&mut out, class, class_sum);
            class = Some(c);
            class_sum = Decimal::ZERO;
            let _ = writeln!(out, "\nKlass {c}");
        }
        let amount = sums.totals.get(&account).copied().unwrap_or_default();
        class_sum += amount;
        total += amount;
        let name: String = shown(books.account_name(account)).chars().take(50 - width).collect();
        let _ = writeln!(out, "  {account:<width$}  {name:<w$}{:>18}", kronor(amount), w = 50 - width);
        for ((a, object), value) in &sums.by_object {
            if *a != account {
                continue;
            }
            let object_name = books.objects.get(object).map(|n| shown(n)).unwrap_or_default();
            let label: String = format!("{object} {object_name}").chars().take(48 - width).collect();
            let _ = writeln!(out, "  {:width$}    {label:<w$}{:>18}", "", kronor(*value), w = 48 - width);
        }
    }
    finish(&mut out, class, class_sum);
    let _ = writeln!(out, "\nPeriodens resultat (intäkter − kostnader): {} kr", kronor(-total));
    if !books.dimensions.is_empty() || !books.objects.is_empty() {
        let _ = writeln!(out, "\nObjekt (skrivs `objekt: \"dimension:objekt\"` i `koppling:`)");
        let mut dimension = None;
        for (object, name) in &books.objects {
            if dimension != Some(object.dimension) {
                dimension = Some(object.dimension);
                let dim_name =
                    books.dimensions.get(&object.dimension).map(|d| shown(&d.name)).unwrap_or_default();
                let _ = writeln!(out, "  Dimension {} {dim_name}", object.dimension);
            }
            let _ = writeln!(out, "    {object}  {}", shown(name));
        }
    }
    out
}

/// Each mapped line with its accounts and amount, and the reconciliation, for `vplan check`.
pub fn reconciliation(rec: &Reconciliation) -> String {
    let mut out = String::new();
    let unit = rec.unit.label();
    let _ = writeln!(out, "Utfall ur bokföringen ({unit}):");
    for line in &rec.lines {
        let ranges: Vec<String> = line.ranges.iter().map(ToString::to_string).collect();
        let object = line.object.as_ref().map(|o| format!(", objekt {o}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<44}{:>12}   konton {}{object}",
            shown(&line.path),
            plain(&swedish::amount(line.value)),
            ranges.join(", ")
        );
        for account in &line.accounts {
            let _ = writeln!(
                out,
                "      {} {:<38}{:>16} kr",
                account.account,
                shown(&account.name).chars().take(38).collect::<String>(),
                kronor(account.amount)
            );
        }
    }
    if !rec.unmapped.is_empty() {
        let label = match rec.policy {
            UnmappedPolicy::Error => "Okopplade konton",
            UnmappedPolicy::Warning => "Okopplade konton (varning)",
        };
        let _ = writeln!(out, "{label}:");
        for u in &rec.unmapped {
            let _ = writeln!(out, "  {} {:<42}{:>16} kr", u.account, shown(&u.name), kronor(u.amount));
        }
    }
    let state = if rec.balanced() { "Avstämt mot bokföringen" } else { "Inte avstämt mot bokföringen" };
    let _ = writeln!(
        out,
        "{state}: bokföringens resultat {} kr, kopplade rader {} kr, okopplat {} kr",
        kronor(rec.books_result),
        kronor(rec.mapped_result),
        kronor(rec.unmapped_result)
    );
    out
}
