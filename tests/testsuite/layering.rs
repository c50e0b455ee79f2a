//! The module layering: every `crate::` path in src/ is an arrow from one top-level module to
//! another; each arrow must be one that docs/arkitektur.md allows, and the arrows must have no
//! cycle. A stage that reaches for a later stage, or a leaf that grows a dependency, fails
//! here with the arrow named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::root;

/// Module → the modules it uses, as the code has them.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level modules each file of src/ uses through `crate::…` (tests excluded).
fn arrows_in_code() -> Graph {
    let mut graph = Graph::new();
    let src = root().join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let module = module.trim_end_matches(".rs").to_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let used = graph.entry(module.clone()).or_default();
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or_default();
            for target in crate_paths(line) {
                if target != module {
                    used.insert(target);
                }
            }
        }
    }
    graph
}

/// The top-level module names a line reaches through `crate::name` or `crate::{a, b::c}`.
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Names at the top level of the group: `{a, b::{c, d}, e}` gives a, b, e.
            let mut depth = 0;
            let mut name = String::new();
            let mut expecting = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            out.push(std::mem::take(&mut name));
                        }
                        expecting = true;
                    }
                    c if depth == 0 && expecting && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if !name.is_empty() => {
                        out.push(std::mem::take(&mut name));
                        expecting = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                out.push(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out.retain(|n| n != "self" && !n.is_empty());
    out
}

fn collect(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The arrows docs/arkitektur.md allows: the text block that begins with
/// `# tillåtna beroenden`, one line per module, `modul: a, b, c`.
fn arrows_allowed() -> Graph {
    let doc = std::fs::read_to_string(root().join("docs/arkitektur.md")).unwrap();
    let block = doc
        .split("```")
        .find(|block| block.trim_start_matches("text").trim_start().starts_with("# tillåtna beroenden"))
        .expect("docs/arkitektur.md has a block that begins with `# tillåtna beroenden`");
    let mut graph = Graph::new();
    for line in block.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
        let Some((module, targets)) = line.split_once(':') else { continue };
        let targets = targets.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty() && t != "–");
        graph.entry(module.trim().to_owned()).or_default().extend(targets);
    }
    graph
}

/// A cycle in `graph`, if it has one, as the modules around it.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn every_arrow_between_modules_is_one_the_architecture_allows() {
    let code = arrows_in_code();
    let allowed = arrows_allowed();
    let mut unexpected = Vec::new();
    for (module, targets) in &code {
        let Some(permitted) = allowed.get(module) else {
            unexpected.push(format!("{module} is not in docs/arkitektur.md"));
            continue;
        };
        for target in targets.difference(permitted) {
            unexpected.push(format!("{module} → {target}"));
        }
    }
    assert!(unexpected.is_empty(), "arrows the architecture does not allow:\n{}", unexpected.join("\n"));
    let stale: Vec<&String> = allowed.keys().filter(|m| !code.contains_key(*m)).collect();
    assert!(stale.is_empty(), "docs/arkitektur.md names modules src/ does not have: {stale:?}");
}

#[test]
fn the_modules_have_no_import_cycle() {
    let code = arrows_in_code();
    assert_eq!(cycle(&code), None, "an import cycle");
    // And the architecture itself allows none.
    assert_eq!(cycle(&arrows_allowed()), None, "docs/arkitektur.md allows a cycle");
}

#[test]
fn the_layering_checks_can_fail() {
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("a".into());
    assert!(cycle(&graph).is_some());
    assert_eq!(
        crate_paths("use crate::{files, render::{a, b}, terminal::Stream};"),
        ["files", "render", "terminal"]
    );
    assert_eq!(crate_paths("x = crate::files::io_reason(&e) + crate::swedish::x"), ["files", "swedish"]);
}
