//! Scoring every pattern against the answers. Pure and deterministic: a score
//! is the sum of traced reasons, each tied to the answers behind it.
//!
//! - Criteria: each criterion has a weight (the tree's base weight plus what
//!   the answers add). A pattern earns `weight × (2g − 1)` where `g` in [0, 1]
//!   is how good its rating is on that criterion's scale and direction, so the
//!   best rating earns `+weight` and the worst `−weight`.
//! - Team fit: a team inside the pattern's team-size range earns `team-fit`; a
//!   team outside it loses up to that much, more the further away it is.
//! - Effects: points a choice gives a pattern directly; they also reach the
//!   pattern's variants (a mesh answer favours every kind of service mesh).

use super::walk::Step;
use crate::catalog::Catalog;
use crate::catalog::model::{
    Better, Choice, Criterion, DecisionTree, Pattern, RatingValue, Scale, TeamRange,
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
    /// A whole architecture (one of the tree's candidate categories).
    pub candidate: bool,
    /// Strongest first.
    pub reasons: Vec<Reason>,
}

/// The choice taken at each step of a path (a fact asked again counts once).
fn chosen<'a>(
    tree: &'a DecisionTree,
    path: &'a [Step],
) -> impl Iterator<Item = (&'a Step, &'a Choice)> + 'a {
    path.iter()
        .filter(|s| s.source != super::walk::Source::Repeated)
        .filter_map(|s| Some((s, tree.question(&s.question)?.choice(&s.answer)?)))
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

fn weights<'a>(catalog: &'a Catalog, tree: &DecisionTree, path: &[Step]) -> Vec<Weight<'a>> {
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
    for (step, choice) in chosen(tree, path) {
        for (criterion, extra) in choice.weights.iter() {
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

/// Team fit: +1 inside the range, down to −1 far outside it (log scale: twice
/// too small or too big costs half).
fn team_fit(team: TeamRange, pattern: TeamRange) -> (f64, &'static str) {
    let team_max = team.max.unwrap_or(u32::MAX);
    let pattern_max = pattern.max.unwrap_or(u32::MAX);
    if team.min <= pattern_max && pattern.min <= team_max {
        return (1.0, "fits");
    }
    let (ratio, how) = if team_max < pattern.min {
        (pattern.min as f64 / team_max.max(1) as f64, "smaller")
    } else {
        (team.min as f64 / pattern_max.max(1) as f64, "larger")
    };
    (-(ratio.log2() / 2.0).clamp(0.25, 1.0), how)
}

/// Whether `pattern` is `ancestor` or one of its variants.
fn is_or_descends_from(catalog: &Catalog, pattern: &Pattern, ancestor: &str) -> bool {
    let mut current = pattern;
    for _ in 0..16 {
        if current.id == ancestor {
            return true;
        }
        match current.parent().and_then(|p| catalog.pattern(p)) {
            Some(parent) => current = parent,
            None => return false,
        }
    }
    false
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Scores every pattern in the catalog for the answers of a walk (its path,
/// then the given answers it did not ask); highest first (ties by id, so the
/// order is deterministic).
pub fn score(catalog: &Catalog, tree: &DecisionTree, path: &[Step]) -> Vec<Scored> {
    let weights = weights(catalog, tree, path);
    let team_step = tree
        .scoring
        .team_question
        .as_ref()
        .and_then(|key| path.iter().find(|s| &s.key == key));
    let team = team_step.and_then(|s| TeamRange::parse(&s.answer));
    let mut scored: Vec<Scored> = catalog
        .patterns
        .iter()
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
                let (fit, how) = team_fit(team, *range);
                let text = match how {
                    "fits" => format!("a team of {} fits its {text} range", step.answer),
                    how => format!(
                        "a team of {} is {how} than the {text} it suits",
                        step.answer
                    ),
                };
                reasons.push(Reason {
                    points: round(fit * tree.scoring.team_fit as f64),
                    criterion: Some("team-size".into()),
                    answers: vec![format!("{}={}", step.key, step.answer)],
                    text,
                });
            }
            for (step, choice) in chosen(tree, path) {
                for (target, points) in choice.effects.iter() {
                    if is_or_descends_from(catalog, p, target) {
                        let whom = if *target == p.id {
                            String::new()
                        } else {
                            format!(" (as a kind of {target})")
                        };
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
                candidate: tree.scoring.candidates.is_empty()
                    || tree.scoring.candidates.contains(&p.category),
                reasons,
            }
        })
        .collect();
    cap_by_requirements(catalog, &mut scored);
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    scored
}

/// A pattern that `requires` another cannot score better than it: adopting
/// it means adopting the requirement too (ambient mesh needs Kubernetes).
fn cap_by_requirements(catalog: &Catalog, scored: &mut [Scored]) {
    let raw: Vec<f64> = scored.iter().map(|s| s.score).collect();
    for (i, entry) in scored.iter_mut().enumerate() {
        let pattern = &catalog.patterns[i];
        let weakest = pattern
            .relations
            .iter()
            .filter(|r| r.kind == "requires")
            .filter_map(|r| catalog.pattern_index(&r.target).map(|j| (j, raw[j])))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, cap)) = weakest
            && cap < entry.score
        {
            let required = &catalog.patterns[j];
            let points = round(cap - entry.score);
            entry.reasons.push(Reason {
                points,
                criterion: None,
                answers: Vec::new(),
                text: format!(
                    "requires {} ({}), which scores {cap:.1}",
                    required.id, required.name
                ),
            });
            entry.score = round(entry.score + points);
        }
    }
}
