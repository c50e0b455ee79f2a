//! Stage compute: every figure. All of vplan's arithmetic is here.
//!
//! In: a checked [`Plan`] — its budget lines' amounts, member contributions and eget kapital
//! history as typed — and its predecessor plan, if any. Out: [`Computed`] — the budget
//! table's rows in order with their amounts (signs as the plan wants them shown), each year's
//! totals, result and eget kapital, the member contributions with amounts shared out to the
//! krona and the statutory split, the history table, the named figures that prose can refer
//! to, and the predecessor's closing balance. Exact decimal arithmetic (`rust_decimal`),
//! never floats; templates only show the results, and [`crate::lint`] judges them.
//!
//! One file per concern: [`budget`], [`contributions`], [`history`], [`figures`], and
//! [`differences`] (the budget changes `vplan diff` shows).

pub mod budget;
pub mod contrast;
pub mod contributions;
pub mod differences;
pub mod figures;
pub mod finsam;
pub mod followup;
pub mod history;
pub mod ledger;
pub mod table_changes;

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use self::budget::budget;
pub use self::budget::{BlankLine, LineFacts};
pub use self::budget::{Budget, Column, Row, RowKind, ShownAmount, YearFigures};
use self::contributions::contributions;
pub use self::contributions::share_out;
pub use self::contributions::{ContributionLine, ContributionTable, StatutoryPart, largest_remainder};
pub use self::differences::{BudgetChanges, ChangeKind, LineChange, TotalChange, YearChange, compare};
use self::figures::figures;
pub use self::figures::{Figure, FigureKind};
pub use self::finsam::{Control, Finsam, FinsamYear, LineIncome, MemberIncome};
use self::history::history;
pub use self::history::{HistoryLine, HistoryTable};
pub use self::table_changes::{
    ContributionChanges, ContributionRowChange, HistoryChange, compare_contributions, compare_history,
};
use crate::plan::{Action, BudgetPlan, Plan, Signs, Unit};

/// Everything vplan computes from a plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Computed {
    /// The budget table, if the plan has a budget.
    pub budget: Option<Budget>,
    /// The member contribution tables, in the plan's order.
    pub contributions: Vec<ContributionTable>,
    /// The eget kapital history, if the plan has it.
    pub history: Option<HistoryTable>,
    /// Named figures for prose (`{{ resultat.2026 }}`).
    pub figures: BTreeMap<String, Figure>,
    /// What the predecessor plan computes for the end of the year before this budget's first
    /// year, when the plan names a predecessor and both have eget kapital.
    pub predecessor_closing: Option<PredecessorClosing>,
    /// What the Finsam checks judge.
    pub finsam: Finsam,
}

/// The eget kapital the predecessor plan computes at the end of the year before this plan's
/// budget starts, in this plan's unit; this plan's opening balance should be the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PredecessorClosing {
    /// The year it closes.
    pub year: i32,
    /// The closing eget kapital.
    pub amount: Decimal,
}

/// Last year's plan, for the column beside this year's and the opening-balance check.
#[derive(Debug, Clone, Copy)]
pub struct Predecessor<'a> {
    /// The predecessor plan.
    pub plan: &'a Plan,
    /// Its file name as this plan names it, for messages.
    pub name: &'a str,
}

/// Computes all figures of a checked plan, with its predecessor's when it names one.
pub fn compute(plan: &Plan, predecessor: Option<Predecessor>) -> Computed {
    let actions = actions(plan);
    let contributions: Vec<ContributionTable> =
        plan.contributions.iter().map(|c| contributions(c, &plan.association.members.value)).collect();
    let linked = plan.budget.as_ref().and_then(|b| linked(b, &contributions));
    let mut predecessor_closing = None;
    let mut budget = plan.budget.as_ref().map(|b| budget(b, &actions, Convention::of(b), linked.as_ref()));
    if let (Some(this), Some(budget), Some(prev)) = (&plan.budget, &mut budget, predecessor)
        && let Some(prev_budget) = &prev.plan.budget
    {
        let prev_linked = linked_of(prev.plan);
        let before = self::budget(
            prev_budget,
            &self::actions(prev.plan),
            Convention::like(prev_budget, this),
            prev_linked.as_ref(),
        );
        predecessor_closing = closing_before(this, budget, &before);
        // A valid plan has its year among its budget's years, so the predecessor's column for
        // its own year is there.
        if let Some(heading) = &this.predecessor_column
            && let Some(column) = before.years.iter().position(|y| *y == prev.plan.year())
        {
            budget.add_previous(&before, column, heading.value.clone());
        }
    }
    let facts = plan.budget.as_ref().map(|b| self::budget::line_facts(b, &actions, linked.as_ref()));
    let history = plan.equity_history.as_ref().map(|h| history(h, budget.as_ref()));
    let finsam =
        finsam::finsam(plan, &actions, history.as_ref(), budget.as_ref(), facts.as_ref(), &contributions);
    let mut computed =
        Computed { budget, contributions, history, figures: BTreeMap::new(), predecessor_closing, finsam };
    computed.figures = figures(&computed, &actions, plan.budget.as_ref().map(|b| b.unit));
    computed
}

/// A plan's member contributions as its budget's lines can name them.
fn linked_of(plan: &Plan) -> Option<self::budget::Linked> {
    let tables: Vec<ContributionTable> =
        plan.contributions.iter().map(|c| contributions(c, &plan.association.members.value)).collect();
    linked(plan.budget.as_ref()?, &tables)
}

/// The member contributions as the budget's lines can name them: for each table whose year is
/// one of the budget's years, each row's amount and the total (`summa`) in that year's column;
/// two tables for the same year (a base and an extra contribution) add up.
fn linked(plan: &BudgetPlan, tables: &[ContributionTable]) -> Option<self::budget::Linked> {
    let factor = unit_factor(Unit::Kr, plan.unit);
    let mut by_year: HashMap<usize, Vec<ContributionTable>> = HashMap::new();
    for table in tables {
        let Some(year) = plan.years.value.iter().position(|y| *y == table.year) else { continue };
        by_year.entry(year).or_default().push(table.clone());
    }
    (!by_year.is_empty()).then_some(self::budget::Linked { tables: by_year, factor })
}

/// The insatser with an id, which budget lines can name.
pub(super) fn actions(plan: &Plan) -> HashMap<&str, &Action> {
    plan.goal_areas
        .iter()
        .flat_map(|area| &area.actions)
        .filter_map(|a| a.value.id.as_deref().map(|id| (id, &a.value)))
        .collect()
}

/// How a budget's amounts are shown: the sign convention, and a factor into another plan's
/// unit when two plans' budgets are set side by side.
#[derive(Debug, Clone, Copy)]
pub(super) struct Convention {
    signs: Signs,
    scale: Decimal,
}

impl Convention {
    fn of(plan: &BudgetPlan) -> Self {
        Self { signs: plan.signs, scale: Decimal::ONE }
    }

    /// `plan`'s amounts as `like` shows them: its signs and its unit.
    fn like(plan: &BudgetPlan, like: &BudgetPlan) -> Self {
        Self { signs: like.signs, scale: unit_factor(plan.unit, like.unit) }
    }
}

/// The factor that turns an amount in `from` into `to`.
pub(super) fn unit_factor(from: Unit, to: Unit) -> Decimal {
    match (from, to) {
        (Unit::Kr, Unit::Tkr) => Decimal::ONE / Decimal::ONE_THOUSAND,
        (Unit::Tkr, Unit::Kr) => Decimal::ONE_THOUSAND,
        _ => Decimal::ONE,
    }
}

/// What the predecessor computes for the end of the year before this plan's first year, when
/// this plan has eget kapital to compare it with.
fn closing_before(this: &BudgetPlan, budget: &Budget, before: &Budget) -> Option<PredecessorClosing> {
    this.equity.as_ref()?;
    let first = budget.figures.first()?;
    let year = first.year - 1;
    let amount = before.figures.iter().find(|f| f.year == year)?.closing?;
    Some(PredecessorClosing { year, amount })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    use crate::plan::TEST_MEMBERS as MEMBERS;

    fn computed(yaml: &str) -> Computed {
        let plan: Plan = serde_saphyr::from_str(&format!("{MEMBERS}{yaml}")).expect("test plan parses");
        compute(&plan, None)
    }

    fn years(c: &Computed, f: impl Fn(&YearFigures) -> Decimal) -> Vec<Decimal> {
        c.budget.as_ref().unwrap().figures.iter().map(f).collect()
    }

    /// Seed 000's table (Nedansiljan 2026), amounts in tkr.
    const NEDANSILJAN: &str = r#"
budget:
  enhet: tkr
  år: [2026, 2027, 2028]
  intäkter:
    rader:
      - { namn: Finansiella anslag, belopp: [3262, 3262, 3262] }
  eget_kapital: { ingående: 1500, rubrik: Överskott från tidigare år, summa: Totalt ingående beslutsutrymme }
  kostnader:
    rader:
      - { namn: Styrelse, belopp: [99, 105, 106] }
      - { namn: Förvaltning, belopp: [431, 455, 475] }
      - namn: Samverkansinsatser
        rader:
          - { namn: Rehabilitering & arbete, belopp: [1992, 2051, 2111] }
          - { namn: Insatsmedel, belopp: [40, 30, 30] }
          - { namn: Kompetenshöjande insatser, belopp: [50, 50, 50] }
          - { namn: Strukturella samverkansinsatser, belopp: [60, 60, 60] }
          - { namn: Processtöd, belopp: [433, 450, 467] }
          - { namn: Samverkansinsatser, belopp: [500, 500, 100], not: Okänt vilka insatser som söks }
    summa: Totala kostnader
  resultat: Årets resultat
"#;

    #[test]
    fn nedansiljan_chain_reproduces_the_seed() {
        let c = computed(NEDANSILJAN);
        assert_eq!(years(&c, |y| y.available.unwrap()), [dec!(4762), dec!(4419), dec!(3980)]);
        assert_eq!(years(&c, |y| y.costs), [dec!(3605), dec!(3701), dec!(3399)]);
        assert_eq!(years(&c, |y| y.result), [dec!(-343), dec!(-439), dec!(-137)]);
        assert_eq!(years(&c, |y| y.opening.unwrap()), [dec!(1500), dec!(1157), dec!(718)]);
        assert_eq!(c.budget.unwrap().figures[2].closing, Some(dec!(581)));
    }

    #[test]
    fn rows_come_in_table_order_with_notes() {
        let b = computed(NEDANSILJAN).budget.unwrap();
        let kinds: Vec<(RowKind, &str)> = b.rows.iter().map(|r| (r.kind, r.label.as_str())).collect();
        assert_eq!(kinds[0], (RowKind::Line, "Finansiella anslag"));
        assert_eq!(kinds[1], (RowKind::Opening, "Överskott från tidigare år"));
        assert_eq!(kinds[2], (RowKind::Total, "Totalt ingående beslutsutrymme"));
        assert_eq!(kinds[5], (RowKind::Heading, "Samverkansinsatser"));
        assert_eq!(kinds.last(), Some(&(RowKind::Result, "Årets resultat")));
        assert_eq!(b.rows[11].note.as_deref(), Some("Okänt vilka insatser som söks"));
        assert!(b.rows[11].indented);
    }

    #[test]
    fn costs_shown_negative_keep_the_arithmetic() {
        // Seed 002 (Fryksdalen): costs negative, income per member, eget kapital not shown.
        let c = computed(
            r#"
budget:
  enhet: kr
  år: [2026, 2027]
  tecken: kostnader_negativa
  eget_kapital: { ingående: 1101949 }
  intäkter:
    rubrik: Intäkter
    rader:
      - { namn: Försäkringskassan, belopp: [1461000, 1461000] }
      - { namn: Region Värmland, belopp: [730500, 730500] }
      - { namn: Kils kommun, belopp: [772140, 772140] }
    summa: Totala intäkter
  kostnader:
    rubrik: Kostnader
    rader:
      - { namn: Navet, belopp: [3035000, 3035000] }
    summa: Totala kostnader
  resultat: Resultat
"#,
        );
        let b = c.budget.as_ref().unwrap();
        let row =
            |label: &str| b.rows.iter().find(|r| r.label == label).unwrap().cells[0].as_ref().unwrap().value;
        assert_eq!(row("Navet"), dec!(-3035000));
        assert_eq!(row("Totala kostnader"), dec!(-3035000));
        assert_eq!(row("Totala intäkter"), dec!(2963640));
        assert_eq!(row("Resultat"), dec!(-71360));
        assert_eq!(b.rows.iter().filter(|r| r.kind == RowKind::Opening).count(), 0, "the chain is not shown");
        assert_eq!(c.figures["eget_kapital.utgående.2026"].text(), "1\u{a0}030\u{a0}589\u{a0}kr");
        assert_eq!(c.figures["eget_kapital.andel.2026"].text(), "35\u{a0}%");
        assert_eq!(c.figures["förändring.eget_kapital.utgående.2027"].text(), "\u{2212}71\u{a0}360\u{a0}kr");
    }

    #[test]
    fn cost_centres_net_income_and_show_it_negative() {
        // Seed 003 (Södra Dalarna), shortened: centres with accounts, income negative.
        let c = computed(
            r#"
budget:
  enhet: tkr
  år: [2025, 2024]
  tecken: intäkter_negativa
  ordning: [kostnader, intäkter]
  id_kolumn: ID
  kostnader:
    rader:
      - namn: Administration
        id: "20 000"
        delsumma: Totalt
        rader:
          - { id: "36", namn: Intäkter för arbete i ESF projekt, belopp: [-380, -360] }
          - { id: "50", namn: Löner arbetad tid, belopp: [1730, 1875] }
  intäkter:
    rader:
      - namn: Intäkter (medelstilldelning från medlemmarna)
        id: "50 000"
        delsumma: Totalt
        rader:
          - { id: "35", namn: Bidrag (not 1), belopp: [6184, 6308] }
  summering:
    - { rubrik: Intäkter totalt, värde: intäkter }
    - { rubrik: Kostnader totalt, värde: kostnader }
  resultat: Resultat
"#,
        );
        let b = c.budget.unwrap();
        let cells = |label: &str, id: &str| -> Vec<Decimal> {
            let row = b.rows.iter().find(|r| r.label == label && r.id.as_deref() == Some(id)).unwrap();
            row.cells.iter().map(|c| c.as_ref().unwrap().value).collect()
        };
        assert_eq!(cells("Totalt", "20 000"), [dec!(1350), dec!(1515)]);
        assert_eq!(cells("Intäkter för arbete i ESF projekt", "36"), [dec!(-380), dec!(-360)]);
        assert_eq!(cells("Totalt", "50 000"), [dec!(-6184), dec!(-6308)]);
        let summary =
            |label: &str| b.rows.iter().find(|r| r.label == label).unwrap().cells[0].as_ref().unwrap().value;
        assert_eq!(summary("Intäkter totalt"), dec!(6184));
        assert_eq!(summary("Kostnader totalt"), dec!(1350));
        assert_eq!(summary("Resultat"), dec!(4834));
        assert_eq!(b.rows[0].kind, RowKind::Heading, "costs come first");
    }

    #[test]
    fn group_amounts_stand_for_blank_years_and_notes_sit_on_amounts() {
        // Seed 004: later years give only group totals.
        let c = computed(
            r#"
budget:
  enhet: kr
  år: [2025, 2026]
  intäkter:
    rader:
      - namn: Medlemsbidrag
        belopp: [7864000, { belopp: 7077600, not: Preliminär minskning 10 % }]
  kostnader:
    rader:
      - namn: Individinriktade insatser
        delsumma: ""
        belopp: [~, 4931600]
        rader:
          - { namn: Plattformen, belopp: [2100000, ~] }
          - { namn: Drivhuset, belopp: [650000, ~] }
  resultat: Resultat
"#,
        );
        let b = c.budget.unwrap();
        let subtotal = b.rows.iter().find(|r| r.kind == RowKind::Subtotal).unwrap();
        let values: Vec<Decimal> = subtotal.cells.iter().map(|c| c.as_ref().unwrap().value).collect();
        assert_eq!(values, [dec!(2750000), dec!(4931600)]);
        assert_eq!(b.rows[0].cells[1].as_ref().unwrap().note.as_deref(), Some("Preliminär minskning 10 %"));
        assert_eq!(b.figures[1].result, dec!(2146000));
        let line = b.rows.iter().find(|r| r.label == "Drivhuset").unwrap();
        assert_eq!(line.cells[1], None, "a blank year stays blank");
    }

    #[test]
    fn budget_lines_can_take_an_insats_amounts() {
        let c = computed(
            r#"
målområden:
  - rubrik: Individ
    insatser:
      - { id: roa, text: Rehabilitering och arbete fortsätter, namn: Rehabilitering & arbete, belopp: [1992, 2051] }
budget:
  enhet: tkr
  år: [2026, 2027]
  intäkter: { rader: [ { namn: Anslag, belopp: [3262, 3262] } ] }
  kostnader: { rader: [ { insats: roa } ] }
"#,
        );
        let b = c.budget.as_ref().unwrap();
        assert_eq!(b.rows[1].label, "Rehabilitering & arbete");
        assert_eq!(b.figures[1].costs, dec!(2051));
        assert_eq!(c.figures["insats.roa.2027"].text(), "2\u{a0}051\u{a0}tkr");
    }

    #[test]
    fn shares_are_rounded_to_kronor_that_add_up_exactly() {
        assert_eq!(
            largest_remainder(dec!(100), &[dec!(33.3), dec!(33.3), dec!(33.4)]),
            [dec!(33), dec!(33), dec!(34)]
        );
        assert_eq!(
            largest_remainder(dec!(10), &[dec!(33.3), dec!(33.3), dec!(33.4)]),
            [dec!(3), dec!(3), dec!(4)]
        );
        let split = largest_remainder(dec!(1001), &[dec!(50), dec!(25), dec!(25)]);
        assert_eq!(split.iter().sum::<Decimal>(), dec!(1001));
        assert_eq!(split, [dec!(501), dec!(250), dec!(250)]);
    }

    #[test]
    fn seed_003_contributions_come_out_exactly() {
        let c = computed(
            r#"
medlemsbidrag:
  år: 2025
  summa: 6184000
  rader:
    - { namn: Försäkringskassan med Arbetsförmedlingen, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }
    - { namn: Region Dalarna, andel: 25 }
    - { namn: Avesta kommun, andel: 11 }
    - { namn: Hedemora kommun, andel: 8 }
    - { namn: Säters kommun, andel: 6 }
"#,
        );
        let table = c.contributions[0].clone();
        let amounts: Vec<Decimal> = table.rows.iter().map(|r| r.amount).collect();
        assert_eq!(amounts, [dec!(3092000), dec!(1546000), dec!(680240), dec!(494720), dec!(371040)]);
        assert_eq!(table.total, dec!(6184000));
        assert_eq!(table.statutory.len(), 3, "every row is one kind of member");
        assert!(
            table.statutory.iter().all(|p| !p.departs),
            "the split follows the law: {:?}",
            table.statutory
        );
    }

    #[test]
    fn a_split_that_departs_from_the_law_is_marked() {
        let c = computed(
            r#"
medlemsbidrag:
  år: 2026
  rader:
    - { namn: Försäkringskassan, belopp: 1461000 }
    - { namn: Region Dalarna, belopp: 730500 }
    - { namn: Avesta kommun, belopp: 772140 }
"#,
        );
        let table = c.contributions[0].clone();
        assert_eq!(table.total, dec!(2963640));
        let departing: Vec<_> = table.statutory.iter().filter(|p| p.departs).collect();
        assert_eq!(departing.len(), 3, "{departing:?}");
        assert!(departing[0].who.starts_with("staten") && departing[0].sum == dec!(1461000), "{departing:?}");
        assert_eq!(departing[0].actual_percent.round_dp(1), dec!(49.3));
        assert!(departing[2].who == "kommunerna" && departing[2].sum == dec!(772140), "{departing:?}");
        assert_eq!(departing[2].expected, dec!(740910));
    }
}
