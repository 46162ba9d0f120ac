//! Plain renderings for the CLI: text report, GitHub workflow commands and
//! SARIF for drift findings. No colour, no terminal code.

use crate::rules::DIMENSIONS;
use crate::{Detection, Finding};
use std::fmt::Write;

/// Neutralises control characters from file contents.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

pub fn render_text(d: &Detection, findings: &[Finding]) -> String {
    let mut o = String::new();
    for dim in DIMENSIONS {
        let Some(r) = d.dimensions.get(dim) else {
            continue;
        };
        let v = r.value.as_deref().unwrap_or("unknown");
        let flag = if r.value.is_none() {
            ""
        } else if r.thin {
            " (thin evidence)"
        } else if r.mixed {
            " (mixed evidence)"
        } else {
            ""
        };
        let _ = writeln!(o, "{dim:<12} {v}{flag}  confidence {:.2}", r.confidence);
        for e in r.evidence.iter().take(4) {
            let _ = writeln!(o, "    {}:{}  {}", clean(&e.file), e.line, clean(&e.note));
        }
        for alt in &r.elsewhere {
            let _ = writeln!(o, "    elsewhere: {} (weight {})", alt.value, alt.weight);
        }
    }
    let _ = writeln!(o, "\nnearest patterns:");
    for p in d.patterns.iter().take(3) {
        let _ = writeln!(o, "    {:<28} {:.3}", p.id, p.similarity);
    }
    if !d.components.is_empty() {
        let _ = writeln!(o, "\ncomponents:");
        for c in &d.components {
            let _ = writeln!(
                o,
                "    {:<12} {:<28} {}:{}",
                c.kind,
                clean(&c.unit),
                clean(&c.evidence.file),
                c.evidence.line
            );
        }
    }
    let _ = writeln!(o, "\nsources ({} decide):", d.deciding.join(", "));
    for s in &d.sources {
        let _ = writeln!(o, "    {:<10} {:<14} {}", s.role, s.kind, clean(&s.file));
    }
    for u in &d.uncertainty {
        let _ = writeln!(o, "note: {}", clean(u));
    }
    for p in &d.problems {
        let _ = writeln!(
            o,
            "problem: {}:{} {}: {}",
            clean(&p.file),
            p.line.unwrap_or(1),
            p.what,
            clean(&p.reason)
        );
    }
    for f in findings {
        let _ = writeln!(
            o,
            "{}:{}: [{}] {}\n    help: {}",
            clean(&f.file),
            f.line,
            f.rule,
            clean(&f.message),
            clean(&f.help)
        );
    }
    o
}

/// GitHub Actions workflow commands, one per finding.
pub fn render_github(findings: &[Finding]) -> String {
    let esc = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| esc(s).replace(':', "%3A").replace(',', "%2C");
    findings
        .iter()
        .map(|f| {
            format!(
                "::error file={},line={},title={}::{}\n",
                prop(&f.file),
                f.line.max(1),
                prop(f.rule),
                esc(&f.message)
            )
        })
        .collect()
}

/// SARIF 2.1.0 log of the findings.
pub fn render_sarif(findings: &[Finding]) -> serde_json::Value {
    let rules: Vec<_> = crate::RULE_IDS
        .iter()
        .map(|id| serde_json::json!({"id": id, "shortDescription": {"text": format!("the system differs from the recorded decision ({id})")}}))
        .collect();
    let results: Vec<_> = findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "ruleId": f.rule,
                "level": "error",
                "message": {"text": format!("{} Help: {}", f.message, f.help)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file}, "region": {"startLine": f.line.max(1)}}}]
            })
        })
        .collect();
    serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "archsel", "rules": rules}}, "results": results}]
    })
}
