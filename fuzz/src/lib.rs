//! What the fuzz targets run, one function per target, shared with the
//! regression test that replays every saved input (`tests/cli/fuzz.rs`
//! includes this file). Each drives archsel's library the way a command does
//! and may only fail by returning errors, never by panicking.

use archsel::catalog::{Catalog, CatalogOptions};
use archsel::commands::lint::format::{Format, Report, renderer};
use archsel::commands::{compare, show};
use archsel::engine::walk::Answers;
use archsel::render::Term;

/// Target `pattern_file`: arbitrary bytes as a pattern file.
pub fn pattern_file(bytes: &[u8]) {
    load_and_lint("fuzz/pattern.yaml", bytes);
}

/// Target `tree_file`: arbitrary bytes as a decision-tree file.
pub fn tree_file(bytes: &[u8]) {
    load_and_lint("fuzz/tree.yaml", bytes);
}

/// Target `render`: the first byte picks the width, the rest is a pattern file.
pub fn render(bytes: &[u8]) {
    let (width, file) = bytes
        .split_first()
        .map_or((80, bytes), |(w, rest)| (*w as usize + 1, rest));
    render_loaded(file, width);
}

/// Target `recommend`: the bytes decoded (as libFuzzer's `arbitrary` does)
/// into answer picks and a width.
pub fn recommend(bytes: &[u8]) {
    use arbitrary::{Arbitrary, Unstructured};
    let Ok((picks, width)) =
        <(Vec<(Pick, Pick)>, u16)>::arbitrary_take_rest(Unstructured::new(bytes))
    else {
        return;
    };
    recommend_answers(&answers(&picks), width as usize);
}

/// Loads `bytes` as one more catalog file over the default catalog, lints the
/// result and renders the findings in every lint format.
fn load_and_lint(name: &str, bytes: &[u8]) {
    let loaded = archsel::lint::load(
        &CatalogOptions {
            default: Some(archsel::embedded::default_catalog()),
            inline: vec![(name.to_owned(), bytes.to_vec())],
            ..Default::default()
        },
        |_| true,
    );
    let report = Report {
        findings: &loaded.findings,
        sources: &loaded.catalog.sources,
        files_checked: 1,
    };
    for format in [
        Format::Text,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
    ] {
        renderer(format, Term::plain(80)).render(&report);
    }
}

/// Loads `bytes` as a pattern file over the default catalog and, when the
/// catalog still loads, renders the page of every pattern it defines in every
/// format and compares them with the core patterns, at `width` columns.
fn render_loaded(bytes: &[u8], width: usize) {
    let loaded = Catalog::load(&CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        inline: vec![("fuzz/pattern.yaml".to_owned(), bytes.to_vec())],
        ..Default::default()
    });
    if Catalog::has_errors(&loaded.findings) {
        return;
    }
    let catalog = &loaded.catalog;
    let term = Term::plain(width.clamp(1, 400));
    let fuzzed: Vec<usize> = (0..catalog.patterns.len())
        .filter(|&i| !catalog.sources[catalog.patterns[i].source].builtin)
        .collect();
    for &index in &fuzzed {
        for format in [
            show::ShowFormat::Text,
            show::ShowFormat::Markdown,
            show::ShowFormat::Json,
        ] {
            show::render(catalog, index, format, &[], term);
        }
    }
    let mut columns: Vec<&archsel::catalog::model::Pattern> =
        catalog.patterns.iter().filter(|p| p.core).collect();
    columns.extend(fuzzed.iter().map(|&i| &catalog.patterns[i]));
    if let Ok(comparison) = compare::build(catalog, &columns, &[], false) {
        for format in [
            compare::CompareFormat::Text,
            compare::CompareFormat::Markdown,
            compare::CompareFormat::Csv,
            compare::CompareFormat::Json,
        ] {
            compare::render(catalog, &comparison, format, term);
        }
    }
}

/// A key or value of an answer: mostly one the tree knows (picked by index,
/// so that the fuzzer reaches real paths), sometimes any text.
#[derive(Debug, arbitrary::Arbitrary)]
pub enum Pick {
    Known(u8),
    Text(String),
}

impl Pick {
    fn resolve(&self, known: &[&str]) -> String {
        match self {
            Pick::Known(i) if !known.is_empty() => known[*i as usize % known.len()].to_owned(),
            Pick::Known(_) => String::new(),
            Pick::Text(text) => text.clone(),
        }
    }
}

fn default_catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::load(&CatalogOptions {
            default: Some(archsel::embedded::default_catalog()),
            ..Default::default()
        })
        .catalog
    })
}

/// Turns picks into an answer set for the default tree.
pub fn answers(picks: &[(Pick, Pick)]) -> Answers {
    let tree = &default_catalog().trees[0];
    let keys = tree.keys();
    picks
        .iter()
        .map(|(key, value)| {
            let key = key.resolve(&keys);
            let values = archsel::engine::walk::values_of(tree, &key);
            (key.clone(), value.resolve(&values))
        })
        .collect()
}

/// Runs the recommend engine on an answer set over the default catalog and
/// renders its report, JSON and ADR. Unknown keys and values must come back
/// as errors.
pub fn recommend_answers(answers: &Answers, width: usize) {
    let catalog = default_catalog();
    let Ok(recommendation) = archsel::commands::recommend::recommend_from(catalog, answers) else {
        return;
    };
    let tree = &catalog.trees[0];
    let term = Term::plain(width.clamp(1, 400));
    archsel::commands::recommend::report::render(catalog, tree, &recommendation, term, 5);
    archsel::commands::recommend::adr::render(catalog, tree, &recommendation, "2026-01-01");
    serde_json::to_string(&recommendation).ok();
}
