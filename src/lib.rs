//! archsel: a knowledge base and decision engine for system architecture
//! patterns. `main.rs` parses arguments and calls [`run`]; everything else is
//! here, testable in-process.
//!
//! Layout: the knowledge (formats, loading, model, graph, lint rules, the
//! decision engine) is the `archsel-core` crate, re-exported here; this
//! crate is its terminal front end: `cli` (arguments), `commands/` (one file
//! per subcommand), `render/` (the terminal layer) and `embedded` (the
//! default catalog in the binary).

pub mod cli;
pub mod commands;
pub mod embedded;
pub mod render;
pub mod site;

pub use archsel_core::{catalog, diagnostics, engine, error, files, lint, suggest};

pub use error::Error;

use catalog::{Catalog, CatalogOptions, Loaded};
use cli::{Command, GlobalArgs};
use render::Term;
use std::sync::OnceLock;

/// What a command needs from the global options, and the catalog it loaded.
pub struct Context {
    pub global: GlobalArgs,
    pub term: Term,
    /// Loaded once and held by the context, so that the binary can end the
    /// process without freeing it piece by piece (see `main`).
    loaded: OnceLock<Loaded>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let term = Term::detect(global.color, global.width, global.ascii);
        Context {
            global,
            term,
            loaded: OnceLock::new(),
        }
    }

    /// Loads the catalog with these options (once per context: a command
    /// loads one catalog).
    pub fn load(&self, options: &CatalogOptions) -> &Loaded {
        self.load_with(|| Catalog::load(options))
    }

    /// Loads the catalog with a command's own loader (lint's), kept in the
    /// context like `load`'s.
    pub fn load_with(&self, load: impl FnOnce() -> Loaded) -> &Loaded {
        self.loaded.get_or_init(load)
    }

    pub fn catalog_options(&self) -> CatalogOptions {
        CatalogOptions {
            default: (!self.global.no_default_catalog).then(embedded::default_catalog),
            paths: self.global.catalog.clone(),
            ..Default::default()
        }
    }

    /// Prints a command's output for people (text, markdown, CSV, DOT,
    /// roff), in ASCII only under `--ascii`.
    pub fn print(&self, text: &str) -> Result<(), Error> {
        render::term::write_stdout(&self.term.printable(text))
    }

    /// Prints JSON (and JSON-based formats such as SARIF), escaped to
    /// ASCII under `--ascii`.
    pub fn print_json(&self, json: &str) -> Result<(), Error> {
        render::term::write_stdout(&self.term.printable_json(json))
    }

    /// Loads the catalog for a command that reads it; a catalog with errors
    /// stops the command (warnings do not).
    pub fn catalog(&self) -> Result<&Catalog, Error> {
        let loaded = self.load(&self.catalog_options());
        if Catalog::has_errors(&loaded.findings) {
            let findings = without_cascades(
                loaded
                    .findings
                    .iter()
                    .filter(|f| f.severity == diagnostics::Severity::Error)
                    .cloned()
                    .collect(),
            );
            return Err(Error::Catalog {
                findings,
                sources: loaded.catalog.sources.clone(),
            });
        }
        Ok(&loaded.catalog)
    }
}

/// The findings worth reading first: with no vocabulary, every value of
/// every pattern is "unknown", so only the missing vocabulary is reported
/// (one clear error instead of a cascade of follow-on ones).
pub fn without_cascades(findings: Vec<diagnostics::Finding>) -> Vec<diagnostics::Finding> {
    let root = catalog::rules::MISSING_VOCABULARY.id;
    if findings.iter().any(|f| f.rule == root) {
        findings.into_iter().filter(|f| f.rule == root).collect()
    } else {
        findings
    }
}

/// Runs a command in a context; returns the exit code for success paths
/// (0, or 1 when lint finds problems).
pub fn run(ctx: &Context, command: Command) -> Result<u8, Error> {
    match command {
        Command::List(args) => commands::list::run(ctx, &args),
        Command::Show(args) => commands::show::run(ctx, &args),
        Command::Compare(args) => commands::compare::run(ctx, &args),
        Command::Recommend(args) => commands::recommend::run(ctx, &args),
        Command::Lint(args) => commands::lint::run(ctx, &args),
        Command::Detect(args) => commands::detect::run(ctx, &args),
        Command::Graph(args) => commands::graph::run(ctx, &args),
        Command::Path(args) => commands::path::run(ctx, &args),
        Command::Schema(args) => commands::schema::run(ctx, &args),
        Command::Site(args) => commands::site::run(ctx, &args),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Man(args) => commands::man::run(ctx, &args),
    }
}
