//! A small YAML tree with line numbers, built from granit-parser's events
//! (the parser serde-saphyr uses), with bounded alias expansion and nesting.

use granit_parser::{ErrorKind, Event, Parser};
use std::borrow::Cow;
use std::collections::HashMap;

/// Nodes an alias may copy, per file, before the file is refused (alias bombs).
const ALIAS_BUDGET: usize = 100_000;
/// Collections nested deeper than this are refused (the parser also limits it).
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    /// 1-based line where the node starts.
    pub line: u32,
    pub kind: Kind<'a>,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind<'a> {
    Scalar(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    pub fn str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entry(key).map(|(_, v)| v)
    }
    /// The key node and value under `key` of a mapping (the key carries the line).
    pub fn entry(&self, key: &str) -> Option<(&Node<'a>, &Node<'a>)> {
        match &self.kind {
            Kind::Map(m) => m
                .iter()
                .find(|(k, _)| k.str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::str)
    }
    pub fn path(&self, keys: &[&str]) -> Option<&Node<'a>> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }
    pub fn seq(&self) -> &[Node<'a>] {
        match &self.kind {
            Kind::Seq(s) => s,
            _ => &[],
        }
    }
    pub fn map(&self) -> &[(Node<'a>, Node<'a>)] {
        match &self.kind {
            Kind::Map(m) => m,
            _ => &[],
        }
    }
    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }
    /// Map entries with string keys.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Node<'a>, &Node<'a>)> {
        self.map()
            .iter()
            .filter_map(|(k, v)| k.str().map(|s| (s, k, v)))
    }
    fn size(&self) -> usize {
        match &self.kind {
            Kind::Scalar(_) => 1,
            Kind::Seq(s) => 1 + s.iter().map(Node::size).sum::<usize>(),
            Kind::Map(m) => 1 + m.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }
}

/// The scalar values under `n` (sequence items, mapping values, not keys),
/// with their lines. Bounded in depth.
pub(crate) fn scalars(n: &Node, out: &mut Vec<(String, u32)>) {
    fn go(n: &Node, out: &mut Vec<(String, u32)>, depth: u32) {
        if depth > 16 {
            return;
        }
        match &n.kind {
            Kind::Scalar(s) => out.push((s.to_string(), n.line)),
            Kind::Seq(items) => items.iter().for_each(|i| go(i, out, depth + 1)),
            Kind::Map(m) => m.iter().for_each(|(_, v)| go(v, out, depth + 1)),
        }
    }
    go(n, out, 0);
}

#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    pub line: u32,
    pub message: String,
    /// A bound was hit (alias budget, nesting depth): hostile or broken
    /// input, whatever the file is meant to be; not a plain syntax error.
    pub limit: bool,
}

enum Frame<'a> {
    Seq(u32, usize, Vec<Node<'a>>),
    Map(u32, usize, Vec<(Node<'a>, Node<'a>)>, Option<Node<'a>>),
}

/// Loads every document of a YAML stream. Documents before an error are kept.
pub(crate) fn load_all(text: &str) -> (Vec<Node<'_>>, Option<YamlError>) {
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut budget = ALIAS_BUDGET;
    let mut root: Option<Node> = None;
    let parser = Parser::new_from_str(text);
    for ev in parser {
        let (ev, span) = match ev {
            Ok(x) => x,
            Err(e) => {
                let m = e.marker();
                let limit = matches!(
                    e.kind(),
                    ErrorKind::RecursionLimitExceeded
                        | ErrorKind::InputByteLimitExceeded { .. }
                        | ErrorKind::AnchorCountOverflow
                );
                return (
                    docs,
                    Some(YamlError {
                        line: m.line() as u32,
                        message: e.kind().to_string(),
                        limit,
                    }),
                );
            }
        };
        let line = span.start.line() as u32;
        let done: Option<(Node, usize)> = match ev {
            Event::DocumentStart(..) => {
                anchors.clear();
                None
            }
            Event::DocumentEnd => {
                if let Some(r) = root.take() {
                    docs.push(r);
                }
                None
            }
            Event::Scalar(s, _, anchor, _) => Some((
                Node {
                    line,
                    kind: Kind::Scalar(s),
                },
                anchor,
            )),
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    let size = n.size();
                    if size > budget {
                        return (
                            docs,
                            Some(YamlError {
                                line,
                                message: format!(
                                    "aliases expand to more than {ALIAS_BUDGET} nodes (alias bomb?); file not read"
                                ),
                                limit: true,
                            }),
                        );
                    }
                    budget -= size;
                    let mut copy = n.clone();
                    copy.line = line;
                    Some((copy, 0))
                }
                None => Some((
                    Node {
                        line,
                        kind: Kind::Scalar(Cow::Borrowed("")),
                    },
                    0,
                )),
            },
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return (
                        docs,
                        Some(YamlError {
                            line,
                            message: format!("nested deeper than {MAX_DEPTH} levels"),
                            limit: true,
                        }),
                    );
                }
                if matches!(ev, Event::SequenceStart(..)) {
                    stack.push(Frame::Seq(line, anchor, Vec::new()));
                } else {
                    stack.push(Frame::Map(line, anchor, Vec::new(), None));
                }
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(l, a, v)) => Some((
                    Node {
                        line: l,
                        kind: Kind::Seq(v),
                    },
                    a,
                )),
                Some(Frame::Map(l, a, v, _)) => Some((
                    Node {
                        line: l,
                        kind: Kind::Map(v),
                    },
                    a,
                )),
                None => None,
            },
            _ => None,
        };
        if let Some((node, anchor)) = done {
            if anchor != 0 {
                let size = node.size();
                if size > budget {
                    return (
                        docs,
                        Some(YamlError {
                            line,
                            message: "anchored nodes exceed the alias budget".into(),
                            limit: true,
                        }),
                    );
                }
                budget -= size.min(budget);
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                Some(Frame::Seq(_, _, v)) => v.push(node),
                Some(Frame::Map(_, _, v, key)) => match key.take() {
                    Some(k) => v.push((k, node)),
                    None => *key = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    (docs, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_multi_doc() {
        let (docs, err) = load_all("a: 1\nb:\n  - x\n---\nkind: Service\n");
        assert!(err.is_none());
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].entry("b").unwrap().0.line, 2);
        assert_eq!(docs[1].get_str("kind"), Some("Service"));
        assert_eq!(docs[1].entry("kind").unwrap().0.line, 5);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            s.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = c;
        }
        let t = std::time::Instant::now();
        let (_, err) = load_all(&s);
        assert!(err.unwrap().message.contains("alias"));
        assert!(t.elapsed().as_secs() < 2);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = "[".repeat(10_000);
        let (_, err) = load_all(&s);
        assert!(err.is_some());
    }
}
