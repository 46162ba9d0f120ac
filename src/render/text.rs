//! Text layout helpers: display width, wrapping, padding, side-by-side columns.

/// Display width in terminal columns (control characters count as none).
pub fn width(text: &str) -> usize {
    let bytes = text.as_bytes();
    if bytes.iter().all(|b| (0x20..0x7f).contains(b)) {
        return text.len();
    }
    if all_narrow(bytes) {
        // Every character is one column: count the characters (the bytes
        // that do not continue a UTF-8 sequence).
        return bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count();
    }

    // Diagrams are mostly box drawing, blocks, arrows and ASCII, all one column
    // wide: count those from their UTF-8 bytes and decode only the rest.
    let (mut i, mut columns) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            0x20..=0x7e => i += 1,
            // U+2180..U+21FF arrows, U+2500..U+25BF box drawing and blocks.
            0xe2 if matches!(bytes.get(i + 1), Some(0x86 | 0x87 | 0x94..=0x96)) => i += 3,
            _ => {
                let c = text[i..].chars().next().expect("i is a char boundary");
                columns += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                i += c.len_utf8();
                continue;
            }
        }
        columns += 1;
    }
    columns
}

/// True when every character is printable ASCII, or arrows, box drawing or
/// blocks (U+2180..U+21FF, U+2500..U+25BF: lead byte E2, then 86, 87 or
/// 94..96), all one column wide: what diagrams are made of. Decided by
/// branch-free folds over bytes and byte pairs, which the compiler
/// vectorises (lint measures every line of every diagram).
fn all_narrow(bytes: &[u8]) -> bool {
    let other = bytes.iter().fold(false, |acc, &b| {
        // A control, or the lead byte of any sequence but E2.
        acc | (b < 0x20) | (b == 0x7f) | ((b >= 0xc0) & (b != 0xe2))
    });
    let pairs = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(false, |acc, (&b, &next)| {
            acc | ((b == 0xe2) & !matches!(next, 0x86 | 0x87 | 0x94..=0x96))
        });
    // A trailing E2 has no second byte to check.
    !(other | pairs | (bytes.last() == Some(&0xe2)))
}

/// Cuts text to at most `max` columns, ending it with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Wraps text to `width` columns, prefixing the first line with `first` and
/// the rest with `rest`. Greedy, on spaces only: a word is never split, so a
/// long URL or path overflows rather than breaks. (Sanitising happens when the
/// lines are written to `Out`.)
pub fn wrap(text: &str, max: usize, first: &str, rest: &str) -> Vec<String> {
    let max = max.max(10);
    let mut lines = Vec::new();
    let mut line = String::with_capacity(max.min(256));
    line.push_str(first);
    let mut line_width = width(first);
    let mut empty = true;
    // ASCII text (most of the catalog's prose) splits on bytes; the only
    // ASCII character `split_whitespace` splits on and this does not is
    // U+000B, which sanitised text never holds.
    let words: &mut dyn Iterator<Item = &str> = if text.is_ascii() && !text.contains('\u{b}') {
        &mut text.split_ascii_whitespace()
    } else {
        &mut text.split_whitespace()
    };
    for word in words {
        let word_width = width(word);
        if !empty && line_width + 1 + word_width > max {
            let mut next = String::with_capacity(line.capacity());
            next.push_str(rest);
            lines.push(std::mem::replace(&mut line, next));
            line_width = width(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Pads to `width` display columns.
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
    use unicode_width::UnicodeWidthChar;

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
    }

    /// The byte-level shortcut agrees with unicode-width on every character
    /// of the Basic Multilingual Plane and beyond, alone and in a line.
    #[test]
    fn width_agrees_with_unicode_width() {
        let mut line = String::new();
        let mut expected = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let w = c.width().unwrap_or(0);
            assert_eq!(width(c.encode_utf8(&mut [0; 4])), w, "{c:?}");
            // Between diagram characters (the narrow fast path's input).
            assert_eq!(width(&format!("│{c}─→")), w + 3, "{c:?} in a diagram line");
            line.push(c);
            expected += w;
        }
        assert_eq!(width(&line), expected);
    }
}
