//! `vplan ny`: next year's plan, written beside this one unless `-o` says otherwise.

use std::io::Write as _;

use crate::cli::NextArgs;
use crate::error::{Diagnostic, Error};
use crate::pipeline::{Checked, Pipeline};
use crate::{files, next_year, plan, swedish, terminal};

/// Writes next year's plan and says what is left to do.
pub fn run(args: &NextArgs) -> Result<(), Error> {
    let pipeline = Pipeline::default();
    let Checked { loaded, computed, .. } = pipeline.check(&args.plan)?;
    let old_year = loaded.plan.year();
    let year = args.year.unwrap_or(old_year + 1);
    if !plan::YEARS.contains(&year) {
        return Err(Error::User(
            Diagnostic::new(format!("vplan kan inte skriva en plan för {year}"))
                .note(format!("planår går från {} till {}", plan::YEARS.start(), plan::YEARS.end()))
                .hint("ange ett annat år med --år"),
        ));
    }
    let output = args.output.clone().unwrap_or_else(|| next_year::default_output(&args.plan, old_year, year));
    if output.exists() {
        return Err(Error::User(
            Diagnostic::new(format!("filen {} finns redan", output.display()))
                .hint("välj ett annat namn med -o, så skrivs ingen befintlig plan över"),
        ));
    }
    let folder = files::output_folder(&output)?;
    // The new plan names this one as its predecessor when it can: in the same folder.
    let predecessor = (folder == loaded.folder)
        .then(|| args.plan.file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten();
    let next = next_year::next_year(&loaded, &computed, year, predecessor.as_deref())?;
    // Next year opens with this year's closing balance; a plan whose figures run beyond what an
    // amount may be cannot have a next year, and that is the plan's to fix.
    if let (Some(opening), Some(equity)) =
        (next.opening, loaded.plan.budget.as_ref().and_then(|b| b.equity.as_ref()))
        && !plan::within_bounds(opening)
    {
        return Err(loaded.error(vec![
            Diagnostic::new(format!(
                "nästa års ingående eget kapital blir {}, mer än ett belopp i vplan får vara",
                swedish::amount(opening)
            ))
            .at(plan::position(&equity.opening.referenced, 1))
            .hint("rätta beloppen i budgeten; ett belopp har högst 15 siffror före decimalkommat"),
        ]));
    }
    // vplan only moved years and amounts on, so the result must read back as a valid plan.
    let invalid = |e: Error| Error::bug_from("den nya planen blev inte giltig", e);
    let reread = pipeline.load_bytes(&output, next.yaml.as_bytes(), folder).map_err(invalid)?;
    let recomputed = pipeline.compute(&reread, None);
    pipeline.render(&pipeline.context(&reread, None, &recomputed)).map_err(invalid)?;
    files::write_atomically(&output, next.yaml.as_bytes())?;

    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}: planen för {year}, från {}", output.display(), args.plan.display());
    if let (Some(opening), Some(unit)) = (next.opening, loaded.plan.budget.as_ref().map(|b| b.unit)) {
        let _ = writeln!(
            out,
            "  ingående eget kapital: {} {} (utgående {} enligt {})",
            terminal::plain(&swedish::amount(opening)),
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
            "  {} rader i texterna nämner {old_year} eller {}; läs igenom dem:",
            next.old_year_mentions.len(),
            old_year - 1
        );
        for (line, text) in &next.old_year_mentions {
            let short: String = text.chars().take(70).collect();
            let more = if short.len() < text.len() { " …" } else { "" };
            let _ = writeln!(out, "    rad {line}: {}{more}", terminal::shown(&short));
        }
    }
    Ok(())
}
