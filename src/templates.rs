//! vplan's templates, embedded in the binary from `templates/`.
//!
//! In: nothing. Out: the minijinja templates that bind a plan's data (stage 3) and the Typst
//! library that holds the layout (read by the Typst world in stage 4).

/// The minijinja templates, by name.
pub const JINJA: &[(&str, &str)] = &[
    ("plan.typ.j2", include_str!("../templates/plan.typ.j2")),
    ("andringar.typ.j2", include_str!("../templates/andringar.typ.j2")),
];

/// vplan's own Typst files, by name under the world's template folder.
pub const TYPST: &[(&str, &[u8])] = &[
    ("vplan.typ", include_bytes!("../templates/vplan.typ")),
    ("andringar.typ", include_bytes!("../templates/andringar.typ")),
];
