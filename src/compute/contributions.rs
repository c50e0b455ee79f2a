//! Member contributions: shares of a total shared out to the krona, the sums validation
//! needs, and the statutory 50/25/25 split.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::plan::{ContributionRow, Contributions, Member, MemberKind};

/// The member contributions, shared out and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionTable {
    /// The year they are for.
    pub year: i32,
    /// One line per row of the plan.
    pub rows: Vec<ContributionLine>,
    /// The total in kronor.
    pub total: Decimal,
    /// Label of the total row.
    pub total_label: String,
    /// The statutory split, part by part; empty when a row mixes kinds of members.
    pub statutory: Vec<StatutoryPart>,
}

/// One member's (or group of members') contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    /// The label.
    pub name: String,
    /// The amount in whole kronor.
    pub amount: Decimal,
    /// The share of the total in percent (exact; rounded only when shown).
    pub percent: Decimal,
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
pub(super) fn contributions(plan: &Contributions, members: &[Member]) -> ContributionTable {
    let rows = &plan.rows.value;
    let by_share = rows.iter().all(|r| r.share.is_some());
    let (amounts, total): (Vec<Decimal>, Decimal) = if by_share {
        let total = plan.total.as_ref().map(|t| t.value.0).unwrap_or_default();
        let shares: Vec<Decimal> =
            rows.iter().map(|r| r.share.as_ref().map(|s| s.value.0).unwrap_or_default()).collect();
        (largest_remainder(total, &shares), total)
    } else {
        let amounts: Vec<Decimal> =
            rows.iter().map(|r| r.amount.as_ref().map(|a| a.value.0).unwrap_or_default()).collect();
        let total = amounts.iter().sum();
        (amounts, total)
    };
    let lines: Vec<ContributionLine> = rows
        .iter()
        .zip(&amounts)
        .map(|(row, amount)| {
            let percent = match (&row.share, total.is_zero()) {
                (Some(share), _) => share.value.0,
                (None, false) => *amount * Decimal::ONE_HUNDRED / total,
                (None, true) => Decimal::ZERO,
            };
            ContributionLine { name: row.name.value.clone(), amount: *amount, percent }
        })
        .collect();

    let statutory = statutory(rows, &lines, members, total);
    ContributionTable {
        year: plan.year,
        rows: lines,
        total,
        total_label: plan.total_label.clone(),
        statutory,
    }
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
    let mut amounts: Vec<Decimal> =
        exact.iter().map(|e| e.round_dp_with_strategy(0, RoundingStrategy::ToZero)).collect();
    let left = total - amounts.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|a, b| (exact[*b] - amounts[*b]).cmp(&(exact[*a] - amounts[*a])).then(a.cmp(b)));
    let mut left = left.round_dp_with_strategy(0, RoundingStrategy::ToZero);
    for i in order.into_iter().cycle().take(exact.len() * 2) {
        if left <= Decimal::ZERO {
            break;
        }
        amounts[i] += Decimal::ONE;
        left -= Decimal::ONE;
    }
    amounts
}
