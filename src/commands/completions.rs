//! `archsel completions <shell>`: the shell's registration script for
//! clap_complete's dynamic engine. The shell then asks `archsel` itself
//! (with `COMPLETE=<shell>` set) what completes a word, so pattern ids and
//! aliases, categories, criteria, relation kinds and rule ids complete from
//! the catalog in use, not from a list frozen when the script was made.
//!
//! The candidate functions below are attached to arguments with
//! `add = ArgValueCandidates::new(...)`.

use crate::Error;
use crate::catalog::{Catalog, CatalogOptions, Loaded};
use crate::render::term::write_stdout;
use clap::Args;
use clap_complete::engine::CompletionCandidate;

/// The variable that turns a run of `archsel` into a completion request.
pub const VAR: &str = "COMPLETE";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the registration script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<u8, Error> {
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        return Err(Error::usage(
            format!("no dynamic completion for {name}"),
            Some(format!(
                "shells: {}",
                shells.names().collect::<Vec<_>>().join(", ")
            )),
        ));
    };
    let mut bytes = Vec::new();
    shell
        .write_registration(VAR, "archsel", "archsel", "archsel", &mut bytes)
        .map_err(|e| Error::Io {
            action: "write",
            path: "the completion script".into(),
            reason: e.to_string(),
            help: None,
        })?;
    write_stdout(&String::from_utf8_lossy(&bytes))?;
    Ok(0)
}

/// The catalog completion reads: the default one plus `ARCHSEL_CATALOG`
/// (command-line flags are not parsed yet when the shell asks).
fn catalog() -> Loaded {
    let paths = std::env::var_os("ARCHSEL_CATALOG")
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    Catalog::load(&CatalogOptions {
        default: Some(crate::embedded::default_catalog()),
        paths,
        without_pages: true,
        ..Default::default()
    })
}

fn candidate(value: &str, help: &str) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(crate::render::sanitize::clean_line(help).into()))
}

/// Pattern ids, then aliases (each with the pattern it names).
pub fn patterns() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let patterns = &loaded.catalog.patterns;
    let ids = patterns.iter().map(|p| candidate(&p.id, &p.name));
    let aliases = patterns.iter().flat_map(|p| {
        p.aliases
            .iter()
            .map(move |a| candidate(a, &format!("{} ({})", p.name, p.id)).display_order(Some(1)))
    });
    ids.chain(aliases).collect()
}

pub fn categories() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let vocab = &loaded.catalog.vocabulary;
    vocab
        .categories
        .iter()
        .map(|c| candidate(&c.id, &c.name))
        .collect()
}

/// Criterion and dimension ids (the rows `compare --criteria` accepts).
pub fn rows() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let vocab = &loaded.catalog.vocabulary;
    let dims = vocab.dimensions.iter().map(|d| candidate(&d.id, &d.name));
    dims.chain(vocab.criteria.iter().map(|c| candidate(&c.id, &c.name)))
        .collect()
}

/// `DIM=VALUE` for `list --where`.
pub fn dimension_values() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let vocab = &loaded.catalog.vocabulary;
    vocab
        .dimensions
        .iter()
        .flat_map(|d| {
            d.values
                .iter()
                .map(move |v| candidate(&format!("{}={}", d.id, v.id), &v.name))
        })
        .collect()
}

pub fn relation_kinds() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let vocab = &loaded.catalog.vocabulary;
    vocab
        .relations
        .iter()
        .map(|r| candidate(&r.id, &r.name))
        .collect()
}

pub fn rules() -> Vec<CompletionCandidate> {
    crate::lint::rules::RULES
        .iter()
        .map(|r| candidate(r.id, r.summary))
        .collect()
}

/// `KEY=VALUE` for every fact of the default tree, `unknown` included (for
/// `recommend --answer`).
pub fn answers() -> Vec<CompletionCandidate> {
    let loaded = catalog();
    let Some(tree) = loaded.catalog.trees.first() else {
        return Vec::new();
    };
    let mut list = Vec::new();
    for key in tree.keys() {
        let prompt = tree
            .questions_for(key)
            .next()
            .map_or("", |q| q.prompt.as_str());
        for value in crate::engine::walk::values_of(tree, key) {
            list.push(candidate(&format!("{key}={value}"), prompt));
        }
        list.push(candidate(
            &format!("{key}=unknown"),
            "no evidence either way",
        ));
    }
    list
}
