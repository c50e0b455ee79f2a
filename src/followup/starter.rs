//! The starter follow-up `vplan ny-uppföljning` writes: every budget line, insats and mål of
//! the plan, with `~` and ”ATT FYLLA I” where the kansli fills in.
//!
//! In: the adopted plan, the name the follow-up uses for it, the report's kind and the
//! period's last day. Out: the follow-up's YAML text (which reads back as a valid follow-up).

use chrono::NaiveDate;

use super::ReportKind;
use crate::plan::{Plan, TO_FILL};

/// The tasks the law (2003:1210, 7 §) gives a samordningsförbund, one part each in an
/// årsredovisning.
pub const STATUTORY_TASKS: &[&str] = &[
    "Besluta om mål och riktlinjer för den finansiella samordningen",
    "Stödja samverkan mellan samverkansparterna",
    "Besluta om hur de samordnade resurserna ska användas",
    "Finansiera insatser för personer som behöver samordnad rehabilitering",
    "Svara för uppföljning och utvärdering av rehabiliteringsinsatserna",
    "Upprätta budget och årsredovisning för den finansiella samordningen",
];

/// A YAML double-quoted scalar of `text`.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The starter follow-up for `plan`.
pub fn starter(plan: &Plan, plan_name: &str, kind: ReportKind, to: NaiveDate) -> String {
    let year = plan.document.year.value;
    let unit = plan.budget.as_ref().map(|b| b.unit.label()).unwrap_or("kr");
    let mut y = String::new();
    let name = &plan.association.name;
    y.push_str(&format!(
        "# {} {year} för {name}, skriven av `vplan ny-uppföljning`.\n\
         # Fyll i det som står som ~ eller ”{TO_FILL}”; `vplan check` påminner om det som saknas.\n\
         # Formatet beskrivs i docs/uppfoljning.md.\n\n",
        kind.title()
    ));
    y.push_str(&format!("plan: {}\n", quoted(plan_name)));
    y.push_str(&format!("rapport: {}\n", kind.key()));
    y.push_str(&format!("period: {{ från: {year}-01-01, till: {} }}\n", to.format("%Y-%m-%d")));
    y.push_str(&format!(
        "dokument:\n  datum: {}  # {TO_FILL}: dagen då styrelsen behandlar rapporten\n  diarienummer: {}\n\n",
        to.format("%Y-%m-%d"),
        quoted(TO_FILL)
    ));

    push_outcomes(&mut y, plan, kind, unit);
    push_actions_and_goals(&mut y, plan);
    push_sections(&mut y, kind, unit);
    let what = format!("{}en", kind.title().to_lowercase());
    y.push_str(&format!(
        "\nförslag_till_beslut:\n  inledning: Styrelsen föreslås besluta\n  att:\n    - {}\n",
        quoted(&format!("godkänna {what} för {year}"))
    ));
    y
}

/// The outcome per budget line, the forecast and (in an annual report) the closing equity, each
/// to be filled in.
fn push_outcomes(y: &mut String, plan: &Plan, kind: ReportKind, unit: &str) {
    let lines = plan.budget.as_ref().map(|b| {
        let slots = super::references::slots_of(b, plan);
        slots
            .iter()
            .filter(|l| !l.group)
            .map(|l| super::references::shown_name_of(l, &slots))
            .collect::<Vec<_>>()
    });
    if let Some(lines) = lines {
        y.push_str(&format!(
            "# Periodens utfall per budgetrad, i planens enhet ({unit}); ~ betyder inte ifyllt än.\n\
             # En grupps utfall räknar vplan ut från dess rader.\nutfall:\n"
        ));
        for line in &lines {
            y.push_str(&format!("  {}: ~\n", quoted(line)));
        }
        y.push_str("\n# Prognos för helåret, bara för rader som avviker från budgeten, till exempel\n");
        if let Some(first) = lines.first() {
            y.push_str(&format!("#   {}: 100\nprognos: {{}}\n\n", quoted(first)));
        } else {
            y.push_str("prognos: {}\n\n");
        }
    }
    if kind.is_annual() {
        y.push_str(&format!(
            "# Det faktiska egna kapitalet vid årets slut ({unit}); utan det räknar vplan fram det.\neget_kapital: {{ utgående: ~ }}\n\n"
        ));
    }
}

/// The participants per action and the assessment per operational goal, each to be filled in.
fn push_actions_and_goals(y: &mut String, plan: &Plan) {
    let actions: Vec<&crate::plan::Action> = plan
        .goal_areas
        .iter()
        .flat_map(|a| &a.actions)
        .map(|a| &a.value)
        .filter(|a| a.id.is_some())
        .collect();
    if !actions.is_empty() {
        y.push_str("# Insatserna: bara antal deltagare per kön (Uppföljning Finsam), aldrig namn eller\n# uppgifter om enskilda.\ninsatser:\n");
        for action in actions {
            let id = action.id.as_deref().unwrap_or_default();
            y.push_str(&format!(
                "  {}:\n    deltagare: {{ kvinnor: 0, män: 0 }}\n    status: pågår\n    kommentar: {}\n",
                quoted(id),
                quoted(TO_FILL)
            ));
        }
        y.push('\n');
    }
    let goals: Vec<String> =
        plan.goal_areas.iter().enumerate().flat_map(|(i, a)| a.target_ids(i + 1)).collect();
    if !goals.is_empty() {
        y.push_str("# Verksamhetsmålen: utfall, bedömning (uppfylld, delvis, ej_uppfylld, ej_mätbar) och\n# kommentar.\nmål:\n");
        for id in goals {
            y.push_str(&format!(
                "  {}:\n    utfall: {}\n    bedömning: ej_mätbar\n    kommentar: {}\n",
                quoted(&id),
                quoted(TO_FILL),
                quoted(TO_FILL)
            ));
        }
        y.push('\n');
    }
}

/// The report's sections, by kind: the annual report's management report, statutory tasks and
/// statements, or an interim report's four sections.
fn push_sections(y: &mut String, kind: ReportKind, unit: &str) {
    y.push_str("avsnitt:\n");
    let section = |y: &mut String, indent: &str, heading: &str, blocks: &[&str], text: bool| {
        y.push_str(&format!("{indent}- rubrik: {}\n", quoted(heading)));
        if text {
            y.push_str(&format!("{indent}  text: {}\n", quoted(TO_FILL)));
        }
        if !blocks.is_empty() {
            y.push_str(&format!("{indent}  innehåll: [{}]\n", blocks.join(", ")));
        }
    };
    if kind.is_annual() {
        y.push_str("  - rubrik: Förvaltningsberättelse\n    avsnitt:\n");
        for (heading, blocks) in [
            ("Väsentliga händelser", &[][..]),
            ("Förväntad utveckling", &[]),
            ("Styrning och uppföljning", &[]),
            ("God ekonomisk hushållning", &[]),
            ("Ekonomisk ställning", &["eget_kapital"]),
            ("Balanskravsresultat", &[]),
        ] {
            section(y, "      ", heading, blocks, true);
        }
        y.push_str("  - rubrik: Förbundets uppdrag enligt lagen\n    avsnitt:\n");
        for task in STATUTORY_TASKS {
            section(y, "      ", task, &[], true);
        }
        section(y, "  ", "Verksamhetsberättelse", &["insatser", "måluppfyllelse"], true);
        section(y, "  ", "Driftredovisning", &["driftredovisning"], false);
        section(y, "  ", "Resultaträkning", &["resultaträkning"], false);
        section(y, "  ", "Balansräkning", &["balansräkning"], false);
        y.push_str(&format!(
            "\n# Resultat- och balansräkningen som ekonomikontoret lämnat dem, i {unit}: poster med\n\
             # årets och förra årets belopp (kostnader negativa); summorna räknar vplan.\n\
             resultaträkning:\n  - rubrik: Verksamhetens intäkter\n    rader:\n      - {{ post: Medlemsbidrag, belopp: 0, föregående: 0 }}  # {TO_FILL}\n\
             \x20 - rubrik: Verksamhetens kostnader\n    rader:\n      - {{ post: Insatser, belopp: 0, föregående: 0 }}  # {TO_FILL}\n\
             balansräkning:\n  - rubrik: Tillgångar\n    rader:\n      - {{ post: Kassa och bank, belopp: 0, föregående: 0 }}  # {TO_FILL}\n\
             \x20 - rubrik: Eget kapital och skulder\n    rader:\n      - {{ post: Eget kapital, belopp: 0, föregående: 0 }}  # {TO_FILL}\n\n\
             underskrifter:\n  - {{ namn: {}, roll: Ordförande }}\n",
            quoted(TO_FILL)
        ));
    } else {
        section(y, "  ", "Väsentliga händelser under perioden", &[], true);
        section(y, "  ", "Måluppfyllelse", &["måluppfyllelse"], false);
        section(y, "  ", "Insatser", &["insatser"], false);
        section(y, "  ", "Ekonomisk uppföljning", &["budgetuppföljning", "eget_kapital"], true);
    }
}
