//! Stage compile: lay out the Typst source with the embedded Typst compiler.
//!
//! In: the generated Typst source and the plan's folder. Out: a laid-out
//! [`PagedDocument`], or a [`Error::Bug`] — the source is vplan's own, so a Typst error on
//! a checked plan is vplan's fault, unless the plan brings its own templates
//! (`utseende.mallar`): then an error is the plan's, shown with the place in the template.
//!
//! The [`PlanWorld`] is the compiler's whole view of the outside: the main source in
//! memory, the plan's theme as rendered, vplan's Typst library (or the plan's own templates
//! in its place, file by file) and fonts from the binary, and files from the plan's own
//! folder and nowhere else (links are followed before the check). Packages are refused, no
//! system font is read, nothing goes to the network, and "today" is the plan's date, so the
//! same plan always gives the same document.

mod limits;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use chrono::Datelike;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::error::{Diagnostic, Error};
use crate::files;
use crate::fonts::FONTS;
use crate::plan::{self, Loaded};
use crate::render::Rendered;
use crate::templates::{self, TEMPLATE_ROOT};

/// Compiles the rendered plan into a laid-out document. Warnings from Typst are returned beside it.
pub fn compile(loaded: &Loaded, rendered: Rendered) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
    compile_in(&mut None, loaded, rendered)
}

/// Like [`compile`], in the world `kept` from an earlier build of a plan in the same folder, if
/// any (it is kept there for the next build). `vplan watch` rebuilds this way: the main source
/// is updated in place, so Typst reparses only the edited part, and Typst's memoized layout of
/// everything the edit did not touch is found again.
pub fn compile_in(
    kept: &mut Option<PlanWorld>,
    loaded: &Loaded,
    rendered: Rendered,
) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
    let world = match kept {
        Some(world) if world.folder == loaded.folder => {
            world.reset(loaded.date, &rendered.main);
            world
        }
        _ => kept.insert(PlanWorld::new(&loaded.folder, loaded.date, rendered.main)),
    };
    // The theme and the own templates may change from one build to the next.
    world.theme = Some(Bytes::from_string(rendered.theme));
    world.templates = loaded.templates.clone();
    let world = &*world;
    // The plan's own templates are code the plan brings: they may loop for ever or fill the
    // memory, and nothing can bound that in advance. They are first laid out in a child process
    // under its own limits; only when that finished is the document laid out here.
    if let Some(own) = &loaded.templates {
        limits::try_in_child(loaded, own, world)?;
    }
    let result = typst::compile::<PagedDocument>(world);
    let warnings = result.warnings.iter().map(|w| Diagnostic::new(describe(world, w))).collect();
    match result.output {
        Ok(document) => Ok((document, warnings)),
        // With the plan's own templates, a Typst error is most likely in them: the user's to fix.
        Err(errors) if loaded.templates.is_some() => {
            let folder = loaded.plan.look.templates.as_ref();
            let mut diagnostic = Diagnostic::new("dokumentet kunde inte sättas med planens egna mallar")
                .at(folder.and_then(|f| plan::position(&f.referenced, f.value.chars().count())))
                .hint("rätta mallen som felet pekar på; jämför med vplans egen fil (docs/format.md, avsnittet Eget utseende)");
            for error in &errors {
                let mut described = describe(world, error);
                // Name the user's own file as the user knows it, not by its place in the world.
                if let (Some(own), Some(spelt)) = (&loaded.templates, folder) {
                    for (name, _) in templates::TYPST.iter().filter(|(name, _)| own.join(name).is_file()) {
                        let spelt = format!("{}/{name}", spelt.value.trim().trim_end_matches('/'));
                        described =
                            described.replace(&format!("({TEMPLATE_ROOT}/{name}"), &format!("({spelt}"));
                    }
                }
                diagnostic = diagnostic.note(format!("sättningens beskrivning: {described}"));
            }
            Err(loaded.error(vec![diagnostic]))
        }
        // The generated source is vplan's own, but an image file is the user's: a broken image,
        // or an SVG that refers to a file outside the plan's folder, is a plan error.
        Err(errors) if errors.iter().all(|e| is_image_problem(&e.message)) => {
            let mut diagnostic = Diagnostic::new("en bild i planen kunde inte läsas")
                .hint("kontrollera att bildfilen är hel; en SVG-bild får bara använda filer i planens mapp");
            for error in &errors {
                diagnostic = diagnostic.note(format!("sättningens beskrivning: {}", error.message));
            }
            Err(loaded.error(vec![diagnostic]))
        }
        Err(errors) => Err(Error::bug(format!(
            "Typst kunde inte sätta dokumentet:\n{}",
            errors.iter().map(|e| format!("  {}", describe(world, e))).collect::<Vec<_>>().join("\n")
        ))),
    }
}

/// Whether a Typst error is about loading an image file.
fn is_image_problem(message: &str) -> bool {
    let message = message.to_lowercase();
    ["image", "svg", "access denied", "file not found", "failed to decode", "failed to load", "bild"]
        .iter()
        .any(|word| message.contains(word))
}

/// A Typst diagnostic as one line, with its place in the generated source.
pub(crate) fn describe(world: &PlanWorld, diagnostic: &SourceDiagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "fel",
        Severity::Warning => "varning",
    };
    let place = match diagnostic.span.get() {
        DiagSpanKind::Detached => String::new(),
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
            let line = world.source(id).ok().and_then(|source| {
                let range = world.range(diagnostic.span)?;
                source.lines().byte_to_line(range.start).map(|l| l + 1)
            });
            match line {
                Some(line) => format!(" ({}:{line})", id.get().vpath().get_with_slash()),
                None => format!(" ({})", id.get().vpath().get_with_slash()),
            }
        }
    };
    let hints: String = diagnostic.hints.iter().map(|h| format!("; {}", h.v)).collect();
    format!("{severity}: {}{place}{hints}", diagnostic.message)
}

pub use limits::{CHILD_COMMAND, OWN_TEMPLATE_MEMORY, OWN_TEMPLATE_SECONDS, run_child};

/// Typst's standard library, built once, with `pdf.header-cell` for the row headers of budget
/// tables (accessibility extras).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    LazyHash::new(Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build())
});

/// The compiler's view of the world for one plan.
pub struct PlanWorld {
    main: Source,
    folder: PathBuf,
    /// The source of `tema.typ`, the plan's colours and fonts, as rendered; a world given
    /// none (a test's) has no `tema.typ`.
    theme: Option<Bytes>,
    /// The plan's own templates, which replace vplan's file by file.
    templates: Option<PathBuf>,
    today: Datetime,
    /// Files already read, so each is read (and checked) once per build.
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl PlanWorld {
    /// A world whose main file is `source`, whose files come from `folder`, and whose
    /// today is `date`; it has vplan's own templates and no theme until
    /// [`PlanWorld::with_theme`] gives it one.
    pub fn new(folder: &Path, date: chrono::NaiveDate, source: String) -> Self {
        let id = virtual_file(&format!("{TEMPLATE_ROOT}/main.typ"));
        Self {
            main: Source::new(id, source),
            folder: folder.to_path_buf(),
            theme: None,
            templates: None,
            today: typst_date(date),
            files: Mutex::new(HashMap::new()),
        }
    }

    /// The same world with the plan's theme (`tema.typ`, as rendered).
    pub fn with_theme(mut self, theme: String) -> Self {
        self.theme = Some(Bytes::from_string(theme));
        self
    }

    /// The same world with a folder of the plan's own templates, checked to lie inside the
    /// plan's folder; a file there replaces vplan's file of the same name.
    pub fn with_templates(mut self, folder: Option<PathBuf>) -> Self {
        self.templates = folder;
        self
    }

    /// Makes the world ready for the next build of the same plan: the new main source (changed
    /// in place, for incremental parsing), the plan's date, and files read afresh.
    fn reset(&mut self, date: chrono::NaiveDate, source: &str) {
        self.main.replace(source);
        self.today = typst_date(date);
        self.files.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }

    /// The files from the plan's folder that the last compilation read (or tried to read).
    pub fn dependencies(&self) -> Vec<PathBuf> {
        let files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files
            .keys()
            .filter(|id| matches!(id.get().root(), VirtualRoot::Project))
            .filter_map(|id| {
                let vpath = id.get().vpath().get_with_slash();
                let relative = vpath.trim_start_matches('/');
                (!vpath.starts_with(TEMPLATE_ROOT)).then(|| self.folder.join(relative))
            })
            .collect()
    }

    /// Reads a file the document asks for: vplan's own Typst files from the binary, anything
    /// else from the plan's folder only.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if let VirtualRoot::Package(spec) = rooted.root() {
            return Err(FileError::Other(Some(format!("paket används inte av vplan ({spec})").into())));
        }
        let vpath = rooted.vpath().get_with_slash();
        if let Some(name) = vpath.strip_prefix(TEMPLATE_ROOT).and_then(|rest| rest.strip_prefix('/')) {
            if name == templates::THEME {
                return self.theme.clone().ok_or_else(|| FileError::NotFound(PathBuf::from(vpath)));
            }
            let known = templates::TYPST.iter().any(|(file, _)| *file == name);
            // The plan's own file, read under the same rules as every file of the plan.
            if let Some(folder) = &self.templates
                && known
                && let Ok(relative) = folder.strip_prefix(&self.folder)
            {
                let own = relative.join(name);
                match crate::files::resolve_in_folder(&self.folder, &own.to_string_lossy()) {
                    Ok(path) => return read_checked(&path),
                    Err(crate::files::FileProblem::Outside) => return Err(FileError::AccessDenied),
                    Err(crate::files::FileProblem::Missing | crate::files::FileProblem::Folder) => {}
                }
            }
            return templates::TYPST
                .iter()
                .find(|(file, _)| *file == name)
                .map(|(_, data)| Bytes::new(*data))
                .ok_or_else(|| FileError::NotFound(PathBuf::from(vpath)));
        }
        let relative = vpath.trim_start_matches('/');
        match crate::files::resolve_in_folder(&self.folder, relative) {
            Ok(path) => read_checked(&path),
            Err(crate::files::FileProblem::Missing) => Err(FileError::NotFound(PathBuf::from(relative))),
            Err(crate::files::FileProblem::Folder) => Err(FileError::IsDirectory),
            Err(crate::files::FileProblem::Outside) => Err(FileError::AccessDenied),
        }
    }
}

/// Reads a file of the plan's folder for Typst, under the bounds of a plan's images: at most
/// [`files::MAX_IMAGE_BYTES`], and a raster image (also one an SVG refers to, which Typst asks
/// for by itself) no larger in pixels than the header-checked images of the plan.
fn read_checked(path: &Path) -> FileResult<Bytes> {
    let bytes = files::read_bounded(path, files::MAX_IMAGE_BYTES).map_err(|problem| match problem {
        files::ReadProblem::Io(e) => FileError::from_io(e, path),
        other => FileError::Other(Some(format!("bildfilen kan inte läsas: {}", other.reason()).into())),
    })?;
    if let Some((width, height)) = files::pixel_size(&bytes)
        && files::too_many_pixels(width, height)
    {
        return Err(FileError::Other(Some(
            format!(
                "bilden {} är {width} × {height} bildpunkter, mer än vplan kan visa",
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            )
            .into(),
        )));
    }
    Ok(Bytes::new(bytes))
}

/// A plan date as Typst's "today".
fn typst_date(date: chrono::NaiveDate) -> Datetime {
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .expect("a chrono date is a valid Typst date")
}

/// The id of a file at `path` in the project root.
fn virtual_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("vplan's virtual paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.entry(id).or_insert_with(|| self.read(id)).clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
