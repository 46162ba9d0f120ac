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
/// Every dangerous character is a C0/DEL byte, or a two-byte start C2 80–9F
/// (C1 controls), D8 9C (U+061C) or E2 80 / E2 81 (bidi marks; also dashes
/// and quotes, which the exact check then clears). Branch-free folds over
/// bytes and byte pairs, so the compiler vectorises them; box drawing
/// (E2 94, E2 95) passes without the exact check.
fn surely_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let controls = bytes.iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\n')) | (b == 0x7f)
    });
    let pairs =
        bytes
            .iter()
            .zip(bytes.get(1..).unwrap_or_default())
            .fold(false, |acc, (&b, &next)| {
                acc | ((b == 0xc2) & ((next & 0xe0) == 0x80))
                    | ((b == 0xd8) & (next == 0x9c))
                    | ((b == 0xe2) & ((next == 0x80) | (next == 0x81)))
            });
    !(controls | pairs)
}

/// `is_dangerous` for any character of `text`, decided on UTF-8 bytes: text
/// with the lead bytes above (box drawing, quotes, dashes, Vietnamese) is
/// common, and decoding it char by char was most of the sanitiser's time.
fn has_dangerous(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match b {
            b'\n' => false,
            0x00..=0x1f | 0x7f => true,
            // U+0080..=U+009F (C1 controls).
            0xc2 => matches!(next(1), 0x80..=0x9f),
            // U+061C (Arabic letter mark).
            0xd8 => next(1) == 0x9c,
            // U+200E, U+200F, U+202A..=U+202E, U+2066..=U+2069.
            0xe2 => match next(1) {
                0x80 => matches!(next(2), 0x8e | 0x8f | 0xaa..=0xae),
                0x81 => matches!(next(2), 0xa6..=0xa9),
                _ => false,
            },
            _ => false,
        }
    })
}

/// Replaces every dangerous character with a visible escape such as `\u{1b}`;
/// tabs become four spaces. Newlines are kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if surely_clean(text) || !has_dangerous(text) {
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

/// Serialises `value` as pretty JSON for the terminal or a pipe. serde_json
/// escapes C0 controls itself; DEL, C1 controls and bidi marks it leaves
/// raw, and these are escaped here as `\uXXXX` (they can only stand inside
/// JSON strings, so the document decodes to the same values).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).expect("views serialize to JSON");
    let mut out = match surely_clean(&json) || !has_dangerous(&json) {
        true => json,
        false => {
            let mut out = String::with_capacity(json.len() + 16);
            for c in json.chars() {
                match c {
                    '\n' | '\t' | '\r' => out.push(c),
                    c if is_dangerous(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out
        }
    };
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level check agrees with the char-level rule on every
    /// character, alone and between others.
    #[test]
    fn byte_check_matches_the_char_rule_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let alone = c.to_string();
            let framed = format!("a{c}─");
            assert_eq!(has_dangerous(&alone), is_dangerous(c), "{:x}", c as u32);
            assert_eq!(has_dangerous(&framed), is_dangerous(c), "{:x}", c as u32);
            if is_dangerous(c) {
                assert!(!surely_clean(&framed), "{:x}", c as u32);
            }
        }
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let text = "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e\u{2066}f ─ é";
        let json = to_json(&[text]);
        assert!(!has_dangerous(&json), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [text]);
    }

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
