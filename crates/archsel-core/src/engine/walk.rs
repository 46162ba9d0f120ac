//! Walking a decision tree: given answers are used, a fact already answered on
//! the path is not asked again, the rest are asked through a `Prompter` or
//! take the question's default (and are marked assumed). `next_question`
//! is the same walk stopped at the first question nobody has answered: the
//! static site enumerates the questionnaire with it.
//!
//! Every fact also takes `unknown`: the walk follows the default's route,
//! the scoring counts no evidence for it, and the confidence drops.

use crate::Error;
use crate::catalog::model::{DecisionTree, Outcome, Question};
use serde::Serialize;
use std::collections::BTreeMap;

/// Facts the user gave up front (`--answer`, `--answers FILE`): key → value.
pub type Answers = BTreeMap<String, String>;

/// The answer every fact accepts: no evidence either way.
pub const UNKNOWN: &str = "unknown";

/// Where an answer on the path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Given with `--answer` or an answers file.
    Given,
    /// Answered at a prompt.
    Asked,
    /// Answered earlier on the path (the same fact routes again).
    Repeated,
    /// Nobody answered: the question's default.
    Assumed,
    /// Follows from another given answer (`edge-kind=device-backend` means
    /// `edge-latency=yes`; `compliance=pci` means `regulated=yes`).
    Implied,
    /// Given, but no question on the path asks it: it counts as evidence in
    /// the ranking and the blueprint only.
    Unasked,
}

/// One answered question on the path.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The question node.
    #[serde(rename = "node")]
    pub question: String,
    /// The fact it asks (the key of `--answer KEY=VALUE`).
    #[serde(rename = "question")]
    pub key: String,
    pub answer: String,
    /// Nobody answered it: the default was taken.
    pub assumed: bool,
    pub source: Source,
}

impl Step {
    /// Answered with `unknown`, or assumed: the path rests on no evidence here.
    pub fn is_weak(&self) -> bool {
        self.assumed || self.answer == UNKNOWN
    }
}

/// The path through the tree and the pattern it ends at.
#[derive(Clone, Debug, Serialize)]
pub struct Walk {
    pub path: Vec<Step>,
    pub leaf: String,
    /// Given (or implied) answers the path never asked, each tied to the
    /// first question of the tree that asks its fact.
    pub unasked: Vec<Step>,
    /// The departures from the tree's source that the path takes (the
    /// `note`s of its choices).
    pub notes: Vec<String>,
}

impl Walk {
    /// Every answer that counts: the path (a fact once) and the unasked ones.
    pub fn answers(&self) -> impl Iterator<Item = &Step> {
        self.path
            .iter()
            .filter(|s| s.source != Source::Repeated)
            .chain(&self.unasked)
    }

    /// The answer to a fact, if it counts.
    pub fn answer(&self, key: &str) -> Option<&str> {
        self.answers()
            .find(|s| s.key == key)
            .map(|s| s.answer.as_str())
    }
}

/// What a prompt returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Answer(String),
    /// Go back to the previous question that was asked.
    Back,
}

/// Asks one question. The interactive implementation uses inquire; tests use
/// `Scripted`.
pub trait Prompter {
    /// `previous` is the answer given before the user went back, if any.
    fn ask(
        &mut self,
        question: &Question,
        can_go_back: bool,
        previous: Option<&str>,
    ) -> Result<Reply, Error>;
}

/// Replies from a list, in order; `Back` entries go back. Running out of
/// replies takes the default (as `--no-input` would).
pub struct Scripted(pub std::collections::VecDeque<Reply>);

impl Prompter for Scripted {
    fn ask(
        &mut self,
        question: &Question,
        _can_go_back: bool,
        _previous: Option<&str>,
    ) -> Result<Reply, Error> {
        Ok(self
            .0
            .pop_front()
            .unwrap_or_else(|| Reply::Answer(question.default.to_string())))
    }
}

/// Checks given answers against the tree: every key is a fact it asks and
/// every value one of that fact's choices or `unknown`.
pub fn check_answers(tree: &DecisionTree, answers: &Answers) -> Result<(), Error> {
    let keys = tree.keys();
    for (key, value) in answers {
        if !keys.contains(&key.as_str()) {
            return Err(crate::suggest::unknown("question key", key, &keys));
        }
        let mut values = values_of(tree, key);
        if !values.contains(&value.as_str()) {
            values.push(UNKNOWN);
            if value == UNKNOWN {
                continue;
            }
            return Err(crate::suggest::unknown(
                &format!("value for `{key}`"),
                value,
                &values,
            ));
        }
    }
    Ok(())
}

/// Every value a fact can take, over all the questions that ask it
/// (`unknown`, which every fact takes, not included).
pub fn values_of<'a>(tree: &'a DecisionTree, key: &'a str) -> Vec<&'a str> {
    let mut values: Vec<&str> = Vec::new();
    for q in tree.questions_for(key) {
        for c in q.choices.iter() {
            if !values.contains(&&*c.value) {
                values.push(&c.value);
            }
        }
    }
    values
}

/// Answers that follow from others: (fact given, its values, fact implied,
/// the implied value). Applied only when the implied fact is not given.
const IMPLIED: &[(&str, &[&str], &str, &str)] = &[
    (
        "edge-kind",
        &["device-backend", "on-site-compute", "near-user-latency"],
        "edge-latency",
        "yes",
    ),
    ("edge-kind", &["none"], "edge-latency", "no"),
    (
        "compliance",
        &["pci", "health", "data-residency", "air-gapped"],
        "regulated",
        "yes",
    ),
    ("compliance", &["none"], "regulated", "no"),
];

/// The given answers plus what they imply, each with where it came from.
/// Borrowed: `recommend` walks the tree once more for every answer it could
/// change, so a walk should not copy the answers.
fn complete<'a>(tree: &DecisionTree, given: &'a Answers) -> BTreeMap<&'a str, (&'a str, Source)> {
    let mut known: BTreeMap<&str, (&str, Source)> = given
        .iter()
        .map(|(k, v)| (k.as_str(), (v.as_str(), Source::Given)))
        .collect();
    for &(from, values, to, value) in IMPLIED {
        if known.contains_key(to) || tree.questions_for(to).next().is_none() {
            continue;
        }
        if given
            .get(from)
            .is_some_and(|v| values.contains(&v.as_str()))
        {
            known.insert(to, (value, Source::Implied));
        }
    }
    known
}

/// Given answers whose fact the path does not ask. A fact the user knows
/// still matters (a regulated system weighs security wherever the tree
/// leads), so it counts as evidence.
fn unasked(
    tree: &DecisionTree,
    known: &BTreeMap<&str, (&str, Source)>,
    path: &[Step],
) -> Vec<Step> {
    known
        .iter()
        .filter(|(key, _)| !path.iter().any(|s| s.key == **key))
        .filter_map(|(key, (answer, source))| {
            let question = tree.questions_for(key).next()?;
            Some(Step {
                question: question.id.clone(),
                key: (*key).to_owned(),
                answer: (*answer).to_owned(),
                assumed: false,
                source: if *source == Source::Implied {
                    Source::Implied
                } else {
                    Source::Unasked
                },
            })
        })
        .collect()
}

/// What to do at a question nobody has answered.
enum Unanswered<'p> {
    Ask(&'p mut dyn Prompter),
    Default,
    Stop,
}

/// Where a walk ended.
enum Ended<'t> {
    Leaf(Walk),
    /// The first question nobody answered (`Unanswered::Stop`).
    At(&'t Question),
}

fn bad_tree(tree: &DecisionTree, what: String) -> Error {
    Error::usage(
        format!("decision tree `{}` {what}; run `archsel lint`", tree.id),
        None,
    )
}

fn run<'t>(
    tree: &'t DecisionTree,
    given: &Answers,
    mut unanswered: Unanswered<'_>,
) -> Result<Ended<'t>, Error> {
    let known = complete(tree, given);
    let mut path: Vec<Step> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut current: &'t str = &tree.root;
    // The answer undone by going back, offered again as the starting choice.
    let mut undone: Option<String> = None;
    // A valid tree is acyclic; a bound keeps a broken one from looping.
    let mut budget = tree.questions.len() * 4 + 8;
    loop {
        budget = budget
            .checked_sub(1)
            .ok_or_else(|| bad_tree(tree, "loops".into()))?;
        let question = tree
            .question(current)
            .ok_or_else(|| bad_tree(tree, format!("has no question `{current}`")))?;
        let is_answer = |v: &str| v == UNKNOWN || question.choice(v).is_some();
        // A fact already on the path routes again as `Repeated`, however it
        // was first answered: it is one answer, listed once.
        let routed_before = path.iter().find(|s| s.key == question.key);
        let earlier = known
            .get(&*question.key)
            .map(|&(v, s)| (v.to_owned(), s))
            .or_else(|| routed_before.map(|s| (s.answer.clone(), s.source)))
            .filter(|(v, _)| is_answer(v))
            .map(|(v, s)| match routed_before {
                Some(_) => (v, Source::Repeated),
                None => (v, s),
            });
        let (answer, source) = match (earlier, &mut unanswered) {
            (Some(known), _) => known,
            (None, Unanswered::Stop) => return Ok(Ended::At(question)),
            (None, Unanswered::Default) => (question.default.clone(), Source::Assumed),
            (None, Unanswered::Ask(prompter)) => {
                let can_go_back = path.iter().any(|s| s.source == Source::Asked);
                match prompter.ask(question, can_go_back, undone.take().as_deref())? {
                    Reply::Answer(value) if is_answer(&value) => (value, Source::Asked),
                    Reply::Answer(value) => {
                        let mut values: Vec<&str> =
                            question.choices.iter().map(|c| &*c.value).collect();
                        values.push(UNKNOWN);
                        return Err(crate::suggest::unknown(
                            &format!("value for `{}`", question.key),
                            &value,
                            &values,
                        ));
                    }
                    Reply::Back => {
                        // Undo up to and including the last question asked.
                        if let Some(last) = path.iter().rposition(|s| s.source == Source::Asked) {
                            current = &tree.question(&path[last].question).unwrap_or(question).id;
                            undone = Some(path[last].answer.to_string());
                            path.truncate(last);
                            notes.clear();
                            notes.extend(path.iter().filter_map(|s| note_of(tree, s)));
                        }
                        continue;
                    }
                }
            }
        };
        // `unknown` follows the default's route.
        let route = if answer == UNKNOWN {
            &question.default
        } else {
            &answer
        };
        let choice = question.choice(route).ok_or_else(|| {
            bad_tree(
                tree,
                format!("has no choice `{route}` in `{}`", question.id),
            )
        })?;
        let step = Step {
            question: question.id.clone(),
            key: question.key.clone(),
            answer,
            assumed: source == Source::Assumed,
            source,
        };
        if let Some(note) = note_of(tree, &step)
            && !notes.contains(&note)
        {
            notes.push(note);
        }
        path.push(step);
        match &choice.outcome {
            Outcome::Next(next) => current = next,
            Outcome::Recommend(pattern) => {
                let unasked = unasked(tree, &known, &path);
                return Ok(Ended::Leaf(Walk {
                    path,
                    leaf: pattern.clone(),
                    unasked,
                    notes,
                }));
            }
        }
    }
}

/// The note (departure from the source) of the choice a step took.
fn note_of(tree: &DecisionTree, step: &Step) -> Option<String> {
    let question = tree.question(&step.question)?;
    let route = if step.answer == UNKNOWN {
        &question.default
    } else {
        &step.answer
    };
    question.choice(route)?.note.clone()
}

/// Walks the tree from its root. `prompter` is `None` for `--no-input`:
/// unanswered questions take their defaults.
pub fn walk(
    tree: &DecisionTree,
    given: &Answers,
    prompter: Option<&mut dyn Prompter>,
) -> Result<Walk, Error> {
    let mode = match prompter {
        Some(p) => Unanswered::Ask(p),
        None => Unanswered::Default,
    };
    match run(tree, given, mode)? {
        Ended::Leaf(walk) => Ok(walk),
        Ended::At(q) => Err(bad_tree(tree, format!("stopped at `{}`", q.id))),
    }
}

/// The next question to ask after `answers` (given or answered so far), or
/// `None` when they already lead to a leaf. Pure: this is how the static
/// site enumerates the questionnaire (one page per question reached).
pub fn next_question<'t>(tree: &'t DecisionTree, answers: &Answers) -> Option<&'t Question> {
    match run(tree, answers, Unanswered::Stop) {
        Ok(Ended::At(q)) => Some(q),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> &'static DecisionTree {
        crate::catalog::shipped_for_tests()
            .trees
            .iter()
            .find(|t| t.id == "architecture")
            .expect("default tree")
    }

    fn scripted(replies: &[&str]) -> Scripted {
        Scripted(
            replies
                .iter()
                .map(|r| {
                    if *r == "<back>" {
                        Reply::Back
                    } else {
                        Reply::Answer((*r).to_owned())
                    }
                })
                .collect(),
        )
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn asks_until_a_leaf() {
        let tree = tree();
        let mut prompter = scripted(&["production", "yes", "on-site-compute"]);
        let walked = walk(tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.leaf, "edge-computing");
        assert_eq!(walked.path.len(), 3);
        assert!(walked.path.iter().all(|s| s.source == Source::Asked));
    }

    #[test]
    fn back_returns_to_the_previous_question() {
        let tree = tree();
        let mut prompter = scripted(&["production", "no", "<back>", "yes", "on-site-compute"]);
        let walked = walk(tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.path[1].answer, "yes");
        assert_eq!(walked.leaf, "edge-computing");
    }

    #[test]
    fn back_at_the_first_question_stays_there() {
        let tree = tree();
        let mut prompter = scripted(&["<back>", "learning"]);
        let walked = walk(tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.leaf, "monolith");
    }

    #[test]
    fn given_answers_are_not_asked_and_defaults_are_assumed() {
        let tree = tree();
        let given = answers(&[("team-size", "11-50")]);
        let walked = walk(tree, &given, None).unwrap();
        assert!(walked.path.iter().any(|s| s.source == Source::Given));
        assert!(
            walked
                .path
                .iter()
                .all(|s| s.assumed || s.key == "team-size" || s.source == Source::Repeated)
        );
    }

    #[test]
    fn a_fact_routes_again_without_being_asked_again() {
        let tree = tree();
        // team-size is asked once and routes again at the end of the path.
        let mut prompter = scripted(&[]);
        let walked = walk(tree, &Answers::new(), Some(&mut prompter)).unwrap();
        let team: Vec<&Step> = walked
            .path
            .iter()
            .filter(|s| s.key == "team-size")
            .collect();
        assert!(team.len() >= 2, "{team:?}");
        assert!(team[1..].iter().all(|s| s.source == Source::Repeated));
    }

    #[test]
    fn a_given_fact_that_routes_again_is_listed_once() {
        let tree = tree();
        // The default tree asks `existing-system` early and again on the
        // large-team branch.
        let given = answers(&[
            ("team-size", "50+"),
            ("stage", "production"),
            ("existing-system", "monolith"),
            ("domains", "many"),
        ]);
        let walked = walk(tree, &given, None).unwrap();
        let routes = walked.path.iter().filter(|s| s.key == "existing-system");
        assert!(routes.clone().count() >= 2, "{:?}", walked.path);
        let listed: Vec<&Step> = walked
            .answers()
            .filter(|s| s.key == "existing-system")
            .collect();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].source, Source::Given);
    }

    #[test]
    fn unknown_follows_the_default_route() {
        let tree = tree();
        let known = walk(tree, &answers(&[("kubernetes", "no")]), None).unwrap();
        let unknown = walk(tree, &answers(&[("kubernetes", "unknown")]), None).unwrap();
        assert_eq!(known.leaf, unknown.leaf);
        assert!(
            unknown
                .path
                .iter()
                .any(|s| s.answer == UNKNOWN && s.is_weak())
        );
    }

    #[test]
    fn implied_answers_route_like_given_ones() {
        let tree = tree();
        let walked = walk(tree, &answers(&[("edge-kind", "near-user-latency")]), None).unwrap();
        assert_eq!(walked.leaf, "edge-computing");
        assert!(
            walked
                .path
                .iter()
                .any(|s| s.key == "edge-latency" && s.source == Source::Implied)
        );
    }

    #[test]
    fn next_question_enumerates_the_questionnaire() {
        let tree = tree();
        assert_eq!(next_question(tree, &Answers::new()).unwrap().key, "stage");
        let mut given = answers(&[("stage", "production")]);
        assert_eq!(next_question(tree, &given).unwrap().key, "edge-latency");
        given.insert("edge-latency".into(), "yes".into());
        given.insert("edge-kind".into(), "on-site-compute".into());
        assert!(next_question(tree, &given).is_none(), "a leaf");
    }

    /// Every distinct root-to-leaf path, walked with `next_question`: the
    /// static site renders one page per leaf; keep them modest.
    #[test]
    fn the_questionnaire_has_a_modest_number_of_leaves_and_short_paths() {
        let tree = tree();
        let mut stack = vec![Answers::new()];
        let mut leaves = 0usize;
        let mut lengths = Vec::new();
        while let Some(given) = stack.pop() {
            match next_question(tree, &given) {
                None => {
                    leaves += 1;
                    lengths.push(given.len());
                }
                Some(q) => {
                    for c in q.choices.iter() {
                        let mut next = given.clone();
                        next.insert(q.key.clone(), c.value.clone());
                        stack.push(next);
                    }
                }
            }
            assert!(leaves <= 100_000);
        }
        lengths.sort_unstable();
        assert!(leaves <= 1500, "{leaves} leaves");
        // Counted over leaves, the long tails (several teams on an existing
        // system) dominate; a path with a decisive "yes" is much shorter.
        let median = lengths[lengths.len() / 2];
        assert!(median <= 14, "median path {median}");
        assert!(lengths.iter().all(|l| *l <= 16));
    }

    #[test]
    fn every_question_of_a_fact_has_the_same_default_and_values() {
        let tree = tree();
        for key in tree.keys() {
            let mut questions = tree.questions_for(key);
            let first = questions.next().unwrap();
            let values: Vec<&str> = first.choices.iter().map(|c| &*c.value).collect();
            for q in questions {
                assert_eq!(q.default, first.default, "{}", q.id);
                let other: Vec<&str> = q.choices.iter().map(|c| &*c.value).collect();
                assert_eq!(other, values, "{}", q.id);
            }
        }
    }

    #[test]
    fn unknown_keys_and_values_are_rejected_with_the_valid_ones() {
        let tree = tree();
        let e = check_answers(tree, &answers(&[("teamsize", "3-10")])).unwrap_err();
        assert!(format!("{e:?}").contains("team-size"));
        let e = check_answers(tree, &answers(&[("team-size", "huge")])).unwrap_err();
        assert!(format!("{e:?}").contains("11-50"));
        assert!(check_answers(tree, &answers(&[("team-size", "unknown")])).is_ok());
    }

    #[test]
    fn every_core_pattern_is_a_leaf_of_some_path() {
        let tree = tree();
        let leaves: Vec<&str> = tree
            .questions
            .iter()
            .flat_map(|q| q.choices.iter())
            .filter_map(|c| match &c.outcome {
                Outcome::Recommend(p) => Some(&**p),
                Outcome::Next(_) => None,
            })
            .collect();
        let core: Vec<&str> = crate::catalog::shipped_for_tests()
            .patterns
            .iter()
            .filter(|p| p.core)
            .map(|p| &*p.id)
            .collect();
        assert_eq!(core.len(), 12);
        for id in core {
            assert!(leaves.contains(&id), "{id} is reachable");
        }
    }
}
