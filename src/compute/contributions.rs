//! Member contributions: shares of a total shared out to the krona, the sums validation
//! needs, and the statutory 50/25/25 split.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::plan::{ContributionRow, Contributions, Member, MemberKind, Rounding};

/// The member contributions, shared out and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionTable {
    /// The year they are for.
    pub year: i32,
    /// The table's heading, if the plan gives one.
    pub heading: Option<String>,
    /// The column headings in table order: name, share, amount.
    pub column_headings: [String; 3],
    /// How many decimals shares are shown with; `None`: at most one, where there is one.
    pub decimals: Option<u32>,
    /// One line per row of the plan.
    pub rows: Vec<ContributionLine>,
    /// The total in kronor.
    pub total: Decimal,
    /// Label of the total row.
    pub total_label: String,
    /// A line under the table, e.g. the date the populations were counted at.
    pub note: Option<String>,
    /// The statutory split, part by part; empty when a row mixes kinds of members.
    pub statutory: Vec<StatutoryPart>,
}

impl ContributionTable {
    /// A share as the table shows it: with the plan's decimals, or at most one.
    pub fn percent_text(&self, percent: Decimal) -> String {
        match self.decimals {
            Some(decimals) => crate::swedish::percent_decimals(percent, decimals),
            None => crate::swedish::percent_precise(percent),
        }
    }
}

/// One member's (or group of members') contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    /// The label.
    pub name: String,
    /// The members the row stands for: `parter`, or the label.
    pub members: Vec<String>,
    /// The amount in whole kronor (or whole tkr, in kronor, when the plan rounds to tkr).
    pub amount: Decimal,
    /// The share of the total in percent (exact; rounded only when shown).
    pub percent: Decimal,
    /// The exact amount before rounding, in kronor (the typed amount for a row by `belopp`).
    pub exact: Decimal,
    /// The kind of member the row stands for, when all its members are of one kind.
    pub party: Option<Party>,
}

/// The three parts of the statutory split, as a row of the contributions can stand for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// Försäkringskassan and Arbetsförmedlingen.
    State,
    /// A region (or landsting).
    Region,
    /// A kommun.
    Kommun,
}

impl Party {
    fn of(kind: MemberKind) -> Self {
        match kind {
            MemberKind::Forsakringskassan | MemberKind::Arbetsformedlingen => Self::State,
            MemberKind::Region | MemberKind::Landsting => Self::Region,
            MemberKind::Kommun => Self::Kommun,
        }
    }

    /// The party a word names, as a budget line calls it: ”Kommunerna”, ”Regionen”, ”Staten”.
    pub fn named(word: &str) -> Option<Self> {
        match word.trim().to_lowercase().as_str() {
            "kommunerna" | "kommuner" | "medlemskommunerna" | "medlemskommuner" => Some(Self::Kommun),
            "regionen" | "regionerna" | "landstinget" | "landstingen" => Some(Self::Region),
            "staten" => Some(Self::State),
            _ => None,
        }
    }
}

/// The party every member of a row (its `parter`, or its name) belongs to, if they share one.
pub fn row_party(row_members: &[String], members: &[Member]) -> Option<Party> {
    let parties: Vec<Option<Party>> = row_members
        .iter()
        .map(|name| members.iter().find(|m| m.name == *name).map(|m| Party::of(m.kind)))
        .collect();
    let first = (*parties.first()?)?;
    parties.iter().all(|p| *p == Some(first)).then_some(first)
}

/// A row of the contributions as a budget line can name it: its label, its members and their
/// party.
#[derive(Debug, Clone, Copy)]
pub struct NamedRow<'a> {
    /// The row's `namn`.
    pub name: &'a str,
    /// Its members: `parter`, or the name.
    pub members: &'a [String],
    /// Their common party.
    pub party: Option<Party>,
}

/// The rows (indexes into `rows`) a name in a budget line stands for: `summa` all of them, a
/// row by its name, a member by the row it pays on, and ”Kommunerna”, ”Regionen” or ”Staten”
/// every row of that party. Names are compared without regard to case. Empty when the name
/// is none of these.
pub fn rows_named(rows: &[NamedRow], name: &str) -> Vec<usize> {
    let wanted = name.trim().to_lowercase();
    let all = |f: &dyn Fn(&NamedRow) -> bool| -> Vec<usize> {
        rows.iter().enumerate().filter(|(_, r)| f(r)).map(|(i, _)| i).collect()
    };
    if wanted == "summa" {
        return (0..rows.len()).collect();
    }
    let by_name = all(&|r| r.name.to_lowercase() == wanted);
    if !by_name.is_empty() {
        return by_name;
    }
    let by_member = all(&|r| r.members.iter().any(|m| m.to_lowercase() == wanted));
    if !by_member.is_empty() {
        return by_member;
    }
    match Party::named(&wanted) {
        Some(party) => all(&|r| r.party == Some(party)),
        None => Vec::new(),
    }
}

impl ContributionTable {
    /// The rows as budget lines can name them.
    pub fn named_rows(&self) -> Vec<NamedRow<'_>> {
        self.rows.iter().map(|r| NamedRow { name: &r.name, members: &r.members, party: r.party }).collect()
    }
}
/// The part of the statutory split (lag 2003:1210) that one kind of member stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatutoryPart {
    /// Who, as a message names them: "staten (…)", "regionerna", "kommunerna".
    pub who: &'static str,
    /// The share the law gives them, in percent.
    pub percent: u32,
    /// What their rows add up to, in kronor.
    pub sum: Decimal,
    /// Their share of the total, in kronor.
    pub expected: Decimal,
    /// What they actually stand for, in percent of the total (exact).
    pub actual_percent: Decimal,
    /// Whether `sum` is a krona or more from `expected`.
    pub departs: bool,
}

/// The sum of the rows' shares (`andel`), in percent.
pub fn share_sum(rows: &[ContributionRow]) -> Decimal {
    rows.iter().filter_map(|r| r.share.as_ref()).map(|s| s.value.0).sum()
}

/// The sum of the rows' amounts (`belopp`), in kronor.
pub fn amount_sum(rows: &[ContributionRow]) -> Decimal {
    rows.iter().filter_map(|r| r.amount.as_ref()).map(|a| a.value.0).sum()
}

/// Shares out a checked plan's contributions and sums them by the statutory split.
///
/// Rows with `andel` get their share of `summa`; rows with `invånare` share what the `andel`
/// rows leave (100 % less their shares) in proportion to their populations; rows with
/// `belopp` are taken as typed. Shared amounts are rounded to whole kronor or whole tkr so
/// that they add up to `summa` exactly: the row named in `avrundning_till` takes up the
/// difference, or else the largest remainders get one unit each.
pub fn contributions(plan: &Contributions, members: &[Member]) -> ContributionTable {
    let rows = &plan.rows.value;
    let by_amount = rows.iter().all(|r| r.amount.is_some());
    let (amounts, total, percents, exact): (Vec<Decimal>, Decimal, Vec<Decimal>, Vec<Decimal>) = if by_amount
    {
        let amounts: Vec<Decimal> =
            rows.iter().map(|r| r.amount.as_ref().map(|a| a.value.0).unwrap_or_default()).collect();
        let total: Decimal = amounts.iter().sum();
        let percents = amounts
            .iter()
            .map(|a| if total.is_zero() { Decimal::ZERO } else { *a * Decimal::ONE_HUNDRED / total })
            .collect();
        (amounts.clone(), total, percents, amounts)
    } else {
        let total = plan.total.as_ref().map(|t| t.value.0).unwrap_or_default();
        let (exact, percents) = exact_shares(total, rows);
        let unit = match plan.rounding {
            Rounding::Kronor => Decimal::ONE,
            Rounding::Tkr => Decimal::ONE_THOUSAND,
        };
        let absorber =
            plan.rounding_to.as_ref().and_then(|name| rows.iter().position(|r| r.name.value == name.value));
        (share_out(total, &exact, unit, absorber), total, percents, exact)
    };
    let lines: Vec<ContributionLine> = rows
        .iter()
        .zip(amounts.iter().zip(percents).zip(exact))
        .map(|(row, ((amount, percent), exact))| {
            let row_members = match &row.members {
                Some(list) => list.clone(),
                None => vec![row.name.value.clone()],
            };
            ContributionLine {
                name: row.name.value.clone(),
                party: row_party(&row_members, members),
                members: row_members,
                amount: *amount,
                percent,
                exact,
            }
        })
        .collect();

    let statutory = statutory(rows, &lines, members, total);
    let default_headings = ["Medlem".to_owned(), "Andel".to_owned(), format!("Bidrag {}", plan.year)];
    let column_headings = match &plan.column_headings {
        Some(h) if h.value.len() == 3 => [h.value[0].clone(), h.value[1].clone(), h.value[2].clone()],
        _ => default_headings,
    };
    let note = plan.population_date.as_ref().map(|date| format!("Invånare den {date}."));
    ContributionTable {
        year: plan.year,
        heading: plan.heading.clone(),
        column_headings,
        decimals: plan.decimals.as_ref().map(|d| d.value),
        rows: lines,
        total,
        total_label: plan.total_label.clone(),
        note,
        statutory,
    }
}

/// Each row's exact share of `total` in kronor, and in percent: `andel` rows their share,
/// `invånare` rows what the `andel` rows leave, by population.
pub fn exact_shares(total: Decimal, rows: &[ContributionRow]) -> (Vec<Decimal>, Vec<Decimal>) {
    let shares = share_sum(rows);
    let left = Decimal::ONE_HUNDRED - shares;
    let population: Decimal = rows.iter().filter_map(|r| r.population.as_ref()).map(|p| p.value.0).sum();
    rows.iter()
        .map(|row| match (&row.share, &row.population) {
            (Some(share), _) => (total * share.value.0 / Decimal::ONE_HUNDRED, share.value.0),
            (None, Some(people)) if !population.is_zero() => {
                // Multiply before dividing, so that the only inexact step is the last one; a
                // product beyond Decimal's 28 digits (a hostile population) divides first.
                let people = people.value.0;
                let amount = total
                    .checked_mul(left)
                    .and_then(|p| p.checked_mul(people))
                    .map(|p| p / (Decimal::ONE_HUNDRED * population))
                    .unwrap_or_else(|| total * (left / Decimal::ONE_HUNDRED) * (people / population));
                (amount, left * people / population)
            }
            _ => (Decimal::ZERO, Decimal::ZERO),
        })
        .unzip()
}

/// The sum of the rows' populations (`invånare`).
pub fn population_sum(rows: &[ContributionRow]) -> Decimal {
    rows.iter().filter_map(|r| r.population.as_ref()).map(|p| p.value.0).sum()
}

/// Rounds exact amounts to whole `unit`s so that they add up to `total` exactly.
///
/// With an `absorber`, every other row is rounded to the nearest unit (half away from zero)
/// and the absorber gets what is left. Otherwise each row gets the whole units of its exact
/// amount and the units left over go one each to the largest remainders (earlier rows first
/// on a tie).
pub fn share_out(total: Decimal, exact: &[Decimal], unit: Decimal, absorber: Option<usize>) -> Vec<Decimal> {
    if let Some(absorber) = absorber.filter(|a| *a < exact.len()) {
        let mut amounts: Vec<Decimal> = exact
            .iter()
            .map(|e| (*e / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * unit)
            .collect();
        let others: Decimal =
            amounts.iter().enumerate().filter(|(i, _)| *i != absorber).map(|(_, a)| *a).sum();
        amounts[absorber] = total - others;
        return amounts;
    }
    let mut amounts: Vec<Decimal> = exact
        .iter()
        .map(|e| (*e / unit).round_dp_with_strategy(0, RoundingStrategy::ToZero) * unit)
        .collect();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|a, b| (exact[*b] - amounts[*b]).cmp(&(exact[*a] - amounts[*a])).then(a.cmp(b)));
    let mut left = ((total - amounts.iter().sum::<Decimal>()) / unit)
        .round_dp_with_strategy(0, RoundingStrategy::ToZero);
    for i in order.into_iter().cycle().take(exact.len() * 2) {
        if left <= Decimal::ZERO {
            break;
        }
        amounts[i] += unit;
        left -= Decimal::ONE;
    }
    amounts
}

/// The statutory split (lag 2003:1210): the state half, regions a quarter, kommuner a quarter.
/// Empty when a row mixes kinds of members, so that the split cannot be attributed.
fn statutory(
    rows: &[ContributionRow],
    lines: &[ContributionLine],
    members: &[Member],
    total: Decimal,
) -> Vec<StatutoryPart> {
    let kind_of = |name: &str| members.iter().find(|m| m.name == name).map(|m| m.kind);
    let mut sums: [Option<Decimal>; 3] = [Some(Decimal::ZERO); 3];
    for (row, line) in rows.iter().zip(lines) {
        let names: Vec<&str> = match &row.members {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => vec![row.name.value.as_str()],
        };
        let classes: Vec<usize> = names.iter().filter_map(|n| kind_of(n)).map(statutory_class).collect();
        match classes.first() {
            Some(&class) if classes.iter().all(|c| *c == class) => {
                sums[class] = sums[class].map(|s| s + line.amount);
            }
            // A row that mixes kinds cannot be attributed; the split is not checked.
            _ => sums = [None; 3],
        }
    }
    const PARTS: [(&str, u32); 3] =
        [("staten (Försäkringskassan och Arbetsförmedlingen)", 50), ("regionerna", 25), ("kommunerna", 25)];
    sums.iter()
        .zip(PARTS)
        .filter_map(|(sum, (who, percent))| {
            let sum = (*sum)?;
            let expected = total * Decimal::from(percent) / Decimal::ONE_HUNDRED;
            let actual_percent =
                if total.is_zero() { Decimal::ZERO } else { sum * Decimal::ONE_HUNDRED / total };
            let departs = (sum - expected).abs() >= Decimal::ONE && !total.is_zero();
            Some(StatutoryPart { who, percent, sum, expected, actual_percent, departs })
        })
        .collect()
}

fn statutory_class(kind: MemberKind) -> usize {
    match kind {
        MemberKind::Forsakringskassan | MemberKind::Arbetsformedlingen => 0,
        MemberKind::Region | MemberKind::Landsting => 1,
        MemberKind::Kommun => 2,
    }
}

/// Shares `total` out by `percents` in whole kronor that add up to `total` exactly: each
/// gets the whole kronor of its exact share, and the kronor left over go one each to the
/// largest remainders (earlier rows first on a tie).
pub fn largest_remainder(total: Decimal, percents: &[Decimal]) -> Vec<Decimal> {
    let exact: Vec<Decimal> = percents.iter().map(|p| total * *p / Decimal::ONE_HUNDRED).collect();
    share_out(total, &exact, Decimal::ONE, None)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::plan::Plan;

    /// The table computed from a plan whose members are `members` (name, kind) and whose
    /// `medlemsbidrag` is `yaml`.
    fn table(members: &[(&str, &str)], yaml: &str) -> ContributionTable {
        let members: String =
            members.iter().map(|(name, kind)| format!("    - {{ namn: {name}, typ: {kind} }}\n")).collect();
        let text = format!(
            "förbund:\n  namn: Test\n  medlemmar:\n{members}dokument: {{ år: 2026, datum: 2025-11-26 }}\nmedlemsbidrag:\n{yaml}"
        );
        let plan: Plan = serde_saphyr::from_str(&text).expect("test plan parses");
        contributions(&plan.contributions[0], &plan.association.members.value)
    }

    fn amounts(table: &ContributionTable) -> Vec<Decimal> {
        table.rows.iter().map(|r| r.amount).collect()
    }

    const STATE_REGION: &[(&str, &str)] = &[
        ("Försäkringskassan", "försäkringskassan"),
        ("Arbetsförmedlingen", "arbetsförmedlingen"),
        ("Region Dalarna", "region"),
    ];

    #[test]
    fn seed_003_shares_come_out_exactly() {
        let members = [
            STATE_REGION,
            &[("Avesta kommun", "kommun"), ("Hedemora kommun", "kommun"), ("Säters kommun", "kommun")],
        ]
        .concat();
        let t = table(
            &members,
            "  år: 2025\n  summa: 6184000\n  rader:\n    - { namn: FK och AF, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }\n    - { namn: Region Dalarna, andel: 25 }\n    - { namn: Avesta kommun, andel: 11 }\n    - { namn: Hedemora kommun, andel: 8 }\n    - { namn: Säters kommun, andel: 6 }\n",
        );
        assert_eq!(amounts(&t), [dec!(3092000), dec!(1546000), dec!(680240), dec!(494720), dec!(371040)]);
        assert!(t.statutory.iter().all(|p| !p.departs), "{:?}", t.statutory);
    }

    #[test]
    fn brandkaren_norra_dalarna_2021_comes_out_exactly() {
        // The keys are Brandkåren Norra Dalarna's; the member names are invented.
        let members: Vec<(&str, &str)> = ["Kommun A", "Kommun B", "Kommun C", "Kommun D", "Kommun E"]
            .iter()
            .map(|n| (*n, "kommun"))
            .collect();
        let t = table(
            &members,
            "  år: 2021\n  summa: 57649000\n  decimaler: 1\n  rubrik: Medlemsavgift 2021\n  kolumnrubriker: [Medlem, Procentuell fördelning, Medlemsavgift 2021]\n  rader:\n    - { namn: Kommun A, andel: \"17,5\" }\n    - { namn: Kommun B, andel: \"34,7\" }\n    - { namn: Kommun C, andel: \"10,8\" }\n    - { namn: Kommun D, andel: \"12,6\" }\n    - { namn: Kommun E, andel: \"24,4\" }\n",
        );
        assert_eq!(
            amounts(&t),
            [dec!(10088575), dec!(20004203), dec!(6226092), dec!(7263774), dec!(14066356)]
        );
        assert_eq!(amounts(&t).iter().sum::<Decimal>(), dec!(57649000));
        assert_eq!(t.heading.as_deref(), Some("Medlemsavgift 2021"));
        assert_eq!(t.column_headings[1], "Procentuell fördelning");
        assert_eq!(t.percent_text(t.rows[0].percent), "17,5\u{a0}%");
    }

    #[test]
    fn umearegionen_2014_comes_out_exactly() {
        let members = [
            ("Försäkringskassan", "försäkringskassan"),
            ("Arbetsförmedlingen", "arbetsförmedlingen"),
            ("Västerbottens läns landsting", "region"),
            ("Umeå kommun", "kommun"),
            ("Vännäs kommun", "kommun"),
        ];
        let t = table(
            &members,
            "  år: 2014\n  summa: 10600000\n  avrundning: tkr\n  rader:\n    - { namn: Staten, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }\n    - { namn: Västerbottens läns landsting, andel: 25 }\n    - { namn: Umeå och Vännäs kommuner, parter: [Umeå kommun, Vännäs kommun], andel: 25 }\n",
        );
        assert_eq!(amounts(&t), [dec!(5300000), dec!(2650000), dec!(2650000)]);
        assert!(t.statutory.iter().all(|p| !p.departs), "{:?}", t.statutory);
    }

    #[test]
    fn the_kommun_quarter_split_by_population_is_exact_to_the_krona() {
        let members = [
            STATE_REGION,
            &[("Avesta kommun", "kommun"), ("Hedemora kommun", "kommun"), ("Säters kommun", "kommun")],
        ]
        .concat();
        // Populations invented for the test.
        let t = table(
            &members,
            "  år: 2026\n  summa: 6184000\n  invånare_datum: 2024-11-01\n  rader:\n    - { namn: FK och AF, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }\n    - { namn: Region Dalarna, andel: 25 }\n    - { namn: Avesta kommun, invånare: 23000 }\n    - { namn: Hedemora kommun, invånare: 15300 }\n    - { namn: Säters kommun, invånare: 11100 }\n",
        );
        // Exact shares 719 797,57 / 478 821,86 / 347 380,57: the two kronor left go to the
        // largest remainders (Hedemora, then Avesta).
        assert_eq!(amounts(&t), [dec!(3092000), dec!(1546000), dec!(719798), dec!(478822), dec!(347380)]);
        assert_eq!(amounts(&t).iter().sum::<Decimal>(), dec!(6184000));
        assert!(t.statutory.iter().all(|p| !p.departs), "{:?}", t.statutory);
        assert_eq!(t.note.as_deref(), Some("Invånare den 2024-11-01."));
        assert_eq!(t.percent_text(t.rows[2].percent), "11,6\u{a0}%");
    }

    #[test]
    fn a_split_rounded_to_tkr_sums_exactly() {
        let members = [
            ("Försäkringskassan", "försäkringskassan"),
            ("Landstinget", "region"),
            ("Umeå kommun", "kommun"),
            ("Vännäs kommun", "kommun"),
        ];
        // Populations invented for the test: exact 2 482 353,87 and 167 646,13 kr.
        let t = table(
            &members,
            "  år: 2014\n  summa: 10600000\n  avrundning: tkr\n  rader:\n    - { namn: Försäkringskassan, andel: 50 }\n    - { namn: Landstinget, andel: 25 }\n    - { namn: Umeå kommun, invånare: 127119 }\n    - { namn: Vännäs kommun, invånare: 8585 }\n",
        );
        assert_eq!(amounts(&t), [dec!(5300000), dec!(2650000), dec!(2482000), dec!(168000)]);
        assert!(amounts(&t).iter().all(|a| (*a % dec!(1000)).is_zero()));
    }

    #[test]
    fn a_named_member_absorbs_the_rounding() {
        let members = [("A", "kommun"), ("B", "kommun"), ("C", "kommun")];
        let rows = "  rader:\n    - { namn: A, invånare: 1 }\n    - { namn: B, invånare: 1 }\n    - { namn: C, invånare: 1 }\n";
        let largest = table(&members, &format!("  år: 2026\n  summa: 1000\n{rows}"));
        assert_eq!(amounts(&largest), [dec!(334), dec!(333), dec!(333)]);
        let absorbed = table(&members, &format!("  år: 2026\n  summa: 1000\n  avrundning_till: C\n{rows}"));
        assert_eq!(amounts(&absorbed), [dec!(333), dec!(333), dec!(334)]);
    }

    #[test]
    fn populations_at_the_bound_of_an_amount_share_out_without_overflow() {
        let t = table(
            &[("A", "kommun"), ("B", "kommun")],
            "  år: 2026\n  summa: 999999999999999\n  rader:\n    - { namn: A, invånare: 999999999999999 }\n    - { namn: B, invånare: 1 }\n",
        );
        assert_eq!(amounts(&t).iter().sum::<Decimal>(), dec!(999999999999999));
    }

    #[test]
    fn shares_keep_the_decimals_the_plan_asks_for() {
        let t = table(
            &[("A", "kommun"), ("B", "kommun")],
            "  år: 2026\n  summa: 1000000\n  decimaler: 2\n  rader:\n    - { namn: A, andel: \"1,04\" }\n    - { namn: B, andel: \"98,96\" }\n",
        );
        assert_eq!(t.percent_text(t.rows[0].percent), "1,04\u{a0}%");
        assert_eq!(t.percent_text(Decimal::ONE_HUNDRED), "100,00\u{a0}%");
        assert_eq!(amounts(&t), [dec!(10400), dec!(989600)]);
    }

    /// A small deterministic generator, so that the property below runs the same cases on
    /// every machine.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }
    }

    #[test]
    fn every_split_sums_to_its_total() {
        let mut random = XorShift(0x5eed_f1a5);
        for case in 0..2000 {
            let n = 1 + random.next(12) as usize;
            let unit = if random.next(2) == 0 { Decimal::ONE } else { Decimal::ONE_THOUSAND };
            let total = Decimal::from(random.next(100_000)) * unit;
            let weights: Vec<Decimal> = (0..n).map(|_| Decimal::from(1 + random.next(500_000))).collect();
            let sum: Decimal = weights.iter().sum();
            let exact: Vec<Decimal> = weights.iter().map(|w| total * *w / sum).collect();
            let absorber = (random.next(3) == 0).then(|| random.next(n as u64) as usize);
            let amounts = share_out(total, &exact, unit, absorber);
            assert_eq!(
                amounts.iter().sum::<Decimal>(),
                total,
                "case {case}: {weights:?} {unit} {absorber:?}"
            );
            for (amount, exact) in amounts.iter().zip(&exact) {
                assert!((*amount % unit).is_zero(), "case {case}: whole units");
                if absorber.is_none() {
                    assert!(
                        (*amount - *exact).abs() < unit,
                        "case {case}: within one unit of the exact share"
                    );
                }
            }
        }
    }
}
