//! Stage 2: compute the budget. All of vplan's arithmetic is here.
//!
//! In: the [`BudgetPlan`] as typed (line amounts only). Out: a [`Budget`] — every row of the
//! table in order with its amounts, and each year's totals, result and eget kapital — with
//! exact decimal arithmetic (`rust_decimal`), never floats. Templates only show these figures.

use rust_decimal::Decimal;

use crate::plan::{BudgetPlan, Line, LineGroup, Unit};

/// The computed budget: the table's rows and each year's key figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// The unit the amounts are in.
    pub unit: Unit,
    /// The year columns.
    pub years: Vec<i32>,
    /// The column headings.
    pub headings: Vec<String>,
    /// The table's rows, top to bottom.
    pub rows: Vec<Row>,
    /// Notes printed under the table, in marker order.
    pub notes: Vec<Note>,
    /// Each year's key figures, in column order.
    pub figures: Vec<YearFigures>,
}

/// What a row of the budget table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A header row without amounts ("Intäkter", a group's name).
    Heading,
    /// A line typed in the plan.
    Line,
    /// A group's subtotal.
    Subtotal,
    /// A total: income, costs, or the opening beslutsutrymme.
    Total,
    /// The opening eget kapital of each year.
    Opening,
    /// The year's result.
    Result,
}

/// One row of the budget table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What kind of row it is.
    pub kind: RowKind,
    /// The label in the first column.
    pub label: String,
    /// One amount per year; empty for heading rows.
    pub amounts: Vec<Decimal>,
    /// Note marker (`*`, `**` …) after the label.
    pub marker: Option<String>,
    /// Whether the row belongs to a group and is indented under its heading.
    pub indented: bool,
}

/// A note under the budget table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The marker that links it to its row.
    pub marker: String,
    /// The note's text.
    pub text: String,
}

/// A year's key figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Total income.
    pub income: Decimal,
    /// Total costs.
    pub costs: Decimal,
    /// Income minus costs.
    pub result: Decimal,
    /// Eget kapital at the start of the year, when the plan states the chain.
    pub opening: Option<Decimal>,
    /// Income plus opening eget kapital ("totalt ingående beslutsutrymme").
    pub available: Option<Decimal>,
    /// Eget kapital at the end of the year.
    pub closing: Option<Decimal>,
}

/// Computes the budget table and every year's figures.
///
/// The plan has been checked: every line has one amount per year.
pub fn compute(plan: &BudgetPlan) -> Budget {
    let years = plan.years.value.clone();
    let n = years.len();
    let headings = match &plan.column_headings {
        Some(h) => h.value.clone(),
        None => years.iter().map(ToString::to_string).collect(),
    };
    let income = sum_group(&plan.income, n);
    let costs = sum_group(&plan.costs, n);
    let mut figures: Vec<YearFigures> = Vec::with_capacity(n);
    let mut opening = plan.equity.as_ref().map(|e| e.opening.0);
    for i in 0..n {
        let available = opening.map(|o| income[i] + o);
        let closing = available.map(|a| a - costs[i]);
        figures.push(YearFigures {
            year: years[i],
            income: income[i],
            costs: costs[i],
            result: income[i] - costs[i],
            opening,
            available,
            closing,
        });
        // Each later year opens with the previous year's closing balance.
        opening = closing;
    }

    let mut table = Table { rows: Vec::new(), notes: Vec::new(), years: n };
    table.group(&plan.income);
    if let Some(equity) = &plan.equity {
        table.push(
            RowKind::Opening,
            &equity.label,
            figures.iter().map(|f| f.opening.unwrap_or_default()).collect(),
        );
        if let Some(label) = &equity.total_label {
            table.push(
                RowKind::Total,
                label,
                figures.iter().map(|f| f.available.unwrap_or_default()).collect(),
            );
        }
    }
    table.group(&plan.costs);
    if let Some(label) = &plan.result_label {
        table.push(RowKind::Result, label, figures.iter().map(|f| f.result).collect());
    }

    Budget { unit: plan.unit, years, headings, rows: table.rows, notes: table.notes, figures }
}

/// Builds the rows while summing.
struct Table {
    rows: Vec<Row>,
    notes: Vec<Note>,
    years: usize,
}

impl Table {
    fn push(&mut self, kind: RowKind, label: &str, amounts: Vec<Decimal>) {
        self.rows.push(Row { kind, label: label.to_owned(), amounts, marker: None, indented: false });
    }

    /// Writes a group's rows: its header, its lines, its total.
    fn group(&mut self, group: &LineGroup) {
        if let Some(heading) = &group.heading {
            self.push(RowKind::Heading, heading, Vec::new());
        }
        for line in &group.lines {
            self.line(line, false);
        }
        if let Some(label) = &group.total_label {
            self.push(RowKind::Total, label, sum_group(group, self.years));
        }
    }

    /// Writes a line, or a group of lines with its subtotal.
    fn line(&mut self, line: &Line, indented: bool) {
        let marker = line.note.as_ref().map(|text| {
            let marker = "*".repeat(self.notes.len() + 1);
            self.notes.push(Note { marker: marker.clone(), text: text.clone() });
            marker
        });
        let label = line.name.value.clone();
        match &line.lines {
            None => {
                let amounts = sum_line(line, self.years);
                self.rows.push(Row { kind: RowKind::Line, label, amounts, marker, indented });
            }
            Some(lines) => {
                self.rows.push(Row { kind: RowKind::Heading, label, amounts: Vec::new(), marker, indented });
                for child in lines {
                    self.line(child, true);
                }
                if let Some(subtotal) = &line.subtotal_label {
                    let amounts = sum_line(line, self.years);
                    self.rows.push(Row {
                        kind: RowKind::Subtotal,
                        label: subtotal.clone(),
                        amounts,
                        marker: None,
                        indented: true,
                    });
                }
            }
        }
    }
}

/// A group's total per year, without writing rows.
fn sum_group(group: &LineGroup, years: usize) -> Vec<Decimal> {
    let mut total = vec![Decimal::ZERO; years];
    for line in &group.lines {
        add(&mut total, &sum_line(line, years));
    }
    total
}

fn sum_line(line: &Line, years: usize) -> Vec<Decimal> {
    match (&line.amounts, &line.lines) {
        (Some(amounts), _) => amounts.value.iter().map(|a| a.0).collect(),
        (None, Some(lines)) => {
            let mut total = vec![Decimal::ZERO; years];
            for child in lines {
                add(&mut total, &sum_line(child, years));
            }
            total
        }
        (None, None) => vec![Decimal::ZERO; years],
    }
}

fn add(total: &mut [Decimal], amounts: &[Decimal]) {
    for (t, a) in total.iter_mut().zip(amounts) {
        *t += *a;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn budget(yaml: &str) -> Budget {
        let plan: BudgetPlan = serde_saphyr::from_str(yaml).expect("test budget parses");
        compute(&plan)
    }

    /// Seed 000's table (Nedansiljan 2026), amounts in tkr.
    const NEDANSILJAN: &str = r#"
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
        let b = budget(NEDANSILJAN);
        let f = &b.figures;
        assert_eq!(
            f.iter().map(|y| y.available.unwrap()).collect::<Vec<_>>(),
            [dec!(4762), dec!(4419), dec!(3980)]
        );
        assert_eq!(f.iter().map(|y| y.costs).collect::<Vec<_>>(), [dec!(3605), dec!(3701), dec!(3399)]);
        assert_eq!(f.iter().map(|y| y.result).collect::<Vec<_>>(), [dec!(-343), dec!(-439), dec!(-137)]);
        assert_eq!(
            f.iter().map(|y| y.opening.unwrap()).collect::<Vec<_>>(),
            [dec!(1500), dec!(1157), dec!(718)]
        );
        assert_eq!(f[2].closing, Some(dec!(581)));
    }

    #[test]
    fn rows_come_in_table_order_with_notes() {
        let b = budget(NEDANSILJAN);
        let kinds: Vec<(RowKind, &str)> = b.rows.iter().map(|r| (r.kind, r.label.as_str())).collect();
        assert_eq!(kinds[0], (RowKind::Line, "Finansiella anslag"));
        assert_eq!(kinds[1], (RowKind::Opening, "Överskott från tidigare år"));
        assert_eq!(kinds[2], (RowKind::Total, "Totalt ingående beslutsutrymme"));
        assert_eq!(kinds[5], (RowKind::Heading, "Samverkansinsatser"));
        assert_eq!(kinds.last(), Some(&(RowKind::Result, "Årets resultat")));
        assert_eq!(b.notes, [Note { marker: "*".into(), text: "Okänt vilka insatser som söks".into() }]);
        assert_eq!(b.rows[11].marker.as_deref(), Some("*"));
        assert!(b.rows[11].indented);
    }

    #[test]
    fn norra_dalarna_reproduces_the_seed() {
        let b = budget(
            r#"
enhet: tkr
år: [2025, 2026, 2027]
intäkter: { rader: [ { namn: Finansiella anslag, belopp: [2810, 2810, 2810] } ] }
eget_kapital: { ingående: 1697 }
kostnader:
  rader:
    - { namn: Styrelse, belopp: [70, 82, 89] }
    - { namn: Förvaltning, belopp: [337, 348, 354] }
    - { namn: RoHa, belopp: [2274, 2310, 1817] }
    - { namn: Gymnasiesamordnare, belopp: [800, 0, 0] }
    - { namn: Kompetenshöjande insatser, belopp: [60, 50, 50] }
    - { namn: Processtöd, belopp: [271, 280, 290] }
    - { namn: Samverkansinsatser, belopp: [0, 0, 0] }
"#,
        );
        let f = &b.figures;
        assert_eq!(
            f.iter().map(|y| y.available.unwrap()).collect::<Vec<_>>(),
            [dec!(4507), dec!(3505), dec!(3245)]
        );
        assert_eq!(f.iter().map(|y| y.costs).collect::<Vec<_>>(), [dec!(3812), dec!(3070), dec!(2600)]);
        assert_eq!(f.iter().map(|y| y.result).collect::<Vec<_>>(), [dec!(-1002), dec!(-260), dec!(210)]);
        assert_eq!(f[1].opening, Some(dec!(695)));
        assert_eq!(f[2].opening, Some(dec!(435)));
    }

    #[test]
    fn subtotals_and_decimals_are_exact() {
        let b = budget(
            r#"
enhet: kr
år: [2026]
intäkter: { rubrik: Intäkter, rader: [ { namn: A, belopp: ["0,1"] }, { namn: B, belopp: ["0,2"] } ], summa: Totala intäkter }
kostnader:
  rader:
    - namn: Grupp
      delsumma: Summa grupp
      rader: [ { namn: C, belopp: ["0,3"] } ]
resultat: Resultat
"#,
        );
        assert_eq!(b.figures[0].income, dec!(0.3));
        assert_eq!(b.figures[0].result, dec!(0));
        assert!(b.rows.iter().any(|r| r.kind == RowKind::Subtotal && r.amounts == [dec!(0.3)]));
        assert_eq!(b.figures[0].opening, None);
    }
}
