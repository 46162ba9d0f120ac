//! `evolves-to-cycle`: evolution paths that loop back on themselves.

use crate::catalog::graph::Edge;
use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;
use petgraph::visit::EdgeFiltered;

pub const RULE: Rule = Rule {
    id: "evolves-to-cycle",
    severity: Severity::Error,
    summary: "`evolves-to` relations form a cycle",
    explanation: "`evolves-to` says what a team typically moves to when a pattern's limits are \
reached. Evolution goes one way; a cycle (A evolves to B, B evolves to A) makes `archsel path` \
meaningless and usually means one edge should be `alternative-to`.\n\nExample: monolith \
evolves-to microservices and microservices evolves-to monolith.",
};

pub fn check(input: &LintInput) -> Vec<Finding> {
    let graph = &input.catalog.graph().graph;
    let evolves = EdgeFiltered::from_fn(
        graph,
        |e| matches!(e.weight(), Edge::Relation { kind, .. } if kind == "evolves-to"),
    );
    let mut findings = Vec::new();
    for component in petgraph::algo::kosaraju_scc(&evolves) {
        if component.len() < 2 {
            continue;
        }
        let mut ids: Vec<(usize, &str)> = component
            .iter()
            .filter_map(|&n| match graph[n] {
                crate::catalog::graph::Node::Pattern(i) => {
                    Some((i, &*input.catalog.patterns[i].id))
                }
                _ => None,
            })
            .collect();
        ids.sort_by_key(|(_, id)| *id);
        let names: Vec<&str> = ids.iter().map(|(_, id)| *id).collect();
        // Point at an `evolves-to` target inside the cycle, in the first file.
        let (first, _) = ids[0];
        let pattern = &input.catalog.patterns[first];
        let span = input
            .raw_pattern(pattern.source)
            .and_then(|raw| {
                raw.relations
                    .iter()
                    .filter(|(k, _)| k.value == "evolves-to")
                    .flat_map(|(_, t)| t.iter())
                    .find(|t| names.contains(&&*t.value.id.value))
            })
            .map(|t| {
                if t.value.id.span.is_known() {
                    t.value.id.span
                } else {
                    t.span
                }
            })
            .unwrap_or_default();
        findings.push(
            Finding::new(
                &RULE,
                format!("`evolves-to` loops through {}", names.join(" → ")),
            )
            .at(pattern.source, span)
            .label("part of the loop")
            .help("evolution goes one way: make one of these edges `alternative-to` instead"),
        );
    }
    findings
}
