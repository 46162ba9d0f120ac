//! The recommendation as Markdown, for a design document and for the static
//! site's leaf pages (which turn exactly this into HTML). `brief` keeps the
//! decision, the blueprint and the alternatives.

use crate::catalog::Catalog;
use crate::engine::Recommendation;
use crate::render::sanitize::clean;

use super::report::{confidence_word, source_word};

/// Escapes what would break a table cell or start markup.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn render(catalog: &Catalog, rec: &Recommendation, brief: bool) -> String {
    let _ = catalog;
    let r = &rec.recommendation;
    let mut md = String::new();
    let mut line = |text: &str| {
        md.push_str(text);
        md.push('\n');
    };
    line(&format!("# Recommendation: {} (`{}`)", r.name, r.id));
    line("");
    line(&format!(
        "**{}**. {}",
        capitalise(confidence_word(r.confidence)),
        r.summary
    ));
    if let Some(note) = &rec.ranking_note {
        line("");
        line(&format!("> Note: {note}"));
    }
    line("");
    line("## Blueprint");
    line("");
    line("| part | choice | why |");
    line("|---|---|---|");
    let b = &rec.blueprint;
    for (dim, c) in &b.dimensions {
        line(&format!(
            "| {dim} | `{}` | {} |",
            c.value,
            cell(&c.reasons.join("; "))
        ));
    }
    for (name, slot) in [
        ("structure", &b.structure),
        ("platform", &b.platform),
        ("application", &b.application),
    ] {
        if let Some(p) = slot {
            line(&format!(
                "| {name} | `{}` | {} |",
                p.id,
                cell(&p.reasons.join("; "))
            ));
        }
    }
    for c in &b.complements {
        line(&format!(
            "| complement | `{}` | {} |",
            c.id,
            cell(&c.reasons.join("; "))
        ));
    }
    if !rec.alternatives.is_empty() {
        line("");
        line("## Alternatives");
        line("");
        for a in &rec.alternatives {
            line(&format!(
                "- `{}` ({}) if `{}`",
                a.id,
                a.name,
                a.condition.replace(" or ", "` or `")
            ));
        }
    }
    if !brief {
        line("");
        line("## Answers");
        line("");
        line("| question | answer | source |");
        line("|---|---|---|");
        for s in rec.answers() {
            line(&format!(
                "| `{}` | `{}` | {} |",
                s.key,
                s.answer,
                source_word(s.source)
            ));
        }
        line("");
        line("## Ranking of whole architectures");
        line("");
        line("| # | architecture | score | strongest reasons |");
        line("|---|---|---|---|");
        for (i, s) in rec.ranking.iter().enumerate() {
            let reasons: Vec<String> = s
                .reasons
                .iter()
                .take(2)
                .map(|x| format!("{:+.1} {}", x.points, x.text))
                .collect();
            line(&format!(
                "| {} | `{}` | {:.1} | {} |",
                i + 1,
                s.id,
                s.score,
                cell(&reasons.join("; "))
            ));
        }
        if !rec.departures.is_empty() {
            line("");
            line("## Departures from the seed on this path");
            line("");
            for d in &rec.departures {
                line(&format!("- {d}"));
            }
        }
        line("");
        line("## Confidence");
        line("");
        line(&rec.confidence_meaning);
        if !rec.watch_out.is_empty() {
            line("");
            line("## Watch out for");
            line("");
            for c in rec.watch_out.iter().take(3) {
                line(&format!("- {c}"));
            }
        }
    }
    clean(&md).into_owned()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
