//! `archsel lint`: checks pattern and decision-tree files and reports every
//! problem with its rule, severity and location; `--explain RULE` documents a
//! rule. Exit 0 when clean (or only findings below --fail-on), 1 otherwise.

use crate::catalog::CatalogOptions;
use crate::diagnostics::Finding;
use crate::lint::config::{self, FailOn, LintConfig};
use crate::lint::rules;
use crate::{Context, Error};
use clap::{Args, ValueEnum};
use format::{Format, Report, renderer};
use std::path::PathBuf;

pub mod format;

/// `--fail-on`'s values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
}

impl From<FailOnArg> for FailOn {
    fn from(arg: FailOnArg) -> Self {
        match arg {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to lint (directories recursively, *.yaml/*.yml);
    /// default: the default catalog and any --catalog directories
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format (default: github when GITHUB_ACTIONS=true, else text)
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Configuration file (default: archsel.toml here or in a parent directory)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Fail (exit 1) on findings of this severity or worse [default: error]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOnArg>,

    /// Explain a rule and exit (text or json)
    #[arg(long, value_name = "RULE", conflicts_with_all = ["paths", "config", "fail_on"], add = clap_complete::engine::ArgValueCandidates::new(crate::commands::completions::rules))]
    pub explain: Option<String>,

    /// List every rule and exit (text or json)
    #[arg(long, conflicts_with_all = ["paths", "explain", "config", "fail_on"])]
    pub rules: bool,
}

pub fn run(ctx: &Context, args: &LintArgs) -> Result<u8, Error> {
    if args.explain.is_some() || args.rules {
        return document_rules(ctx, args);
    }
    let config = match &args.config {
        Some(path) => config::load(path)?,
        None => match std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d))
        {
            Some(path) => config::load(&path)?,
            None => LintConfig::default(),
        },
    };
    let fail_on = args
        .fail_on
        .map(FailOn::from)
        .or(config.fail_on)
        .unwrap_or(FailOn::Error);

    // What to lint: the given paths in the context of the default catalog, or
    // (no paths) the default catalog itself plus the --catalog directories.
    let linting_default = args.paths.is_empty();
    let paths = if linting_default {
        ctx.global.catalog.clone()
    } else {
        args.paths.clone()
    };
    let options = CatalogOptions {
        paths,
        ..ctx.catalog_options()
    };
    let loaded =
        ctx.load_with(|| crate::lint::load(&options, |file| linting_default || !file.builtin));
    let findings = loaded.findings.clone();
    let mut findings = crate::without_cascades(findings);
    let linted: Vec<bool> = loaded
        .catalog
        .sources
        .iter()
        .map(|s| linting_default || !s.builtin)
        .collect();

    findings.retain(|f| {
        f.source
            .is_none_or(|s| linted.get(s).copied().unwrap_or(true))
    });
    findings = findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = config.severity(f.rule, f.severity)?;
            Some(f)
        })
        .collect();
    findings.sort_by(|a, b| {
        let file = |f: &Finding| f.source.map(|s| loaded.catalog.sources[s].name.clone());
        file(a)
            .cmp(&file(b))
            .then(a.span.line.cmp(&b.span.line))
            .then(a.span.column.cmp(&b.span.column))
            .then(a.rule.cmp(b.rule))
    });

    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Text
        }
    });
    let report = Report {
        findings: &findings,
        sources: &loaded.catalog.sources,
        files_checked: linted.iter().filter(|l| **l).count(),
    };
    let text = renderer(format, ctx.term).render(&report);
    match format {
        Format::Json | Format::Sarif => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(if findings.iter().any(|f| fail_on.fails(f.severity)) {
        1
    } else {
        0
    })
}

/// `--explain RULE` and `--rules`: the rules' documentation, as text or JSON.
fn document_rules(ctx: &Context, args: &LintArgs) -> Result<u8, Error> {
    let rule = match &args.explain {
        Some(id) => Some(rules::find(id).ok_or_else(|| {
            let ids: Vec<&str> = rules::RULES.iter().map(|r| r.id).collect();
            crate::suggest::unknown("rule", id, &ids)
        })?),
        None => None,
    };
    match (args.format.unwrap_or(Format::Text), rule) {
        (Format::Json, Some(rule)) => ctx.print_json(&crate::render::sanitize::to_json(rule))?,
        (Format::Json, None) => ctx.print_json(&crate::render::sanitize::to_json(&rules::RULES))?,
        (Format::Text, Some(rule)) => ctx.print(&explain(rule, ctx.term.width))?,
        (Format::Text, None) => {
            let mut text = String::new();
            for rule in rules::RULES {
                text.push_str(&format!(
                    "{:<28} {:<8} {}\n",
                    rule.id,
                    rule.severity.to_string(),
                    rule.summary
                ));
            }
            ctx.print(&text)?;
        }
        (other, _) => {
            return Err(Error::usage(
                format!(
                    "--explain and --rules print text or json, not {}",
                    other
                        .to_possible_value()
                        .map_or_else(String::new, |v| v.get_name().to_owned())
                ),
                Some("use --format text or --format json".into()),
            ));
        }
    }
    Ok(0)
}

/// A rule's documentation, wrapped to `width`.
fn explain(rule: &crate::diagnostics::Rule, width: usize) -> String {
    // Wrapped to the width paragraph by paragraph; lines that start with
    // spaces (examples) are kept as they are, so they stay copyable.
    let mut text = format!("{} ({})\n\n", rule.id, rule.severity);
    let summary = format!("{}.", capitalise(rule.summary));
    let paragraphs = std::iter::once(summary.as_str()).chain(rule.explanation.split("\n\n"));
    for (i, paragraph) in paragraphs.enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if paragraph.lines().any(|l| l.starts_with("  ")) {
            text.push_str(paragraph);
            text.push('\n');
            continue;
        }
        for line in crate::render::text::wrap(paragraph, width, "", "") {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
