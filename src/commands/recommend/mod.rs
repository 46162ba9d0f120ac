//! `archsel recommend`: walks a decision tree (interactively on a terminal,
//! or from `--answer`/`--answers` and defaults), then prints the blueprint
//! (text, markdown or JSON; `--brief` for the decision alone); optionally
//! writes an ADR.

pub mod adr;
mod interactive;
pub mod markdown;
pub mod report;

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use crate::engine::walk::{self, Answers, Prompter};
use crate::engine::{self, Recommendation};
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::PathBuf;

pub use adr::render as render_adr;
pub use markdown::render as render_markdown;
pub use report::render as render_text;

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Answer a question up front, e.g. `--answer team-size=3-10` (repeatable; see --questions)
    #[arg(long = "answer", value_name = "KEY=VALUE")]
    pub answer: Vec<String>,

    /// Read answers from a TOML file of `key = "value"` lines (--answer wins)
    #[arg(long = "answers", value_name = "FILE.toml")]
    pub answers_file: Option<PathBuf>,

    /// Ask nothing: unanswered questions take their default, reported as assumed
    /// (implied when stdin is not a terminal)
    #[arg(long)]
    pub no_input: bool,

    /// List the questions: keys, values and defaults
    #[arg(long, conflicts_with_all = ["answer", "answers_file", "adr", "no_input", "brief", "top"])]
    pub questions: bool,

    /// Write a decision record (MADR 4 markdown) to this file; `-` prints it
    /// to standard output instead of the report
    #[arg(long, value_name = "FILE")]
    pub adr: Option<PathBuf>,

    /// Print only the decision (at most 25 lines; text and markdown)
    #[arg(long, conflicts_with = "top")]
    pub brief: bool,

    /// Replace the --adr file if it exists
    #[arg(long, requires = "adr")]
    pub force: bool,

    /// The decision tree to walk
    #[arg(long, default_value = "architecture", value_name = "ID")]
    pub tree: String,

    /// How many ranked architectures to list [default: 5 in text, all in
    /// markdown and JSON]
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Output format
    #[arg(long, value_enum, default_value_t = RecommendFormat::Text)]
    pub format: RecommendFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecommendFormat {
    Text,
    Markdown,
    Json,
}

pub fn run(ctx: &Context, args: &RecommendArgs) -> Result<u8, Error> {
    // Refused before anything is asked or written (an --adr file included).
    if args.brief && args.format == RecommendFormat::Json {
        return Err(Error::usage(
            "`--brief` shortens the text and markdown reports; the JSON is always whole",
            Some(
                "leave out --brief, and pick fields from the JSON (e.g. `jq .recommendation`)"
                    .into(),
            ),
        ));
    }
    let catalog = ctx.catalog()?;
    let tree = find_tree(catalog, &args.tree)?;
    if args.questions {
        let text = questions(tree, args.format, ctx);
        match args.format {
            RecommendFormat::Json => ctx.print_json(&text)?,
            _ => ctx.print(&text)?,
        }
        return Ok(0);
    }
    let mut answers = match &args.answers_file {
        Some(path) => read_answers_file(path)?,
        None => Answers::new(),
    };
    for pair in &args.answer {
        let (key, value) = pair.split_once('=').ok_or_else(|| {
            Error::usage(
                format!("`--answer {pair}` is not KEY=VALUE"),
                Some("e.g. --answer team-size=3-10; see `archsel recommend --questions`".into()),
            )
        })?;
        answers.insert(key.trim().to_owned(), value.trim().to_owned());
    }
    walk::check_answers(tree, &answers)?;

    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    // Prompts are drawn on stderr, so its terminal decides their colour.
    let mut prompter = interactive::Interactive::new(crate::render::Term {
        color: crate::render::term::stderr_color(ctx.global.color),
        ..ctx.term
    });
    let prompter: Option<&mut dyn Prompter> = if interactive {
        Some(&mut prompter)
    } else {
        None
    };
    let walked = walk::walk(tree, &answers, prompter)?;
    let mut recommendation = engine::recommend(catalog, tree, walked);

    if let Some(path) = &args.adr {
        let record = adr::render(catalog, tree, &recommendation, &adr::today());
        if path.as_os_str() == "-" {
            ctx.print(&record)?;
            return Ok(0);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                action: "create",
                path: dir.display().to_string(),
                reason: e.to_string(),
                help: None,
            })?;
        }
        crate::files::write_atomically(path, &record, args.force)?;
    }
    // The text report lists the top itself ("top 5 of 12"); the other
    // formats print the ranking they are given.
    if let Some(top) = args.top.filter(|_| args.format != RecommendFormat::Text) {
        recommendation.ranking.truncate(top);
    }
    let text = match (args.format, args.brief) {
        (RecommendFormat::Json, _) => crate::render::sanitize::to_json(&recommendation),
        (RecommendFormat::Markdown, brief) => markdown::render(catalog, &recommendation, brief),
        (RecommendFormat::Text, true) => report::brief(catalog, &recommendation, ctx.term),
        (RecommendFormat::Text, false) => {
            let mut text = report::render(
                catalog,
                tree,
                &recommendation,
                ctx.term,
                args.top.unwrap_or(5),
            );
            if let Some(path) = &args.adr {
                text.push_str(&format!(
                    "\nDecision record written to {}\n",
                    path.display()
                ));
            }
            text
        }
    };
    match args.format {
        RecommendFormat::Json => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(0)
}

fn find_tree<'a>(catalog: &'a Catalog, id: &str) -> Result<&'a DecisionTree, Error> {
    catalog.trees.iter().find(|t| t.id == id).ok_or_else(|| {
        let ids: Vec<&str> = catalog.trees.iter().map(|t| &*t.id).collect();
        if ids.is_empty() {
            Error::usage(
                "the catalog has no decision tree".to_owned(),
                Some("keep the default catalog, or add a DecisionTree file".into()),
            )
        } else {
            crate::suggest::unknown("decision tree", id, &ids)
        }
    })
}

/// Reads `key = "value"` pairs; booleans become yes/no, numbers their text.
fn read_answers_file(path: &std::path::Path) -> Result<Answers, Error> {
    let shown = path.display().to_string();
    let text = crate::files::read_user_file(path)?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        Error::usage(
            format!("{shown} is not valid TOML: {}", e.message()),
            Some("write one `key = \"value\"` per line".into()),
        )
    })?;
    table
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                toml::Value::String(s) => s,
                toml::Value::Boolean(b) => (if b { "yes" } else { "no" }).to_owned(),
                toml::Value::Integer(n) => n.to_string(),
                other => {
                    return Err(Error::usage(
                        format!(
                            "{shown}: `{key}` must be a string, not {}",
                            other.type_str()
                        ),
                        Some(format!("write {key} = \"value\"")),
                    ));
                }
            };
            Ok((key, value))
        })
        .collect()
}

#[derive(Serialize)]
struct QuestionView<'a> {
    key: &'a str,
    prompt: &'a str,
    values: Vec<&'a str>,
    default: &'a str,
}

/// `--questions`: every fact the tree asks, its values and its default.
fn questions(tree: &DecisionTree, format: RecommendFormat, ctx: &Context) -> String {
    let views: Vec<QuestionView> = tree
        .keys()
        .into_iter()
        .filter_map(|key| {
            let first = tree.questions_for(key).next()?;
            let mut values = walk::values_of(tree, key);
            values.push(walk::UNKNOWN);
            Some(QuestionView {
                key,
                prompt: &first.prompt,
                values,
                default: &first.default,
            })
        })
        .collect();
    if format == RecommendFormat::Json {
        return crate::render::sanitize::to_json(&views);
    }
    if format == RecommendFormat::Markdown {
        let mut md = format!(
            "# Questions of `{}`\n\n| key | question | values | default |\n|---|---|---|---|\n",
            tree.id
        );
        for v in &views {
            md.push_str(&format!(
                "| `{}` | {} | {} | `{}` |\n",
                v.key,
                v.prompt.replace('|', "\\|"),
                v.values
                    .iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                v.default
            ));
        }
        return crate::render::sanitize::clean(&md).into_owned();
    }
    let mut out = crate::render::Out::new(ctx.term);
    out.line(&format!(
        "Questions of `{}` (answer with --answer KEY=VALUE; every key also takes `unknown`):",
        tree.id
    ));
    for v in &views {
        out.newline()
            .paint(crate::render::Paint::Bold, v.key)
            .text("  ")
            .line(&v.prompt.replace('\n', " "));
        let values: Vec<String> = v
            .values
            .iter()
            .map(|x| {
                if *x == v.default {
                    format!("{x} (default)")
                } else {
                    (*x).to_owned()
                }
            })
            .collect();
        out.line(&format!("  {}", values.join(" | ")));
    }
    out.into_string()
}

/// Recommends from answers alone (no prompts; unanswered questions take
/// their defaults): the in-process form used by tests, benches and `site`.
pub fn recommend_from(catalog: &Catalog, answers: &Answers) -> Result<Recommendation, Error> {
    let tree = find_tree(catalog, "architecture")?;
    walk::check_answers(tree, answers)?;
    let walked = walk::walk(tree, answers, None)?;
    Ok(engine::recommend(catalog, tree, walked))
}
