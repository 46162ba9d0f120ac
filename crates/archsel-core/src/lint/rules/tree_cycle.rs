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
    for tree in &input.catalog.trees {
        let n = tree.questions.len();
        let index = |id: &str| tree.questions.iter().position(|q| q.id == id);
        // Depth-first search with colours: 0 new, 1 on the stack, 2 done.
        let mut colour = vec![0u8; n];
        for start in 0..n {
            if colour[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            colour[start] = 1;
            while let Some(&mut (q, ref mut next_choice)) = stack.last_mut() {
                let choices = &tree.questions[q].choices;
                if *next_choice >= choices.len() {
                    colour[q] = 2;
                    stack.pop();
                    continue;
                }
                let choice = &choices[*next_choice];
                *next_choice += 1;
                let Outcome::Next(next) = &choice.outcome else {
                    continue;
                };
                let Some(target) = index(next) else { continue };
                match colour[target] {
                    0 => {
                        colour[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => {
                        let span = input
                            .raw_tree(tree.source)
                            .and_then(|raw| raw.questions.get(q))
                            .and_then(|rq| {
                                rq.choices.iter().find(|c| c.value.value == choice.value)
                            })
                            .and_then(|c| c.next.as_ref())
                            .map(|n| n.span)
                            .unwrap_or_default();
                        findings.push(
                            Finding::new(
                                &RULE,
                                format!(
                                    "`{}` leads back to `{next}`, which is already on the path",
                                    tree.questions[q].id
                                ),
                            )
                            .at(tree.source, span)
                            .label("loops back")
                            .help(
                                "point this choice at a later question or end it with `recommend`",
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
    }
    findings
}
