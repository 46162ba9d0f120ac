//! Command-line arguments: the global options and the subcommands (each
//! subcommand's own arguments live in its file under `commands/`).

use crate::commands;
use crate::render::pager::Paging;
use crate::render::term::ColorChoice;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "archsel",
    version,
    about = "Choose and explain system architecture: a knowledge base and decision engine for architecture patterns",
    long_about = "archsel is a knowledge base and decision engine for system architecture patterns: \
the 12 MECE deployment patterns (monolith to hybrid cloud) and their variants. \
It works offline from the catalog embedded in the binary; add your own with --catalog.",
    after_help = "Examples:\n  archsel list\n  archsel show sidecar\n  archsel show k8s --section ratings\n  archsel --catalog ./our-patterns list"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Add a catalog directory on top of the default one (repeatable; a file
    /// with a built-in id replaces it)
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "ARCHSEL_CATALOG",
        value_delimiter = ':'
    )]
    pub catalog: Vec<PathBuf>,

    /// Use only the --catalog directories, not the embedded default catalog
    #[arg(long, global = true)]
    pub no_default_catalog: bool,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Render for this many columns (default: the terminal's width, else $COLUMNS, else 80)
    #[arg(long, global = true, value_name = "COLUMNS")]
    pub width: Option<usize>,

    /// Print ASCII only: symbols, tables and catalog text transliterated,
    /// JSON escaped (automatic when the locale is not UTF-8; files archsel
    /// writes keep their text)
    #[arg(long, global = true)]
    pub ascii: bool,

    /// When to show long pages through a pager ($PAGER, else less)
    #[arg(long, global = true, value_enum, default_value_t = Paging::Auto, value_name = "WHEN")]
    pub paging: Paging,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the patterns, one a line
    List(commands::list::ListArgs),
    /// Show a pattern's page: dimensions, diagram, ratings, trade-offs, relations
    Show(commands::show::ShowArgs),
    /// Compare patterns side by side: dimensions and ratings, best marked
    Compare(commands::compare::CompareArgs),
    /// Answer a few questions and get an architecture you can defend
    Recommend(commands::recommend::RecommendArgs),
    /// Draw the knowledge graph (Graphviz DOT or Mermaid)
    Graph(commands::graph::GraphArgs),
    /// The shortest evolution path from one pattern to another, and what changes
    Path(commands::path::PathArgs),
    /// Check pattern and decision-tree files (for CI), with precise diagnostics
    Lint(commands::lint::LintArgs),
    /// Classify a system from its deployment files; --against checks it against an ADR
    Detect(commands::detect::DetectArgs),
    /// Write the catalog as a static website (questionnaire included) to a folder
    Site(commands::site::SiteArgs),
    /// Print the JSON Schema of a catalog file kind (for editors)
    Schema(commands::schema::SchemaArgs),
    /// Print the shell code that completes archsel's arguments (ids and aliases too)
    Completions(commands::completions::CompletionsArgs),
    /// Print a manual page (roff), or write them all with --dir
    Man(commands::man::ManArgs),
}
