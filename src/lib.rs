//! archsel: a knowledge base and decision engine for system architecture
//! patterns. `main.rs` parses arguments and calls [`run`]; everything else is
//! here, testable in-process.
//!
//! Layout: `catalog/` loads and validates YAML into the model and graph;
//! `commands/` has one file per subcommand; `render/` is the terminal layer;
//! `diagnostics` is what every problem report is made of.

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod engine;
pub mod error;
pub mod files;
pub mod lint;
pub mod render;

pub use error::Error;

use catalog::{Catalog, CatalogOptions};
use cli::{Cli, Command, GlobalArgs};
use render::Term;

/// What a command needs from the global options.
pub struct Context {
    pub global: GlobalArgs,
    pub term: Term,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let term = Term::detect(global.color, global.width);
        Context { global, term }
    }

    pub fn catalog_options(&self) -> CatalogOptions {
        CatalogOptions {
            paths: self.global.catalog.clone(),
            use_default: !self.global.no_default_catalog,
            full_parse: false,
        }
    }

    /// Loads the catalog for a command that reads it; a catalog with errors
    /// stops the command (warnings do not).
    pub fn catalog(&self) -> Result<Catalog, Error> {
        let loaded = Catalog::load(&self.catalog_options());
        if Catalog::has_errors(&loaded.findings) {
            let findings = loaded
                .findings
                .into_iter()
                .filter(|f| f.severity == diagnostics::Severity::Error)
                .collect();
            return Err(Error::Catalog {
                findings,
                sources: loaded.catalog.sources,
            });
        }
        Ok(loaded.catalog)
    }
}

/// Runs a parsed command line; returns the exit code for success paths
/// (0, or 1 when lint finds problems).
pub fn run(cli: Cli) -> Result<u8, Error> {
    let ctx = Context::new(cli.global);
    match cli.command {
        Command::List(args) => commands::list::run(&ctx, &args),
        Command::Show(args) => commands::show::run(&ctx, &args),
        Command::Compare(args) => commands::compare::run(&ctx, &args),
        Command::Recommend(args) => commands::recommend::run(&ctx, &args),
        Command::Lint(args) => commands::lint::run(&ctx, &args),
        Command::Graph(args) => commands::graph::run(&ctx, &args),
        Command::Path(args) => commands::path::run(&ctx, &args),
        Command::Schema(args) => commands::schema::run(&ctx, &args),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Man => commands::completions::man(),
    }
}
