//! Scoring every pattern against the answers. Pure and deterministic: a score
//! is the sum of traced reasons, each tied to the answers behind it.
//!
//! - Criteria: each criterion has a weight (the tree's base weight plus what
//!   the answers add). A pattern earns `weight × (2g − 1)` where `g` in [0, 1]
//!   is how good its rating is on that criterion's scale and direction, so the
//!   best rating earns `+weight` and the worst `−weight`.
//! - Team fit: a team earns `team-fit` times the share of its size range
//!   that the pattern's range covers (on a log scale); a team entirely
//!   outside it loses up to that much, more the further away it is.
//! - Evidence: what each answer says (`scoring.evidence` of the tree, the
//!   same on every path; plus the `effects` of the choices taken, for user
//!   trees that keep them there): points to a pattern, which also reach its
//!   variants. `unknown` answers say nothing.
//!
//! Only whole architectures (role `architecture`) are ranked.

use super::walk::{Source, Step, UNKNOWN, Walk};
use crate::catalog::Catalog;
use crate::catalog::model::{
    Better, Criterion, DecisionTree, Evidence, RatingValue, Scale, TeamRange,
};
use serde::Serialize;

/// One reason for (or against) a pattern.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub points: f64,
    /// The criterion involved, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The answers behind it, as `key=value` (empty: the tree's baseline).
    pub answers: Vec<String>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Scored {
    pub id: String,
    pub name: String,
    pub score: f64,
    /// Strongest first.
    pub reasons: Vec<Reason>,
}

/// The evidence of every answer that counts: the tree's `scoring.evidence`
/// for the answer, and the legacy `effects`/`weights` of the choice taken.
fn evidence<'a>(tree: &'a DecisionTree, walked: &'a Walk) -> Vec<(&'a Step, Evidence)> {
    let mut list = Vec::new();
    for step in walked.answers().filter(|s| s.answer != UNKNOWN) {
        let mut e = tree
            .scoring
            .evidence(&step.key, &step.answer)
            .cloned()
            .unwrap_or_default();
        if step.source != Source::Unasked
            && step.source != Source::Implied
            && let Some(choice) = tree
                .question(&step.question)
                .and_then(|q| q.choice(&step.answer))
        {
            e.effects.extend(choice.effects.iter().cloned());
            e.weights.extend(choice.weights.iter().cloned());
        }
        list.push((step, e));
    }
    list
}

/// A criterion's weight and the answers that raised it.
struct Weight<'a> {
    criterion: &'a Criterion,
    /// The criterion's name as reasons say it (lower case), and what
    /// weighted it (", weighted by team-size=1-2"), made once.
    said: String,
    why: String,
    weight: i64,
    answers: Vec<String>,
}

fn weights<'a>(
    catalog: &'a Catalog,
    tree: &DecisionTree,
    evidence: &[(&Step, Evidence)],
) -> Vec<Weight<'a>> {
    let mut list: Vec<Weight> = catalog
        .vocabulary
        .criteria
        .iter()
        .filter(|c| c.better != Better::None)
        .map(|c| Weight {
            criterion: c,
            said: c.name.to_lowercase(),
            why: String::new(),
            weight: tree
                .scoring
                .weights
                .iter()
                .find(|(id, _)| *id == c.id)
                .map_or(0, |(_, w)| *w),
            answers: Vec::new(),
        })
        .collect();
    for (step, e) in evidence {
        for (criterion, extra) in e.weights.iter() {
            if let Some(w) = list.iter_mut().find(|w| w.criterion.id == *criterion) {
                w.weight += extra;
                w.answers.push(format!("{}={}", step.key, step.answer));
            }
        }
    }
    for w in &mut list {
        w.weight = w.weight.max(0);
        if !w.answers.is_empty() {
            w.why = format!(", weighted by {}", w.answers.join(", "));
        }
    }
    list
}

/// How good a rating is on its criterion, from 0 (worst end) to 1 (best end).
pub fn goodness(criterion: &Criterion, value: &RatingValue) -> Option<f64> {
    let (position, span) = match (&criterion.scale, value) {
        (Scale::Integer { min, max, .. }, RatingValue::Integer(n)) => {
            ((n - min) as f64, (max - min) as f64)
        }
        (Scale::Levels { levels }, RatingValue::Level { rank, .. }) => {
            (*rank as f64, (levels.len() - 1) as f64)
        }
        _ => return None,
    };
    let up = (position / span).clamp(0.0, 1.0);
    match criterion.better {
        Better::Higher => Some(up),
        Better::Lower => Some(1.0 - up),
        Better::None => None,
    }
}

/// A size range on a log scale; open ends stop at 1,000 people.
fn log_span(range: TeamRange) -> (f64, f64) {
    let min = f64::from(range.min.max(1));
    let max = range
        .max
        .map_or(1000.0, |m| f64::from(m.max(range.min.max(1))) + 1.0);
    (min.ln(), max.max(min + 1.0).ln())
}

/// Team fit in [−1, 1]: the share of the team's range that the pattern's
/// range covers (log scale: 11-50 against 10+ is all of it, against 50+
/// almost none); outside it entirely, down to −1 (twice too small or too
/// big costs half).
pub fn team_fit(team: TeamRange, pattern: TeamRange) -> f64 {
    let (t0, t1) = log_span(team);
    let (p0, p1) = log_span(pattern);
    let overlap = (t1.min(p1) - t0.max(p0)).max(0.0);
    if overlap > 0.0 {
        return (overlap / (t1 - t0)).clamp(0.0, 1.0);
    }
    let gap = if t1 <= p0 { p0 - t1 } else { t0 - p1 };
    -((gap / std::f64::consts::LN_2 + 1.0) / 2.0).clamp(0.25, 1.0)
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Scores every whole architecture in the catalog for the answers of a walk
/// (its path, then the given answers it did not ask); highest first (ties
/// by id, so the order is deterministic).
pub fn score(catalog: &Catalog, tree: &DecisionTree, walked: &Walk) -> Vec<Scored> {
    let evidence = evidence(tree, walked);
    let weights = weights(catalog, tree, &evidence);
    let team_step = tree
        .scoring
        .team_question
        .as_ref()
        .and_then(|key| walked.answers().find(|s| &s.key == key));
    let team = team_step.and_then(|s| TeamRange::parse(&s.answer));
    let mut scored: Vec<Scored> = catalog
        .patterns
        .iter()
        .filter(|p| p.is_architecture())
        .map(|p| {
            let mut reasons = Vec::new();
            for w in weights.iter().filter(|w| w.weight > 0) {
                let Some(g) = p
                    .rating(&w.criterion.id)
                    .and_then(|r| goodness(w.criterion, &r.value))
                else {
                    continue;
                };
                let points = w.weight as f64 * (2.0 * g - 1.0) * tree.scoring.criteria_scale;
                if points.abs() < 1e-9 {
                    continue;
                }
                let value = p
                    .rating(&w.criterion.id)
                    .map(|r| r.value.to_string())
                    .unwrap_or_default();
                let quality = if g >= 0.75 {
                    "strong"
                } else if g > 0.5 {
                    "good"
                } else if g >= 0.25 {
                    "weak"
                } else {
                    "poor"
                };
                reasons.push(Reason {
                    points: round(points),
                    criterion: Some(w.criterion.id.clone()),
                    answers: w.answers.clone(),
                    text: format!("{} {quality} ({value}){}", w.said, w.why),
                });
            }
            if let (Some(team), Some(step)) = (team, team_step)
                && let Some(RatingValue::TeamSize { range, text }) =
                    p.rating("team-size").map(|r| &r.value)
            {
                // "any" says the pattern does not depend on team size: a
                // neutral half, not a perfect fit.
                let fit = if text == "any" {
                    0.5
                } else {
                    team_fit(team, *range)
                };
                let text = if text == "any" {
                    "does not depend on team size (half the team-fit points)".to_owned()
                } else if fit >= 0.999 {
                    format!("a team of {} is within its {text} range", step.answer)
                } else if fit > 0.0 {
                    format!(
                        "a team of {} is {:.0}% within its {text} range",
                        step.answer,
                        fit * 100.0
                    )
                } else if team.min > range.min {
                    format!(
                        "a team of {} is larger than the {text} it suits",
                        step.answer
                    )
                } else {
                    format!(
                        "a team of {} is smaller than the {text} it suits",
                        step.answer
                    )
                };
                reasons.push(Reason {
                    points: round(fit * tree.scoring.team_fit as f64),
                    criterion: Some("team-size".into()),
                    answers: vec![format!("{}={}", step.key, step.answer)],
                    text,
                });
            }
            for (step, e) in &evidence {
                for (target, points) in e.effects.iter() {
                    // Exact ids: variants of an architecture that are
                    // ranked are architectures of their own (a modular
                    // monolith is not penalised as a monolith).
                    if *target == p.id {
                        let whom = "";
                        reasons.push(Reason {
                            points: *points as f64,
                            criterion: None,
                            answers: vec![format!("{}={}", step.key, step.answer)],
                            text: format!(
                                "{}={} {}{whom}",
                                step.key,
                                step.answer,
                                if *points >= 0 {
                                    "favours it"
                                } else {
                                    "counts against it"
                                }
                            ),
                        });
                    }
                }
            }
            if p.id == walked.leaf && tree.scoring.leaf_points != 0 {
                let decided: Vec<String> = walked
                    .path
                    .last()
                    .map(|s| format!("{}={}", s.key, s.answer))
                    .into_iter()
                    .collect();
                reasons.push(Reason {
                    points: tree.scoring.leaf_points as f64,
                    criterion: None,
                    text: format!(
                        "the decision tree's rules lead here (last: {})",
                        decided.join(", ")
                    ),
                    answers: decided,
                });
            }
            reasons.sort_by(|a, b| {
                b.points
                    .abs()
                    .total_cmp(&a.points.abs())
                    .then_with(|| a.text.cmp(&b.text))
            });
            Scored {
                id: p.id.clone(),
                name: p.name.clone(),
                score: round(reasons.iter().map(|r| r.points).sum()),
                reasons,
            }
        })
        .collect();
    cap_by_requirements(catalog, &mut scored);
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    scored
}

/// A pattern that `requires` another ranked one cannot score better than
/// it: adopting it means adopting the requirement too.
fn cap_by_requirements(catalog: &Catalog, scored: &mut [Scored]) {
    let raw: Vec<(String, f64)> = scored.iter().map(|s| (s.id.clone(), s.score)).collect();
    for entry in scored.iter_mut() {
        let Some(pattern) = catalog.pattern(&entry.id) else {
            continue;
        };
        let weakest = pattern
            .relations
            .iter()
            .filter(|r| r.kind == "requires")
            .filter_map(|r| raw.iter().find(|(id, _)| *id == r.target))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((id, cap)) = weakest
            && *cap < entry.score
        {
            let name = catalog.pattern(id).map_or(id.as_str(), |p| &p.name);
            let points = round(cap - entry.score);
            entry.reasons.push(Reason {
                points,
                criterion: None,
                answers: Vec::new(),
                text: format!("requires {id} ({name}), which scores {cap:.1}"),
            });
            entry.score = round(entry.score + points);
        }
    }
}
