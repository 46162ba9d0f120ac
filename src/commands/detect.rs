//! `archsel detect`: classifies a real system from its deployment files on the
//! four MECE dimensions, names the nearest catalog patterns and, with
//! `--against ADR.md`, reports where the system has drifted from the recorded
//! decision. A thin front end of the `archsel-detect` crate: collect the files,
//! take the pattern points from the loaded catalog, classify, render, exit
//! (0 classified and no drift, 1 drift, 2 nothing found or nothing to
//! classify / bad ADR / I/O).

use crate::catalog::span::SrcSpan;
use crate::catalog::{Catalog, SourceFile};
use crate::commands::lint::format::{self, Report};
use crate::diagnostics::{Finding, Rule, Severity};
use crate::render::sanitize::{clean, to_json};
use crate::{Context, Error};
use archsel_detect::{Decision, Detection, PatternPoint};
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DetectFormat {
    /// The classification with its evidence, then any drift findings
    Text,
    /// The detection (and the drift findings with --against) as JSON
    Json,
    /// Drift findings as a SARIF 2.1.0 log (for code scanning)
    Sarif,
    /// Drift findings as GitHub Actions annotations
    Github,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 classified (with --against: no drift), 1 drift from the \
recorded decision, 2 no deployment file found or nothing to classify (a Helm chart or a \
kustomize overlay to render first), an unreadable ADR or an I/O error.\n\n\
Examples:\n  archsel detect .\n  helm template ./chart | archsel detect -\n  \
archsel detect deploy/ --against docs/decisions/0001-architecture.md --format github"
)]
pub struct DetectArgs {
    /// Files or directories holding deployment files (directories are
    /// searched recursively); `-` reads standard input (kustomize or
    /// `helm template` output). Default: the current directory
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Check the system against the decision an ADR records in its front
    /// matter (written by `archsel recommend --adr`); drift exits 1
    #[arg(long, value_name = "ADR.md")]
    pub against: Option<PathBuf>,

    /// Output format (sarif and github print the drift findings only)
    #[arg(long, value_enum, default_value_t = DetectFormat::Text)]
    pub format: DetectFormat,
}

/// Drift findings as rules of the lint formats (SARIF describes them).
static DRIFT_RULES: [&Rule; 5] = [
    &Rule {
        id: "drift-infra",
        severity: Severity::Error,
        summary: "the infrastructure location differs from the recorded decision",
        explanation: "The deployment files place the data services elsewhere than the ADR decided (for example managed services where the decision says self-run).",
    },
    &Rule {
        id: "drift-granularity",
        severity: Severity::Error,
        summary: "the service granularity differs from the recorded decision",
        explanation: "The system is split into more or fewer deployable units than the ADR decided (for example fourteen services where the decision says one modular unit).",
    },
    &Rule {
        id: "drift-network",
        severity: Severity::Error,
        summary: "the network topology differs from the recorded decision",
        explanation: "The services are connected differently from the ADR's decision (for example through a broker or a mesh where the decision says layered networks).",
    },
    &Rule {
        id: "drift-deploy",
        severity: Severity::Error,
        summary: "the deployment model differs from the recorded decision",
        explanation: "The system is deployed differently from the ADR's decision (for example orchestrated by Kubernetes where the decision says a single host).",
    },
    &Rule {
        id: "drift-pattern",
        severity: Severity::Error,
        summary: "the system no longer looks like the recorded pattern",
        explanation: "Another whole architecture fits the deployment files better than the one the ADR records; the dimension findings say what changed.",
    },
];

pub fn run(ctx: &Context, args: &DetectArgs) -> Result<u8, Error> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        return Err(Error::usage(
            "`-` reads deployment files from standard input, which is a terminal",
            Some("pipe them in: `helm template ./chart | archsel detect -` or `kustomize build | archsel detect -`".into()),
        ));
    }
    // The decision first: a bad ADR is reported before any work.
    let decision = args.against.as_deref().map(read_adr).transpose()?;
    let points = pattern_points(ctx.catalog()?);
    let collected = archsel_detect::collect(&args.paths).map_err(detect_error)?;
    let detection = collected.detect(&points);
    let looked_in = if args.paths.is_empty() {
        ".".to_string()
    } else {
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    detection.check_found(&looked_in).map_err(detect_error)?;
    let findings = decision
        .as_ref()
        .map(|(_, d)| archsel_detect::drift(&detection, d))
        .unwrap_or_default();

    let (sources, lint_findings) = as_lint_findings(&findings, &collected.inputs);
    let report = Report {
        findings: &lint_findings,
        sources: &sources,
        files_checked: detection.sources.len(),
    };
    let text = match args.format {
        DetectFormat::Json => to_json(&JsonView {
            detection: &detection,
            against: decision.as_ref().map(|(path, d)| Against {
                adr: path.display().to_string(),
                decision: d,
                drift: !findings.is_empty(),
                findings: &findings,
            }),
        }),
        DetectFormat::Sarif => {
            format::renderer_for(format::Format::Sarif, ctx.term, &DRIFT_RULES).render(&report)
        }
        DetectFormat::Github => {
            format::renderer_for(format::Format::Github, ctx.term, &DRIFT_RULES).render(&report)
        }
        DetectFormat::Text => {
            let mut text = render_text(&detection);
            if let Some((path, d)) = &decision {
                text.push_str(&against_header(path, d, findings.len()));
                if !findings.is_empty() {
                    let human = format::renderer_for(format::Format::Text, ctx.term, &DRIFT_RULES);
                    text.push_str(&human.render(&report));
                }
            }
            clean(&text).into_owned()
        }
    };
    match args.format {
        DetectFormat::Json | DetectFormat::Sarif => ctx.print_json(&text)?,
        _ => ctx.print(&text)?,
    }
    Ok(u8::from(!findings.is_empty()))
}

/// Every pattern of the loaded catalog (user catalogs included) as a point:
/// whole architectures and parts alike, with their resolved dimensions (a
/// variant's are its parent's unless it sets its own). Parts sharing a
/// whole architecture's point rank after it; drift compares the decision with
/// whole architectures only.
fn pattern_points(catalog: &Catalog) -> Vec<PatternPoint> {
    catalog
        .patterns
        .iter()
        .map(|p| PatternPoint {
            id: p.id.clone(),
            architecture: p.is_architecture(),
            infra: p.dimensions.infra.clone(),
            granularity: p.dimensions.granularity.clone(),
            network: p.dimensions.network.clone(),
            deploy: p.dimensions.deploy.clone(),
        })
        .collect()
}

/// Largest ADR read (a decision record is a page of text).
const MAX_ADR_SIZE: u64 = 1 << 20;

fn read_adr(path: &Path) -> Result<(PathBuf, Decision), Error> {
    let shown = path.display().to_string();
    let io = |reason: String| Error::Io {
        action: "read",
        path: shown.clone(),
        reason,
        help: Some("--against takes the ADR that `archsel recommend --adr FILE` wrote".into()),
    };
    let file = std::fs::File::open(path).map_err(|e| io(crate::catalog::source::io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_ADR_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(crate::catalog::source::io_reason(&e)))?;
    if bytes.len() as u64 > MAX_ADR_SIZE {
        return Err(io(format!("larger than {} KiB", MAX_ADR_SIZE >> 10)));
    }
    let text = String::from_utf8(bytes).map_err(|_| io("not UTF-8 text".into()))?;
    let decision = archsel_detect::read_decision(&text).map_err(|e| match e {
        archsel_detect::Error::Decision { message, .. } => Error::usage(
            format!("{shown}: {message}"),
            Some("write the decision with `archsel recommend --adr FILE`, or add its `archsel:` block (pattern, dimensions) to the front matter".into()),
        ),
        other => detect_error(other),
    })?;
    Ok((path.to_path_buf(), decision))
}

fn detect_error(e: archsel_detect::Error) -> Error {
    match e {
        archsel_detect::Error::Io { path, source } => Error::Io {
            action: "read",
            path,
            reason: crate::catalog::source::io_reason(&source),
            help: None,
        },
        archsel_detect::Error::NothingFound {
            looked_in,
            looked_for,
        } => Error::usage(
            format!("no deployment file found in {looked_in}"),
            Some(format!(
                "archsel detect looked for {looked_for}; give the directory or files that hold them"
            )),
        ),
        archsel_detect::Error::NothingToClassify {
            looked_in,
            found,
            render,
        } => Error::usage(
            format!("nothing to classify in {looked_in}: {found}"),
            Some(if render.is_empty() {
                "give the files that declare the workloads, services and data stores".into()
            } else {
                format!("render them first: `{}`", render.join("`; `"))
            }),
        ),
        archsel_detect::Error::Decision { path, message } => {
            Error::usage(format!("{path}: {message}"), None)
        }
    }
}

/// Drift findings in the lint model, with the evidence line as the span so
/// that the human format draws its code frame.
fn as_lint_findings(
    findings: &[archsel_detect::Finding],
    inputs: &[archsel_detect::Input],
) -> (Vec<SourceFile>, Vec<Finding>) {
    let mut sources: Vec<SourceFile> = Vec::new();
    let mut out = Vec::new();
    for f in findings {
        let mut source = None;
        let mut span = SrcSpan::default();
        if !f.file.is_empty() {
            let index = match sources.iter().position(|s| s.name == f.file) {
                Some(i) => i,
                None => {
                    let text = inputs
                        .iter()
                        .find(|i| i.path == f.file)
                        .map(|i| String::from_utf8_lossy(&i.text).into_owned())
                        .unwrap_or_default();
                    sources.push(SourceFile::user(f.file.clone(), text));
                    sources.len() - 1
                }
            };
            source = Some(index);
            let text = sources[index].contents();
            let line = f.line.max(1);
            let start: usize = text
                .split_inclusive('\n')
                .take(line as usize - 1)
                .map(str::len)
                .sum();
            let len = text[start.min(text.len())..]
                .split('\n')
                .next()
                .map_or(0, |l| l.trim_end_matches('\r').len());
            span = SrcSpan {
                offset: u32::try_from(start).unwrap_or(0),
                len: u32::try_from(len).unwrap_or(0),
                line,
                column: 1,
            };
        }
        let rule = DRIFT_RULES
            .iter()
            .find(|r| r.id == f.rule)
            .map_or(f.rule, |r| r.id);
        // The lint formats (SARIF, GitHub) have a file and a line only: the
        // template a document of standard input came from goes in the message.
        let message = match &f.rendered_from {
            Some(t) => format!("{} (rendered from {t})", f.message),
            None => f.message.clone(),
        };
        out.push(Finding {
            rule,
            severity: Severity::Error,
            message,
            source,
            span,
            label: Some("evidence".into()),
            help: Some(f.help.clone()),
        });
    }
    (sources, out)
}

#[derive(Serialize)]
struct JsonView<'a> {
    #[serde(flatten)]
    detection: &'a Detection,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<Against<'a>>,
}

#[derive(Serialize)]
struct Against<'a> {
    adr: String,
    decision: &'a Decision,
    drift: bool,
    findings: &'a [archsel_detect::Finding],
}

fn against_header(path: &Path, d: &Decision, n: usize) -> String {
    let dims: Vec<String> = archsel_detect::DIMENSIONS
        .iter()
        .filter_map(|k| d.dimensions.get(*k).map(|v| format!("{k}={v}")))
        .collect();
    let verdict = match n {
        0 => "no drift: the system matches the recorded decision".to_string(),
        1 => "1 drift finding".to_string(),
        n => format!("{n} drift findings"),
    };
    format!(
        "\nagainst {}: recorded `{}` ({})\n{verdict}\n",
        path.display(),
        d.pattern,
        dims.join(" ")
    )
}

/// The text report: each dimension with its evidence and what pointed
/// elsewhere, the nearest whole architectures, the parts whose markers were
/// seen, the components, the files and how they were used.
fn render_text(d: &Detection) -> String {
    let mut o = String::new();
    let decide: Vec<&str> = d
        .sources
        .iter()
        .filter(|s| s.role == "decides")
        .map(|s| s.name.as_str())
        .collect();
    let _ = writeln!(
        o,
        "classified from {} file(s); deciding: {}",
        d.sources.len(),
        dedup(&decide).join(", ")
    );
    let reported: Vec<&str> = d
        .sources
        .iter()
        .filter(|s| s.role != "decides")
        .map(|s| s.name.as_str())
        .collect();
    if !reported.is_empty() {
        let _ = writeln!(
            o,
            "reported beside them, not deciding: {}",
            dedup(&reported).join(", ")
        );
    }
    o.push('\n');
    for dim in archsel_detect::DIMENSIONS {
        let Some(r) = d.dimensions.get(dim) else {
            continue;
        };
        let value = r.value.as_deref().unwrap_or("unknown");
        let flag = match (r.value.is_some(), r.thin, r.mixed) {
            (false, ..) => " (no evidence)",
            (true, true, _) => " (thin evidence)",
            (true, false, true) => " (mixed evidence)",
            _ => "",
        };
        let _ = writeln!(
            o,
            "{dim:<12} {:<24} confidence {:.2}",
            format!("{value}{flag}"),
            r.confidence
        );
        for e in r.evidence.iter().take(3) {
            let _ = writeln!(o, "    {}  {}", e.at(), e.note);
        }
        if r.evidence.len() > 3 {
            let _ = writeln!(o, "    … {} more (--format json)", r.evidence.len() - 3);
        }
        for alt in &r.elsewhere {
            let at = alt
                .evidence
                .first()
                .map(|e| format!(": {}  {}", e.at(), e.note))
                .unwrap_or_default();
            let _ = writeln!(o, "    elsewhere {} (weight {}){at}", alt.value, alt.weight);
        }
    }
    let _ = writeln!(o, "\nnearest whole architectures:");
    for p in d.patterns.iter().filter(|p| p.architecture).take(3) {
        let _ = writeln!(
            o,
            "    {:<28} {:.3}  {}",
            p.id,
            p.similarity,
            p.reasons.join("; ")
        );
    }
    let parts: Vec<String> = d
        .patterns
        .iter()
        .filter(|p| !p.architecture && p.reasons.iter().any(|r| r.starts_with("expected")))
        .map(|p| format!("{} ({:.3})", p.id, p.similarity))
        .collect();
    if !parts.is_empty() {
        let _ = writeln!(o, "parts whose markers were seen: {}", parts.join(", "));
    }
    if !d.components.is_empty() {
        let _ = writeln!(o, "\ncomponents:");
        for c in &d.components {
            let _ = writeln!(
                o,
                "    {:<16} {:<30} {:<24} {}",
                c.kind,
                format!("{}{}", c.name, if c.managed { " (managed)" } else { "" }),
                c.unit,
                c.evidence.at()
            );
        }
    }
    if d.views.len() > 1 {
        let _ = writeln!(o, "\neach kind of file alone:");
        for v in &d.views {
            let dims: Vec<String> = v
                .dimensions
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_deref().unwrap_or("?")))
                .collect();
            let role = if v.decides { "decides" } else { "reported" };
            let _ = writeln!(o, "    {:<14} {role:<9} {}", v.source, dims.join(" "));
        }
    }
    let _ = writeln!(o, "\nconfidence {:.2}", d.confidence);
    for u in &d.uncertainty {
        let _ = writeln!(o, "note: {u}");
    }
    for p in &d.problems {
        let _ = writeln!(
            o,
            "problem: {} {}: {}",
            archsel_detect::located(&p.file, p.line.unwrap_or(1), p.rendered_from.as_deref()),
            p.what,
            p.reason
        );
    }
    if !d.ignored.is_empty() {
        let _ = writeln!(
            o,
            "ignored: {} file(s), document(s) or kind(s) that say nothing about the architecture (--format json lists them)",
            d.ignored.len()
        );
    }
    o
}

fn dedup<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for n in names {
        if !out.contains(n) {
            out.push(n);
        }
    }
    out
}
