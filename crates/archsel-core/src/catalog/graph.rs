//! The knowledge graph: one petgraph graph with a node per pattern and per
//! decision-tree question, an edge per relation and per answer. Commands ask
//! it for neighbours and paths instead of re-reading the model's lists.

use super::model::{DecisionTree, Outcome, Pattern};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

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
