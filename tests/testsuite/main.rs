//! vplan's integration tests: one test binary, a module per concern.
//!
//! - `examples`: the real binary builds every plan in plans/; the PDFs are checked for
//!   meaning (text, page count, contents list) against the seed each plan reproduces.
//! - `snapshots`: the generated Typst of every example plan, as insta snapshots.
//! - `errors`: every broken plan in tests/fixtures/invalid/ fails with exit code 1 and a
//!   Swedish message, snapshotted; nothing is written.
//! - `html`: the web page and its summary (`--html`, `--html-sammanfattning`) of every example
//!   plan, parsed and checked against the PDF's expectations; HTML special characters stay
//!   text; two builds are byte-identical; axe-core in headless Chromium finds no violation.
//! - `kinds`: the plan, the appendix and a third document kind made only in the test go through
//!   one pipeline to a PDF and a web page, each PDF with its own identifier.
//! - `special`: every Typst special character typed in a plan appears as itself in the PDF.
//! - `cli`: help, usage errors and output-path handling.
//! - `year_over_year`: `vplan ny`, `vplan diff`, the predecessor plan, git textconv.
//! - `appendix`: `vplan diff` and its PDF appendix in words a styrelse understands, with
//!   tables, images and the eget kapital history compared.
//! - `cover`: the cover and title as förbund write them: the year, a slogan, an ingress, the
//!   cover facts without a cover page, headings in capitals, landsting, målområden twice.
//! - `look`: a förbund's own look: theme, cover, header and footer, own templates.
//! - `makeup`: page make-up (tables whole or broken between groups, nothing stranded, no
//!   broken numbers, Swedish punctuation) read back with pdftotext and pikepdf, and the
//!   independent validator page-validation (PDF/A-2a, PDF/UA-1).
//! - `output`: the progress line, `-v`, `--png` and no colour codes off a terminal.
//! - `watch`: the real `vplan watch` rebuilds on a save by rename and keeps the last good PDF.
//! - `layering`: the arrows between modules in src/, read with syn, are the ones
//!   docs/arkitektur.md allows and keep its three rules (no cycle, no stage uses a later one,
//!   leaves use only `error`); each evasion is planted and caught.
//! - `rooms`: no file in src/ over 600 lines, no function over 120.
//! - `warnings`: every plan in tests/fixtures/warnings/ passes with exit code 0 and the one
//!   warning of the lint rule it is named after, snapshotted; every rule has such a plan.
//! - `schema`: `vplan schema` matches the committed schema, which the example plans pass and
//!   the plans the parser refuses for their keys and types fail.
//! - `fuzzed`: the plans the fuzz target found (tests/fixtures/fuzz/) are built or refused
//!   with exit 0 or 1, alike by `check` and `build`, never a panic or exit 2.
//! - `properties`: property tests (proptest) on generated plans: any text builds as typed or
//!   is refused alike by `check` and `build`, the budget adds up under every sign convention,
//!   `vplan ny` moves years and amounts together, and a plan differs from itself in nothing.
//! - `followup`: follow-ups of an adopted plan (delårsrapport, årsredovisning): the examples'
//!   figures exact, broken follow-ups refused, `ny-uppföljning`, `text` and `diff`, and the
//!   sums as a property.
//! - `books`: SIE files of types 2–4 reconciled against a test plan line by line, broken SIE
//!   files with their Swedish errors, unmapped and doubly claimed accounts, and a property:
//!   mapped + unmapped = the books' result.
//! - `messages`: what a user types or passes on the command line gets a Swedish message that
//!   says what is wrong and how to fix it (`diff --rev`, `ny --år`, `vplan text`).
//! - `docs`: every relative link and anchor in README.md and docs/ resolves, docs/format.md
//!   names every key the parser accepts, and the README stays short.

mod accessibility;
mod appendix;
mod books;
mod cli;
mod cover;
mod docs;
mod document;
mod errors;
mod examples;
mod finsam;
mod followup;
mod fuzzed;
mod hostile;
mod html;
mod kinds;
mod layering;
mod look;
mod makeup;
mod messages;
mod output;
mod properties;
mod rooms;
mod schema;
mod snapshots;
mod special;
mod support;
mod warnings;
mod watch;
mod year_over_year;
