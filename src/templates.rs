//! vplan's templates, embedded in the binary from `templates/`.
//!
//! In: nothing. Out: the minijinja templates that bind a document's data (the render stage)
//! and the Typst library that holds the layout (read by the Typst world in the compile stage).
//! A plan's own templates (`utseende.mallar`) may replace any file of [`TYPST`] by giving a
//! file the same name; `vplan mallar` gives the user copies to start from. A leaf: constants
//! only.

/// The virtual folder inside the Typst world that holds vplan's own Typst files.
pub const TEMPLATE_ROOT: &str = "/.vplan";

/// The minijinja templates, by name: the document, and the theme it imports.
pub const JINJA: &[(&str, &str)] = &[
    ("plan.typ.j2", include_str!("../templates/plan.typ.j2")),
    ("tema.typ.j2", include_str!("../templates/tema.typ.j2")),
    ("andringar.typ.j2", include_str!("../templates/andringar.typ.j2")),
    ("uppfoljning.typ.j2", include_str!("../templates/uppfoljning.typ.j2")),
];

/// The minijinja templates of the web page and its summary (`--html`, `--html-sammanfattning`),
/// by name: the pages, their shared style sheet and their shared tables, and the appendix's
/// page.
pub const HTML: &[(&str, &str)] = &[
    ("plan.html.j2", include_str!("../templates/plan.html.j2")),
    ("sammanfattning.html.j2", include_str!("../templates/sammanfattning.html.j2")),
    ("stil.css.j2", include_str!("../templates/stil.css.j2")),
    ("delar.html.j2", include_str!("../templates/delar.html.j2")),
    ("andringar.html.j2", include_str!("../templates/andringar.html.j2")),
    ("uppfoljning.html.j2", include_str!("../templates/uppfoljning.html.j2")),
];

/// The generated theme's file name in the world's template folder (rendered from
/// `tema.typ.j2`; not one of the files a plan can replace, its values come from `utseende`).
pub const THEME: &str = "tema.typ";

/// vplan's own Typst files, by name under the world's template folder.
pub const TYPST: &[(&str, &[u8])] = &[
    ("vplan.typ", include_bytes!("../templates/vplan.typ")),
    ("sidor.typ", include_bytes!("../templates/sidor.typ")),
    ("omslag.typ", include_bytes!("../templates/omslag.typ")),
    ("rubriker.typ", include_bytes!("../templates/rubriker.typ")),
    ("innehall.typ", include_bytes!("../templates/innehall.typ")),
    ("tabeller.typ", include_bytes!("../templates/tabeller.typ")),
    ("budget.typ", include_bytes!("../templates/budget.typ")),
    ("beslut.typ", include_bytes!("../templates/beslut.typ")),
    ("andringar.typ", include_bytes!("../templates/andringar.typ")),
    ("uppfoljning.typ", include_bytes!("../templates/uppfoljning.typ")),
];
