//! `diagram-tab`: tab characters in a diagram.

use crate::catalog::raw::RawPattern;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::line_span;

pub const RULE: Rule = Rule {
    id: "diagram-tab",
    severity: Severity::Error,
    summary: "a diagram contains a tab character",
    explanation: "A tab's width depends on the terminal, so a diagram with tabs lines up in one \
editor and falls apart elsewhere. Use spaces.\n\nExample: `│\\tApp\\t│` in a diagram.",
};

pub fn check_page(source: usize, raw: &RawPattern, text: &str) -> Vec<Finding> {
    let diagram = &raw.diagram;
    if !diagram.value.as_bytes().contains(&b'\t') {
        return Vec::new();
    }
    let Some(i) = diagram.value.lines().position(|l| l.contains('\t')) else {
        return Vec::new();
    };
    let first = diagram.value.lines().next().unwrap_or_default();
    let start = crate::lint::first_content_line(text, diagram.span, first);
    vec![
        Finding::new(&RULE, format!("diagram line {} contains a tab", i + 1))
            .at(source, line_span(text, start + i as u32))
            .label("tab here")
            .help("replace tabs with spaces"),
    ]
}
