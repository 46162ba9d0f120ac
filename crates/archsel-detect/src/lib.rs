//! archsel-detect: classifies a real system on archsel's four MECE dimensions
//! (infra, granularity, network, deploy) from its deployment files, never
//! running anything, names the nearest catalog patterns, and checks the result
//! against the decision an ADR records (`archsel detect [--against ADR.md]`).
//!
//! Pipeline: [`collect`] reads files (bounded) → readers turn them into units,
//! components and facts with file:line → the rules in `rules.yaml` vote for a
//! value of each dimension → patterns are ranked by their dimension vectors →
//! [`drift`] compares with a [`Decision`] read by [`read_decision`].

mod cloud;
mod collect;
mod compose;
mod drift;
mod engine;
mod k8s;
mod origin;
mod rules;
mod sniff;
mod terraform;
mod yaml;

pub use collect::{Collected, MAX_FILE_SIZE, MAX_FILES, Skipped, collect};
pub use drift::{Decision, Finding, RULE_IDS, drift, read_decision};
pub use engine::detect;
pub use rules::DIMENSIONS;

use serde::Serialize;
use std::collections::BTreeMap;

/// One file's bytes; `path` is its display name (`-` for standard input).
#[derive(Debug, Clone)]
pub struct Input {
    pub path: String,
    pub text: Vec<u8>,
}

/// A catalog pattern as a point in the four-dimensional space.
#[derive(Debug, Clone, Serialize)]
pub struct PatternPoint {
    pub id: String,
    /// A whole architecture (vocabulary role `architecture`), not a part such
    /// as a code structure or an integration pattern. Parts are ranked too,
    /// but a whole architecture goes first on equal similarity, and drift
    /// compares the recorded decision with whole architectures.
    pub architecture: bool,
    pub infra: String,
    pub granularity: String,
    pub network: String,
    pub deploy: String,
}

impl PatternPoint {
    pub fn get(&self, dim: &str) -> &str {
        match dim {
            "infra" => &self.infra,
            "granularity" => &self.granularity,
            "network" => &self.network,
            _ => &self.deploy,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no deployment file found in {looked_in}; looked for {looked_for}")]
    NothingFound {
        looked_in: String,
        looked_for: String,
    },
    /// Files were read, but nothing in them bears on any dimension (a
    /// kustomize overlay whose bases are elsewhere, a Helm chart).
    #[error("nothing to classify in {looked_in}: {found}")]
    NothingToClassify {
        looked_in: String,
        /// What was read, in words.
        found: String,
        /// Commands that render what was found into manifests archsel reads.
        render: Vec<String>,
    },
    #[error("{path}: {message}")]
    Decision { path: String, message: String },
}

/// What `detect` looks for, for the "nothing found" message.
pub const LOOKED_FOR: &str = "Docker Compose files (compose.yaml, docker-compose*.yml), Docker Swarm stacks, \
Kubernetes manifests (*.yaml with apiVersion and kind; kustomize or `helm template` output on standard input), \
Knative and service-mesh resources, serverless.yml, AWS SAM / CloudFormation templates (YAML or JSON) \
and Terraform files (*.tf)";

/// A place in a file that supports a conclusion.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    pub file: String,
    pub line: u32,
    pub note: String,
    /// The rule of rules.yaml that used it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// On standard input, the template the document was rendered from (the
    /// `# Source:` comment `helm template` writes before it), since `-:LINE`
    /// alone cannot be opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered_from: Option<String>,
}

impl Evidence {
    /// `file:line`, followed on standard input by the template the
    /// document was rendered from: `-:120 (chart/templates/deployment.yaml)`.
    pub fn at(&self) -> String {
        located(&self.file, self.line, self.rendered_from.as_deref())
    }
}

/// `file:line`, with the template a rendered document came from.
pub fn located(file: &str, line: u32, rendered_from: Option<&str>) -> String {
    match rendered_from {
        Some(t) => format!("{file}:{line} ({t})"),
        None => format!("{file}:{line}"),
    }
}

/// The value of one dimension, with what decided it and what pointed elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionResult {
    /// `None` when nothing in the files bears on this dimension.
    pub value: Option<String>,
    /// Share of the votes the value got (0..1).
    pub confidence: f64,
    /// Total weight of the votes: below the rules' `thin`, the evidence is thin.
    pub weight: f64,
    pub thin: bool,
    pub mixed: bool,
    pub evidence: Vec<Evidence>,
    /// Other values that got votes, strongest first.
    pub elsewhere: Vec<Alternative>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    pub value: String,
    pub weight: f64,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimensions {
    pub infra: DimensionResult,
    pub granularity: DimensionResult,
    pub network: DimensionResult,
    pub deploy: DimensionResult,
}

impl Dimensions {
    pub fn get(&self, dim: &str) -> Option<&DimensionResult> {
        match dim {
            "infra" => Some(&self.infra),
            "granularity" => Some(&self.granularity),
            "network" => Some(&self.network),
            "deploy" => Some(&self.deploy),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PatternMatch {
    pub id: String,
    /// A whole architecture (see [`PatternPoint::architecture`]).
    pub architecture: bool,
    /// 0..1; 1 = every dimension equal and every expected component seen.
    pub similarity: f64,
    /// None of the markers that define the pattern (its `expects` in
    /// rules.yaml) was seen: it ranks after every pattern the evidence does
    /// not contradict, whatever its similarity.
    pub markers_absent: bool,
    pub reasons: Vec<String>,
}

/// A recognised component: a broker, database, gateway, mesh proxy, function...
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Rule id in rules.yaml (e.g. `kafka`).
    pub id: String,
    /// broker, database, cache, gateway, mesh-proxy, sidecar, function, ...
    pub kind: String,
    pub name: String,
    /// The service, workload or resource it was seen as.
    pub unit: String,
    pub managed: bool,
    pub source: String,
    pub evidence: Evidence,
}

/// A file that was read and recognised.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub file: String,
    /// compose, swarm, kubernetes, serverless, cloudformation, terraform
    pub kind: String,
    /// The kind's name (e.g. "Kubernetes manifests").
    pub name: String,
    /// `decides` or `reported` (read, but outranked by the deciding kind).
    pub role: String,
}

/// The dimension values one kind of source alone would give.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub source: String,
    pub decides: bool,
    pub dimensions: BTreeMap<String, Option<String>>,
}

/// Something not recognised, or not read: a file, a document, a kind.
#[derive(Debug, Clone, Serialize)]
pub struct Ignored {
    pub file: String,
    pub line: Option<u32>,
    pub what: String,
    pub reason: String,
    /// As [`Evidence::rendered_from`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered_from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detection {
    pub dimensions: Dimensions,
    /// Nearest first.
    pub patterns: Vec<PatternMatch>,
    pub components: Vec<Component>,
    pub sources: Vec<Source>,
    /// Source kinds whose files decide (the highest tier present).
    pub deciding: Vec<String>,
    pub views: Vec<View>,
    pub ignored: Vec<Ignored>,
    /// Files that could not be read as what they look like (reported, not fatal).
    pub problems: Vec<Ignored>,
    /// Overall confidence (0..1).
    pub confidence: f64,
    pub uncertainty: Vec<String>,
    /// Commands that render what was read but cannot be classified as it
    /// is (a Helm chart's templates, a kustomization whose resources are
    /// elsewhere) into manifests: `helm template CHART | archsel detect -`.
    pub render: Vec<String>,
}

impl Detection {
    /// `Err` when no file was recognised as a deployment file, or when
    /// nothing in the files read bears on any dimension.
    pub fn check_found(&self, looked_in: &str) -> Result<(), Error> {
        if self.sources.is_empty() && self.render.is_empty() {
            return Err(Error::NothingFound {
                looked_in: looked_in.to_string(),
                looked_for: LOOKED_FOR.to_string(),
            });
        }
        if self.classified() {
            return Ok(());
        }
        let templates = self
            .problems
            .iter()
            .filter(|p| p.what == "template")
            .count();
        let mut found = Vec::new();
        if !self.sources.is_empty() {
            found.push(format!(
                "{} file(s) read, but nothing in them bears on the architecture",
                self.sources.len()
            ));
        }
        if templates > 0 {
            found.push(format!(
                "{templates} Helm template(s), not YAML until rendered"
            ));
        }
        Err(Error::NothingToClassify {
            looked_in: looked_in.to_string(),
            found: found.join("; "),
            render: self.render.clone(),
        })
    }

    /// Whether any dimension has a value.
    pub fn classified(&self) -> bool {
        DIMENSIONS
            .iter()
            .any(|d| self.dimensions.get(d).is_some_and(|r| r.value.is_some()))
    }
}
