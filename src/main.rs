//! The `vplan` command. All work is in the library; this only maps the outcome to an exit
//! code: 0 done, 1 an error in a plan or in how vplan was called, 2 a bug in vplan.

use std::process::ExitCode;

fn main() -> ExitCode {
    match vplan::cli::parse().and_then(|cli| vplan::commands::run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let colour = vplan::terminal::colour(vplan::terminal::Stream::Stderr);
            eprint!("{}", vplan::terminal::error(&error, colour));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
