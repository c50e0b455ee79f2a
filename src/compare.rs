//! `vplan diff`: what changed from one plan to another.
//!
//! In: two checked plans, the older and the newer. Out: [`Changes`] — metadata, members,
//! budget (from [`compute::compare`], where the arithmetic is), målområden and insatser, and
//! sections whose text changed with a word-level diff — and its Swedish text for a terminal.
//! The same [`Changes`] becomes the PDF appendix through `render::changes`.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

use crate::compute::{self, BudgetChanges, ChangeKind, YearChange};
use crate::plan::{Block, GoalArea, Plan, Section};
use crate::swedish;

/// Everything that differs between two plans.
#[derive(Debug, Clone)]
pub struct Changes {
    /// How the older plan is named (a file, or `REV:file`).
    pub old_name: String,
    /// How the newer plan is named.
    pub new_name: String,
    /// The older plan's year.
    pub old_year: i32,
    /// The newer plan's year.
    pub new_year: i32,
    /// Changed document facts.
    pub fields: Vec<FieldChange>,
    /// Members added (`Added`) and removed (`Removed`).
    pub members: Vec<(ChangeKind, String)>,
    /// The budget's changes, when both plans have a budget.
    pub budget: Option<BudgetChanges>,
    /// Whether only one of the plans has a budget: `Some(Added)` or `Some(Removed)`.
    pub budget_presence: Option<ChangeKind>,
    /// Målområden added, removed, renamed or with changed insatser.
    pub goal_areas: Vec<AreaChange>,
    /// Sections added, removed, renamed or with changed text.
    pub sections: Vec<SectionChange>,
}

/// A document fact before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The key as the plan writes it, e.g. `dokument.datum`.
    pub field: String,
    /// Its old value, if it had one.
    pub old: Option<String>,
    /// Its new value, if it has one.
    pub new: Option<String>,
}

/// A målområde that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChange {
    /// Its heading in the newer plan (the older one's, if removed).
    pub heading: String,
    /// Added, removed, or changed (renamed or with other insatser or goals).
    pub kind: ChangeKind,
    /// The old heading, when it was renamed.
    pub renamed_from: Option<String>,
    /// Its insatser and verksamhetsmål that changed.
    pub items: Vec<ItemChange>,
}

/// An insats or verksamhetsmål that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// "insats" or "verksamhetsmål".
    pub what: &'static str,
    /// Added, removed or reworded.
    pub kind: ChangeKind,
    /// The text (for a reworded item, its word diff).
    pub words: Vec<Words>,
}

/// A section that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChange {
    /// Its heading path in the newer plan (the older one's, if removed).
    pub path: Vec<String>,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The old heading, when it was renamed.
    pub renamed_from: Option<String>,
    /// The word diff of its text, when the text changed.
    pub words: Vec<Words>,
}

/// A run of words in a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// Kept, deleted (`Removed`) or inserted (`Added`); `None` is kept.
    pub kind: Option<ChangeKind>,
    /// The words, with the spaces between them.
    pub text: String,
}

impl Changes {
    /// Whether the plans are the same in every way `diff` looks at.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.members.is_empty()
            && self.budget_presence.is_none()
            && self.budget.as_ref().is_none_or(|b| {
                b.added_years.is_empty()
                    && b.removed_years.is_empty()
                    && b.lines.is_empty()
                    && b.totals.iter().all(|t| t.change.old == t.change.new)
            })
            && self.goal_areas.is_empty()
            && self.sections.is_empty()
    }
}

/// Compares two plans, each with its computed figures (prose is compared as it reads, with
/// its figure references filled in).
pub fn compare(
    (old, old_computed): (&Plan, &compute::Computed),
    (new, new_computed): (&Plan, &compute::Computed),
    old_name: &str,
    new_name: &str,
) -> Changes {
    let budget_presence = match (&old.budget, &new.budget) {
        (None, Some(_)) => Some(ChangeKind::Added),
        (Some(_), None) => Some(ChangeKind::Removed),
        _ => None,
    };
    Changes {
        old_name: old_name.to_owned(),
        new_name: new_name.to_owned(),
        old_year: old.document.year.value,
        new_year: new.document.year.value,
        fields: fields(old, new),
        members: members(old, new),
        budget: compute::compare(old, new),
        budget_presence,
        goal_areas: goal_areas(&old.goal_areas, &new.goal_areas),
        sections: sections((old, old_computed), (new, new_computed)),
    }
}

/// The document facts `diff` and `text` show, by key.
fn facts(p: &Plan) -> Vec<(&'static str, Option<String>)> {
    let a = &p.association;
    let d = &p.document;
    vec![
        ("förbund.namn", Some(a.name.clone())),
        ("förbund.kortnamn", a.short_name.clone()),
        ("dokument.titel", Some(d.title.clone())),
        ("dokument.undertitel", d.subtitle.clone()),
        ("dokument.år", Some(d.year.value.to_string())),
        ("dokument.datum", Some(d.date.value.clone())),
        ("dokument.ansvarig", d.responsible.clone()),
        ("dokument.diarienummer", d.registry_number.as_ref().map(|r| r.value.clone())),
        ("dokument.beslut", d.decision.as_ref().map(|r| r.value.clone())),
        ("dokument.motto", d.motto.clone()),
        ("föregående", p.predecessor.as_ref().map(|f| f.value.clone())),
    ]
}

fn fields(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    facts(old)
        .into_iter()
        .zip(facts(new))
        .filter(|((_, o), (_, n))| o != n)
        .map(|((field, old), (_, new))| FieldChange { field: field.to_owned(), old, new })
        .collect()
}

fn members(old: &Plan, new: &Plan) -> Vec<(ChangeKind, String)> {
    let names = |p: &Plan| p.association.members.value.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    let (o, n) = (names(old), names(new));
    let mut changes: Vec<(ChangeKind, String)> =
        n.iter().filter(|m| !o.contains(m)).map(|m| (ChangeKind::Added, m.clone())).collect();
    changes.extend(o.iter().filter(|m| !n.contains(m)).map(|m| (ChangeKind::Removed, m.clone())));
    changes
}

/// Pairs up two lists: first by `same`, then what is left over at the same place in both
/// lists. Returns (old, new) index pairs, then the unmatched old and new indexes.
fn pair<T>(
    old: &[T],
    new: &[T],
    same: impl Fn(&T, &T) -> bool,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut pairs = Vec::new();
    let mut old_left: Vec<usize> = (0..old.len()).collect();
    let mut new_left = Vec::new();
    for (j, n) in new.iter().enumerate() {
        match old_left.iter().position(|&i| same(&old[i], n)) {
            Some(at) => pairs.push((old_left.remove(at), j)),
            None => new_left.push(j),
        }
    }
    (pairs, old_left, new_left)
}

fn goal_areas(old: &[GoalArea], new: &[GoalArea]) -> Vec<AreaChange> {
    let same = |a: &GoalArea, b: &GoalArea| match (&a.id, &b.id) {
        (Some(x), Some(y)) => x.value == y.value,
        _ => a.heading.value == b.heading.value,
    };
    let (mut pairs, old_left, new_left) = pair(old, new, same);
    // A målområde left over at the same place in both plans has been renamed.
    let mut removed = Vec::new();
    for &i in &old_left {
        match new_left.iter().find(|&&j| j == i) {
            Some(&j) => pairs.push((i, j)),
            None => removed.push(i),
        }
    }
    let added: Vec<usize> = new_left.into_iter().filter(|j| !pairs.iter().any(|p| p.1 == *j)).collect();
    pairs.sort_by_key(|p| p.1);
    let mut changes = Vec::new();
    for (i, j) in pairs {
        let (a, b) = (&old[i], &new[j]);
        let mut items = items(
            "insats",
            &a.actions.iter().map(|x| x.value.text.clone()).collect::<Vec<_>>(),
            &b.actions.iter().map(|x| x.value.text.clone()).collect::<Vec<_>>(),
        );
        let goal = |t: &crate::plan::Target| format!("{}: {}", t.goal, t.value);
        items.extend(items_of("verksamhetsmål", &a.targets, &b.targets, goal));
        let renamed = (a.heading.value != b.heading.value).then(|| a.heading.value.clone());
        if renamed.is_some() || !items.is_empty() {
            changes.push(AreaChange {
                heading: b.heading.value.clone(),
                kind: ChangeKind::Changed,
                renamed_from: renamed,
                items,
            });
        }
    }
    for j in added {
        changes.push(AreaChange {
            heading: new[j].heading.value.clone(),
            kind: ChangeKind::Added,
            renamed_from: None,
            items: Vec::new(),
        });
    }
    for i in removed {
        changes.push(AreaChange {
            heading: old[i].heading.value.clone(),
            kind: ChangeKind::Removed,
            renamed_from: None,
            items: Vec::new(),
        });
    }
    changes
}

fn items_of<T>(what: &'static str, old: &[T], new: &[T], text: impl Fn(&T) -> String) -> Vec<ItemChange> {
    items(what, &old.iter().map(&text).collect::<Vec<_>>(), &new.iter().map(&text).collect::<Vec<_>>())
}

/// Compares two lists of texts: the same text is kept, a text much like a removed one is
/// reworded (shown as a word diff), the rest added or removed.
fn items(what: &'static str, old: &[String], new: &[String]) -> Vec<ItemChange> {
    let (_, mut old_left, new_left) = pair(old, new, |a, b| a == b);
    let mut changes = Vec::new();
    for j in new_left {
        let best = old_left
            .iter()
            .enumerate()
            .map(|(at, &i)| (at, TextDiff::from_words(old[i].as_str(), new[j].as_str()).ratio()))
            .filter(|(_, ratio)| *ratio >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((at, _)) => {
                let i = old_left.remove(at);
                changes.push(ItemChange {
                    what,
                    kind: ChangeKind::Changed,
                    words: word_diff(&old[i], &new[j]),
                });
            }
            None => changes.push(ItemChange { what, kind: ChangeKind::Added, words: plain(&new[j]) }),
        }
    }
    for i in old_left {
        changes.push(ItemChange { what, kind: ChangeKind::Removed, words: plain(&old[i]) });
    }
    changes
}

fn plain(text: &str) -> Vec<Words> {
    vec![Words { kind: None, text: text.to_owned() }]
}

/// A section flattened: its heading path and its text (the Markdown of `text` and of `text`
/// blocks, with line breaks as spaces so that reflowing a paragraph is no change).
struct Flat {
    path: Vec<String>,
    text: String,
}

fn flatten(sections: &[Section], parents: &[String], computed: &compute::Computed, out: &mut Vec<Flat>) {
    for section in sections {
        let mut path = parents.to_vec();
        path.push(section.heading.value.clone());
        let mut parts: Vec<&str> = section.text.iter().map(|t| t.value.as_str()).collect();
        for block in &section.blocks {
            if let Block::Text(text) = &block.value {
                parts.push(&text.value);
            }
        }
        let joined = parts.join("\n\n");
        // A reference the plan cannot fill is shown as written.
        let filled = crate::render::figures::substitute(&joined, &computed.figures)
            .map(|t| t.into_owned())
            .unwrap_or(joined);
        let text = filled.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(Flat { path: path.clone(), text });
        flatten(&section.sections, &path, computed, out);
    }
}

fn sections(
    (old, old_computed): (&Plan, &compute::Computed),
    (new, new_computed): (&Plan, &compute::Computed),
) -> Vec<SectionChange> {
    let (mut o, mut n) = (Vec::new(), Vec::new());
    flatten(&old.sections, &[], old_computed, &mut o);
    flatten(&new.sections, &[], new_computed, &mut n);
    let (mut pairs, old_left, new_left) = pair(&o, &n, |a, b| a.path == b.path);
    // A section left over under the same parent whose text is much the same was renamed.
    let mut removed = Vec::new();
    let mut added: Vec<usize> = new_left.clone();
    for &i in &old_left {
        let parent = &o[i].path[..o[i].path.len() - 1];
        let renamed = added.iter().position(|&j| {
            &n[j].path[..n[j].path.len() - 1] == parent
                && (o[i].text == n[j].text
                    || TextDiff::from_words(o[i].text.as_str(), n[j].text.as_str()).ratio() >= 0.6)
        });
        match renamed {
            Some(at) => pairs.push((i, added.remove(at))),
            None => removed.push(i),
        }
    }
    pairs.sort_by_key(|p| p.1);
    let mut changes = Vec::new();
    for (i, j) in pairs {
        let (a, b) = (&o[i], &n[j]);
        let renamed = (a.path != b.path).then(|| a.path.last().cloned().unwrap_or_default());
        let words = if a.text == b.text { Vec::new() } else { word_diff(&a.text, &b.text) };
        if renamed.is_some() || !words.is_empty() {
            changes.push(SectionChange {
                path: b.path.clone(),
                kind: ChangeKind::Changed,
                renamed_from: renamed,
                words,
            });
        }
    }
    for j in added {
        changes.push(SectionChange {
            path: n[j].path.clone(),
            kind: ChangeKind::Added,
            renamed_from: None,
            words: Vec::new(),
        });
    }
    for i in removed {
        changes.push(SectionChange {
            path: o[i].path.clone(),
            kind: ChangeKind::Removed,
            renamed_from: None,
            words: Vec::new(),
        });
    }
    changes
}

/// A word-level diff of two texts, as runs of kept, deleted and inserted words.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::from_words(old, new);
    let mut runs: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => None,
            ChangeTag::Delete => Some(ChangeKind::Removed),
            ChangeTag::Insert => Some(ChangeKind::Added),
        };
        let text = change.value();
        // Spaces between two changed words belong to the change, so a replaced phrase reads
        // as one deletion and one insertion.
        match runs.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => runs.push(Words { kind, text: text.to_owned() }),
        }
    }
    merge_spaces(runs)
}

/// Folds whitespace-only kept runs between two changes into the changes, and orders each
/// change as deletion before insertion.
fn merge_spaces(runs: Vec<Words>) -> Vec<Words> {
    let mut out: Vec<Words> = Vec::new();
    let mut pending_removed = String::new();
    let mut pending_added = String::new();
    let flush = |out: &mut Vec<Words>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Words { kind: Some(ChangeKind::Removed), text: std::mem::take(removed) });
        }
        if !added.is_empty() {
            out.push(Words { kind: Some(ChangeKind::Added), text: std::mem::take(added) });
        }
    };
    let mut iter = runs.into_iter().peekable();
    while let Some(run) = iter.next() {
        match run.kind {
            Some(ChangeKind::Removed) => pending_removed.push_str(&run.text),
            Some(_) => pending_added.push_str(&run.text),
            None => {
                let between = run.text.trim().is_empty()
                    && (!pending_removed.is_empty() || !pending_added.is_empty())
                    && iter.peek().is_some_and(|next| next.kind.is_some());
                if between {
                    if !pending_removed.is_empty() {
                        pending_removed.push_str(&run.text);
                    }
                    if !pending_added.is_empty() {
                        pending_added.push_str(&run.text);
                    }
                } else {
                    flush(&mut out, &mut pending_removed, &mut pending_added);
                    out.push(run);
                }
            }
        }
    }
    flush(&mut out, &mut pending_removed, &mut pending_added);
    out
}

/// How the text output marks changes: colours on a terminal, `[-…-]` and `{+…+}` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours: red for what went, green for what came.
    Colour,
    /// git's word-diff markers.
    Plain,
}

impl Style {
    fn removed(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[31m{text}\x1b[0m"),
            Self::Plain => format!("[-{text}-]"),
        }
    }

    fn added(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[32m{text}\x1b[0m"),
            Self::Plain => format!("{{+{text}+}}"),
        }
    }

    fn heading(self, text: &str) -> String {
        match self {
            Self::Colour => format!("\x1b[1m{text}\x1b[0m"),
            Self::Plain => text.to_owned(),
        }
    }
}

/// Words of context kept on each side of a change in a long text.
const CONTEXT_WORDS: usize = 8;

/// A word diff ready to show: long unchanged stretches shortened to "…", each change
/// trimmed, and the spaces around changes as unchanged runs of their own.
pub fn segments(words: &[Words]) -> Vec<Words> {
    let mut out: Vec<Words> = Vec::new();
    let space = |out: &mut Vec<Words>| {
        if !out.last().is_some_and(|w| w.kind.is_none() && w.text.ends_with(' ')) && !out.is_empty() {
            out.push(Words { kind: None, text: " ".to_owned() });
        }
    };
    for (i, run) in words.iter().enumerate() {
        let lead = run.text.starts_with(char::is_whitespace);
        let trail = run.text.ends_with(char::is_whitespace);
        let tokens: Vec<&str> = run.text.split_whitespace().collect();
        if tokens.is_empty() {
            space(&mut out);
            continue;
        }
        if lead {
            space(&mut out);
        }
        let text = match run.kind {
            Some(_) => tokens.join(" "),
            None => {
                let before = if i == 0 { 0 } else { CONTEXT_WORDS };
                let after = if i + 1 == words.len() { 0 } else { CONTEXT_WORDS };
                if tokens.len() > before + after + 1 {
                    let mut kept: Vec<&str> = tokens[..before].to_vec();
                    kept.push("…");
                    kept.extend(&tokens[tokens.len() - after..]);
                    kept.join(" ")
                } else {
                    tokens.join(" ")
                }
            }
        };
        out.push(Words { kind: run.kind, text });
        if trail {
            space(&mut out);
        }
    }
    while out.last().is_some_and(|w| w.kind.is_none() && w.text.trim().is_empty()) {
        out.pop();
    }
    out
}

/// A word diff as one line of text.
fn words_text(words: &[Words], style: Style) -> String {
    segments(words)
        .iter()
        .map(|w| match w.kind {
            Some(ChangeKind::Removed) => style.removed(&w.text),
            Some(_) => style.added(&w.text),
            None => w.text.clone(),
        })
        .collect()
}

/// An amount, or "–" for a blank cell.
fn amount(value: Option<rust_decimal::Decimal>) -> String {
    value.map(swedish::amount).unwrap_or_else(|| "–".to_owned())
}

fn year_change(change: &YearChange) -> String {
    let mut text = format!("{}: {} → {}", change.year, amount(change.old), amount(change.new));
    if let Some(difference) = change.difference {
        let _ = write!(text, " ({})", swedish::signed_amount(difference));
    }
    text
}

/// The comparison as Swedish text for a terminal or a file.
pub fn text(changes: &Changes, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.heading(&format!("Förändringar från {} till {}", changes.old_name, changes.new_name))
    );
    if changes.is_empty() {
        let _ = writeln!(out, "\nInga förändringar: planerna är lika i allt som vplan jämför.");
        return out;
    }
    if !changes.fields.is_empty() || !changes.members.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Dokumentet"));
        for field in &changes.fields {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                field.field,
                field.old.as_deref().map(|o| style.removed(o)).unwrap_or_else(|| "(saknades)".into()),
                field.new.as_deref().map(|n| style.added(n)).unwrap_or_else(|| "(borttaget)".into()),
            );
        }
        for (kind, name) in &changes.members {
            let _ = match kind {
                ChangeKind::Added => writeln!(out, "  ny medlem: {}", style.added(name)),
                _ => writeln!(out, "  medlem som inte längre är med: {}", style.removed(name)),
            };
        }
    }
    match changes.budget_presence {
        Some(ChangeKind::Added) => {
            let _ = writeln!(out, "\n{}\n  budgeten är ny i {}", style.heading("Budget"), changes.new_name);
        }
        Some(_) => {
            let _ = writeln!(out, "\n{}\n  budgeten finns inte längre", style.heading("Budget"));
        }
        None => {}
    }
    if let Some(budget) = &changes.budget {
        budget_text(&mut out, budget, style);
    }
    if !changes.goal_areas.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Målområden och insatser"));
        for area in &changes.goal_areas {
            match area.kind {
                ChangeKind::Added => {
                    let _ = writeln!(out, "  nytt målområde: {}", style.added(&area.heading));
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  borttaget målområde: {}", style.removed(&area.heading));
                }
                ChangeKind::Changed => {
                    match &area.renamed_from {
                        Some(old) => {
                            let _ = writeln!(
                                out,
                                "  målområde med ny rubrik: {} → {}",
                                style.removed(old),
                                style.added(&area.heading)
                            );
                        }
                        None => {
                            let _ = writeln!(out, "  {}", area.heading);
                        }
                    }
                    for item in &area.items {
                        let what = match item.kind {
                            ChangeKind::Added => format!("ny {}", item.what),
                            ChangeKind::Removed => format!("borttagen {}", item.what),
                            ChangeKind::Changed => format!("omformulerad {}", item.what),
                        };
                        let words = match item.kind {
                            ChangeKind::Added => style.added(&item.words[0].text),
                            ChangeKind::Removed => style.removed(&item.words[0].text),
                            ChangeKind::Changed => words_text(&item.words, style),
                        };
                        let _ = writeln!(out, "    {what}: {words}");
                    }
                }
            }
        }
    }
    if !changes.sections.is_empty() {
        let _ = writeln!(out, "\n{}", style.heading("Avsnitt"));
        for section in &changes.sections {
            let path = section.path.join(" › ");
            match section.kind {
                ChangeKind::Added => {
                    let _ = writeln!(out, "  nytt avsnitt: {}", style.added(&path));
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  borttaget avsnitt: {}", style.removed(&path));
                }
                ChangeKind::Changed => {
                    if let Some(old) = &section.renamed_from {
                        let _ = writeln!(
                            out,
                            "  ny rubrik: {} → {}",
                            style.removed(old),
                            style.added(section.path.last().map(String::as_str).unwrap_or(""))
                        );
                    }
                    if !section.words.is_empty() {
                        let _ = writeln!(out, "  ändrad text i {path}:");
                        let _ = writeln!(out, "    {}", words_text(&section.words, style));
                    }
                }
            }
        }
    }
    out
}

fn budget_text(out: &mut String, budget: &BudgetChanges, style: Style) {
    let unit = budget.unit.label();
    let changed_totals = budget.totals.iter().any(|t| t.change.old != t.change.new);
    if budget.added_years.is_empty()
        && budget.removed_years.is_empty()
        && budget.lines.is_empty()
        && !changed_totals
    {
        return;
    }
    let _ = writeln!(out, "\n{}", style.heading(&format!("Budget (belopp i {unit})")));
    let years = |years: &[i32]| years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    if !budget.added_years.is_empty() {
        let _ = writeln!(out, "  nya år: {}", style.added(&years(&budget.added_years)));
    }
    if !budget.removed_years.is_empty() {
        let _ =
            writeln!(out, "  år som inte längre är med: {}", style.removed(&years(&budget.removed_years)));
    }
    for line in &budget.lines {
        let path = line.path.join(" › ");
        let amounts = |line: &compute::LineChange, pick: fn(&YearChange) -> Option<rust_decimal::Decimal>| {
            line.years
                .iter()
                .map(|y| format!("{}: {}", y.year, amount(pick(y))))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = match line.kind {
            ChangeKind::Added => {
                writeln!(out, "  ny rad: {} ({})", style.added(&path), amounts(line, |y| y.new))
            }
            ChangeKind::Removed => {
                writeln!(out, "  borttagen rad: {} ({})", style.removed(&path), amounts(line, |y| y.old))
            }
            ChangeKind::Changed => {
                let _ = writeln!(out, "  ändrad rad: {path}");
                for year in &line.years {
                    let _ = writeln!(out, "    {}", year_change(year));
                }
                Ok(())
            }
        };
    }
    if !budget.totals.is_empty() {
        let _ = writeln!(out, "  summor (beräknade):");
        for total in &budget.totals {
            let same = total.change.old == total.change.new;
            let _ = writeln!(
                out,
                "    {} {}",
                total.label,
                if same {
                    format!("{}: {} (oförändrat)", total.change.year, amount(total.change.new))
                } else {
                    year_change(&total.change)
                }
            );
        }
    }
}

/// A plan as plain text with its computed figures, one fact per line, for `git diff` (the
/// textconv driver): a changed amount, total or sentence shows as a changed line.
pub fn plan_text(plan: &Plan, computed: &compute::Computed) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} – {}", plan.document.title, plan.document.year.value, plan.association.name);
    for (key, value) in facts(plan) {
        if let Some(value) = value {
            let _ = writeln!(out, "{key}: {value}");
        }
    }
    for member in &plan.association.members.value {
        let _ = writeln!(out, "medlem: {}", member.name);
    }
    let mut flat = Vec::new();
    flatten(&plan.sections, &[], computed, &mut flat);
    for section in &flat {
        let _ = writeln!(out, "\n§ {}", section.path.join(" › "));
        for sentence in sentences(&section.text) {
            let _ = writeln!(out, "  {sentence}");
        }
    }
    for area in &plan.goal_areas {
        let _ = writeln!(out, "\nmålområde: {}", area.heading.value);
        for action in &area.actions {
            let _ = writeln!(out, "  insats: {}", action.value.text);
        }
        for target in &area.targets {
            let _ = writeln!(out, "  verksamhetsmål: {}: {}", target.goal, target.value);
        }
    }
    if let Some(budget) = &computed.budget {
        let _ = writeln!(out, "\nbudget (belopp i {})", budget.unit.label());
        for row in budget.rows.iter().filter(|r| r.kind != compute::RowKind::Heading) {
            let path = row.path.join(" › ");
            for (year, cell) in budget.years.iter().zip(&row.cells) {
                if let Some(cell) = cell {
                    let _ = writeln!(
                        out,
                        "  {path} {year}: {}",
                        swedish::amount(cell.value).replace(swedish::NBSP, " ")
                    );
                }
            }
        }
    }
    if let Some(table) = &computed.contributions {
        let _ = writeln!(out, "\nmedlemsbidrag {}", table.year);
        for row in &table.rows {
            let _ = writeln!(
                out,
                "  {}: {} kr",
                row.name,
                swedish::amount(row.amount).replace(swedish::NBSP, " ")
            );
        }
    }
    out
}

/// A text split after each sentence, so that one changed sentence is one changed line.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let next_starts_sentence = words.get(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase));
        if word.ends_with(['.', '!', '?', ':']) && next_starts_sentence {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_groups_a_replaced_phrase() {
        let words = word_diff("insatser under året för unga", "insatser under hela året för vuxna");
        let plain = words_text(&words, Style::Plain);
        assert_eq!(plain, "insatser under {+hela+} året för [-unga-]{+vuxna+}");
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let old = (1..=40).map(|i| format!("ord{i}")).collect::<Vec<_>>().join(" ");
        let new = old.replace("ord20", "nytt");
        let plain = words_text(&word_diff(&old, &new), Style::Plain);
        assert!(plain.starts_with("… ord12"), "{plain}");
        assert!(plain.contains("[-ord20-]{+nytt+}"), "{plain}");
        assert!(plain.ends_with("ord28 …"), "{plain}");
    }
}
