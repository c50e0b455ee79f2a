//! `vplan diff`: what changed between two plans, on the terminal, and as a PDF appendix on
//! request (the [`ChangesDocument`] through the same pipeline as a plan).

use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

use crate::cli::DiffArgs;
use crate::documents::ChangesDocument;
use crate::error::{Diagnostic, Error};
use crate::files;
use crate::pipeline::{Pipeline, Session};
use crate::plan::Loaded;
use crate::terminal::{self, Stream};
use crate::validate::Files;
use crate::yaml;

/// Prints the comparison, and writes the appendix with `--pdf`.
pub fn run(args: &DiffArgs) -> Result<(), Error> {
    if let (None, [old, new]) = (&args.rev, args.plans.as_slice())
        && super::followup::is_followup_file(old)
        && super::followup::is_followup_file(new)
    {
        return super::followup::diff(old, new);
    }
    let reading = Pipeline { files: Files::Skip, ..Pipeline::default() };
    let (old, new) = match (&args.rev, args.plans.as_slice()) {
        (None, [old, new]) => (reading.load(old)?, new),
        (Some(rev), [file]) => (load_from_git(&reading, file, rev)?, file),
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
    let computed = reading.compute(&old, None);
    let appendix = ChangesDocument { old, computed };
    if let Some(output) = &args.pdf {
        // Refuse a bad target before anything is printed: not a folder, and neither plan.
        files::check_target(new, output)?;
        if let (None, [older, _]) = (&args.rev, args.plans.as_slice())
            && files::same_file(older, output)
        {
            return Err(Error::User(
                Diagnostic::new(format!("utfilen {} är den äldre planen", output.display())).hint(
                    "välj ett annat namn för bilagan, till exempel `--pdf Bilaga-förändringar.pdf`; inget har skrivits",
                ),
            ));
        }
    }
    // The comparison reads the newer plan without its files; the appendix checks them, since
    // the newer plan's own templates (`utseende.mallar`) shape it.
    let newer = reading.load(new)?;
    let changes = appendix.changes(&newer, &reading.compute(&newer, None));
    let style =
        if terminal::colour(Stream::Stdout) { terminal::Style::Colour } else { terminal::Style::Plain };
    print!("{}", terminal::changes(&changes, style));
    if let Some(output) = &args.pdf {
        let mut pipeline = Pipeline { document: &appendix, ..args.outputs.pipeline() };
        if args.html {
            pipeline.outputs.push(crate::outputs::Output::Html);
        }
        let built = pipeline.build(&mut Session::default(), new, output)?;
        print!("{}", terminal::built(&built, args.outputs.verbose, terminal::colour(Stream::Stdout)));
    }
    Ok(())
}

/// The plan `file` as it was in git revision `rev`, read and checked.
fn load_from_git(pipeline: &Pipeline, file: &Path, rev: &str) -> Result<Loaded, Error> {
    if rev.trim().is_empty() {
        return Err(Error::User(
            Diagnostic::new("--rev är tomt")
                .note("git läser en tom revision som indexet (det som är förberett med `git add`), inte som en incheckning")
                .hint("ange en incheckning, en gren eller en tagg, till exempel `--rev HEAD`"),
        ));
    }
    if rev.starts_with('-') || rev.contains(':') {
        return Err(Error::User(
            Diagnostic::new(format!("`{rev}` är ingen git-revision"))
                .hint("ange en incheckning, en gren eller en tagg, till exempel HEAD~1"),
        ));
    }
    let folder = files::output_folder(file)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let spawned = std::process::Command::new("git")
        .arg("-C")
        .arg(&folder)
        .arg("show")
        .arg(format!("{rev}:./{name}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let cannot = |e: std::io::Error| {
        Error::User(
            Diagnostic::new(format!("git kunde inte startas: {}", files::io_reason(&e)))
                .hint("installera git, eller jämför två filer: `vplan diff gammal.yaml ny.yaml`"),
        )
    };
    let mut child = spawned.map_err(cannot)?;
    // The blob is read only up to the size a plan may have, like a plan on disk.
    let limit = yaml::MAX_FILE_BYTES as u64;
    let mut blob = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        stdout.take(limit + 1).read_to_end(&mut blob).map_err(cannot)?;
    }
    if blob.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Err(yaml::too_large(Path::new(&format!("{rev}:{}", file.display())), blob.len() as u64));
    }
    let mut reason = String::new();
    if let Some(stderr) = child.stderr.take() {
        let _ = stderr.take(64 * 1024).read_to_string(&mut reason);
    }
    let status = child.wait().map_err(cannot)?;
    if !status.success() {
        return Err(Error::User(
            Diagnostic::new(format!("git har ingen {name} i {rev}"))
                .note(format!("git: {}", terminal::shown(reason.lines().next().unwrap_or("").trim())))
                .hint(format!("se planens historik med `git log --oneline -- {}`", file.display())),
        ));
    }
    pipeline.load_bytes(Path::new(&format!("{rev}:{}", file.display())), &blob, folder)
}
