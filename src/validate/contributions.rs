//! Checks `medlemsbidrag`: rows by share or by amount, members that exist, and shares or
//! amounts that add up (the sums come from [`crate::compute`]).

use rust_decimal::Decimal;

use super::Check;
use crate::compute;
use crate::error::Diagnostic;
use crate::plan::{Cell, ContributionRow, Contributions, Member, Unit, YEARS, position};

/// The most decimals a contribution table's shares may be shown with (`decimaler`): as many as
/// an amount may have. Each decimal is a digit written for every share.
pub const MAX_SHARE_DECIMALS: u32 = 6;

impl Check<'_> {
    pub(super) fn contributions(&mut self, contributions: &Contributions, members: &[Member]) {
        let errors_before = self.errors.len();
        self.contributions_rows(contributions, members);
        // Only a table without errors can be shared out.
        if self.errors.len() == errors_before {
            self.rounding(contributions, members);
        }
    }

    /// A rounding that leaves a member with a negative contribution is refused, with the
    /// figures: the row that takes up the rounding (`avrundning_till`) gets what the others'
    /// roundings leave, which can be less than nothing when its exact share is small.
    fn rounding(&mut self, contributions: &Contributions, members: &[Member]) {
        let Some(to) = &contributions.rounding_to else { return };
        let table = compute::contributions::contributions(contributions, members);
        let unit = match contributions.rounding {
            crate::plan::Rounding::Kronor => "kronor",
            crate::plan::Rounding::Tkr => "tkr",
        };
        for row in table.rows.iter().filter(|r| r.amount.is_sign_negative() && !r.amount.is_zero()) {
            self.errors.push(
                Diagnostic::new(format!(
                    "avrundningen till hela {unit} ger {} {} kr i medlemsbidrag",
                    row.name,
                    crate::swedish::amount(row.amount)
                ))
                .at(position(&to.referenced, to.value.chars().count()))
                .note(format!(
                    "{}s exakta andel är {} kr; `avrundning_till: {}` tar upp det som de andra radernas avrundning lämnar",
                    row.name,
                    crate::swedish::amount(row.exact.round_dp(2)),
                    to.value
                ))
                .hint("låt en rad med ett stort bidrag ta upp avrundningen, eller ta bort `avrundning_till` så får de största resterna avrundningen"),
            );
        }
    }

    fn contributions_rows(&mut self, contributions: &Contributions, members: &[Member]) {
        if !YEARS.contains(&contributions.year) {
            self.errors.push(
                Diagnostic::new(format!("året {} är orimligt för medlemsbidragen", contributions.year))
                    .note(format!("åren går från {} till {}", YEARS.start(), YEARS.end()))
                    .hint("skriv året med fyra siffror, till exempel `år: 2026`"),
            );
        }
        if let Some(decimals) = &contributions.decimals
            && decimals.value > MAX_SHARE_DECIMALS
        {
            self.errors.push(
                Diagnostic::new(format!("{} decimaler i andelarna är för många", decimals.value))
                    .at(position(&decimals.referenced, decimals.value.to_string().len()))
                    .note(format!("andelarna kan visas med högst {MAX_SHARE_DECIMALS} decimaler"))
                    .hint("skriv till exempel `decimaler: 2`, som ger 1,04 % och 25,00 %"),
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
        let by_share = rows.iter().filter(|r| r.share.is_some() || r.population.is_some()).count();
        let by_amount = rows.iter().filter(|r| r.amount.is_some()).count();
        let by_population = rows.iter().filter(|r| r.population.is_some()).count();
        let both = rows.iter().any(|r| r.share.is_some() && r.population.is_some());
        if (by_share != rows.len() && by_amount != rows.len()) || (by_share > 0 && by_amount > 0) || both {
            self.errors.push(
                Diagnostic::new("medlemsbidragen blandar `belopp` med `andel` eller `invånare`, eller en rad saknar alla tre")
                    .at(at_rows)
                    .hint(
                        "ge antingen varje rad en `andel` (procent av `summa`) eller `invånare`, eller varje rad ett `belopp`",
                    ),
            );
        }
        if let Some(name) = &contributions.rounding_to
            && !rows.iter().any(|r| r.name.value == name.value)
        {
            self.errors.push(
                Diagnostic::new(format!("`avrundning_till` nämner `{}`, som ingen rad i medlemsbidragen heter", name.value))
                    .at(position(&name.referenced, name.value.chars().count()))
                    .hint("skriv radens `namn` som under `rader:`, eller ta bort nyckeln så får de största resterna avrundningen"),
            );
        }
        if let Some(headings) = &contributions.column_headings
            && headings.value.len() != 3
        {
            self.errors.push(
                Diagnostic::new(format!("medlemsbidragen har tre kolumner, men {} kolumnrubriker", headings.value.len()))
                    .at(position(&headings.referenced, 1))
                    .hint("ange tre rubriker: namn, andel och belopp, till exempel [Medlem, Procentuell fördelning, Medlemsavgift 2021]"),
            );
        }
        if contributions.rounding == crate::plan::Rounding::Tkr
            && let Some(total) = &contributions.total
            && !(total.value.0 % rust_decimal::Decimal::ONE_THOUSAND).is_zero()
        {
            self.errors.push(
                Diagnostic::new(format!(
                    "`summa` är {} kr, som inte går att dela i hela tkr",
                    crate::swedish::amount(total.value.0)
                ))
                .at(position(&total.referenced, 1))
                .hint("ange summan i hela tusental kronor, eller skriv `avrundning: kronor`"),
            );
        }
        if by_population > 0 && compute::contributions::population_sum(rows).is_zero() {
            self.errors.push(
                Diagnostic::new("raderna med `invånare` har tillsammans inga invånare")
                    .at(at_rows)
                    .hint("ange folkmängden för varje kommun"),
            );
        }
        self.contribution_rows(rows, members);
        self.contribution_sums(contributions, members, (by_share, by_amount, by_population));
    }

    /// Each row: members that exist, no negative figure, amounts in whole kronor.
    fn contribution_rows(&mut self, rows: &[ContributionRow], members: &[Member]) {
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
            for value in [&row.share, &row.amount, &row.population].into_iter().flatten() {
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
    }

    /// Shares that add up to 100 % (or leave room for the rows by population) with a total to
    /// share out, or amounts that add up to the total; `counts` are the rows by share (or
    /// population), by amount and by population.
    fn contribution_sums(
        &mut self,
        contributions: &Contributions,
        members: &[Member],
        (by_share, by_amount, by_population): (usize, usize, usize),
    ) {
        let rows = &contributions.rows.value;
        let at_rows = position(&contributions.rows.referenced, 1);
        if by_share == rows.len() {
            let sum = compute::contributions::share_sum(rows);
            if by_population > 0 && sum >= Decimal::ONE_HUNDRED {
                self.errors.push(
                Diagnostic::new(format!(
                    "andelarna blir {} %, så inget blir kvar att dela efter invånare",
                    crate::swedish::amount(sum)
                ))
                .at(at_rows)
                .hint("raderna med `invånare` delar det som andelarna lämnar; ge till exempel staten 50 och regionen 25"),
            );
            } else if by_population == 0 && sum != Decimal::ONE_HUNDRED {
                let shares: Vec<Decimal> =
                    rows.iter().filter_map(|r| r.share.as_ref()).map(|s| s.value.0).collect();
                let d =
                    Diagnostic::new(format!("andelarna blir {} %, inte 100 %", crate::swedish::amount(sum)))
                        .at(at_rows);
                // Members that no row names are the usual cause of a short sum.
                let named: Vec<&str> = rows
                    .iter()
                    .flat_map(|r| match &r.members {
                        Some(list) => list.iter().map(String::as_str).collect::<Vec<_>>(),
                        None => vec![r.name.value.as_str()],
                    })
                    .collect();
                let without: Vec<&str> =
                    members.iter().map(|m| m.name.as_str()).filter(|m| !named.contains(m)).collect();
                let d = if without.is_empty() {
                    d
                } else {
                    d.note(format!("medlemmar utan rad: {}", without.join(", ")))
                };
                let fractions =
                    !sum.is_zero() && sum <= Decimal::ONE && shares.iter().all(|s| *s <= Decimal::ONE);
                self.errors.push(if fractions {
                // 0,175 written for 17,5 %.
                let first = shares.first().copied().unwrap_or_default();
                d.note("andelarna ser ut att vara skrivna som bråkdelar av 1")
                    .hint(format!(
                        "skriv andelarna i procent: `{}` blir `{}`",
                        crate::swedish::amount(first),
                        crate::swedish::amount(first * Decimal::ONE_HUNDRED)
                    ))
            } else if without.is_empty() {
                d.hint("rätta andelarna så att de tillsammans blir 100")
            } else {
                d.hint("lägg till en rad för varje medlem som betalar, eller rätta andelarna så att de tillsammans blir 100")
            });
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
