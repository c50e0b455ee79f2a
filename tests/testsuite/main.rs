//! vplan's integration tests: one test binary, a module per concern.
//!
//! - `examples`: the real binary builds every plan in plans/; the PDFs are checked for
//!   meaning (text, page count, contents list) against the seed each plan reproduces.
//! - `snapshots`: the generated Typst of every example plan, as insta snapshots.
//! - `errors`: every broken plan in tests/fixtures/invalid/ fails with exit code 1 and a
//!   Swedish message, snapshotted; nothing is written.
//! - `special`: every Typst special character typed in a plan appears as itself in the PDF.
//! - `cli`: help, usage errors and output-path handling.
//! - `year_over_year`: `vplan ny`, `vplan diff`, the predecessor plan, git textconv.
//! - `look`: a förbund's own look: theme, cover, header and footer, own templates.
//! - `makeup`: page make-up (tables whole or broken between groups, nothing stranded, no
//!   broken numbers, Swedish punctuation) read back with pdftotext and pikepdf, and the
//!   independent validator page-validation (PDF/A-2a, PDF/UA-1).
//! - `output`: the progress line, `-v`, `--png` and no colour codes off a terminal.
//! - `watch`: the real `vplan watch` rebuilds on a save by rename and keeps the last good PDF.
//! - `schema`: `vplan schema` matches the committed schema, which the example plans pass and
//!   the plans the parser refuses for their keys and types fail.

mod accessibility;
mod cli;
mod document;
mod errors;
mod examples;
mod hostile;
mod look;
mod makeup;
mod output;
mod schema;
mod snapshots;
mod special;
mod support;
mod watch;
mod year_over_year;
