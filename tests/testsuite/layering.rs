//! The module layering, read with a Rust parser (syn). Every path in src/ that reaches another
//! top-level module is an arrow: `use crate::…` and its groups over any number of lines,
//! `super::super::…`, `self::…`, `crate::x::f()` in an expression, a type or a macro's
//! arguments, `pub(in crate::x)`. Items under `#[cfg(test)]` are left out as a whole (unit tests
//! may reach anywhere); the code after them is read like the rest.
//!
//! docs/arkitektur.md ("Tillåtna pilar") states the rules, and they are read from it:
//! 1. no cycle;
//! 2. no stage uses a later stage — the stage order as the doc writes it, with the exceptions
//!    it names as `a → b`;
//! 3. the leaves use no module but the ones rule 3 names (`error`);
//!
//! and every arrow is one of the block `# tillåtna beroenden`, which names every module.
//! The checker is tried on planted source text: each evasion and each broken rule must fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::{self, Visit};

use crate::support::root;

/// Module → the modules it uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

// ---------------------------------------------------------------------------------------------
// Reading the arrows out of the source

/// The top-level modules a source file uses, given the module path of the file
/// (`src/render/html/mod.rs` is `["render", "html"]`, a crate root is `[]`). The file's own
/// top-level module is among them when it names itself.
fn modules_used(module: &[&str], source: &str) -> BTreeSet<String> {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{module:?} does not parse: {e}"));
    let mut reader = Reader { module: module.iter().map(|m| m.to_string()).collect(), used: BTreeSet::new() };
    reader.visit_file(&file);
    reader.used
}

/// Walks a file's syntax tree, collecting the top-level module of every path that leaves the
/// current module through `crate`, `super` or `self`.
struct Reader {
    /// The module the walk is in, from the crate root.
    module: Vec<String>,
    used: BTreeSet<String>,
}

impl Reader {
    fn path(&mut self, segments: &[String]) {
        if let Some(top) = top_level(&self.module, segments) {
            self.used.insert(top);
        }
    }
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::ExternCrate(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::ForeignMod(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Macro(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::TraitAlias(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Union(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => return visit::visit_item(self, item),
        };
        if !is_test_only(attrs) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let test_only = match item {
            syn::ImplItem::Const(i) => is_test_only(&i.attrs),
            syn::ImplItem::Fn(i) => is_test_only(&i.attrs),
            syn::ImplItem::Type(i) => is_test_only(&i.attrs),
            syn::ImplItem::Macro(i) => is_test_only(&i.attrs),
            _ => false,
        };
        if !test_only {
            visit::visit_impl_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut paths = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut paths);
        for path in paths {
            self.path(&path);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.path(&segments);
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        for path in paths_in_tokens(mac.tokens.clone()) {
            self.path(&path);
        }
    }
}

/// Whether an item is compiled only for tests: `#[cfg(test)]` or `#[cfg(all(test, …))]`.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::List(list) = &attr.meta else { return false };
        if !list.path.is_ident("cfg") {
            return false;
        }
        let condition: String = list.tokens.to_string().chars().filter(|c| !c.is_whitespace()).collect();
        condition == "test"
            || condition
                .strip_prefix("all(")
                .and_then(|c| c.strip_suffix(')'))
                .is_some_and(|c| c.split(',').any(|part| part == "test"))
    })
}

/// Every path a `use` tree names, its groups spread out: `crate::{a, b::{c, d}}` gives
/// `crate::a`, `crate::b::c` and `crate::b::d`.
fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => out.push([prefix.clone(), vec![name.ident.to_string()]].concat()),
        syn::UseTree::Rename(rename) => out.push([prefix.clone(), vec![rename.ident.to_string()]].concat()),
        syn::UseTree::Glob(_) => out.push([prefix.clone(), vec!["*".to_owned()]].concat()),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten(tree, prefix, out);
            }
        }
    }
}

/// The paths that start with `crate`, `$crate`, `super` or `self` in a macro's tokens, which
/// syn leaves unparsed (`format!("{}", crate::swedish::amount(x))`).
fn paths_in_tokens(tokens: TokenStream) -> Vec<Vec<String>> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if let TokenTree::Group(group) = &tokens[at] {
            out.extend(paths_in_tokens(group.stream()));
            at += 1;
            continue;
        }
        let mut path = Vec::new();
        let mut next = at;
        while let Some(TokenTree::Ident(ident)) = tokens.get(next) {
            path.push(ident.to_string());
            let separator = matches!(
                (tokens.get(next + 1), tokens.get(next + 2)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
            );
            if !separator {
                break;
            }
            next += 3;
        }
        if path.len() > 1 && ["crate", "super", "self"].contains(&path[0].as_str()) {
            out.push(path);
            at = next.max(at + 1);
        } else {
            at += 1;
        }
    }
    out
}

/// The top-level module a path reaches from `module`, if it starts from the crate root
/// (`crate::`), from a parent (`super::`, any number of times) or from `module` itself
/// (`self::`). A plain path (`std::…`, a name in scope) is not an arrow: a module in scope got
/// there through a `use` that is read on its own.
fn top_level(module: &[String], segments: &[String]) -> Option<String> {
    let (mut base, rest) = match segments.first()?.as_str() {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (module.to_vec(), &segments[1..]),
        "super" => {
            let supers = segments.iter().take_while(|s| *s == "super").count();
            let kept = module.len().checked_sub(supers)?;
            (module[..kept].to_vec(), &segments[supers..])
        }
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    base.into_iter().next().filter(|name| name != "self")
}

/// The arrows of src/: each file's top-level module (`lib` and `main` for the crate roots) and
/// the other top-level modules it uses.
fn arrows_in_code() -> Graph {
    let src = root().join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let mut module: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|last| last == "mod") {
            module.pop();
        }
        let name = module[0].clone();
        if module == ["lib"] || module == ["main"] {
            module.clear();
        }
        let module: Vec<&str> = module.iter().map(String::as_str).collect();
        let source = std::fs::read_to_string(&file).unwrap();
        let used = graph.entry(name.clone()).or_default();
        used.extend(modules_used(&module, &source).into_iter().filter(|target| *target != name));
    }
    graph
}

fn collect(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the rules out of docs/arkitektur.md

/// The rules of "Tillåtna pilar".
#[derive(Debug)]
struct Rules {
    /// The allowed arrows: the block `# tillåtna beroenden`, one line per module.
    allowed: Graph,
    /// Rule 2: the stages in order, each with its modules.
    stages: Vec<(String, BTreeSet<String>)>,
    /// Rule 2's exceptions, `a → b`.
    exceptions: BTreeSet<(String, String)>,
    /// Rule 3: the leaves, and the modules they may use.
    leaves: BTreeSet<String>,
    leaf_may_use: BTreeSet<String>,
}

impl Rules {
    fn from_doc(doc: &str) -> Self {
        let section = doc
            .split("\n## ")
            .find(|s| s.starts_with("Tillåtna pilar"))
            .expect("docs/arkitektur.md has a section `## Tillåtna pilar`");
        let rule = |n: u32| {
            let start = section.find(&format!("\n{n}. **")).unwrap_or_else(|| panic!("rule {n} in the doc"));
            let text = &section[start + 1..];
            let end =
                text.find(&format!("\n{}. **", n + 1)).or_else(|| text.find("\n\n")).unwrap_or(text.len());
            text[..end].split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let rule_2 = rule(2);
        let rule_3 = rule(3);
        let order = sentence(&rule_2, "Stegen i ordning är ").expect("rule 2 says `Stegen i ordning är …`");
        let stages = split_list(&order)
            .into_iter()
            .map(|item| match item.split_once(" (") {
                Some((stage, modules)) => (stage.trim().to_owned(), quoted(modules).into_iter().collect()),
                None => (item.trim().to_owned(), BTreeSet::from([item.trim().to_owned()])),
            })
            .collect();
        let exceptions = quoted(&rule_2)
            .into_iter()
            .filter_map(|q| q.split_once(" → ").map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned())))
            .collect();
        let heading = rule_3.split("**").nth(1).expect("rule 3 has a bold heading");
        let leaves = sentence(&rule_3, "Löven är ").expect("rule 3 says `Löven är …`");
        Rules {
            allowed: allowed_block(doc),
            stages,
            exceptions,
            leaves: quoted(&leaves).into_iter().collect(),
            leaf_may_use: quoted(heading).into_iter().collect(),
        }
    }

    fn stage_of(&self, module: &str) -> Option<usize> {
        self.stages.iter().position(|(_, modules)| modules.contains(module))
    }

    /// Every way `graph` breaks rules 1–3, in words.
    fn broken_by(&self, graph: &Graph) -> Vec<String> {
        let mut broken = Vec::new();
        if let Some(cycle) = cycle(graph) {
            broken.push(format!("rule 1, a cycle: {}", cycle.join(" → ")));
        }
        for (module, targets) in graph {
            for target in targets {
                let arrow = (module.clone(), target.clone());
                if let (Some(from), Some(to)) = (self.stage_of(module), self.stage_of(target))
                    && to > from
                    && !self.exceptions.contains(&arrow)
                {
                    broken.push(format!(
                        "rule 2, {module} → {target}: stage {} uses the later stage {}",
                        self.stages[from].0, self.stages[to].0
                    ));
                }
                if self.leaves.contains(module) && !self.leaf_may_use.contains(target) {
                    broken
                        .push(format!("rule 3, {module} → {target}: the leaf {module} uses more than error"));
                }
            }
        }
        broken
    }

    /// The arrows of `graph` the block does not allow, and the modules it does not name.
    fn not_allowed(&self, graph: &Graph) -> Vec<String> {
        let mut unexpected = Vec::new();
        for (module, targets) in graph {
            let Some(permitted) = self.allowed.get(module) else {
                unexpected.push(format!("{module} is not in the block of docs/arkitektur.md"));
                continue;
            };
            unexpected.extend(targets.difference(permitted).map(|target| format!("{module} → {target}")));
        }
        unexpected
    }
}

/// The block that begins with `# tillåtna beroenden`, one line per module, `modul: a, b, c`.
fn allowed_block(doc: &str) -> Graph {
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

/// The sentence of `text` that begins with `start`, without it and without its full stop.
fn sentence(text: &str, start: &str) -> Option<String> {
    let rest = &text[text.find(start)? + start.len()..];
    let end = rest.find(". ").unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches('.').to_owned())
}

/// A Swedish list, `a, b (c, d) och e`, split at the commas and the `och` outside parentheses.
fn split_list(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in list.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    items
        .iter()
        .flat_map(|item| item.split(" och "))
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// The texts in backticks, with a trailing `/` (a folder) taken off.
fn quoted(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(|q| q.trim_end_matches('/').to_owned()).collect()
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

fn rules() -> Rules {
    Rules::from_doc(&std::fs::read_to_string(root().join("docs/arkitektur.md")).unwrap())
}

// ---------------------------------------------------------------------------------------------
// The tests over src/ and the doc

#[test]
fn every_arrow_between_modules_is_one_the_architecture_allows() {
    let code = arrows_in_code();
    let rules = rules();
    let unexpected = rules.not_allowed(&code);
    assert!(unexpected.is_empty(), "arrows the architecture does not allow:\n{}", unexpected.join("\n"));
    let stale: Vec<&String> = rules.allowed.keys().filter(|m| !code.contains_key(*m)).collect();
    assert!(stale.is_empty(), "docs/arkitektur.md names modules src/ does not have: {stale:?}");
}

#[test]
fn the_code_and_the_allowed_arrows_keep_the_three_rules() {
    let rules = rules();
    let broken = rules.broken_by(&arrows_in_code());
    assert!(broken.is_empty(), "src/ breaks the rules of docs/arkitektur.md:\n{}", broken.join("\n"));
    let broken = rules.broken_by(&rules.allowed);
    assert!(
        broken.is_empty(),
        "the block of docs/arkitektur.md breaks its own rules:\n{}",
        broken.join("\n")
    );
    // Every exception the doc names is an arrow it allows, and every stage module exists.
    for (from, to) in &rules.exceptions {
        assert!(rules.allowed.get(from).is_some_and(|t| t.contains(to)), "a stale exception {from} → {to}");
    }
    for module in rules.stages.iter().flat_map(|(_, modules)| modules).chain(&rules.leaves) {
        assert!(rules.allowed.contains_key(module), "the rules name {module}, which the block does not");
    }
}

#[test]
fn the_rules_are_read_from_the_doc() {
    let rules = rules();
    let stages: Vec<&str> = rules.stages.iter().map(|(stage, _)| stage.as_str()).collect();
    assert_eq!(stages, ["load", "compute", "lint", "render", "compile", "export"]);
    assert_eq!(rules.stages[0].1, ["load", "yaml", "plan", "validate"].map(String::from).into());
    assert_eq!(rules.stages[4].1, ["compile".to_owned()].into());
    assert_eq!(rules.leaves, ["error", "files", "swedish", "fonts", "templates"].map(String::from).into());
    assert_eq!(rules.leaf_may_use, ["error".to_owned()].into());
}

// ---------------------------------------------------------------------------------------------
// The checker, tried on planted source text

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn a_use_group_over_several_lines_is_read() {
    let source = "use crate::{\n    files,\n    render::{\n        self,\n        Rendered,\n    },\n    swedish as sv,\n};\n";
    assert_eq!(modules_used(&["commands"], source), set(&["files", "render", "swedish"]));
}

#[test]
fn a_path_through_super_super_is_read() {
    let source = "use super::super::render::Rendered;\nuse super::figures;\n\
                  fn f() -> u32 { super::super::compile::pages() }\n";
    assert_eq!(modules_used(&["compute", "budget"], source), set(&["compute", "compile", "render"]));
    // One `super` from a top-level module's file is the crate root.
    assert_eq!(modules_used(&["lint"], "use super::compile::World;"), set(&["compile"]));
    assert_eq!(modules_used(&["render", "html"], "use super::Body;"), set(&["render"]));
}

#[test]
fn the_code_after_a_test_module_is_read() {
    let source = "#[cfg(test)]\nmod tests {\n    use crate::render::Rendered;\n}\n\n\
                  pub fn production() -> bool {\n    crate::compile::ready()\n}\n\n\
                  #[cfg(all(test, unix))]\nfn only_in_tests() { crate::export::pdf(); }\n\n\
                  #[cfg(not(test))]\nfn not_in_tests() { crate::outputs::write(); }\n";
    assert_eq!(modules_used(&["terminal", "changes"], source), set(&["compile", "outputs"]));
}

#[test]
fn paths_in_expressions_types_and_macros_are_read() {
    let source = "fn f(x: crate::plan::Loaded) -> crate::error::Result {\n    \
                  let y = crate::files::io_reason(&x);\n    \
                  println!(\"{}\", crate::swedish::amount(y));\n    \
                  self::inner::g();\n    Ok(())\n}\n\
                  pub(in crate::pipeline) struct S;\n";
    assert_eq!(
        modules_used(&["lint"], source),
        set(&["error", "files", "lint", "pipeline", "plan", "swedish"])
    );
}

fn graph(arrows: &[(&str, &[&str])]) -> Graph {
    arrows.iter().map(|(module, targets)| (module.to_string(), set(targets))).collect()
}

#[test]
fn a_stage_that_uses_a_later_stage_is_refused() {
    let rules = rules();
    // Read from source text, as the real check does.
    let lint = modules_used(&["lint", "fonts_cover"], "use crate::{\n    compile::World,\n};\n");
    let planted = Graph::from([("lint".to_owned(), lint)]);
    let broken = rules.broken_by(&planted);
    assert_eq!(broken, ["rule 2, lint → compile: stage lint uses the later stage compile"]);
    assert!(rules.broken_by(&graph(&[("compute", &["validate"])])).is_empty(), "an earlier stage is allowed");
    assert_eq!(rules.broken_by(&graph(&[("plan", &["render"])])).len(), 1, "a load-stage module");
    assert!(rules.broken_by(&graph(&[("validate", &["compute"])])).is_empty(), "the doc's exception");
    assert_eq!(rules.broken_by(&graph(&[("yaml", &["compute"])])).len(), 1, "the exception is one arrow");
}

#[test]
fn a_leaf_that_uses_more_than_error_is_refused() {
    let rules = rules();
    let swedish = modules_used(&["swedish"], "fn f() -> String { super::plan::year() }");
    let broken = rules.broken_by(&Graph::from([("swedish".to_owned(), swedish)]));
    assert_eq!(broken, ["rule 3, swedish → plan: the leaf swedish uses more than error"]);
    assert!(rules.broken_by(&graph(&[("files", &["error"])])).is_empty());
}

#[test]
fn a_cycle_and_an_arrow_outside_the_block_are_refused() {
    let rules = rules();
    let broken = rules.broken_by(&graph(&[("commands", &["terminal"]), ("terminal", &["commands"])]));
    assert_eq!(broken, ["rule 1, a cycle: commands → terminal → commands"]);
    assert_eq!(rules.not_allowed(&graph(&[("render", &["compare"])])), ["render → compare"]);
    assert_eq!(
        rules.not_allowed(&graph(&[("newcomer", &[])])),
        ["newcomer is not in the block of docs/arkitektur.md"]
    );
}
