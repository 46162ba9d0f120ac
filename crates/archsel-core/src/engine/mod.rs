//! The decision engine: walk a tree (`walk`), score every pattern (`score`),
//! and explain the outcome (`recommend`). Pure functions of the catalog and
//! the answers; prompting sits behind the `walk::Prompter` trait.

pub mod score;
pub mod walk;

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use score::Scored;
use serde::Serialize;
use walk::{Answers, Source, Walk};

/// A single answer that, changed, changes the recommendation.
#[derive(Clone, Debug, Serialize)]
pub struct TippingPoint {
    pub key: String,
    pub from: String,
    pub to: String,
    pub leads_to: String,
}

/// A related pattern from the graph, with the edge's note.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    pub id: String,
    pub name: String,
    pub relation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

#[derive(Clone, Debug, Serialize)]
pub struct Runner {
    pub id: String,
    pub name: String,
    pub score: f64,
    /// Recommendation's score minus this one's (negative: it scores higher).
    pub margin: f64,
}

/// Everything `recommend` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Recommendation {
    pub tree: String,
    /// The tree's leaf.
    pub recommendation: Runner,
    pub confidence: Confidence,
    /// The best-scored whole architecture, when it is not the tree's leaf.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_scored: Option<Runner>,
    pub runner_up: Option<Runner>,
    pub path: Vec<walk::Step>,
    /// Given answers that no question on the path asks: they count in the
    /// ranking only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unasked: Vec<walk::Step>,
    pub ranking: Vec<Scored>,
    pub tipping_points: Vec<TippingPoint>,
    pub combine_with: Vec<Related>,
    pub next_steps: Vec<Related>,
    pub cons_to_watch: Vec<String>,
}

fn runner(scored: &Scored, leaf_score: f64) -> Runner {
    Runner {
        id: scored.id.clone(),
        name: scored.name.clone(),
        score: scored.score,
        margin: ((leaf_score - scored.score) * 100.0).round() / 100.0,
    }
}

/// Which single changed answer changes the leaf: each answered question on
/// the path is re-walked with each of its other values (the rest of the
/// answers kept, given ones the path did not ask included; questions that
/// become new take their defaults).
fn tipping_points(tree: &DecisionTree, walked: &Walk) -> Vec<TippingPoint> {
    let mut known: Answers = walked
        .path
        .iter()
        .chain(&walked.unasked)
        .map(|s| (s.key.to_string(), s.answer.to_string()))
        .collect();
    let mut points = Vec::new();
    for step in walked.path.iter().filter(|s| s.source != Source::Repeated) {
        let Some(question) = tree.question(&step.question) else {
            continue;
        };
        for choice in question.choices.iter().filter(|c| c.value != step.answer) {
            let original = known.insert(step.key.to_string(), choice.value.to_string());
            if let Ok(other) = walk::walk(tree, &known, None)
                && other.leaf != walked.leaf
                && !points
                    .iter()
                    .any(|p: &TippingPoint| p.key == step.key && p.to == choice.value)
            {
                points.push(TippingPoint {
                    key: step.key.clone(),
                    from: step.answer.clone(),
                    to: choice.value.clone(),
                    leads_to: other.leaf,
                });
            }
            if let Some(original) = original {
                known.insert(step.key.to_string(), original);
            }
        }
    }
    points
}

/// Explains a walk: the leaf checked against the scores, the runner-up and the
/// margin, tipping points, and what the graph says to combine with and evolve to.
pub fn recommend(catalog: &Catalog, tree: &DecisionTree, walked: Walk) -> Recommendation {
    let counted: Vec<walk::Step> = walked.path.iter().chain(&walked.unasked).cloned().collect();
    let ranking = score::score(catalog, tree, &counted);
    let leaf_scored = ranking.iter().find(|s| s.id == walked.leaf);
    let leaf_score = leaf_scored.map_or(0.0, |s| s.score);
    let leaf_name = catalog
        .pattern(&walked.leaf)
        .map_or_else(|| walked.leaf.clone(), |p| p.name.clone());
    let candidates: Vec<&Scored> = ranking.iter().filter(|s| s.candidate).collect();
    let top = candidates
        .first()
        .filter(|s| s.id != walked.leaf)
        .map(|s| runner(s, leaf_score));
    let runner_up = candidates
        .iter()
        .find(|s| s.id != walked.leaf)
        .map(|s| runner(s, leaf_score));
    let margin = runner_up.as_ref().map_or(f64::INFINITY, |r| r.margin);
    let confidence = if margin >= 4.0 {
        Confidence::High
    } else if margin >= 1.5 {
        Confidence::Medium
    } else {
        Confidence::Low
    };

    let mut combine_with = Vec::new();
    let mut next_steps = Vec::new();
    let mut listed = std::collections::HashSet::new();
    if let Some(index) = catalog.pattern_index(&walked.leaf) {
        for n in catalog.graph().neighbours(index, &catalog.patterns) {
            let other = &catalog.patterns[n.pattern];
            let related = Related {
                id: other.id.clone(),
                name: other.name.clone(),
                relation: n.kind.to_owned(),
                note: n.note.map(|n| n.to_owned()),
            };
            let (list, which) = match (n.kind, n.outgoing) {
                ("combines-with", _) | ("requires", true) => (&mut combine_with, 0),
                ("evolves-to", true) => (&mut next_steps, 1),
                _ => continue,
            };
            if listed.insert((which, n.pattern)) {
                list.push(related);
            }
        }
    }
    let cons_to_watch = catalog
        .pattern(&walked.leaf)
        .map(|p| p.body().cons.to_vec())
        .unwrap_or_default();
    Recommendation {
        tree: tree.id.clone(),
        recommendation: Runner {
            id: walked.leaf.clone(),
            name: leaf_name,
            score: leaf_score,
            margin: 0.0,
        },
        confidence,
        top_scored: top,
        runner_up,
        tipping_points: tipping_points(tree, &walked),
        path: walked.path,
        unasked: walked.unasked,
        ranking,
        combine_with,
        next_steps,
        cons_to_watch,
    }
}
