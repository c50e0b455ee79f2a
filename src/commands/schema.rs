//! `vplan schema`: the plan format as a JSON Schema, for editors.

use crate::cli::SchemaArgs;
use crate::error::{Diagnostic, Error};
use crate::{files, schema};

/// Prints the schema, or writes it where `-o` says.
pub fn run(args: &SchemaArgs) -> Result<(), Error> {
    let text = if args.followup { schema::followup_text() } else { schema::text() };
    match &args.output {
        Some(output) => {
            // An earlier schema may be replaced; a plan or any other file may not.
            if let Ok(old) = std::fs::read(output)
                && !old.trim_ascii_start().starts_with(b"{")
            {
                return Err(Error::User(
                    Diagnostic::new(format!("{} finns redan och är inget JSON-schema", output.display()))
                        .hint("ange ett annat filnamn, till exempel -o vplan.schema.json; filen är orörd"),
                ));
            }
            files::write_atomically(output, text.as_bytes())?;
            println!(
                "{}: JSON-schema för {}",
                output.display(),
                if args.followup { "uppföljningar" } else { "planformatet" }
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}
