//! Checks `medlemsbidrag`: rows by share or by amount, members that exist, and shares or
//! amounts that add up (the sums come from [`crate::compute`]).

use rust_decimal::Decimal;

use super::Check;
use crate::compute;
use crate::error::Diagnostic;
use crate::plan::{Cell, Contributions, Member, Unit, YEARS, position};

impl Check<'_> {
    pub(super) fn contributions(&mut self, contributions: &Contributions, members: &[Member]) {
        if !YEARS.contains(&contributions.year) {
            self.errors.push(
                Diagnostic::new(format!("året {} är orimligt för medlemsbidragen", contributions.year))
                    .note(format!("åren går från {} till {}", YEARS.start(), YEARS.end()))
                    .hint("skriv året med fyra siffror, till exempel `år: 2026`"),
            );
        }
        let rows = &contributions.rows.value;
        let at_rows = position(&contributions.rows.referenced, 1);
        if rows.is_empty() {
            self.errors.push(
                Diagnostic::new("medlemsbidragen har inga rader")
                    .at(at_rows)
                    .hint("lista medlemmarna under `rader:`"),
            );
            return;
        }
        let by_share = rows.iter().filter(|r| r.share.is_some()).count();
        let by_amount = rows.iter().filter(|r| r.amount.is_some()).count();
        if (by_share != rows.len() && by_amount != rows.len()) || (by_share > 0 && by_amount > 0) {
            self.errors.push(
                Diagnostic::new("medlemsbidragen blandar `andel` och `belopp`, eller en rad saknar båda")
                    .at(at_rows)
                    .hint(
                        "ge antingen varje rad en `andel` (procent av `summa`) eller varje rad ett `belopp`",
                    ),
            );
        }
        for row in rows {
            let names: Vec<&str> = match &row.members {
                Some(list) => list.iter().map(String::as_str).collect(),
                None => vec![row.name.value.as_str()],
            };
            for name in names {
                if !members.iter().any(|m| m.name == name) {
                    self.errors.push(
                        Diagnostic::new(format!("`{name}` är ingen medlem i förbundet"))
                            .at(position(&row.name.referenced, row.name.value.chars().count()))
                            .note(format!(
                                "medlemmar: {}",
                                members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")
                            ))
                            .hint("skriv namnet som under `förbund: medlemmar:`, eller ange `parter:` med medlemmarnas namn"),
                    );
                }
            }
            for value in [&row.share, &row.amount].into_iter().flatten() {
                if value.value.0.is_sign_negative() {
                    self.errors.push(
                        Diagnostic::new(format!(
                            "negativt medlemsbidrag: {}",
                            crate::swedish::amount(value.value.0)
                        ))
                        .at(position(&value.referenced, 1))
                        .hint("ett medlemsbidrag är noll eller mer"),
                    );
                }
            }
            if let Some(amount) = &row.amount {
                let at = position(&amount.referenced, 1);
                self.whole_kronor(
                    &[Some(Cell::plain(amount.value))],
                    Unit::Kr,
                    at,
                    "medlemsbidrag anges i hela kronor",
                );
            }
        }
        if by_share == rows.len() {
            let sum = compute::contributions::share_sum(rows);
            if sum != Decimal::ONE_HUNDRED {
                self.errors.push(
                    Diagnostic::new(format!("andelarna blir {} %, inte 100 %", sum.normalize()))
                        .at(at_rows)
                        .hint("rätta andelarna så att de tillsammans blir 100"),
                );
            }
            match &contributions.total {
                None => self.errors.push(
                    Diagnostic::new("medlemsbidragen har andelar men ingen `summa`")
                        .at(at_rows)
                        .hint("ange summan som ska fördelas, till exempel `summa: 6184000`"),
                ),
                Some(total) => self.amount_unit(total, Unit::Kr),
            }
        } else if by_amount == rows.len()
            && let Some(total) = &contributions.total
        {
            let sum = compute::contributions::amount_sum(rows);
            if sum != total.value.0 {
                self.errors.push(
                    Diagnostic::new(format!(
                        "medlemsbidragen blir {} kr men `summa` är {} kr",
                        crate::swedish::amount(sum),
                        crate::swedish::amount(total.value.0)
                    ))
                    .at(position(&total.referenced, 1))
                    .hint("rätta ett belopp, eller ta bort `summa:` så räknar vplan ut den"),
                );
            }
        }
    }
}
