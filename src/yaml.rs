//! Reading YAML safely, with Swedish errors. Part of the load stage ([`crate::load`]).
//!
//! In: a plan file's bytes. Out: its text (UTF-8, byte-order mark removed) and the value
//! serde builds from it, or one located [`Diagnostic`] that says in Swedish what is wrong.
//! The parser is serde-saphyr: it reports line and column for every error, and its budget
//! bounds nesting, alias expansion and size, so a hostile file cannot exhaust memory.

mod text;
mod words;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Error as YamlError, Location, Options};

use crate::error::{Diagnostic, Error, Position};
use crate::swedish;

use self::text::{closest, columns, first_colon, indentation, key_span, offset_position, value_span};
use self::words::{
    comma_in_flow_value, describe_expected, describe_unexpected, quoted_list, swedish_type, tag_at,
};

/// The largest plan file vplan reads.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The deepest nesting of YAML mappings and lists.
pub const MAX_DEPTH: usize = 64;
/// The most YAML nodes in a plan (a large real plan has a few thousand).
pub const MAX_NODES: usize = 200_000;
/// The most YAML events that aliases may replay in total ("billion laughs").
pub const MAX_ALIAS_EVENTS: usize = 100_000;
/// The most alias references (`*namn`) in a plan.
pub const MAX_ALIASES: usize = 1_000;

/// Turns a plan file's bytes into text: UTF-8, a leading byte-order mark dropped.
pub fn decode(file: &Path, bytes: &[u8]) -> Result<String, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            Some(offset) => Err(Error::plan(
                file,
                text,
                Diagnostic::new("planen innehåller ett NUL-tecken")
                    .at(Some(offset_position(text, offset)))
                    .hint("ta bort tecknet; det kommer ofta från en fil som sparats i fel format"),
            )),
            None => Ok(lone_carriage_returns(text)),
        },
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            Err(Error::plan(
                file,
                &lossy,
                Diagnostic::new("planen är inte sparad som UTF-8")
                    .at(Some(offset_position(valid, valid.len())))
                    .hint(
                        "spara filen med teckenkodningen UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)",
                    ),
            ))
        }
    }
}

/// `text` with each carriage return that is not followed by a line feed made a line feed. YAML
/// reads a lone CR (from an old Mac editor) as a line break, so the plan means the same; but
/// the lines of the text are counted at line feeds, and a caret would point one line off for
/// each lone CR above it.
fn lone_carriage_returns(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// The error for a plan file over [`MAX_FILE_BYTES`].
pub fn too_large(file: &Path, bytes: u64) -> Error {
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    // A file read only up to the limit (a blob from git) is known only to be over it.
    let size = if bytes <= MAX_FILE_BYTES as u64 + 1 {
        format!("över {limit} MB")
    } else {
        format!("{} MB", bytes.div_ceil(1024 * 1024))
    };
    Error::plan(
        file,
        "",
        Diagnostic::new(format!("planen är {size}; vplan läser planer på högst {limit} MB"))
            .hint("en plan är text; lägg stora bilder som egna filer och hänvisa till dem med `bild:`"),
    )
}

/// Parses `source` into `T`, with the limits above.
pub fn parse<T: DeserializeOwned>(file: &Path, source: &str) -> Result<T, Error> {
    if source.trim().is_empty() {
        return Err(Error::plan(
            file,
            source,
            Diagnostic::new("planen är tom").hint(
                "börja med `förbund:` och `dokument:`; se exemplen i plans/ och formatbeskrivningen i docs/format.md",
            ),
        ));
    }
    serde_saphyr::from_str_with_options(source, options()).map_err(|e| {
        let diagnostic = tab_indentation(source, &e).unwrap_or_else(|| diagnostic(&e, source));
        let mut diagnostics = vec![diagnostic];
        explain_decimal_commas(source, &mut diagnostics);
        Error::in_file(file, source.to_owned(), diagnostics)
    })
}

fn options() -> Options {
    let mut options = Options::default();
    options.with_snippet = false;
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    // Two, so that a second document meets its own message rather than the budget's.
    budget.max_documents = 2;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    // `1_000` stays text, so the amount parser refuses it instead of YAML reading a number.
    options.underscored_numbers_as_strings = true;
    options
}

/// The position of a YAML node, if the parser knew it.
pub fn position(location: &Location, width: usize) -> Option<Position> {
    (*location != Location::UNKNOWN).then(|| Position {
        line: location.line() as usize,
        column: location.column() as usize,
        width: width.max(1),
    })
}

/// Translates a parser error into a Swedish diagnostic.
fn diagnostic(error: &YamlError, source: &str) -> Diagnostic {
    let error = error.without_snippet();
    let at = error.location().and_then(|l| position(&l, 1));
    let key_width = |at| key_span(source, at);
    let value_width = |at| value_span(source, at);
    match error {
        // An error met while replaying an alias is the inner error, at the place of use.
        YamlError::AliasError { error: inner, locations, .. } => {
            let mut d = diagnostic(inner, source);
            if let Some(used) = position(&locations.reference_location, 1) {
                d.position = Some(used);
            }
            d
        }
        YamlError::SerdeUnknownField { .. } => unknown_field(error, source, at),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => {
            let d = Diagnostic::new(format!("`{variant}` är inget tillåtet värde här"))
                .at(value_width(at))
                .note(format!("tillåtna värden: {}", quoted_list(expected)));
            match closest(variant, expected) {
                Some(near) => d.hint(format!("menade du `{near}`?")),
                None => d.hint("välj ett av de tillåtna värdena"),
            }
        }
        YamlError::SerdeMissingField { field, .. } => Diagnostic::new(format!("nyckeln `{field}` saknas"))
            .at(at)
            .hint(format!("lägg till `{field}:` här; se formatbeskrivningen i docs/format.md")),
        YamlError::SerdeInvalidType { unexpected, expected, .. }
        | YamlError::SerdeInvalidValue { unexpected, expected, .. } => {
            Diagnostic::new(format!("fel sorts värde: {}", describe_unexpected(unexpected)))
                .at(value_width(at))
                .note(format!("väntade {}", describe_expected(expected)))
                .hint("rätta värdet; text som börjar med ett specialtecken skrivs inom citattecken")
        }
        YamlError::SerdeInvalidLength { len, expected, .. } => {
            Diagnostic::new(format!("fel antal värden: {len}")).at(at).note(format!("väntade {}", describe_expected(expected)))
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            let name = key.as_deref().unwrap_or("?");
            Diagnostic::new(format!("nyckeln `{name}` står två gånger"))
                .at(key_width(at))
                .hint("ta bort den ena, eller slå ihop deras innehåll")
        }
        YamlError::Budget { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            Diagnostic::new("planen är för stor eller för djupt nästlad för vplan")
                .at(at)
                .note(format!(
                    "gränser: högst {MAX_DEPTH} nivåer, {} värden, {} alias (`*namn`) och {} värden som alias upprepar",
                    swedish::amount(MAX_NODES.into()),
                    swedish::amount(MAX_ALIASES.into()),
                    swedish::amount(MAX_ALIAS_EVENTS.into())
                ))
                .hint("skriv planen utan alias och med färre nivåer; en vanlig plan ligger långt under gränserna")
        }
        YamlError::Unexpected { expected, .. } => Diagnostic::new("fel sorts värde")
            .at(value_width(at))
            .note(format!("väntade {}", describe_expected(expected)))
            .hint("en text skrivs på samma rad som nyckeln, en lista med `- ` på egna rader"),
        YamlError::IndentationError { .. } => at
            .and_then(|p| misaligned(source, p))
            .unwrap_or_else(|| {
                Diagnostic::new("fel indrag")
                    .at(at)
                    .hint("rada upp nycklar på samma nivå med lika många blanksteg (inte tabbar)")
            }),
        YamlError::MultipleDocuments { .. } => Diagnostic::new("planen innehåller mer än ett YAML-dokument (`---`)")
            .at(at)
            .hint("en plan är ett dokument; ta bort den andra `---`-raden och det som följer, eller dela upp i två filer"),
        YamlError::UnknownAnchor { .. } => {
            Diagnostic::new("aliaset pekar på ett ankare som inte finns").at(at).hint("definiera `&namn` innan du använder `*namn`")
        }
        YamlError::InvalidScalar { ty, .. } => Diagnostic::new(format!("värdet kan inte läsas som {}", swedish_type(ty)))
            .at(value_width(at))
            .hint("rätta värdet; tal skrivs med siffror, sant/falskt som true/false"),
        YamlError::NonFiniteFloat { value, .. } => {
            Diagnostic::new(format!("`{value}` är inget tal vplan kan räkna med")).at(at).hint("skriv ett vanligt tal")
        }
        YamlError::Message { msg, .. } => Diagnostic::new(msg.clone()).at(at),
        YamlError::ExternalMessage { msg, .. } => scanner(msg, source, at),
        YamlError::Eof { .. } => Diagnostic::new("planen tar slut mitt i ett värde")
            .at(at)
            .hint("kontrollera att citattecken och hakparenteser är stängda"),
        // The parser's own words are English; the place and a Swedish hint say enough.
        _ => Diagnostic::new("planen kunde inte läsas som YAML här")
            .at(at)
            .hint("jämför raden med raderna ovanför och med exemplen i plans/; text med specialtecken skrivs inom citattecken"),
    }
}

/// A key the plan's types do not know: most often a decimal comma or a comma in a text inside
/// `{ }`, which YAML reads as the start of a new key; otherwise a misspelt key.
fn unknown_field(error: &YamlError, source: &str, at: Option<Position>) -> Diagnostic {
    let key_width = |at| key_span(source, at);
    match error {
        YamlError::SerdeUnknownField { field, expected, .. }
            if field.chars().all(|c| c.is_ascii_digit())
                && let Some(number) = at.and_then(|p| decimal_comma(source.lines().nth(p.line - 1)?)) =>
        {
            let (whole, _) = number.split_once(',').unwrap_or((&number, ""));
            let start = at.map(|p| Position { column: p.column - whole.chars().count() - 1, width: number.chars().count(), ..p });
            Diagnostic::new(format!("talet `{number}` har decimalkomma inom `{{ }}`"))
                .at(start)
                .note(format!(
                    "inom {{ }} och [ ] skiljer kommat värden åt, så YAML läser `{whole}` som värdet och `{field}` som en ny nyckel"
                ))
                .hint(format!(
                    "skriv talet inom citattecken, \"{number}\", eller skriv raden som ett block med en nyckel per rad"
                ))
        }
        YamlError::SerdeUnknownField { field, .. }
            if let Some((key, value, column)) =
                at.and_then(|p| comma_in_flow_value(source.lines().nth(p.line - 1)?, field)) =>
        {
            Diagnostic::new(format!("kommat i `{value}` delar texten inom `{{ }}`"))
                .at(at.map(|p| Position { column, width: value.chars().count(), ..p }))
                .note(format!(
                    "inom {{ }} skiljer kommat nycklar åt, så YAML läser texten efter kommat, `{field}`, som en ny nyckel"
                ))
                .hint(format!(
                    "sätt texten inom citattecken, `{key}: \"{value}\"`, eller skriv raden som ett block med en nyckel per rad"
                ))
        }
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let d = Diagnostic::new(format!("okänd nyckel `{field}`")).at(key_width(at));
            let d = d.note(format!("tillåtna nycklar här: {}", quoted_list(expected)));
            match closest(field, expected) {
                Some(near) => d.hint(format!("menade du `{near}`?")),
                None => d.hint("ta bort nyckeln eller flytta den dit den hör hemma"),
            }
        }
        // The parser's own words are English; the place and a Swedish hint say enough.
        _ => Diagnostic::new("planen kunde inte läsas som YAML här")
            .at(at)
            .hint("jämför raden med raderna ovanför och med exemplen i plans/; text med specialtecken skrivs inom citattecken"),
    }
}

/// A tab in the indentation near a parse error is almost always its cause (text pasted from
/// Word or typed in an editor that indents with tabs); point at the tab itself.
fn tab_indentation(source: &str, error: &YamlError) -> Option<Diagnostic> {
    let error_line = error.location().and_then(|l| position(&l, 1)).map_or(usize::MAX, |p| p.line);
    let (index, line) = source.lines().enumerate().take(error_line.saturating_add(1)).find(|(_, line)| {
        line.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t') && !line.trim().is_empty()
    })?;
    let column = line.chars().position(|c| c == '\t').unwrap_or(0) + 1;
    Some(
        Diagnostic::new("tabbtecken i indraget")
            .at(Some(Position { line: index + 1, column, width: 1 }))
            .note("YAML tillåter bara blanksteg som indrag")
            .hint("ersätt tabbarna med blanksteg (två per nivå); många redigerare gör det med ”Konvertera indrag till blanksteg”"),
    )
}

/// Translates the YAML scanner's messages, the syntax errors proper. The parser's English
/// never reaches the user: each message becomes a Swedish sentence, and an indentation slip
/// shows the line it should line up with.
fn scanner(message: &str, source: &str, at: Option<Position>) -> Diagnostic {
    let line = at.and_then(|p| source.lines().nth(p.line - 1)).unwrap_or("");
    if let Some(tag) = at.and_then(|p| tag_at(line, p.column)) {
        let value: String = line.chars().skip(at.map_or(0, |p| p.column - 1)).collect();
        let value = value.trim_end();
        return Diagnostic::new(format!("`{tag}` är en YAML-tagg, och vplan använder inga taggar"))
            .at(at.map(|p| Position { width: tag.chars().count(), ..p }))
            .note("ett `!` först i ett värde gör resten av ordet till en tagg, en typ för värdet, inte till text")
            .hint(format!(
                "ta bort `{tag}`, eller sätt hela texten inom citattecken om den ska börja med `!`: `\"{}\"`",
                value.replace('"', "\\\"")
            ));
    }
    let indentation_slip = message.contains("did not find expected key")
        || message.contains("did not find expected '-'")
        || (message.contains("mapping values are not allowed")
            && at.is_some_and(|p| first_colon(line) == Some(p.column)));
    if indentation_slip && let Some(d) = at.and_then(|p| misaligned(source, p)) {
        return d;
    }
    if message.contains("simple key expected")
        && let Some(d) = at.and_then(|p| continuation_slip(source, p))
    {
        return d;
    }
    if message.contains("simple key expected") {
        let indent = indentation(line);
        let text = line.trim();
        let fixed = match text.split_once(' ') {
            Some((key, value)) => format!("{}: {}", key, value.trim()),
            None => format!("{text}:"),
        };
        return Diagnostic::new("nyckeln saknar kolon")
            .at(at.map(|p| Position { column: indent + 1, width: text.chars().count().max(1), ..p }))
            .note("varje rad i en samling nycklar är `nyckel: värde`, med kolon och blanksteg efter nyckeln")
            .hint(format!(
                "skriv `{fixed}`; fortsätter raden en text ovanför, skriv texten som ett block med `|`"
            ));
    }
    let (what, hint) = if message.contains("mapping values are not allowed") {
        (
            "ett kolon på fel ställe",
            "sätt text som innehåller ”: ” inom citattecken, eller rätta indraget så att nyckeln står på egen rad",
        )
    } else if message.contains("did not find expected key") || message.contains("did not find expected '-'") {
        (
            "indraget stämmer inte med raderna ovanför",
            "rada upp raden med den rad ovanför som den hör ihop med, med lika många blanksteg",
        )
    } else if message.contains("did not find expected")
        || message.contains("while parsing a flow")
        || message.contains("unclosed")
    {
        (
            "en lista eller ett värde inom [ ] eller { } är inte stängt",
            "kontrollera att varje [ har en ] och varje { en }",
        )
    } else if message.contains("unexpected end") || message.contains("found unexpected end of stream") {
        ("planen tar slut mitt i ett värde", "kontrollera att citattecken och parenteser är stängda")
    } else if message.contains("quoted scalar") || message.contains("unknown escape") {
        (
            "texten inom citattecken är inte avslutad eller har ett okänt \\-tecken",
            "stäng citattecknet; skriv \\\\ för ett omvänt snedstreck",
        )
    } else if message.contains("block sequence entries are not allowed") {
        (
            "ett listelement (`- `) står på fel ställe",
            "listelement står på egen rad, indragna under sin nyckel",
        )
    } else if message.contains("character that cannot start any token") {
        ("ett tecken som inte får inleda ett värde", "sätt värdet inom citattecken, till exempel \"@text\"")
    } else {
        (
            "planen kunde inte läsas som YAML här",
            "jämför raden med raderna ovanför och med exemplen i plans/; text med specialtecken skrivs inom citattecken",
        )
    };
    Diagnostic::new(what).at(at).hint(hint)
}

/// A line without a colon that continues the text of the line above but stands further left
/// than that line's key, where YAML ends the text and looks for a key: the line to indent.
fn continuation_slip(source: &str, at: Position) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().collect();
    let line = *lines.get(at.line - 1)?;
    let indent = indentation(line);
    if first_colon(line).is_some() || line.trim_start().starts_with("- ") {
        return None;
    }
    let content = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let (number, above) = (0..at.line - 1).rev().map(|i| (i + 1, lines[i])).find(|(_, l)| content(l))?;
    let (_, key) = columns(above);
    let key = key?;
    let colon = first_colon(above)?;
    let has_text = above.chars().skip(colon).any(|c| !c.is_whitespace())
        && !above.trim_end().ends_with(['|', '>', '[', '{']);
    // A line that lines up with a key of the line above or of a mapping around it is a key
    // without its colon, not a continuation.
    let mut lines_up = false;
    let mut outermost = usize::MAX;
    for candidate in lines[..at.line - 1].iter().rev().filter(|l| content(l)) {
        let (start, key) = columns(candidate);
        if start < outermost {
            outermost = start;
            lines_up |= key == Some(indent);
        }
        if start == 0 {
            break;
        }
    }
    if !has_text || indent > key || lines_up {
        return None;
    }
    let name = above.trim_start().trim_start_matches("- ").split(':').next().unwrap_or("").trim();
    Some(
        Diagnostic::new(format!(
            "indraget stämmer inte: rad {} ser ut att fortsätta texten på rad {number}, men står {indent} blanksteg in",
            at.line
        ))
        .at(Some(Position { line: at.line, column: indent + 1, width: line.trim().chars().count().max(1) }))
        .note(format!(
            "en text som fortsätter på nästa rad ska stå längre in än sin nyckel, och `{name}` står {key} in; annars läser YAML raden som en ny nyckel utan kolon"
        ))
        .note(format!("rad {number}: `{above}`"))
        .hint(format!(
            "dra in rad {} längre än `{name}`, till exempel {} blanksteg, eller skriv texten som ett block: `{name}: |` med raderna indragna under",
            at.line,
            key + 2
        )),
    )
}

/// An indentation slip at `at`: the line that does not line up and the line above it should
/// line up with, and how many spaces to move it which way.
fn misaligned(source: &str, at: Position) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().collect();
    let line = *lines.get(at.line - 1)?;
    let indent = indentation(line);
    let is_item = line[indent..].starts_with("- ");
    // The nearest line above (not empty, not a comment) whose item or key column is close,
    // within the block the line stands in: a line further out than that ends the search.
    let above = (0..at.line - 1)
        .rev()
        .map_while(|i| {
            let candidate = lines[i];
            let trimmed = candidate.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                return Some(None);
            }
            // A list item's keys stand two columns right of its `-`.
            let (start, key) = columns(candidate);
            if key.unwrap_or(start).max(start) + 2 < indent {
                return None;
            }
            Some(Some((i, candidate, trimmed)))
        })
        .flatten()
        .find_map(|(i, candidate, trimmed)| {
            let (start, key) = columns(candidate);
            let target =
                if is_item { trimmed.starts_with("- ").then_some(start) } else { key.or(Some(start)) }?;
            (target != indent && target.abs_diff(indent) <= 2).then_some((i + 1, candidate, target))
        })?;
    let (number, above_line, target) = above;
    let moves = target.abs_diff(indent);
    let direction = if target > indent { "åt höger" } else { "åt vänster" };
    let spaces = if moves == 1 { "ett blanksteg" } else { "två blanksteg" };
    let what =
        if is_item { "`-`".to_owned() } else { format!("`{}`", line.trim().split(':').next().unwrap_or("")) };
    let under = if is_item {
        "`-`".to_owned()
    } else {
        let above_trimmed = above_line.trim_start().trim_start_matches("- ");
        format!("`{}`", above_trimmed.split(':').next().unwrap_or(""))
    };
    Some(
        Diagnostic::new(format!(
            "indraget stämmer inte: rad {} står {indent} blanksteg in, men rad {number} ovanför, som den hör ihop med, står {target} in",
            at.line
        ))
            .at(Some(Position { line: at.line, column: indent + 1, width: line.trim().chars().count().max(1) }))
            .note(format!("rad {number}: `{above_line}`"))
            .note(format!("rad {}: `{line}`", at.line))
            .hint(format!(
                "flytta rad {} {spaces} {direction}, så att {what} står rakt under {under} på rad {number}",
                at.line
            )),
    )
}

/// are a list of years, not a decimal.
pub fn decimal_comma(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut depth = 0usize;
    let mut quote = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), c) if q == c => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if i > 0 && chars[i - 1] == ' ' => return None,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, d) if depth > 0 && d.is_ascii_digit() && (i == 0 || " [{:,-".contains(chars[i - 1])) => {
                let whole: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
                let after = i + whole.chars().count();
                if chars.get(after) == Some(&',') {
                    let decimals: String =
                        chars[after + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
                    if (1..=3).contains(&decimals.len()) {
                        return Some(format!("{whole},{decimals}"));
                    }
                }
                i = after;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Adds to every diagnostic on a line with a decimal comma inside `[ ]` or `{ }` what the
/// comma did there, and the fix; a list `[1,5, 2]` reads as three values and meets its
/// error only later (too many amounts), far from the comma.
pub fn explain_decimal_commas(source: &str, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut() {
        let Some(line) = d.position.and_then(|p| source.lines().nth(p.line - 1)) else { continue };
        if d.message.contains("decimalkomma") {
            continue;
        }
        if let Some(number) = decimal_comma(line) {
            d.notes.push(format!(
                "`{number}` står inom [ ] eller {{ }}, där kommat skiljer värden åt: YAML läser det som två tal"
            ));
            d.hint = Some(
                format!("skriv talet inom citattecken, \"{number}\", eller skriv listan som rader som börjar med `- `")
                    .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_key_suggests_near_misspellings_only() {
        let keys = ["rubrik", "text", "innehåll", "avsnitt"];
        assert_eq!(closest("rubik", &keys), Some("rubrik"));
        assert_eq!(closest("innehall", &keys), Some("innehåll"));
        assert_eq!(closest("pengar", &keys), None);
    }

    #[test]
    fn a_comma_inside_a_flow_value_is_found() {
        let line = "      - { namn: Personal (3,5 årsarbetare), belopp: [1, 2] }";
        assert_eq!(
            comma_in_flow_value(line, "5 årsarbetare)"),
            Some(("namn".to_owned(), "Personal (3,5 årsarbetare)".to_owned(), 17))
        );
        assert_eq!(comma_in_flow_value("a: b, c", "c"), None);
        assert_eq!(comma_in_flow_value("- { namn: A, typ: region, roll: B }", "roll"), None);
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break() {
        assert_eq!(lone_carriage_returns("a: 1\rb: 2\r\nc: 3"), "a: 1\nb: 2\r\nc: 3");
    }

    #[test]
    fn byte_order_mark_is_dropped_and_nul_refused() {
        let file = Path::new("p.yaml");
        assert_eq!(decode(file, b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        let error = decode(file, b"a: 1\nb: \0").unwrap_err().to_string();
        assert!(error.contains("p.yaml:2:4"), "{error}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let error = decode(Path::new("p.yaml"), b"a: 1\nb: \xff\n").unwrap_err().to_string();
        assert!(error.contains("UTF-8") && error.contains("p.yaml:2:4"), "{error}");
    }
}
