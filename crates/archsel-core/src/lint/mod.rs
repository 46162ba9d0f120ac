//! Linting catalog files: the rule registry, the rules that run on a loaded
//! catalog (the loader itself reports syntax, schema and reference
//! problems), and configuration. Output formats are the front end's.

pub mod config;
pub mod page;
pub mod rules;

pub use page::{check_page, first_content_line, line_span};

use crate::catalog::raw::{RawDocument, RawPattern};
use crate::catalog::{Catalog, CatalogOptions, Document, Loaded, Snapshot, SourceFile};
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

/// Loads the catalog the options describe (without page text in the
/// model) and runs every lint rule: the page rules on each pattern file as
/// it is parsed, after which its page text is dropped (a large catalog is
/// never held whole), then the rules of the whole catalog. `pages_of`
/// says which files' pages to check (lint reports only on the files it was
/// given). The result's findings are the loader's and the rules'.
pub fn load(options: &CatalogOptions, pages_of: impl Fn(&SourceFile) -> bool + Sync) -> Loaded {
    let options = CatalogOptions {
        without_pages: true,
        ..options.clone()
    };
    let inspect = |source: usize, raw: &mut RawDocument, file: &SourceFile| match raw {
        // A page the build found clean (a byte-identical copy of a built-in)
        // is not checked again.
        RawDocument::Pattern(pattern) if pages_of(file) && !pattern.page_checked => {
            let findings = page_findings(source, pattern, &file.contents());
            pattern.drop_page_text();
            findings
        }
        RawDocument::Pattern(pattern) => {
            pattern.drop_page_text();
            Vec::new()
        }
        _ => Vec::new(),
    };
    let mut loaded = Catalog::load_inspecting(&options, &inspect);
    let input = LintInput::new(&loaded.catalog, &loaded.documents);
    let semantic: Vec<Finding> = rules::CHECKS
        .iter()
        .flat_map(|check| check(&input))
        .collect();
    loaded.findings.extend(semantic);
    loaded
}

/// Everything lint finds on one pattern file alone: the text checks of
/// validation and the page rules.
fn page_findings(source: usize, pattern: &RawPattern, text: &str) -> Vec<Finding> {
    let mut findings = crate::catalog::validate::page_text_findings(source, pattern);
    findings.extend(check_page(source, pattern, text));
    findings
}

/// Marks the pages of a build's snapshot that lint finds nothing on, so
/// that `lint` skips them in a user's byte-identical copy (the shipped
/// catalog's own files, linted by its contributors, are such copies). A
/// page with findings stays unmarked and is checked every time.
pub fn mark_clean_pages(snapshot: &mut Snapshot, files: &[(&'static str, &'static [u8])]) {
    for (source, (document, (name, bytes))) in snapshot.documents.iter_mut().zip(files).enumerate()
    {
        if let Some(RawDocument::Pattern(pattern)) = document {
            let file = SourceFile::embedded(name, bytes);
            pattern.page_checked = page_findings(source, pattern, &file.contents()).is_empty();
        }
    }
}

/// Severity by rule id (default severity, for findings of unregistered ids: error).
pub fn default_severity(id: &str) -> Severity {
    rules::find(id).map_or(Severity::Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build marks a page only when lint finds nothing on it: a page
    /// with a ragged diagram stays unmarked, so a copy of it is checked.
    #[test]
    fn only_clean_pages_are_marked() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
        let sidecar = read("patterns/sidecar.yaml");
        let ragged = sidecar.replacen("│ SIDECAR:", "│SIDECAR:", 1);
        assert_ne!(ragged, sidecar);
        let files: Vec<(&'static str, &'static [u8])> = vec![
            (
                "patterns/vocabulary.yaml",
                read("patterns/vocabulary.yaml").leak().as_bytes(),
            ),
            ("patterns/sidecar.yaml", sidecar.leak().as_bytes()),
            (
                "patterns/ragged.yaml",
                ragged
                    .replacen("id: sidecar", "id: ragged", 1)
                    .leak()
                    .as_bytes(),
            ),
        ];
        let files = files.leak();
        let mut snapshot = Snapshot::of(files);
        mark_clean_pages(&mut snapshot, files);
        let marked: Vec<bool> = snapshot
            .documents
            .iter()
            .map(|d| matches!(d, Some(RawDocument::Pattern(p)) if p.page_checked))
            .collect();
        assert_eq!(marked, [false, true, false], "vocabulary, sidecar, ragged");
    }
}
