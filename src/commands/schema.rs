//! `vplan schema`: the plan format as a JSON Schema, for editors.

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::{files, schema};

/// Prints the schema, or writes it where `-o` says.
pub fn run(args: &SchemaArgs) -> Result<(), Error> {
    let text = schema::text();
    match &args.output {
        Some(output) => {
            files::write_atomically(output, text.as_bytes())?;
            println!("{}: JSON-schema för planformatet", output.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
