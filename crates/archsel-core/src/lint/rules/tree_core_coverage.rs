//! `tree-core-coverage`: core patterns that no path of a tree recommends.

use super::tree_unreachable::reach;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "tree-core-coverage",
    severity: Severity::Error,
    summary: "a core pattern is reachable by no path of a decision tree",
    explanation: "The decision tree must be able to recommend each of the core patterns; one that \
no path reaches can never be the answer, whatever the user says.\n\nExample: removing the \
`edge-latency` question leaves edge-computing unreachable.",
};

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (t, tree) in input.catalog.trees.iter().enumerate() {
        let recommended = reach(input, t).recommended;
        let span = input
            .raw_tree(tree.source)
            .map(|raw| raw.id.span)
            .unwrap_or_default();
        for p in input
            .catalog
            .patterns
            .iter()
            .enumerate()
            .filter(|(i, p)| p.core && recommended.binary_search(i).is_err())
            .map(|(_, p)| p)
        {
            findings.push(
                Finding::new(
                    &RULE,
                    format!(
                        "no path of tree `{}` recommends core pattern `{}`",
                        tree.id, p.id
                    ),
                )
                .at(tree.source, span)
                .help(format!(
                    "add a choice with `recommend: {}` on a reachable question",
                    p.id
                )),
            );
        }
    }
    findings
}
