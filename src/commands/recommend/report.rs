//! The text explanation of a recommendation: what to use and how sure, the
//! answers it rests on, the ranking with its reasons, what would change it,
//! and what to combine it with, grow into and watch out for.

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use crate::engine::walk::Source;
use crate::engine::{Confidence, Recommendation, Related};
use crate::render::text::{pad, width, wrap};
use crate::render::{Out, Paint, Term};

fn heading(out: &mut Out, text: &str) {
    out.newline().paint(Paint::Heading, text).newline();
}

fn name_of<'a>(catalog: &'a Catalog, id: &'a str) -> &'a str {
    catalog.pattern(id).map_or(id, |p| &*p.name)
}

fn points(x: f64) -> String {
    format!("{x:+.1}")
}

pub fn render(
    catalog: &Catalog,
    tree: &DecisionTree,
    rec: &Recommendation,
    term: Term,
    top: usize,
) -> String {
    let mut out = Out::new(term);
    let w = term.width;
    let r = &rec.recommendation;
    out.paint(Paint::Heading, "RECOMMENDATION").newline();
    out.text("  ")
        .paint(Paint::Bold, &format!("{} ({})", r.name, r.id));
    let confidence = match rec.confidence {
        Confidence::High => "high confidence",
        Confidence::Medium => "medium confidence",
        Confidence::Low => "low confidence",
    };
    out.text(" · ").paint(Paint::Accent, confidence).newline();
    let mut summary = Vec::new();
    if let Some(runner) = &rec.runner_up {
        summary.push(if runner.margin >= 0.0 {
            format!(
                "{} points ahead of the runner-up, {} ({}).",
                format_points(runner.margin),
                runner.name,
                runner.id
            )
        } else {
            format!(
                "{} ({}) scores {} points higher on your answers.",
                runner.name,
                runner.id,
                format_points(-runner.margin)
            )
        });
    }
    if let Some(top) = &rec.top_scored {
        summary.push(format!(
            "The decision tree leads to {}, but on the weights of your answers {} scores best: {}. Read both pages before choosing.",
            r.name,
            top.name,
            disagreement(rec, &top.id)
        ));
    }
    if let Some(pattern) = catalog.pattern(&r.id) {
        summary.push(first_sentence(&pattern.body().summary));
    }
    for paragraph in summary {
        for line in wrap(&paragraph, w, "  ", "  ") {
            out.line(&line);
        }
    }

    heading(&mut out, "YOUR ANSWERS");
    let answers = || rec.path.iter().chain(&rec.unasked);
    let key_width = answers().map(|s| width(&s.key)).max().unwrap_or(0) + 2;
    let value_width = answers().map(|s| width(&s.answer)).max().unwrap_or(0) + 2;
    for step in answers() {
        let source = match step.source {
            Source::Given => "given",
            Source::Asked => "answered",
            Source::Repeated => "answered earlier",
            Source::Assumed => "assumed (default)",
            Source::Unasked => "given, not asked on this path: counted in the ranking",
        };
        out.text("  ")
            .paint(Paint::Bold, &pad(&step.key, key_width))
            .text(&pad(&step.answer, value_width));
        let paint = if step.source == Source::Assumed {
            Paint::Warn
        } else {
            Paint::Dim
        };
        out.paint(paint, source).newline();
    }
    if rec.path.iter().any(|s| s.source == Source::Assumed) {
        for line in wrap(
            "Assumed answers are the defaults; give yours with --answer KEY=VALUE (see --questions).",
            w,
            "  ",
            "  ",
        ) {
            out.paint(Paint::Dim, &line).newline();
        }
    }
    out.line(&format!("  → the `{}` tree recommends {}", tree.id, r.id));

    let candidates: Vec<_> = rec.ranking.iter().filter(|s| s.candidate).collect();
    heading(
        &mut out,
        &format!(
            "RANKING (top {} of {} architectures)",
            top.min(candidates.len()),
            candidates.len()
        ),
    );
    let id_width = candidates
        .iter()
        .take(top)
        .map(|s| width(&s.id))
        .max()
        .unwrap_or(0)
        + 2;
    for (i, scored) in candidates.iter().take(top).enumerate() {
        let mark = if scored.id == r.id {
            "  ← recommended"
        } else {
            ""
        };
        out.text(&format!("  {:>2}. ", i + 1))
            .paint(Paint::Bold, &pad(&scored.id, id_width))
            .text(&format!("{:>6}", format!("{:.1}", scored.score)))
            .paint(Paint::Accent, mark)
            .newline();
        let best: Vec<String> = scored
            .reasons
            .iter()
            .filter(|x| x.points > 0.0)
            .take(2)
            .map(|x| format!("{} {}", points(x.points), x.text))
            .collect();
        let worst: Vec<String> = scored
            .reasons
            .iter()
            .filter(|x| x.points < 0.0)
            .take(1)
            .map(|x| format!("{} {}", points(x.points), x.text))
            .collect();
        for reason in best.iter().chain(&worst) {
            for line in wrap(reason, w, "        ", "          ") {
                out.paint(Paint::Dim, &line).newline();
            }
        }
    }
    out.paint(Paint::Dim, "  Every reason and score: --format json")
        .newline();

    if !rec.tipping_points.is_empty() {
        heading(&mut out, "WHAT WOULD CHANGE IT");
        for t in &rec.tipping_points {
            let line = format!(
                "{}={} instead of {} → {} ({})",
                t.key,
                t.to,
                t.from,
                t.leads_to,
                name_of(catalog, &t.leads_to)
            );
            for l in wrap(&line, w, "  ", "    ") {
                out.line(&l);
            }
        }
    }
    related(&mut out, "COMBINE WITH", &rec.combine_with, w);
    related(
        &mut out,
        "NEXT STEP WHEN YOU OUTGROW IT",
        &rec.next_steps,
        w,
    );
    if !rec.cons_to_watch.is_empty() {
        heading(&mut out, "WATCH OUT FOR");
        let bullet = if term.unicode { "  • " } else { "  * " };
        for con in &rec.cons_to_watch {
            for l in wrap(con, w, bullet, "    ") {
                out.line(&l);
            }
        }
    }
    out.newline()
        .paint(Paint::Dim, &format!("Details: archsel show {}", r.id))
        .newline();
    out.into_string()
}

/// The first sentence of a paragraph (the page has the rest).
fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

fn format_points(x: f64) -> String {
    format!("{x:.1}")
}

fn related(out: &mut Out, title: &str, list: &[Related], w: usize) {
    if list.is_empty() {
        return;
    }
    heading(out, title);
    for r in list {
        let line = match &r.note {
            Some(note) => format!("{} ({}): {note}", r.id, r.name),
            None => format!("{} ({})", r.id, r.name),
        };
        for l in wrap(&line, w, "  ", "    ") {
            out.line(&l);
        }
    }
}

/// Why the best-scored pattern beats the tree's leaf: the criteria where the
/// difference in points is largest.
fn disagreement(rec: &Recommendation, top: &str) -> String {
    let find = |id: &str| rec.ranking.iter().find(|s| s.id == id);
    let (Some(leaf), Some(best)) = (find(&rec.recommendation.id), find(top)) else {
        return String::new();
    };
    let points_for = |scored: &crate::engine::score::Scored, criterion: &str| {
        scored
            .reasons
            .iter()
            .filter(|x| x.criterion.as_deref() == Some(criterion))
            .map(|x| x.points)
            .sum::<f64>()
    };
    let mut criteria: Vec<&str> = best
        .reasons
        .iter()
        .filter_map(|x| x.criterion.as_deref())
        .collect();
    criteria.dedup();
    let mut gains: Vec<(f64, &str)> = criteria
        .iter()
        .map(|c| (points_for(best, c) - points_for(leaf, c), *c))
        .collect();
    gains.sort_by(|a, b| b.0.total_cmp(&a.0));
    let named: Vec<String> = gains
        .iter()
        .filter(|(g, _)| *g > 0.0)
        .take(3)
        .map(|(g, c)| format!("{} ({})", c.replace('-', " "), points(*g)))
        .collect();
    if named.is_empty() {
        "its scores are higher overall".into()
    } else {
        format!("it does better on {}", named.join(", "))
    }
}
