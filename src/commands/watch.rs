//! `vplan watch`: build a plan, then build it again each time it or a file it uses is saved.
//!
//! In: a plan file and where its PDF goes. Out: the PDF, rewritten after every save that
//! builds, and a progress line (or the errors) per build on the terminal. A build that fails
//! leaves the last good PDF in place, since [`Pipeline::finish`] writes only a finished
//! PDF, through a temporary file; the watch goes on after any error and builds again at the
//! next save.
//!
//! The plan's folder is watched (with its subfolders), not the plan file: many editors save by
//! writing a new file and renaming it over the old one, and a watch on the old file would end
//! with it. What counts is every file the last build read: the plan, its predecessor
//! (`föregående`), its own templates (`utseende.mallar`) and the files Typst read (images).
//!
//! A save is built at once, with no fixed wait: a rename or a new file is complete when its
//! event comes; a file written in place is complete when the writer closes it (on systems that
//! do not report the close, when it has been quiet for [`WRITING`]). The rest of a save's burst
//! of events is taken without waiting, and an event that comes later for a file whose contents
//! are the ones the build read ([`Stamp`]) is the tail of a save already built, not a new one.
//! Saves made during a build are gathered into the one build after it. The builds share a
//! [`Session`]: the compiler's world stays, with Typst's memoized work, so a small edit lays
//! out only what changed. Ctrl-C ends the watch after the build under way.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::cli::WatchArgs;
use crate::error::{Diagnostic, Error};
use crate::files;
use crate::outputs::Output;
use crate::pipeline::{Pipeline, Session};
use crate::plan::Loaded;
use crate::terminal::{self, Paint, Stream};

/// How long a file written in place may be quiet, with no close reported, before it counts as
/// saved (only systems that do not report a writer's close need it).
const WRITING: Duration = Duration::from_millis(50);
/// The longest a file being written may delay a build.
const MOST: Duration = Duration::from_millis(1000);
/// How many builds Typst's memoized results may go unused before they are dropped.
const CACHE_AGE: usize = 10;
/// Files up to this size are told apart by their contents, larger ones by time, size and inode.
const HASHED: u64 = 1024 * 1024;

/// What the watch loop hears.
enum Message {
    /// Something happened in the plan's folder.
    Changed(notify::Result<notify::Event>),
    /// Ctrl-C.
    Stop,
}

/// Runs `vplan watch` until Ctrl-C.
pub fn run(args: &WatchArgs) -> Result<(), Error> {
    let plan = &args.plan;
    let output = args.output.clone().unwrap_or_else(|| plan.with_extension("pdf"));
    if !plan.is_file() {
        return Err(Error::User(
            Diagnostic::new(format!("planen {} finns inte", plan.display()))
                .hint("ange planfilen, till exempel plans/nedansiljan-2026.yaml"),
        ));
    }
    let folder = folder_of(plan)?;
    let watched = Watched::new(&folder, plan, &output);

    let (sender, receiver) = std::sync::mpsc::channel();
    let events = sender.clone();
    // Links are not followed: a link in the plan's folder to `/` must not make the watch walk
    // the whole disk. Files a plan names are inside its folder anyway (links are resolved and
    // checked when the plan is read).
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = notify::RecommendedWatcher::new(
        move |event| {
            let _ = events.send(Message::Changed(event));
        },
        config,
    )
    .and_then(|mut watcher| watcher.watch(&folder, RecursiveMode::Recursive).map(|()| watcher))
    .map_err(|e| cannot_watch(&folder, &e))?;
    stop_on_ctrl_c(sender)?;

    println!("bevakar {} och mappen den ligger i; avsluta med Ctrl-C", plan.display());
    let mut pipeline = Pipeline::default();
    pipeline.outputs.extend(args.images.ppi().map(|ppi| Output::Png { ppi }));
    if args.html {
        pipeline.outputs.push(Output::Html);
    }
    let mut session = Session::default();
    let mut inputs = Inputs::default();
    let mut good = build_once(&pipeline, &mut session, &mut inputs, &watched, &output);
    while next_save(&receiver, &watched, &session, &inputs, good) {
        good = build_once(&pipeline, &mut session, &mut inputs, &watched, &output);
    }
    // Stop listening before the process ends, so no event arrives at a dropped channel.
    let _ = watcher.unwatch(&folder);
    println!("bevakningen avslutad");
    Ok(())
}

/// Builds once and prints the outcome; returns whether the build succeeded. Any error, the
/// plan's or vplan's own, is printed and the watch goes on.
fn build_once(
    pipeline: &Pipeline,
    session: &mut Session,
    inputs: &mut Inputs,
    watched: &Watched,
    output: &Path,
) -> bool {
    let plan = &watched.given;
    // Every input as the build finds it, before it reads them.
    inputs.stamp(&watched.plan, session);
    let result = if super::followup::is_followup_file(plan) {
        build_followup(pipeline, session, inputs, plan, output)
    } else {
        inputs.followed = None;
        pipeline.check(plan).and_then(|checked| {
            inputs.learn(&checked.loaded);
            pipeline.finish(session, checked, output)
        })
    };
    // Memoized results that the last few builds did not use are for text no longer in the plan.
    typst::comemo::evict(CACHE_AGE);
    match result {
        Ok(built) => {
            eprint!(
                "{}",
                terminal::warnings(&built.warnings, &built.sources(), terminal::colour(Stream::Stderr))
            );
            print!("{}", terminal::built(&built, false, terminal::colour(Stream::Stdout)));
            true
        }
        Err(error) => {
            // The plan may have been read before the error (one in the predecessor, in an own
            // template): its files are watched from now on. A plan that cannot be read keeps
            // the files of the last plan that could.
            if let Ok(loaded) = pipeline.load(plan) {
                inputs.learn(&loaded);
            }
            eprint!("{}", terminal::error(&error, terminal::colour(Stream::Stderr)));
            let next = if output.is_file() {
                format!("den senaste PDF-filen som gick att bygga, {}, ligger kvar orörd", output.display())
            } else {
                "ingen PDF-fil är skriven ännu".to_owned()
            };
            let line = format!("{next}; spara planen igen när felet är rättat");
            eprintln!("{}", terminal::paint(terminal::colour(Stream::Stderr), Paint::Dim, &line));
            false
        }
    }
}

/// Builds the follow-up at `file` (a file with `rapport:`) with the outputs of `pipeline`,
/// printing its own warnings; the plan it follows up is watched from then on.
fn build_followup(
    pipeline: &Pipeline,
    session: &mut Session,
    inputs: &mut Inputs,
    file: &Path,
    output: &Path,
) -> Result<crate::pipeline::Built, Error> {
    let checked = super::followup::check_followup(file)?;
    inputs.learn(&checked.loaded.plan);
    inputs.followed = Some(canonical(&checked.loaded.plan.file));
    super::followup::print_warnings(&checked);
    let plan_file = checked.loaded.plan.file.clone();
    let document = crate::documents::FollowUpDocument { loaded: checked.loaded, figures: checked.figures };
    let followup = Pipeline { document: &document, outputs: pipeline.outputs.clone(), ..Pipeline::default() };
    followup.build(session, &plan_file, output)
}

/// `path` with its links and `..` resolved, as events name it; as it is if it cannot be.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Waits for the next save that matters; false when the watch should end.
fn next_save(
    receiver: &Receiver<Message>,
    watched: &Watched,
    session: &Session,
    inputs: &Inputs,
    good: bool,
) -> bool {
    // Since when a file has been written in place without being closed.
    let mut writing: Option<Instant> = None;
    loop {
        let message = match writing {
            None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(since) => receiver.recv_timeout(WRITING.min(MOST.saturating_sub(since.elapsed()))),
        };
        let event = match message {
            Err(RecvTimeoutError::Disconnected) | Ok(Message::Stop) => return false,
            // Written and quiet since (no close reported): saved.
            Err(RecvTimeoutError::Timeout) => return true,
            Ok(Message::Changed(event)) => event,
        };
        match watched.verdict(&event, session, inputs, good) {
            Verdict::Saved => {
                // The rest of the burst that is already here is part of this save.
                loop {
                    match receiver.try_recv() {
                        Ok(Message::Stop) | Err(TryRecvError::Disconnected) => return false,
                        Ok(Message::Changed(_)) => {}
                        Err(TryRecvError::Empty) => return true,
                    }
                }
            }
            Verdict::Writing => {
                writing.get_or_insert_with(Instant::now);
            }
            Verdict::Unrelated => {}
        }
        if writing.is_some_and(|since| since.elapsed() >= MOST) {
            return true;
        }
    }
}

/// What an event means for the watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// Nothing the build reads, or nothing new in it.
    Unrelated,
    /// A file the build reads is being written in place; it is saved when the writer closes it.
    Writing,
    /// A file the build reads is saved: build now.
    Saved,
}

/// A file's contents as a build found them: its modification time, size and inode, and for
/// files up to [`HASHED`] a hash of the bytes (a save in place may keep the time and the size).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
    hash: Option<u64>,
}

impl Stamp {
    /// The file at `path` as it is now; `None` if it cannot be read.
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
        #[cfg(not(unix))]
        let inode = 0;
        let hash = (metadata.len() <= HASHED).then(|| std::fs::read(path).ok()).flatten().map(|bytes| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            hasher.finish()
        });
        Some(Self { modified: metadata.modified().ok(), len: metadata.len(), inode, hash })
    }
}

/// The files a build reads besides those Typst reports, and how each was when the last build
/// started.
#[derive(Default)]
struct Inputs {
    /// The predecessor plan (`föregående`), canonical.
    predecessor: Option<PathBuf>,
    /// The folder of the plan's own templates (`utseende.mallar`), canonical: every file in it
    /// counts.
    templates: Option<PathBuf>,
    /// When a follow-up is watched: the plan it follows up, canonical.
    followed: Option<PathBuf>,
    /// Every input as the last build started, by canonical path.
    stamps: HashMap<PathBuf, Option<Stamp>>,
}

impl Inputs {
    /// Notes the files `loaded` names, for the builds to come.
    fn learn(&mut self, loaded: &Loaded) {
        self.predecessor =
            loaded.predecessor.as_ref().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()));
        self.templates = loaded.templates.as_ref().map(|t| t.canonicalize().unwrap_or_else(|_| t.clone()));
    }

    /// Whether `path` is one of the files the build reads, besides the plan.
    fn contains(&self, path: &Path, session: &Session) -> bool {
        self.predecessor.as_deref() == Some(path)
            || self.followed.as_deref() == Some(path)
            || self.templates.as_ref().is_some_and(|folder| path.starts_with(folder))
            || session.dependencies().iter().any(|d| d == path)
    }

    /// Stamps the plan and every input the last build read, as a build starts.
    fn stamp(&mut self, plan: &Path, session: &Session) {
        let mut files = vec![plan.to_path_buf()];
        files.extend(self.predecessor.clone());
        files.extend(self.followed.clone());
        if let Some(folder) = &self.templates
            && let Ok(entries) = std::fs::read_dir(folder)
        {
            files.extend(entries.flatten().map(|e| e.path()));
        }
        files.extend(session.dependencies());
        self.stamps = files.into_iter().map(|file| (Stamp::of(&file), file)).map(|(s, f)| (f, s)).collect();
    }

    /// Whether `path` is as the last build found it: an event for it is the tail of a save
    /// that build already read. A file the build did not stamp is never unchanged.
    fn unchanged(&self, path: &Path) -> bool {
        self.stamps.get(path).is_some_and(|stamp| *stamp == Stamp::of(path))
    }
}

/// What in the plan's folder is worth a build.
struct Watched {
    /// The plan file as given on the command line (for building and messages).
    given: PathBuf,
    /// The plan file, in the canonical folder (as events name it).
    plan: PathBuf,
    /// The main output (the PDF), in its canonical folder: every output's files are named
    /// from it.
    main: Option<PathBuf>,
}

impl Watched {
    fn new(folder: &Path, plan: &Path, output: &Path) -> Self {
        let given = plan.to_path_buf();
        let plan = folder.join(plan.file_name().unwrap_or_default());
        let output_folder = output
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .and_then(|p| p.canonicalize().ok());
        let main = output_folder.zip(output.file_name()).map(|(folder, name)| folder.join(name));
        Self { given, plan, main }
    }

    /// What `event` means: a change to the plan or to a file the last build read is a save
    /// (or, for a file written in place, one under way), unless the file is as the last build
    /// found it. After a failed build a file newly put in the folder that vplan did not write
    /// is a save too (the fix may be an image put in place); only new files count there, and
    /// not hidden or backup files (an editor's temporary file), so that a log file that grows
    /// beside the plan, or a save's own temporary file, does not start a build.
    fn verdict(
        &self,
        event: &notify::Result<notify::Event>,
        session: &Session,
        inputs: &Inputs,
        good: bool,
    ) -> Verdict {
        let Ok(event) = event else {
            // The watcher lost track (for example after an overflow): build to be safe.
            return Verdict::Saved;
        };
        let kind = match event.kind {
            // A writer closed the file: what it wrote is complete.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => Verdict::Saved,
            // Reads, the build's own among them.
            EventKind::Access(_) => return Verdict::Unrelated,
            EventKind::Modify(ModifyKind::Data(_)) => Verdict::Writing,
            _ => Verdict::Saved,
        };
        let new_file = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        event
            .paths
            .iter()
            .map(|path| {
                if self.written_by_vplan(path) {
                    Verdict::Unrelated
                } else if *path == self.plan || inputs.contains(path, session) {
                    if inputs.unchanged(path) { Verdict::Unrelated } else { kind }
                } else if !good && new_file && !hidden_or_backup(path) && !path.is_dir() {
                    Verdict::Saved
                } else {
                    Verdict::Unrelated
                }
            })
            .max()
            .unwrap_or(Verdict::Unrelated)
    }

    /// Whether `path` is one of vplan's own outputs (of any kind, asked for now or not) or
    /// temporary files.
    fn written_by_vplan(&self, path: &Path) -> bool {
        // A temporary file, or a file in a build's temporary folder.
        let temporary = path
            .strip_prefix(self.plan.parent().unwrap_or(Path::new("")))
            .unwrap_or(path)
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with(files::TEMPORARY));
        temporary || self.main.as_ref().is_some_and(|main| Output::KINDS.iter().any(|o| o.owns(main, path)))
    }
}

/// Whether `path` names a hidden file or an editor's backup or swap file, which no plan uses.
fn hidden_or_backup(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".tmp", ".swp", ".swx", ".bak"].iter().any(|end| name.ends_with(end))
}

/// The plan's folder, canonical, as the watcher reports paths in it.
fn folder_of(plan: &Path) -> Result<PathBuf, Error> {
    let parent = match plan.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.canonicalize().map_err(|e| {
        Error::User(Diagnostic::new(format!(
            "kan inte läsa mappen {}: {}",
            parent.display(),
            files::io_reason(&e)
        )))
    })
}

fn cannot_watch(folder: &Path, error: &notify::Error) -> Error {
    Error::User(Diagnostic::new(format!("kan inte bevaka mappen {}: {error}", folder.display())).hint(
        "bygg med `vplan build` i stället; på Linux kan gränsen fs.inotify.max_user_watches behöva höjas",
    ))
}

fn stop_on_ctrl_c(sender: Sender<Message>) -> Result<(), Error> {
    let pressed = std::sync::atomic::AtomicBool::new(false);
    ctrlc::set_handler(move || {
        // The first Ctrl-C ends the watch after the build under way; a second one, while a long
        // build still runs, ends vplan at once (a build writes its files only when complete,
        // so nothing is left half-written).
        if pressed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            eprintln!("avbrutet");
            std::process::exit(130);
        }
        let _ = sender.send(Message::Stop);
    })
    .map_err(|e| Error::bug_from("Ctrl-C kunde inte fångas", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange};

    fn event(kind: EventKind, path: &Path) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(path.to_path_buf()))
    }

    #[test]
    fn vplans_own_files_are_not_changes() {
        let folder = std::env::temp_dir().canonicalize().unwrap();
        let watched = Watched::new(&folder, &folder.join("plan.yaml"), &folder.join("plan.pdf"));
        for own in [
            "plan.pdf",
            "plan.typ",
            "plan-1.png",
            "plan-12.png",
            "plan.html",
            "plan-sammanfattning.html",
            ".vplan-abc.tmp",
        ] {
            assert!(watched.written_by_vplan(&folder.join(own)), "{own}");
        }
        for other in ["plan.yaml", "plan-logo.png", "bild.png", "annan.pdf"] {
            assert!(!watched.written_by_vplan(&folder.join(other)), "{other}");
        }
    }

    #[test]
    fn after_a_failed_build_only_new_files_start_another() {
        let folder = std::env::temp_dir().canonicalize().unwrap();
        let watched = Watched::new(&folder, &folder.join("plan.yaml"), &folder.join("plan.pdf"));
        let (session, inputs) = (Session::default(), Inputs::default());
        let verdict = |kind, name: &str, good| {
            watched.verdict(&event(kind, &folder.join(name)), &session, &inputs, good)
        };
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let create = EventKind::Create(CreateKind::File);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        // The plan itself always counts, however it was saved; written in place, once closed.
        for kind in [closed, create, renamed] {
            assert_eq!(verdict(kind, "plan.yaml", true), Verdict::Saved, "{kind:?}");
        }
        assert_eq!(verdict(write, "plan.yaml", true), Verdict::Writing);
        assert_eq!(verdict(create, "bild.png", true), Verdict::Unrelated, "not used by a good build");
        assert_eq!(verdict(create, "bild.png", false), Verdict::Saved, "may be the missing image");
        assert_eq!(verdict(write, "logg.txt", false), Verdict::Unrelated, "a growing log");
        assert_eq!(verdict(create, "plan.pdf", false), Verdict::Unrelated, "our own PDF");
        assert_eq!(
            verdict(create, ".plan.yaml.tmp", false),
            Verdict::Unrelated,
            "an editor's temporary file"
        );
        assert_eq!(verdict(create, "plan.yaml~", false), Verdict::Unrelated, "an editor's backup");
        let access = EventKind::Access(AccessKind::Any);
        assert_eq!(verdict(access, "plan.yaml", true), Verdict::Unrelated, "a read, the build's own");
    }

    #[test]
    fn the_predecessor_and_own_templates_count_and_a_saves_tail_does_not() {
        let folder = tempfile::tempdir().unwrap();
        let folder = folder.path().canonicalize().unwrap();
        std::fs::create_dir(folder.join("mallar")).unwrap();
        for (name, text) in [("plan.yaml", "a: 1\n"), ("forra.yaml", "b: 2\n"), ("mallar/omslag.typ", "x\n")]
        {
            std::fs::write(folder.join(name), text).unwrap();
        }
        let watched = Watched::new(&folder, &folder.join("plan.yaml"), &folder.join("plan.pdf"));
        let session = Session::default();
        let mut inputs = Inputs {
            predecessor: Some(folder.join("forra.yaml")),
            templates: Some(folder.join("mallar")),
            ..Inputs::default()
        };
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let verdict = |inputs: &Inputs, name: &str| {
            watched.verdict(&event(renamed, &folder.join(name)), &session, inputs, true)
        };
        for name in ["plan.yaml", "forra.yaml", "mallar/omslag.typ", "mallar/ny.typ"] {
            assert_eq!(verdict(&inputs, name), Verdict::Saved, "{name}");
        }
        assert_eq!(verdict(&inputs, "annan.yaml"), Verdict::Unrelated, "a plan beside it");
        // A build starts: the events that come after it for the same contents are the tail of
        // the save it read.
        inputs.stamp(&folder.join("plan.yaml"), &session);
        for name in ["plan.yaml", "forra.yaml", "mallar/omslag.typ"] {
            assert_eq!(verdict(&inputs, name), Verdict::Unrelated, "{name} is as the build read it");
        }
        // Saved again in place, with the same size: a change.
        std::fs::write(folder.join("forra.yaml"), "b: 3\n").unwrap();
        assert_eq!(verdict(&inputs, "forra.yaml"), Verdict::Saved);
        assert_eq!(verdict(&inputs, "plan.yaml"), Verdict::Unrelated);
    }
}
