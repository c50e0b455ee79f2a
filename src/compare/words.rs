//! The word-level diff of two texts as they read, for `vplan diff` and its appendix: runs of
//! kept, deleted and inserted words, and the same runs shortened for showing.

use similar::{ChangeTag, TextDiff};

use super::Words;
use crate::compute::ChangeKind;

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
