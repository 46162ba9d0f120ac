//! Text layout helpers: display width (`unicode-width`), wrapping
//! (`textwrap`), cutting, padding and side-by-side columns.
//!
//! These replaced hand-written byte-level width and wrapping code (issue
//! #16, item 6). The swap has not been benchmarked yet: rerun
//! `benches/run.sh` (`show sidecar`, `compare --all`, `lint`) before
//! bringing a fast path back, and keep one only for a difference a user
//! can feel.

use unicode_width::UnicodeWidthStr;

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to at most `max` columns, ending it with `…` when cut (never
/// inside a character; `max` 0 gives nothing).
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        // Measured like `width` measures (a control character counts one).
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Wraps text to `max` columns (at least 10), prefixing the first line with
/// `first` and the rest with `rest`. Greedy, between words only: a word is
/// never split, not even at a hyphen, so an id, a URL or a path stays whole
/// (and copyable) and overflows instead. Runs of whitespace, line breaks
/// included, count as one space. (Sanitising happens when the lines are
/// written to `Out`.)
pub fn wrap(text: &str, max: usize, first: &str, rest: &str) -> Vec<String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return vec![first.to_owned()];
    }
    let options = textwrap::Options::new(max.max(10))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(&words, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// Pads to `columns` display columns.
pub fn pad(text: &str, columns: usize) -> String {
    let missing = columns.saturating_sub(width(text));
    let mut padded = String::with_capacity(text.len() + missing);
    padded.push_str(text);
    padded.extend(std::iter::repeat_n(' ', missing));
    padded
}

/// Lays two lists of wrapped lines side by side in columns of `column` width.
pub fn side_by_side(left: &[String], right: &[String], column: usize, gap: usize) -> Vec<String> {
    (0..left.len().max(right.len()))
        .map(|i| {
            let l = left.get(i).map_or("", String::as_str);
            let r = right.get(i).map_or("", String::as_str);
            if r.is_empty() {
                l.trim_end().to_owned()
            } else {
                format!("{}{}{r}", pad(l, column), " ".repeat(gap))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_greedily_with_prefixes() {
        assert_eq!(
            wrap("aa bb cc dd", 12, "- ", "  "),
            vec!["- aa bb cc", "  dd"]
        );
        assert_eq!(wrap("", 20, "- ", "  "), vec!["- "]);
        let long = "https://example.com/a/very/long/path/that/does/not/fit";
        assert_eq!(wrap(long, 20, "", ""), vec![long]);
        assert_eq!(wrap("no limit", usize::MAX, "", ""), vec!["no limit"]);
        assert_eq!(wrap("a\n  b", 20, "", ""), vec!["a b"]);
    }

    /// Ids stay whole: `api-version` is never cut at its hyphen.
    #[test]
    fn never_splits_at_hyphens() {
        let lines = wrap(
            "set the api-version field and the service-mesh id",
            14,
            "",
            "",
        );
        assert!(lines.iter().any(|l| l.contains("api-version")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("service-mesh")),
            "{lines:?}"
        );
    }

    #[test]
    fn truncates_on_character_boundaries() {
        assert_eq!(truncate("字字字", 4), "字…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 1), "…");
        for max in 0..8 {
            assert!(width(&truncate("ab字c…d", max)) <= max.max(1));
        }
    }
}
