//! The text report of a recommendation: the decision and how sure, the
//! blueprint (dimensions, structure, platform, application, complements),
//! the alternatives, the answers it rests on, the ranking with its reasons,
//! the departures from the seed, and what to watch out for. `brief` is the
//! decision alone, in at most 25 lines.

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use crate::engine::blueprint::Part;
use crate::engine::walk::Source;
use crate::engine::{Confidence, Recommendation};
use crate::render::text::{pad, width, wrap};
use crate::render::{Out, Paint, Term};

fn heading(out: &mut Out, text: &str) {
    out.newline().paint(Paint::Heading, text).newline();
}

fn points(x: f64) -> String {
    format!("{x:+.1}")
}

pub fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high confidence",
        Confidence::Medium => "medium confidence",
        Confidence::Low => "low confidence",
    }
}

/// What the source of an answer is called in reports.
pub fn source_word(source: Source) -> &'static str {
    match source {
        Source::Given => "given",
        Source::Asked => "answered",
        Source::Repeated => "answered earlier",
        Source::Assumed => "assumed (default)",
        Source::Implied => "implied by another answer",
        Source::Unasked => "given; evidence only",
    }
}

fn paragraph(out: &mut Out, text: &str, w: usize, first: &str, rest: &str) {
    for line in wrap(text, w, first, rest) {
        out.line(&line);
    }
}

/// "id — reason; reason" for a blueprint slot.
fn part_line(p: &Part) -> String {
    format!("{} — {}", p.id, p.reasons.join("; "))
}

pub fn render(
    catalog: &Catalog,
    tree: &DecisionTree,
    rec: &Recommendation,
    term: Term,
    top: usize,
) -> String {
    let mut out = Out::new(term);
    let w = term.width.min(100);
    let r = &rec.recommendation;
    out.paint(Paint::Heading, "RECOMMENDATION").newline();
    out.text("  ")
        .paint(Paint::Bold, &format!("{} ({})", r.name, r.id))
        .text(" · ")
        .paint(Paint::Accent, confidence_word(r.confidence))
        .newline();
    if !r.summary.is_empty() {
        paragraph(&mut out, &r.summary, w, "  ", "  ");
    }
    if let Some(note) = &rec.ranking_note {
        paragraph(&mut out, &format!("Note: {note}"), w, "  ", "  ");
    }

    heading(&mut out, "BLUEPRINT");
    let b = &rec.blueprint;
    let label = 14;
    let rest = " ".repeat(label + 4);
    for dim in crate::catalog::model::DIMENSION_IDS {
        let Some(choice) = b.dimensions.get(dim) else {
            continue;
        };
        let text = format!("{} — {}", choice.value, choice.reasons.join("; "));
        paragraph(&mut out, &text, w, &format!("  {}", pad(dim, label)), &rest);
    }
    for (name, slot) in [
        ("structure", &b.structure),
        ("platform", &b.platform),
        ("application", &b.application),
    ] {
        if let Some(p) = slot {
            paragraph(
                &mut out,
                &part_line(p),
                w,
                &format!("  {}", pad(name, label)),
                &rest,
            );
        }
    }
    for (i, c) in b.complements.iter().enumerate() {
        let name = if i == 0 { "complements" } else { "" };
        paragraph(
            &mut out,
            &part_line(c),
            w,
            &format!("  {}", pad(name, label)),
            &rest,
        );
    }

    if !rec.alternatives.is_empty() {
        heading(&mut out, "ALTERNATIVES (what a changed answer leads to)");
        let shown = &rec.alternatives[..rec.alternatives.len().min(6)];
        let id_width = shown.iter().map(|a| width(&a.id)).max().unwrap_or(0) + 2;
        for a in shown {
            let text = format!("if {}", a.condition);
            paragraph(
                &mut out,
                &text,
                w,
                &format!("  {}", pad(&a.id, id_width)),
                &" ".repeat(id_width + 5),
            );
        }
    }

    heading(&mut out, "YOUR ANSWERS");
    let answers: Vec<_> = rec.answers().collect();
    let key_width = answers.iter().map(|s| width(&s.key)).max().unwrap_or(0) + 2;
    let value_width = answers.iter().map(|s| width(&s.answer)).max().unwrap_or(0) + 2;
    for step in &answers {
        out.text("  ")
            .text(&pad(&step.key, key_width))
            .text(&pad(&step.answer, value_width));
        let paint = if step.source == Source::Assumed {
            Paint::Warn
        } else {
            Paint::Dim
        };
        out.paint(paint, source_word(step.source)).newline();
    }
    if answers.iter().any(|s| s.source == Source::Assumed) {
        paragraph(
            &mut out,
            "Assumed answers are defaults: give yours with --answer KEY=VALUE (see --questions).",
            w,
            "  ",
            "  ",
        );
    }
    out.line(&format!("  → the `{}` tree leads to {}", tree.id, r.id));

    heading(
        &mut out,
        &format!(
            "RANKING (top {} of {} whole architectures)",
            top.min(rec.ranking.len()),
            rec.ranking.len()
        ),
    );
    let id_width = rec
        .ranking
        .iter()
        .take(top)
        .map(|s| width(&s.id))
        .max()
        .unwrap_or(0)
        + 2;
    for (i, scored) in rec.ranking.iter().take(top).enumerate() {
        let mark = if scored.id == r.id {
            "  ← recommended"
        } else {
            ""
        };
        out.text(&format!("  {:>2}. ", i + 1))
            .text(&pad(&scored.id, id_width))
            .text(&format!("{:>6}", format!("{:.1}", scored.score)))
            .paint(Paint::Accent, mark)
            .newline();
        let best = scored.reasons.iter().filter(|x| x.points > 0.0).take(2);
        let worst = scored.reasons.iter().filter(|x| x.points < 0.0).take(1);
        for reason in best.chain(worst) {
            let text = format!("{} {}", points(reason.points), reason.text);
            for line in wrap(&text, w, "        ", "          ") {
                out.paint(Paint::Dim, &line).newline();
            }
        }
    }
    out.paint(Paint::Dim, "  Every reason and score: --format json")
        .newline();

    if !rec.departures.is_empty() {
        heading(&mut out, "DEPARTURES FROM THE SEED ON THIS PATH");
        let bullet = if term.unicode { "  • " } else { "  * " };
        for d in &rec.departures {
            paragraph(&mut out, d, w, bullet, "    ");
        }
    }
    heading(&mut out, "CONFIDENCE");
    paragraph(&mut out, &rec.confidence_meaning, w, "  ", "  ");
    if !rec.watch_out.is_empty() {
        heading(&mut out, "WATCH OUT FOR");
        let bullet = if term.unicode { "  • " } else { "  * " };
        for con in rec.watch_out.iter().take(3) {
            paragraph(&mut out, con, w, bullet, "    ");
        }
    }
    let _ = catalog;
    out.newline()
        .paint(Paint::Dim, &format!("Details: archsel show {}", r.id))
        .newline();
    out.into_string()
}

/// The decision in at most 25 lines.
pub fn brief(catalog: &Catalog, rec: &Recommendation, term: Term) -> String {
    let _ = catalog;
    let mut out = Out::new(term);
    let w = term.width.min(100);
    let r = &rec.recommendation;
    out.paint(Paint::Bold, &format!("{} ({})", r.name, r.id))
        .text(" · ")
        .paint(Paint::Accent, confidence_word(r.confidence))
        .newline();
    let b = &rec.blueprint;
    let dims: Vec<String> = b
        .dimensions
        .iter()
        .map(|(d, c)| format!("{d}={}", c.value))
        .collect();
    out.line(&format!("dimensions   {}", dims.join("  ")));
    for (name, slot) in [
        ("structure", &b.structure),
        ("platform", &b.platform),
        ("application", &b.application),
    ] {
        if let Some(p) = slot {
            out.line(&format!("{}{}", pad(name, 13), p.id));
        }
    }
    if !b.complements.is_empty() {
        let ids: Vec<&str> = b.complements.iter().map(|c| &*c.id).collect();
        for line in wrap(&ids.join(", "), w, "complements  ", "             ")
            .into_iter()
            .take(3)
        {
            out.line(&line);
        }
    }
    if !rec.alternatives.is_empty() {
        out.line("alternatives");
        for a in rec.alternatives.iter().take(6) {
            let text = format!("{} if {}", a.id, a.condition);
            if let Some(line) = wrap(&text, w, "  ", "    ").into_iter().next() {
                out.line(&line);
            }
        }
    }
    let assumed = rec.path.iter().filter(|s| s.assumed).count();
    let unknown = rec.path.iter().filter(|s| s.answer == "unknown").count();
    if assumed + unknown > 0 {
        out.line(&format!(
            "{assumed} answer(s) assumed, {unknown} unknown: see --questions, answer with --answer KEY=VALUE"
        ));
    }
    if let Some(top) = rec.ranking.first().filter(|t| t.id != r.id) {
        out.line(&format!(
            "note: {} scores higher on the evidence (see the full report)",
            top.id
        ));
    }
    out.into_string()
}
