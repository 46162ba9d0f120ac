//! The two places the site calls the decision engine and the recommend
//! report. Everything else in `site` goes through these, so that a change of
//! the engine (issue 17: `engine::next_question`, `recommend::render_markdown`)
//! is one edit here.

use crate::Error;
use crate::catalog::Catalog;
use crate::catalog::model::{DecisionTree, Question};
use crate::engine::Recommendation;
use crate::engine::walk::{self, Answers, Prompter, Reply};

/// What the engine does next for a set of answers.
pub enum Next<'t> {
    /// It asks this question.
    Ask(&'t Question),
    /// It has arrived at a leaf: the recommended pattern id.
    Leaf(String),
}

/// The question the engine asks next for these answers, or the leaf it
/// reaches. Adapter over the pure walk: a prompter that notes the first
/// question it is asked and stops the walk there.
/// (Re-point at `engine::next_question(tree, answers)` once it exists.)
pub fn next_question<'t>(tree: &'t DecisionTree, answers: &Answers) -> Result<Next<'t>, Error> {
    struct Stop(Option<String>);
    impl Prompter for Stop {
        fn ask(&mut self, question: &Question, _: bool, _: Option<&str>) -> Result<Reply, Error> {
            self.0 = Some(question.id.clone());
            Err(Error::Interrupted)
        }
    }
    let mut stop = Stop(None);
    match walk::walk(tree, answers, Some(&mut stop)) {
        Ok(walked) => Ok(Next::Leaf(walked.leaf)),
        Err(error) => match stop.0.as_deref().and_then(|id| tree.question(id)) {
            Some(question) => Ok(Next::Ask(question)),
            None => Err(error),
        },
    }
}

/// The recommendation for these answers and the markdown report of it: what
/// `archsel recommend --answer K=V... --format markdown` prints.
/// (Re-point at `commands::recommend::render_markdown` once it exists; until
/// then this writes the text report's sections as markdown.)
pub fn recommend_markdown(
    catalog: &Catalog,
    tree: &DecisionTree,
    answers: &Answers,
) -> Result<(Recommendation, String), Error> {
    let rec = crate::commands::recommend::recommend_from(catalog, answers)?;
    let markdown = interim_markdown(catalog, tree, &rec);
    Ok((rec, markdown))
}

/// Until `recommend --format markdown` exists: the text report's sections.
fn interim_markdown(catalog: &Catalog, tree: &DecisionTree, rec: &Recommendation) -> String {
    use crate::engine::Confidence;
    use std::fmt::Write as _;
    let name_of = |id: &str| {
        catalog
            .pattern(id)
            .map_or(id.to_owned(), |p| p.name.clone())
    };
    let mut md = String::new();
    let r = &rec.recommendation;
    let confidence = match rec.confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    };
    let _ = writeln!(md, "# Recommendation: {} (`{}`)\n", r.name, r.id);
    let _ = writeln!(md, "Confidence: **{confidence}**.");
    if let Some(runner) = &rec.runner_up {
        if runner.margin >= 0.0 {
            let _ = writeln!(
                md,
                "{:.1} points ahead of the runner-up, {} (`{}`).",
                runner.margin, runner.name, runner.id
            );
        } else {
            let _ = writeln!(
                md,
                "{} (`{}`) scores {:.1} points higher on your answers.",
                runner.name, runner.id, -runner.margin
            );
        }
    }
    if let Some(top) = &rec.top_scored {
        let _ = writeln!(
            md,
            "The decision tree leads to {}, but on the weights of your answers {} scores best. Read both pages before choosing.",
            r.name, top.name
        );
    }
    if let Some(p) = catalog.pattern(&r.id) {
        let _ = writeln!(md, "\n{}", p.body().summary.trim());
    }
    let _ = writeln!(
        md,
        "\n## Your answers\n\n| question | answer | source |\n|---|---|---|"
    );
    for step in rec.path.iter().chain(&rec.unasked) {
        let source = match step.source {
            walk::Source::Given => "given",
            walk::Source::Asked => "answered",
            walk::Source::Repeated => "answered earlier",
            walk::Source::Assumed => "assumed (default)",
            walk::Source::Unasked => "given, not asked on this path",
        };
        let _ = writeln!(md, "| `{}` | `{}` | {source} |", step.key, step.answer);
    }
    let _ = writeln!(md, "\nThe `{}` tree recommends `{}`.", tree.id, r.id);
    let candidates: Vec<_> = rec.ranking.iter().filter(|s| s.candidate).collect();
    let _ = writeln!(
        md,
        "\n## Ranking (top {} of {} architectures)\n",
        candidates.len().min(5),
        candidates.len()
    );
    for scored in candidates.iter().take(5) {
        let mark = if scored.id == r.id {
            " ← recommended"
        } else {
            ""
        };
        let _ = writeln!(md, "1. `{}` {:.1}{mark}", scored.id, scored.score);
        for reason in scored.reasons.iter().filter(|x| x.points > 0.0).take(2) {
            let _ = writeln!(md, "   - {:+.1} {}", reason.points, reason.text);
        }
    }
    if !rec.tipping_points.is_empty() {
        let _ = writeln!(md, "\n## What would change it\n");
        for t in &rec.tipping_points {
            let _ = writeln!(
                md,
                "- `{}={}` instead of `{}` → `{}` ({})",
                t.key,
                t.to,
                t.from,
                t.leads_to,
                name_of(&t.leads_to)
            );
        }
    }
    for (title, list) in [
        ("Combine with", &rec.combine_with),
        ("Next step when you outgrow it", &rec.next_steps),
    ] {
        if !list.is_empty() {
            let _ = writeln!(md, "\n## {title}\n");
            for x in list {
                let note = x
                    .note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default();
                let _ = writeln!(md, "- {} (`{}`){note}", x.name, x.id);
            }
        }
    }
    if !rec.cons_to_watch.is_empty() {
        let _ = writeln!(md, "\n## Watch out for\n");
        for con in &rec.cons_to_watch {
            let _ = writeln!(md, "- {con}");
        }
    }
    md
}
