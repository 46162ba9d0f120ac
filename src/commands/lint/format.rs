//! Lint output formats, one renderer each over the same report: human (miette
//! code frames), concise (one line each), json (versioned), github (workflow
//! annotations) and sarif (SARIF 2.1.0).

use crate::catalog::SourceFile;
use crate::diagnostics::{Finding, Located, Rule, Severity};
use crate::render::Term;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames for people (`human` is an old name for it)
    #[value(alias = "human")]
    Text,
    Concise,
    Json,
    Github,
    Sarif,
}

/// Everything a lint run reports.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub sources: &'a [SourceFile],
    pub files_checked: usize,
}

impl Report<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    fn file(&self, f: &Finding) -> Option<&str> {
        f.source
            .and_then(|s| self.sources.get(s))
            .map(|s| s.name.as_str())
    }

    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{} checked: {}, {}",
            plural(self.files_checked, "file"),
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        )
    }
}

/// One renderer per format.
pub trait Render {
    fn render(&self, report: &Report) -> String;
}

pub fn renderer(format: Format, term: Term) -> Box<dyn Render> {
    renderer_for(format, term, super::rules::RULES)
}

/// The same renderers for another command's findings (`detect --against`),
/// whose SARIF log describes `rules` instead of lint's.
pub fn renderer_for(
    format: Format,
    term: Term,
    rules: &'static [&'static Rule],
) -> Box<dyn Render> {
    match format {
        Format::Text => Box::new(Human { term }),
        Format::Concise => Box::new(Concise),
        Format::Json => Box::new(Json),
        Format::Github => Box::new(Github),
        Format::Sarif => Box::new(Sarif { rules }),
    }
}

struct Human {
    term: Term,
}

impl Render for Human {
    fn render(&self, report: &Report) -> String {
        let handler = crate::commands::report_handler(self.term);
        let mut out = String::new();
        for f in report.findings {
            let _ = handler.render_report(&mut out, &Located::new(f, report.sources));
        }
        out.push_str(&report.summary());
        out.push('\n');
        out
    }
}

struct Concise;

impl Render for Concise {
    fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        for f in report.findings {
            let file = report.file(f).unwrap_or("<catalog>");
            out.push_str(&format!(
                "{file}:{}:{}: {}[{}] {}\n",
                f.span.line, f.span.column, f.severity, f.rule, f.message
            ));
        }
        out.push_str(&report.summary());
        out.push('\n');
        crate::render::sanitize::clean(&out).into_owned()
    }
}

/// The JSON form: `version` changes only when the shape does.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files_checked: usize,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    file: Option<&'a str>,
    /// 1-based; 0 when unknown.
    line: u32,
    column: u32,
    /// Byte offset and length in the file.
    offset: u32,
    length: u32,
}

struct Json;

impl Render for Json {
    fn render(&self, report: &Report) -> String {
        let findings = report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule,
                severity: f.severity,
                message: &f.message,
                help: f.help.as_deref(),
                file: report.file(f),
                line: f.span.line,
                column: f.span.column,
                offset: f.span.offset,
                length: f.span.len,
            })
            .collect();
        let json = JsonReport {
            version: 1,
            files_checked: report.files_checked,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            findings,
        };
        crate::render::sanitize::to_json(&json)
    }
}

struct Github;

/// Escapes for workflow commands (data and property values).
fn gh_escape(text: &str, property: bool) -> String {
    let mut s = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s = s.replace(':', "%3A").replace(',', "%2C");
    }
    s
}

impl Render for Github {
    fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        for f in report.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = Vec::new();
            if let Some(file) = report.file(f) {
                props.push(format!("file={}", gh_escape(file, true)));
            }
            if f.span.is_known() {
                props.push(format!("line={},col={}", f.span.line, f.span.column));
            }
            props.push(format!(
                "title={}",
                gh_escape(&format!("archsel {}", f.rule), true)
            ));
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{level} {}::{}\n",
                props.join(","),
                gh_escape(&message, false)
            ));
        }
        out.push_str(&report.summary());
        out.push('\n');
        crate::render::sanitize::clean(&out).into_owned()
    }
}

struct Sarif {
    rules: &'static [&'static Rule],
}

impl Render for Sarif {
    fn render(&self, report: &Report) -> String {
        use serde_json::json;
        let rules: Vec<_> = self
            .rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "shortDescription": { "text": r.summary },
                    "fullDescription": { "text": r.explanation },
                    "defaultConfiguration": { "level": level(r.severity) },
                })
            })
            .collect();
        let results: Vec<_> = report
            .findings
            .iter()
            .map(|f| {
                let mut result = json!({
                    "ruleId": f.rule,
                    "level": level(f.severity),
                    "message": { "text": match &f.help { Some(h) => format!("{} ({h})", f.message), None => f.message.clone() } },
                });
                if let Some(ix) = self.rules.iter().position(|r| r.id == f.rule) {
                    result["ruleIndex"] = json!(ix);
                }
                if let Some(file) = report.file(f) {
                    let mut location = json!({ "physicalLocation": { "artifactLocation": { "uri": file } } });
                    if f.span.is_known() {
                        location["physicalLocation"]["region"] = json!({
                            "startLine": f.span.line,
                            "startColumn": f.span.column.max(1),
                            "byteOffset": f.span.offset,
                            "byteLength": f.span.len,
                        });
                    }
                    result["locations"] = json!([location]);
                }
                result
            })
            .collect();
        let sarif = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "archsel",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/archsel",
                    "rules": rules,
                }},
                "results": results,
            }],
        });
        crate::render::sanitize::to_json(&sarif)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
