//! `vplan build`: one or more plans to PDF (and the other outputs asked for).

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
    let mut pipeline = args.outputs.pipeline();
    pipeline.outputs.extend(args.html.outputs());
    each_plan(&args.plans, |file| {
        let output = args.output.clone().unwrap_or_else(|| pipeline.pdf_file(file));
        let built = pipeline.build(&mut Session::default(), file, &output)?;
        eprint!("{}", terminal::warnings(&built.warnings, &built.sources(), terminal::colour(Stream::Stderr)));
        print!("{}", terminal::built(&built, args.outputs.verbose, terminal::colour(Stream::Stdout)));
        Ok(())
    })
}
