//! The `archsel` binary: parse arguments, run, map the outcome to an exit code.

use archsel::cli::Cli;
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=bash archsel …`: the shell asking what completes a word.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(archsel::commands::completions::VAR)
        .complete();
    let cli = parse_args();
    let (color, ascii) = (cli.global.color, cli.global.ascii);
    let ctx = archsel::Context::new(cli.global);
    let outcome = archsel::run(&ctx, cli.command);
    // The process ends here: the OS takes the catalog back at once, where
    // dropping it would free thousands of small allocations one by one (a
    // tenth of a short command's time).
    std::mem::forget(ctx);
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            archsel::commands::report_error(&error, color, ascii);
            ExitCode::from(error.exit_code())
        }
    }
}

/// `Cli::parse()`, except that clap's command tree and matches are not freed
/// (dropping them cost more than parsing a short command line).
fn parse_args() -> Cli {
    let mut command = Cli::command();
    let mut matches = command.get_matches_mut();
    let cli =
        Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|e| e.format(&mut command).exit());
    std::mem::forget((command, matches));
    cli
}
