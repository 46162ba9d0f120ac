//! `archsel graph`: the knowledge graph as Graphviz DOT, Mermaid, text or
//! JSON, optionally limited to some relation kinds or to the neighbourhood
//! of one pattern (`--from`, `--depth` steps along the relations).

use crate::catalog::Catalog;
use crate::catalog::graph::{Edge, Node};
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

    /// Only the relations that start from this pattern (and, with --depth,
    /// from the patterns they lead to)
    #[arg(long, value_name = "PATTERN", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub from: Option<String>,

    /// With --from: how many steps along the relations to follow
    #[arg(long, value_name = "STEPS", default_value_t = 1, requires = "from",
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub depth: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT, with a legend of the relation kinds
    Dot,
    /// A Mermaid flowchart, with a legend of the relation kinds
    Mermaid,
    /// One line per relation: `from  kind  to`
    Text,
    /// `{"nodes": [...], "edges": [...]}`
    Json,
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
    let edges = select(
        catalog,
        &args.relations,
        from.map(|f| (f, args.depth as usize)),
    );
    let text = match args.format {
        GraphFormat::Dot => dot(catalog, &edges),
        GraphFormat::Mermaid => mermaid(catalog, &edges),
        GraphFormat::Text => text(ctx, catalog, &edges),
        GraphFormat::Json => json(catalog, &edges),
    };
    match args.format {
        GraphFormat::Json => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(0)
}

/// A relation edge to draw: source pattern, target pattern, kind.
pub struct Drawn<'a> {
    pub from: usize,
    pub to: usize,
    pub kind: &'a str,
}

/// Relation edges of the chosen kinds; with `from` (a pattern and a depth),
/// only those that start at most `depth - 1` steps from it, i.e. the
/// relations a walk of `depth` steps from it takes.
pub fn select<'a>(
    catalog: &'a Catalog,
    kinds: &[String],
    from: Option<(usize, usize)>,
) -> (Vec<usize>, Vec<Drawn<'a>>) {
    let graph = &catalog.graph().graph;
    let wanted = |kind: &str| kinds.is_empty() || kinds.iter().any(|k| k == kind);
    let pattern = |n| match graph[n] {
        Node::Pattern(i) => Some(i),
        Node::Question { .. } => None,
    };
    // Steps from `from` along the chosen relations (petgraph's Dijkstra
    // with every edge one step).
    let relations = petgraph::visit::EdgeFiltered::from_fn(
        graph,
        |e| matches!(e.weight(), Edge::Relation { kind, .. } if wanted(kind)),
    );
    let distance = from.map(|(start, _)| {
        petgraph::algo::dijkstra(
            &relations,
            catalog.graph().pattern_node(start),
            None,
            |_| 1usize,
        )
    });
    let starts = |p: usize| match (&distance, from) {
        (Some(distance), Some((_, depth))) => distance
            .get(&catalog.graph().pattern_node(p))
            .is_some_and(|&d| d < depth),
        _ => true,
    };
    let mut edges = Vec::new();
    for p in (0..catalog.patterns.len()).filter(|&p| starts(p)) {
        for edge in graph.edges(catalog.graph().pattern_node(p)) {
            let Edge::Relation { kind, .. } = edge.weight() else {
                continue;
            };
            let Some(to) = pattern(edge.target()) else {
                continue;
            };
            if wanted(kind) {
                edges.push(Drawn { from: p, to, kind });
            }
        }
    }
    let mut nodes: Vec<usize> = match from {
        Some((start, _)) => std::iter::once(start)
            .chain(edges.iter().flat_map(|e| [e.from, e.to]))
            .collect(),
        None => (0..catalog.patterns.len()).collect(),
    };
    nodes.sort_unstable();
    nodes.dedup();
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
    // The legend: one sample edge per relation kind drawn, in its style.
    let mut kinds: Vec<&str> = edges.iter().map(|e| e.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if !kinds.is_empty() {
        out.push_str("  subgraph cluster_legend {\n    label=\"Relations\"; style=rounded; color=\"#cccccc\";\n    node [shape=point, width=0.05, label=\"\"];\n");
        for (i, kind) in kinds.iter().enumerate() {
            out.push_str(&format!(
                "    \"legend{i}a\" -> \"legend{i}b\" [label=\"{}\", {}];\n",
                dot_escape(kind),
                dot_style(kind)
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

fn mermaid_arrow(kind: &str) -> &'static str {
    match kind {
        "variant-of" => "-.->",
        "combines-with" | "alternative-to" | "conflicts-with" => "---",
        _ => "-->",
    }
}

pub fn mermaid(catalog: &Catalog, (nodes, edges): &(Vec<usize>, Vec<Drawn>)) -> String {
    let mut out = String::from("flowchart LR\n");
    // The legend: one node naming each relation kind drawn and its arrow.
    let mut kinds: Vec<&str> = edges.iter().map(|e| e.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if !kinds.is_empty() {
        let lines: Vec<String> = kinds
            .iter()
            .map(|k| format!("{} {k}", mermaid_arrow(k).replace('>', "&gt;")))
            .collect();
        out.push_str(&format!(
            "  subgraph legend[\"Relations\"]\n    legend_kinds[\"{}\"]\n  end\n",
            lines.join("<br/>")
        ));
    }
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
        let arrow = mermaid_arrow(e.kind);
        out.push_str(&format!(
            "  {} {arrow}|{}| {}\n",
            mermaid_id(&catalog.patterns[e.from].id),
            e.kind,
            mermaid_id(&catalog.patterns[e.to].id)
        ));
    }
    out
}

/// One line per relation, grouped under the pattern it starts from.
fn text(ctx: &Context, catalog: &Catalog, (nodes, edges): &(Vec<usize>, Vec<Drawn>)) -> String {
    let mut out = crate::render::Out::new(ctx.term);
    let arrow = if ctx.term.unicode { "→" } else { "->" };
    for &n in nodes {
        let from: Vec<&Drawn> = edges.iter().filter(|e| e.from == n).collect();
        if from.is_empty() {
            continue;
        }
        out.paint(crate::render::Paint::Bold, &catalog.patterns[n].id)
            .newline();
        for e in from {
            out.line(&format!(
                "  {} {arrow} {}",
                e.kind, catalog.patterns[e.to].id
            ));
        }
    }
    if edges.is_empty() {
        out.line("no relations match");
    }
    out.into_string()
}

/// The JSON form: the drawn patterns and the relations between them.
fn json(catalog: &Catalog, (nodes, edges): &(Vec<usize>, Vec<Drawn>)) -> String {
    #[derive(serde::Serialize)]
    struct NodeJson<'a> {
        id: &'a str,
        name: &'a str,
        category: &'a str,
        core: bool,
    }
    #[derive(serde::Serialize)]
    struct EdgeJson<'a> {
        from: &'a str,
        kind: &'a str,
        to: &'a str,
    }
    #[derive(serde::Serialize)]
    struct GraphJson<'a> {
        nodes: Vec<NodeJson<'a>>,
        edges: Vec<EdgeJson<'a>>,
    }
    let view = GraphJson {
        nodes: nodes
            .iter()
            .map(|&n| {
                let p = &catalog.patterns[n];
                NodeJson {
                    id: &p.id,
                    name: &p.name,
                    category: &p.category,
                    core: p.core,
                }
            })
            .collect(),
        edges: edges
            .iter()
            .map(|e| EdgeJson {
                from: &catalog.patterns[e.from].id,
                kind: e.kind,
                to: &catalog.patterns[e.to].id,
            })
            .collect(),
    };
    crate::render::sanitize::to_json(&view)
}
