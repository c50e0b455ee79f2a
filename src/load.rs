//! Stage load: a plan file read, parsed and checked.
//!
//! In: the path of a YAML plan (or its bytes, from git). Out: a [`Loaded`] plan — the typed
//! [`crate::plan::Plan`] exactly as the user wrote it, its folder and the files it names,
//! resolved — or every error found, each at its file:line:column. Reading the YAML and its
//! Swedish messages is [`crate::yaml`]'s; what serde cannot check is [`crate::validate`]'s.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::files::{self, ReadProblem};
use crate::plan::{Loaded, Plan, position};
use crate::validate::{self, Files};
use crate::yaml;

/// Reads, parses and checks the plan at `file`, and the files it names.
pub fn load(file: &Path) -> Result<Loaded, Error> {
    load_with(file, Files::Check)
}

/// Reads, parses and checks the plan at `file`; `files` says whether the files it names are
/// checked too.
pub fn load_with(file: &Path, files: Files) -> Result<Loaded, Error> {
    let bytes = read_plan(file, "planen")?;
    let folder = file
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| Error::bug_from("planens mapp kunde inte läsas", e))?;
    load_bytes(file, &bytes, folder, files)
}

/// Reads a plan file (`what` names it: "planen", "föregående plan"), refusing anything but a
/// regular file of at most [`yaml::MAX_FILE_BYTES`] before it is read into memory.
pub fn read_plan(file: &Path, what: &str) -> Result<Vec<u8>, Error> {
    files::read_bounded(file, yaml::MAX_FILE_BYTES as u64).map_err(|problem| match problem {
        ReadProblem::TooLarge(size) => yaml::too_large(file, size),
        problem => Error::User(
            Diagnostic::new(format!("kan inte läsa {what} {}: {}", file.display(), problem.reason())).hint(
                "kontrollera sökvägen; planen är en YAML-fil, till exempel plans/nedansiljan-2026.yaml",
            ),
        ),
    })
}

/// Parses and checks a plan's bytes; `file` names it in messages, and files it names are
/// looked up in `folder` (canonical). Used for plans read from disk and from git.
pub fn load_bytes(file: &Path, bytes: &[u8], folder: PathBuf, files: Files) -> Result<Loaded, Error> {
    if bytes.len() > crate::yaml::MAX_FILE_BYTES {
        return Err(crate::yaml::too_large(file, bytes.len() as u64));
    }
    let source = nfc(yaml::decode(file, bytes)?);
    let plan: Plan = yaml::parse(file, &source)?;
    let mut checked = validate::validate(&plan, &folder, files);
    let text_errors = validate::text_errors(file, &source);
    if !text_errors.is_empty() {
        let mut errors = checked.err().unwrap_or_default();
        errors.extend(text_errors);
        errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
        checked = Err(errors);
    }
    match checked {
        Ok(validated) => Ok(Loaded {
            file: file.to_path_buf(),
            folder,
            source,
            plan,
            date: validated.date,
            predecessor: validated.predecessor,
            templates: validated.templates,
        }),
        Err(mut diagnostics) => {
            yaml::explain_decimal_commas(&source, &mut diagnostics);
            Err(Error::in_file(file, source, diagnostics))
        }
    }
}

/// Loads the plan named by `föregående`, if any. It must not name the plan itself.
pub fn load_predecessor(loaded: &Loaded) -> Result<Option<Loaded>, Error> {
    let Some(path) = &loaded.predecessor else { return Ok(None) };
    let this = loaded.file.canonicalize().ok();
    if this.as_ref() == Some(path) {
        let name = loaded.plan.predecessor.as_ref().expect("a resolved predecessor was named");
        return Err(loaded.error(vec![
            Diagnostic::new("planen anger sig själv som föregående plan")
                .at(position(&name.referenced, name.value.chars().count()))
                .hint("ange förra årets planfil"),
        ]));
    }
    // Name the predecessor as the user did, relative to this plan, in its messages.
    let shown = loaded
        .file
        .parent()
        .unwrap_or(Path::new(""))
        .join(&loaded.plan.predecessor.as_ref().expect("a resolved predecessor was named").value);
    let bytes = read_plan(path, "föregående plan").map_err(|e| match e {
        // Name the predecessor as the plan does.
        Error::User(d) => Error::User(Diagnostic {
            message: d.message.replace(&path.display().to_string(), &shown.display().to_string()),
            ..d
        }),
        other => other,
    })?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_else(|| loaded.folder.clone());
    load_bytes(&shown, &bytes, folder, Files::Check).map(Some)
}

/// The plan's text in Unicode's composed form (NFC). A key or a name typed with a combining
/// mark (`å` as `a` and a ring, as some systems write it) looks the same as the composed one and
/// must read the same: `målområden` is a key however its `å` was typed. Positions in messages
/// refer to this text, which shows exactly like the file.
fn nfc(source: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(source.chars()) {
        IsNormalized::Yes => source,
        _ => source.nfc().collect(),
    }
}

/// Reads, parses and checks the follow-up at `file` (a file with `rapport:`), the adopted
/// plan it names (`plan:`, inside the follow-up's folder) and every reference between them.
pub fn load_followup(file: &Path) -> Result<crate::followup::LoadedFollowUp, Error> {
    use crate::followup::{FollowUp, LoadedFollowUp, resolve};
    let bytes = read_plan(file, "uppföljningen")?;
    let folder = file
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .unwrap_or(Path::new("."))
        .canonicalize()
        .map_err(|e| Error::bug(format!("uppföljningens mapp kunde inte läsas: {e}")))?;
    let source = nfc(yaml::decode(file, &bytes)?);
    let followup: FollowUp = yaml::parse(file, &source)?;
    let fail = |diagnostics: Vec<Diagnostic>| Error::Plan {
        file: file.to_path_buf(),
        source: source.clone(),
        diagnostics,
    };
    let name = &followup.plan;
    let at = position(&name.referenced, name.value.chars().count());
    let path = files::resolve_in_folder(&folder, name.value.trim()).map_err(|problem| {
        fail(vec![
            Diagnostic::new(problem.message(&name.value).replace("planens mapp", "uppföljningens mapp"))
                .at(at)
                .hint("ange den antagna planens fil relativt den här filen, i samma mapp eller en undermapp, till exempel `nedansiljan-2026.yaml`"),
        ])
    })?;
    if file.canonicalize().ok().as_ref() == Some(&path) {
        return Err(fail(vec![
            Diagnostic::new("uppföljningen anger sig själv som plan")
                .at(at)
                .hint("ange den antagna planens fil"),
        ]));
    }
    // Name the plan as the follow-up does, relative to it, in the plan's own messages.
    let shown = file.parent().unwrap_or(Path::new("")).join(name.value.trim());
    let plan_bytes = read_plan(&path, "planen")?;
    if crate::followup::is_followup(&String::from_utf8_lossy(&plan_bytes)) {
        return Err(fail(vec![
            Diagnostic::new(format!("`{}` är en uppföljning, inte en plan", name.value))
                .at(at)
                .hint("ange den antagna verksamhetsplanen, den fil som har `förbund:` och `budget:`"),
        ]));
    }
    let plan_folder = path.parent().map(Path::to_path_buf).unwrap_or_else(|| folder.clone());
    let plan = load_bytes(&shown, &plan_bytes, plan_folder, Files::Check)?;
    let resolved = resolve(&followup, &plan.plan, &source).map_err(|mut diagnostics| {
        yaml::explain_decimal_commas(&source, &mut diagnostics);
        fail(diagnostics)
    })?;
    let books = match &followup.books {
        Some(mapping) => Some(read_books(&folder, mapping).map_err(|e| match e {
            BooksError::Here(diagnostics) => fail(diagnostics),
            BooksError::Other(e) => e,
        })?),
        None => None,
    };
    let date = resolved.date;
    Ok(LoadedFollowUp { file: file.to_path_buf(), folder, source, followup, plan, resolved, date, books })
}

/// Why `bokföring:` failed: problems in the follow-up's file, or an error of its own (the SIE
/// file's).
enum BooksError {
    Here(Vec<Diagnostic>),
    Other(Error),
}

/// Reads the SIE file `bokföring.fil` names, inside the follow-up's folder and within the SIE
/// reader's bounds. Its sums are mapped to the plan's lines in `compute::ledger`.
fn read_books(
    folder: &Path,
    mapping: &crate::sie::mapping::BooksMapping,
) -> Result<crate::sie::Books, BooksError> {
    let name = &mapping.file;
    let path = files::resolve_in_folder(folder, name.value.trim()).map_err(|problem| {
        BooksError::Here(vec![
            Diagnostic::new(problem.message(&name.value).replace("planens mapp", "uppföljningens mapp"))
                .at(position(&name.referenced, name.value.chars().count()))
                .hint("lägg SIE-filen bredvid uppföljningen och ange dess namn, till exempel `bokforing-2026-08.se`"),
        ])
    })?;
    crate::sie::read_file(&path).map_err(BooksError::Other)
}
