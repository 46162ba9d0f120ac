//! Findings: every problem archsel reports about a catalog file, with a stable
//! rule id, a severity and the exact span, rendered by miette.

mod finding;

pub use finding::{Finding, Rule, Severity};

use crate::catalog::SourceFile;
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;

/// Lines longer than this get no code frame (a minified or hostile file
/// would otherwise flood the terminal); the message carries the location.
const MAX_FRAME_LINE: usize = 400;

/// A finding joined with its file, ready for miette to draw a code frame.
#[derive(Debug)]
pub struct Located {
    finding: Finding,
    source: Option<NamedSource<std::sync::Arc<str>>>,
    offset: usize,
    /// `file:line:col` when there is a location but no frame to show it.
    location: Option<String>,
}

impl Located {
    pub fn new(finding: &Finding, sources: &[SourceFile]) -> Self {
        let file = finding.source.and_then(|id| sources.get(id));
        let mut located = Located {
            finding: finding.clone(),
            source: None,
            offset: 0,
            location: None,
        };
        let Some(file) = file else { return located };
        if !finding.span.is_known() {
            located.location = Some(file.name.clone());
            return located;
        }
        let text = file.text();
        let offset = crate::catalog::span::byte_offset(&text, finding.span);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if line_end - line_start > MAX_FRAME_LINE {
            located.location = Some(format!(
                "{}:{}:{}",
                file.name, finding.span.line, finding.span.column
            ));
        } else {
            located.source = Some(NamedSource::new(file.name.clone(), text).with_language("yaml"));
            located.offset = offset;
        }
        located
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} ({location})", self.finding.message),
            None => f.write_str(&self.finding.message),
        }
    }
}

impl std::error::Error for Located {}

impl Diagnostic for Located {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        match &self.source {
            Some(s) if self.finding.span.is_known() => Some(s as &dyn SourceCode),
            _ => None,
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || !self.finding.span.is_known() {
            return None;
        }
        let len = (self.finding.span.len as usize).max(1);
        let label = LabeledSpan::new(self.finding.label.clone(), self.offset, len);
        Some(Box::new(std::iter::once(label)))
    }
}
