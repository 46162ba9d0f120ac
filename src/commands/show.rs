//! `archsel show <id|alias>`: a pattern's page. The page is built once as a
//! list of sections (`Block`s) and drawn by the text or markdown renderer;
//! JSON is the resolved pattern itself plus its related patterns.

use crate::catalog::Catalog;
use crate::catalog::model::{Criterion, DIMENSION_IDS, Pattern, PatternBody, Rating};
use crate::render::rating;
use crate::render::text::{pad, side_by_side, width, wrap};
use crate::render::{Out, Paint};
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Pattern id, alias or name (e.g. sidecar, k8s, "service mesh")
    #[arg(add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub pattern: String,

    /// Only these sections (repeatable or comma-separated)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub section: Vec<Section>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    Summary,
    Dimensions,
    Diagram,
    Ratings,
    ProsCons,
    When,
    UseCases,
    AntiPatterns,
    Technologies,
    Examples,
    FileStructure,
    Deploy,
    Related,
    /// For a variant: how it differs from its parent.
    Parent,
    References,
}

/// A bullet: text, and a link printed on its own line (never wrapped, so it
/// stays clickable and copyable).
struct Item {
    text: String,
    link: Option<String>,
}

fn items(texts: &[String]) -> Vec<Item> {
    texts
        .iter()
        .map(|t| Item {
            text: t.clone(),
            link: None,
        })
        .collect()
}

/// The content of one section, independent of the output format.
enum Block<'a> {
    Paragraph(String),
    /// A label and its values, each value on its own line.
    Pairs(Vec<(String, Vec<String>)>),
    Bullets(Vec<Item>),
    Preformatted(&'a str),
    Commands(&'a [String]),
    ProsCons(&'a [String], &'a [String]),
    /// Criterion, rating, and the note explaining it.
    Ratings(Vec<(&'a Criterion, &'a Rating, Option<&'a str>)>),
}

struct PageSection<'a> {
    id: Section,
    title: &'static str,
    blocks: Vec<Block<'a>>,
}

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<u8, Error> {
    if args.format == ShowFormat::Json && !args.section.is_empty() {
        return Err(Error::usage(
            "`--section` chooses parts of the page; `--format json` prints the whole pattern",
            Some("leave out --section, and pick fields from the JSON (e.g. with jq)".into()),
        ));
    }
    let catalog = ctx.catalog()?;
    let index = catalog.resolve(&args.pattern)?;
    let text = render(catalog, index, args.format, &args.section, ctx.term);
    match args.format {
        ShowFormat::Text => crate::render::pager::page(ctx, &text)?,
        ShowFormat::Json => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(0)
}

/// Renders a pattern's page in the given format (used by tests too).
pub fn render(
    catalog: &Catalog,
    index: usize,
    format: ShowFormat,
    only: &[Section],
    term: crate::render::Term,
) -> String {
    let pattern = &catalog.patterns[index];
    if format == ShowFormat::Json {
        return crate::render::sanitize::to_json(&json_view(catalog, index));
    }
    let sections: Vec<PageSection> = sections(catalog, index)
        .into_iter()
        .filter(|s| only.is_empty() || only.contains(&s.id))
        .collect();
    let mut out = Out::new(term);
    match format {
        ShowFormat::Markdown => markdown(&mut out, catalog, pattern, &sections, only.is_empty()),
        _ => text(&mut out, catalog, pattern, &sections, only.is_empty()),
    }
    out.into_string()
}

fn sections<'a>(catalog: &'a Catalog, index: usize) -> Vec<PageSection<'a>> {
    let p = &catalog.patterns[index];
    let b = p.body();
    let vocab = &catalog.vocabulary;
    let mut list = vec![PageSection {
        id: Section::Summary,
        title: "Summary",
        blocks: vec![Block::Paragraph(b.summary.to_string())],
    }];
    let dims = DIMENSION_IDS
        .iter()
        .filter_map(|d| {
            let dimension = vocab.dimension(d)?;
            let value = p.dimensions.get(d)?;
            // The value's name and what it means (from the vocabulary).
            let shown = match dimension.values.iter().find(|v| v.id == value) {
                Some(v) if !v.description.is_empty() => format!("{}: {}", v.name, v.description),
                Some(v) => v.name.clone(),
                None => value.to_owned(),
            };
            Some((dimension.name.to_string(), vec![shown]))
        })
        .collect();
    list.push(PageSection {
        id: Section::Dimensions,
        title: "Dimensions",
        blocks: vec![Block::Pairs(dims)],
    });
    list.push(PageSection {
        id: Section::Diagram,
        title: "Diagram",
        blocks: vec![Block::Preformatted(&b.diagram)],
    });
    let ratings = vocab
        .criteria
        .iter()
        .filter_map(|c| {
            let rating = p.rating(&c.id)?;
            Some((c, rating, rating_note(catalog, p, rating)))
        })
        .collect();
    list.push(PageSection {
        id: Section::Ratings,
        title: "Ratings",
        blocks: vec![Block::Ratings(ratings)],
    });
    list.push(PageSection {
        id: Section::ProsCons,
        title: "Pros and cons",
        blocks: vec![Block::ProsCons(&b.pros, &b.cons)],
    });
    list.push(PageSection {
        id: Section::When,
        title: "When to use",
        blocks: vec![Block::Bullets(items(&b.when_to_use))],
    });
    list.push(PageSection {
        id: Section::When,
        title: "When not to use",
        blocks: vec![Block::Bullets(items(&b.when_not_to_use))],
    });
    list.push(PageSection {
        id: Section::UseCases,
        title: "Use cases",
        blocks: vec![Block::Bullets(items(&b.use_cases))],
    });
    if !b.anti_patterns.is_empty() {
        let texts: Vec<String> = b
            .anti_patterns
            .iter()
            .map(|a| format!("{}: {}", a.name, a.description))
            .collect();
        list.push(PageSection {
            id: Section::AntiPatterns,
            title: "Anti-patterns",
            blocks: vec![Block::Bullets(items(&texts))],
        });
    }
    if !b.technologies.is_empty() {
        list.push(PageSection {
            id: Section::Technologies,
            title: "Technologies",
            blocks: vec![Block::Paragraph(b.technologies.join(", "))],
        });
    }
    if !b.examples.is_empty() {
        let items = b
            .examples
            .iter()
            .map(|e| Item {
                text: e.description.clone(),
                link: Some(e.source.clone()),
            })
            .collect();
        list.push(PageSection {
            id: Section::Examples,
            title: "Real-world examples",
            blocks: vec![Block::Bullets(items)],
        });
    }
    if let Some(files) = &b.file_structure {
        list.push(PageSection {
            id: Section::FileStructure,
            title: "File structure",
            blocks: vec![Block::Preformatted(files)],
        });
    }
    if !b.deploy.is_empty() {
        list.push(PageSection {
            id: Section::Deploy,
            title: "Deploy",
            blocks: vec![Block::Commands(&b.deploy)],
        });
    }
    if let Some(differences) = differences_from_parent(catalog, p) {
        list.push(PageSection {
            id: Section::Parent,
            title: "Differences from its parent",
            blocks: vec![Block::Pairs(differences)],
        });
    }
    let related = related(catalog, index);
    if !related.is_empty() {
        list.push(PageSection {
            id: Section::Related,
            title: "Related patterns",
            blocks: vec![Block::Pairs(related)],
        });
    }
    let refs = b
        .references
        .iter()
        .map(|r| Item {
            text: r.title.clone(),
            link: Some(r.url.clone()),
        })
        .collect();
    list.push(PageSection {
        id: Section::References,
        title: "References",
        blocks: vec![Block::Bullets(refs)],
    });
    list
}

/// For a variant: each dimension and rating that differs from its parent,
/// as `parent → variant`.
fn differences_from_parent(catalog: &Catalog, p: &Pattern) -> Option<Vec<(String, Vec<String>)>> {
    let parent = catalog.pattern(p.parent()?)?;
    let vocab = &catalog.vocabulary;
    let mut rows = vec![(
        "Parent".to_owned(),
        vec![format!("{} ({})", parent.id, parent.name)],
    )];
    for d in vocab.dimensions.iter() {
        let (a, b) = (parent.dimensions.get(&d.id)?, p.dimensions.get(&d.id)?);
        if a != b {
            rows.push((d.name.to_string(), vec![format!("{a} → {b}")]));
        }
    }
    for c in vocab.criteria.iter() {
        let (Some(a), Some(b)) = (parent.rating(&c.id), p.rating(&c.id)) else {
            continue;
        };
        if a.value != b.value {
            rows.push((
                c.name.to_string(),
                vec![format!(
                    "{} → {}",
                    rating::words(c, &a.value),
                    rating::words(c, &b.value)
                )],
            ));
        }
    }
    if rows.len() == 1 {
        rows.push((
            "Differences".to_owned(),
            vec!["none in dimensions or ratings".to_owned()],
        ));
    }
    Some(rows)
}

/// The note behind a rating: the pattern's own, or for an inherited rating
/// the note of the ancestor it came from.
fn rating_note<'a>(catalog: &'a Catalog, pattern: &'a Pattern, rating: &Rating) -> Option<&'a str> {
    let mut current = pattern;
    for _ in 0..16 {
        if let Some(note) = current.body().rating_note(&rating.criterion) {
            return Some(note);
        }
        if !rating.inherited {
            return None;
        }
        current = catalog.pattern(current.parent()?)?;
    }
    None
}

/// Related patterns from the graph, grouped by relation (outgoing under the
/// relation's name, incoming under its inverse; symmetric ones merged).
fn related(catalog: &Catalog, index: usize) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    // A set: a pattern may have thousands of relations.
    let mut seen: std::collections::HashSet<(String, usize)> = Default::default();
    for n in catalog.graph().neighbours(index, &catalog.patterns) {
        let kind = catalog.vocabulary.relation(n.kind);
        let label = match (kind, n.outgoing) {
            (Some(k), true) => k.name.clone(),
            (Some(k), false) if k.symmetric => k.name.clone(),
            (Some(k), false) => k.inverse.clone(),
            (None, _) => n.kind.to_owned(),
        };
        if !seen.insert((label.to_string(), n.pattern)) {
            continue;
        }

        let other = &catalog.patterns[n.pattern];
        let mut item = format!("{} ({})", other.id, other.name);
        if let Some(note) = n.note {
            item.push_str(&format!(": {note}"));
        }
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, items)) => items.push(item),
            None => groups.push((label.to_string(), vec![item])),
        }
    }
    groups
}

fn header_lines(catalog: &Catalog, p: &Pattern) -> Vec<String> {
    let mut lines = Vec::new();
    let category = catalog
        .vocabulary
        .category(&p.category)
        .map_or(&*p.category, |c| &*c.name);
    let mut facts = vec![format!("id: {}", p.id)];
    if !p.aliases.is_empty() {
        facts.push(format!("aliases: {}", p.aliases.join(", ")));
    }
    facts.push(category.to_owned());
    facts.push(match catalog.vocabulary.role(&p.role) {
        Some(role) if p.is_architecture() => role.name.to_lowercase(),
        Some(role) => format!("part: {}", role.name.to_lowercase()),
        None => p.role.clone(),
    });
    if p.core {
        facts.push("one of the 12 core patterns".into());
    }
    lines.push(facts.join(" · "));
    for (lang, name) in p.names.iter() {
        lines.push(format!("{lang}: {name}"));
    }
    if let Some(parent) = p.parent() {
        lines.push(format!("variant of: {parent}"));
    }
    if let Some(replaced) = &p.provenance.replaces {
        lines.push(format!(
            "from {}, which replaces the built-in definition ({replaced})",
            p.provenance.file
        ));
    } else if !p.provenance.builtin {
        lines.push(format!("from {}", p.provenance.file));
    }
    lines
}

fn text(out: &mut Out, catalog: &Catalog, p: &Pattern, sections: &[PageSection], full: bool) {
    let w = out.term.width;
    if full {
        for line in wrap(&p.name.to_uppercase(), w, "", "") {
            out.paint(Paint::Heading, &line).newline();
        }

        for line in header_lines(catalog, p) {
            for wrapped in wrap(&line, w, "", "  ") {
                out.paint(Paint::Dim, &wrapped).newline();
            }
        }
    }
    let titled = full || sections.len() > 1;
    for (i, section) in sections.iter().enumerate() {
        if titled {
            if full || i > 0 {
                out.newline();
            }
            if !(full && section.id == Section::Summary) {
                for line in wrap(&section.title.to_uppercase(), w, "", "") {
                    out.paint(Paint::Heading, &line).newline();
                }
            }
        }
        for block in &section.blocks {
            text_block(out, block, w);
        }
    }
}

fn text_block(out: &mut Out, block: &Block, w: usize) {
    let unicode = out.term.unicode;
    match block {
        Block::Paragraph(text) => {
            for line in wrap(text, w, "", "") {
                out.line(&line);
            }
        }
        Block::Pairs(pairs) => {
            let mut key_width = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
            // Too narrow for a value column beside the keys: values go below their key.
            let stacked = w < 2 + key_width + 24;
            if stacked {
                key_width = 2;
            }
            let indent = " ".repeat(2 + key_width);
            for (key, values) in pairs {
                if stacked {
                    for line in wrap(key, w.saturating_sub(2).max(10), "", "") {
                        out.text("  ").paint(Paint::Bold, &line).newline();
                    }
                }
                let lines = values
                    .iter()
                    .flat_map(|v| wrap(v, w.saturating_sub(2 + key_width).max(10), "", "  "));
                for (i, line) in lines.enumerate() {
                    if i == 0 && !stacked {
                        out.text("  ")
                            .paint(Paint::Bold, &pad(key, key_width))
                            .line(&line);
                    } else {
                        out.text(&indent).line(&line);
                    }
                }
            }
        }
        Block::Bullets(items) => {
            let bullet = if unicode { "  • " } else { "  * " };
            for item in items {
                for line in wrap(&item.text, w, bullet, "    ") {
                    out.line(&line);
                }
                if let Some(link) = &item.link {
                    out.text("    ").paint(Paint::Dim, link).newline();
                }
            }
        }
        Block::Preformatted(text) => {
            for line in text.trim_end_matches('\n').lines() {
                out.line(line);
            }
        }
        Block::Commands(commands) => {
            // Never wrapped: a command (with its ` \` continuation lines,
            // kept under the first) must stay copyable at any width.
            for command in commands.iter() {
                for (i, line) in command.trim_end().lines().enumerate() {
                    if i == 0 {
                        out.paint(Paint::Dim, "  $ ").line(line);
                    } else {
                        out.text("    ").line(line);
                    }
                }
            }
        }
        Block::ProsCons(pros, cons) => {
            let (plus, minus) = if unicode {
                ("  ✓ ", "  ✗ ")
            } else {
                ("  + ", "  - ")
            };
            if w >= 72 {
                let column = (w - 2) / 2;
                let left: Vec<String> = std::iter::once("  Pros".to_owned())
                    .chain(pros.iter().flat_map(|p| wrap(p, column, plus, "    ")))
                    .collect();
                let right: Vec<String> = std::iter::once("  Cons".to_owned())
                    .chain(cons.iter().flat_map(|c| wrap(c, column, minus, "    ")))
                    .collect();
                for line in side_by_side(&left, &right, column, 2) {
                    out.line(&line);
                }
            } else {
                out.line("  Pros");
                pros.iter()
                    .flat_map(|p| wrap(p, w, plus, "    "))
                    .for_each(|l| {
                        out.line(&l);
                    });
                out.line("  Cons");
                cons.iter()
                    .flat_map(|c| wrap(c, w, minus, "    "))
                    .for_each(|l| {
                        out.line(&l);
                    });
            }
        }
        Block::Ratings(ratings) => {
            let labels: Vec<String> = ratings
                .iter()
                .map(|(c, _, _)| rating::label(c, unicode))
                .collect();
            let name_width = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
            for ((criterion, rating, note), label) in ratings.iter().zip(&labels) {
                let drawn = rating::draw(criterion, &rating.value, unicode);
                out.text("  ");
                if 2 + name_width + width(&drawn) <= w {
                    out.paint(Paint::Bold, &pad(label, name_width));
                } else {
                    // Too narrow for one line: the name above, the value below.
                    let name = wrap(label, w.saturating_sub(2).max(10), "", "  ");
                    for (i, line) in name.iter().enumerate() {
                        if i > 0 {
                            out.text("  ");
                        }
                        out.paint(Paint::Bold, line).newline();
                    }
                    out.text("    ");
                }
                out.paint(Paint::Accent, &drawn).newline();
                if let Some(note) = note {
                    let indent = " ".repeat(4);
                    for line in wrap(note, w, &indent, &indent) {
                        out.paint(Paint::Dim, &line).newline();
                    }
                }
            }
            for line in wrap(&rating::legend(unicode), w, "  ", "  ") {
                out.paint(Paint::Dim, &line).newline();
            }
        }
    }
}

fn markdown(out: &mut Out, catalog: &Catalog, p: &Pattern, sections: &[PageSection], full: bool) {
    if full {
        out.line(&format!("# {}", p.name)).newline();
        for line in header_lines(catalog, p) {
            out.line(&format!("- {line}"));
        }
    }
    for (i, section) in sections.iter().enumerate() {
        if full || i > 0 {
            out.newline();
        }
        if full || sections.len() > 1 {
            out.line(&format!("## {}", section.title)).newline();
        }
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => {
                    out.line(&text.replace('\n', " "));
                }
                Block::Pairs(pairs) => {
                    for (k, v) in pairs {
                        out.line(&format!("- **{k}**: {}", v.join("; ")));
                    }
                }
                Block::Bullets(items) => {
                    for item in items {
                        let text = item.text.replace('\n', " ");
                        match &item.link {
                            Some(link) => out.line(&format!("- {text} <{link}>")),
                            None => out.line(&format!("- {text}")),
                        };
                    }
                }
                Block::Preformatted(text) => {
                    out.line("```text")
                        .text(text.trim_end_matches('\n'))
                        .newline()
                        .line("```");
                }
                Block::Commands(commands) => {
                    out.line("```sh");
                    for c in commands.iter() {
                        out.line(c);
                    }
                    out.line("```");
                }
                Block::ProsCons(pros, cons) => {
                    out.line("**Pros**").newline();
                    pros.iter().for_each(|p| {
                        out.line(&format!("- {p}"));
                    });
                    out.newline().line("**Cons**").newline();
                    cons.iter().for_each(|c| {
                        out.line(&format!("- {c}"));
                    });
                }
                Block::Ratings(ratings) => {
                    out.line("| Criterion | Rating | Better | Note |")
                        .line("|---|---|---|---|");
                    for (c, r, note) in ratings {
                        let note = note.unwrap_or("").replace('|', "\\|");
                        out.line(&format!(
                            "| {} | {} | {} | {} |",
                            c.name,
                            rating::draw(c, &r.value, true),
                            rating::direction(c.better),
                            note
                        ));
                    }
                }
            }
        }
    }
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    kind: &'a str,
    direction: &'static str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// The resolved pattern: its head and page (snake_case keys), and its
/// relations from the graph in both directions (`related`; the file's own
/// `relations` are the outgoing ones among them).
#[derive(Serialize)]
struct PatternJson<'a> {
    #[serde(flatten)]
    pattern: HeadJson<'a>,
    #[serde(flatten)]
    body: &'a PatternBody,
    related: Vec<RelatedJson<'a>>,
}

/// The pattern's head without `relations` (see `related`).
#[derive(Serialize)]
struct HeadJson<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    names: serde_json::Map<String, serde_json::Value>,
    core: bool,
    category: &'a str,
    role: &'a str,
    dimensions: &'a crate::catalog::model::Dimensions,
    ratings: serde_json::Value,
    provenance: &'a crate::catalog::model::Provenance,
}

fn json_view(catalog: &Catalog, index: usize) -> PatternJson<'_> {
    let pattern = &catalog.patterns[index];
    let related = catalog
        .graph()
        .neighbours(index, &catalog.patterns)
        .into_iter()
        .map(|n| RelatedJson {
            kind: n.kind,
            direction: if n.outgoing { "outgoing" } else { "incoming" },
            id: &catalog.patterns[n.pattern].id,
            note: n.note,
        })
        .collect();
    // `names` and `ratings` serialise as maps in the model; reuse that form.
    let full = serde_json::to_value(pattern).unwrap_or_default();
    PatternJson {
        pattern: HeadJson {
            id: &pattern.id,
            name: &pattern.name,
            aliases: &pattern.aliases,
            names: full["names"].as_object().cloned().unwrap_or_default(),
            core: pattern.core,
            category: &pattern.category,
            role: &pattern.role,
            dimensions: &pattern.dimensions,
            ratings: full["ratings"].clone(),
            provenance: &pattern.provenance,
        },
        body: pattern.body(),
        related,
    }
}
