//! vplan builds a samordningsförbund's verksamhetsplan from one YAML file to a finished PDF.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`plan`]: read the YAML file and check it → [`plan::Loaded`] (what the user wrote)
//! 2. [`budget`]: compute every total, result and balance → [`budget::Budget`] (what vplan computed)
//! 3. [`render`]: fill the templates → Typst source
//! 4. [`compile`]: lay it out with the embedded Typst compiler → a paged document
//! 5. [`export`]: write the PDF through a temporary file renamed into place
//!
//! [`run`] drives these stages for the commands in [`cli`]; `main` only maps the result to an
//! exit code. [`build_with`] is the one place the stages run in order; `vplan build` and
//! `vplan watch` ([`watch`]) both call it.

pub mod budget;
pub mod cli;
pub mod compile;
pub mod error;
pub mod export;
pub mod fonts;
pub mod plan;
pub mod progress;
pub mod render;
pub mod schema;
pub mod starter;
pub mod swedish;
pub mod templates;
pub mod watch;
pub mod yaml;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cli::{BuildArgs, CheckArgs, Command};
use error::{Diagnostic, Error};

/// What a successful build produced.
#[derive(Debug)]
pub struct Built {
    /// The PDF file written.
    pub pdf: PathBuf,
    /// Its number of pages.
    pub pages: usize,
    /// The page images written (`--png`), in page order.
    pub images: Vec<PathBuf>,
    /// Warnings about the plan.
    pub warnings: Vec<Diagnostic>,
    /// The plan file's text, for showing the warnings' lines.
    pub plan_source: String,
    /// How long each stage took, in order.
    pub stages: Vec<(Stage, Duration)>,
    /// How long the whole build took.
    pub elapsed: Duration,
}

/// A stage of a build, as `vplan build -v` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking the plan.
    Plan,
    /// Computing the budget.
    Budget,
    /// Filling the templates.
    Render,
    /// Writing the Typst source (`--typ`).
    Typ,
    /// Laying out the document with Typst.
    Compile,
    /// Making the PDF.
    Pdf,
    /// Writing the PDF file.
    Write,
    /// Drawing and writing the page images.
    Png,
}

impl Stage {
    /// The stage's Swedish name.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Plan => "läsa och kontrollera planen",
            Stage::Budget => "räkna ut budgeten",
            Stage::Render => "fylla i mallarna",
            Stage::Typ => "skriva Typst-källan",
            Stage::Compile => "sätta dokumentet (Typst)",
            Stage::Pdf => "skapa PDF",
            Stage::Write => "skriva PDF-filen",
            Stage::Png => "rita och skriva sidbilderna",
        }
    }
}

/// Runs a command. Problems with single plans are printed as they occur; the returned error
/// says how the run as a whole ended.
pub fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build(args) => build_all(&args),
        Command::Check(args) => check_all(&args),
        Command::NewPlan(args) => new_plan(&args),
        Command::Schema(args) => write_schema(&args),
        Command::Watch(args) => watch::watch(&args),
    }
}

fn new_plan(args: &cli::NewPlanArgs) -> Result<(), Error> {
    use chrono::Datelike;
    let starter = starter::Starter {
        name: args.name.clone().unwrap_or_else(|| "Exempelbygdens samordningsförbund".to_owned()),
        // A starter plan is written in the autumn for the coming year.
        year: args.year.unwrap_or_else(|| chrono::Local::now().year() + 1),
    };
    let output = args.output.clone().unwrap_or_else(|| starter.file_name());
    starter::write(&starter, &output)?;
    println!("{}: startplan för {} {}", output.display(), starter.name, starter.year);
    Ok(())
}

fn write_schema(args: &cli::SchemaArgs) -> Result<(), Error> {
    let text = schema::text();
    match &args.output {
        Some(output) => {
            export::write_atomically(output, text.as_bytes())?;
            println!("{}: JSON-schema för planformatet", output.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn build_all(args: &BuildArgs) -> Result<(), Error> {
    if args.output.is_some() && args.plans.len() > 1 {
        return Err(Error::User(
            Diagnostic::new("-o går bara att använda med en plan")
                .hint("bygg planerna var för sig, eller utelämna -o så hamnar varje PDF bredvid sin plan"),
        ));
    }
    let options = args.options();
    each_plan(&args.plans, |file| {
        let output = args.output.clone().unwrap_or_else(|| file.with_extension("pdf"));
        let built = build_with(&mut Session::default(), file, &output, &options)?;
        print_warnings(file, &built.plan_source, &built.warnings);
        print!("{}", progress::built(&built, args.verbose));
        Ok(())
    })
}

/// How a plan is built, beyond where it goes.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also write the generated Typst source beside the PDF.
    pub typ: bool,
    /// The PDF standards to conform to.
    pub standards: export::Standards,
    /// Also write one PNG image per page beside the PDF, at this many pixels per inch.
    pub png: Option<f32>,
}

/// What stays from one build of a plan to the next: the compiler's world, with its parsed
/// sources. `vplan watch` keeps one; a single build starts from an empty one.
#[derive(Default)]
pub struct Session {
    world: Option<compile::PlanWorld>,
}

impl Session {
    /// The files in the plan's folder that the last build's compilation read.
    pub fn dependencies(&self) -> Vec<PathBuf> {
        self.world.as_ref().map(compile::PlanWorld::dependencies).unwrap_or_default()
    }
}

/// Builds one plan into `output`, through all five stages.
pub fn build(
    file: &Path,
    output: &Path,
    write_typ: bool,
    standards: &export::Standards,
) -> Result<Built, Error> {
    let options = BuildOptions { typ: write_typ, standards: standards.clone(), png: None };
    build_with(&mut Session::default(), file, output, &options)
}

/// Builds one plan into `output` in `session`, timing each stage.
pub fn build_with(
    session: &mut Session,
    file: &Path,
    output: &Path,
    options: &BuildOptions,
) -> Result<Built, Error> {
    let start = Instant::now();
    export::check_target(file, output)?;
    let Prepared { loaded, source, mut warnings, mut clock, .. } = prepare(file)?;
    if options.typ {
        export::write_atomically(&output.with_extension("typ"), source.as_bytes())?;
        clock.lap(Stage::Typ);
    }
    let (document, typst_warnings) = compile::compile_in(&mut session.world, &loaded, source)?;
    clock.lap(Stage::Compile);
    let pdf = export::pdf(&loaded, &document, &options.standards)?;
    clock.lap(Stage::Pdf);
    export::write_atomically(output, &pdf)?;
    clock.lap(Stage::Write);
    let mut images = Vec::new();
    if let Some(ppi) = options.png {
        images = export::png(&document, output, ppi)?;
        clock.lap(Stage::Png);
    }
    warnings.extend(typst_warnings);
    Ok(Built {
        pdf: output.to_path_buf(),
        pages: document.pages().len(),
        images,
        warnings,
        plan_source: loaded.source,
        stages: clock.stages,
        elapsed: start.elapsed(),
    })
}

/// The stages `build` and `check` share: the checked plan, its figures, its Typst source (which
/// also finds the errors inside Markdown text), and every warning about the plan.
struct Prepared {
    loaded: plan::Loaded,
    computed: budget::Computed,
    source: String,
    warnings: Vec<Diagnostic>,
    /// The stages' times so far.
    clock: Stopwatch,
}

fn prepare(file: &Path) -> Result<Prepared, Error> {
    let mut clock = Stopwatch::start();
    let loaded = plan::load(file)?;
    clock.lap(Stage::Plan);
    let computed = budget::compute(&loaded.plan);
    clock.lap(Stage::Budget);
    let source = render::render(&loaded, &computed)?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(computed.warnings.iter().cloned());
    warnings.extend(missing_glyphs(&source));
    clock.lap(Stage::Render);
    Ok(Prepared { loaded, computed, source, warnings, clock })
}

/// Times a build's stages one after the other, for `vplan build -v`.
struct Stopwatch {
    last: Instant,
    stages: Vec<(Stage, Duration)>,
}

impl Stopwatch {
    fn start() -> Self {
        Self { last: Instant::now(), stages: Vec::new() }
    }

    /// Records that `stage` has just ended.
    fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

fn check_all(args: &CheckArgs) -> Result<(), Error> {
    each_plan(&args.plans, |file| {
        let Prepared { loaded, computed, warnings, .. } = prepare(file)?;
        print_warnings(file, &loaded.source, &warnings);
        let mut out = std::io::stdout().lock();
        let count = match warnings.len() {
            0 => "inga varningar".to_owned(),
            1 => "1 varning".to_owned(),
            n => format!("{n} varningar"),
        };
        let _ = writeln!(out, "{}: planen är giltig ({count})", file.display());
        if let Some(budget) = &computed.budget {
            let _ = write!(out, "{}", budget_text(budget));
        }
        if let Some(table) = &computed.contributions {
            let _ = write!(out, "{}", contributions_text(table));
        }
        Ok(())
    })
}

/// Runs `step` on every plan, printing each failure, and fails if any failed.
fn each_plan(plans: &[PathBuf], mut step: impl FnMut(&Path) -> Result<(), Error>) -> Result<(), Error> {
    let mut worst: Option<Error> = None;
    let mut failed = 0;
    for file in plans {
        if let Err(e) = step(file) {
            failed += 1;
            if plans.len() == 1 {
                return Err(e);
            }
            eprint!("{e}");
            if worst.as_ref().is_none_or(|w| e.exit_code() > w.exit_code()) {
                worst = Some(e);
            }
        }
    }
    match worst {
        None => Ok(()),
        Some(worst) => Err(Error::Failed { failed, total: plans.len(), exit_code: worst.exit_code() }),
    }
}

pub(crate) fn print_warnings(file: &Path, source: &str, warnings: &[Diagnostic]) {
    for warning in warnings {
        eprint!("{}", error::render("varning", warning, Some((file, source))));
    }
}

/// The computed budget as a text table for the terminal.
pub fn budget_text(budget: &budget::Budget) -> String {
    use budget::RowKind;
    let plain = |text: String| text.replace(swedish::NBSP, " ");
    let labels: Vec<String> = budget
        .rows
        .iter()
        .map(|r| {
            let mut label = String::new();
            if let Some(id) = &r.id {
                label.push_str(id);
                label.push(' ');
            }
            if r.indented {
                label.insert_str(0, "  ");
            }
            label.push_str(&r.label);
            if r.note.is_some() {
                label.push_str(" (not)");
            }
            label
        })
        .collect();
    let cells: Vec<Vec<String>> = budget
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.as_ref().map(|a| plain(swedish::amount(a.value))).unwrap_or_default())
                .collect()
        })
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(12);
    let column_width =
        cells.iter().flatten().chain(&budget.headings).map(|c| c.chars().count()).max().unwrap_or(4).max(6);
    let mut out = format!("\n  Budget (belopp i {})\n  {:label_width$}", budget.unit.label(), "");
    for heading in &budget.headings {
        out.push_str(&format!("  {heading:>column_width$}"));
    }
    out.push('\n');
    for ((row, label), amounts) in budget.rows.iter().zip(&labels).zip(&cells) {
        if matches!(row.kind, RowKind::Total | RowKind::Result) {
            out.push_str(&format!(
                "  {}\n",
                "-".repeat(label_width + (column_width + 2) * budget.headings.len())
            ));
        }
        let pad = label_width.saturating_sub(label.chars().count());
        out.push_str(&format!("  {label}{}", " ".repeat(pad)));
        for amount in amounts {
            out.push_str(&format!("  {amount:>column_width$}"));
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The member contributions as a text table for the terminal.
pub fn contributions_text(table: &budget::ContributionTable) -> String {
    let plain = |text: String| text.replace(swedish::NBSP, " ");
    let width =
        table.rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0).max(table.total_label.len());
    let mut out = format!("  Medlemsbidrag {} (kr)\n", table.year);
    for row in &table.rows {
        out.push_str(&format!(
            "  {:width$}  {:>8}  {:>12}\n",
            row.name,
            plain(swedish::percent_precise(row.percent)),
            plain(swedish::amount(row.amount))
        ));
    }
    out.push_str(&format!(
        "  {:width$}  {:>8}  {:>12}\n\n",
        table.total_label,
        "100 %",
        plain(swedish::amount(table.total))
    ));
    out
}

/// A warning for characters that no embedded font has; they would print as empty boxes.
fn missing_glyphs(source: &str) -> Option<Diagnostic> {
    let missing = compile::fonts_cover(source);
    (!missing.is_empty()).then(|| {
        let list: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
        Diagnostic::new(format!("tecken som vplans typsnitt saknar: {}", list.join(", ")))
            .note("de visas som tomma rutor i PDF-filen")
            .hint("byt ut tecknen, till exempel en emoji mot ett ord")
    })
}

/// A short Swedish reason for an I/O error.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "filen eller mappen finns inte".to_owned(),
        ErrorKind::PermissionDenied => "åtkomst nekad".to_owned(),
        ErrorKind::IsADirectory => "det är en mapp".to_owned(),
        ErrorKind::NotADirectory => "en del av sökvägen är ingen mapp".to_owned(),
        ErrorKind::StorageFull => "disken är full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "filsystemet är skrivskyddat".to_owned(),
        _ => format!("{error}"),
    }
}
