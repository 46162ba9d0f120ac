//! The two places the site calls the decision engine and the recommend
//! report: everything else in `site` goes through these.

use crate::Error;
use crate::catalog::Catalog;
use crate::catalog::model::{DecisionTree, Question};
use crate::engine::Recommendation;
use crate::engine::walk::{self, Answers};

/// What the engine does next for a set of answers.
pub enum Next<'t> {
    /// It asks this question.
    Ask(&'t Question),
    /// It has arrived at a leaf: the recommended pattern id.
    Leaf(String),
}

/// The question the engine asks next for these answers, or the leaf it
/// reaches.
pub fn next_question<'t>(tree: &'t DecisionTree, answers: &Answers) -> Result<Next<'t>, Error> {
    match crate::engine::next_question(tree, answers) {
        Some(question) => Ok(Next::Ask(question)),
        None => walk::walk(tree, answers, None).map(|walked| Next::Leaf(walked.leaf)),
    }
}

/// The recommendation for these answers and the markdown report of it: what
/// `archsel recommend --answer K=V... --format markdown` prints.
pub fn recommend_markdown(
    catalog: &Catalog,
    answers: &Answers,
) -> Result<(Recommendation, String), Error> {
    let rec = crate::commands::recommend::recommend_from(catalog, answers)?;
    let markdown = crate::commands::recommend::render_markdown(catalog, &rec, false);
    Ok((rec, markdown))
}
