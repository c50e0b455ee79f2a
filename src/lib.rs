//! vplan builds a samordningsförbund's verksamhetsplan from one YAML file to a finished PDF.
//!
//! The pipeline, written once in [`pipeline`], one module per stage:
//!
//! 1. load — [`load`] (with [`yaml`] and [`validate`]): read the YAML file and check it →
//!    [`plan::Loaded`], the [`plan`] as the user wrote it
//! 2. predecessor — [`plan`]: the plan named by `föregående`, read the same way
//! 3. compute — [`compute`]: all arithmetic, every total, result and balance →
//!    [`compute::Computed`], what vplan computed
//! 4. lint — [`lint`]: every warning about a valid plan, one rule per file
//! 5. render — [`render`]: fill the templates of a [`documents`] kind → Typst source
//! 6. compile — [`compile`]: lay it out with the embedded Typst compiler → a paged document
//! 7. export — [`export`] and [`outputs`]: the bytes of each file asked for, all written at
//!    once through [`files`]
//!
//! Around the pipeline: [`cli`] parses the arguments, [`commands`] has one file per command,
//! and [`terminal`] is everything printed. `main` only maps the outcome to an exit code.
//! Beside it: [`next_year`] (`vplan ny`) edits a plan's YAML for the next year, [`compare`]
//! finds what changed between two plans (`vplan diff`), [`schema`] is the plan format as JSON
//! Schema. Leaves that import nothing of vplan but [`error`]: [`error`], [`files`],
//! [`swedish`], [`fonts`], [`templates`].

#![deny(missing_docs)]

pub mod cli;
pub mod commands;
pub mod compare;
pub mod compile;
pub mod compute;
pub mod documents;
pub mod error;
pub mod export;
pub mod files;
pub mod followup;
pub mod fonts;
pub mod lint;
pub mod load;
pub mod next_year;
pub mod outputs;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod schema;
pub mod starter;
pub mod swedish;
pub mod templates;
pub mod terminal;
pub mod validate;
pub mod yaml;
