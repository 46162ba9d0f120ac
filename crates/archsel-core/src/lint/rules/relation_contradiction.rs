//! `relation-contradiction`: two patterns joined by relations whose
//! definitions exclude each other.

use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "relation-contradiction",
    severity: Severity::Warning,
    summary: "two patterns are joined by relations that contradict each other",
    explanation: "The vocabulary defines each relation kind. Some pairs cannot both hold between \
the same two patterns: a variant of a pattern is a kind of it, not an alternative to it or in \
conflict with it; patterns that conflict cannot combine with or require each other. Such a pair \
usually means one edge was written for a different pattern, or the weaker edge should go (the \
`variant-of` note can say how to choose between the variant and its parent).\n\nExample: \
`ambient-mesh` with both `variant-of: [service-mesh]` and `alternative-to: [service-mesh]`.",
};

/// Relation kinds that exclude each other between the same two patterns,
/// in either direction.
const EXCLUSIVE: [(&str, &str); 4] = [
    ("variant-of", "alternative-to"),
    ("variant-of", "conflicts-with"),
    ("combines-with", "conflicts-with"),
    ("requires", "conflicts-with"),
];

pub fn check(input: &LintInput) -> Vec<Finding> {
    let patterns = &input.catalog.patterns;
    let kinds_between = |a: usize, b: usize| -> Vec<&str> {
        let mut kinds: Vec<&str> = input
            .catalog
            .graph()
            .neighbours(a, patterns)
            .into_iter()
            .filter(|n| n.pattern == b)
            .map(|n| n.kind)
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    };
    let mut findings = Vec::new();
    for (a, pattern) in patterns.iter().enumerate() {
        // Each pair once, reported on the pattern that comes first by id.
        let mut others: Vec<usize> = input
            .catalog
            .graph()
            .neighbours(a, patterns)
            .into_iter()
            .map(|n| n.pattern)
            .filter(|&b| patterns[b].id > pattern.id)
            .collect();
        others.sort_unstable();
        others.dedup();
        for b in others {
            let kinds = kinds_between(a, b);
            for (x, y) in EXCLUSIVE {
                if kinds.contains(&x) && kinds.contains(&y) {
                    // On a user's file where there is one (lint reports on
                    // the files it was given).
                    let at = match pattern.provenance.builtin {
                        true => &patterns[b],
                        false => pattern,
                    };
                    let span = input
                        .raw_pattern(at.source)
                        .map(|raw| raw.id.span)
                        .unwrap_or_default();
                    findings.push(
                        Finding::new(
                            &RULE,
                            format!(
                                "`{}` and `{}` are joined by both `{x}` and `{y}`",
                                pattern.id, patterns[b].id
                            ),
                        )
                        .at(at.source, span)
                        .help(format!("keep one: `{x}` and `{y}` exclude each other")),
                    );
                }
            }
        }
    }
    findings
}
