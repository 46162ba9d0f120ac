//! `archsel list`: the patterns, one a line, grouped by category; filters by
//! category and by dimension value.

use crate::catalog::model::{DIMENSION_IDS, Pattern};
use crate::render::sanitize::clean_line;
use crate::render::text::{truncate, width};
use crate::render::{Out, Paint};
use crate::suggest::unknown;
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only patterns of this category (e.g. distributed, cloud-native)
    #[arg(long, value_name = "CATEGORY", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::categories))]
    pub category: Option<String>,

    /// Only patterns whose dimension has this value, e.g. `deploy=single-host` (repeatable)
    #[arg(long = "where", value_name = "DIM=VALUE", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::dimension_values))]
    pub filters: Vec<String>,

    /// Show the variant hierarchy (each variant under its parent)
    #[arg(long)]
    pub tree: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned lines for people (`table` is an old name for it)
    #[value(alias = "table")]
    Text,
    Json,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    category: &'a str,
    role: &'a str,
    core: bool,
    aliases: &'a [String],
    /// The pattern this one is a variant of (what `--tree` draws).
    parent: Option<&'a str>,
    summary: &'a str,
    dimensions: &'a crate::catalog::model::Dimensions,
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<u8, Error> {
    if args.tree && args.format == ListFormat::Json {
        return Err(Error::usage(
            "`--tree` draws the variant hierarchy as text; it has no JSON form",
            Some("`--format json` gives each pattern's `parent`: leave out --tree".into()),
        ));
    }
    let catalog = ctx.catalog()?;
    let vocab = &catalog.vocabulary;
    if let Some(category) = &args.category
        && vocab.category(category).is_none()
    {
        let ids: Vec<&str> = vocab.categories.iter().map(|c| &*c.id).collect();
        return Err(unknown("category", category, &ids));
    }
    let mut filters = Vec::new();
    for filter in &args.filters {
        let Some((dim, value)) = filter.split_once('=') else {
            return Err(Error::usage(
                format!("`--where {filter}` is not DIM=VALUE"),
                Some("e.g. --where deploy=single-host".into()),
            ));
        };
        let Some(dimension) = vocab.dimension(dim.trim()) else {
            return Err(unknown("dimension", dim, &DIMENSION_IDS));
        };
        if dimension.rank(value.trim()).is_none() {
            let values: Vec<&str> = dimension.values.iter().map(|v| &*v.id).collect();
            return Err(unknown(
                &format!("value of `{}`", dimension.id),
                value,
                &values,
            ));
        }
        filters.push((dimension.id.clone(), value.trim().to_owned()));
    }
    let keep = |p: &&Pattern| {
        args.category.as_ref().is_none_or(|c| &p.category == c)
            && filters
                .iter()
                .all(|(d, v)| p.dimensions.get(d) == Some(v.as_str()))
    };
    let patterns: Vec<&Pattern> = catalog_order(catalog)
        .into_iter()
        .map(|i| &catalog.patterns[i])
        .filter(keep)
        .collect();

    let text = match args.format {
        ListFormat::Json => {
            let rows: Vec<Row> = patterns
                .iter()
                .map(|p| Row {
                    id: &p.id,
                    name: &p.name,
                    category: &p.category,
                    role: &p.role,
                    core: p.core,
                    aliases: &p.aliases,
                    parent: p.parent(),
                    summary: &p.body().summary,
                    dimensions: &p.dimensions,
                })
                .collect();
            crate::render::sanitize::to_json(&rows)
        }
        ListFormat::Text if args.tree => hierarchy(ctx, &patterns),
        ListFormat::Text => table(ctx, catalog, &patterns),
    };
    match args.format {
        ListFormat::Json => ctx.print_json(&text)?,
        ListFormat::Text => crate::render::pager::page(ctx, &text)?,
    }
    Ok(0)
}

/// One line a pattern under its category's heading: a marker for the 12
/// core patterns, the id, the name with its aliases, and as much of the
/// summary's first sentence as fits. Each part is cut to the room it has
/// (never inside a character); at any width the line fits.
fn table(ctx: &Context, catalog: &crate::catalog::Catalog, patterns: &[&Pattern]) -> String {
    let mut out = Out::new(ctx.term);
    if patterns.is_empty() {
        out.line("no patterns match");
        return out.into_string();
    }
    let w = ctx.term.width;
    let core_mark = if ctx.term.unicode { "◆" } else { "*" };
    // Measured as shown: catalog text cleaned of control characters first.
    let named = |p: &Pattern| {
        clean_line(&if p.aliases.is_empty() {
            p.name.clone()
        } else {
            format!("{} ({})", p.name, p.aliases.join(", "))
        })
    };
    // "  ◆ id  name (aliases)  summary": 4 columns of marker and indent.
    let id_width = patterns
        .iter()
        .map(|p| width(&clean_line(&p.id)))
        .max()
        .unwrap_or(0);
    let name_width = patterns
        .iter()
        .map(|p| width(&named(p)))
        .max()
        .unwrap_or(0)
        .min(40);
    let summary_room = w.saturating_sub(4 + id_width + 2 + name_width + 2);
    let show_summary = summary_room >= 20;
    let mut current = None;
    for p in patterns {
        if current != Some(&p.category) {
            if current.is_some() {
                out.newline();
            }
            let heading = catalog
                .vocabulary
                .category(&p.category)
                .map_or(&*p.category, |c| &*c.name);
            out.paint(Paint::Heading, &truncate(&clean_line(heading), w))
                .newline();
            current = Some(&p.category);
        }
        let mark = if p.core { core_mark } else { " " };
        out.text("  ").paint(Paint::Accent, mark).text(" ");
        let mut room = w.saturating_sub(4);
        let id = truncate(&clean_line(&p.id), room);
        room = room.saturating_sub(width(&id));
        out.paint(Paint::Bold, &id);
        // Names aligned in a column when there is room for it.
        let aligned = id_width.saturating_sub(width(&id)) + 2;
        let gap = if room >= aligned + 10 { aligned } else { 2 };
        if room > gap {
            let room_for_name = if show_summary {
                name_width.min(room - gap)
            } else {
                room - gap
            };
            let name = truncate(&named(p), room_for_name);
            room = room.saturating_sub(gap + width(&name));
            out.text(&" ".repeat(gap)).text(&name);
            let gap = name_width.saturating_sub(width(&name)) + 2;
            if show_summary && room > gap + 10 {
                let summary = clean_line(&first_sentence(&p.body().summary));
                out.text(&" ".repeat(gap))
                    .paint(Paint::Dim, &truncate(&summary, room - gap));
            }
        }
        out.newline();
    }
    if patterns.iter().any(|p| p.core) {
        let note = format!("{core_mark} one of the 12 core patterns");
        out.newline()
            .paint(Paint::Dim, &truncate(&note, w))
            .newline();
    }
    out.into_string()
}

/// A summary's first sentence, on one line.
fn first_sentence(summary: &str) -> String {
    let flat = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(". ") {
        Some(end) => flat[..=end].to_owned(),
        None => flat,
    }
}

/// The variant hierarchy: patterns without a (listed) parent at the top, each
/// variant indented under its parent.
fn hierarchy(ctx: &Context, patterns: &[&Pattern]) -> String {
    let mut out = Out::new(ctx.term);
    let listed = |id: &str| patterns.iter().any(|p| p.id == id);
    let (branch, last, pipe) = if ctx.term.unicode {
        ("├─ ", "└─ ", "│  ")
    } else {
        ("|- ", "`- ", "|  ")
    };
    fn walk(
        out: &mut Out,
        patterns: &[&Pattern],
        parent: &str,
        prefix: &str,
        marks: (&str, &str, &str),
        depth: usize,
    ) {
        let children: Vec<&&Pattern> = patterns
            .iter()
            .filter(|p| p.parent() == Some(parent))
            .collect();
        for (i, child) in children.iter().enumerate() {
            let is_last = i + 1 == children.len();
            out.text(prefix)
                .text(if is_last { marks.1 } else { marks.0 });
            out.paint(Paint::Bold, &child.id)
                .text("  ")
                .line(&child.name);
            if depth < 16 {
                let deeper = format!("{prefix}{}", if is_last { "   " } else { marks.2 });
                walk(out, patterns, &child.id, &deeper, marks, depth + 1);
            }
        }
    }
    for p in patterns
        .iter()
        .filter(|p| p.parent().is_none_or(|parent| !listed(parent)))
    {
        out.paint(Paint::Bold, &p.id).text("  ").line(&p.name);
        walk(&mut out, patterns, &p.id, "  ", (branch, last, pipe), 0);
    }
    out.into_string()
}

/// The catalog's reading order: categories in vocabulary order, core patterns
/// first, then by dimension ranks (bundled before distributed), then id. For
/// the 12 core patterns this is the seed's order, monolith to hybrid cloud.
pub fn catalog_order(catalog: &crate::catalog::Catalog) -> Vec<usize> {
    let vocab = &catalog.vocabulary;
    let key = |p: &Pattern| {
        let category = vocab
            .categories
            .iter()
            .position(|c| c.id == p.category)
            .unwrap_or(usize::MAX);
        let ranks: Vec<usize> = DIMENSION_IDS
            .iter()
            .map(|d| {
                let value = p.dimensions.get(d).unwrap_or_default();
                vocab
                    .dimension(d)
                    .and_then(|dim| dim.rank(value))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        (category, !p.core, ranks)
    };
    let mut order: Vec<usize> = (0..catalog.patterns.len()).collect();
    // The key allocates, so compute it once per pattern, not per comparison.
    order.sort_by_cached_key(|&i| (key(&catalog.patterns[i]), catalog.patterns[i].id.clone()));
    order
}
