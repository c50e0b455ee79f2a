//! `vplan watch`: build a plan, then build it again each time it or a file it uses is saved.
//!
//! In: a plan file and where its PDF goes. Out: the PDF, rewritten after every save that
//! builds, and a progress line (or the errors) per build on the terminal. A build that fails
//! leaves the last good PDF in place, since [`Pipeline::build`] writes only a finished
//! PDF, through a temporary file.
//!
//! The plan's folder is watched (with its subfolders), not the plan file: many editors save by
//! writing a new file and renaming it over the old one, and a watch on the old file would end
//! with it. Saves come in bursts (temporary file, rename, metadata), so events are gathered
//! until the folder has been quiet for a moment, then one build follows. The builds share a
//! [`Session`]: the compiler's world stays, with Typst's memoized work, so a small
//! edit lays out only what changed. Ctrl-C ends the watch after the build under way.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::cli::WatchArgs;
use crate::error::{Diagnostic, Error};
use crate::files;
use crate::outputs::Output;
use crate::pipeline::{Pipeline, Session};
use crate::terminal::{self, Paint, Stream};

/// How long the folder must be quiet before a burst of events counts as one save.
const QUIET: Duration = Duration::from_millis(150);
/// The longest a burst may delay a build.
const MOST: Duration = Duration::from_millis(1000);
/// How many builds Typst's memoized results may go unused before they are dropped.
const CACHE_AGE: usize = 10;

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
    let mut good = build_once(&pipeline, &mut session, plan, &output);
    while next_save(&receiver, &watched, &session, good) {
        good = build_once(&pipeline, &mut session, plan, &output);
    }
    // Stop listening before the process ends, so no event arrives at a dropped channel.
    let _ = watcher.unwatch(&folder);
    println!("bevakningen avslutad");
    Ok(())
}

/// Builds once and prints the outcome; returns whether the build succeeded.
fn build_once(pipeline: &Pipeline, session: &mut Session, plan: &Path, output: &Path) -> bool {
    let result = pipeline.build(session, plan, output);
    // Memoized results that the last few builds did not use are for text no longer in the plan.
    typst::comemo::evict(CACHE_AGE);
    match result {
        Ok(built) => {
            eprint!("{}", terminal::warnings(&built.warnings, &built.sources(), terminal::colour(Stream::Stderr)));
            print!("{}", terminal::built(&built, false, terminal::colour(Stream::Stdout)));
            true
        }
        Err(error) => {
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

/// Waits for the next save that matters; false when the watch should end.
fn next_save(receiver: &Receiver<Message>, watched: &Watched, session: &Session, good: bool) -> bool {
    loop {
        let mut relevant = match receiver.recv() {
            Err(_) | Ok(Message::Stop) => return false,
            Ok(Message::Changed(event)) => watched.matters(&event, session, good),
        };
        // Gather the rest of the burst.
        let start = Instant::now();
        while start.elapsed() < MOST {
            match receiver.recv_timeout(QUIET) {
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
                Ok(Message::Changed(event)) => relevant |= watched.matters(&event, session, good),
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if relevant {
            return true;
        }
    }
}

/// What in the plan's folder is worth a build.
struct Watched {
    /// The plan file, in the canonical folder (as events name it).
    plan: PathBuf,
    /// The main output (the PDF), in its canonical folder: every output's files are named
    /// from it.
    main: Option<PathBuf>,
}

impl Watched {
    fn new(folder: &Path, plan: &Path, output: &Path) -> Self {
        let plan = folder.join(plan.file_name().unwrap_or_default());
        let output_folder = output
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .and_then(|p| p.canonicalize().ok());
        let main = output_folder.zip(output.file_name()).map(|(folder, name)| folder.join(name));
        Self { plan, main }
    }

    /// Whether `event` should lead to a build: a change to the plan or to a file the last
    /// build read, or, after a failed build, a file newly put in the folder that vplan did not
    /// write itself (the fix may be an image put in place). Only new files count there: a log
    /// file that grows beside the plan must not start a build after every failed one.
    fn matters(&self, event: &notify::Result<notify::Event>, session: &Session, good: bool) -> bool {
        let Ok(event) = event else {
            // The watcher lost track (for example after an overflow): build to be safe.
            return true;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let new_file = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        let dependencies = session.dependencies();
        event.paths.iter().any(|path| {
            *path == self.plan
                || (!self.written_by_vplan(path) && (dependencies.contains(path) || (!good && new_file)))
        })
    }

    /// Whether `path` is one of vplan's own outputs (of any kind, asked for now or not) or
    /// temporary files.
    fn written_by_vplan(&self, path: &Path) -> bool {
        let temporary = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(files::TEMPORARY));
        temporary || self.main.as_ref().is_some_and(|main| Output::KINDS.iter().any(|o| o.owns(main, path)))
    }
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
        let session = Session::default();
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let create = EventKind::Create(CreateKind::File);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        // The plan itself always counts, however it was saved.
        for kind in [write, create, renamed] {
            assert!(watched.matters(&event(kind, &folder.join("plan.yaml")), &session, true));
        }
        let image = folder.join("bild.png");
        assert!(!watched.matters(&event(create, &image), &session, true), "not used by a good build");
        assert!(watched.matters(&event(create, &image), &session, false), "may be the missing image");
        assert!(!watched.matters(&event(write, &folder.join("logg.txt")), &session, false), "a growing log");
        assert!(!watched.matters(&event(create, &folder.join("plan.pdf")), &session, false), "our own PDF");
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert!(!watched.matters(&event(access, &folder.join("plan.yaml")), &session, true));
    }
}
