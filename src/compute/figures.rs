//! Named figures that prose can show (`{{ resultat.2026 }}`).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::Computed;
use crate::plan::{Action, Unit};
use crate::swedish;

/// A named figure that prose can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The value.
    pub value: Decimal,
    /// How to show it.
    pub kind: FigureKind,
}

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount with its unit: `1 030 589 kr`.
    Amount(Unit),
    /// A change with its sign and unit: `+210 tkr`, `−260 tkr`.
    Change(Unit),
    /// A share in whole percent: `35 %`.
    Percent,
}

impl Figure {
    /// The figure as Swedish text.
    pub fn text(&self) -> String {
        match self.kind {
            FigureKind::Amount(unit) => {
                format!("{}{}{}", swedish::amount(self.value), swedish::NBSP, unit.label())
            }
            FigureKind::Change(unit) => {
                format!("{}{}{}", swedish::signed_amount(self.value), swedish::NBSP, unit.label())
            }
            FigureKind::Percent => swedish::percent(self.value),
        }
    }
}

pub(super) fn figures(
    computed: &Computed,
    actions: &HashMap<&str, &Action>,
    unit: Option<Unit>,
) -> BTreeMap<String, Figure> {
    let mut figures = BTreeMap::new();
    if let (Some(budget), Some(unit)) = (&computed.budget, unit) {
        let amount = |value| Figure { value, kind: FigureKind::Amount(unit) };
        for f in &budget.figures {
            let y = f.year;
            let mut put = |name: &str, value: Option<Decimal>| {
                if let Some(value) = value {
                    figures.insert(format!("{name}.{y}"), amount(value));
                    if let Some(previous) = budget.figures.iter().find(|p| p.year == y - 1) {
                        let before = match name {
                            "intäkter" => Some(previous.income),
                            "kostnader" => Some(previous.costs),
                            "resultat" => Some(previous.result),
                            "beslutsutrymme" => previous.available,
                            "eget_kapital.ingående" => previous.opening,
                            "eget_kapital.utgående" => previous.closing,
                            _ => None,
                        };
                        if let Some(before) = before {
                            figures.insert(
                                format!("förändring.{name}.{y}"),
                                Figure { value: value - before, kind: FigureKind::Change(unit) },
                            );
                        }
                    }
                }
            };
            put("intäkter", Some(f.income));
            put("kostnader", Some(f.costs));
            put("resultat", Some(f.result));
            put("beslutsutrymme", f.available);
            put("eget_kapital.ingående", f.opening);
            put("eget_kapital.utgående", f.closing);
            // A share of a tiny income can leave the range of exact arithmetic; such a share
            // is no figure anyone would quote, so it is left out rather than overflowing.
            if let Some(closing) = f.closing
                && let Some(share) =
                    (closing * Decimal::ONE_HUNDRED).checked_div(f.income).filter(|_| !f.income.is_zero())
            {
                figures.insert(
                    format!("eget_kapital.andel.{y}"),
                    Figure { value: share, kind: FigureKind::Percent },
                );
            }
        }
        for (id, action) in actions {
            for (i, year) in budget.years.iter().enumerate() {
                if let Some(Some(cell)) = action.amounts.as_ref().and_then(|a| a.get(i)) {
                    figures.insert(format!("insats.{id}.{year}"), amount(cell.amount.0));
                }
            }
        }
    }
    if let Some(history) = &computed.history {
        let amount = |value| Figure { value, kind: FigureKind::Amount(history.unit) };
        for row in &history.rows {
            for (name, cell) in ["medelstilldelning", "budget", "eget_kapital"].iter().zip(&row.cells) {
                if let Some(cell) = cell {
                    figures.insert(format!("historik.{name}.{}", row.year), amount(cell.value));
                }
            }
        }
    }
    if let Some(c) = computed.contributions.first() {
        figures.insert(
            "medlemsbidrag.summa".to_owned(),
            Figure { value: c.total, kind: FigureKind::Amount(Unit::Kr) },
        );
    }
    // Per year, every table of that year together (a base and an extra contribution).
    for c in &computed.contributions {
        let key = format!("medlemsbidrag.summa.{}", c.year);
        let value = figures.get(&key).map(|f| f.value).unwrap_or_default() + c.total;
        figures.insert(key, Figure { value, kind: FigureKind::Amount(Unit::Kr) });
    }
    figures
}
