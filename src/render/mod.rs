//! The render stage: fill the templates of a document kind.
//!
//! In: a checked plan and its computed figures. Out: the Typst source of the whole document,
//! as text ([`Rendered`]). Four parts, one file each:
//!
//! - `walker` turns the plan into the view the templates see: a flat list of nodes —
//!   headings, text, tables, the budget table — in reading order;
//! - `views` holds the pieces of that view shared by the PDF and the web page (budget rows,
//!   member contributions, equity history, cover, theme), every figure already formatted the
//!   Swedish way and every note marker handed out;
//! - `engine` is the template engine: the templates in `templates/` only bind those values to
//!   the layout functions of `templates/vplan.typ`, and every value a template prints goes
//!   through the engine's formatter, which escapes it with [`escape`]; that is the only way
//!   user text reaches Typst;
//! - this file puts them together for the plan ([`render`]) and for the other document kinds
//!   ([`document`]).
//!
//! The same view, with the Markdown converted to HTML instead, makes the web page and its
//! summary in [`html`], which has its own escaping point.

pub(crate) mod engine;
pub mod escape;
pub mod figures;
pub mod html;
pub mod markdown;
pub mod typography;
pub(crate) mod views;
pub(crate) mod walker;

use minijinja::Environment;
use serde::Serialize;

use crate::compute::Computed;
use crate::error::Error;
use crate::plan::{self, Loaded};

use self::engine::fill;
use self::views::ThemeView;
use self::walker::{Context, Target};

/// The generated Typst of one plan: the document, and the theme its layout files import.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The document's source (the world's main file).
    pub main: String,
    /// The source of `tema.typ`: the plan's colours and fonts.
    pub theme: String,
}

/// Renders the plan's Typst source.
pub fn render(loaded: &Loaded, computed: &Computed) -> Result<Rendered, Error> {
    let (context, _) = Context::build(loaded, computed, Target::Typst)?;
    let environment = engine::typst()?;
    let main = fill(&environment, "plan.typ.j2", &context)?;
    let theme = fill(&environment, "tema.typ.j2", &context)?;
    Ok(Rendered { main, theme })
}

/// The theme of a plan without `utseende`: vplan's own look (for the benchmarks' floor).
pub fn default_theme() -> Result<String, Error> {
    theme(&engine::typst()?, &plan::Look::default())
}

/// The source of `tema.typ` for a look.
fn theme(environment: &Environment, look: &plan::Look) -> Result<String, Error> {
    #[derive(Serialize)]
    struct ThemeOnly {
        theme: ThemeView,
    }
    fill(environment, "tema.typ.j2", ThemeOnly { theme: ThemeView::new(look) })
}

/// Fills the Typst template `name` of a document kind other than the plan (see
/// [`crate::documents`]) with `view`, and the theme of `look` that its layout files import.
pub fn document(name: &str, view: impl Serialize, look: &plan::Look) -> Result<Rendered, Error> {
    let environment = engine::typst()?;
    let main = fill(&environment, name, view)?;
    Ok(Rendered { main, theme: theme(&environment, look)? })
}
