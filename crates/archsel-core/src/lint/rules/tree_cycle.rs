//! `tree-cycle`: a decision tree whose questions lead back to themselves.

use crate::catalog::model::Outcome;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "tree-cycle",
    severity: Severity::Error,
    summary: "a decision tree's `next` links form a cycle",
    explanation: "A decision tree must always end in a recommendation; a loop of `next` links \
would ask the same questions forever (archsel stops such a walk with an error).\n\nExample: \
question `traffic` has `next: kubernetes` and `kubernetes` has `next: traffic`.",
};

pub fn check(input: &LintInput) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (t, tree) in input.catalog.trees.iter().enumerate() {
        for cycle in input.catalog.graph().tree_cycles(t) {
            // Point at a `next` that stays inside the loop, from its first question.
            let q = cycle[0];
            let in_cycle = |id: &str| cycle.iter().any(|&c| tree.questions[c].id == id);
            let Some(choice) = tree.questions[q]
                .choices
                .iter()
                .find(|c| matches!(&c.outcome, Outcome::Next(next) if in_cycle(next)))
            else {
                continue;
            };
            let Outcome::Next(next) = &choice.outcome else {
                continue;
            };
            let span = input
                .raw_tree(tree.source)
                .and_then(|raw| raw.questions.get(q))
                .and_then(|rq| rq.choices.iter().find(|c| c.value.value == choice.value))
                .and_then(|c| c.next.as_ref())
                .map(|n| n.span)
                .unwrap_or_default();
            let names: Vec<&str> = cycle.iter().map(|&c| &*tree.questions[c].id).collect();
            findings.push(
                Finding::new(
                    &RULE,
                    format!(
                        "`{}` leads back to `{next}`: the questions {} form a loop",
                        tree.questions[q].id,
                        names.join(", ")
                    ),
                )
                .at(tree.source, span)
                .label("loops back")
                .help("point this choice at a later question or end it with `recommend`"),
            );
        }
    }
    findings
}
