//! The documentation checks itself: every relative link and `#anchor` in README.md and
//! docs/*.md leads somewhere, every key the parser accepts is named in docs/format.md, and the
//! README stays a short guide for users.
//!
//! Anchors follow GitHub's rule for heading ids, since that is where the files are read:
//! lowercase, a space becomes `-`, punctuation other than `-` and `_` is dropped, letters
//! (å, ä, ö included) and digits stay, and a repeated heading gets `-1`, `-2`, ….

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::support::root;

/// The README is the user's first page; the reference lives in docs/. This guards against
/// the README growing back to the 2 464 lines it once had.
const README_MAX_LINES: usize = 450;

/// The Markdown files whose links are checked: README.md and every file in docs/.
fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    assert!(!docs.is_empty(), "docs/ has no .md files");
    files.extend(docs);
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// GitHub's id for a heading's text.
fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lines of a Markdown text outside fenced code blocks, with their 1-based numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    // The opening fence (its character and length) while inside a code block.
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match fence {
            Some((m, n)) => {
                // A closing fence is at least as long as the opening one and has nothing after it.
                if marker == Some(m) && run >= n && trimmed.trim_end().chars().all(|c| c == m) {
                    fence = None;
                }
            }
            None if run >= 3 => fence = marker.map(|m| (m, run)),
            None => lines.push((index + 1, line)),
        }
    }
    lines
}

/// The ids of every heading in a Markdown text, duplicates numbered as GitHub numbers them.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ids = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        let Some(rest) = line.get(hashes..).and_then(|r| r.strip_prefix(' ')) else { continue };
        if hashes == 0 || hashes > 6 {
            continue;
        }
        let base = slug(rest.trim().trim_end_matches('#').trim());
        let count = seen.entry(base.clone()).or_insert(0);
        ids.insert(if *count == 0 { base.clone() } else { format!("{base}-{count}") });
        *count += 1;
    }
    ids
}

/// A line with its inline code spans (`…`, ``…``) blanked out, so that Markdown shown as an
/// example is not taken for a link.
fn without_code_spans(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|c| **c == '`').count();
        // Find a closing run of exactly the same length.
        let mut j = i + run;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let r = chars[j..].iter().take_while(|c| **c == '`').count();
                if r == run {
                    close = Some(j);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match close {
            Some(j) => {
                out.push_str(" code ");
                i = j + run;
            }
            None => {
                out.extend(&chars[i..i + run]);
                i += run;
            }
        }
    }
    out
}

/// The targets of the inline links `[text](target)` in a Markdown text, with line numbers,
/// outside code blocks and code spans.
fn links(text: &str) -> Vec<(usize, String)> {
    let pattern = regex::Regex::new(r"\]\(([^()\s]+)\)").expect("valid regex");
    let mut found = Vec::new();
    for (number, line) in prose_lines(text) {
        let line = without_code_spans(line);
        for capture in pattern.captures_iter(&line) {
            found.push((number, capture[1].to_string()));
        }
    }
    found
}

/// Why a link target does not resolve, or `None` when it does. Links with a scheme
/// (`https:`, `mailto:`) are outside this test.
fn broken(from: &Path, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let file = if path.is_empty() {
        from.to_path_buf()
    } else {
        from.parent().expect("a file has a folder").join(path)
    };
    if !file.exists() {
        return Some(format!("the file {path} does not exist"));
    }
    let anchor = anchor?;
    if file.extension().is_none_or(|e| e != "md") {
        return Some(format!("#{anchor} points into {path}, which is not Markdown"));
    }
    let ids = anchors(&read(&file));
    let name = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
    (!ids.contains(anchor)).then(|| format!("{name} has no heading with the id #{anchor}"))
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        for (line, target) in links(&read(&file)) {
            checked += 1;
            if let Some(why) = broken(&file, &target) {
                let name = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
                problems.push(format!("{name}:{line}: ({target}): {why}"));
            }
        }
    }
    assert!(checked > 20, "only {checked} links found; is the link pattern right?");
    assert!(problems.is_empty(), "links that do not resolve:\n{}", problems.join("\n"));
}

/// Every key named in the `properties` of a JSON Schema, at any depth: the plan's own keys
/// and, through `definitions`, the keys of everything a `$ref` points at.
fn schema_keys(schema: &serde_json::Value, keys: &mut BTreeSet<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                keys.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| schema_keys(v, keys));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| schema_keys(v, keys)),
        _ => {}
    }
}

/// The keys that a reference text does not name as `` `key` ``.
fn unnamed_keys<'k>(keys: &'k BTreeSet<String>, reference: &str) -> Vec<&'k str> {
    keys.iter().map(String::as_str).filter(|key| !reference.contains(&format!("`{key}`"))).collect()
}

#[test]
fn every_key_the_parser_accepts_is_named_in_the_format_reference() {
    let schema: serde_json::Value = serde_json::from_str(&vplan::schema::text()).expect("the schema is JSON");
    let mut keys = BTreeSet::new();
    schema_keys(&schema, &mut keys);
    // The plan's top-level keys and a few from deep inside, so a walk that stopped early fails.
    for key in ["förbund", "dokument", "budget", "summering", "värde", "status", "logotyp_höjd"] {
        assert!(keys.contains(key), "the schema walk did not find `{key}`; found {keys:?}");
    }
    let reference = read(&root().join("docs/format.md"));
    let missing = unnamed_keys(&keys, &reference);
    assert!(
        missing.is_empty(),
        "docs/format.md does not name these keys (write each as `key`): {}",
        missing.join(", ")
    );
}

#[test]
fn the_readme_stays_short() {
    let lines = read(&root().join("README.md")).lines().count();
    assert!(
        lines <= README_MAX_LINES,
        "README.md has {lines} lines, more than {README_MAX_LINES}; move reference material to docs/"
    );
}

/// The command lines in the `sh` code blocks of a Markdown text, trimmed.
fn shell_commands(text: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            inside = !inside && trimmed == "```sh";
        } else if inside && !trimmed.is_empty() && !trimmed.starts_with('#') {
            commands.push(trimmed.to_string());
        }
    }
    commands
}

/// The README promises two commands on a fresh machine: one builds an example plan, one runs
/// the tests. The test command must be the one CI runs last, and the plan must exist.
#[test]
fn the_readmes_two_commands_stay_true() {
    let commands = shell_commands(&read(&root().join("README.md")));
    let ci = read(&root().join(".ci/run"));
    let ci_test = ci
        .lines()
        .map(str::trim)
        .rfind(|line| !line.is_empty() && !line.starts_with('#'))
        .expect(".ci/run has a command");
    assert!(
        commands.iter().any(|c| c == ci_test),
        "the README's commands {commands:?} do not include `{ci_test}`, the command .ci/run ends with"
    );
    let build = commands
        .iter()
        .find(|c| c.starts_with("cargo run --release -- build "))
        .expect("the README shows `cargo run --release -- build PLAN.yaml`");
    let plan = build.rsplit(' ').next().expect("the command names a plan");
    assert!(root().join(plan).is_file(), "the README builds {plan}, which does not exist");
}

#[test]
fn slugs_follow_githubs_rules_for_swedish_headings() {
    assert_eq!(slug("Tal i texten"), "tal-i-texten");
    assert_eq!(slug("Tillgänglighet och arkivering"), "tillgänglighet-och-arkivering");
    assert_eq!(slug("`eget_kapital_historik`"), "eget_kapital_historik");
    assert_eq!(slug("`vplan ny`: nästa års plan"), "vplan-ny-nästa-års-plan");
    assert_eq!(slug("Block i `innehåll`"), "block-i-innehåll");
    assert_eq!(slug("Så börjar ett nytt förbund"), "så-börjar-ett-nytt-förbund");
    assert_eq!(slug("Kostnader › Kansli"), "kostnader--kansli");
    assert_eq!(slug("Från 2026 till 2027 (ÅR + 1)"), "från-2026-till-2027-år--1");
}

#[test]
fn repeated_headings_get_numbered_ids_and_code_blocks_have_no_headings() {
    let text = "# Exempel\n\n## Exempel\n\n```sh\n# en kommentar\n```\n\n### Exempel\n";
    let ids = anchors(text);
    let expected: BTreeSet<String> = ["exempel", "exempel-1", "exempel-2"].map(String::from).into();
    assert_eq!(ids, expected);
}

#[test]
fn links_in_code_are_not_links() {
    let text =
        "Se [formatet](docs/format.md#tal-i-texten) och `[x](fil.pdf)`.\n\n```md\n[y](saknas.md)\n```\n";
    assert_eq!(links(text), vec![(1, "docs/format.md#tal-i-texten".to_string())]);
}

#[test]
fn a_dropped_key_or_a_wrong_anchor_is_found() {
    let keys: BTreeSet<String> = ["mål", "målvärde"].map(String::from).into();
    // `målvärde` names only `målvärde`, not `mål`; a key inside a path is not named.
    assert_eq!(unnamed_keys(&keys, "| `målvärde` | text |"), vec!["mål"]);
    assert_eq!(unnamed_keys(&keys, "| `verksamhetsmål[].mål` |"), vec!["mål", "målvärde"]);
    assert!(unnamed_keys(&keys, "`mål` och `målvärde`").is_empty());

    let readme = root().join("README.md");
    assert!(broken(&readme, "docs/format.md#tal-i-texten").is_none());
    assert!(broken(&readme, "docs/format.md#finns-inte").is_some());
    assert!(broken(&readme, "docs/finns-inte.md").is_some());
    assert!(broken(&readme, "https://typst.app/docs/").is_none());
}
