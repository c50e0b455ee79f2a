//! The pipeline: the order of vplan's stages, written once.
//!
//! ```text
//! plan.yaml ─ load ─ predecessor ─ compute ─ lint ─ render ─ compile ─ export ─▶ files
//!             plan/   plan/         compute/  lint/  render/  compile  export/outputs
//! ```
//!
//! In: what to make — the plan file a document belongs to (or a plan's bytes from git) and a
//! [`Pipeline`] value saying which kind of document to make of it ([`crate::documents`], which
//! carries any further input of its own, such as the appendix's older plan), which files to
//! write ([`crate::outputs`]) and to which PDF standards. Every stage after compute gives the
//! kind one [`Context`] and the kind yields the outputs itself. Out: a [`Checked`] plan (the
//! first five stages, for `vplan check`, `diff`, `ny`) or a [`Built`] document with every file
//! written (all seven). `vplan build`, `check`,
//! `watch`, `diff --pdf`, the snapshot tests and both benchmarks all go through this value; each
//! stage is also a method of it, so a benchmark times exactly the step a build runs.
//!
//! Every file of a build is made in memory first, then written to temporary files that are
//! renamed into place only when all of them are complete ([`crate::files::Batch`]): a build
//! that fails at any stage leaves every earlier output as it was.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::compile::{self, PlanWorld};
use crate::compute::{self, Computed};
use crate::documents::{Context, Document, PlanDocument};
use crate::error::{Diagnostic, Error};
use crate::export::Standards;
use crate::files::{self, Batch};
use crate::load;
use crate::outputs::Output;
use crate::plan::Loaded;
use crate::render::Rendered;
use crate::validate::Files;

/// A stage of the pipeline, as `vplan build -v` names it, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// Reading the plan file and checking it.
    Load,
    /// Reading the predecessor plan (`föregående`), when the plan names one.
    Predecessor,
    /// Computing every total, result and balance.
    Compute,
    /// Looking for what is allowed but probably not meant (warnings).
    Lint,
    /// Filling the templates.
    Render,
    /// Laying out the document with Typst.
    Compile,
    /// Making one output's bytes.
    Export(Output),
    /// Writing every file and renaming them into place.
    Write,
}

impl Stage {
    /// The stage's Swedish name.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "läsa och kontrollera planen",
            Stage::Predecessor => "läsa föregående plan",
            Stage::Compute => "räkna ut budgeten",
            Stage::Lint => "granska planen",
            Stage::Render => "fylla i mallarna",
            Stage::Compile => "sätta dokumentet (Typst)",
            Stage::Export(output) => output.stage_name(),
            Stage::Write => "skriva filerna",
        }
    }
}

/// The warning rules ([`crate::lint::RULES`], by name) that the predecessor plan is looked over
/// with: what was left to fill in or adapt in last year's plan.
const PREDECESSOR_RULES: &[&str] = &["att-fylla-i", "platshallare"];

/// One way of running the stages: the document to make, the files to write and the standards
/// the PDF meets.
pub struct Pipeline<'a> {
    /// The kind of document made from the plan.
    pub document: &'a dyn Document,
    /// The files a build writes, the first being the one named on the command line.
    pub outputs: Vec<Output>,
    /// The PDF standards to conform to.
    pub standards: Standards,
    /// Whether loading checks the files a plan names (images, predecessor, own templates).
    pub files: Files,
}

impl Default for Pipeline<'_> {
    /// The plan as a PDF, checked in full, to PDF/UA-1 and PDF/A-2a.
    fn default() -> Self {
        Self {
            document: &PlanDocument,
            outputs: vec![Output::Pdf],
            standards: Standards::default(),
            files: Files::Check,
        }
    }
}

/// A plan after the first five stages: read, checked, computed, looked over and rendered.
pub struct Checked {
    /// The plan as the user wrote it.
    pub loaded: Loaded,
    /// The predecessor plan (`föregående`), read and checked.
    pub predecessor: Option<Loaded>,
    /// What vplan computed from it.
    pub computed: Computed,
    /// Every warning about the plan, its predecessor and what the document kind read, each
    /// naming its file.
    pub warnings: Vec<Diagnostic>,
    /// The document's Typst source.
    pub rendered: Rendered,
    /// How long each stage took, in order.
    pub stages: Vec<(Stage, Duration)>,
    /// When the first stage started.
    started: Instant,
}

impl Checked {
    /// The text of every file the warnings can be about, by name: the plan, its predecessor and
    /// what the document kind read (`document`).
    pub fn sources(&self, document: &dyn Document) -> Vec<(PathBuf, String)> {
        let mut sources = vec![(self.loaded.file.clone(), self.loaded.source.clone())];
        sources.extend(self.predecessor.iter().map(|p| (p.file.clone(), p.source.clone())));
        sources.extend(document.sources());
        sources
    }
}

/// What stays from one build of a plan to the next: the compiler's world, with its parsed
/// sources. `vplan watch` keeps one; a single build starts from an empty one.
#[derive(Default)]
pub struct Session {
    world: Option<PlanWorld>,
}

impl Session {
    /// The files in the plan's folder that the last build's compilation read.
    pub fn dependencies(&self) -> Vec<PathBuf> {
        self.world.as_ref().map(PlanWorld::dependencies).unwrap_or_default()
    }
}

/// The files one output wrote.
#[derive(Debug)]
pub struct Written {
    /// The output.
    pub output: Output,
    /// Its files, in order (page images by page).
    pub files: Vec<PathBuf>,
}

/// What a successful build produced.
#[derive(Debug)]
pub struct Built {
    /// The file named on the command line (the PDF).
    pub main: PathBuf,
    /// The document's number of pages.
    pub pages: usize,
    /// Every output's files.
    pub written: Vec<Written>,
    /// Warnings about the plan, its predecessor and what the document kind read, and Typst's
    /// own; each names its file.
    pub warnings: Vec<Diagnostic>,
    /// The text of every file the warnings can be about, by name, for showing their lines.
    pub sources: Vec<(PathBuf, String)>,
    /// How long each stage took, in order.
    pub stages: Vec<(Stage, Duration)>,
    /// How long the whole build took.
    pub elapsed: Duration,
}

impl Built {
    /// The texts of the files its warnings are about, for [`crate::terminal::warnings`].
    pub fn sources(&self) -> Vec<(&Path, &str)> {
        self.sources.iter().map(|(file, text)| (file.as_path(), text.as_str())).collect()
    }

    /// The files `output` wrote; none if it was not asked for.
    pub fn files(&self, output: Output) -> &[PathBuf] {
        self.written.iter().find(|w| w.output == output).map(|w| w.files.as_slice()).unwrap_or_default()
    }
}

/// Times the stages one after the other.
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

impl Pipeline<'_> {
    /// Stage load: reads and checks the plan at `file`.
    pub fn load(&self, file: &Path) -> Result<Loaded, Error> {
        load::load_with(file, self.files)
    }

    /// Stage load, for a plan's bytes that are not the file on disk (a plan from git): `file`
    /// names it in messages, and the files it names are not looked at.
    pub fn load_bytes(&self, file: &Path, bytes: &[u8], folder: PathBuf) -> Result<Loaded, Error> {
        load::load_bytes(file, bytes, folder, Files::Skip)
    }

    /// Stage predecessor: the plan named by `föregående`, if any, read and checked.
    pub fn predecessor(&self, loaded: &Loaded) -> Result<Option<Loaded>, Error> {
        load::load_predecessor(loaded)
    }

    /// Stage compute: every figure, with the predecessor's column if there is one.
    pub fn compute(&self, loaded: &Loaded, predecessor: Option<&Loaded>) -> Computed {
        let predecessor = predecessor
            .zip(loaded.plan.predecessor.as_ref())
            .map(|(p, name)| compute::Predecessor { plan: &p.plan, name: &name.value });
        compute::compute(&loaded.plan, predecessor)
    }

    /// What the document kind is given: the plan, its predecessor, the figures, and what this
    /// pipeline asks for.
    pub fn context<'c>(
        &'c self,
        plan: &'c Loaded,
        predecessor: Option<&'c Loaded>,
        computed: &'c Computed,
    ) -> Context<'c> {
        Context { plan, predecessor, computed, standards: &self.standards, outputs: &self.outputs }
    }

    /// Stage lint: every warning about a valid plan, each naming the plan's file, then what was
    /// left unfinished in its predecessor ([`PREDECESSOR_RULES`]), naming the predecessor's
    /// file, then the document kind's own.
    pub fn lint(&self, context: &Context) -> Vec<Diagnostic> {
        let plan = context.plan;
        let mut warnings: Vec<Diagnostic> = crate::lint::lint(plan, context.computed)
            .into_iter()
            .map(|w| w.as_warning().or_in_file(&plan.file))
            .collect();
        if let Some(predecessor) = context.predecessor {
            // Last year's plan is adopted: of its warnings only what `vplan ny` left unfinished
            // in it matters to this plan, which takes its figures from it.
            let computed = self.compute(predecessor, None);
            let off = &predecessor.plan.checks.off;
            warnings.extend(
                crate::lint::RULES
                    .iter()
                    .filter(|rule| PREDECESSOR_RULES.contains(&rule.name))
                    .filter(|rule| !off.iter().any(|name| name.value == rule.name))
                    .flat_map(|rule| (rule.check)(predecessor, &computed))
                    .map(|w| w.as_warning().or_in_file(&predecessor.file)),
            );
        }
        warnings.extend(self.document.warnings(context).into_iter().map(Diagnostic::as_warning));
        warnings
    }

    /// Stage render: the document's Typst source.
    pub fn render(&self, context: &Context) -> Result<Rendered, Error> {
        self.document.typst(context)
    }

    /// Stage compile: the laid-out document, in `session`'s world, and Typst's warnings.
    pub fn compile(
        &self,
        session: &mut Session,
        loaded: &Loaded,
        rendered: Rendered,
    ) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
        compile::compile_in(&mut session.world, loaded, rendered)
    }

    /// Stage export: the bytes of one output, by file, for a document whose main file is
    /// `main`, with the Typst `source` it was laid out from; the document kind makes them.
    pub fn export(
        &self,
        output: Output,
        context: &Context,
        main: &Path,
        source: &str,
        laid_out: &PagedDocument,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
        self.document.make(output, context, main, source, laid_out)
    }

    /// Where the PDF goes when the command line does not say: the document kind's choice,
    /// beside `input`.
    pub fn pdf_file(&self, input: &Path) -> PathBuf {
        self.document.pdf_file(input)
    }

    /// The first five stages on the plan at `file`: what `vplan check` shows.
    pub fn check(&self, file: &Path) -> Result<Checked, Error> {
        let started = Instant::now();
        let mut clock = Stopwatch::start();
        let loaded = self.load(file)?;
        clock.lap(Stage::Load);
        self.check_loaded(loaded, clock, started)
    }

    fn check_loaded(&self, loaded: Loaded, mut clock: Stopwatch, started: Instant) -> Result<Checked, Error> {
        let predecessor = self.predecessor(&loaded)?;
        if predecessor.is_some() {
            clock.lap(Stage::Predecessor);
        }
        let computed = self.compute(&loaded, predecessor.as_ref());
        clock.lap(Stage::Compute);
        let context = self.context(&loaded, predecessor.as_ref(), &computed);
        let warnings = self.lint(&context);
        clock.lap(Stage::Lint);
        let rendered = self.render(&context)?;
        clock.lap(Stage::Render);
        Ok(Checked { loaded, predecessor, computed, warnings, rendered, stages: clock.stages, started })
    }

    /// Every stage on the plan at `file`, writing this pipeline's outputs; `main` is the file
    /// named on the command line (the PDF), from which the other outputs take their names.
    pub fn build(&self, session: &mut Session, file: &Path, main: &Path) -> Result<Built, Error> {
        self.check_targets(file, main)?;
        let checked = self.check(file)?;
        self.finish(session, checked, main)
    }

    /// The last two stages on a checked plan: compile, export, and write every output.
    pub fn finish(&self, session: &mut Session, checked: Checked, main: &Path) -> Result<Built, Error> {
        self.check_targets(&checked.loaded.file, main)?;
        let sources = checked.sources(self.document);
        let Checked { loaded, predecessor, computed, mut warnings, rendered, stages, started } = checked;
        let mut clock = Stopwatch { last: Instant::now(), stages };
        let source = rendered.main.clone();
        let (document, typst_warnings) = self.compile(session, &loaded, rendered)?;
        clock.lap(Stage::Compile);
        warnings.extend(typst_warnings.into_iter().map(|w| w.as_warning().or_in_file(&loaded.file)));
        let context = self.context(&loaded, predecessor.as_ref(), &computed);
        let mut batch = Batch::default();
        let mut written = Vec::new();
        for &output in &self.outputs {
            let files = self.export(output, &context, main, &source, &document)?;
            written.push(Written { output, files: files.iter().map(|(path, _)| path.clone()).collect() });
            for (path, bytes) in &files {
                batch.add(path, bytes)?;
            }
            clock.lap(Stage::Export(output));
        }
        // Nothing the build read may be replaced by what it wrote: the plan, its predecessor,
        // what the document kind read itself, the images and the own templates.
        let mut inputs: Vec<PathBuf> = vec![loaded.file.clone()];
        inputs.extend(predecessor.iter().map(|p| p.file.clone()));
        inputs.extend(self.document.inputs());
        inputs.extend(session.dependencies());
        if let Some(own) = &loaded.templates {
            inputs.extend(crate::templates::TYPST.iter().map(|(name, _)| own.join(name)));
        }
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        for file in batch.files() {
            files::not_an_input(&inputs, file)?;
        }
        // Page images of pages the document no longer has go with the same commit.
        for &output in &self.outputs {
            for stale in output.stale(main, document.pages().len()) {
                if !inputs.iter().any(|input| files::same_file(input, &stale)) {
                    batch.remove(&stale);
                }
            }
        }
        batch.commit()?;
        clock.lap(Stage::Write);
        Ok(Built {
            main: main.to_path_buf(),
            pages: document.pages().len(),
            written,
            warnings,
            sources,
            stages: clock.stages,
            elapsed: started.elapsed(),
        })
    }

    /// Refuses, before any work, an output file that is a folder or the plan itself, and two
    /// outputs with the same name (`-o ut.html --html`).
    fn check_targets(&self, plan: &Path, main: &Path) -> Result<(), Error> {
        for (i, output) in self.outputs.iter().enumerate() {
            if let Some(target) = output.single_file(main) {
                files::check_target(plan, &target)?;
                if let Some(other) = self.outputs[..i].iter().find(|o| o.owns(main, &target)) {
                    return Err(Error::User(
                        Diagnostic::new(format!(
                            "{} och {} skulle båda skrivas till {}",
                            other.describe(1),
                            output.describe(1),
                            target.display()
                        ))
                        .hint(
                            "välj ett annat namn med -o, till exempel med ändelsen .pdf; inget har skrivits",
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}
