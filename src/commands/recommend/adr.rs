//! The Architecture Decision Record, MADR 4: YAML front matter (status,
//! date, decision-makers, and the decision as data under `archsel:` for
//! `detect --against`), context (the answers), decision drivers, considered
//! options (the recommendation and the genuine alternatives), the outcome
//! with the blueprint, consequences beyond the pros, confirmation, and the
//! options' pros and cons.

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use crate::engine::Recommendation;
use crate::engine::walk::Source;
use crate::render::sanitize::clean;

/// Today as YYYY-MM-DD (UTC), or the day of `SOURCE_DATE_EPOCH` when set, so
/// that records can be reproduced.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    civil_date(seconds.div_euclid(86_400))
}

/// Days since 1970-01-01 → YYYY-MM-DD (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A YAML scalar, quoted when plain style could be misread.
fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !matches!(
            text,
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The pros and cons of one option, MADR 4 style.
fn pros_and_cons(
    line: &mut impl FnMut(&str),
    catalog: &Catalog,
    id: &str,
    condition: Option<&str>,
) {
    let Some(p) = catalog.pattern(id) else {
        return;
    };
    line("");
    line(&format!("### {} (`{id}`)", p.name));
    line("");
    line(&clean_paragraph(&crate::engine::first_sentence(
        &p.body().summary,
    )));
    if let Some(condition) = condition {
        line("");
        line(&format!(
            "The tree leads here if `{}`.",
            condition.replace(" or ", "` or `")
        ));
    }
    line("");
    for pro in p.body().pros.iter().take(3) {
        line(&format!("* Good, because {}", lower_first(pro)));
    }
    for con in p.body().cons.iter().take(3) {
        line(&format!("* Bad, because {}", lower_first(con)));
    }
}

/// The record: MADR 4 sections under YAML front matter that carries the
/// decision as data (`archsel:`), which `archsel detect --against` reads.
pub fn render(catalog: &Catalog, tree: &DecisionTree, rec: &Recommendation, date: &str) -> String {
    let chosen = &rec.recommendation;
    let mut md = String::new();
    let mut line = |text: &str| {
        md.push_str(&clean(text));
        md.push('\n');
    };
    line("---");
    line("status: proposed");
    line(&format!("date: {date}"));
    line("decision-makers: []");
    line("archsel:");
    line("  version: 1");
    line(&format!("  tree: {}", yaml_scalar(&tree.id)));
    line(&format!("  pattern: {}", yaml_scalar(&chosen.id)));
    line("  dimensions:");
    for (dim, c) in &rec.blueprint.dimensions {
        line(&format!("    {dim}: {}", yaml_scalar(&c.value)));
    }
    let answers: Vec<_> = rec.answers().collect();
    line("  answers:");
    for s in &answers {
        line(&format!(
            "    {}: {}",
            yaml_scalar(&s.key),
            yaml_scalar(&s.answer)
        ));
    }
    line("---");
    line("");
    line(&format!(
        "# Use {} as the system's architecture",
        chosen.name
    ));
    line("");
    line("## Context and Problem Statement");
    line("");
    line(
        "Which whole architecture fits this team and workload, and what should it be built with? The facts this decision rests on:",
    );
    line("");
    for step in &answers {
        let prompt = tree
            .question(&step.question)
            .map_or(&*step.key, |q| &*q.prompt);
        let label = tree
            .question(&step.question)
            .and_then(|q| q.choice(&step.answer))
            .map_or(&*step.answer, |c| &*c.label);
        let how = match step.source {
            Source::Assumed => " *(assumed: the default; confirm it)*",
            Source::Implied => " *(implied by another answer)*",
            Source::Unasked => " *(evidence only: no question on the path asks it)*",
            _ => "",
        };
        line(&format!(
            "* {prompt} **{label}** (`{}={}`){how}",
            step.key, step.answer
        ));
    }
    line("");
    line("## Decision Drivers");
    line("");
    let mut drivers: Vec<String> = Vec::new();
    if let Some(top) = rec.ranking.iter().find(|s| s.id == chosen.id) {
        for reason in top
            .reasons
            .iter()
            .filter(|r| r.points > 0.0 && !r.answers.is_empty())
        {
            if !drivers.contains(&reason.text) {
                drivers.push(reason.text.clone());
            }
        }
    }
    for d in drivers.iter().take(5) {
        line(&format!("* {d}"));
    }
    for d in &rec.departures {
        line(&format!("* {d}"));
    }
    line("");
    line("## Considered Options");
    line("");
    line(&format!("* {} (`{}`)", chosen.name, chosen.id));
    for a in &rec.alternatives {
        line(&format!("* {} (`{}`)", a.name, a.id));
    }
    line("");
    line("## Decision Outcome");
    line("");
    line(&format!(
        "Chosen option: \"{}\", because the decision tree leads to it from the facts above ({}; {}).",
        chosen.name,
        super::report::confidence_word(chosen.confidence),
        rec.confidence_meaning
            .split_once(':')
            .map_or("", |(_, rest)| rest.trim())
            .split(';')
            .next()
            .unwrap_or("")
    ));
    if let Some(note) = &rec.ranking_note {
        line("");
        line(&format!("Note: {note}"));
    }
    line("");
    line("The blueprint:");
    line("");
    let b = &rec.blueprint;
    for (dim, c) in &b.dimensions {
        line(&format!(
            "* {dim}: `{}` ({})",
            c.value,
            c.reasons.join("; ")
        ));
    }
    for (name, slot) in [
        ("Code structure", &b.structure),
        ("Platform", &b.platform),
        ("Application", &b.application),
    ] {
        if let Some(p) = slot {
            line(&format!(
                "* {name}: {} (`{}`): {}",
                p.name,
                p.id,
                p.reasons.join("; ")
            ));
        }
    }
    for c in &b.complements {
        line(&format!(
            "* Combine with {} (`{}`): {}",
            c.name,
            c.id,
            c.reasons.join("; ")
        ));
    }
    line("");
    line("### Consequences");
    line("");
    // What the choice brings beyond its pros (those are listed below):
    // the parts to build and the costs to plan for.
    for c in b.complements.iter().take(4) {
        line(&format!(
            "* Good, because {} is planned from the start: {}",
            c.name,
            c.reasons.first().map_or("", |r| r.as_str())
        ));
    }
    if let Some(p) = catalog.pattern(&chosen.id) {
        for con in p.body().cons.iter().take(3) {
            line(&format!("* Bad, because {}", lower_first(con)));
        }
    }
    if !rec.what_would_change.is_empty() {
        line("");
        line("### Confirmation");
        line("");
        line(
            "Check the system against this record with `archsel detect --against` this file. Revisit the decision if one of these facts changes:",
        );
        line("");
        for t in rec.what_would_change.iter().take(8) {
            line(&format!(
                "* `{}` becomes `{}` (now `{}`): {}",
                t.key, t.to, t.from, t.leads_to
            ));
        }
    }
    line("");
    line("## Pros and Cons of the Options");
    pros_and_cons(&mut line, catalog, &chosen.id, None);
    for a in &rec.alternatives {
        pros_and_cons(&mut line, catalog, &a.id, Some(&a.condition));
    }
    line("");
    line("## More Information");
    line("");
    line(&format!(
        "Generated by `archsel recommend` (decision tree `{}`). Pages: `archsel show {}`.",
        tree.id, chosen.id
    ));
    if let Some(p) = catalog.pattern(&chosen.id) {
        for r in p.body().references.iter() {
            line(&format!("* [{}]({})", r.title, r.url));
        }
    }
    md
}

fn clean_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Adds TLS" → "adds TLS" (but "TLS adds" and "I/O" stay).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(std::iter::once(second))
            .chain(chars)
            .collect(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_414), "2025-11-22");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
