//! A finding: one problem in one file, with the registered rule it breaks,
//! a severity and the span it is about.

use crate::catalog::span::SrcSpan;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A rule archsel checks: a stable id, a default severity, and what
/// `lint --explain` prints. Every finding is made from one (see
/// `lint::rules::RULES`, the registry).
#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters, and an example that triggers it.
    pub explanation: &'static str,
}

/// One problem in one file.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Index into the catalog's sources; `None` for problems with no file.
    pub source: Option<usize>,
    pub span: SrcSpan,
    /// Text of the label drawn under the span.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Finding {
    /// A finding of `rule`, with the rule's default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            message: message.into(),
            source: None,
            span: SrcSpan::default(),
            label: None,
            help: None,
        }
    }

    pub fn at(mut self, source: usize, span: SrcSpan) -> Self {
        self.source = Some(source);
        self.span = span;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
