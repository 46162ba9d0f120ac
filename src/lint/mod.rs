//! Linting catalog files: the rule registry, the semantic rules that run on
//! the loaded catalog (the loader itself reports syntax, schema and reference
//! problems), configuration, and the output formats.

pub mod config;
pub mod format;
pub mod page;
pub mod rules;

pub use page::{Rule, check_page, finding, first_content_line, line_span};

use crate::catalog::{Catalog, CatalogOptions, Document, Loaded};
use crate::diagnostics::{Finding, Severity};

/// What a semantic rule looks at: the validated catalog and graph, and the
/// parsed files (for spans).
pub struct LintInput<'a> {
    pub catalog: &'a Catalog,
    /// Source index → its parsed document (rules look files up per pattern,
    /// so a scan of all documents each time would be quadratic).
    by_source: Vec<Option<&'a Document>>,
}

impl<'a> LintInput<'a> {
    pub fn new(catalog: &'a Catalog, documents: &'a [Document]) -> Self {
        let mut by_source = vec![None; catalog.sources.len()];
        for d in documents {
            if let Some(slot) = by_source.get_mut(d.source) {
                *slot = Some(d);
            }
        }
        LintInput { catalog, by_source }
    }

    fn document(&self, source: usize) -> Option<&'a Document> {
        self.by_source.get(source).copied().flatten()
    }

    /// The parsed pattern file a pattern was read from.
    pub fn raw_pattern(&self, source: usize) -> Option<&'a crate::catalog::raw::RawPattern> {
        self.document(source).and_then(|d| match &d.raw {
            crate::catalog::raw::RawDocument::Pattern(p) => Some(&**p),
            _ => None,
        })
    }

    /// The parsed tree file a tree was read from.
    pub fn raw_tree(&self, source: usize) -> Option<&'a crate::catalog::raw::RawTree> {
        self.document(source).and_then(|d| match &d.raw {
            crate::catalog::raw::RawDocument::Tree(t) => Some(&**t),
            _ => None,
        })
    }
}

/// Loads the catalog the options describe and runs every rule: the page
/// rules on each pattern file as it is parsed (its page text is then
/// dropped, see `CatalogOptions::page_check`), the loader's checks, and the
/// rules of the whole catalog. The findings of all of them, in no
/// particular order, are the result's `findings`.
pub fn load_and_check(options: CatalogOptions) -> Loaded {
    let mut loaded = Catalog::load(&CatalogOptions {
        page_check: Some(check_page),
        ..options
    });
    let input = LintInput::new(&loaded.catalog, &loaded.documents);
    let semantic: Vec<Finding> = rules::CHECKS
        .iter()
        .flat_map(|check| check(&input))
        .collect();
    loaded.findings.extend(semantic);
    loaded
}

/// Severity by rule id (default severity, for findings of unregistered ids: error).
pub fn default_severity(id: &str) -> Severity {
    rules::find(id).map_or(Severity::Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::raw::RawDocument;

    /// Lint drops each pattern's page text once checked (so a large catalog
    /// holds only heads), and still reports what is wrong in it, in every
    /// file: also in one that loses the overlay for a duplicate id.
    #[test]
    fn page_text_is_checked_as_parsed_then_dropped() {
        let sidecar = include_str!("../../patterns/sidecar.yaml");
        let tabbed = sidecar.replacen("\n  ┌", "\n  \t┌", 1);
        assert_ne!(tabbed, sidecar, "the fixture edits the diagram");
        let loaded = load_and_check(CatalogOptions {
            use_default: true,
            inline: vec![
                ("a/sidecar.yaml".into(), tabbed.clone().into_bytes()),
                ("b/sidecar.yaml".into(), tabbed.into_bytes()),
            ],
            ..Default::default()
        });
        let first_user = loaded.catalog.sources.len() - 2;
        let tabs: Vec<usize> = loaded
            .findings
            .iter()
            .filter(|f| f.rule == "diagram-tab")
            .filter_map(|f| f.source)
            .collect();
        assert_eq!(tabs, [first_user, first_user + 1], "{:?}", loaded.findings);
        for document in loaded.documents.iter().filter(|d| !d.builtin) {
            let RawDocument::Pattern(raw) = &document.raw else {
                panic!("a pattern file");
            };
            assert!(document.page_checked);
            assert!(raw.diagram.value.is_empty() && raw.pros.is_empty());
            assert!(
                !raw.rating_notes.0.is_empty(),
                "kept for the vocabulary check"
            );
        }
    }
}
