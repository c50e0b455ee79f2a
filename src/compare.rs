//! `vplan diff`: what changed from one plan to another.
//!
//! In: two checked plans, the older and the newer. Out: [`Changes`] — metadata, members,
//! budget (from [`compute::compare`], where the arithmetic is), the eget kapital history,
//! målområden and insatser, and sections whose text, tables or images changed, with a
//! word-level diff of the text as it reads (Markdown's markup removed) — each named in words
//! a styrelse member understands ("Undertiteln", not `dokument.undertitel`).
//! The same [`Changes`] becomes the PDF appendix through `documents::changes`. The word-level
//! diff itself is in `words.rs`.

mod words;

use similar::TextDiff;

use crate::compute::{self, BudgetChanges, ChangeKind};
use crate::plan::{Block, GoalArea, Plan, Section};
use crate::render::markdown;

pub use self::words::{segments, word_diff};

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
    /// The member contribution tables that changed.
    pub contributions: Vec<compute::ContributionChanges>,
    /// The years of the eget kapital history that changed.
    pub history: Vec<compute::HistoryChange>,
}

/// A document fact before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The key as the plan writes it, e.g. `dokument.datum`.
    pub field: String,
    /// What it is, in words: "Undertiteln", "Datumet".
    pub label: &'static str,
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

/// An insats, verksamhetsmål, table row or image that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// "insats", "verksamhetsmål", "tabellrad" or "bild".
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
    /// Its table rows and images that changed.
    pub items: Vec<ItemChange>,
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
            && self.contributions.is_empty()
            && self.history.is_empty()
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
        old_year: old.year(),
        new_year: new.year(),
        fields: fields(old, new),
        members: members(old, new),
        budget: compute::compare(old, new),
        budget_presence,
        goal_areas: goal_areas(&old.goal_areas, &new.goal_areas),
        sections: sections((old, old_computed), (new, new_computed)),
        contributions: compute::compare_contributions(
            &old_computed.contributions,
            &new_computed.contributions,
        ),
        history: compute::compare_history(old_computed.history.as_ref(), new_computed.history.as_ref()),
    }
}

impl Changes {
    /// The same changes with the style markers of Markdown's strong and emphasised words
    /// removed, for output that shows plain text (a terminal).
    pub fn unmarked(&self) -> Self {
        let words = |w: &[Words]| -> Vec<Words> {
            w.iter().map(|w| Words { kind: w.kind, text: markdown::unmark(&w.text) }).collect()
        };
        let items = |items: &[ItemChange]| -> Vec<ItemChange> {
            items.iter().map(|i| ItemChange { what: i.what, kind: i.kind, words: words(&i.words) }).collect()
        };
        let mut out = self.clone();
        for area in &mut out.goal_areas {
            area.items = items(&area.items);
        }
        for section in &mut out.sections {
            section.words = words(&section.words);
            section.items = items(&section.items);
        }
        out
    }
}

/// The document facts `diff` and `text` show, by key.
pub(crate) fn facts(p: &Plan) -> Vec<(&'static str, Option<String>)> {
    let a = &p.association;
    let d = &p.document;
    vec![
        ("förbund.namn", Some(a.name.clone())),
        ("förbund.kortnamn", a.short_name.clone()),
        ("dokument.titel", Some(d.title.clone())),
        ("dokument.slogan", d.slogan.clone()),
        ("dokument.undertitel", d.subtitle.clone()),
        ("dokument.år", Some(d.year.value.to_string())),
        ("dokument.datum", Some(d.date.value.clone())),
        ("dokument.ansvarig", d.responsible.clone()),
        ("dokument.diarienummer", d.registry_number.as_ref().map(|r| r.value.clone())),
        ("dokument.beslut", d.decision.as_ref().map(|r| r.value.clone())),
        ("dokument.motto", d.motto.clone()),
        ("dokument.ingress", d.preamble.as_ref().map(|t| markdown::plain(&t.value))),
        ("föregående", p.predecessor.as_ref().map(|f| f.value.clone())),
    ]
}

/// Marked text (see [`Flat::text`]) without its style markers, for plain output.
pub fn unmark(text: &str) -> String {
    markdown::unmark(text)
}

/// What a fact of [`facts`] is, in the words of a styrelse member rather than its key.
pub fn fact_label(key: &str) -> &'static str {
    match key {
        "förbund.namn" => "Förbundets namn",
        "förbund.kortnamn" => "Förbundets korta namn",
        "dokument.titel" => "Titeln",
        "dokument.slogan" => "Sloganen",
        "dokument.undertitel" => "Undertiteln",
        "dokument.år" => "Året",
        "dokument.datum" => "Datumet",
        "dokument.ansvarig" => "Ansvarig",
        "dokument.diarienummer" => "Diarienumret",
        "dokument.beslut" => "Beslutet",
        "dokument.motto" => "Mottot",
        "dokument.ingress" => "Ingressen",
        "föregående" => "Föregående plan",
        _ => "Uppgiften",
    }
}

fn fields(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    facts(old)
        .into_iter()
        .zip(facts(new))
        .filter(|((_, o), (_, n))| o != n)
        .map(|((field, old), (_, new))| FieldChange {
            field: field.to_owned(),
            label: fact_label(field),
            old,
            new,
        })
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
            &a.actions.iter().map(|x| markdown::marked(&x.value.text)).collect::<Vec<_>>(),
            &b.actions.iter().map(|x| markdown::marked(&x.value.text)).collect::<Vec<_>>(),
        );
        let goal = |t: &crate::plan::Target| {
            format!("{}: {}", markdown::marked(&t.goal), markdown::marked(&t.value))
        };
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
pub(crate) struct Flat {
    /// Its heading and its parents' headings, outermost first.
    pub path: Vec<String>,
    /// Its text as it reads, figures filled in, strong and emphasised words marked (see
    /// [`markdown::marked`]).
    pub text: String,
    /// Its tables' rows as they read, cells apart by " | ", the heading row first.
    pub rows: Vec<String>,
    /// Its images: alt text and file.
    pub images: Vec<(String, String)>,
}

/// Every section of `sections`, depth first, flattened.
pub(crate) fn flatten(
    sections: &[Section],
    parents: &[String],
    computed: &compute::Computed,
    out: &mut Vec<Flat>,
) {
    for section in sections {
        let mut path = parents.to_vec();
        path.push(section.heading.value.clone());
        let mut parts: Vec<&str> = section.text.iter().map(|t| t.value.as_str()).collect();
        let (mut rows, mut images) = (Vec::new(), Vec::new());
        for block in &section.blocks {
            match &block.value {
                Block::Text(text) => parts.push(&text.value),
                Block::Table(table) => {
                    rows.push(
                        table
                            .columns
                            .iter()
                            .map(|c| markdown::marked(&c.heading))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                    rows.extend(table.rows.iter().map(|row| {
                        row.value
                            .iter()
                            .map(|cell| markdown::marked(&cell.value))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    }));
                }
                Block::Image(image) => images.push((image.alt.value.clone(), image.file.value.clone())),
                _ => {}
            }
        }
        let joined = parts.join("\n\n");
        // A reference the plan cannot fill is shown as written.
        let filled = crate::render::figures::substitute(&joined, &computed.figures)
            .map(|filled| filled.text.into_owned())
            .unwrap_or(joined);
        let text = markdown::marked(&filled);
        out.push(Flat { path: path.clone(), text, rows, images });
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
        let mut items = items("tabellrad", &a.rows, &b.rows);
        items.extend(images(&a.images, &b.images));
        if renamed.is_some() || !words.is_empty() || !items.is_empty() {
            changes.push(SectionChange {
                path: b.path.clone(),
                kind: ChangeKind::Changed,
                renamed_from: renamed,
                words,
                items,
            });
        }
    }
    for j in added {
        changes.push(SectionChange {
            path: n[j].path.clone(),
            kind: ChangeKind::Added,
            renamed_from: None,
            words: Vec::new(),
            items: Vec::new(),
        });
    }
    for i in removed {
        changes.push(SectionChange {
            path: o[i].path.clone(),
            kind: ChangeKind::Removed,
            renamed_from: None,
            words: Vec::new(),
            items: Vec::new(),
        });
    }
    changes
}

/// Compares a section's images by their alt text and file: the same file with another alt
/// text is reworded, the same alt text with another file has a new picture; the file's name
/// itself is not shown, since it means nothing to a reader of the plan.
fn images(old: &[(String, String)], new: &[(String, String)]) -> Vec<ItemChange> {
    let quoted = |alt: &str| format!("”{alt}”");
    let (_, old_left, new_left) = pair(old, new, |a, b| a == b);
    let mut old_left: Vec<usize> = old_left;
    let mut changes = Vec::new();
    for j in new_left {
        let (alt, file) = &new[j];
        if let Some(at) = old_left.iter().position(|&i| old[i].1 == *file) {
            let i = old_left.remove(at);
            changes.push(ItemChange {
                what: "bild",
                kind: ChangeKind::Changed,
                words: word_diff(&quoted(&old[i].0), &quoted(alt)),
            });
        } else if let Some(at) = old_left.iter().position(|&i| old[i].0 == *alt) {
            old_left.remove(at);
            changes.push(ItemChange {
                what: "bild",
                kind: ChangeKind::Changed,
                words: vec![
                    Words { kind: None, text: format!("{} ", quoted(alt)) },
                    Words { kind: Some(ChangeKind::Added), text: "(ny bildfil)".to_owned() },
                ],
            });
        } else {
            changes.push(ItemChange { what: "bild", kind: ChangeKind::Added, words: plain(&quoted(alt)) });
        }
    }
    for i in old_left {
        changes.push(ItemChange {
            what: "bild",
            kind: ChangeKind::Removed,
            words: plain(&quoted(&old[i].0)),
        });
    }
    changes
}
