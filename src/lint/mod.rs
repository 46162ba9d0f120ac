//! Linting catalog files: the rule registry, the semantic rules that run on
//! the loaded catalog (the loader itself reports syntax, schema and reference
//! problems), configuration, and the output formats.

pub mod config;
pub mod format;
pub mod rules;

use crate::catalog::raw::RawPattern;
use crate::catalog::span::SrcSpan;
use crate::catalog::{Catalog, CatalogOptions, Document, Loaded};
use crate::diagnostics::{Finding, Severity};

/// A lint rule: a stable id, a default severity, and what `--explain` prints.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters, and an example that triggers it.
    pub explanation: &'static str,
}

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
            crate::catalog::raw::RawDocument::Pattern(p) => Some(p.as_ref()),
            _ => None,
        })
    }

    /// The parsed tree file a tree was read from.
    pub fn raw_tree(&self, source: usize) -> Option<&'a crate::catalog::raw::RawTree> {
        self.document(source).and_then(|d| match &d.raw {
            crate::catalog::raw::RawDocument::Tree(t) => Some(t.as_ref()),
            _ => None,
        })
    }
}

/// The span of a whole line (1-based) of a text.
pub fn line_span(text: &str, line: u32) -> SrcSpan {
    let mut offset = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let len = l.trim_end_matches(['\n', '\r']).len();
            return SrcSpan {
                offset: offset as u32,
                len: len.max(1) as u32,
                line,
                column: 1,
            };
        }
        offset += l.len();
    }
    SrcSpan::default()
}

/// The line (1-based) where a multi-line scalar's content starts: at its span
/// for a plain or quoted scalar, or on a following line for a `|` block.
pub fn first_content_line(text: &str, span: SrcSpan, first: &str) -> u32 {
    let first = first.trim();
    // Start at the span's own line (found from its offset, not by counting
    // lines from the top of the file).
    let offset = crate::catalog::source::byte_offset(text, span);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .lines()
        .take(3)
        .position(|l| !first.is_empty() && l.contains(first))
        .map_or(span.line, |i| span.line + i as u32)
}

/// A finding of a registered rule, with the rule's default severity.
pub fn finding(rule: &Rule, message: impl Into<String>) -> Finding {
    Finding::error(rule.id, message).severity(rule.severity)
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

/// Runs every page rule on one pattern file.
fn check_page(source: usize, raw: &RawPattern, text: &str) -> Vec<Finding> {
    rules::PAGE_CHECKS
        .iter()
        .flat_map(|check| check(source, raw, text))
        .collect()
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
