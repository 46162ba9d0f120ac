//! The decision engine: walk a tree (`walk`), score the whole architectures
//! (`score`), build the blueprint around the leaf (`blueprint`), and explain
//! the outcome (`recommend`). Pure functions of the catalog and the
//! answers; prompting sits behind the `walk::Prompter` trait, and
//! `walk::next_question` tells a front end which question comes next.

pub mod blueprint;
pub mod score;
pub mod walk;

use crate::catalog::Catalog;
use crate::catalog::model::DecisionTree;
use blueprint::Blueprint;
use score::Scored;
use serde::Serialize;
use walk::{Answers, Source, Walk};

pub use walk::next_question;

/// A single answer that, changed, changes the recommendation.
#[derive(Clone, Debug, Serialize)]
pub struct TippingPoint {
    pub key: String,
    pub from: String,
    pub to: String,
    pub leads_to: String,
}

/// A genuine alternative: another architecture that a changed answer leads to.
#[derive(Clone, Debug, Serialize)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    /// The changed answers that lead to it, `key=value`, joined with " or ".
    #[serde(rename = "if")]
    pub condition: String,
    pub score: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// What each confidence level means (printed with every recommendation).
pub const CONFIDENCE_MEANING: &str = "Confidence says how much of the decision rests on your own answers \
and whether the scores agree with the tree: high = every answer on the path was given and the \
recommendation also scores best, by 2 points or more; low = three or more answers on the path \
are assumed defaults or `unknown`, or another architecture scores more than 3 points higher; \
medium = anything in between.";

#[derive(Clone, Debug, Serialize)]
pub struct Chosen {
    pub id: String,
    pub name: String,
    pub confidence: Confidence,
    pub score: f64,
    /// The pattern's one-line summary.
    pub summary: String,
}

/// Everything `recommend` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Recommendation {
    pub tree: String,
    pub recommendation: Chosen,
    pub confidence_meaning: String,
    pub blueprint: Blueprint,
    pub alternatives: Vec<Alternative>,
    /// Whole architectures only, best first.
    pub ranking: Vec<Scored>,
    /// Why `ranking[0]` is not the recommendation, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranking_note: Option<String>,
    pub path: Vec<walk::Step>,
    /// Given answers that no question on the path asks: they count as
    /// evidence only.
    pub unasked: Vec<walk::Step>,
    pub what_would_change: Vec<TippingPoint>,
    /// Where the path departs from the tree's source (seed) rules.
    pub departures: Vec<String>,
    pub watch_out: Vec<String>,
}

impl Recommendation {
    /// The answers the recommendation rests on, each fact once: those on
    /// the path (a fact met again is not repeated), then those given but
    /// not asked on it.
    pub fn answers(&self) -> impl Iterator<Item = &walk::Step> {
        self.path
            .iter()
            .filter(|s| s.source != walk::Source::Repeated)
            .chain(&self.unasked)
    }
}

/// Which single changed answer changes the leaf: each answered question on
/// the path is re-walked with each of its other values (the rest of the
/// answers kept; questions that become new take their defaults).
fn tipping_points(tree: &DecisionTree, walked: &Walk) -> Vec<TippingPoint> {
    let mut known: Answers = walked
        .answers()
        .filter(|s| s.source != Source::Implied)
        .map(|s| (s.key.to_string(), s.answer.to_string()))
        .collect();
    let mut points = Vec::new();
    for step in walked
        .path
        .iter()
        .filter(|s| s.source != Source::Repeated && s.source != Source::Implied)
    {
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

/// The first sentence of a paragraph.
pub fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

/// Explains a walk: the ranking of whole architectures, the blueprint, the
/// alternatives, what would change the outcome, and the confidence.
pub fn recommend(catalog: &Catalog, tree: &DecisionTree, walked: Walk) -> Recommendation {
    let ranking = score::score(catalog, tree, &walked);
    let leaf = walked.leaf.clone();
    let leaf_score = ranking
        .iter()
        .find(|s| s.id == leaf)
        .map_or(0.0, |s| s.score);
    let best_other = ranking.iter().find(|s| s.id != leaf);
    let margin = best_other.map_or(f64::INFINITY, |s| leaf_score - s.score);
    let weak = walked
        .path
        .iter()
        .filter(|s| s.source != Source::Repeated && s.is_weak())
        .count();
    let agrees = ranking.first().is_some_and(|s| s.id == leaf);
    let confidence = if weak == 0 && agrees && margin >= 2.0 {
        Confidence::High
    } else if weak >= 3 || margin < -3.0 {
        Confidence::Low
    } else {
        Confidence::Medium
    };
    let ranking_note = match ranking.first() {
        Some(top) if top.id != leaf => Some(format!(
            "{} scores {:.1} points more than {leaf} on the evidence of your answers, but the \
             decision tree's rules (the seed's order of decisions) lead to {leaf}; both are \
             worth reading before choosing.",
            top.id,
            top.score - leaf_score
        )),
        _ => None,
    };
    let what_would_change = tipping_points(tree, &walked);
    let mut alternatives: Vec<Alternative> = Vec::new();
    for t in &what_would_change {
        let condition = format!("{}={}", t.key, t.to);
        match alternatives.iter_mut().find(|a| a.id == t.leads_to) {
            Some(a) => {
                if a.condition.matches(" or ").count() < 2 {
                    a.condition.push_str(" or ");
                    a.condition.push_str(&condition);
                }
            }
            None => alternatives.push(Alternative {
                id: t.leads_to.clone(),
                name: catalog
                    .pattern(&t.leads_to)
                    .map_or_else(|| t.leads_to.clone(), |p| p.name.clone()),
                condition,
                score: ranking
                    .iter()
                    .find(|s| s.id == t.leads_to)
                    .map_or(0.0, |s| s.score),
            }),
        }
    }
    alternatives.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let blueprint = blueprint::build(catalog, tree, &walked, &ranking);
    let pattern = catalog.pattern(&leaf);
    Recommendation {
        tree: tree.id.clone(),
        recommendation: Chosen {
            name: pattern.map_or_else(|| leaf.clone(), |p| p.name.clone()),
            summary: pattern.map_or_else(String::new, |p| first_sentence(&p.body().summary)),
            id: leaf,
            confidence,
            score: leaf_score,
        },
        confidence_meaning: CONFIDENCE_MEANING.to_owned(),
        blueprint,
        alternatives,
        ranking,
        ranking_note,
        what_would_change,
        departures: walked.notes.clone(),
        watch_out: pattern.map(|p| p.body().cons.to_vec()).unwrap_or_default(),
        path: walked.path,
        unasked: walked.unasked,
    }
}
