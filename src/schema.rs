//! `vplan schema`: the plan format as a JSON Schema, for editors.
//!
//! In: the types of [`crate::plan`] (their `schemars` attributes carry the Swedish
//! descriptions and examples). Out: a JSON Schema (draft-07, which the YAML language server
//! handles best) as pretty-printed JSON. The schema accepts exactly what the parser accepts
//! as far as a schema can say it; the checks that need the whole plan (sums, references,
//! files) stay in `vplan check`.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::plan::Plan;

/// The schema's address inside the repository; the example plans point at it.
pub const FILE_NAME: &str = "vplan.schema.json";

/// The JSON Schema of the plan format, as the text `vplan schema` prints (ends with a newline).
pub fn text() -> String {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Plan>().to_value();
    finish(schema, "Verksamhetsplan för vplan")
}

/// The JSON Schema of the follow-up format (`vplan schema --uppföljning`).
pub fn followup_text() -> String {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<crate::followup::FollowUp>()
        .to_value();
    finish(schema, "Uppföljning (delårsrapport, årsredovisning) för vplan")
}

fn finish(mut schema: Value, title: &str) -> String {
    widen_scalars(&mut schema);
    // `$schema` and the title first, where a reader of the file looks for them.
    if let Value::Object(root) = &mut schema {
        let mut ordered = serde_json::Map::new();
        ordered.insert("$schema".into(), root.remove("$schema").unwrap_or_default());
        root.remove("title");
        ordered.insert("title".into(), title.into());
        ordered.append(root);
        *root = ordered;
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The spellings of a yes/no value that serde-saphyr reads, in any case: `true`, `false`, `yes`,
/// `no`, `y`, `n`, `on`, `off`.
const YAML_BOOLEAN: &str =
    "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy]([Ee][Ss])?|[Nn][Oo]?|[Oo]([Nn]|[Ff][Ff]))\\s*$";

/// The spellings of a whole number that serde-saphyr reads from text: decimal without leading
/// zeros, or hexadecimal, octal or binary with a prefix, with single `_` between digits.
const YAML_INTEGER: &str = "^\\s*[-+]?(0|[1-9](_?[0-9])*|0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|0[oO][0-7](_?[0-7])*|0[bB][01](_?[01])*)\\s*$";
/// As [`YAML_INTEGER`], without a minus sign.
const YAML_UNSIGNED: &str = "^\\s*[+]?(0|[1-9](_?[0-9])*|0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|0[oO][0-7](_?[0-7])*|0[bB][01](_?[01])*)\\s*$";

/// The integer format (`int32`, `uint32` …) of a schema for a Rust integer field. An amount's
/// integer has none: an amount in text is read by vplan's own rules, with its own pattern.
fn integer_format(map: &serde_json::Map<String, Value>) -> Option<String> {
    let integer = map.get("type").and_then(Value::as_str) == Some("integer");
    let format = map.get("format").and_then(Value::as_str).map(str::to_owned);
    format.filter(|_| integer && !map.contains_key("enum"))
}

/// Makes the schema's scalars as lenient as serde-saphyr is: a text field also takes a plain
/// YAML number or boolean (`rubrik: 2026` is the text "2026"), a whole-number field also takes
/// the number in quotes, and a yes/no field also takes the YAML 1.1 spellings `yes`, `no`,
/// `on`, `off`, `y` and `n` that the parser reads.
fn widen_scalars(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            // An optional key's default is "not there", which an editor should not insert as `null`.
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            let free_text = !["enum", "const", "pattern", "format"].iter().any(|k| map.contains_key(*k));
            let integer = integer_format(map);
            if let Some(kind) = map.get_mut("type") {
                let mut kinds: Vec<String> = match kind {
                    Value::String(s) => vec![s.clone()],
                    Value::Array(list) => list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                    _ => Vec::new(),
                };
                let mut pattern = None;
                if free_text && kinds.iter().any(|k| k == "string") {
                    for extra in ["number", "boolean"] {
                        if !kinds.iter().any(|k| k == extra) {
                            kinds.insert(kinds.len().min(1), extra.to_owned());
                        }
                    }
                } else if let Some(format) = &integer {
                    // A whole number in quotes is read as the number (`år: "2026"`).
                    kinds.insert(1, "string".to_owned());
                    pattern = Some(if format.starts_with('u') { YAML_UNSIGNED } else { YAML_INTEGER });
                } else if kinds.iter().any(|k| k == "boolean") && !kinds.iter().any(|k| k == "string") {
                    kinds.insert(1, "string".to_owned());
                    // Spelled out case by case: editors run the pattern as a JavaScript regular expression,
                    // where `(?i)` is not understood everywhere.
                    pattern = Some(YAML_BOOLEAN);
                }
                *kind = match kinds.as_slice() {
                    [one] => Value::String(one.clone()),
                    _ => Value::Array(kinds.into_iter().map(Value::String).collect()),
                };
                if let Some(pattern) = pattern {
                    map.insert("pattern".into(), pattern.into());
                }
            }
            for value in map.values_mut() {
                widen_scalars(value);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(widen_scalars),
        _ => {}
    }
}
