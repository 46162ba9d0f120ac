//! The pager: a long page on a terminal goes through `$PAGER` (default
//! `less`), as bat and git do. `--paging never`, output that is not a
//! terminal, or a page that fits the screen are written straight out.

use crate::render::term::write_stdout;
use crate::{Context, Error};
use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};

/// `--paging`'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paging {
    /// Through a pager when standard output is a terminal and the page is
    /// taller than it
    #[default]
    Auto,
    /// Never: write straight to standard output
    Never,
}

/// Writes a page for people: through the pager when `--paging auto` and
/// the page is taller than the terminal, else to standard output.
pub fn page(ctx: &Context, text: &str) -> Result<(), Error> {
    let text = &*ctx.term.printable(text);
    if ctx.global.paging == Paging::Auto
        && std::io::stdout().is_terminal()
        && terminal_size::terminal_size().is_some_and(|(_, h)| text.lines().count() >= h.0 as usize)
        && through_pager(text)
    {
        return Ok(());
    }
    write_stdout(text)
}

/// The pager command: `$PAGER` split on whitespace, else `less`. `None`
/// when `$PAGER` says not to page (`cat` or empty).
fn pager_command() -> Option<Command> {
    let configured = std::env::var("PAGER").ok();
    let words: Vec<&str> = match configured.as_deref() {
        Some(pager) => pager.split_whitespace().collect(),
        None => vec!["less"],
    };
    let (program, args) = words.split_first()?;
    if *program == "cat" {
        return None;
    }
    let mut command = Command::new(program);
    command.args(args);
    // less: show colours (-R), quit when the page fits (-F), keep the page
    // on screen when it ends (-X); a LESS the user set wins.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    Some(command)
}

/// Sends the page to the pager and waits for it; false when no pager could
/// be started (the caller then writes the page itself).
fn through_pager(text: &str) -> bool {
    let Some(mut command) = pager_command() else {
        return false;
    };
    // Ctrl-C reaches the pager and archsel alike. The pager decides what it
    // means (less stops a search, or quits with -K); archsel keeps waiting,
    // as git does, so that it never leaves the pager behind holding the
    // terminal. Where the handler cannot be set, Ctrl-C ends archsel as before.
    let interrupted = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, interrupted);
    let Ok(mut child) = command.stdin(Stdio::piped()).spawn() else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before reading it all: that is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    true
}
