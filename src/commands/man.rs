//! `archsel man [SUBCOMMAND] [--dir DIR]`: manual pages in roff, generated
//! from the clap definitions (so they list the same options as `--help`),
//! with the exit codes every command keeps (DESIGN §5).

use crate::Error;
use clap::{Args, CommandFactory};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Only this subcommand's page (e.g. `show`); default: the main page
    #[arg(value_name = "SUBCOMMAND", add = clap_complete::engine::ArgValueCandidates::new(subcommand_names))]
    pub subcommand: Option<String>,

    /// Write every page (archsel.1, archsel-list.1, …) into this directory
    /// instead of printing one
    #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
    pub dir: Option<PathBuf>,

    /// With --dir: replace pages that are already there
    #[arg(long, requires = "dir")]
    pub force: bool,
}

/// The pages: the main one, then one per subcommand, as (file name, roff).
pub fn pages() -> Vec<(String, String)> {
    let mut cli = crate::cli::Cli::command().disable_help_subcommand(true);
    cli.build();
    let names: Vec<String> = cli
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| format!("archsel-{}", s.get_name()))
        .collect();
    let mut list = vec![("archsel.1".to_owned(), page(&cli, &names))];
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        list.push((
            format!("archsel-{}.1", sub.get_name()),
            page(sub, &["archsel".to_owned()]),
        ));
    }
    list
}

fn subcommand_names() -> Vec<clap_complete::engine::CompletionCandidate> {
    crate::cli::Cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| clap_complete::engine::CompletionCandidate::new(s.get_name()))
        .collect()
}

/// One page: clap_mangen's sections, then EXIT STATUS and SEE ALSO.
fn page(command: &clap::Command, see_also: &[String]) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(command.clone()).render(&mut bytes);
    let mut roff = String::from_utf8_lossy(&bytes).into_owned();
    roff.push_str(
        ".SH \"EXIT STATUS\"\n\
         .TP\n0\nSuccess.\n\
         .TP\n1\nLint (or detect \\-\\-against) found problems at or above the failing severity.\n\
         .TP\n2\nUsage, input or I/O error: a bad option or value, an unknown pattern, a catalog that does not load.\n\
         .TP\n130\nInterrupted (Ctrl\\-C).\n\
         .PP\nOutput into a closed pipe ends quietly with 0.\n",
    );
    roff.push_str(".SH \"SEE ALSO\"\n");
    let refs: Vec<String> = see_also
        .iter()
        .map(|name| format!("\\fB{}\\fR(1)", name.replace('-', "\\-")))
        .collect();
    roff.push_str(&refs.join(", "));
    roff.push('\n');
    roff
}

pub fn run(ctx: &crate::Context, args: &ManArgs) -> Result<u8, Error> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
        for (name, roff) in &pages {
            let path = dir.join(name);
            crate::files::write_atomically(&path, roff, args.force)?;
        }
        ctx.print(&format!(
            "wrote {} pages to {}\n",
            pages.len(),
            crate::render::sanitize::clean(&dir.display().to_string())
        ))?;
        return Ok(0);
    }
    let wanted = match &args.subcommand {
        None => "archsel.1".to_owned(),
        Some(sub) => format!("archsel-{sub}.1"),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, roff)) => ctx.print(roff)?,
        None => {
            let names: Vec<String> = pages
                .iter()
                .filter_map(|(n, _)| {
                    Some(n.strip_prefix("archsel-")?.strip_suffix(".1")?.to_owned())
                })
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            return Err(crate::suggest::unknown(
                "subcommand",
                args.subcommand.as_deref().unwrap_or_default(),
                &names,
            ));
        }
    }
    Ok(0)
}

fn io_error(action: &'static str, path: &std::path::Path, e: &std::io::Error) -> Error {
    Error::Io {
        action,
        path: path.display().to_string(),
        reason: e.to_string(),
        help: None,
    }
}
