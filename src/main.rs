//! The `archsel` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = archsel::cli::Cli::parse();
    let color = cli.global.color;
    match archsel::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            archsel::commands::report_error(&error, color);
            ExitCode::from(error.exit_code())
        }
    }
}
