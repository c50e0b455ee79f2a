//! The template engine: one minijinja set-up for every output format.
//!
//! In: a format's escaping function and its templates. Out: filled text. A misspelt variable
//! is an error, and every printed value goes through the format's one escaping point unless it
//! is markup vplan made itself. [`typst`] is the engine for the PDF's Typst source; the web
//! page's is in [`super::html`].

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use super::escape;
use crate::error::Error;
use crate::templates;

/// Fills the template `name` of `environment` with `context`.
pub(crate) fn fill(environment: &Environment, name: &str, context: impl Serialize) -> Result<String, Error> {
    let template = environment.get_template(name).map_err(|e| Error::bug(format!("mallen {name}: {e:#}")))?;
    template
        .render(minijinja::value::Serde(&context))
        .map_err(|e| Error::bug(format!("mallen {name} kunde inte fyllas i: {e:#}")))
}

/// A template engine for one output format: a misspelt variable is an error, and every
/// printed value goes through `escape`, the format's one escaping point, unless it is markup
/// vplan made itself (a safe value).
pub(crate) fn new(auto: AutoEscape, escape: fn(&str) -> String) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(move |_| auto.clone());
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| Error::bug(format!("mallsyntaxen: {e}")))?;
    env.set_syntax(syntax);
    env.set_formatter(move |out, _state, value| {
        let text = match value.as_str() {
            Some(s) if value.is_safe() => s.to_owned(),
            Some(s) => escape(s),
            None if value.is_none() || value.is_undefined() => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::UndefinedError,
                    "ett tomt värde skrivs ut; mallen ska testa det med `if`",
                ));
            }
            None if value.kind() == minijinja::value::ValueKind::Bool => value.is_true().to_string(),
            None if value.is_number() => value.to_string(),
            None => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("värdet av sorten {} kan inte skrivas ut direkt", value.kind()),
                ));
            }
        };
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    Ok(env)
}

/// The template engine, set up so that a misspelt variable is an error and every printed
/// value is escaped for Typst.
pub(crate) fn typst() -> Result<Environment<'static>, Error> {
    let mut env = new(AutoEscape::Custom("typst".into()), escape::markup)?;
    // `str` prints a value as a Typst string literal, for code positions such as metadata.
    env.add_filter("str", |value: String| Value::from_safe_string(escape::string_literal(&value)));
    for (name, source) in templates::JINJA {
        env.add_template(name, source).map_err(|e| Error::bug(format!("mallen {name}: {e:#}")))?;
    }
    Ok(env)
}
