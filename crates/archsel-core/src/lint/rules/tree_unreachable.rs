//! `tree-unreachable-question`: questions no path from the root reaches.

use crate::catalog::model::{DecisionTree, Outcome};
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "tree-unreachable-question",
    severity: Severity::Warning,
    summary: "a question cannot be reached from the tree's root",
    explanation: "A question that no answer leads to is never asked; it is usually a `next` that \
was renamed or forgotten.\n\nExample: a question `budget` that no choice names in `next`.",
};

/// Questions reachable from the root, by index.
pub fn reachable(tree: &DecisionTree) -> Vec<bool> {
    let mut seen = vec![false; tree.questions.len()];
    let mut stack: Vec<usize> = tree
        .questions
        .iter()
        .position(|q| q.id == tree.root)
        .into_iter()
        .collect();
    while let Some(q) = stack.pop() {
        if std::mem::replace(&mut seen[q], true) {
            continue;
        }
        for choice in tree.questions[q].choices.iter() {
            if let Outcome::Next(next) = &choice.outcome
                && let Some(i) = tree.questions.iter().position(|x| x.id == *next)
            {
                stack.push(i);
            }
        }
    }
    seen
}

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut findings = Vec::new();
    for tree in &input.catalog.trees {
        let seen = reachable(tree);
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
