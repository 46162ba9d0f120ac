//! `diagram-width`: diagram lines of unequal display width or wider than 80.

use crate::catalog::raw::RawPattern;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::line_span;
use unicode_width::UnicodeWidthStr;

pub const RULE: Rule = Rule {
    id: "diagram-width",
    severity: Severity::Error,
    summary: "diagram lines differ in display width, or are wider than 80 columns",
    explanation: "Diagrams are drawn in terminals that may be 80 columns wide, and box drawings \
only line up when every line has the same display width (emoji and East Asian characters count \
as two columns). A ragged or over-wide diagram breaks apart on screen.\n\nExample: a box whose \
right border is one column further left on one line than on the others.",
};

/// The widest a diagram line may be.
const MAX: usize = 80;

pub fn check_page(source: usize, raw: &RawPattern, text: &str) -> Vec<Finding> {
    let diagram = &raw.diagram;
    let lines: Vec<&str> = diagram.value.trim_end_matches('\n').lines().collect();
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    if lines.iter().any(|l| l.contains('\t')) {
        return Vec::new(); // `diagram-tab` reports it; widths mean nothing until it is fixed
    }
    let expected = first.width();
    for (i, line) in lines.iter().enumerate() {
        let w = line.width();
        let message = if w > MAX {
            format!(
                "diagram line {} is {w} columns wide; the limit is {MAX}",
                i + 1
            )
        } else if w != expected {
            format!(
                "diagram line {} is {w} columns wide, but the first line is {expected}",
                i + 1
            )
        } else {
            continue;
        };
        // One finding per diagram: fixing one line often fixes the rest.
        let start = crate::lint::first_content_line(text, diagram.span, first);
        return vec![
            Finding::new(&RULE, message)
                .at(source, line_span(text, start + i as u32))
                .label(format!("{w} columns"))
                .help("pad every line to the same width with spaces; emoji count as two columns"),
        ];
    }
    Vec::new()
}
