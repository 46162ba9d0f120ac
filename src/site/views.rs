//! The comparison matrix of the core patterns and the relation graph.

use super::Site;
use super::catalog::pattern_path;
use super::html::{Nav, esc};
use crate::catalog::model::Pattern;
use crate::commands::compare::{self, RowKind, Value};
use crate::render::rating;
use std::fmt::Write as _;

/// The core patterns side by side, best value per row marked (the rows and
/// the marks are `compare`'s). Without core patterns (a user catalog), the
/// whole architectures.
pub fn matrix(site: &mut Site) -> Result<(), crate::Error> {
    let catalog = site.catalog;
    let mut columns: Vec<&Pattern> = catalog.patterns.iter().filter(|p| p.core).collect();
    let which = if columns.is_empty() {
        columns = catalog
            .patterns
            .iter()
            .filter(|p| p.is_architecture())
            .take(24)
            .collect();
        "whole architectures"
    } else {
        "core patterns"
    };
    let mut page = site.page("compare.html", "Compare the core patterns", Nav::Compare);
    let mut body = format!("<h1>Compare the {which}</h1>\n");
    if columns.is_empty() {
        body.push_str("<p>This catalog has no whole architecture to compare.</p>\n");
        page.body = body;
        return site.write_page(page);
    }
    let comparison = compare::build(catalog, &columns, &[], false)?;
    let _ = writeln!(
        body,
        "<p class=\"lead\">One row per dimension and criterion. <strong class=\"best\">◆ Marked</strong> cells hold the best value of their row, by the criterion's direction.</p>"
    );
    body.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"matrix-caption\">\n<table class=\"matrix\">\n");
    let _ = writeln!(
        body,
        "<caption id=\"matrix-caption\">The {which}: dimensions and ratings</caption>"
    );
    body.push_str("<thead><tr><th scope=\"col\">Row</th>");
    for (p, c) in columns.iter().zip(&comparison.patterns) {
        let _ = write!(
            body,
            "<th scope=\"col\"><a href=\"{}\" title=\"{}\">{}</a></th>",
            page.href(&pattern_path(p)),
            esc(c.name),
            esc(c.label)
        );
    }
    body.push_str("</tr></thead>\n<tbody>\n");
    for row in &comparison.rows {
        let criterion = catalog.vocabulary.criterion(&row.id);
        let direction = match (row.kind, row.better) {
            (RowKind::Dimension, _) => String::new(),
            (_, crate::catalog::model::Better::Lower) => {
                " <span class=\"dir\">(lower is better)</span>".into()
            }
            (_, crate::catalog::model::Better::Higher) => {
                " <span class=\"dir\">(higher is better)</span>".into()
            }
            _ => String::new(),
        };
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}{direction}</th>",
            esc(&row.name)
        );
        for (p, value) in columns.iter().zip(&row.values) {
            let text = match (value, criterion) {
                (Value::Dimension(v), _) => v.clone(),
                (Value::Rating(r), Some(c)) => rating::draw(c, r, true),
                (Value::Rating(r), None) => r.to_string(),
                (Value::Missing(()), _) => "—".into(),
            };
            if row.best.contains(&p.id) {
                let _ = write!(
                    body,
                    "<td class=\"best\"><strong>◆ {}</strong><span class=\"vh\"> (best)</span></td>",
                    esc(&text)
                );
            } else {
                let _ = write!(body, "<td>{}</td>", esc(&text));
            }
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody>\n</table>\n</div>\n");
    page.body = body;
    site.write_page(page)
}

/// How the relation graph should be drawn (`archsel site --graph`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphDrawing {
    /// An SVG by Graphviz `dot` when it is installed, else the list only.
    #[default]
    Auto,
    /// An SVG by Graphviz `dot`; fail if it is not installed or fails.
    Graphviz,
    /// The list of relations only: the same site on every machine.
    List,
}

/// How the relation graph was drawn (reported by the command).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphMode {
    /// An SVG drawn by Graphviz `dot`, above the list of edges.
    Svg,
    /// The list of edges only (`dot` not installed, or `--graph list`).
    List,
}

/// The relation graph: SVG through Graphviz when `dot` runs, and always the
/// edges as a list of links (readable, accessible, and what is left without
/// Graphviz).
pub fn graph(site: &mut Site) -> Result<GraphMode, crate::Error> {
    let catalog = site.catalog;
    let selected = crate::commands::graph::select(catalog, &[], None);
    let mut page = site.page("graph.html", "Relation graph", Nav::Graph);
    let mut body = String::from("<h1>Relation graph</h1>\n");
    let svg = match site.graph_drawing {
        GraphDrawing::List => None,
        GraphDrawing::Auto => render_svg(&crate::commands::graph::dot(catalog, &selected)).ok(),
        GraphDrawing::Graphviz => Some(
            render_svg(&crate::commands::graph::dot(catalog, &selected)).map_err(|reason| {
                crate::Error::usage(
                    format!("cannot draw the relation graph with Graphviz: {reason}"),
                    Some("install Graphviz (it provides `dot`), or pass --graph list (or auto) to write the relations as a list only".into()),
                )
            })?,
        ),
    };
    let mode = match &svg {
        Some(svg) => {
            body.push_str("<figure class=\"graph\">\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Relation graph drawing\">\n");
            body.push_str(svg);
            body.push_str("</div>\n<figcaption>Drawn by Graphviz. The same relations follow as a list.</figcaption>\n</figure>\n");
            GraphMode::Svg
        }
        None => {
            let why = match site.graph_drawing {
                GraphDrawing::List => "This site was built without a drawing",
                _ => "Graphviz was not installed when this site was built, so there is no drawing",
            };
            let _ = writeln!(
                body,
                "<p class=\"lead\">Every relation between patterns, by kind. ({why}.)</p>"
            );
            GraphMode::List
        }
    };
    let (_, edges) = &selected;
    for kind in &catalog.vocabulary.relations {
        let of_kind: Vec<_> = edges.iter().filter(|e| e.kind == kind.id).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(
            body,
            "<section aria-labelledby=\"rel-{id}\">\n<h2 id=\"rel-{id}\">{} ({})</h2>\n<p>{}</p>\n<ul class=\"edges\">",
            esc(&kind.name),
            of_kind.len(),
            esc(&kind.description),
            id = super::html::slug(&kind.id)
        );
        for e in of_kind {
            let (a, b) = (&catalog.patterns[e.from], &catalog.patterns[e.to]);
            let _ = writeln!(
                body,
                "<li><a href=\"{}\">{}</a> → <a href=\"{}\">{}</a></li>",
                page.href(&pattern_path(a)),
                esc(&a.name),
                page.href(&pattern_path(b)),
                esc(&b.name)
            );
        }
        body.push_str("</ul>\n</section>\n");
    }
    page.body = body;
    site.write_page(page)?;
    Ok(mode)
}

/// Runs `dot -Tsvg`; the error says why there is no drawing (not
/// installed, or it failed). The SVG is inlined without its XML prolog.
fn render_svg(dot: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "`dot` is not on the PATH".to_owned(),
            _ => format!("`dot` could not be started: {e}"),
        })?;
    let failed = |what: &str| format!("`dot -Tsvg` {what}");
    let mut stdin = child.stdin.take().ok_or_else(|| failed("has no input"))?;
    let input = dot.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| failed(&format!("could not be waited for: {e}")))?;
    let written = writer.join();
    if !output.status.success() {
        return Err(failed(&format!("failed ({})", output.status)));
    }
    if !matches!(written, Ok(Ok(()))) {
        return Err(failed("did not read its input"));
    }
    let svg =
        String::from_utf8(output.stdout).map_err(|_| failed("wrote text that is not UTF-8"))?;
    let start = svg.find("<svg").ok_or_else(|| failed("wrote no SVG"))?;
    // Comments carry Graphviz's version; the drawing does not need them.
    let mut out = String::with_capacity(svg.len());
    let mut rest = &svg[start..];
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => return Err(failed("wrote an unclosed comment")),
        }
    }
    out.push_str(rest);
    Ok(out.replacen("<svg", "<svg role=\"img\" aria-label=\"Relation graph\"", 1))
}
