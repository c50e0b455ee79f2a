//! The words of the parser's messages in Swedish: what it expected and found, the allowed
//! names as a list, and the tags and commas on a line that explain a message.

/// A YAML tag (`!förbund`, `!!str`) starting at `column` (1-based) of `line`.
pub(super) fn tag_at(line: &str, column: usize) -> Option<String> {
    let rest: String = line.chars().skip(column - 1).collect();
    let tag: String = rest.chars().take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c)).collect();
    (tag.starts_with('!') && tag.chars().count() > 1).then_some(tag)
}

/// A text value inside `{ }` that a comma cut in two, as `{ namn: Personal (3,5 årsarbetare) }`:
/// YAML ends the value at the comma and reads the rest, `field`, as a key. The key, the whole
/// text as it was meant, and the column (1-based) where it starts.
pub(super) fn comma_in_flow_value(line: &str, field: &str) -> Option<(String, String, usize)> {
    let open = line.find('{')?;
    let at = open + line[open..].find(field)?;
    // `{ namn: A, roll: B }`: a misspelt key with its own value is just an unknown key.
    if line[at + field.len()..].trim_start().starts_with(':') {
        return None;
    }
    let before = line[..at].trim_end().strip_suffix(',')?;
    let colon = before.rfind(": ")?;
    let key_start = before[..colon].rfind(['{', ','])? + 1;
    let key = before[key_start..colon].trim();
    let rest = &before[colon + 1..];
    let value_start = colon + 1 + (rest.len() - rest.trim_start().len());
    if key.is_empty()
        || key.contains([' ', '"', '\''])
        || before[value_start..].starts_with(['"', '\'', '[', '{'])
    {
        return None;
    }
    let value = format!("{}{}", &line[value_start..at], field);
    Some((key.to_owned(), value, line[..value_start].chars().count() + 1))
}

/// A number written with a decimal comma inside `[ ]` or `{ }` on `line`, such as `1,50`:
/// YAML reads the comma there as the end of the value. Years (four digits after the comma)
/// The allowed names as a list; capitalised aliases of a listed name are left out.
pub(super) fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .filter(|i| {
            i.chars().next().is_some_and(char::is_lowercase) || !items.contains(&i.to_lowercase().as_str())
        })
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Serde's words for what it found, in Swedish.
pub(super) fn describe_unexpected(unexpected: &str) -> String {
    let u = unexpected.trim();
    if let Some(rest) = u.strip_prefix("string ") {
        format!("texten {rest}")
    } else if let Some(rest) = u.strip_prefix("integer ") {
        format!("talet {rest}")
    } else if let Some(rest) = u.strip_prefix("floating point ") {
        format!("talet {rest}")
    } else if let Some(rest) = u.strip_prefix("boolean ") {
        format!("sanningsvärdet {rest}")
    } else if u == "sequence" {
        "en lista".to_owned()
    } else if u == "map" {
        "en samling nycklar".to_owned()
    } else if u == "unit value" || u == "null" {
        "ett tomt värde".to_owned()
    } else {
        u.to_owned()
    }
}

/// Serde's words for what it expected, in Swedish.
pub(super) fn describe_expected(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e == "a map" {
        "en samling nycklar (nyckel: värde på egna rader)".to_owned()
    } else if e.starts_with("a sequence") || e.contains("sequence") {
        "en lista (rader som börjar med `- `, eller [a, b])".to_owned()
    } else if e == "a string" {
        "en text".to_owned()
    } else if e.starts_with("i32") || e.starts_with("u32") || e.contains("integer") {
        "ett heltal".to_owned()
    } else if e == "a boolean" {
        "true eller false".to_owned()
    } else if e.starts_with("enum ") {
        "ett av de tillåtna värdena".to_owned()
    } else if e.contains("string") || e.contains("scalar") || e.contains("str") {
        "en text".to_owned()
    } else if e.contains("mapping") || e.contains("map") {
        "en samling nycklar (nyckel: värde på egna rader)".to_owned()
    } else if e.contains("float") || e.contains("decimal") || e.contains("number") {
        "ett tal".to_owned()
    } else if e.starts_with("ett ") || e.starts_with("en ") {
        // Our own expectations (`Visitor::expecting`) are Swedish already.
        e.to_owned()
    } else {
        // Serde's own words for a type of ours; the place and the hint say the rest.
        "ett annat slags värde".to_owned()
    }
}

pub(super) fn swedish_type(ty: &str) -> &'static str {
    match ty {
        t if t.contains("bool") => "sant eller falskt (true eller false)",
        t if t.starts_with('f') => "ett tal",
        t if t.starts_with('i') || t.starts_with('u') => "ett heltal",
        _ => "det som väntades här",
    }
}
