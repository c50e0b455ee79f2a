//! A follow-up's figures on a terminal: the budget follow-up table `vplan check` shows, and
//! the one-fact-per-line form of `vplan text` (which `vplan diff` compares).

use crate::compute::followup::{FollowRowKind, FollowUpFigures, percent};
use crate::followup::LoadedFollowUp;
use crate::swedish;

use super::{plain, shown};

fn opt_percent(value: Option<rust_decimal::Decimal>) -> String {
    value.map(|v| plain(&swedish::percent(v))).unwrap_or_else(|| "–".to_owned())
}

/// The budget follow-up as a text table.
pub fn followup_table(figures: &FollowUpFigures) -> String {
    let headings = ["Budget helår", "Utfall", "Förbrukat", "Prognos helår", "Avvikelse"];
    let rows: Vec<(String, Vec<String>)> = figures
        .rows
        .iter()
        .map(|r| {
            let label = format!("{}{}", "  ".repeat(r.depth), r.label);
            let f = r.figures;
            let cells = vec![
                plain(&swedish::amount(f.budget)),
                plain(&swedish::amount(f.actual)),
                opt_percent(f.spent_percent()),
                plain(&swedish::amount(f.forecast)),
                plain(&swedish::signed_amount(f.deviation())),
            ];
            (shown(&label), cells)
        })
        .collect();
    let label_width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0).max(12);
    let width = rows
        .iter()
        .flat_map(|r| r.1.iter())
        .map(|c| c.chars().count())
        .chain(headings.iter().map(|h| h.chars().count()))
        .max()
        .unwrap_or(8);
    let mut out = format!("{:label_width$}", format!("Belopp i {}", figures.unit.label()));
    for h in headings {
        out.push_str(&format!("  {h:>width$}"));
    }
    out.push('\n');
    for (label, cells) in &rows {
        out.push_str(&format!("{label:label_width$}"));
        for c in cells {
            out.push_str(&format!("  {c:>width$}"));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "Av året har {} gått. {}\n",
        plain(&swedish::percent(figures.elapsed_percent())),
        crate::compute::followup::SIGN_CONVENTION
    ));
    out
}

/// The follow-up as one fact per line: the same labels and amounts as the documents.
pub fn followup_text(loaded: &LoadedFollowUp, figures: &FollowUpFigures) -> String {
    let unit = figures.unit.label();
    let amount = |v| format!("{} {unit}", plain(&swedish::amount(v)));
    let mut out = String::new();
    let f = &loaded.followup;
    out.push_str(&format!(
        "rapport: {} {} för {}\n",
        f.kind.title(),
        figures.year,
        shown(&loaded.plan.plan.association.name)
    ));
    out.push_str(&format!(
        "period: {} – {}\n",
        swedish::date_iso(loaded.resolved.from),
        swedish::date_iso(loaded.resolved.to)
    ));
    out.push_str(&format!(
        "andel av året: {}\n",
        plain(&swedish::percent_precise(figures.elapsed_percent()))
    ));
    for r in &figures.rows {
        let path = match r.line {
            Some(i) => loaded.resolved.lines[i].labels.join(" › "),
            None => r.label.clone(),
        };
        let t = r.figures;
        out.push_str(&format!(
            "{}: budget {}, utfall {}, förbrukat {}, prognos {}, avvikelse {}\n",
            shown(&path),
            amount(t.budget),
            amount(t.actual),
            opt_percent(t.spent_percent()),
            amount(t.forecast),
            plain(&swedish::signed_amount(t.deviation()))
        ));
        let _ = FollowRowKind::Line;
    }
    let e = &figures.equity;
    if let Some(o) = e.opening {
        out.push_str(&format!("eget kapital ingående: {}\n", amount(o)));
    }
    if let Some(c) = e.closing_forecast {
        out.push_str(&format!("eget kapital utgående, prognos: {}\n", amount(c)));
    }
    if let Some(c) = e.closing_actual {
        out.push_str(&format!("eget kapital utgående, utfall: {}\n", amount(c)));
    }
    if let Some(p) = e.percent {
        out.push_str(&format!(
            "eget kapital av tilldelade medel: {} (högst {})\n",
            plain(&swedish::percent_precise(p)),
            plain(&swedish::percent_precise(e.max_percent))
        ));
    }
    if let Some(a) = &figures.administration {
        out.push_str(&format!(
            "administrationens andel: {} (högst {})\n",
            opt_percent(a.percent.map(|p| p.round_dp(1))),
            plain(&swedish::percent_precise(a.max_percent))
        ));
    }
    if let Some(m) = &figures.member_income {
        out.push_str(&format!(
            "medlemsbidrag: enligt tabellen {}, utfall {} ({})\n",
            amount(m.table),
            amount(m.figures.actual),
            opt_percent(m.paid_percent)
        ));
    }
    for a in &figures.actions {
        let p = a.participants.unwrap_or_default();
        out.push_str(&format!(
            "insats {}: kvinnor {}, män {}, totalt {}, status {}{}\n",
            shown(&a.name),
            p.women,
            p.men,
            p.total(),
            a.status.map(|s| s.label()).unwrap_or("–"),
            a.comment.as_ref().map(|c| format!(", {}", shown(c))).unwrap_or_default()
        ));
    }
    for g in &figures.goals {
        out.push_str(&format!(
            "mål {}: målvärde {}, utfall {}, bedömning {}{}\n",
            shown(&g.id),
            shown(&g.target),
            shown(g.outcome.as_deref().unwrap_or("–")),
            g.assessment.map(|a| a.label()).unwrap_or("–"),
            g.comment.as_ref().map(|c| format!(", {}", shown(c))).unwrap_or_default()
        ));
    }
    let _ = percent;
    out
}
