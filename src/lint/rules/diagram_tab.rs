//! `diagram-tab`: tab characters in a diagram.

use crate::diagnostics::{Finding, Severity};
use crate::lint::{LintInput, Rule, finding, line_span};

pub const RULE: Rule = Rule {
    id: "diagram-tab",
    severity: Severity::Error,
    summary: "a diagram contains a tab character",
    explanation: "A tab's width depends on the terminal, so a diagram with tabs lines up in one \
editor and falls apart elsewhere. Use spaces.\n\nExample: `│\\tApp\\t│` in a diagram.",
};

fn first_line(text: &str, raw: &crate::catalog::raw::RawPattern) -> u32 {
    let first = raw.diagram.value.lines().next().unwrap_or_default();
    crate::lint::first_content_line(text, raw.diagram.span, first)
}

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut findings = Vec::new();
    for p in &input.catalog.patterns {
        let Some(raw) = input.raw_pattern(p.source) else {
            continue;
        };
        let Some(i) = raw.diagram.value.lines().position(|l| l.contains('\t')) else {
            continue;
        };
        let text = input.text(p.source);
        findings.push(
            finding(&RULE, format!("diagram line {} contains a tab", i + 1))
                .at(
                    p.source,
                    line_span(&text, first_line(&text, raw) + i as u32),
                )
                .label("tab here")
                .help("replace tabs with spaces"),
        );
    }
    findings
}
