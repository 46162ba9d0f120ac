//! The knowledge graph: one petgraph graph with a node per pattern and per
//! decision-tree question, an edge per relation and per answer. Commands ask
//! it for neighbours and paths instead of re-reading the model's lists.

use super::model::{DecisionTree, Outcome, Pattern};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeFiltered, EdgeRef};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Index into `Catalog::patterns`.
    Pattern(usize),
    /// Tree index and question index.
    Question { tree: usize, question: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edge {
    Relation { kind: String, note: Option<String> },
    Answer { value: String },
}

/// A relation seen from one pattern: outgoing as written, or incoming (the
/// inverse, e.g. "evolves from").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbour<'a> {
    pub kind: &'a str,
    pub outgoing: bool,
    pub pattern: usize,
    pub note: Option<&'a str>,
}

/// What a decision tree's walk can reach (see [`KnowledgeGraph::reach`]).
#[derive(Clone, Debug, Default)]
pub struct TreeReach {
    /// Per question of the tree: can a walk ask it?
    pub questions: Vec<bool>,
    /// Indices of the patterns some path recommends.
    pub recommended: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    pattern_nodes: Vec<NodeIndex>,
    /// Per tree: the node of its first question (a tree's questions are
    /// added one after another) and how many it has.
    tree_nodes: Vec<(usize, usize)>,
}

impl KnowledgeGraph {
    /// Builds the graph; `pattern_index` finds a pattern by id. Relations
    /// and answers whose target is missing are left out (validation has
    /// reported them).
    pub fn build(
        patterns: &[Pattern],
        trees: &[DecisionTree],
        pattern_index: impl Fn(&str) -> Option<usize>,
    ) -> Self {
        let mut graph = DiGraph::with_capacity(patterns.len(), patterns.len() * 4);
        let pattern_nodes: Vec<NodeIndex> = (0..patterns.len())
            .map(|i| graph.add_node(Node::Pattern(i)))
            .collect();
        for (pattern, &from) in patterns.iter().zip(&pattern_nodes) {
            for relation in pattern.relations.iter() {
                if let Some(to) = pattern_index(&relation.target) {
                    graph.add_edge(
                        from,
                        pattern_nodes[to],
                        Edge::Relation {
                            kind: relation.kind.clone(),
                            note: relation.note.clone(),
                        },
                    );
                }
            }
        }
        let mut tree_nodes = Vec::with_capacity(trees.len());
        for (t, tree) in trees.iter().enumerate() {
            let first = graph.node_count();
            for q in 0..tree.questions.len() {
                graph.add_node(Node::Question {
                    tree: t,
                    question: q,
                });
            }
            tree_nodes.push((first, tree.questions.len()));
            let mut by_id: Vec<(&str, usize)> = tree
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (&*q.id, i))
                .collect();
            by_id.sort_unstable();
            let question = |id: &str| {
                by_id
                    .binary_search_by(|(q, _)| (*q).cmp(id))
                    .ok()
                    .map(|at| NodeIndex::new(first + by_id[at].1))
            };
            for (q, asked) in tree.questions.iter().enumerate() {
                let from = NodeIndex::new(first + q);
                for choice in asked.choices.iter() {
                    let to = match &choice.outcome {
                        Outcome::Next(next) => question(next),
                        Outcome::Recommend(id) => pattern_index(id).map(|i| pattern_nodes[i]),
                    };
                    if let Some(to) = to {
                        graph.add_edge(
                            from,
                            to,
                            Edge::Answer {
                                value: choice.value.clone(),
                            },
                        );
                    }
                }
            }
        }
        KnowledgeGraph {
            graph,
            pattern_nodes,
            tree_nodes,
        }
    }

    pub fn pattern_node(&self, pattern: usize) -> NodeIndex {
        self.pattern_nodes[pattern]
    }

    pub fn question_node(&self, tree: usize, question: usize) -> Option<NodeIndex> {
        let &(first, count) = self.tree_nodes.get(tree)?;
        (question < count).then(|| NodeIndex::new(first + question))
    }

    /// What a tree's walk can reach from question `root`: each of its
    /// questions (by index) and the patterns it can recommend (sorted).
    pub fn reach(&self, tree: usize, root: usize) -> TreeReach {
        let answers =
            EdgeFiltered::from_fn(&self.graph, |e| matches!(e.weight(), Edge::Answer { .. }));
        let (first, count) = self.tree_nodes.get(tree).copied().unwrap_or_default();
        let mut reach = TreeReach {
            questions: vec![false; count],
            recommended: Vec::new(),
        };
        if root >= count {
            return reach;
        }
        let mut dfs = Dfs::new(&answers, NodeIndex::new(first + root));
        while let Some(node) = dfs.next(&answers) {
            match self.graph[node] {
                Node::Question { question, .. } => reach.questions[question] = true,
                Node::Pattern(p) => reach.recommended.push(p),
            }
        }
        reach.recommended.sort_unstable();
        reach
    }

    /// The loops of a tree's `next` links: each as the indices of its
    /// questions, in question order.
    pub fn tree_cycles(&self, tree: usize) -> Vec<Vec<usize>> {
        let answers =
            EdgeFiltered::from_fn(&self.graph, |e| matches!(e.weight(), Edge::Answer { .. }));
        let Some(&(first, count)) = self.tree_nodes.get(tree) else {
            return Vec::new();
        };
        let in_tree = |n: NodeIndex| (first..first + count).contains(&n.index());
        petgraph::algo::tarjan_scc(&answers)
            .into_iter()
            .filter(|component| component.iter().all(|&n| in_tree(n)))
            .filter(|component| {
                component.len() > 1 || self.graph.contains_edge(component[0], component[0])
            })
            .map(|component| {
                let mut questions: Vec<usize> =
                    component.iter().map(|n| n.index() - first).collect();
                questions.sort_unstable();
                questions
            })
            .collect()
    }

    fn pattern_of(&self, node: NodeIndex) -> Option<usize> {
        match self.graph[node] {
            Node::Pattern(i) => Some(i),
            Node::Question { .. } => None,
        }
    }

    /// Every relation touching a pattern: its own (outgoing) in the order its
    /// file gives them, then those of other patterns (incoming) by their id,
    /// so that the order does not depend on the order files were read in.
    pub fn neighbours<'a>(&'a self, pattern: usize, patterns: &[Pattern]) -> Vec<Neighbour<'a>> {
        let node = self.pattern_nodes[pattern];
        let mut out = Vec::new();
        for direction in [Direction::Outgoing, Direction::Incoming] {
            let mut edges: Vec<_> = self.graph.edges_directed(node, direction).collect();
            edges.sort_by_key(|e| e.id());
            for edge in edges {
                let Edge::Relation { kind, note } = edge.weight() else {
                    continue;
                };
                let other = if direction == Direction::Outgoing {
                    edge.target()
                } else {
                    edge.source()
                };
                if let Some(p) = self.pattern_of(other) {
                    out.push(Neighbour {
                        kind,
                        outgoing: direction == Direction::Outgoing,
                        pattern: p,
                        note: note.as_deref(),
                    });
                }
            }
        }
        let incoming = out.iter().position(|n| !n.outgoing).unwrap_or(out.len());
        out[incoming..].sort_by(|a, b| patterns[a.pattern].id.cmp(&patterns[b.pattern].id));
        out
    }
}
