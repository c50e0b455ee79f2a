//! `vplan build`: one or more plans to PDF (and the other outputs asked for); several plans
//! are built side by side and reported in the order given.

use super::each_plan;
use crate::cli::BuildArgs;
use crate::error::{Diagnostic, Error};
use crate::pipeline::Session;
use crate::terminal::{self, Stream};

/// Builds every plan named, each beside its plan unless `-o` names the PDF.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    if args.output.is_some() && args.plans.len() > 1 {
        return Err(Error::User(
            Diagnostic::new("-o går bara att använda med en plan")
                .hint("bygg planerna var för sig, eller utelämna -o så hamnar varje PDF bredvid sin plan"),
        ));
    }
    // Several plans are built side by side, each with its own pipeline and session.
    each_plan(&args.plans, |file, printed| {
        if super::followup::is_followup_file(file) {
            return super::followup::build(args, file);
        }
        let mut pipeline = args.outputs.pipeline();
        pipeline.outputs.extend(args.html.outputs());
        let output = args.output.clone().unwrap_or_else(|| pipeline.pdf_file(file));
        let built = pipeline.build(&mut Session::default(), file, &output)?;
        printed.warnings(&built.warnings, &built.sources());
        printed.out.push_str(&terminal::built(
            &built,
            args.outputs.verbose,
            terminal::colour(Stream::Stdout),
        ));
        Ok(())
    })
}
