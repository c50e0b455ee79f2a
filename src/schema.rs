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
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<Plan>().to_value();
    widen_scalars(&mut schema);
    // `$schema` and the title first, where a reader of the file looks for them.
    if let Value::Object(root) = &mut schema {
        let mut ordered = serde_json::Map::new();
        ordered.insert("$schema".into(), root.remove("$schema").unwrap_or_default());
        root.remove("title");
        ordered.insert("title".into(), "Verksamhetsplan för vplan".into());
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

/// Makes the schema's scalars as lenient as serde-saphyr is: a text field also takes a plain
/// YAML number or boolean (`rubrik: 2026` is the text "2026"), and a yes/no field also takes
/// the YAML 1.1 spellings `yes`, `no`, `on`, `off`, `y` and `n` that the parser reads.
fn widen_scalars(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            // An optional key's default is "not there", which an editor should not insert as `null`.
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            let free_text = !["enum", "const", "pattern", "format"].iter().any(|k| map.contains_key(*k));
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
