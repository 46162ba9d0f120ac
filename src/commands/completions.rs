//! `archsel completions <shell>` and `archsel man`: generated from the clap definitions.

use crate::Error;
use crate::render::term::write_stdout;
use clap::{Args, CommandFactory};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<u8, Error> {
    let mut command = crate::cli::Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "archsel", &mut bytes);
    write_stdout(&String::from_utf8_lossy(&bytes))?;
    Ok(0)
}

pub fn man() -> Result<u8, Error> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command())
        .render(&mut bytes)
        .map_err(|e| Error::Io {
            action: "render",
            path: "the man page".into(),
            reason: e.to_string(),
            help: None,
        })?;
    write_stdout(&String::from_utf8_lossy(&bytes))?;
    Ok(0)
}
