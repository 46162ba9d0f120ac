//! `archsel graph`: the knowledge graph as Graphviz DOT or Mermaid, optionally
//! limited to some relation kinds or to what one pattern leads to.

use crate::catalog::Catalog;
use crate::catalog::graph::{Edge, Node};
use crate::render::term::write_stdout;
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use petgraph::visit::EdgeRef;

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,

    /// Only these relation kinds (repeatable or comma-separated)
    #[arg(long = "relation", value_delimiter = ',', value_name = "KIND", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::relation_kinds))]
    pub relations: Vec<String>,

    /// Only the patterns reachable from this one along the chosen relations
    #[arg(long, value_name = "PATTERN", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

pub fn run(ctx: &Context, args: &GraphArgs) -> Result<u8, Error> {
    let catalog = ctx.catalog()?;
    let kinds: Vec<&str> = catalog
        .vocabulary
        .relations
        .iter()
        .map(|r| &*r.id)
        .collect();
    for kind in &args.relations {
        if !kinds.contains(&kind.as_str()) {
            return Err(crate::suggest::unknown("relation kind", kind, &kinds));
        }
    }
    let from = args
        .from
        .as_deref()
        .map(|name| catalog.resolve(name))
        .transpose()?;
    let edges = select(catalog, &args.relations, from);
    let text = match args.format {
        GraphFormat::Dot => dot(catalog, &edges),
        GraphFormat::Mermaid => mermaid(catalog, &edges),
    };
    write_stdout(&text)?;
    Ok(0)
}

/// A relation edge to draw: source pattern, target pattern, kind.
pub struct Drawn<'a> {
    pub from: usize,
    pub to: usize,
    pub kind: &'a str,
}

/// Relation edges of the chosen kinds; with `from`, only those reachable from it.
pub fn select<'a>(
    catalog: &'a Catalog,
    kinds: &[String],
    from: Option<usize>,
) -> (Vec<usize>, Vec<Drawn<'a>>) {
    let graph = &catalog.graph().graph;
    let wanted = |kind: &str| kinds.is_empty() || kinds.iter().any(|k| k == kind);
    let pattern = |n| match graph[n] {
        Node::Pattern(i) => Some(i),
        Node::Question { .. } => None,
    };
    let mut nodes: Vec<usize> = match from {
        Some(start) => vec![start],
        None => (0..catalog.patterns.len()).collect(),
    };
    let mut edges = Vec::new();
    let mut frontier = nodes.clone();
    while let Some(p) = frontier.pop() {
        for edge in graph.edges(catalog.graph().pattern_node(p)) {
            let Edge::Relation { kind, .. } = edge.weight() else {
                continue;
            };
            let Some(to) = pattern(edge.target()) else {
                continue;
            };
            if !wanted(kind) {
                continue;
            }
            edges.push(Drawn { from: p, to, kind });
            if from.is_some() && !nodes.contains(&to) {
                nodes.push(to);
                frontier.push(to);
            }
        }
    }
    if from.is_none() && !kinds.is_empty() {
        // Only the patterns that some chosen edge touches.
        nodes.retain(|n| edges.iter().any(|e| e.from == *n || e.to == *n));
    }
    nodes.sort_by_key(|&n| catalog.patterns[n].id.clone());
    edges.sort_by(|a, b| {
        (
            &catalog.patterns[a.from].id,
            a.kind,
            &catalog.patterns[a.to].id,
        )
            .cmp(&(
                &catalog.patterns[b.from].id,
                b.kind,
                &catalog.patterns[b.to].id,
            ))
    });
    (nodes, edges)
}

/// The drawn patterns grouped by category, in vocabulary order (empty groups left out).
fn by_category<'a>(
    catalog: &'a Catalog,
    nodes: &[usize],
) -> Vec<(&'a crate::catalog::model::Category, Vec<usize>)> {
    catalog
        .vocabulary
        .categories
        .iter()
        .map(|c| {
            (
                c,
                nodes
                    .iter()
                    .copied()
                    .filter(|&n| catalog.patterns[n].category == c.id)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, members)| !members.is_empty())
        .collect()
}

fn dot_escape(text: &str) -> String {
    crate::render::sanitize::clean_line(text)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}

/// Edge styles: evolution solid, variant dashed, the symmetric kinds without arrowheads.
fn dot_style(kind: &str) -> &'static str {
    match kind {
        "evolves-to" => "color=\"#1f77b4\", penwidth=1.6",
        "variant-of" => "style=dashed, color=\"#7f7f7f\"",
        "combines-with" => "style=dotted, dir=none, color=\"#2ca02c\"",
        "alternative-to" => "style=dotted, dir=none, color=\"#ff7f0e\"",
        "conflicts-with" => "dir=none, color=\"#d62728\"",
        _ => "color=\"#9467bd\"",
    }
}

pub fn dot(catalog: &Catalog, (nodes, edges): &(Vec<usize>, Vec<Drawn>)) -> String {
    let mut out = String::from(
        "digraph archsel {\n  rankdir=LR;\n  newrank=true;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for (category, members) in by_category(catalog, nodes) {
        out.push_str(&format!("  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n    style=rounded; color=\"#cccccc\";\n", category.id, dot_escape(&category.name)));
        for n in members {
            let p = &catalog.patterns[n];
            let bold = if p.core { ", penwidth=2" } else { "" };
            out.push_str(&format!(
                "    \"{}\" [label=\"{}\"{bold}];\n",
                p.id,
                dot_escape(&p.name)
            ));
        }
        out.push_str("  }\n");
    }
    for e in edges {
        let (a, b) = (&catalog.patterns[e.from].id, &catalog.patterns[e.to].id);
        out.push_str(&format!(
            "  \"{a}\" -> \"{b}\" [label=\"{}\", {}];\n",
            e.kind,
            dot_style(e.kind)
        ));
    }
    out.push_str("}\n");
    out
}

fn mermaid_id(id: &str) -> String {
    id.replace('-', "_")
}

fn mermaid_text(text: &str) -> String {
    crate::render::sanitize::clean_line(text).replace('"', "#quot;")
}

pub fn mermaid(catalog: &Catalog, (nodes, edges): &(Vec<usize>, Vec<Drawn>)) -> String {
    let mut out = String::from("flowchart LR\n");
    for (category, members) in by_category(catalog, nodes) {
        out.push_str(&format!(
            "  subgraph {}[\"{}\"]\n",
            mermaid_id(&category.id),
            mermaid_text(&category.name)
        ));
        for n in members {
            let p = &catalog.patterns[n];
            out.push_str(&format!(
                "    {}[\"{}\"]\n",
                mermaid_id(&p.id),
                mermaid_text(&p.name)
            ));
        }
        out.push_str("  end\n");
    }
    for e in edges {
        let arrow = match e.kind {
            "variant-of" => "-.->",
            "combines-with" | "alternative-to" | "conflicts-with" => "---",
            _ => "-->",
        };
        out.push_str(&format!(
            "  {} {arrow}|{}| {}\n",
            mermaid_id(&catalog.patterns[e.from].id),
            e.kind,
            mermaid_id(&catalog.patterns[e.to].id)
        ));
    }
    out
}
