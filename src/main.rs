//! The `archsel` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = archsel::cli::Cli::parse();
    let color = cli.global.color;
    let ctx = archsel::Context::new(cli.global);
    let outcome = archsel::run(&ctx, cli.command);
    // The process ends here: the OS takes the catalog back at once, where
    // dropping it would free thousands of small allocations one by one (a
    // tenth of a short command's time).
    std::mem::forget(ctx);
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            archsel::commands::report_error(&error, color);
            ExitCode::from(error.exit_code())
        }
    }
}
