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
/// Dangerous characters are C0/DEL bytes, or start with 0xC2 (C1 controls),
/// 0xD8 (U+061C) or 0xE2 0x80/0x81 (bidi marks); box drawing (0xE2 0x94…)
/// and other text pass.
fn surely_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| match b {
        b'\n' => true,
        0..=0x1f | 0x7f | 0xc2 | 0xd8 => false,
        0xe2 => !matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        _ => true,
    })
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
        assert_eq!(clean("┌─┐ é Kiến trúc “quoted” — dash"), "┌─┐ é Kiến trúc “quoted” — dash");
        assert_eq!(clean("\u{200f}\u{2066}\u{61c}"), "\\u{200f}\\u{2066}\\u{61c}");

    }
}
