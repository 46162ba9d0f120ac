//! `tree-unreachable-question`: questions no path from the root reaches.

use crate::catalog::graph::TreeReach;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "tree-unreachable-question",
    severity: Severity::Warning,
    summary: "a question cannot be reached from the tree's root",
    explanation: "A question that no answer leads to is never asked; it is usually a `next` that \
was renamed or forgotten.\n\nExample: a question `budget` that no choice names in `next`.",
};

/// What a walk of tree `t` can reach from its root.
pub fn reach(input: &LintInput, t: usize) -> TreeReach {
    let tree = &input.catalog.trees[t];
    let root = tree.questions.iter().position(|q| q.id == tree.root);
    match root {
        Some(root) => input.catalog.graph().reach(t, root),
        None => TreeReach {
            questions: vec![false; tree.questions.len()],
            recommended: Vec::new(),
        },
    }
}

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (t, tree) in input.catalog.trees.iter().enumerate() {
        let seen = reach(input, t).questions;
        for (i, q) in tree.questions.iter().enumerate().filter(|(i, _)| !seen[*i]) {
            let span = input
                .raw_tree(tree.source)
                .and_then(|raw| raw.questions.get(i))
                .map(|rq| rq.id.span)
                .unwrap_or_default();
            findings.push(
                Finding::new(
                    &RULE,
                    format!(
                        "question `{}` is never asked: no path from `{}` leads to it",
                        q.id, tree.root
                    ),
                )
                .at(tree.source, span)
                .label("unreachable")
                .help("point a choice at it with `next:`, or remove it"),
            );
        }
    }
    findings
}
