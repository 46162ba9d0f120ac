//! Neutralises control characters in catalog text so that a catalog file can
//! never drive the user's terminal (colours, cursor moves, OSC 8 links, OSC 52
//! clipboard writes, bidi overrides).

use std::borrow::Cow;

/// True for characters that must not reach a terminal as they are.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// A byte-level pre-check: true when `text` cannot hold a dangerous character.
/// Every dangerous character is a C0/DEL byte or starts with 0xC2 (C1
/// controls), 0xD8 (U+061C) or 0xE2 (bidi marks). A branch-free fold, so the
/// compiler vectorises it; text with such lead bytes (box drawing, quotes)
/// gets the exact check.
fn surely_clean(text: &str) -> bool {
    let suspicious = text.as_bytes().iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\n')) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
    });
    !suspicious
}

/// Replaces every dangerous character with a visible escape such as `\u{1b}`;
/// tabs become four spaces. Newlines are kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if surely_clean(text) || !text.chars().any(is_dangerous) {
        return Cow::Borrowed(text);
    }

    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if is_dangerous(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `clean`, and newlines folded into spaces: for one-line contexts (table cells, titles).
pub fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_neutralised() {
        assert_eq!(clean("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(clean("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(clean("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(clean("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(clean("plain\ntext"), "plain\ntext");
        assert_eq!(clean_line("a\nb"), "a b");
        assert_eq!(
            clean("┌─┐ é Kiến trúc “quoted” — dash"),
            "┌─┐ é Kiến trúc “quoted” — dash"
        );
        assert_eq!(
            clean("\u{200f}\u{2066}\u{61c}"),
            "\\u{200f}\\u{2066}\\u{61c}"
        );
    }
}
