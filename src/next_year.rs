//! `vplan ny`: next year's plan from this year's.
//!
//! In: a checked plan (its text and its computed budget) and the new plan year. Out: the new
//! plan's YAML text, edited in place with a lossless YAML editor (yaml-edit) so that comments,
//! key order, quoting and layout stay as the kansli wrote them and `git diff` between the two
//! files shows only what the yearly step changed:
//!
//! - the plan year, and every budget year column, move on by the same number of years; a
//!   column keeps the amounts it had for its new year, and a year the plan did not have
//!   starts as a copy of the latest year (for [2026, 2027, 2028] → [2027, 2028, 2029]: the
//!   first year drops, the new last year copies the previous last year);
//! - the opening eget kapital becomes the closing balance this plan computed for the year
//!   before the new plan's first year;
//! - datum, diarienummer and beslut are marked [`TO_FILL`], which `vplan check` warns about;
//! - `föregående` names this plan, so the new plan can show and check last year's figures.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use yaml_edit::{Document, Mapping, Sequence};

use crate::compute::Computed;
use crate::error::{Diagnostic, Error};
use crate::plan::{Loaded, TO_FILL, keys};

/// The most years `vplan ny` moves a plan on at once.
const MAX_STEP: i32 = 10;

/// Next year's plan, ready to write.
#[derive(Debug)]
pub struct NextYear {
    /// The new plan's YAML text.
    pub yaml: String,
    /// The new plan year.
    pub year: i32,
    /// The opening eget kapital written, if the plan has one.
    pub opening: Option<rust_decimal::Decimal>,
    /// The document keys marked [`TO_FILL`].
    pub to_fill: Vec<&'static str>,
    /// Places in the plan's text that still mention the old year, `(line, text)`.
    pub old_year_mentions: Vec<(usize, String)>,
    /// Things the kansli should know about the result.
    pub notes: Vec<String>,
}

/// Makes next year's plan. `predecessor` is how the new plan names this one (`föregående`),
/// or `None` when the new plan is written outside this plan's folder.
pub fn next_year(
    loaded: &Loaded,
    computed: &Computed,
    year: i32,
    predecessor: Option<&str>,
) -> Result<NextYear, Error> {
    let old_year = loaded.plan.year();
    let step = year - old_year;
    check_step(year, old_year)?;
    let bug = |what: &str| Error::bug(format!("planen kunde inte skrivas om för nästa år: {what}"));
    let (head, body) = split_head(&loaded.source);
    let document = Document::from_str(body).map_err(|e| bug(&e.to_string()))?;
    let root = document.as_mapping().ok_or_else(|| bug("planen är ingen mappning"))?;
    let mut notes = Vec::new();

    let doc = root.get_mapping(keys::DOCUMENT).ok_or_else(|| bug(&format!("`{}` saknas", keys::DOCUMENT)))?;
    doc.set(keys::YEAR, i64::from(year));
    let mut to_fill = vec![keys::DATE];
    to_fill.extend([keys::REGISTRY_NUMBER, keys::DECISION].into_iter().filter(|key| doc.contains_key(key)));
    for key in &to_fill {
        doc.set(key, TO_FILL);
    }
    // The old budget's year columns, in table order.
    let years: Vec<i32> = loaded.plan.budget.as_ref().map(|b| b.years.value.clone()).unwrap_or_default();

    let opening = match root.get_mapping(keys::BUDGET) {
        Some(budget) => shift_budget(&root, &budget, loaded, computed, &years, year, &mut notes),
        None => None,
    };
    keep_history(&root, computed, &years, step);
    // The control figures are last year's decision; the new plan's decision has other ones.
    if let Some(checks) = root.get_mapping(keys::CHECKS)
        && checks.remove(keys::CONTROLS).is_some()
    {
        notes.push(format!(
            "`{}: {}` är borttagna: de var förra årets beslut; skriv in det nya beslutets tal när det är fattat",
            keys::CHECKS,
            keys::CONTROLS
        ));
    }
    move_contributions(&root, loaded, step);
    set_predecessor(&root, predecessor, &mut notes);

    let yaml = format!("{head}{}", move_figures(&document.to_string(), &years, step));
    let old_year_mentions = mentions(&yaml, old_year);
    Ok(NextYear { yaml, year, opening, to_fill, old_year_mentions, notes })
}

/// Refuses a year that is not after the plan's year or more than [`MAX_STEP`] years after it.
fn check_step(year: i32, old_year: i32) -> Result<(), Error> {
    let step = year - old_year;
    if step < 1 {
        return Err(Error::User(
            Diagnostic::new(format!("år {year} är inte efter planens år {old_year}"))
                .note("`vplan ny` skriver en senare plan utifrån den här")
                .hint(format!("ange --år {} för nästa år, eller utelämna --år", old_year + 1)),
        ));
    }
    if step > MAX_STEP {
        return Err(Error::User(
            Diagnostic::new(format!(
                "år {year} ligger {step} år efter planens år {old_year}; `vplan ny` flyttar en plan högst {MAX_STEP} år"
            ))
            .note(format!("från planen för {old_year} kan `vplan ny` skriva planer för {}–{}", old_year + 1, old_year + MAX_STEP))
            .hint(format!("ange --år {} för nästa år (eller utelämna --år); en plan för {year} skrivs bäst från planen för {}", old_year + 1, year - 1)),
        ));
    }
    Ok(())
}

/// Moves the budget on by the step: its year columns and headings, the amounts that follow
/// them, and the opening equity from the computed closing of the year before `year`, which it
/// returns (or a note that says why not).
fn shift_budget(
    root: &Mapping,
    budget: &Mapping,
    loaded: &Loaded,
    computed: &Computed,
    years: &[i32],
    year: i32,
    notes: &mut Vec<String>,
) -> Option<rust_decimal::Decimal> {
    let old_year = loaded.plan.year();
    let step = year - old_year;
    let mut opening = None;
    let mut shift = Shift::new(years, step);
    // The contributions move on with the columns, so a linked year stays in its column.
    shift.linked =
        loaded.plan.contributions.iter().filter_map(|c| years.iter().position(|y| *y == c.year)).collect();
    shift.years(budget, keys::YEAR);
    shift.headings(budget);
    // The predecessor's column shows the year before the plan year: "Budget 2026" in the
    // plan for 2027 becomes "Budget 2027" in the plan for 2028.
    if let Some(heading) =
        budget.get(keys::PREDECESSOR_COLUMN).and_then(|h| h.as_scalar().map(|s| s.as_string()))
    {
        let moved = move_years(&heading, &[old_year - 1], step);
        if moved != heading {
            budget.set(keys::PREDECESSOR_COLUMN, string_node(&moved));
        }
    }
    for part in [keys::INCOME, keys::COSTS] {
        if let Some(group) = budget.get_mapping(part) {
            shift.lines(&group);
        }
    }
    for area in sequence(root, keys::GOAL_AREAS) {
        for action in
            area.as_mapping().and_then(|a| a.get_sequence(keys::ACTIONS)).iter().flat_map(Sequence::values)
        {
            if let Some(action) = action.as_mapping() {
                shift.amounts(action);
            }
        }
    }
    shift.extracts(root);
    if let (Some(equity), Some(figures)) =
        (budget.get_mapping(keys::EQUITY), computed.budget.as_ref().map(|b| &b.figures))
    {
        match figures.iter().find(|f| f.year == year - 1).and_then(|f| f.closing) {
            Some(closing) => {
                set_amount(&equity, keys::OPENING, closing);
                opening = Some(closing);
            }
            None => notes.push(format!(
                "budgeten räknar inte fram eget kapital vid utgången av {}, så `ingående` är oförändrat; \
                 fyll i det själv",
                year - 1
            )),
        }
    }
    opening
}

/// Names the predecessor the new plan follows, or removes the key (with a note) when the new
/// plan lies in another folder.
fn set_predecessor(root: &Mapping, predecessor: Option<&str>, notes: &mut Vec<String>) {
    match predecessor {
        Some(name) => {
            // A new key goes first, where a reader of the file sees it; an existing one is
            // replaced where it stands.
            if root.contains_key(keys::PREDECESSOR)
                || !root.insert_before(keys::ASSOCIATION, keys::PREDECESSOR, name)
            {
                root.set(keys::PREDECESSOR, name);
            }
        }
        None => {
            if root.remove(keys::PREDECESSOR).is_some() {
                notes.push(
                    "den nya planen ligger i en annan mapp än den här, så `föregående` är borttagen"
                        .to_owned(),
                );
            }
        }
    }
}

/// A year that leaves the budget keeps its funding and costs in the eget kapital history,
/// where they were read from the budget until now.
fn keep_history(root: &Mapping, computed: &Computed, years: &[i32], step: i32) {
    if let (Some(history), Some(table)) = (root.get_mapping(keys::EQUITY_HISTORY), &computed.history) {
        let kept: Vec<i32> = years.iter().map(|y| y + step).collect();
        for row in history.get_sequence(keys::LINES).iter().flat_map(Sequence::values) {
            let Some(row) = row.as_mapping() else { continue };
            let Some(year) =
                row.get(keys::YEAR).and_then(|y| year_of(&y)).and_then(|y| i32::try_from(y).ok())
            else {
                continue;
            };
            if !years.contains(&year) || kept.contains(&year) {
                continue;
            }
            let Some(line) = table.rows.iter().find(|r| r.year == year) else { continue };
            for (key, cell) in [(keys::FUNDING, &line.cells[0]), (keys::BUDGET, &line.cells[1])] {
                if let (false, Some(cell)) = (row.contains_key(key), cell) {
                    set_amount(row, key, cell.value);
                }
            }
        }
    }
}

/// `medlemsbidrag` is one table or a list of them; each moves on a year.
fn move_contributions(root: &Mapping, loaded: &Loaded, step: i32) {
    if let Some(contributions) = root.get_mapping(keys::CONTRIBUTIONS)
        && let Some(old) = loaded.plan.contributions.first().map(|c| c.year)
    {
        contributions.set(keys::YEAR, i64::from(old + step));
    } else if let Some(tables) = root.get_sequence(keys::CONTRIBUTIONS) {
        for (table, plan) in tables.values().zip(loaded.plan.contributions.iter()) {
            if let Some(table) = table.as_mapping() {
                table.set(keys::YEAR, i64::from(plan.year + step));
            }
        }
    }
}

/// A plan's head of directives (`%YAML 1.2`) up to its document start (`---`), which the
/// editor does not read, and the rest. The head is written back as it was.
fn split_head(source: &str) -> (&str, &str) {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end();
        offset += line.len();
        if text == "---" {
            return source.split_at(offset);
        }
        if !(text.is_empty() || text.starts_with('#') || text.starts_with('%')) {
            break;
        }
    }
    ("", source)
}

/// Where the new plan goes by default: the file name with the year moved on, beside the plan.
pub fn default_output(file: &Path, old_year: i32, year: i32) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = if stem.contains(&old_year.to_string()) {
        stem.replace(&old_year.to_string(), &year.to_string())
    } else {
        format!("{stem}-{year}")
    };
    file.with_file_name(format!("{name}.yaml"))
}

/// How a plan's year columns move on.
struct Shift {
    /// The old columns' years.
    years: Vec<i32>,
    /// How many years the plan moves on.
    step: i32,
    /// The columns of the contributions' years, which a line linked with `medlemsbidrag:`
    /// leaves blank (`~`): the amount is taken from the table, and written once.
    linked: Vec<usize>,
}

impl Shift {
    fn new(years: &[i32], step: i32) -> Self {
        Self { years: years.to_vec(), step, linked: Vec::new() }
    }

    /// For each new column, the old column whose amounts it takes: the same year if the plan
    /// had it, else the latest year.
    fn sources(&self) -> Vec<usize> {
        let latest = (0..self.years.len()).max_by_key(|&i| self.years[i]).unwrap_or(0);
        self.years
            .iter()
            .map(|y| self.years.iter().position(|old| *old == y + self.step).unwrap_or(latest))
            .collect()
    }

    /// Moves a list of years on.
    fn years(&self, mapping: &Mapping, key: &str) {
        if let Some(years) = mapping.get_sequence(key) {
            for i in 0..years.len() {
                if let Some(year) = years.get(i).and_then(|y| year_of(&y)) {
                    years.set(i, year + i64::from(self.step));
                }
            }
        }
    }

    /// Moves the years named in column headings on ("Budget 2025" → "Budget 2026").
    fn headings(&self, mapping: &Mapping) {
        let Some(headings) = mapping.get_sequence(keys::COLUMN_HEADINGS) else { return };
        for i in 0..headings.len() {
            if let Some(text) = headings.get(i).and_then(|h| h.as_scalar().map(|s| s.as_string())) {
                let moved = move_years(&text, &self.years, self.step);
                if moved != text {
                    headings.set(i, string_node(&moved));
                }
            }
        }
    }

    /// Every budget line of a part or group, recursively.
    fn lines(&self, group: &Mapping) {
        for line in group.get_sequence(keys::LINES).iter().flat_map(Sequence::values) {
            if let Some(line) = line.as_mapping() {
                self.amounts(line);
                if line.contains_key(keys::CONTRIBUTIONS) {
                    self.blank_linked(line);
                }
                self.lines(line);
            }
        }
    }

    /// Reorders a `belopp` list for the new columns. A column that moves keeps its item as
    /// written (with its note); a new year starts as a copy of the latest year's amount
    /// alone, since a note or status belongs to the year it was written for.
    fn amounts(&self, owner: &Mapping) {
        let Some(amounts) = owner.get_sequence(keys::AMOUNTS) else { return };
        let old: Vec<yaml_edit::YamlNode> = amounts.values().collect();
        let sources = self.sources();
        let copy = |j: usize| -> yaml_edit::YamlNode {
            let item = old.get(j).cloned();
            // `{ belopp: 5, not: … }` copies as its amount.
            let amount = item.as_ref().and_then(|i| i.as_mapping().and_then(|m| m.get(keys::AMOUNTS)));
            amount.or(item).unwrap_or_else(null_node)
        };
        // The usual case, consecutive years moving on: the first columns drop and the last
        // repeats. Removing from the front keeps every remaining item exactly as written.
        let shift = sources.first().copied().unwrap_or(0);
        let shifted = (0..sources.len()).all(|i| i + shift >= sources.len() || sources[i] == i + shift);
        if shifted && shift > 0 {
            for _ in 0..shift.min(old.len()) {
                amounts.remove(0);
            }
            for (i, &source) in sources.iter().enumerate().skip(sources.len() - shift) {
                // Trailing years the list leaves out stay left out.
                if old.len() > source {
                    while amounts.len() < i {
                        amounts.push(null_node());
                    }
                    amounts.push(copy(source));
                }
            }
        } else {
            for (i, &j) in sources.iter().enumerate() {
                if i != j && i < old.len() {
                    amounts.set(i, copy(j));
                }
            }
        }
    }

    /// Leaves the contributions' year blank (`~`) in a linked line's `belopp`, as it was.
    fn blank_linked(&self, line: &Mapping) {
        let Some(amounts) = line.get_sequence(keys::AMOUNTS) else { return };
        for &column in &self.linked {
            if column < amounts.len() {
                amounts.set(column, null_node());
            }
        }
    }

    /// Budget blocks in sections that show chosen years (`budget: { år: [...] }`).
    fn extracts(&self, root: &Mapping) {
        fn walk(shift: &Shift, sections: Option<Sequence>) {
            for section in sections.iter().flat_map(Sequence::values) {
                let Some(section) = section.as_mapping() else { continue };
                for block in section.get_sequence(keys::BLOCKS).iter().flat_map(Sequence::values) {
                    if let Some(extract) = block.as_mapping().and_then(|b| b.get_mapping(keys::BUDGET)) {
                        shift.years(&extract, keys::YEAR);
                        shift.headings(&extract);
                    }
                }
                walk(shift, section.get_sequence(keys::SECTIONS));
            }
        }
        walk(self, root.get_sequence(keys::SECTIONS));
    }
}

/// `text` with each of `years` (as a whole number) moved on by `step`.
fn move_years(text: &str, years: &[i32], step: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<i32>() {
            Ok(year) if digits.len() == 4 && years.contains(&year) => {
                out.push_str(&(year + step).to_string())
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Moves the year of every figure reference in prose (`{{ intäkter.2026 }}`) that names a
/// budget year on with the columns, so the text keeps pointing at the same column. History
/// figures name calendar years that do not move.
fn move_figures(yaml: &str, years: &[i32], step: i32) -> String {
    let mut out = String::with_capacity(yaml.len());
    let mut rest = yaml;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else { break };
        let (before, reference) = (&rest[..start], &rest[start..start + length + 2]);
        out.push_str(before);
        let name = reference[2..reference.len() - 2].trim();
        let moved = name.rsplit_once('.').and_then(|(figure, year)| {
            let year: i32 = year.parse().ok().filter(|_| year.len() == 4)?;
            (years.contains(&year) && !figure.starts_with("historik."))
                .then(|| reference.replace(name, &format!("{figure}.{}", year + step)))
        });
        out.push_str(moved.as_deref().unwrap_or(reference));
        rest = &rest[start + length + 2..];
    }
    out.push_str(rest);
    out
}

/// Sets an amount as the plan writes amounts: digits for whole amounts, a decimal comma
/// otherwise (the same forms as [`crate::plan::amount_literal`]).
fn set_amount(mapping: &Mapping, key: &str, value: rust_decimal::Decimal) {
    use rust_decimal::prelude::ToPrimitive;
    let value = value.normalize();
    match value.fract().is_zero().then(|| value.to_i64()).flatten() {
        Some(whole) => mapping.set(key, whole),
        None => mapping.set(key, value.to_string().replace('.', ",").as_str()),
    }
}

/// A double-quoted YAML string that keeps every character as itself (the editor's own
/// quoting escapes non-ASCII letters).
fn string_node(text: &str) -> yaml_edit::YamlNode {
    let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    match Document::from_str(&quoted).ok().and_then(|d| d.as_scalar()) {
        Some(scalar) => yaml_edit::YamlNode::Scalar(scalar),
        None => null_node(),
    }
}

/// A year as the plan writes it: a number, or a number in quotes (the parser reads `"2026"` as
/// 2026 too, so `vplan ny` must move it the same way; it is written back as a number).
fn year_of(node: &yaml_edit::YamlNode) -> Option<i64> {
    node.to_i64().or_else(|| node.as_scalar().and_then(|s| s.as_string().trim().parse().ok()))
}

/// A YAML `~`.
fn null_node() -> yaml_edit::YamlNode {
    let document = Document::from_str("~").expect("`~` is YAML");
    yaml_edit::YamlNode::Scalar(document.as_scalar().expect("`~` is a scalar"))
}

/// A sequence under `key`, or nothing.
fn sequence(mapping: &Mapping, key: &str) -> Vec<yaml_edit::YamlNode> {
    mapping.get_sequence(key).map(|s| s.values().collect()).unwrap_or_default()
}

/// Lines of prose (every part of the plan but the budget, the contributions, the eget kapital
/// history and the checks) that mention the old plan year or the year before, for the kansli to
/// read over: "Insatser under 2026" is for them to reword, not for vplan.
fn mentions(yaml: &str, old_year: i32) -> Vec<(usize, String)> {
    // Prose about the plan year often also names the year before ("vid slutet av 2025").
    let years = [old_year.to_string(), (old_year - 1).to_string()];
    let mut section = "";
    let mut found = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if !line.starts_with([' ', '#', '-']) && !line.is_empty() {
            section = line.split(':').next().unwrap_or("");
        }
        // Everything but the figures is prose: the decision, the förbund's texts, the look's
        // header and footer among it.
        let prose = !matches!(
            section,
            keys::BUDGET | keys::CONTRIBUTIONS | keys::EQUITY_HISTORY | keys::CHECKS | keys::PREDECESSOR
        );
        let is_year = |at: usize, year: &str| {
            let before = line[..at].chars().next_back();
            let after = line[at + year.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                && !after.is_some_and(|c| c.is_ascii_digit())
        };
        let mentioned = years.iter().any(|y| line.match_indices(y.as_str()).any(|(at, _)| is_year(at, y)));
        if prose && !line.trim_start().starts_with('#') && mentioned {
            found.push((i + 1, line.trim().to_owned()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_headings_move_on_once() {
        assert_eq!(move_years("Budget 2025", &[2025, 2024], 1), "Budget 2026");
        assert_eq!(move_years("2024–2025 (12025)", &[2025, 2024], 1), "2025–2026 (12025)");
        assert_eq!(move_years("Prognos", &[2025], 1), "Prognos");
    }

    #[test]
    fn columns_take_their_own_year_or_copy_the_latest() {
        assert_eq!(Shift::new(&[2026, 2027, 2028], 1).sources(), vec![1, 2, 2]);
        assert_eq!(Shift::new(&[2025, 2024], 1).sources(), vec![0, 0]);
        assert_eq!(Shift::new(&[2026, 2027, 2028], 2).sources(), vec![2, 2, 2]);
    }

    #[test]
    fn figure_references_follow_their_column() {
        let text =
            "är {{ intäkter.2026 }} och {{eget_kapital.andel.2027}}, {{ historik.budget.2026 }} {{ x }}";
        assert_eq!(
            move_figures(text, &[2026, 2027, 2028], 1),
            "är {{ intäkter.2027 }} och {{eget_kapital.andel.2028}}, {{ historik.budget.2026 }} {{ x }}"
        );
    }

    #[test]
    fn directives_and_the_document_start_are_kept_aside() {
        assert_eq!(split_head("%YAML 1.2\n---\na: 1\n"), ("%YAML 1.2\n---\n", "a: 1\n"));
        assert_eq!(split_head("# plan\n---\na: 1\n"), ("# plan\n---\n", "a: 1\n"));
        assert_eq!(split_head("a: 1\n---\n"), ("", "a: 1\n---\n"));
    }

    #[test]
    fn output_names_move_on() {
        assert_eq!(
            default_output(Path::new("plans/nedansiljan-2026.yaml"), 2026, 2027),
            PathBuf::from("plans/nedansiljan-2027.yaml")
        );
        assert_eq!(default_output(Path::new("plan.yaml"), 2026, 2027), PathBuf::from("plan-2027.yaml"));
    }

    #[test]
    fn years_written_in_quotes_move_on_as_numbers() {
        let doc = Document::from_str("år: [\"2026\", 2027]\n").unwrap();
        let mapping = doc.as_mapping().unwrap();
        Shift::new(&[2026, 2027], 1).years(&mapping, keys::YEAR);
        let years: Vec<Option<i64>> = sequence(&mapping, keys::YEAR).iter().map(|y| y.to_i64()).collect();
        assert_eq!(years, [Some(2027), Some(2028)]);
    }
}
