//! What the page rules share (the rules that need one pattern file and
//! nothing else): span helpers, and running them all.

use crate::catalog::raw::RawPattern;
use crate::catalog::span::SrcSpan;
use crate::diagnostics::Finding;

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
    let offset = crate::catalog::span::byte_offset(text, span);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .lines()
        .take(3)
        .position(|l| !first.is_empty() && l.contains(first))
        .map_or(span.line, |i| span.line + i as u32)
}

/// Runs every page rule on one pattern file.
pub fn check_page(source: usize, raw: &RawPattern, text: &str) -> Vec<Finding> {
    use super::rules::{code_width, diagram_tab, diagram_width, reference_url};
    [
        code_width::check_page,
        diagram_width::check_page,
        diagram_tab::check_page,
        reference_url::check_page,
    ]
    .iter()
    .flat_map(|check| check(source, raw, text))
    .collect()
}
