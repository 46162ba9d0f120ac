//! Text layout helpers: display width, wrapping, padding, side-by-side columns.

use super::sanitize::clean;
use unicode_width::UnicodeWidthStr;

pub fn width(text: &str) -> usize {
    text.width()
}

/// Wraps (sanitised) text to `width` columns, prefixing the first line with
/// `first` and the rest with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let cleaned = clean(text).replace('\n', " ");
    // Words are never split: a long URL or path overflows rather than breaks.
    let options = textwrap::Options::new(width.max(10))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&cleaned, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Pads to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - w))
    }
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
