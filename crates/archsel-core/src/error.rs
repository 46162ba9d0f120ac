//! The errors a user can see, each with what to do next, and their exit codes.

use crate::catalog::SourceFile;
use crate::diagnostics::{Finding, Located};
use miette::Diagnostic;

#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Error {
    #[error("unknown pattern `{name}`")]
    #[diagnostic(code(archsel::unknown_pattern))]
    UnknownPattern {
        name: String,
        suggestions: Vec<String>,
    },

    /// Wrong arguments or an input that does not fit (exit 2).
    #[error("{message}")]
    #[diagnostic(code(archsel::usage))]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("cannot {action} {path}: {reason}")]
    #[diagnostic(code(archsel::io))]
    Io {
        action: &'static str,
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },

    /// The catalog has errors; each is rendered on its own.
    #[error("the catalog has {} error(s); run `archsel lint` to see them all", findings.len())]
    #[diagnostic(code(archsel::catalog))]
    Catalog {
        findings: Vec<Finding>,
        sources: Vec<SourceFile>,
    },

    /// Ctrl-C at a prompt (exit 130).
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    pub fn usage(message: impl Into<String>, help: impl Into<Option<String>>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Interrupted => 130,
            _ => 2,
        }
    }

    /// The help line for an unknown pattern.
    pub fn help_text(&self) -> Option<String> {
        match self {
            Error::UnknownPattern { suggestions, .. } if !suggestions.is_empty() => Some(format!(
                "did you mean {}? `archsel list` shows every pattern",
                suggestions.join(" or ")
            )),
            Error::UnknownPattern { .. } => Some("`archsel list` shows every pattern".into()),
            _ => None,
        }
    }

    /// Each catalog finding as its own diagnostic (with a code frame).
    pub fn related_reports(&self) -> Vec<Located> {
        match self {
            Error::Catalog { findings, sources } => {
                findings.iter().map(|f| Located::new(f, sources)).collect()
            }
            _ => Vec::new(),
        }
    }
}
