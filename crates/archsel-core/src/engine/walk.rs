//! Walking a decision tree: given answers are used, a fact already answered on
//! the path is not asked again, the rest are asked through a `Prompter` or
//! take the question's default (and are marked assumed).

use crate::Error;
use crate::catalog::model::{DecisionTree, Outcome, Question};
use serde::Serialize;
use std::collections::BTreeMap;

/// Facts the user gave up front (`--answer`, `--answers FILE`): key → value.
pub type Answers = BTreeMap<String, String>;

/// Where an answer on the path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Given with `--answer` or an answers file.
    Given,
    /// Answered at a prompt.
    Asked,
    /// Answered earlier on the path (the same fact asked again).
    Repeated,
    /// Nobody answered: the question's default.
    Assumed,
    /// Given, but no question on the path asks it: it counts in the scoring
    /// only (the criteria it weighs and the patterns it favours).
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

/// The path through the tree and the pattern it ends at.
#[derive(Clone, Debug, Serialize)]
pub struct Walk {
    pub path: Vec<Step>,
    pub leaf: String,
    /// Given answers the path never asked, each tied to the first question
    /// of the tree that asks its fact.
    pub unasked: Vec<Step>,
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
/// every value one of that fact's choices.
pub fn check_answers(tree: &DecisionTree, answers: &Answers) -> Result<(), Error> {
    let keys = tree.keys();
    for (key, value) in answers {
        if !keys.contains(&key.as_str()) {
            return Err(crate::suggest::unknown("question key", key, &keys));
        }
        let values = values_of(tree, key);
        if !values.contains(&value.as_str()) {
            return Err(crate::suggest::unknown(
                &format!("value for `{key}`"),
                value,
                &values,
            ));
        }
    }
    Ok(())
}

/// Every value a fact can take, over all the questions that ask it.
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

/// Given answers whose fact the path does not ask. A fact the user knows
/// still matters (a regulated system weighs security wherever the tree
/// leads), so the scoring counts the choice of the first question asking it.
fn unasked(tree: &DecisionTree, given: &Answers, path: &[Step]) -> Vec<Step> {
    given
        .iter()
        .filter(|(key, _)| !path.iter().any(|s| &s.key == *key))
        .filter_map(|(key, answer)| {
            let question = tree
                .questions_for(key)
                .find(|q| q.choice(answer).is_some())?;
            Some(Step {
                question: question.id.clone(),
                key: key.clone(),
                answer: answer.clone(),
                assumed: false,
                source: Source::Unasked,
            })
        })
        .collect()
}

/// Walks the tree from its root. `prompter` is `None` for `--no-input`.
pub fn walk(
    tree: &DecisionTree,
    given: &Answers,
    mut prompter: Option<&mut dyn Prompter>,
) -> Result<Walk, Error> {
    let mut path: Vec<Step> = Vec::new();
    let mut current = tree.root.clone();
    // The answer undone by going back, offered again as the starting choice.
    let mut undone: Option<String> = None;
    // A valid tree is acyclic; a bound keeps a broken one from looping.
    let mut budget = tree.questions.len() * 4 + 8;
    loop {
        budget = budget.checked_sub(1).ok_or_else(|| {
            Error::usage(
                format!("decision tree `{}` loops; run `archsel lint`", tree.id),
                None,
            )
        })?;
        let question = tree.question(&current).ok_or_else(|| {
            Error::usage(
                format!(
                    "decision tree `{}` has no question `{current}`; run `archsel lint`",
                    tree.id
                ),
                None,
            )
        })?;
        let known = given
            .get(&*question.key)
            .map(|v| (v.clone(), Source::Given))
            .or_else(|| {
                path.iter()
                    .find(|s| s.key == question.key)
                    .map(|s| (s.answer.clone(), Source::Repeated))
            })
            .filter(|(v, _)| question.choice(v).is_some());
        let (answer, source) = match (known, prompter.as_deref_mut()) {
            (Some(known), _) => known,
            (None, Some(prompter)) => {
                let can_go_back = path.iter().any(|s| s.source == Source::Asked);
                match prompter.ask(question, can_go_back, undone.take().as_deref())? {
                    Reply::Answer(value) if question.choice(&value).is_some() => {
                        (value, Source::Asked)
                    }
                    Reply::Answer(value) => {
                        let values: Vec<&str> =
                            question.choices.iter().map(|c| &*c.value).collect();
                        return Err(crate::suggest::unknown(
                            &format!("value for `{}`", question.key),
                            &value,
                            &values,
                        ));
                    }
                    Reply::Back => {
                        // Undo up to and including the last question asked.
                        if let Some(last) = path.iter().rposition(|s| s.source == Source::Asked) {
                            current = path[last].question.clone();
                            undone = Some(path[last].answer.to_string());
                            path.truncate(last);
                        }
                        continue;
                    }
                }
            }
            (None, None) => (question.default.clone(), Source::Assumed),
        };
        let choice = question.choice(&answer).ok_or_else(|| {
            Error::usage(
                format!(
                    "question `{}` has no choice `{answer}`; run `archsel lint`",
                    question.id
                ),
                None,
            )
        })?;
        path.push(Step {
            question: question.id.clone(),
            key: question.key.clone(),
            answer,
            assumed: source == Source::Assumed,
            source,
        });
        match &choice.outcome {
            Outcome::Next(next) => current = next.clone(),
            Outcome::Recommend(pattern) => {
                let unasked = unasked(tree, given, &path);
                return Ok(Walk {
                    path,
                    leaf: pattern.clone(),
                    unasked,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> DecisionTree {
        let loaded = crate::catalog::shipped_for_tests();
        loaded
            .catalog
            .trees
            .into_iter()
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

    #[test]
    fn asks_until_a_leaf() {
        let tree = tree();
        let mut prompter = scripted(&["1-2", "poc"]);
        let walked = walk(&tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.leaf, "monolith");
        assert_eq!(walked.path.len(), 2);
        assert!(walked.path.iter().all(|s| s.source == Source::Asked));
    }

    #[test]
    fn back_returns_to_the_previous_question() {
        let tree = tree();
        let mut prompter = scripted(&["1-2", "<back>", "50+", "yes"]);
        let walked = walk(&tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.path[0].answer, "50+");
        assert_eq!(walked.leaf, "hybrid-cloud");
    }

    #[test]
    fn back_at_the_first_question_stays_there() {
        let tree = tree();
        let mut prompter = scripted(&["<back>", "1-2", "learning"]);
        let walked = walk(&tree, &Answers::new(), Some(&mut prompter)).unwrap();
        assert_eq!(walked.leaf, "monolith");
    }

    #[test]
    fn given_answers_are_not_asked_and_defaults_are_assumed() {
        let tree = tree();
        let given: Answers = [("team-size".to_owned(), "11-50".to_owned())].into();
        let walked = walk(&tree, &given, None).unwrap();
        assert_eq!(walked.path[0].source, Source::Given);
        assert!(walked.path[1..].iter().all(|s| s.source == Source::Assumed));
        assert!(walked.path[1..].iter().all(|s| s.assumed));
    }

    #[test]
    fn a_fact_is_asked_once_per_path() {
        let tree = tree();
        // 50+ asks multi-cloud, then the large branch asks it again: repeated, not re-asked.
        let mut prompter = scripted(&["50+", "no", "no", "no", "steady", "no", "yes", "yes"]);
        let walked = walk(&tree, &Answers::new(), Some(&mut prompter)).unwrap();
        let multi: Vec<&Step> = walked
            .path
            .iter()
            .filter(|s| s.key == "multi-cloud")
            .collect();
        assert_eq!(multi.len(), 2);
        assert_eq!(multi[1].source, Source::Repeated);
        assert_eq!(walked.leaf, "service-mesh");
    }

    #[test]
    fn unknown_keys_and_values_are_rejected_with_the_valid_ones() {
        let tree = tree();
        let bad_key: Answers = [("teamsize".to_owned(), "3-10".to_owned())].into();
        let e = check_answers(&tree, &bad_key).unwrap_err();
        assert!(format!("{e:?}").contains("team-size"));
        let bad_value: Answers = [("team-size".to_owned(), "huge".to_owned())].into();
        let e = check_answers(&tree, &bad_value).unwrap_err();
        assert!(format!("{e:?}").contains("11-50"));
    }

    #[test]
    fn every_core_pattern_is_a_leaf_of_some_path() {
        let loaded = crate::catalog::shipped_for_tests();
        let tree = loaded
            .catalog
            .trees
            .iter()
            .find(|t| t.id == "architecture")
            .expect("default tree");
        let leaves: Vec<&str> = tree
            .questions
            .iter()
            .flat_map(|q| q.choices.iter())
            .filter_map(|c| match &c.outcome {
                Outcome::Recommend(p) => Some(&**p),
                Outcome::Next(_) => None,
            })
            .collect();
        let core: Vec<&str> = loaded
            .catalog
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
