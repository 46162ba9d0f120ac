//! Drift: the decision an ADR records (`recommend --adr` front matter) against
//! what `detect` finds. Each finding has a stable rule id.

use crate::rules::DIMENSIONS;
use crate::yaml::load_all;
use crate::{Detection, Error};
use serde::Serialize;
use std::collections::BTreeMap;

/// Stable rule ids of drift findings.
pub const RULE_IDS: [&str; 5] = [
    "drift-infra",
    "drift-granularity",
    "drift-network",
    "drift-deploy",
    "drift-pattern",
];

/// A pattern within this much similarity of the best counts as fitting as well.
const PATTERN_TOLERANCE: f64 = 0.02;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    pub pattern: String,
    pub dimensions: BTreeMap<String, String>,
    pub answers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub help: String,
    /// As [`crate::Evidence::rendered_from`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered_from: Option<String>,
}

fn err(message: impl Into<String>) -> Error {
    Error::Decision {
        path: "ADR".into(),
        message: message.into(),
    }
}

/// Reads the `archsel:` block of an ADR's YAML front matter.
pub fn read_decision(adr_markdown: &str) -> Result<Decision, Error> {
    let text = adr_markdown
        .strip_prefix('\u{feff}')
        .unwrap_or(adr_markdown);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return Err(err(
            "no YAML front matter (the file must start with `---`); write the ADR with `archsel recommend --adr FILE`",
        ));
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut end = None;
    let mut off = start;
    for l in lines {
        if matches!(l.trim_end(), "---" | "...") {
            end = Some(off);
            break;
        }
        off += l.len();
    }
    let end = end.ok_or_else(|| err("front matter is not closed by a `---` line"))?;
    let (docs, e) = load_all(&text[start..end]);
    if let Some(e) = e {
        return Err(err(format!(
            "front matter line {}: {}",
            e.line + 1,
            e.message
        )));
    }
    let a = docs.first().and_then(|d| d.get("archsel")).ok_or_else(|| {
        err("front matter has no `archsel:` block; it is written by `archsel recommend --adr`")
    })?;
    let pattern = a
        .get_str("pattern")
        .ok_or_else(|| err("`archsel.pattern` is missing"))?
        .to_string();
    let mut dimensions = BTreeMap::new();
    for (k, _, v) in a
        .get("dimensions")
        .map(|d| d.entries().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if let Some(s) = v.str() {
            dimensions.insert(k.to_string(), s.to_string());
        }
    }
    let mut answers = BTreeMap::new();
    for (k, _, v) in a
        .get("answers")
        .map(|d| d.entries().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if let Some(s) = v.str() {
            answers.insert(k.to_string(), s.to_string());
        }
    }
    Ok(Decision {
        pattern,
        dimensions,
        answers,
    })
}

/// Findings where the system differs from the recorded decision. A dimension
/// drifts when its detected value differs and its evidence is neither thin nor
/// mixed; the pattern drifts when the recorded one is not among the detected
/// patterns that fit as well as the best (within 0.02), and at least two
/// dimensions are firmly known.
pub fn drift(d: &Detection, decision: &Decision) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut firm = 0;
    let fallback = d.sources.iter().find(|s| s.role == "decides");
    for (i, dim) in DIMENSIONS.iter().enumerate() {
        let Some(r) = d.dimensions.get(dim) else {
            continue;
        };
        let Some(v) = r.value.as_deref() else {
            continue;
        };
        if r.thin || r.mixed {
            continue;
        }
        firm += 1;
        let Some(want) = decision.dimensions.get(*dim) else {
            continue;
        };
        if v != want {
            let (file, line, rendered_from) = r
                .evidence
                .first()
                .map(|e| (e.file.clone(), e.line, e.rendered_from.clone()))
                .or_else(|| fallback.map(|s| (s.file.clone(), 1, None)))
                .unwrap_or_default();
            let why = r
                .evidence
                .first()
                .map(|e| format!(" ({})", e.note))
                .unwrap_or_default();
            out.push(Finding {
                rule: RULE_IDS[i],
                message: format!("{dim} is `{v}` but the decision records `{want}`{why}"),
                file,
                line,
                help: format!(
                    "bring the system back to {dim} = {want}, or record the new decision (archsel recommend --adr) if the change is intended"
                ),
                rendered_from,
            });
        }
    }
    // The decision records a whole architecture: compare it with those (all
    // patterns when the catalog marks none).
    let any_whole = d.patterns.iter().any(|p| p.architecture);
    let candidates: Vec<_> = d
        .patterns
        .iter()
        .filter(|p| p.architecture || !any_whole)
        .collect();
    if firm >= 2
        && let Some(best) = candidates.first()
    {
        // within the tolerance, and not ranked after the best for want of
        // its defining markers
        let fits = candidates.iter().any(|p| {
            p.id == decision.pattern
                && p.similarity + PATTERN_TOLERANCE >= best.similarity
                && (best.markers_absent || !p.markers_absent)
        });
        if !fits {
            let (file, line) = fallback.map(|s| (s.file.clone(), 1)).unwrap_or_default();
            let recorded = d
                .patterns
                .iter()
                .find(|p| p.id == decision.pattern)
                .map(|p| {
                    let why = if p.markers_absent {
                        ", none of its markers seen"
                    } else {
                        ""
                    };
                    format!("{}{why}", p.similarity)
                });
            out.push(Finding {
                    rule: "drift-pattern",
                    message: format!(
                        "the system looks like `{}` ({}), not the recorded `{}`{}",
                        best.id,
                        best.similarity,
                        decision.pattern,
                        recorded.map(|s| format!(" ({s})")).unwrap_or_else(|| " (not in the catalog)".into())
                    ),
                    file,
                    line,
                    help: "see the dimension findings for what changed; record a new decision if the change is intended".into(),
                    rendered_from: None,
                });
        }
    }
    out
}
