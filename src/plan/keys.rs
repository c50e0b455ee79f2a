//! The plan's YAML key names that vplan's code spells outside the model's serde attributes.
//!
//! In: nothing. Out: one const per key name. serde's `rename` needs a literal, so the model
//! spells each key once more in its attribute; the test below checks, through the JSON Schema
//! generated from the model, that every const here is a key the model accepts at each place
//! it is used, so a renamed key fails a test instead of `vplan ny` silently skipping it.

/// `förbund`, at the top.
pub const ASSOCIATION: &str = "förbund";
/// `dokument`, at the top.
pub const DOCUMENT: &str = "dokument";
/// `avsnitt`, at the top and in a section.
pub const SECTIONS: &str = "avsnitt";
/// `innehåll`, a section's blocks.
pub const BLOCKS: &str = "innehåll";
/// `målområden`, at the top.
pub const GOAL_AREAS: &str = "målområden";
/// `insatser`, in a målområde.
pub const ACTIONS: &str = "insatser";
/// `budget`, at the top, as a block, and in an eget kapital history row.
pub const BUDGET: &str = "budget";
/// `medlemsbidrag`, at the top.
pub const CONTRIBUTIONS: &str = "medlemsbidrag";
/// `eget_kapital_historik`, at the top.
pub const EQUITY_HISTORY: &str = "eget_kapital_historik";
/// `föregående`, at the top: last year's plan file.
pub const PREDECESSOR: &str = "föregående";
/// `år`, in `dokument`, `budget`, a budget block, `medlemsbidrag` and a history row.
pub const YEAR: &str = "år";
/// `datum`, in `dokument`.
pub const DATE: &str = "datum";
/// `diarienummer`, in `dokument`.
pub const REGISTRY_NUMBER: &str = "diarienummer";
/// `beslut`, in `dokument`.
pub const DECISION: &str = "beslut";
/// `kolumnrubriker`, in `budget`, a budget block and the history.
pub const COLUMN_HEADINGS: &str = "kolumnrubriker";
/// `föregående_kolumn`, in `budget`.
pub const PREDECESSOR_COLUMN: &str = "föregående_kolumn";
/// `intäkter`, in `budget`.
pub const INCOME: &str = "intäkter";
/// `kostnader`, in `budget`.
pub const COSTS: &str = "kostnader";
/// `rader`, in a part of the budget, a group of lines, `medlemsbidrag` and the history.
pub const LINES: &str = "rader";
/// `belopp`, in a budget line, an insats and an amount with a note.
pub const AMOUNTS: &str = "belopp";
/// `eget_kapital`, in `budget` and a history row.
pub const EQUITY: &str = "eget_kapital";
/// `ingående`, in `budget.eget_kapital`.
pub const OPENING: &str = "ingående";
/// `medelstilldelning`, in a history row.
pub const FUNDING: &str = "medelstilldelning";
/// `kontroller`, at the top.
pub const CHECKS: &str = "kontroller";
/// `kontrolltal`, in `kontroller`: figures from the adopted decision.
pub const CONTROLS: &str = "kontrolltal";

#[cfg(test)]
mod tests {
    use super::*;

    /// Each key, and the places (schema definitions; "" for the top) where the model must
    /// accept it.
    const PLACES: &[(&str, &[&str])] = &[
        (ASSOCIATION, &[""]),
        (DOCUMENT, &[""]),
        (SECTIONS, &["", "Section"]),
        (BLOCKS, &["Section"]),
        (GOAL_AREAS, &["", "Block"]),
        (ACTIONS, &["GoalArea"]),
        (BUDGET, &["", "Block", "HistoryRow"]),
        (CONTRIBUTIONS, &["", "Block", "Line"]),
        (EQUITY_HISTORY, &["", "Block"]),
        (PREDECESSOR, &[""]),
        (YEAR, &["Document", "BudgetPlan", "BudgetExtract", "Contributions", "HistoryRow"]),
        (DATE, &["Document"]),
        (REGISTRY_NUMBER, &["Document"]),
        (DECISION, &["Document"]),
        (COLUMN_HEADINGS, &["BudgetPlan", "BudgetExtract", "EquityHistory"]),
        (PREDECESSOR_COLUMN, &["BudgetPlan"]),
        (INCOME, &["BudgetPlan"]),
        (COSTS, &["BudgetPlan"]),
        (LINES, &["LineGroup", "Line", "Contributions", "EquityHistory"]),
        (AMOUNTS, &["Line", "Action", "Cell"]),
        (EQUITY, &["BudgetPlan", "HistoryRow"]),
        (OPENING, &["Equity"]),
        (FUNDING, &["HistoryRow"]),
        (CHECKS, &[""]),
        (CONTROLS, &["Checks"]),
    ];

    /// The key names a schema accepts, also inside `anyOf`/`oneOf`/`allOf` alternatives; a
    /// block written as a bare name (`- budget`) counts as its key.
    fn properties(schema: &serde_json::Value, out: &mut Vec<String>) {
        if let Some(map) = schema.get("properties").and_then(|p| p.as_object()) {
            out.extend(map.keys().cloned());
        }
        for name in schema.get("enum").and_then(|e| e.as_array()).into_iter().flatten() {
            out.extend(name.as_str().map(str::to_owned));
        }
        for combinator in ["anyOf", "oneOf", "allOf"] {
            for alternative in schema.get(combinator).and_then(|a| a.as_array()).into_iter().flatten() {
                properties(alternative, out);
            }
        }
    }

    #[test]
    fn every_key_name_is_one_the_model_accepts_where_it_is_used() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::schema::text()).expect("the schema is JSON");
        for (key, places) in PLACES {
            for place in *places {
                let at = if place.is_empty() { &schema } else { &schema["definitions"][*place] };
                assert!(!at.is_null(), "the schema has no definition `{place}`");
                let mut accepted = Vec::new();
                properties(at, &mut accepted);
                assert!(
                    accepted.iter().any(|k| k == key),
                    "`{key}` is not a key of `{place}`; it accepts {accepted:?}"
                );
            }
        }
    }

    #[test]
    fn every_key_name_has_its_places() {
        // A new const without a line in PLACES would go unchecked.
        let source = include_str!("keys.rs");
        let consts = source.lines().filter(|l| l.starts_with("pub const ")).count();
        assert_eq!(consts, PLACES.len(), "each const in keys.rs needs a line in PLACES");
    }

    #[test]
    fn the_check_fails_for_a_key_the_model_does_not_accept() {
        let schema: serde_json::Value =
            serde_json::from_str(&crate::schema::text()).expect("the schema is JSON");
        let mut accepted = Vec::new();
        properties(&schema["definitions"]["Document"], &mut accepted);
        assert!(!accepted.iter().any(|k| k == "årtal"), "a misspelt key is not accepted");
        assert!(accepted.iter().any(|k| k == DATE));
    }
}
