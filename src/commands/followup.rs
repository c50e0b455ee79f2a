//! The follow-up commands: `vplan ny-uppföljning` (a starter follow-up for an adopted plan),
//! and what `check`, `text` and `diff` do when a file is a follow-up (it has `rapport:`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::cli::{NewFollowUpArgs, ReportKindArg};
use crate::compute::followup::{FollowUpFigures, followup as compute_followup};
use crate::error::{Diagnostic, Error};
use crate::followup::{self, LoadedFollowUp, ReportKind};
use crate::{files, lint, load, terminal};

/// Whether the file at `path` is a follow-up (has the top-level key `rapport:`). A file that
/// cannot be read is not: the plan's own reading then says why.
pub(super) fn is_followup_file(path: &Path) -> bool {
    files::read_bounded(path, crate::yaml::MAX_FILE_BYTES as u64)
        .map(|bytes| followup::is_followup(&String::from_utf8_lossy(&bytes)))
        .unwrap_or(false)
}

/// A follow-up read, checked and computed, with its warnings.
pub struct CheckedFollowUp {
    /// The follow-up and its plan.
    pub loaded: LoadedFollowUp,
    /// Its figures.
    pub figures: FollowUpFigures,
    /// Its warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Reads, checks, computes and lints the follow-up at `file`.
pub fn check_followup(file: &Path) -> Result<CheckedFollowUp, Error> {
    let loaded = load::load_followup(file)?;
    crate::compute::ledger::check_followup(&loaded)?;
    let figures = compute_followup(&loaded);
    let warnings = lint::lint_followup(&loaded, &figures);
    Ok(CheckedFollowUp { loaded, figures, warnings })
}

/// Prints a follow-up's warnings, each with its line and caret.
pub(super) fn print_warnings(checked: &CheckedFollowUp) {
    let sources = [(checked.loaded.file.as_path(), checked.loaded.source.as_str())];
    eprint!(
        "{}",
        terminal::warnings(&checked.warnings, &sources, terminal::colour(terminal::Stream::Stderr))
    );
}

/// `vplan check` on a follow-up.
pub(super) fn check(file: &Path) -> Result<(), Error> {
    let checked = check_followup(file)?;
    print_warnings(&checked);
    let mut out = std::io::stdout().lock();
    let count = match checked.warnings.len() {
        0 => "inga varningar".to_owned(),
        1 => "1 varning".to_owned(),
        n => format!("{n} varningar"),
    };
    let _ = writeln!(
        out,
        "{}: uppföljningen är giltig ({count}); {} av {}",
        file.display(),
        checked.loaded.followup.kind.key(),
        checked.loaded.plan.file.display()
    );
    let _ = write!(out, "{}", terminal::followup_table(&checked.figures));
    if let Some(rec) = &checked.figures.books {
        let _ = write!(out, "{}", terminal::reconciliation(rec));
    }
    Ok(())
}

/// `vplan text` on a follow-up: one fact per line; a follow-up that does not read is shown
/// as it stands, so that git still diffs it.
pub(super) fn text(file: &Path) -> Result<(), Error> {
    let text = match load::load_followup(file) {
        Ok(loaded) => terminal::followup_text(&loaded, &compute_followup(&loaded)),
        Err(_) => {
            let bytes = load::read_plan(file, "uppföljningen")?;
            format!(
                "(vplan kunde inte läsa uppföljningen; så här står den)\n{}",
                terminal::shown(&String::from_utf8_lossy(&bytes))
            )
        }
    };
    print!("{text}");
    Ok(())
}

/// `vplan diff` of two follow-ups: the facts that moved, old and new.
pub(super) fn diff(old: &Path, new: &Path) -> Result<(), Error> {
    let old_text = {
        let loaded = load::load_followup(old)?;
        terminal::followup_text(&loaded, &compute_followup(&loaded))
    };
    let new_text = {
        let loaded = load::load_followup(new)?;
        terminal::followup_text(&loaded, &compute_followup(&loaded))
    };
    let mut out = std::io::stdout().lock();
    let changes = similar::TextDiff::from_lines(&old_text, &new_text);
    let mut any = false;
    for change in changes.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "- ",
            similar::ChangeTag::Insert => "+ ",
            similar::ChangeTag::Equal => continue,
        };
        any = true;
        let _ = write!(out, "{sign}{}", change.value());
    }
    if !any {
        let _ = writeln!(out, "inga skillnader i uppföljningarnas uppgifter");
    }
    Ok(())
}

/// `vplan build` on a follow-up: its PDF beside it (or at `-o`), through the same pipeline
/// as the plan, with the follow-up as the document kind.
pub(super) fn build(args: &crate::cli::BuildArgs, file: &Path) -> Result<(), Error> {
    let web = args.html.outputs();
    if web.contains(&crate::outputs::Output::HtmlSummary) {
        return Err(Error::User(
            Diagnostic::new("--html-sammanfattning finns inte för uppföljningar")
                .hint("uppföljningens webbsida byggs med --html och börjar med nyckeltalen; sammanfattningen gäller planen"),
        ));
    }
    let checked = check_followup(file)?;
    print_warnings(&checked);
    let output = args.output.clone().unwrap_or_else(|| file.with_extension("pdf"));
    let plan_file = checked.loaded.plan.file.clone();
    let document = crate::documents::FollowUpDocument { loaded: checked.loaded, figures: checked.figures };
    let mut pipeline = crate::pipeline::Pipeline { document: &document, ..args.outputs.pipeline() };
    pipeline.outputs.extend(web);
    let built = pipeline.build(&mut crate::pipeline::Session::default(), &plan_file, &output)?;
    print!("{}", terminal::built(&built, args.outputs.verbose, terminal::colour(terminal::Stream::Stdout)));
    Ok(())
}

/// The period's last day from `--period`: `2026-08` (the month's last day) or `2026-08-31`.
fn period_end(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    let (year, month) = text.split_once('-')?;
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_next.pred_opt()
}

/// `vplan ny-uppföljning`: writes a starter follow-up, never over an existing file.
pub(super) fn new(args: &NewFollowUpArgs) -> Result<(), Error> {
    let Some(to) = period_end(&args.period) else {
        return Err(Error::User(
            Diagnostic::new(format!("`{}` är ingen period vplan kan läsa", args.period))
                .hint("ange periodens sista månad som ÅÅÅÅ-MM, till exempel --period 2026-08, eller en dag, 2026-08-31"),
        ));
    };
    if is_followup_file(&args.plan) {
        return Err(Error::User(
            Diagnostic::new(format!("{} är en uppföljning, inte en plan", args.plan.display()))
                .hint("ange den antagna verksamhetsplanen"),
        ));
    }
    let loaded = load::load(&args.plan)?;
    let year = loaded.plan.document.year.value;
    if to.year() != year {
        return Err(Error::User(
            Diagnostic::new(format!("perioden {} ligger inte i planens år {year}", to.format("%Y-%m")))
                .hint(format!("ange en månad under {year}, till exempel --period {year}-08")),
        ));
    }
    let kind = match args.report {
        Some(ReportKindArg::Tertial) => ReportKind::Tertial,
        Some(ReportKindArg::Interim) => ReportKind::Interim,
        Some(ReportKindArg::Annual) => ReportKind::Annual,
        None if to.month() == 12 && to.day() == 31 => ReportKind::Annual,
        None if to.month() == 4 => ReportKind::Tertial,
        None => ReportKind::Interim,
    };
    let output = args.output.clone().unwrap_or_else(|| default_output(&args.plan, kind, to));
    if output.exists() {
        return Err(Error::User(
            Diagnostic::new(format!("filen {} finns redan", output.display()))
                .hint("välj ett annat namn med -o, så skrivs ingen befintlig fil över"),
        ));
    }
    let folder = files::output_folder(&output)?;
    let plan_path =
        args.plan.canonicalize().map_err(|e| Error::bug(format!("planen kunde inte läsas: {e}")))?;
    let Ok(relative) = plan_path.strip_prefix(&folder) else {
        return Err(Error::User(
            Diagnostic::new("planen ligger inte i uppföljningens mapp")
                .note(
                    "en uppföljning hänvisar till planen relativt sig själv, i samma mapp eller en undermapp",
                )
                .hint("skriv uppföljningen bredvid planen (utan -o), eller i en mapp ovanför planen"),
        ));
    };
    let plan_name = relative.to_string_lossy().replace('\\', "/");
    let yaml = followup::starter(&loaded.plan, &plan_name, kind, to);
    // The starter must read back as a valid follow-up of the plan.
    let reread: followup::FollowUp = crate::yaml::parse(&output, &yaml)
        .map_err(|e| Error::bug(format!("startfilen blev inte giltig:\n{e}")))?;
    followup::resolve(&reread, &loaded.plan, &yaml).map_err(|e| {
        Error::bug(format!("startfilen blev inte giltig: {:?}", e.first().map(|d| &d.message)))
    })?;
    files::write_atomically(&output, yaml.as_bytes())?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}: {} {year} av {}", output.display(), kind.key(), args.plan.display());
    let _ = writeln!(
        out,
        "  att fylla i: utfall per budgetrad (~), insatsernas deltagare och status, målens utfall och bedömning, texterna (”ATT FYLLA I”); vplan check påminner"
    );
    Ok(())
}

/// `PLAN-delarsrapport-2026-08.yaml` beside the plan.
fn default_output(plan: &Path, kind: ReportKind, to: NaiveDate) -> PathBuf {
    let stem =
        plan.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".to_owned());
    let kind = match kind {
        ReportKind::Tertial => "tertialrapport",
        ReportKind::Interim => "delarsrapport",
        ReportKind::Annual => "arsredovisning",
    };
    plan.with_file_name(format!("{stem}-{kind}-{}.yaml", to.format("%Y-%m")))
}
