//! Linting catalog files: the rule registry, the rules that run on a loaded
//! catalog (the loader itself reports syntax, schema and reference
//! problems), and configuration. Output formats are the front end's.

pub mod config;
pub mod page;
pub mod rules;

pub use page::{check_page, first_content_line, line_span};

use crate::catalog::{Catalog, Document, Loaded};
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

/// Runs every lint rule on a loaded catalog: the page rules on each parsed
/// pattern file, then the rules of the whole catalog. (The loader's own
/// findings are in `loaded.findings`.)
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let mut findings: Vec<Finding> = loaded
        .documents
        .iter()
        .filter_map(|d| match &d.raw {
            crate::catalog::raw::RawDocument::Pattern(p) => Some((d.source, p)),
            _ => None,
        })
        .flat_map(|(source, pattern)| {
            let text = loaded.catalog.sources[source].contents();
            check_page(source, pattern, &text)
        })
        .collect();
    let input = LintInput::new(&loaded.catalog, &loaded.documents);
    findings.extend(rules::CHECKS.iter().flat_map(|check| check(&input)));
    findings
}

/// Severity by rule id (default severity, for findings of unregistered ids: error).
pub fn default_severity(id: &str) -> Severity {
    rules::find(id).map_or(Severity::Error, |r| r.severity)
}
