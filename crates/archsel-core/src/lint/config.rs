//! Lint configuration: `archsel.toml` in the current directory or a parent
//! (or `--config FILE`), setting each rule to off, warn or error and the
//! severity that fails the run.
//!
//! The loader's rules (`catalog::rules::LOADING`) stay errors: a catalog
//! that breaks one does not load, so relaxing it would let lint pass files
//! that every other command refuses; trying is a configuration error.
//!
//! ```toml
//! [lint]
//! fail-on = "warning"
//!
//! [lint.rules]
//! diagram-width = "warn"
//! reference-url = "off"
//! ```

use crate::Error;
use crate::diagnostics::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "archsel.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warn,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => true,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    pub fail_on: Option<FailOn>,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    lint: LintConfig,
}

/// `archsel.toml` in `dir` or the nearest parent that has one.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<LintConfig, Error> {
    let shown = path.display().to_string();
    let text = crate::files::read_user_file(path)?;
    let file: File = toml::from_str(&text).map_err(|e| {
        Error::usage(
            format!("{shown}: {}", e.message().trim()),
            Some("see `archsel lint --help` for the [lint] table".into()),
        )
    })?;
    let ids: Vec<&str> = super::rules::RULES.iter().map(|r| r.id).collect();
    for (id, level) in &file.lint.rules {
        if !ids.contains(&id.as_str()) {
            return Err(crate::suggest::unknown(
                &format!("rule in {shown}"),
                id,
                &ids,
            ));
        }
        if *level != Level::Error && crate::catalog::rules::stops_loading(id) {
            return Err(Error::usage(
                format!(
                    "{shown}: `{id}` cannot be set to \"{}\": a file that breaks it does not load, \
                     so `show`, `list` and every other command would refuse the catalog that lint passed",
                    level.name()
                ),
                Some(format!(
                    "remove `{id}` from [lint.rules] and fix the files instead; rules that can be \
                     relaxed: {}",
                    relaxable().join(", ")
                )),
            ));
        }
    }
    Ok(file.lint)
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// The rules configuration may set to `warn` or `off`: those whose findings
/// do not stop the catalog from loading.
pub fn relaxable() -> Vec<&'static str> {
    super::rules::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !crate::catalog::rules::stops_loading(id))
        .collect()
}

impl LintConfig {
    /// The severity a rule's findings get, or `None` when it is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(Level::Off) => None,
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            None => Some(default),
        }
    }
}
