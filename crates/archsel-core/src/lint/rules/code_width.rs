//! `code-width`: a file tree or command line wider than 80 columns.

use crate::catalog::raw::RawPattern;
use crate::catalog::span::Sp;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::line_span;
use unicode_width::UnicodeWidthStr;

pub const RULE: Rule = Rule {
    id: "code-width",
    severity: Severity::Warning,
    summary: "a file-structure or deploy line is wider than 80 columns",
    explanation: "File trees and commands are shown as they are written, never re-wrapped (a \
wrapped command would not paste), so a line wider than 80 columns runs off an 80-column \
terminal or page. Break a long command with ` \\` continuations; shorten tree comments. A line \
that is a bare URL is exempt.\n\nExample: `kubectl apply -f https://… --server-side \
--force-conflicts --field-manager=…` on one 120-column line.",
};

/// The widest a preformatted line may be.
const MAX: usize = 80;

pub fn check_page(source: usize, raw: &RawPattern, text: &str) -> Vec<Finding> {
    let blocks = raw
        .file_structure
        .iter()
        .map(|b| ("file-structure", b))
        .chain(raw.deploy.iter().map(|c| ("deploy", c)));
    blocks
        .filter_map(|(field, block)| too_wide(field, block, source, text))
        .collect()
}

/// The block's first line over the limit, as a finding (one a block).
fn too_wide(field: &str, block: &Sp<String>, source: usize, text: &str) -> Option<Finding> {
    let (i, line) = block.value.lines().enumerate().find(|(_, l)| {
        let bare_url = !l.trim().contains(char::is_whitespace) && l.trim().contains("://");
        l.width() > MAX && !bare_url
    })?;
    let first = block.value.lines().next().unwrap_or_default();
    let start = crate::lint::first_content_line(text, block.span, first);
    Some(
        Finding::new(
            &RULE,
            format!(
                "{field} line {} is {} columns wide; the limit is {MAX}",
                i + 1,
                line.width()
            ),
        )
        .at(source, line_span(text, start + i as u32))
        .label(format!("{} columns", line.width()))
        .help("break the command with ` \\` continuations, or shorten the line"),
    )
}
