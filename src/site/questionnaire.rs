//! The decision tree as linked pages: each question a page, each answer a
//! link to the next page, each leaf the report `recommend` prints for the
//! answers on its path. The pages are found by walking the tree from its
//! root with the engine (through `adapter`), never from a list of keys.

use super::Site;
use super::adapter::{self, Next};
use super::catalog::pattern_path;
use super::html::{Nav, Page, esc};
use crate::Error;
use crate::catalog::model::DecisionTree;
use crate::engine::walk::Answers;
use std::fmt::Write as _;

/// At most this many questionnaire pages (questions and leaves): a tree that
/// needs more would not make a site anyone reads, and takes minutes to build.
pub const MAX_PAGES: usize = 20_000;

/// A path from the root: the answers in the order asked, each with the page
/// of the question that asked it.
#[derive(Clone, Default)]
struct State {
    /// `(key, value, asking page)`.
    steps: Vec<(String, String, String)>,
    /// Index of each choice taken: names the page.
    choices: Vec<usize>,
}

impl State {
    fn path(&self) -> String {
        if self.choices.is_empty() {
            return "questionnaire/index.html".into();
        }
        let parts: Vec<String> = self.choices.iter().map(|i| (i + 1).to_string()).collect();
        format!("questionnaire/a-{}.html", parts.join("-"))
    }
    fn answers(&self) -> Answers {
        self.steps
            .iter()
            .map(|(k, v, _)| (k.clone(), v.clone()))
            .collect()
    }
    /// `key=value;key=value`, in the order asked.
    fn meta(&self) -> String {
        let pairs: Vec<String> = self
            .steps
            .iter()
            .map(|(k, v, _)| format!("{k}={v}"))
            .collect();
        pairs.join(";")
    }
}

/// A questionnaire page in writing order: a question's, rendered during the
/// walk, or the index of a leaf rendered after it.
enum Slot {
    Question(Page),
    Leaf(usize),
}

/// What the questionnaire produced, for the command's summary.
#[derive(Default)]
pub struct Counts {
    pub questions: usize,
    pub leaves: usize,
}

pub fn tree_for<'c>(site: &Site<'c>) -> Option<&'c DecisionTree> {
    let trees = &site.catalog.trees;
    trees
        .iter()
        .find(|t| t.id == "architecture")
        .or_else(|| trees.first())
}

pub fn build(site: &mut Site) -> Result<Counts, Error> {
    let mut counts = Counts::default();
    let Some(tree) = tree_for(site) else {
        let mut page = site.page(
            "questionnaire/index.html",
            "Questionnaire",
            Nav::Questionnaire,
        );
        page.body = "<h1>Questionnaire</h1>\n<p>This catalog has no decision tree.</p>\n".into();
        site.write_page(page)?;
        return Ok(counts);
    };
    // Depth first, choices in the tree's order: pages come out in reading
    // order. A leaf holds a whole `recommend` report, most of the site's
    // work: the leaves are rendered on threads after the walk, then every
    // page is written in order.
    let mut pages: Vec<Slot> = Vec::new();
    let mut leaves: Vec<(State, Answers, String)> = Vec::new();
    let mut stack = vec![State::default()];
    while let Some(state) = stack.pop() {
        if counts.questions + counts.leaves >= site.max_pages {
            return Err(Error::usage(
                format!(
                    "decision tree `{}` has more than {} paths: too many questionnaire pages for a site",
                    tree.id, site.max_pages
                ),
                Some("ask fewer questions per path, or split the tree; `archsel lint` shows its shape".into()),
            ));
        }
        let answers = state.answers();
        match adapter::next_question(tree, &answers)? {
            Next::Ask(question) => {
                if answers.contains_key(&*question.key) {
                    return Err(Error::usage(
                        format!(
                            "decision tree `{}` asks `{}` again after `{}={}` (question `{}`): its pages cannot be enumerated",
                            tree.id, question.key, question.key, answers[&*question.key], question.id
                        ),
                        Some("give the questions that ask one fact the same choices; run `archsel lint`".into()),
                    ));
                }
                counts.questions += 1;
                let page_path = state.path();
                let mut children = Vec::new();
                for (i, choice) in question.choices.iter().enumerate() {
                    let mut next = state.clone();
                    next.steps.push((
                        question.key.clone(),
                        choice.value.clone(),
                        page_path.clone(),
                    ));
                    next.choices.push(i);
                    children.push(next);
                }
                pages.push(Slot::Question(question_page(
                    site, tree, &state, question, &children,
                )));
                stack.extend(children.into_iter().rev());
            }
            Next::Leaf(leaf) => {
                counts.leaves += 1;
                pages.push(Slot::Leaf(leaves.len()));
                leaves.push((state, answers, leaf));
            }
        }
    }
    let threads = archsel_core::parallel::threads_for(leaves.len(), 16);
    let shared: &Site = site;
    let mut rendered: Vec<Option<Result<Page, Error>>> =
        archsel_core::parallel::map(leaves, threads, |(state, answers, leaf)| {
            leaf_page(shared, &state, &answers, &leaf)
        });
    for page in pages {
        let page = match page {
            Slot::Question(question) => question,
            Slot::Leaf(leaf) => rendered[leaf].take().unwrap_or_else(|| {
                Err(Error::usage(
                    "a recommendation page could not be rendered",
                    Some("this is a bug in archsel; please report it".into()),
                ))
            })?,
        };
        site.write_page(page)?;
    }
    Ok(counts)
}

/// The answers so far, each with a link back to change it.
fn so_far(page: &Page, state: &State, title: &str) -> String {
    if state.steps.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section aria-labelledby=\"so-far\" class=\"so-far\">\n<h2 id=\"so-far\">{title}</h2>\n<ol>\n"
    );
    for (key, value, asked_on) in &state.steps {
        let _ = writeln!(
            out,
            "<li><code>{}</code> = <code>{}</code> <a href=\"{}\">change<span class=\"vh\"> {}</span></a></li>",
            esc(key),
            esc(value),
            page.href(asked_on),
            esc(key)
        );
    }
    out.push_str("</ol>\n</section>\n");
    out
}

fn question_page(
    site: &Site,
    tree: &DecisionTree,
    state: &State,
    question: &crate::catalog::model::Question,
    children: &[State],
) -> Page {
    let mut page = site.page(&state.path(), &question.prompt, Nav::Questionnaire);
    let mut body = String::new();
    if state.steps.is_empty() {
        let _ = writeln!(
            body,
            "<p class=\"lead\">{} Each answer is a link to the next question; the last page is the recommendation <code>archsel recommend</code> gives for the same answers.</p>",
            esc(&tree.description)
        );
    }
    let _ = writeln!(
        body,
        "<p class=\"step\">Question {}</p>\n<h1>{}</h1>",
        state.steps.len() + 1,
        esc(&question.prompt)
    );
    if let Some(help) = &question.help {
        let _ = writeln!(body, "<p>{}</p>", esc(help));
    }
    body.push_str("<ul class=\"choices\">\n");
    for (choice, child) in question.choices.iter().zip(children) {
        let default = if choice.value == question.default {
            " <span class=\"tag\">default</span>"
        } else {
            ""
        };
        let help = choice
            .help
            .as_deref()
            .map(|h| format!("<br><span class=\"help\">{}</span>", esc(h)))
            .unwrap_or_default();
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}</a> <code>{}={}</code>{default}{help}</li>",
            page.href(&child.path()),
            esc(&choice.label),
            esc(&question.key),
            esc(&choice.value)
        );
    }
    body.push_str("</ul>\n");
    body.push_str(&so_far(&page, state, "Your answers so far"));
    page.body = body;
    page
}

fn leaf_page(site: &Site, state: &State, answers: &Answers, leaf: &str) -> Result<Page, Error> {
    let (rec, markdown) = adapter::recommend_markdown(site.catalog, answers)?;
    let r = &rec.recommendation;
    if r.id != leaf {
        return Err(Error::usage(
            format!(
                "the walk ends at `{leaf}` but recommend answers `{}` for {}",
                r.id,
                state.meta()
            ),
            Some("this is a bug in archsel; please report it".into()),
        ));
    }
    let mut page = site.page(
        &state.path(),
        &format!("Recommendation: {}", r.name),
        Nav::Questionnaire,
    );
    page.meta.push(("archsel:recommendation", r.id.clone()));
    page.meta.push(("archsel:answers", state.meta()));
    let mut body = String::new();
    let _ = writeln!(body, "<h1>Recommendation: {}</h1>", esc(&r.name));
    if let Some(p) = site.catalog.pattern(&r.id) {
        let _ = writeln!(
            body,
            "<p class=\"lead\">Read the page of <a href=\"{}\">{}</a>.</p>",
            page.href(&pattern_path(p)),
            esc(&p.name)
        );
    }
    body.push_str(&so_far(&page, state, "Change an answer"));
    let mut command = String::from("archsel recommend");
    for (k, v, _) in &state.steps {
        let _ = write!(command, " --answer {k}={v}");
    }
    let _ = writeln!(
        body,
        "<p>The same from the command line:</p>\n<div class=\"scroll commands\" tabindex=\"0\" role=\"region\" aria-label=\"Command (scrolls sideways)\"><pre>{}</pre></div>",
        esc(&command)
    );
    let _ = writeln!(
        body,
        "<section class=\"report\" aria-label=\"Report\">\n{}</section>",
        super::markdown::to_html(&markdown)
    );
    let _ = writeln!(
        body,
        "<p><a href=\"{}\">Start again</a></p>",
        page.href("questionnaire/index.html")
    );
    page.body = body;
    Ok(page)
}
