//! vplan builds a samordningsförbund's verksamhetsplan from one YAML file to a finished PDF.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`plan`]: read the YAML file and check it → [`plan::Loaded`] (what the user wrote)
//! 2. [`compute`]: compute every total, result and balance → [`compute::Computed`] (what vplan computed)
//! 3. [`lint`]: every warning on a valid plan, from what the user wrote and what vplan computed
//! 4. [`render`]: fill the templates → Typst source
//! 5. [`compile`]: lay it out with the embedded Typst compiler → a paged document
//! 6. [`export`]: write the PDF through a temporary file renamed into place
//!
//! [`run`] drives these stages for the commands in [`cli`]; `main` only maps the result to an
//! exit code. [`build_with`] is the one place the stages run in order; `vplan build` and
//! `vplan watch` ([`watch`]) both call it. Beside the pipeline: [`next_year`] (`vplan ny`)
//! edits a plan's YAML for the next year, [`compare`] (`vplan diff`, `vplan text`) compares
//! two plans, [`schema`] prints the plan format as JSON Schema.

pub mod cli;
pub mod compare;
pub mod compile;
pub mod compute;
pub mod error;
pub mod export;
pub mod files;
pub mod fonts;
pub mod lint;
pub mod next_year;
pub mod plan;
pub mod progress;
pub mod render;
pub mod schema;
pub mod starter;
pub mod swedish;
pub mod templates;
pub mod validate;
pub mod watch;
pub mod yaml;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cli::{BuildArgs, CheckArgs, Command, DiffArgs, NextArgs, TextArgs};
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
        Command::Next(args) => next_plan(&args),
        Command::Diff(args) => diff(&args),
        Command::Text(args) => plan_text(&args),
        Command::Templates(args) => write_templates(&args),
        Command::Schema(args) => write_schema(&args),
        Command::Watch(args) => watch::watch(&args),
    }
}

/// `vplan ny`: next year's plan, written beside this one unless `-o` says otherwise.
fn next_plan(args: &NextArgs) -> Result<(), Error> {
    let Prepared { loaded, computed, .. } = prepare(&args.plan)?;
    let old_year = loaded.plan.document.year.value;
    let year = args.year.unwrap_or(old_year + 1);
    let output = args.output.clone().unwrap_or_else(|| next_year::default_output(&args.plan, old_year, year));
    if output.exists() {
        return Err(Error::User(
            Diagnostic::new(format!("filen {} finns redan", output.display()))
                .hint("välj ett annat namn med -o, så skrivs ingen befintlig plan över"),
        ));
    }
    let folder = output_folder(&output)?;
    // The new plan names this one as its predecessor when it can: in the same folder.
    let predecessor = (folder == loaded.folder)
        .then(|| args.plan.file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten();
    let next = next_year::next_year(&loaded, &computed, year, predecessor.as_deref())?;
    // vplan only moved years and amounts on, so the result must read back as a valid plan.
    let invalid = |e: Error| Error::Bug(format!("den nya planen blev inte giltig:\n{e}"));
    let reread =
        plan::load_bytes(&output, next.yaml.as_bytes(), folder, plan::Files::Check).map_err(invalid)?;
    render::render(&reread, &compute::compute(&reread.plan, None)).map_err(invalid)?;
    export::write_atomically(&output, next.yaml.as_bytes())?;

    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}: planen för {year}, från {}", output.display(), args.plan.display());
    if let (Some(opening), Some(unit)) = (next.opening, loaded.plan.budget.as_ref().map(|b| b.unit)) {
        let _ = writeln!(
            out,
            "  ingående eget kapital: {} {} (utgående {} enligt {})",
            swedish::amount(opening).replace(swedish::NBSP, " "),
            unit.label(),
            year - 1,
            args.plan.display()
        );
    }
    let _ = writeln!(
        out,
        "  att fylla i: {} (vplan check påminner tills de är ifyllda)",
        next.to_fill.join(", ")
    );
    for note in &next.notes {
        let _ = writeln!(out, "  obs: {note}");
    }
    if !next.old_year_mentions.is_empty() {
        let _ = writeln!(
            out,
            "  {} rader i texterna nämner {old_year}; läs igenom dem:",
            next.old_year_mentions.len()
        );
        for (line, text) in next.old_year_mentions.iter().take(MAX_MENTIONS) {
            let short: String = text.chars().take(70).collect();
            let more = if short.len() < text.len() { " …" } else { "" };
            let _ = writeln!(out, "    rad {line}: {short}{more}");
        }
        if next.old_year_mentions.len() > MAX_MENTIONS {
            let _ = writeln!(out, "    … och {} till", next.old_year_mentions.len() - MAX_MENTIONS);
        }
    }
    Ok(())
}

/// How many of the old year's mentions `vplan ny` lists.
const MAX_MENTIONS: usize = 12;

/// The canonical folder a new file will be written in.
fn output_folder(output: &Path) -> Result<PathBuf, Error> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.canonicalize().map_err(|e| {
        Error::User(Diagnostic::new(format!(
            "mappen {} går inte att skriva i: {}",
            parent.display(),
            io_reason(&e)
        )))
    })
}

/// `vplan diff`: the comparison on the terminal, and as a PDF appendix on request.
fn diff(args: &DiffArgs) -> Result<(), Error> {
    // The newer plan's own templates (`utseende.mallar`) shape the appendix, so for a PDF its
    // files are checked; otherwise diff reads plans without their images.
    let files = if args.pdf.is_some() { plan::Files::Check } else { plan::Files::Skip };
    let (old, new) = match (&args.rev, args.plans.as_slice()) {
        (None, [old, new]) => (plan::load_with(old, plan::Files::Skip)?, plan::load_with(new, files)?),
        (Some(rev), [file]) => (load_from_git(file, rev)?, plan::load_with(file, files)?),
        (None, _) => {
            return Err(Error::User(
                Diagnostic::new("diff behöver två planer, eller en plan och --rev").hint(
                    "till exempel `vplan diff gammal.yaml ny.yaml` eller `vplan diff plan.yaml --rev HEAD`",
                ),
            ));
        }
        (Some(_), _) => {
            return Err(Error::User(
                Diagnostic::new("--rev jämför en plan med sig själv i git; ange bara en plan")
                    .hint("till exempel `vplan diff plan.yaml --rev HEAD~1`"),
            ));
        }
    };
    let name = |l: &plan::Loaded| l.file.display().to_string();
    let (old_computed, new_computed) = (compute::compute(&old.plan, None), compute::compute(&new.plan, None));
    let changes =
        compare::compare((&old.plan, &old_computed), (&new.plan, &new_computed), &name(&old), &name(&new));
    let style = if colours(&std::io::stdout()) { compare::Style::Colour } else { compare::Style::Plain };
    print!("{}", compare::text(&changes, style));
    if let Some(output) = &args.pdf {
        export::check_target(&new.file, output)?;
        let source = render::changes(&new, &changes)?;
        let (document, _) = compile::compile(&new, source)?;
        let pdf = export::pdf_part(&new, &document, &export::Standards::default(), ":förändringar")?;
        export::write_atomically(output, &pdf)?;
        println!("{}: bilaga, {}", output.display(), swedish::count(document.pages().len(), "sida", "sidor"));
    }
    Ok(())
}

/// Whether to colour output: on a terminal, unless `NO_COLOR` is set.
fn colours(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The plan `file` as it was in git revision `rev`.
fn load_from_git(file: &Path, rev: &str) -> Result<plan::Loaded, Error> {
    if rev.starts_with('-') || rev.contains(':') {
        return Err(Error::User(
            Diagnostic::new(format!("`{rev}` är ingen git-revision"))
                .hint("ange en incheckning, en gren eller en tagg, till exempel HEAD~1"),
        ));
    }
    let folder = output_folder(file)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = std::process::Command::new("git")
        .arg("-C")
        .arg(&folder)
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .output()
        .map_err(|e| {
            Error::User(
                Diagnostic::new(format!("git kunde inte startas: {}", io_reason(&e)))
                    .hint("installera git, eller jämför två filer: `vplan diff gammal.yaml ny.yaml`"),
            )
        })?;
    if !shown.status.success() {
        let reason = String::from_utf8_lossy(&shown.stderr);
        return Err(Error::User(
            Diagnostic::new(format!("git har ingen {name} i {rev}"))
                .note(format!("git: {}", reason.lines().next().unwrap_or("").trim()))
                .hint(format!("se planens historik med `git log --oneline -- {}`", file.display())),
        ));
    }
    plan::load_bytes(
        Path::new(&format!("{rev}:{}", file.display())),
        &shown.stdout,
        folder,
        plan::Files::Skip,
    )
}

/// `vplan text`: the plan as text for `git diff`. It never fails on a plan that does not
/// read: git shows the file as it is instead, so a half-written plan still diffs.
fn plan_text(args: &TextArgs) -> Result<(), Error> {
    let bytes = std::fs::read(&args.plan).map_err(|e| {
        Error::User(Diagnostic::new(format!(
            "kan inte läsa planen {}: {}",
            args.plan.display(),
            io_reason(&e)
        )))
    })?;
    let folder = output_folder(&args.plan)?;
    let text = match plan::load_bytes(&args.plan, &bytes, folder, plan::Files::Skip) {
        Ok(loaded) => compare::plan_text(&loaded.plan, &compute::compute(&loaded.plan, None)),
        Err(_) => {
            format!("(vplan kunde inte läsa planen; så här står den)\n{}", String::from_utf8_lossy(&bytes))
        }
    };
    print!("{text}");
    Ok(())
}

fn write_templates(args: &cli::TemplatesArgs) -> Result<(), Error> {
    for file in templates::write(&args.folder)? {
        println!("{}", file.display());
    }
    println!(
        "Behåll de filer du vill ändra och ta bort resten; skriv `mallar:` med mappen under `utseende` i planen."
    );
    Ok(())
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
        export::write_atomically(&output.with_extension("typ"), source.main.as_bytes())?;
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
    computed: compute::Computed,
    source: render::Rendered,
    warnings: Vec<Diagnostic>,
    /// The stages' times so far.
    clock: Stopwatch,
}

fn prepare(file: &Path) -> Result<Prepared, Error> {
    let mut clock = Stopwatch::start();
    let loaded = plan::load(file)?;
    clock.lap(Stage::Plan);
    let predecessor = plan::load_predecessor(&loaded)?;
    let computed = compute::compute(&loaded.plan, predecessor_of(&loaded, predecessor.as_ref()));
    clock.lap(Stage::Budget);
    let source = render::render(&loaded, &computed)?;
    let warnings = lint::lint(&loaded, &computed);
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

/// The predecessor plan as the budget stage needs it.
fn predecessor_of<'a>(
    loaded: &'a plan::Loaded,
    predecessor: Option<&'a plan::Loaded>,
) -> Option<compute::Predecessor<'a>> {
    Some(compute::Predecessor { plan: &predecessor?.plan, name: &loaded.plan.predecessor.as_ref()?.value })
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
pub fn budget_text(budget: &compute::Budget) -> String {
    use compute::RowKind;
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
    let shown = |c: Option<&compute::Amount>| c.map(|a| plain(swedish::amount(a.value))).unwrap_or_default();
    // The columns as the PDF shows the whole table, the predecessor's included.
    let columns = budget.columns(&(0..budget.years.len()).collect::<Vec<_>>());
    let headings: Vec<String> = columns.iter().map(|&c| budget.heading(c)).collect();
    let cells: Vec<Vec<String>> = budget
        .rows
        .iter()
        .map(|r| match r.kind {
            RowKind::Heading => Vec::new(),
            _ => columns.iter().map(|&c| shown(r.cell(c))).collect(),
        })
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(12);
    let column_width =
        cells.iter().flatten().chain(&headings).map(|c| c.chars().count()).max().unwrap_or(4).max(6);
    let mut out = format!("\n  Budget (belopp i {})\n  {:label_width$}", budget.unit.label(), "");
    for heading in &headings {
        out.push_str(&format!("  {heading:>column_width$}"));
    }
    out.push('\n');
    for ((row, label), amounts) in budget.rows.iter().zip(&labels).zip(&cells) {
        if matches!(row.kind, RowKind::Total | RowKind::Result) {
            out.push_str(&format!("  {}\n", "-".repeat(label_width + (column_width + 2) * headings.len())));
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
pub fn contributions_text(table: &compute::ContributionTable) -> String {
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
