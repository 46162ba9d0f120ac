//! `mece-duplicate`: two core patterns with the same four dimension values.

use crate::catalog::model::Dimensions;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "mece-duplicate",
    severity: Severity::Error,
    summary: "two core patterns share the same four dimension values",
    explanation: "The core patterns form a MECE taxonomy: each is one distinct combination of \
infrastructure location, service granularity, network topology and deployment model. Two core \
patterns with the same vector are either the same pattern or misclassified. (Variants are not \
core and may share their parent's vector.)\n\nExample: a second `core: true` pattern with \
`{ infra: internal, granularity: single, network: flat, deploy: single-host }`, which is the \
monolith's vector.",
};

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut seen: Vec<(&Dimensions, &str)> = Vec::new();
    let mut findings = Vec::new();
    for p in input.catalog.patterns.iter().filter(|p| p.core) {
        match seen.iter().find(|(d, _)| **d == p.dimensions) {
            Some((_, first)) => {
                let span = input
                    .raw_pattern(p.source)
                    .and_then(|r| r.dimensions.as_ref())
                    .map(|d| d.span)
                    .unwrap_or_default();
                findings.push(
                    Finding::new(&RULE, format!("core pattern `{}` has the same dimensions as `{first}`", p.id))
                        .at(p.source, span)
                        .label("same four values")
                        .help("change a dimension, or drop `core: true` and make it a `variant-of` the other"),
                );
            }
            None => seen.push((&p.dimensions, &p.id)),
        }
    }
    findings
}
