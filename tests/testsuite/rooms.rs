//! Rooms that fit: no source file in src/ over 600 lines and no function over 120 lines, read
//! with a Rust parser (syn) so that every `fn` counts — free functions, methods, trait
//! defaults, functions inside functions and unit tests — from its `fn` to its closing brace.

use std::path::{Path, PathBuf};

use syn::visit::{self, Visit};

use crate::support::root;

/// The most lines a source file in src/ may have.
const MAX_FILE_LINES: usize = 600;

/// The most lines a function may have, from the line of its `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 120;

/// Every function of a source file whose length is over `limit`, as `name (lines)`.
fn long_functions(source: &str, limit: usize) -> Vec<String> {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("the source does not parse: {e}"));
    let mut finder = Finder { limit, found: Vec::new() };
    finder.visit_file(&file);
    finder.found
}

struct Finder {
    limit: usize,
    found: Vec<String>,
}

impl Finder {
    fn function(&mut self, signature: &syn::Signature, body: &syn::Block) {
        let first = signature.fn_token.span.start().line;
        let last = body.brace_token.span.close().end().line;
        let lines = last + 1 - first;
        if lines > self.limit {
            self.found.push(format!("{} ({lines} lines, from line {first})", signature.ident));
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig, &item.block);
        visit::visit_item_fn(self, item);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig, &item.block);
        visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(body) = &item.default {
            self.function(&item.sig, body);
        }
        visit::visit_trait_item_fn(self, item);
    }
}

fn sources(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_or_function_is_too_long() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    files.sort();
    let mut too_long = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        let lines = source.lines().count();
        if lines > MAX_FILE_LINES {
            too_long.push(format!("{name}: {lines} lines"));
        }
        too_long.extend(
            long_functions(&source, MAX_FUNCTION_LINES).into_iter().map(|f| format!("{name}: fn {f}")),
        );
    }
    assert!(
        too_long.is_empty(),
        "over {MAX_FILE_LINES} lines a file or {MAX_FUNCTION_LINES} a function:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_length_check_finds_every_kind_of_function() {
    let body =
        |name: &str, lines: usize| format!("fn {name}() {{\n{}}}\n", "    let _ = 1;\n".repeat(lines - 2));
    let source = format!(
        "{}\nimpl S {{\n{}}}\ntrait T {{\n{}}}\nfn outer() {{\n{}}}\n#[cfg(test)]\nmod tests {{\n{}}}\n",
        body("free", 5),
        body("method", 5),
        body("default", 5),
        body("inner", 5),
        body("test", 5),
    );
    let found = long_functions(&source, 4);
    let names: Vec<&str> = found.iter().map(|f| f.split(' ').next().unwrap()).collect();
    assert_eq!(names, ["free", "method", "default", "outer", "inner", "test"]);
    assert_eq!(found[0], "free (5 lines, from line 1)");
    assert!(long_functions(&source, 7).is_empty(), "{:?}", long_functions(&source, 7));
}
