//! Where a document of rendered output came from. `helm template` writes
//! `# Source: CHART/templates/FILE.yaml` before each document it renders;
//! on standard input a line number alone points nowhere the user can open,
//! so evidence read there also names the template (`rendered_from`).

/// Longest template name kept: a real one is a short path.
const MAX_NAME: usize = 256;

/// Stretches of one input, in order: the line each starts at (1-based) and
/// the template named by the nearest `# Source:` comment of its document.
/// A stretch starts only where the name changes, so that a stream of empty
/// documents (`---` lines) costs nothing.
#[derive(Debug, Default)]
pub(crate) struct Origins(Vec<(u32, Option<String>)>);

impl Origins {
    pub fn scan(text: &[u8]) -> Origins {
        let mut stretches: Vec<(u32, Option<String>)> = vec![(1, None)];
        let mut doc_start = 1;
        for (i, line) in text.split(|b| *b == b'\n').enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            // Only at column 0: an indented `---` or `# Source:` is inside a
            // block scalar (a ConfigMap's data), not a document boundary.
            if line == b"---" || line.starts_with(b"--- ") || line.starts_with(b"---\t") {
                // A comment before the marker belongs to the document it
                // closes; the new document is unnamed until one names it.
                doc_start = n;
                if stretches.last().is_some_and(|s| s.1.is_some()) {
                    stretches.push((n, None));
                }
            } else if let Some(rest) = line.strip_prefix(b"# Source:") {
                let name: String = String::from_utf8_lossy(rest)
                    .trim()
                    .chars()
                    // printed on a terminal: no control characters
                    .filter(|c| !c.is_control())
                    .take(MAX_NAME)
                    .collect();
                if name.is_empty() {
                    continue;
                }
                match stretches.last_mut() {
                    Some(last) if last.0 == doc_start => last.1 = Some(name),
                    _ => stretches.push((doc_start, Some(name))),
                }
            }
        }
        Origins(stretches)
    }

    /// The template the document holding `line` was rendered from.
    pub fn at(&self, line: u32) -> Option<&str> {
        let i = self.0.partition_point(|(start, _)| *start <= line);
        self.0[..i].last()?.1.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::Origins;

    #[test]
    fn nearest_source_comment_of_the_same_document() {
        let text = b"# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/b.yaml\nkind: B\n---\nkind: C\n  # Source: not/a/comment\n";
        let o = Origins::scan(text);
        assert_eq!(o.at(2), Some("c/templates/a.yaml"));
        assert_eq!(o.at(5), Some("c/templates/b.yaml"));
        // a document with no comment of its own is not named after the last one
        assert_eq!(o.at(7), None);
        assert_eq!(o.at(0), None);
        assert_eq!(o.at(u32::MAX), None);
    }

    #[test]
    fn empty_documents_before_a_named_one_are_not_named() {
        let o = Origins::scan(b"---\n---\n---\n# Source: t.yaml\nkind: A\n---\n---\n");
        assert_eq!(o.0.len(), 3);
        assert_eq!(o.at(2), None);
        assert_eq!(o.at(3), Some("t.yaml"));
        assert_eq!(o.at(5), Some("t.yaml"));
        assert_eq!(o.at(6), None);
        assert_eq!(o.at(7), None);
    }
}
