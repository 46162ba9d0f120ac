//! `archsel path <from> <to>`: the shortest evolution path over `evolves-to`
//! edges, each step with what changes (dimensions, ratings, the edge's note).

use crate::catalog::Catalog;
use crate::catalog::graph::{Edge, Node};
use crate::render::rating;
use crate::render::text::wrap;
use crate::render::{Out, Paint};
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use petgraph::Direction;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::VecDeque;

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where you are: a pattern id, alias or name
    #[arg(add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub from: String,
    /// Where you want to be
    #[arg(add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub to: String,

    /// Output format
    #[arg(long, value_enum, default_value_t = PathFormat::Text)]
    pub format: PathFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
}

/// One change between two patterns.
#[derive(Debug, Serialize)]
pub struct Change {
    pub what: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub changes: Vec<Change>,
}

/// Patterns one `evolves-to` step away, in a direction, with the edge note.
fn evolution(
    catalog: &Catalog,
    pattern: usize,
    direction: Direction,
) -> Vec<(usize, Option<&str>)> {
    let graph = &catalog.graph().graph;
    let mut next: Vec<(usize, Option<&str>)> = graph
        .edges_directed(catalog.graph().pattern_node(pattern), direction)
        .filter_map(|e| match e.weight() {
            Edge::Relation { kind, note } if kind == "evolves-to" => {
                let other = if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                match graph[other] {
                    Node::Pattern(i) => Some((i, note.as_deref())),
                    Node::Question { .. } => None,
                }
            }
            _ => None,
        })
        .collect();
    next.sort_by_key(|(i, _)| catalog.patterns[*i].id.clone());
    next
}

/// Breadth-first: the shortest path (fewest steps; ties by id, so stable).
pub fn shortest(
    catalog: &Catalog,
    from: usize,
    to: usize,
) -> Option<Vec<(usize, usize, Option<&str>)>> {
    let mut previous: Vec<Option<(usize, Option<&str>)>> = vec![None; catalog.patterns.len()];
    let mut seen = vec![false; catalog.patterns.len()];
    seen[from] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(p) = queue.pop_front() {
        if p == to {
            let mut steps = Vec::new();
            let mut current = to;
            while let Some((before, note)) = previous[current] {
                steps.push((before, current, note));
                current = before;
            }
            steps.reverse();
            return Some(steps);
        }
        for (next, note) in evolution(catalog, p, Direction::Outgoing) {
            if !std::mem::replace(&mut seen[next], true) {
                previous[next] = Some((p, note));
                queue.push_back(next);
            }
        }
    }
    None
}

/// Every pattern reachable from `start` in a direction.
fn reach(catalog: &Catalog, start: usize, direction: Direction) -> Vec<&str> {
    let mut seen = vec![false; catalog.patterns.len()];
    let mut stack = vec![start];
    let mut out = Vec::new();
    while let Some(p) = stack.pop() {
        for (next, _) in evolution(catalog, p, direction) {
            if next != start && !std::mem::replace(&mut seen[next], true) {
                out.push(&*catalog.patterns[next].id);
                stack.push(next);
            }
        }
    }
    out.sort();
    out
}

fn changes(catalog: &Catalog, a: usize, b: usize) -> Vec<Change> {
    let (pa, pb) = (&catalog.patterns[a], &catalog.patterns[b]);
    let mut list = Vec::new();
    for d in catalog.vocabulary.dimensions.iter() {
        if let (Some(x), Some(y)) = (pa.dimensions.get(&d.id), pb.dimensions.get(&d.id))
            && x != y
        {
            list.push(Change {
                what: d.name.to_string(),
                from: x.to_owned(),
                to: y.to_owned(),
            });
        }
    }
    for c in catalog.vocabulary.criteria.iter() {
        if let (Some(x), Some(y)) = (pa.rating(&c.id), pb.rating(&c.id))
            && x.value != y.value
        {
            list.push(Change {
                what: c.name.to_string(),
                from: rating::draw(c, &x.value, true),
                to: rating::draw(c, &y.value, true),
            });
        }
    }
    list
}

pub fn run(ctx: &Context, args: &PathArgs) -> Result<u8, Error> {
    let catalog = ctx.catalog()?;
    let (from, to) = (catalog.resolve(&args.from)?, catalog.resolve(&args.to)?);
    let (from_id, to_id) = (&catalog.patterns[from].id, &catalog.patterns[to].id);
    let Some(path) = shortest(catalog, from, to) else {
        let forward = reach(catalog, from, Direction::Outgoing);
        let backward = reach(catalog, to, Direction::Incoming);
        let forward = if forward.is_empty() {
            format!("nothing evolves from {from_id}")
        } else {
            format!("from {from_id} you can evolve to: {}", forward.join(", "))
        };
        let backward = if backward.is_empty() {
            format!("{to_id} is a starting point: no pattern evolves to it")
        } else {
            format!("{to_id} is reached from: {}", backward.join(", "))
        };
        return Err(Error::usage(
            format!("no evolution path leads from `{from_id}` to `{to_id}`"),
            Some(format!("{forward}; {backward}")),
        ));
    };
    let steps: Vec<Step> = path
        .iter()
        .map(|&(a, b, note)| Step {
            from: catalog.patterns[a].id.to_string(),
            to: catalog.patterns[b].id.to_string(),
            note: note.map(str::to_owned),
            changes: changes(catalog, a, b),
        })
        .collect();
    match args.format {
        PathFormat::Json => ctx.print_json(&crate::render::sanitize::to_json(&steps))?,
        PathFormat::Text => {
            crate::render::pager::page(ctx, &render(catalog, from, &steps, ctx.term))?
        }
    }
    Ok(0)
}

pub fn render(catalog: &Catalog, from: usize, steps: &[Step], term: crate::render::Term) -> String {
    let mut out = Out::new(term);
    let w = term.width;
    let mut names: Vec<&str> = vec![&*catalog.patterns[from].id];
    names.extend(steps.iter().map(|s| s.to.as_str()));
    out.paint(Paint::Heading, &names.join(" → ")).newline();
    if steps.is_empty() {
        out.line("(already there)");
    }
    for (i, step) in steps.iter().enumerate() {
        let name = catalog.pattern(&step.to).map_or(&*step.to, |p| &*p.name);
        out.newline()
            .paint(
                Paint::Bold,
                &format!("{}. {} → {} ({name})", i + 1, step.from, step.to),
            )
            .newline();
        if let Some(note) = &step.note {
            for line in wrap(note, w, "   ", "   ") {
                out.line(&line);
            }
        }
        for c in &step.changes {
            let line = format!("{}: {} → {}", c.what, c.from, c.to);
            let line = match catalog
                .vocabulary
                .criteria
                .iter()
                .find(|k| k.name == c.what)
            {
                Some(k) => format!("{}: {} → {}", rating::label(k, term.unicode), c.from, c.to),
                None => line,
            };
            for l in wrap(&line, w, "   · ", "     ") {
                out.paint(Paint::Dim, &l).newline();
            }
        }
    }
    let rated = steps.iter().flat_map(|s| &s.changes).any(|c| {
        catalog
            .vocabulary
            .criteria
            .iter()
            .any(|k| k.name == c.what && k.better != crate::catalog::model::Better::None)
    });
    if rated {
        out.newline()
            .paint(Paint::Dim, &rating::legend(term.unicode))
            .newline();
    }
    out.into_string()
}
