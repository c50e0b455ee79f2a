//! Rule `tecken-utan-typsnitt`: characters in the plan's text that no embedded font has; they
//! would print as empty boxes.

use crate::compute::Computed;
use crate::error::{Diagnostic, Position};
use crate::fonts::fonts_cover;
use crate::plan::Loaded;

/// Warns about the characters of the plan's text values that no font covers, located at the
/// first of them in the file.
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    // The text values as the parser reads them, without the file's comments and keys.
    let Ok(value) = crate::yaml::parse::<serde_json::Value>(&loaded.file, &loaded.source) else {
        return Vec::new();
    };
    let mut text = String::new();
    collect_text(&value, &mut text);
    let missing = fonts_cover(&text);
    if missing.is_empty() {
        return Vec::new();
    }
    let list: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
    vec![
        Diagnostic::new(format!("tecken som vplans typsnitt saknar: {}", list.join(", ")))
            .at(first_place(&loaded.source, &missing))
            .note("de visas som tomma rutor i PDF-filen")
            .hint("byt ut tecknen, till exempel en emoji mot ett ord"),
    ]
}

/// Appends every string in `value`, one per line.
fn collect_text(value: &serde_json::Value, text: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            text.push_str(s);
            text.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_text(item, text)),
        serde_json::Value::Object(map) => map.values().for_each(|item| collect_text(item, text)),
        _ => {}
    }
}

/// Where the first of `chars` stands in the file.
fn first_place(source: &str, chars: &[char]) -> Option<Position> {
    source.lines().enumerate().find_map(|(index, line)| {
        let column = line.chars().position(|c| chars.contains(&c))?;
        Some(Position { line: index + 1, column: column + 1, width: 1 })
    })
}
