//! `archsel compare`: the comparison matrix. One view (`Comparison`: a row per
//! dimension and criterion, a column per pattern, the best marked using each
//! criterion's direction) drawn as a terminal table, markdown, CSV or JSON.

use crate::catalog::Catalog;
use crate::catalog::model::{Better, DIMENSION_IDS, Pattern, RatingValue};
use crate::render::rating;
use crate::render::table::{Cell, Table, csv_field};
use crate::render::{Out, Paint, Term};
use crate::suggest::unknown;
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Patterns to compare: ids, aliases or names, in column order
    #[arg(value_name = "PATTERN", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::patterns))]
    pub patterns: Vec<String>,

    /// Compare every pattern in the catalog
    #[arg(long, conflicts_with_all = ["patterns", "category"])]
    pub all: bool,

    /// Compare every pattern of this category (added after any named patterns)
    #[arg(long, value_name = "CATEGORY", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::categories))]
    pub category: Option<String>,

    /// Only these rows: criterion or dimension ids (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ID,...", add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::rows))]
    pub criteria: Vec<String>,

    /// Keep only the rows where the patterns differ
    #[arg(long)]
    pub diff: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Box-drawn tables that fit the width (`table` is an old name for it)
    #[value(alias = "table")]
    Text,
    Markdown,
    Csv,
    Json,
}

/// A compared pattern: a column.
#[derive(Debug, Serialize)]
pub struct Column<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The short heading: the shortest of id and aliases.
    pub label: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Dimension,
    Criterion,
}

/// A compared value: a dimension value or a rating (absent when the pattern
/// has none).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Value {
    Dimension(String),
    Rating(RatingValue),
    Missing(()),
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub kind: RowKind,
    pub better: Better,
    /// One value per column, in column order.
    pub values: Vec<Value>,
    /// Ids of the columns holding the best value (empty when there is no
    /// direction or every column ties).
    pub best: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Comparison<'a> {
    pub patterns: Vec<Column<'a>>,
    pub rows: Vec<Row>,
    /// Column id → rows on which it is (one of) the best, most first.
    pub best_counts: Vec<(String, usize)>,
}

pub fn run(ctx: &Context, args: &CompareArgs) -> Result<u8, Error> {
    let catalog = ctx.catalog()?;
    let patterns = select(catalog, args)?;
    let comparison = build(catalog, &patterns, &args.criteria, args.diff)?;
    let text = render(catalog, &comparison, args.format, ctx.term);
    match args.format {
        CompareFormat::Text => crate::render::pager::page(ctx, &text)?,
        CompareFormat::Json => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(0)
}

/// The patterns to compare, in column order, each once.
fn select<'a>(catalog: &'a Catalog, args: &CompareArgs) -> Result<Vec<&'a Pattern>, Error> {
    let mut chosen: Vec<usize> = Vec::new();
    if args.all {
        chosen = crate::commands::list::catalog_order(catalog);
    }
    for name in &args.patterns {
        let index = catalog.resolve(name)?;
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    if let Some(category) = &args.category {
        if catalog.vocabulary.category(category).is_none() {
            let ids: Vec<&str> = catalog
                .vocabulary
                .categories
                .iter()
                .map(|c| &*c.id)
                .collect();
            return Err(unknown("category", category, &ids));
        }
        for index in crate::commands::list::catalog_order(catalog) {
            if catalog.patterns[index].category == *category && !chosen.contains(&index) {
                chosen.push(index);
            }
        }
    }
    if chosen.len() < 2 && args.patterns.len() >= 2 {
        let id = chosen.first().map_or("", |&i| &*catalog.patterns[i].id);
        return Err(Error::usage(
            format!(
                "{} all name the same pattern, `{id}`: compare needs two different ones",
                args.patterns
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some("name another, e.g. `archsel compare mono k8s`".into()),
        ));
    }
    if chosen.len() < 2 {
        return Err(Error::usage(
            format!("compare needs at least two patterns (got {})", chosen.len()),
            Some("name two or more, e.g. `archsel compare mono k8s faas`, or use --all or --category".into()),
        ));
    }
    Ok(chosen.into_iter().map(|i| &catalog.patterns[i]).collect())
}

/// A short name to head a pattern's column: its first alias (the name people
/// use: mono, k8s, faas) when shorter than the id.
fn label(p: &Pattern) -> &str {
    match p.aliases.first() {
        Some(alias) if alias.len() < p.id.len() => alias,
        _ => &p.id,
    }
}

/// Builds the comparison view (shared by every output format).
pub fn build<'a>(
    catalog: &'a Catalog,
    patterns: &[&'a Pattern],
    only: &[String],
    diff: bool,
) -> Result<Comparison<'a>, Error> {
    let vocab = &catalog.vocabulary;
    let valid: Vec<&str> = DIMENSION_IDS
        .iter()
        .copied()
        .chain(vocab.criteria.iter().map(|c| &*c.id))
        .collect();
    for id in only {
        if !valid.contains(&id.as_str()) {
            return Err(unknown("row", id, &valid));
        }
    }
    let wanted = |id: &str| only.is_empty() || only.iter().any(|o| o == id);
    let mut rows = Vec::new();
    for d in vocab.dimensions.iter().filter(|d| wanted(&d.id)) {
        let values = patterns
            .iter()
            .map(|p| {
                p.dimensions
                    .get(&d.id)
                    .map_or(Value::Missing(()), |v| Value::Dimension(v.to_owned()))
            })
            .collect();
        rows.push(Row {
            id: d.id.clone(),
            name: d.name.clone(),
            kind: RowKind::Dimension,
            better: Better::None,
            values,
            best: Vec::new(),
        });
    }
    for c in vocab.criteria.iter().filter(|c| wanted(&c.id)) {
        let values: Vec<Value> = patterns
            .iter()
            .map(|p| {
                p.rating(&c.id)
                    .map_or(Value::Missing(()), |r| Value::Rating(r.value.clone()))
            })
            .collect();
        let best = best_columns(&values, c.better)
            .into_iter()
            .map(|i| patterns[i].id.clone())
            .collect();
        rows.push(Row {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: RowKind::Criterion,
            better: c.better,
            values,
            best,
        });
    }
    if diff {
        rows.retain(|r| {
            let first = serde_json::to_value(&r.values[0]).ok();
            r.values
                .iter()
                .any(|v| serde_json::to_value(v).ok() != first)
        });
    }
    // Tallied in one pass over the rows (a row's `best` may hold every column).
    let mut wins: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in rows.iter().flat_map(|r| &r.best) {
        *wins.entry(&**id).or_default() += 1;
    }
    let mut best_counts: Vec<(String, usize)> = patterns
        .iter()
        .filter_map(|p| Some((p.id.clone(), *wins.get(&*p.id)?)))
        .collect();
    best_counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let columns = patterns
        .iter()
        .map(|p| Column {
            id: &p.id,
            name: &p.name,
            label: label(p),
        })
        .collect();
    Ok(Comparison {
        patterns: columns,
        rows,
        best_counts,
    })
}

/// Columns holding the best value of a row; none when nothing is ordered or
/// when every column ties (marking them all would say nothing).
fn best_columns(values: &[Value], better: Better) -> Vec<usize> {
    let ordinals: Vec<Option<f64>> = values
        .iter()
        .map(|v| match v {
            Value::Rating(r) => r.ordinal(),
            _ => None,
        })
        .collect();
    let known: Vec<f64> = ordinals.iter().flatten().copied().collect();
    let target = match better {
        Better::Lower => known.iter().copied().fold(f64::INFINITY, f64::min),
        Better::Higher => known.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Better::None => return Vec::new(),
    };
    let best: Vec<usize> = (0..values.len())
        .filter(|&i| ordinals[i] == Some(target))
        .collect();
    if best.len() == values.len() {
        Vec::new()
    } else {
        best
    }
}

/// Renders a comparison in a format (used by tests too).
pub fn render(
    catalog: &Catalog,
    comparison: &Comparison,
    format: CompareFormat,
    term: Term,
) -> String {
    if format == CompareFormat::Json {
        return crate::render::sanitize::to_json(&JsonView(comparison));
    }
    let mut out = Out::new(term);
    let marker = if term.unicode { "◆" } else { "<" };
    match format {
        CompareFormat::Csv => csv(&mut out, comparison),
        CompareFormat::Markdown => {
            table(catalog, comparison, term, "").render_markdown(&mut out);
            out.newline();
            footer(&mut out, comparison, "**bold**");
        }
        _ => {
            table(catalog, comparison, term, marker).render_text(&mut out, term.width);
            footer(&mut out, comparison, marker);
        }
    }
    out.into_string()
}

fn cell_text(catalog: &Catalog, row: &Row, value: &Value, unicode: bool) -> String {
    match value {
        Value::Dimension(v) => v.clone(),
        Value::Rating(r) => match catalog.vocabulary.criterion(&row.id) {
            Some(c) => rating::draw(c, r, unicode),
            None => r.to_string(),
        },
        Value::Missing(()) => "—".into(),
    }
}

fn table(catalog: &Catalog, comparison: &Comparison, term: Term, marker: &str) -> Table {
    let header = std::iter::once(String::new())
        .chain(comparison.patterns.iter().map(|c| c.label.to_owned()))
        .collect();
    let mut rows = Vec::new();
    let mut previous = None;
    for row in &comparison.rows {
        if previous.is_some_and(|k| k != row.kind) {
            rows.push(None);
        }
        previous = Some(row.kind);
        let label = match catalog.vocabulary.criterion(&row.id) {
            Some(c) if row.kind == RowKind::Criterion => rating::label(c, term.unicode),
            _ => row.name.clone(),
        };
        let mut cells = vec![Cell::plain(label)];
        for (column, value) in comparison.patterns.iter().zip(&row.values) {
            let text = cell_text(catalog, row, value, term.unicode);
            cells.push(if row.best.iter().any(|b| b == column.id) {
                let text = if marker.is_empty() {
                    text
                } else {
                    format!("{text} {marker}")
                };
                Cell::painted(text, Paint::Good)
            } else {
                Cell::plain(text)
            });
        }
        rows.push(Some(cells));
    }
    Table { header, rows }
}

fn footer(out: &mut Out, comparison: &Comparison, marker: &str) {
    let markdown = marker.starts_with("**");
    // Markdown reflows text itself; a terminal needs the lines wrapped.
    let width = if markdown { usize::MAX } else { out.term.width };
    if comparison.rows.iter().any(|r| r.kind == RowKind::Criterion) {
        let legend = rating::legend(out.term.unicode || markdown);
        for l in crate::render::text::wrap(&legend, width, "", "  ") {
            out.paint(Paint::Dim, &l).newline();
        }
    }
    if comparison.rows.iter().all(|r| r.best.is_empty()) {
        return;
    }
    let counts: Vec<String> = comparison
        .best_counts
        .iter()
        .map(|(id, n)| {
            let label = comparison
                .patterns
                .iter()
                .find(|c| c.id == id)
                .map_or(&**id, |c| c.label);
            format!("{label} {n}")
        })
        .collect();
    let line = format!(
        "{marker} best in its row (by each criterion's direction). Best on most rows: {}",
        counts.join(", ")
    );
    for l in crate::render::text::wrap(&line, width, "", "  ") {
        out.paint(Paint::Dim, &l).newline();
    }
}

fn csv(out: &mut Out, comparison: &Comparison) {
    let mut header = vec!["row".to_owned(), "kind".to_owned(), "better".to_owned()];
    header.extend(comparison.patterns.iter().map(|c| c.id.to_owned()));
    header.push("best".to_owned());
    out.line(
        &header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    for row in &comparison.rows {
        let better = match row.better {
            Better::Lower => "lower",
            Better::Higher => "higher",
            Better::None => "",
        };
        let mut fields = vec![
            row.id.clone(),
            format!("{:?}", row.kind).to_lowercase(),
            better.to_owned(),
        ];
        fields.extend(row.values.iter().map(|v| match v {
            Value::Dimension(d) => d.clone(),
            Value::Rating(r) => r.to_string(),
            Value::Missing(()) => String::new(),
        }));
        fields.push(row.best.join(" "));
        out.line(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
    }
}

/// The JSON form: values keyed by pattern id.
struct JsonView<'a, 'b>(&'b Comparison<'a>);

impl Serialize for JsonView<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct JsonRow<'r> {
            id: &'r str,
            name: &'r str,
            kind: RowKind,
            better: Better,
            values: serde_json::Map<String, serde_json::Value>,
            best: &'r [String],
        }
        let c = self.0;
        let rows: Vec<JsonRow> = c
            .rows
            .iter()
            .map(|r| JsonRow {
                id: &r.id,
                name: &r.name,
                kind: r.kind,
                better: r.better,
                values: c
                    .patterns
                    .iter()
                    .zip(&r.values)
                    .map(|(col, v)| {
                        (
                            col.id.to_owned(),
                            serde_json::to_value(v).unwrap_or_default(),
                        )
                    })
                    .collect(),
                best: &r.best,
            })
            .collect();
        let counts: serde_json::Map<String, serde_json::Value> = c
            .best_counts
            .iter()
            .map(|(id, n)| (id.to_string(), (*n).into()))
            .collect();
        let mut s = serializer.serialize_struct("Comparison", 3)?;
        s.serialize_field("patterns", &c.patterns)?;
        s.serialize_field("rows", &rows)?;
        s.serialize_field("best_counts", &counts)?;
        s.end()
    }
}
